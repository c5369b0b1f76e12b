extension OpenAIAPI {
    /// `POST /v1/chat/completions`, non-streamed or as server-sent events.
    func chatCompletions(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let controls = try controls(for: request)
        var decoded = try ChatCompletionDecoder.decode(try RequestBody.object(of: request))
        decoded.generation.latency = controls.latency
        decoded.generation.caller = caller(context)
        decoded.generation.endpoint = .chat
        noteRequest(model: decoded.generation.model, stream: decoded.stream, in: context)
        let id = environment.ids.make(prefix: "chatcmpl-", length: 29)
        let created = Int(environment.now())
        if !decoded.stream {
            let generation = try await backend.generate(decoded.generation)
            recordUsage(model: generation.model, generation.usage, in: context)
            return Self.json(
                ChatCompletionEncoder.encode(
                    generation, id: id, created: created, systemFingerprint: environment.systemFingerprint,
                    includeLogprobs: decoded.generation.logprobs))
        }
        let generationRequest = decoded.generation
        let includeUsage = decoded.includeUsage
        let started = context.receivedAt
        return HTTPResponse(
            headers: ServerSentEventWriter.headers,
            body: .stream(recover: Self.recoverStreamError) { body in
                let body = TrackingBodyWriter(body)
                let stream = ChatCompletionStream(
                    body: body, id: id, created: created, model: generationRequest.model,
                    systemFingerprint: environment.systemFingerprint, includeUsage: includeUsage,
                    includeLogprobs: generationRequest.logprobs, controls: controls,
                    onFirstChunk: {
                        metrics?.recordTimeToFirstToken(
                            model: generationRequest.model, seconds: Self.seconds(since: started))
                    })
                let usage = UsageRecorder(stream)
                try await run(stream, on: body) { try await backend.stream(generationRequest, into: usage) }
                if let total = usage.total { recordUsage(model: generationRequest.model, total, in: context) }
            })
    }
}
