/// How a response body is delimited on the wire (RFC 9112 §6).
enum BodyFraming: Equatable {
    /// `Content-Length: n`.
    case length(Int)
    /// `Transfer-Encoding: chunked`.
    case chunked
    /// No length: the body ends when the connection closes (streams to HTTP/1.0 clients).
    case closeDelimited
}

/// Encodes response heads and chunk framing straight into a byte buffer.
enum ResponseHeadEncoder {
    private static let statusLineOK: StaticString = "HTTP/1.1 200 OK\r\n"
    private static let framingHeaders: [[UInt8]] = [
        Array("content-length".utf8), Array("transfer-encoding".utf8), Array("connection".utf8), Array("date".utf8),
    ]

    /// Appends the status line and headers, with the framing, connection and date headers the server owns.
    ///
    /// The head is written into a scratch buffer sized for it and appended in one piece: about thirty small appends
    /// to the output array each paid its uniqueness and capacity checks.
    static func encodeHead(
        status: HTTPStatus, headers: HTTPHeaders, framing: BodyFraming, keepAlive: Bool, version: HTTPVersion,
        date: [UInt8], into buffer: inout [UInt8]
    ) {
        let isOK = status.code == 200 && status.reasonPhrase == "OK"
        status.reasonPhrase.withContiguousUTF8 { reason in
            headers.storage.withUnsafeBufferPointer { storage in
                var capacity = statusLineOK.utf8CodeUnitCount + reason.count + maxFixedFieldBytes + date.count
                for field in headers.fields { capacity += Int(field.valueEnd - field.nameStart) + 4 }
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { scratch in
                    var head = HeadWriter(scratch)
                    if isOK {
                        head.write(statusLineOK)
                    } else {
                        head.write("HTTP/1.1 ")
                        head.writeDecimal(status.code)
                        head.write(" ")
                        head.write(reason)
                        head.write("\r\n")
                    }
                    for field in headers.fields {
                        let name = UnsafeBufferPointer(rebasing: storage[Int(field.nameStart)..<Int(field.nameEnd)])
                        if isServerOwned(name) { continue }
                        head.write(name)
                        head.write(": ")
                        head.write(UnsafeBufferPointer(rebasing: storage[Int(field.nameEnd)..<Int(field.valueEnd)]))
                        head.write("\r\n")
                    }
                    switch framing {
                    case .length(let length):
                        head.write("content-length: ")
                        head.writeDecimal(length)
                        head.write("\r\n")
                    case .chunked:
                        head.write("transfer-encoding: chunked\r\n")
                    case .closeDelimited:
                        break
                    }
                    if !keepAlive {
                        head.write("connection: close\r\n")
                    } else if version == .http1_0 {
                        head.write("connection: keep-alive\r\n")
                    }
                    head.write("date: ")
                    head.write(date)
                    head.write("\r\n\r\n")
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<head.count]))
                }
            }
        }
    }

    /// The most bytes the server's own fields take: `content-length` with 20 digits, `connection: keep-alive`,
    /// `date: ` and the blank line (the date's bytes are counted separately).
    private static let maxFixedFieldBytes = 38 + 24 + 10

    /// Writes into a scratch buffer that the caller sized for everything written.
    private struct HeadWriter {
        let scratch: UnsafeMutableBufferPointer<UInt8>
        private(set) var count = 0

        init(_ scratch: UnsafeMutableBufferPointer<UInt8>) {
            self.scratch = scratch
        }

        mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            precondition(count + bytes.count <= scratch.count, "response head larger than its scratch buffer")
            (scratch.baseAddress! + count).initialize(from: base, count: bytes.count)
            count += bytes.count
        }

        mutating func write(_ bytes: [UInt8]) {
            bytes.withUnsafeBufferPointer { write($0) }
        }

        mutating func write(_ text: StaticString) {
            write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }

        mutating func writeDecimal(_ value: Int) {
            var digits = String(value)
            digits.withUTF8 { write($0) }
        }
    }

    /// Appends one chunk (RFC 9112 §7.1): size in hex, CRLF, data, CRLF. Empty data is skipped, because a
    /// zero-size chunk would end the body.
    static func appendChunk(_ data: [UInt8], to buffer: inout [UInt8]) {
        guard !data.isEmpty else { return }
        appendHex(data.count, to: &buffer)
        buffer.append(0x0D)
        buffer.append(0x0A)
        buffer.append(contentsOf: data)
        buffer.append(0x0D)
        buffer.append(0x0A)
    }

    /// The last chunk and the empty trailer section.
    static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    static func appendHex(_ value: Int, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: String(value, radix: 16).utf8)
    }

    private static func isServerOwned(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        framingHeaders.contains { owned in
            owned.count == name.count
                && owned.withUnsafeBufferPointer { HTTPHeaders.startsIgnoringCase(name, with: $0) }
        }
    }
}
