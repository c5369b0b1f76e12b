/// An HTTP response: status, headers and a body that is either bytes or a writer that streams.
public struct HTTPResponse: Sendable {
    /// The status code and reason.
    public var status: HTTPStatus
    /// The header fields. `Content-Length`, `Transfer-Encoding`, `Connection` and `Date` are set by the server.
    public var headers: HTTPHeaders
    /// The body.
    public var body: ResponseBody

    /// Creates a response.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: ResponseBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
