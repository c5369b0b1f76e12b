import Blueprint

/// Serves OpenAI chat completions from Anthropic's Messages API (`POST /v1/messages`): the example of a backend
/// whose API differs from OpenAI's. Everything provider-specific is translation, in three small pure parts:
///
/// - `AnthropicRequestMapper`: `GenerationRequest` to a Messages request body (system prompt, alternating turns,
///   `tool_use` / `tool_result` blocks, tools and tool choice, stop sequences, sampling).
/// - `AnthropicResponseMapper` and `AnthropicStreamTranslator`: a message, or its server-sent events, back to a
///   `Generation` or `GenerationEvent`s, which the API layer writes as OpenAI JSON or chunks.
/// - `AnthropicErrorMapper`: Anthropic's error bodies and events to `ServiceError.upstream`, so clients see
///   OpenAI's error envelope with the upstream status (429 stays 429, overloaded becomes 503).
///
/// This type only checks the model, sends the request through the injected `UpstreamHTTPClient` and feeds the
/// answer to the mappers. Transport failures become `unreachable` (502) or `timedOut` (504) with messages that
/// name neither the URL nor the key. Legacy completions and embeddings are unsupported (400); `n` must be 1.
public struct AnthropicBackend: ModelBackend {
    /// The upstream, the key and the models.
    public let configuration: Configuration
    private let client: any UpstreamHTTPClient

    /// The most bytes read from a non-streamed response, so a broken upstream cannot exhaust memory.
    private static let maxBodyBytes = 32 << 20

    /// Creates a backend that sends its requests through `client`.
    public init(configuration: Configuration, client: any UpstreamHTTPClient) {
        self.configuration = configuration
        self.client = client
    }

    /// The configured models, owned by `anthropic`.
    public func models() async throws -> [ModelDescriptor] {
        configuration.models.map { ModelDescriptor(id: $0, created: 0, ownedBy: "anthropic", kind: .text) }
    }

    /// Sends one Messages request and maps the answer.
    public func generate(_ request: GenerationRequest) async throws -> Generation {
        let response = try await send(request, stream: false)
        let body = try await Self.collect(response.body)
        guard (200..<300).contains(response.status) else {
            throw AnthropicErrorMapper.error(status: response.status, headers: response.headers, body: body)
        }
        guard let message = try? JSONParser.parse(body) else { throw AnthropicErrorMapper.unreadable }
        return try AnthropicResponseMapper.generation(from: message, model: request.model)
    }

    /// Sends one streamed Messages request and translates its events as they arrive.
    public func stream(_ request: GenerationRequest, into sink: any GenerationSink) async throws {
        let response = try await send(request, stream: true)
        guard (200..<300).contains(response.status) else {
            let body = try await Self.collect(response.body)
            throw AnthropicErrorMapper.error(status: response.status, headers: response.headers, body: body)
        }
        var parser = ServerSentEventParser()
        var translator = AnthropicStreamTranslator()
        var pieces = response.body.makeAsyncIterator()
        while let piece = try await Self.next(&pieces) {
            guard let events = try? parser.feed(piece) else { throw AnthropicErrorMapper.unreadable }
            for event in events {
                for generated in try translator.translate(event) { try await sink.send(generated) }
            }
        }
        // A cancelled consumer ends the body early; that is the client leaving, not a broken upstream.
        try Task.checkCancellation()
        guard translator.isFinished else {
            throw ServiceError.unreachable("The Anthropic API ended the stream before the message was complete.")
        }
    }

    /// Embeddings are not part of Anthropic's API.
    public func embed(_ request: EmbeddingRequest) async throws -> Embeddings {
        guard configuration.models.contains(request.model) else { throw ServiceError.modelNotFound(request.model) }
        throw ServiceError.unsupportedEndpoint(model: request.model, endpoint: "v1/embeddings")
    }

    /// Checks the model, maps the request and sends it; returns once the response head arrived.
    private func send(_ request: GenerationRequest, stream: Bool) async throws -> UpstreamResponse {
        guard configuration.models.contains(request.model) else { throw ServiceError.modelNotFound(request.model) }
        let body = try AnthropicRequestMapper.body(
            for: request, model: configuration.upstreamModel(for: request.model),
            defaultMaxTokens: configuration.defaultMaxTokens, stream: stream)
        let upstream = UpstreamRequest(
            method: "POST", url: configuration.messagesURL,
            headers: [
                ("x-api-key", configuration.key(for: request.caller)),
                ("anthropic-version", configuration.apiVersion),
                ("content-type", "application/json"),
                ("accept", stream ? "text/event-stream" : "application/json"),
            ],
            body: JSONValue.object(body).jsonBytes, timeout: configuration.timeout)
        do {
            return try await client.send(upstream)
        } catch {
            throw Self.transportError(error)
        }
    }

    /// The whole body, up to `maxBodyBytes`.
    private static func collect(_ body: AsyncThrowingStream<[UInt8], any Error>) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        var pieces = body.makeAsyncIterator()
        while let piece = try await next(&pieces) {
            bytes += piece
            guard bytes.count <= maxBodyBytes else {
                throw ServiceError.upstream(
                    status: 502, message: "The Anthropic API sent a response larger than \(maxBodyBytes) bytes.",
                    type: "server_error", code: nil, retryAfterSeconds: nil)
            }
        }
        try Task.checkCancellation()
        return bytes
    }

    /// The next body piece; a failing connection becomes a service error.
    private static func next(
        _ pieces: inout AsyncThrowingStream<[UInt8], any Error>.AsyncIterator
    ) async throws -> [UInt8]? {
        do {
            return try await pieces.next()
        } catch {
            throw transportError(error, midResponse: true)
        }
    }

    /// A transport failure as the client may see it: what went wrong, without the URL or the key.
    private static func transportError(_ error: any Error, midResponse: Bool = false) -> any Error {
        switch error {
        case let error as ServiceError:
            return error
        case is CancellationError, UpstreamTransportError.cancelled:
            return CancellationError()
        case _ where midResponse:
            return ServiceError.unreachable("The connection to the Anthropic API broke off mid-response.")
        case UpstreamTransportError.timedOut:
            return ServiceError.timedOut("The Anthropic API did not answer in time.")
        case UpstreamTransportError.connectFailed:
            return ServiceError.unreachable("Could not connect to the Anthropic API.")
        default:
            return ServiceError.unreachable("The connection to the Anthropic API failed.")
        }
    }
}
