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
    private static let statusLineOK: [UInt8] = Array("HTTP/1.1 200 OK\r\n".utf8)
    private static let framingHeaders: [[UInt8]] = [
        Array("content-length".utf8), Array("transfer-encoding".utf8), Array("connection".utf8), Array("date".utf8),
    ]

    /// Appends the status line and headers, with the framing, connection and date headers the server owns.
    static func encodeHead(
        status: HTTPStatus, headers: HTTPHeaders, framing: BodyFraming, keepAlive: Bool, version: HTTPVersion,
        date: [UInt8], into buffer: inout [UInt8]
    ) {
        if status.code == 200 && status.reasonPhrase == "OK" {
            buffer.append(contentsOf: statusLineOK)
        } else {
            buffer.append(contentsOf: "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n".utf8)
        }
        headers.storage.withUnsafeBufferPointer { storage in
            for field in headers.fields {
                let name = UnsafeBufferPointer(rebasing: storage[Int(field.nameStart)..<Int(field.nameEnd)])
                if isServerOwned(name) { continue }
                buffer.append(contentsOf: name)
                buffer.append(UInt8(ascii: ":"))
                buffer.append(UInt8(ascii: " "))
                buffer.append(
                    contentsOf: UnsafeBufferPointer(rebasing: storage[Int(field.nameEnd)..<Int(field.valueEnd)]))
                buffer.append(0x0D)
                buffer.append(0x0A)
            }
        }
        switch framing {
        case .length(let length):
            buffer.append(contentsOf: "content-length: ".utf8)
            appendDecimal(length, to: &buffer)
            buffer.append(contentsOf: "\r\n".utf8)
        case .chunked:
            buffer.append(contentsOf: "transfer-encoding: chunked\r\n".utf8)
        case .closeDelimited:
            break
        }
        if !keepAlive {
            buffer.append(contentsOf: "connection: close\r\n".utf8)
        } else if version == .http1_0 {
            buffer.append(contentsOf: "connection: keep-alive\r\n".utf8)
        }
        buffer.append(contentsOf: "date: ".utf8)
        buffer.append(contentsOf: date)
        buffer.append(contentsOf: "\r\n\r\n".utf8)
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

    static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: String(value).utf8)
    }

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
