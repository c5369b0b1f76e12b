import Glibc

/// A parsed HTTP response as the test client read it off the wire.
struct RawResponse {
    var status: Int
    var reason: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// The raw body bytes before de-chunking (for framing tests).
    var rawBody: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Errors of the raw client.
enum RawClientError: Error {
    case connectFailed(Int32)
    case timedOut
    case closed
    case malformed(String)
}

/// A blocking TCP client for tests: it speaks raw bytes so tests control every byte on the wire. Every read has a
/// receive timeout, so a test fails instead of hanging.
final class RawHTTPClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, host: String = "127.0.0.1", timeoutSeconds: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            let code = errno
            Glibc.close(fd)
            throw RawClientError.connectFailed(code)
        }
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { throw RawClientError.closed }
            offset += sent
        }
    }

    /// Half-closes the write side.
    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads more bytes into the buffer; returns false on EOF.
    @discardableResult
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65536, 0) }
        if count > 0 {
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
        if count == 0 { return false }
        if errno == EAGAIN || errno == EWOULDBLOCK { throw RawClientError.timedOut }
        if errno == ECONNRESET { return false }
        throw RawClientError.closed
    }

    private func readLine() throws -> String {
        while true {
            if let index = buffer.firstIndex(of: 0x0A) {
                var line = Array(buffer[..<index])
                buffer.removeFirst(index + 1)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard try fill() else { throw RawClientError.closed }
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw RawClientError.closed }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Reads one response. `headRequest` means no body follows whatever the headers say.
    func readResponse(headRequest: Bool = false) throws -> RawResponse {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw RawClientError.malformed(statusLine)
        }
        var headers: [(name: String, value: String)] = []
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { throw RawClientError.malformed(line) }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters()))
        }
        var response = RawResponse(
            status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: [], rawBody: [])
        if status == 100 || headRequest || status == 204 || status == 304 { return response }
        if let length = response.header("content-length").flatMap({ Int($0) }) {
            response.body = try readExactly(length)
            response.rawBody = response.body
        } else if response.header("transfer-encoding")?.lowercased() == "chunked" {
            while true {
                let sizeLine = try readLine()
                response.rawBody.append(contentsOf: Array((sizeLine + "\r\n").utf8))
                guard let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else {
                    throw RawClientError.malformed("chunk size \(sizeLine)")
                }
                if size == 0 {
                    _ = try readLine()
                    response.rawBody.append(contentsOf: Array("\r\n".utf8))
                    break
                }
                let data = try readExactly(size)
                response.body.append(contentsOf: data)
                response.rawBody.append(contentsOf: data)
                guard try readLine().isEmpty else { throw RawClientError.malformed("chunk terminator") }
                response.rawBody.append(contentsOf: Array("\r\n".utf8))
            }
        } else {
            while try fill() {}
            response.body = buffer
            response.rawBody = buffer
            buffer = []
        }
        return response
    }

    /// Reads until the server closes; returns what came.
    func readToEnd() throws -> [UInt8] {
        while try fill() {}
        defer { buffer = [] }
        return buffer
    }

    /// Whether the server closed the connection (EOF) within the receive timeout.
    func isClosedByServer() -> Bool {
        do {
            while try fill() {}
            return true
        } catch RawClientError.timedOut {
            return false
        } catch {
            return true
        }
    }

    /// Reads whatever arrives until at least `count` bytes are buffered, then returns and clears them.
    func read(atLeast count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { break }
        }
        defer { buffer = [] }
        return buffer
    }
}

extension String {
    func trimmingCharacters() -> String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\t" { scalars.removeFirst() }
        while scalars.last == " " || scalars.last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
