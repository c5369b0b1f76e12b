import Blueprint

/// Turns upstream failures into the `ServiceError`s clients see. Messages name the provider only: the upstream's
/// URL, host and keys never appear, also not when the upstream's own message repeats them.
struct UpstreamErrorTranslator: Sendable {
    let providerName: String
    /// Texts removed from upstream messages: the base URL, its host, the configured key.
    let secrets: [String]

    init(providerName: String, baseURL: String, apiKey: String?, host: String?) {
        self.providerName = providerName
        var secrets = [baseURL]
        if let host, !host.isEmpty { secrets.append(host) }
        if let apiKey, !apiKey.isEmpty { secrets.append(apiKey) }
        // Longest first, so a URL is removed whole before its host is looked for.
        self.secrets = secrets.sorted { $0.count > $1.count }
    }

    /// No connection could be made.
    var unreachable: ServiceError {
        .unreachable("The upstream provider '\(providerName)' could not be reached.")
    }

    /// No response head in time.
    var timedOut: ServiceError {
        .timedOut("The upstream provider '\(providerName)' did not respond in time.")
    }

    /// The connection broke while the response was being read.
    var interrupted: ServiceError {
        .unreachable("The connection to the upstream provider '\(providerName)' was lost.")
    }

    /// The stream ended before it was complete.
    var endedEarly: ServiceError {
        .unreachable("The upstream provider '\(providerName)' ended the stream before it was complete.")
    }

    /// The response could not be understood.
    var malformed: ServiceError {
        .upstream(
            status: 502, message: "The upstream provider '\(providerName)' sent a response that could not be read.",
            type: "server_error", code: "upstream_invalid_response", retryAfterSeconds: nil)
    }

    /// An error response: the OpenAI envelope's fields when the body has them, a generic message otherwise.
    /// A 404 `model_not_found` names the client's model; 401 and 403 get a fixed message (an upstream's message
    /// may echo part of the key).
    func error(status: Int, headers: [String: String], body: [UInt8], clientModel: String?, requestKey: String?)
        -> ServiceError
    {
        let envelope = (try? JSONParser.parse(body))?["error"]?.objectValue
        let type = envelope?["type"]?.stringValue
        let code = envelope.flatMap { Self.code($0["code"]) }
        if status == 404, code == "model_not_found", let clientModel { return .modelNotFound(clientModel) }
        var message = envelope?["message"]?.stringValue.map { redact($0, requestKey: requestKey) }
        if status == 401 || status == 403 {
            message = "The upstream provider '\(providerName)' rejected the credentials (HTTP \(status))."
        }
        return .upstream(
            status: status, message: message ?? "Upstream returned HTTP \(status).", type: type, code: code,
            retryAfterSeconds: Self.retryAfter(headers).map { Double(GoDuration.nanoseconds(of: $0)) / 1e9 })
    }

    /// An `{"error": ...}` chunk inside a stream.
    func streamError(_ object: JSONObject, requestKey: String?) -> ServiceError {
        let status = object["code"]?.intValue.flatMap { (400...599).contains($0) ? $0 : nil } ?? 500
        return .upstream(
            status: status,
            message: object["message"]?.stringValue.map { redact($0, requestKey: requestKey) }
                ?? "The upstream provider '\(providerName)' reported an error in the stream.",
            type: object["type"]?.stringValue ?? "server_error", code: Self.code(object["code"]),
            retryAfterSeconds: nil)
    }

    /// `message` without the secrets.
    func redact(_ message: String, requestKey: String?) -> String {
        var result = message
        var secrets = self.secrets
        if let requestKey, !requestKey.isEmpty { secrets.insert(requestKey, at: 0) }
        for secret in secrets where result.contains(secret) {
            result = result.replacing(secret, with: "[redacted]")
        }
        return result
    }

    /// The delay the upstream asked for: `retry-after-ms` (OpenAI's), else `retry-after` in seconds (an HTTP-date
    /// is ignored).
    static func retryAfter(_ headers: [String: String]) -> Duration? {
        if let text = headers["retry-after-ms"], let milliseconds = Double(text.trimmingSpaces()), milliseconds >= 0,
            milliseconds.isFinite
        {
            return .nanoseconds(Int64(min(milliseconds, maximumSeconds * 1e3) * 1e6))
        }
        if let text = headers["retry-after"], let seconds = Double(text.trimmingSpaces()), seconds >= 0,
            seconds.isFinite
        {
            return .nanoseconds(Int64(min(seconds, maximumSeconds) * 1e9))
        }
        return nil
    }

    /// A day: larger values are clamped (and exceed any retry budget anyway).
    private static let maximumSeconds = 86_400.0

    private static func code(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        default: return nil
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> Substring {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
