// TEMPORARY: replaced by helper's parser.
public struct HTTPLimits: Sendable, Equatable {
    public var maxRequestLineBytes = 8192
    public var maxHeaderBytes = 32768
    public var maxHeaderCount = 100
    public var maxBodyBytes = 4 << 20
    public init() {}
}
public enum HTTPParseError: Error, Equatable, Sendable {
    case malformed
    public var status: HTTPStatus { .badRequest }
    public var message: String { "Malformed request." }
}
public struct HTTPRequestParser: Sendable {
    public enum Event: Sendable { case request(HTTPRequest); case expectContinue }
    public enum Phase: Sendable, Equatable { case idle, head, body }
    var buffer: [UInt8] = []
    public init(limits: HTTPLimits = HTTPLimits()) {}
    public mutating func append(_ bytes: UnsafeRawBufferPointer) { buffer.append(contentsOf: bytes) }
    public mutating func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
    public var phase: Phase { buffer.isEmpty ? .idle : .head }
    public var bufferedByteCount: Int { buffer.count }
    public mutating func next() throws(HTTPParseError) -> Event? {
        guard let end = find() else { return nil }
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        var lines = head.split(separator: "\r\n")
        let parts = lines.removeFirst().split(separator: " ")
        guard parts.count == 3 else { throw .malformed }
        var headers = HTTPHeaders()
        var length = 0
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed }
            let name = line[..<colon]
            let value = line[line.index(after: colon)...].trimmingASCIIWhitespace()
            headers.add(name: String(name), value: String(value))
            if name.lowercased() == "content-length" { length = Int(value) ?? 0 }
        }
        guard buffer.count >= end + 4 + length else { return nil }
        let body = Array(buffer[(end + 4)..<(end + 4 + length)])
        buffer.removeFirst(end + 4 + length)
        let version: HTTPVersion = parts[2] == "HTTP/1.0" ? .http1_0 : .http1_1
        return .request(HTTPRequest(method: HTTPMethod(rawValue: String(parts[0])), target: String(parts[1]), version: version, headers: headers, body: body))
    }
    func find() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i+1] == 10 && buffer[i+2] == 13 && buffer[i+3] == 10 { return i }
        return nil
    }
}
