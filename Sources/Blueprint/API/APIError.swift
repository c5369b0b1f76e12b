/// The one API error type: an HTTP status plus the OpenAI error envelope
/// `{"error":{"message","type","param","code"}}` (`#S/ErrorResponse`).
///
/// Everything that goes wrong while answering a request becomes one of these, in one place
/// (`APIError.init(mapping:)`), so every layer can throw its own small error and the client still sees OpenAI's shape.
public struct APIError: Error, Sendable, Equatable {
    /// The HTTP status.
    public var status: HTTPStatus
    /// A sentence for the client.
    public var message: String
    /// The OpenAI error type, e.g. `invalid_request_error`.
    public var type: String
    /// The request parameter at fault, if any.
    public var param: String?
    /// A machine-readable code, e.g. `model_not_found`.
    public var code: String?
    /// Extra response headers (`retry-after`, `www-authenticate`, `allow`, ...).
    public var headers: HTTPHeaders

    /// Creates an error.
    public init(
        status: HTTPStatus, message: String, type: String = "invalid_request_error", param: String? = nil,
        code: String? = nil, headers: HTTPHeaders = HTTPHeaders()
    ) {
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code
        self.headers = headers
    }

    public static func == (lhs: APIError, rhs: APIError) -> Bool {
        lhs.status == rhs.status && lhs.message == rhs.message && lhs.type == rhs.type && lhs.param == rhs.param
            && lhs.code == rhs.code
            && Array(lhs.headers.map { "\($0.name):\($0.value)" })
                == Array(rhs.headers.map { "\($0.name):\($0.value)" })
    }

    /// The JSON response carrying this error.
    public var response: HTTPResponse {
        var headers = self.headers
        headers.set(name: "content-type", value: "application/json")
        return HTTPResponse(
            status: status, headers: headers,
            body: .bytes(ErrorEnvelope.encode(message: message, type: type, param: param, code: code)))
    }

    /// 400 `invalid_request_error`, naming the parameter at fault.
    public static func invalidRequest(_ message: String, param: String? = nil, code: String? = nil) -> APIError {
        APIError(status: .badRequest, message: message, param: param, code: code)
    }

    /// 500 with a generic message; the detail belongs in the log, never in the response.
    public static let internalError = APIError(
        status: .internalServerError, message: "The server had an error while processing your request.",
        type: "server_error")
}
