import Blueprint

/// Turns Anthropic errors into `ServiceError.upstream`, which the API layer sends as OpenAI's error envelope.
///
/// Anthropic answers errors with `{"type":"error","error":{"type":…,"message":…}}`, also inside a stream as an
/// `error` event. The message passes through; the type becomes the nearest OpenAI one: `rate_limit_error` is
/// OpenAI's `requests` / `rate_limit_exceeded`, `api_error` and `overloaded_error` are `server_error`,
/// `authentication_error` gets OpenAI's `invalid_api_key` code, and the other types keep their names. Anthropic's
/// non-standard 529 (overloaded) becomes 503, which every HTTP client knows to retry. `retry-after` passes through.
public enum AnthropicErrorMapper {
    /// The error for a non-2xx response.
    public static func error(status: Int, headers: [String: String], body: [UInt8]) -> ServiceError {
        let retryAfter = headers["retry-after"].flatMap { Double($0) }
        guard let error = (try? JSONParser.parse(body))?["error"], let message = error["message"]?.stringValue
        else {
            return .upstream(
                status: httpStatus(status), message: "The Anthropic API answered with HTTP status \(status).",
                type: nil, code: nil, retryAfterSeconds: retryAfter)
        }
        return mapped(type: error["type"]?.stringValue, message: message, status: status, retryAfter: retryAfter)
    }

    /// The error for an `error` event in a stream, whose status is implied by its type.
    public static func error(event payload: JSONValue) -> ServiceError {
        let type = payload["error"]?["type"]?.stringValue
        let message = payload["error"]?["message"]?.stringValue ?? "The Anthropic API reported an error mid-stream."
        return mapped(type: type, message: message, status: status(ofType: type), retryAfter: nil)
    }

    /// The error for a success response whose body cannot be read as a message.
    static let unreadable = ServiceError.upstream(
        status: 502, message: "The Anthropic API sent a response that is not a valid message.", type: "server_error",
        code: nil, retryAfterSeconds: nil)

    private static func mapped(type: String?, message: String, status: Int, retryAfter: Double?) -> ServiceError {
        let openAIType: String?
        var code: String?
        switch type {
        case "rate_limit_error":
            openAIType = "requests"
            code = "rate_limit_exceeded"
        case "api_error", "overloaded_error":
            openAIType = "server_error"
        case "authentication_error":
            openAIType = type
            code = "invalid_api_key"
        default:
            openAIType = type
        }
        return .upstream(
            status: httpStatus(status), message: message, type: openAIType, code: code, retryAfterSeconds: retryAfter)
    }

    private static func httpStatus(_ status: Int) -> Int {
        status == 529 ? 503 : status
    }

    /// The HTTP status Anthropic uses for each error type (https://docs.anthropic.com/en/api/errors).
    private static func status(ofType type: String?) -> Int {
        switch type {
        case "invalid_request_error": return 400
        case "authentication_error": return 401
        case "permission_error": return 403
        case "not_found_error": return 404
        case "request_too_large": return 413
        case "rate_limit_error": return 429
        case "overloaded_error": return 529
        default: return 500
        }
    }
}
