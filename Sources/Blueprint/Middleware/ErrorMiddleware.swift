/// Turns every error thrown below it into the OpenAI error envelope: the single place errors become HTTP.
public struct ErrorMiddleware: InlineMiddleware {
    /// Called with errors the mapping does not know (bugs, outages), whose detail must be logged, not sent.
    public let reportInternal: @Sendable (any Error, RequestContext) -> Void

    /// Creates the middleware; `reportInternal` receives unknown errors for logging.
    public init(reportInternal: @escaping @Sendable (any Error, RequestContext) -> Void = { _, _ in }) {
        self.reportInternal = reportInternal
    }

    public func recover(from error: any Error, request: HTTPRequest, context: RequestContext) -> HTTPResponse? {
        if APIError.isInternal(error) { reportInternal(error, context) }
        return APIError(mapping: error).response
    }
}
