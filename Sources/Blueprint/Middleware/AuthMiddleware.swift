/// Requires `Authorization: Bearer <token>` (scheme case-insensitive, RFC 9110 §11.1) on every `/v1` route; other
/// paths (health, metrics, docs) are left to their own rules. Tokens are compared in constant time. A rejection is a
/// 401 in the OpenAI envelope with `WWW-Authenticate: Bearer` (RFC 6750 §3).
public struct AuthMiddleware: InlineMiddleware {
    let tokens: [(bytes: [UInt8], string: String)]
    let onReject: @Sendable () -> Void

    /// Creates the middleware; `onReject` is called for every refused request (metrics).
    public init(tokens: [String], onReject: @escaping @Sendable () -> Void = {}) {
        self.tokens = tokens.map { (Array($0.utf8), $0) }
        self.onReject = onReject
    }

    private enum Outcome {
        case missing
        case wrong(presented: String)
        case accepted(key: String)
    }

    public func prepare(_ request: HTTPRequest, context: inout RequestContext) throws -> HTTPResponse? {
        guard request.isAPIRequest else { return nil }
        // The credential is checked on the header's bytes: no String is made for an accepted key.
        let outcome = request.headers.withFirstValue(of: "authorization") { value -> Outcome in
            guard let value, let token = Self.bearerToken(in: value) else { return .missing }
            if let key = match(token) { return .accepted(key: key) }
            return .wrong(presented: String(decoding: token, as: UTF8.self))
        }
        switch outcome {
        case .missing:
            onReject()
            throw Self.rejection(
                "You didn't provide an API key. You need to provide your API key in an Authorization header using "
                    + "Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", code: nil)
        case .wrong(let presented):
            onReject()
            throw Self.rejection(
                "Incorrect API key provided: \(Self.redacted(presented)). Check the key you configured for this server.",
                code: "invalid_api_key")
        case .accepted(let key):
            context.apiKey = key
            return nil
        }
    }

    /// The token of a `Bearer` credential, or nil.
    static func bearerToken(_ header: String?) -> String? {
        header?.withContiguousUTF8 { value in bearerToken(in: value).map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The token bytes of a `Bearer` credential, or nil.
    static func bearerToken(in header: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var start = 0
        var end = header.count
        while start < end && (header[start] == 0x20 || header[start] == 0x09) { start += 1 }
        // RFC 9110 §11.1: the scheme is case-insensitive; compared as bytes on the hot path.
        let scheme = bearerScheme.withUnsafeBufferPointer { scheme in
            HTTPHeaders.startsIgnoringCase(UnsafeBufferPointer(rebasing: header[start..<end]), with: scheme)
        }
        guard scheme else { return nil }
        start += bearerScheme.count
        while start < end && (header[start] == 0x20 || header[start] == 0x09) { start += 1 }
        while end > start && (header[end - 1] == 0x20 || header[end - 1] == 0x09) { end -= 1 }
        return start < end ? UnsafeBufferPointer(rebasing: header[start..<end]) : nil
    }

    private static let bearerScheme = Array("bearer ".utf8)

    /// The configured token equal to `presented`, compared without early exit so timing reveals nothing.
    func match(_ presented: UnsafeBufferPointer<UInt8>) -> String? {
        var found: String?
        for token in tokens where token.bytes.withUnsafeBufferPointer({ Self.constantTimeEquals($0, presented) }) {
            found = token.string
        }
        return found
    }

    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.withUnsafeBufferPointer { lhs in rhs.withUnsafeBufferPointer { rhs in constantTimeEquals(lhs, rhs) } }
    }

    static func constantTimeEquals(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count)
        let length = max(lhs.count, rhs.count)
        for index in 0..<length {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }

    /// A presented key as OpenAI shows it in errors: the first and last four characters only.
    static func redacted(_ key: String) -> String {
        guard key.count > 8 else { return String(repeating: "*", count: key.count) }
        return "\(key.prefix(4))\(String(repeating: "*", count: min(key.count - 8, 16)))\(key.suffix(4))"
    }

    static func rejection(_ message: String, code: String?) -> APIError {
        var headers = HTTPHeaders()
        headers.add(name: "www-authenticate", value: "Bearer realm=\"blueprint\"")
        return APIError(status: .unauthorized, message: message, code: code, headers: headers)
    }
}
