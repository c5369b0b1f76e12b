/// An endpoint's event stream (chat chunks, completion chunks, Responses events): a sink for generation events that
/// also knows how its stream ends and how it reports an error once it has begun.
protocol APIStream: GenerationSink {
    /// Writes the stream's normal ending (`data: [DONE]`, or `response.completed`).
    func finish() async throws
    /// Reports an error inside a stream that has already begun.
    func fail(with error: APIError) async throws
}

extension OpenAIAPI {
    /// Runs `produce` (the backend streaming into `stream`) with heartbeats, then ends the stream. A truncation control
    /// ends it without its ending; an error after output began is reported in the stream; an error before any output,
    /// or a client that went away, is rethrown (the response then becomes an HTTP error, or the connection drops).
    func run(
        _ stream: some APIStream, on body: TrackingBodyWriter, _ produce: @Sendable () async throws -> Void
    ) async throws {
        do {
            try await ServerSentEventWriter.withHeartbeats(on: body, every: heartbeatInterval, produce)
            try await stream.finish()
        } catch StreamControl.truncated {
            return
        } catch {
            guard body.hasWritten, !Self.endsSilently(error) else { throw error }
            try await stream.fail(with: APIError(mapping: error))
        }
    }
}
