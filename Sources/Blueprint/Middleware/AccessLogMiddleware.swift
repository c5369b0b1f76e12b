/// Writes one access-log line per request (method, path, status, duration, model, stream flag, tokens) and records
/// the request metrics. For a streamed response, the line and the duration come when the stream has ended, and the
/// active-streams gauge counts it while it runs.
public struct AccessLogMiddleware: InlineMiddleware {
    let logger: Logger
    let metrics: ServerMetrics?

    /// Creates the middleware.
    public init(logger: Logger, metrics: ServerMetrics?) {
        self.logger = logger
        self.metrics = metrics
    }

    public func prepare(_ request: HTTPRequest, context: inout RequestContext) -> HTTPResponse? {
        // The record only feeds the log line: nothing is collected when the line would not be written.
        if logger.isEnabled(.info) { context.record = RequestRecord() }
        return nil
    }

    public func complete(_ request: HTTPRequest, context: RequestContext, response: inout HTTPResponse) {
        let record = context.record
        guard case .stream(let produce, let recover) = response.body.storage else {
            finish(request, context: context, record: record, status: response.status.code, completed: true)
            return
        }
        let finished = { @Sendable (status: Int, completed: Bool) in
            self.finish(request, context: context, record: record, status: status, completed: completed)
        }
        let status = response.status.code
        response.body = .stream(
            recover: recover.map { recover in
                { @Sendable error in
                    let recovered = recover(error)
                    finished(recovered?.status.code ?? 499, recovered != nil)
                    return recovered
                }
            }
        ) { writer in
            let tracked = TrackingBodyWriter(writer)
            metrics?.streamStarted()
            defer { metrics?.streamEnded() }
            do {
                try await produce(tracked)
                finished(status, true)
            } catch {
                // Before the first write, `recover` decides the response and logs it; after, the stream broke.
                if tracked.hasWritten || recover == nil { finished(status, false) }
                throw error
            }
        }
    }

    private func finish(
        _ request: HTTPRequest, context: RequestContext, record: RequestRecord?, status: Int, completed: Bool
    ) {
        let seconds = Double(SystemCall.monotonicNanoseconds() &- context.receivedAt) / 1e9
        let route = context.route ?? "unmatched"
        metrics?.recordRequest(route: route, method: request.method.rawValue, status: status, durationSeconds: seconds)
        guard let record, logger.isEnabled(.info) else { return }
        var metadata: [(String, LogValue)] = [
            ("method", .string(request.method.rawValue)), ("path", .string(String(request.path))),
            ("status", .int(status)), ("duration_ms", .double((seconds * 1e6).rounded() / 1e3)),
            ("remote", .string(context.remoteAddress)),
        ]
        if let model = record.model {
            metadata.append(("model", .string(model)))
            metadata.append(("stream", .bool(record.stream)))
        }
        if let usage = record.usage {
            metadata.append(("prompt_tokens", .int(usage.promptTokens)))
            metadata.append(("completion_tokens", .int(usage.completionTokens)))
        }
        if !completed { metadata.append(("completed", .bool(false))) }
        logger.with(requestID: context.requestID).log(.info, "request", fields: metadata)
    }
}
