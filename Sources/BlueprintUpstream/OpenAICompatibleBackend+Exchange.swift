import Blueprint

extension OpenAICompatibleBackend {
    /// An upstream request ready to send, with the key it carries (so error messages can be cleaned of it).
    struct PreparedRequest: Sendable {
        var upstream: UpstreamRequest
        var key: String?
    }

    /// The most bytes read from an error response or a health check.
    static let errorBodyLimit = 1 << 20
    /// The most bytes read from a successful non-streamed response.
    static let responseBodyLimit = 256 << 20
    /// The most bytes read after `[DONE]` to let the connection be reused.
    static let drainLimit = 64 << 10

    /// The endpoint, body and stream kind for a generation request.
    func upstreamCall(for request: GenerationRequest, stream: Bool) -> (
        request: PreparedRequest, kind: OpenAIStreamDecoder.Kind
    ) {
        let model = upstreamModel(request.model)
        switch request.input {
        case .messages(let messages):
            let body = OpenAIRequestEncoder.chat(
                request, messages: messages, model: model, stream: stream, options: encoderOptions)
            return (makeRequest(path: "/chat/completions", body: body, stream: stream, caller: request.caller), .chat)
        case .prompt, .tokens:
            let body = OpenAIRequestEncoder.completion(request, model: model, stream: stream)
            return (makeRequest(path: "/completions", body: body, stream: stream, caller: request.caller), .completion)
        }
    }

    /// A request to `{base}{path}` with the key for `caller` and the configured headers.
    func makeRequest(method: String = "POST", path: String, body: [UInt8], stream: Bool, caller: Caller?)
        -> PreparedRequest
    {
        let key = configuration.apiKeyForClient?(caller?.apiKey) ?? configuration.apiKey
        var headers: [(name: String, value: String)] = []
        if !body.isEmpty { headers.append((name: "Content-Type", value: "application/json")) }
        headers.append((name: "Accept", value: stream ? "text/event-stream" : "application/json"))
        if let key, !key.isEmpty { headers.append((name: "Authorization", value: "Bearer \(key)")) }
        headers += configuration.headers
        return PreparedRequest(
            upstream: UpstreamRequest(
                method: method, url: Self.join(configuration.baseURL, path), headers: headers, body: body,
                timeout: configuration.requestTimeout),
            key: key)
    }

    /// Sends the request and returns the response of a 2xx. Throws `RetryableFailure` for connection failures,
    /// 429 and 5xx, `ServiceError` for other failures, `CancellationError` when cancelled.
    func open(_ request: PreparedRequest, clientModel: String?) async throws -> UpstreamResponse {
        let response: UpstreamResponse
        do {
            response = try await client.send(request.upstream)
        } catch let error as UpstreamTransportError {
            switch error {
            case .connectFailed: throw RetryableFailure(error: errors.unreachable, retryAfter: nil)
            case .timedOut: throw errors.timedOut
            case .cancelled: throw CancellationError()
            }
        }
        guard (200..<300).contains(response.status) else {
            // A body that breaks off still leaves the status, which is what decides.
            let body = (try? await collect(response.body, limit: Self.errorBodyLimit)) ?? []
            let error = errors.error(
                status: response.status, headers: response.headers, body: body, clientModel: clientModel,
                requestKey: request.key)
            if response.status == 429 || response.status >= 500 {
                throw RetryableFailure(error: error, retryAfter: UpstreamErrorTranslator.retryAfter(response.headers))
            }
            throw error
        }
        return response
    }

    /// One attempt of a non-streamed exchange: the parsed JSON of a 2xx response.
    func exchangeJSON(_ request: PreparedRequest, clientModel: String?) async throws -> JSONValue {
        let response = try await open(request, clientModel: clientModel)
        let body = try await collect(response.body, limit: Self.responseBodyLimit)
        do {
            return try JSONParser.parse(body)
        } catch {
            throw errors.malformed
        }
    }

    /// The whole body, at most `limit` bytes.
    func collect(_ body: AsyncThrowingStream<[UInt8], any Error>, limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = body.makeAsyncIterator()
        while let piece = try await next(&iterator) {
            guard bytes.count + piece.count <= limit else { throw errors.malformed }
            bytes.append(contentsOf: piece)
        }
        return bytes
    }

    /// Relays a streamed response into `sink`: each upstream event is parsed and its generation events sent before
    /// the next piece of the body is read. `sentAny` turns true with the first event the sink accepts.
    func relay(
        _ body: AsyncThrowingStream<[UInt8], any Error>, decoder: inout OpenAIStreamDecoder, choices: Int,
        requestKey: String?, into sink: any GenerationSink, sentAny: inout Bool
    ) async throws {
        var parser = ServerSentEventParser()
        var iterator = body.makeAsyncIterator()
        while let piece = try await next(&iterator) {
            let events: [ServerSentEvent]
            do {
                events = try parser.feed(piece)
            } catch {
                throw errors.malformed
            }
            for event in events {
                if event.isDone {
                    for generated in decoder.end(choices: choices) { try await sink.send(generated) }
                    Self.drain(body)
                    return
                }
                let generated: [GenerationEvent]
                do {
                    generated = try decoder.decode(event.data)
                } catch let error as OpenAIStreamDecoder.StreamError {
                    throw errors.streamError(error.object, requestKey: requestKey)
                } catch {
                    throw errors.malformed
                }
                for event in generated {
                    try await sink.send(event)
                    sentAny = true
                }
            }
        }
        // Some servers close without `[DONE]`; the stream is whole if every choice finished.
        guard decoder.allChoicesFinished else { throw RetryableFailure(error: errors.endedEarly, retryAfter: nil) }
        for generated in decoder.end(choices: choices) { try await sink.send(generated) }
    }

    /// The next piece of a body, with transport errors mapped as `open` maps them.
    private func next(_ iterator: inout AsyncThrowingStream<[UInt8], any Error>.Iterator) async throws -> [UInt8]? {
        do {
            return try await iterator.next()
        } catch let error as UpstreamTransportError {
            switch error {
            case .connectFailed: throw RetryableFailure(error: errors.interrupted, retryAfter: nil)
            case .timedOut: throw errors.timedOut
            case .cancelled: throw CancellationError()
            }
        }
    }

    /// Reads what follows `[DONE]` (normally only the end of the chunked body) in the background, so the connection
    /// goes back to the pool instead of being cancelled; an upstream that keeps sending is cut off.
    private static func drain(_ body: AsyncThrowingStream<[UInt8], any Error>) {
        Task {
            var iterator = body.makeAsyncIterator()
            var total = 0
            while let piece = try? await iterator.next() {
                total += piece.count
                if total > drainLimit { return }
            }
        }
    }

    /// `base` + `path`, keeping a query of the base at the end.
    static func join(_ base: String, _ path: String) -> String {
        var root = Substring(base)
        var query: Substring = ""
        if let mark = root.firstIndex(of: "?") {
            query = root[mark...]
            root = root[..<mark]
        }
        while root.hasSuffix("/") { root.removeLast() }
        return root + path + query
    }
}
