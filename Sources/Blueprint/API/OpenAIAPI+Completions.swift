extension OpenAIAPI {
    /// `POST /v1/completions`: one generation per prompt, `n` choices each, indexed `prompt * n + choice`.
    func completions(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let controls = try controls(for: request)
        let decoded = try CompletionDecoder.decode(try RequestBody.object(of: request))
        let requests = decoded.requests.map { generation in
            var generation = generation
            generation.latency = controls.latency
            generation.caller = caller(context)
            generation.endpoint = .completions
            return generation
        }
        let id = environment.ids.make(prefix: "cmpl-", length: 29)
        let created = Int(environment.now())
        let model = requests[0].model
        noteRequest(model: model, stream: decoded.stream, in: context)
        let n = requests[0].n
        let echoes = decoded.promptTexts.map { decoded.echo ? ($0 ?? "") : "" }
        if !decoded.stream {
            var choices: [CompletionEncoder.Choice] = []
            var usage = TokenUsage(promptTokens: 0, completionTokens: 0)
            var resolvedModel = model
            for (promptIndex, generationRequest) in requests.enumerated() {
                let generation = try await backend.generate(generationRequest)
                resolvedModel = generation.model
                usage.promptTokens += generation.usage.promptTokens
                usage.completionTokens += generation.usage.completionTokens
                for choice in generation.choices {
                    choices.append(
                        CompletionEncoder.Choice(
                            index: promptIndex * n + choice.index, text: choice.text ?? "",
                            finishReason: choice.finishReason, logprobs: choice.logprobs,
                            echoedPrefix: echoes[promptIndex]))
                }
            }
            recordUsage(model: resolvedModel, usage, in: context)
            return Self.json(
                CompletionEncoder.encode(
                    choices: choices, id: id, created: created, model: resolvedModel, usage: usage,
                    logprobs: decoded.logprobs, systemFingerprint: environment.systemFingerprint))
        }
        let includeUsage = decoded.includeUsage
        return HTTPResponse(
            headers: ServerSentEventWriter.headers,
            body: .stream(recover: Self.recoverStreamError) { body in
                let body = TrackingBodyWriter(body)
                let stream = CompletionStream(
                    body: body, id: id, created: created, model: model,
                    systemFingerprint: environment.systemFingerprint, includeUsage: includeUsage,
                    includeLogprobs: decoded.logprobs != nil, controls: controls)
                try await run(stream, on: body) {
                    for (promptIndex, generationRequest) in requests.enumerated() {
                        stream.begin(offset: promptIndex * n, echo: echoes[promptIndex])
                        try await backend.stream(generationRequest, into: stream)
                    }
                }
                recordUsage(model: model, stream.totalUsage, in: context)
            })
    }
}
