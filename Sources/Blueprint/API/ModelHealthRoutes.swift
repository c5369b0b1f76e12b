/// `GET /health/{model}`: whether the backend serving a model answers its health check. Public like `/health`.
///
/// 200 `{"status":"ok","model","provider"}` when it does, 503 `{"status":"unavailable",...}` when it does not,
/// 404 `model_not_found` for models clients cannot use. Model ids may contain `/` (such as `vllm/llama-3-8b`),
/// written as is or as `%2F`.
public struct ModelHealthRoutes: Sendable {
    /// The most `/`-separated segments a model id may have here.
    static let maximumSegments = 4

    private let router: ModelRouter

    /// Creates the routes over `backend`; a backend that is not a `ModelRouter` is reported as provider `default`.
    public init(backend: any ModelBackend) {
        router =
            backend as? ModelRouter
            ?? ModelRouter(providers: [("default", backend)], routes: [], defaultProvider: "default")
    }

    /// Adds the routes.
    public func register(on router: inout Router) {
        for depth in 1...Self.maximumSegments {
            let names = (1...depth).map { "segment\($0)" }
            router.get("/health/" + names.map { ":\($0)" }.joined(separator: "/")) { _, context in
                let model = names.map { Self.percentDecoded(context.parameters[$0] ?? "") }.joined(separator: "/")
                return try await check(model)
            }
        }
    }

    func check(_ model: String) async throws -> HTTPResponse {
        guard let report = await router.healthReport(for: model) else { throw ServiceError.modelNotFound(model) }
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("status", report.isHealthy ? "ok" : "unavailable")
        writer.field("model", model)
        writer.field("provider", report.provider)
        writer.endObject()
        var response = OpenAIAPI.json(writer.bytes)
        if !report.isHealthy { response.status = .serviceUnavailable }
        return response
    }

    /// Decodes `%XX` escapes (RFC 3986 section 2.1); a malformed escape stays as written.
    static func percentDecoded(_ segment: String) -> String {
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return segment }
        let bytes = Array(segment.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
