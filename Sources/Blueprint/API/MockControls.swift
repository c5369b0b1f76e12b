/// Contract-testing controls a client sets per request with `x-mock-*` headers, on top of server-wide defaults.
///
/// - `x-mock-ttft-ms`, `x-mock-itl-ms`, `x-mock-jitter-ms`: simulated latency (0...60000 ms).
/// - `x-mock-error: <status>`: answer with that error in the OpenAI envelope (400, 401, 403, 404, 409, 429, 500, 503).
/// - `x-mock-truncate-after: <n>`: a stream ends cleanly after n chunks, without its terminator (`[DONE]`).
/// - `x-mock-disconnect-after: <n>`: the connection drops after n chunks.
public struct MockControls: Sendable, Equatable {
    /// Latency handed to the backend.
    public var latency: SimulatedLatency
    /// A status to fail with, before any work.
    public var forcedError: Int?
    /// Stream chunks to send before ending without the terminator.
    public var truncateAfter: Int?
    /// Stream chunks to send before dropping the connection.
    public var disconnectAfter: Int?

    /// The statuses `x-mock-error` accepts.
    public static let errorStatuses = [400, 401, 403, 404, 409, 429, 500, 503]
    static let maxDelayMS = 60_000

    /// Creates controls; the defaults are no delay and no faults.
    public init(
        latency: SimulatedLatency = SimulatedLatency(), forcedError: Int? = nil, truncateAfter: Int? = nil,
        disconnectAfter: Int? = nil
    ) {
        self.latency = latency
        self.forcedError = forcedError
        self.truncateAfter = truncateAfter
        self.disconnectAfter = disconnectAfter
    }

    /// Reads the headers over `defaults`; an invalid value is a 400 that names the header.
    public static func parse(_ headers: HTTPHeaders, defaults: MockControls) throws -> MockControls {
        // Most requests carry no control at all: one pass over the names instead of a lookup per control.
        guard headers.containsName(withPrefix: "x-mock-") else { return defaults }
        var controls = defaults
        if let value = try integer(headers, "x-mock-ttft-ms", max: maxDelayMS) {
            controls.latency.timeToFirstTokenMS = value
        }
        if let value = try integer(headers, "x-mock-itl-ms", max: maxDelayMS) { controls.latency.interTokenMS = value }
        if let value = try integer(headers, "x-mock-jitter-ms", max: maxDelayMS) { controls.latency.jitterMS = value }
        if let value = try integer(headers, "x-mock-truncate-after", max: 1_000_000) { controls.truncateAfter = value }
        if let value = try integer(headers, "x-mock-disconnect-after", max: 1_000_000) {
            controls.disconnectAfter = value
        }
        if let text = headers["x-mock-error"] {
            guard let status = Int(text.trimmingASCIIWhitespace()), errorStatuses.contains(status) else {
                throw APIError.invalidRequest(
                    "Invalid value for header 'x-mock-error': expected one of "
                        + errorStatuses.map(String.init).joined(separator: ", ") + ".",
                    param: "x-mock-error", code: "invalid_value")
            }
            controls.forcedError = status
        }
        return controls
    }

    private static func integer(_ headers: HTTPHeaders, _ name: String, max: Int) throws -> Int? {
        guard let text = headers[name] else { return nil }
        guard let value = Int(text.trimmingASCIIWhitespace()), (0...max).contains(value) else {
            throw APIError.invalidRequest(
                "Invalid value for header '\(name)': expected an integer from 0 to \(max).", param: name,
                code: "invalid_value")
        }
        return value
    }

    /// The error a forced status produces, shaped like OpenAI's for that status.
    public static func forcedError(status: Int) -> APIError {
        switch status {
        case 401:
            return APIError(
                status: HTTPStatus(code: 401), message: "Incorrect API key provided (forced by x-mock-error).",
                code: "invalid_api_key")
        case 403:
            return APIError(
                status: HTTPStatus(code: 403), message: "You are not allowed to do this (forced by x-mock-error).",
                type: "permission_denied", code: "unsupported_country_region_territory")
        case 404:
            return APIError(
                status: HTTPStatus(code: 404), message: "Not found (forced by x-mock-error).", code: "not_found")
        case 409:
            var headers = HTTPHeaders()
            headers.add(name: "x-should-retry", value: "false")
            return APIError(
                status: HTTPStatus(code: 409), message: "Conflict (forced by x-mock-error).", code: "conflict",
                headers: headers)
        case 429:
            var headers = HTTPHeaders()
            headers.add(name: "retry-after", value: "1")
            headers.add(name: "retry-after-ms", value: "1000")
            return APIError(
                status: HTTPStatus(code: 429), message: "Rate limit reached (forced by x-mock-error).",
                type: "requests", code: "rate_limit_exceeded", headers: headers)
        case 500:
            return APIError(
                status: HTTPStatus(code: 500),
                message: "The server had an error while processing your request (forced by x-mock-error).",
                type: "server_error")
        case 503:
            return APIError(
                status: HTTPStatus(code: 503), message: "The engine is currently overloaded (forced by x-mock-error).",
                type: "server_error", code: "overloaded")
        default:
            return APIError(
                status: HTTPStatus(code: status), message: "Bad request (forced by x-mock-error).")
        }
    }
}
