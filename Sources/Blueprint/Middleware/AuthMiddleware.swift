/// Requires `Authorization: Bearer <token>` (scheme case-insensitive, RFC 9110 §11.1) on every `/v1` route; other
/// paths (health, metrics, docs) are left to their own rules. Tokens are compared in constant time. A rejection is a
/// 401 in the OpenAI envelope with `WWW-Authenticate: Bearer` (RFC 6750 §3).
public struct AuthMiddleware: Middleware {
    let tokens: [[UInt8]]
    let onReject: @Sendable () -> Void

    /// Creates the middleware; `onReject` is called for every refused request (metrics).
    public init(tokens: [String], onReject: @escaping @Sendable () -> Void = {}) {
        self.tokens = tokens.map { Array($0.utf8) }
        self.onReject = onReject
    }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: RequestHandler) async throws
        -> HTTPResponse
    {
        guard request.path.hasPrefix("/v1/") || request.path == "/v1" else { return try await next(request, context) }
        guard let presented = Self.bearerToken(request.headers["authorization"]) else {
            onReject()
            throw Self.rejection(
                "You didn't provide an API key. You need to provide your API key in an Authorization header using "
                    + "Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", code: nil)
        }
        guard let key = match(presented) else {
            onReject()
            throw Self.rejection(
                "Incorrect API key provided: \(Self.redacted(presented)). Check the key you configured for this server.",
                code: "invalid_api_key")
        }
        var context = context
        context.apiKey = key
        return try await next(request, context)
    }

    /// The token of a `Bearer` credential, or nil.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let bytes = header.utf8.drop { $0 == 0x20 || $0 == 0x09 }
        // RFC 9110 §11.1: the scheme is case-insensitive; compared as bytes on the hot path.
        guard bytes.count > 7,
            zip(bytes.prefix(7), "bearer ".utf8).allSatisfy({ HTTPHeaders.lowercased($0) == $1 })
        else { return nil }
        let token = Substring(bytes.dropFirst(7)).trimmingASCIIWhitespace()
        return token.isEmpty ? nil : String(token)
    }

    /// The configured token equal to `presented`, compared without early exit so timing reveals nothing.
    func match(_ presented: String) -> String? {
        let candidate = Array(presented.utf8)
        var found: [UInt8]?
        for token in tokens where Self.constantTimeEquals(token, candidate) { found = token }
        return found.map { String(decoding: $0, as: UTF8.self) }
    }

    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
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
