extension OpenAIAPI {
    /// `POST /v1/responses`, non-streamed or as the Responses event stream.
    func responses(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let controls = try controls(for: request)
        var decoded = try ResponsesDecoder.decode(try RequestBody.object(of: request))
        decoded.generation.latency = controls.latency
        decoded.generation.caller = caller(context)
        decoded.generation.endpoint = .responses
        noteRequest(model: decoded.generation.model, stream: decoded.stream, in: context)
        let generationRequest = decoded.generation
        let encoder = ResponseEncoder(
            id: environment.ids.make(prefix: "resp_", length: 48), createdAt: environment.now(),
            model: generationRequest.model, echo: decoded.echo)
        if !decoded.stream {
            let generation = try await backend.generate(generationRequest)
            recordUsage(model: generation.model, generation.usage, in: context)
            let choice = generation.choices[0]
            let output = encoder.output(
                of: choice, messageID: environment.ids.make(prefix: "msg_", length: 48),
                callItemID: { _ in environment.ids.make(prefix: "fc_", length: 48) })
            return Self.json(
                encoder.encode(
                    status: choice.finishReason == .length ? .incomplete : .completed, output: output,
                    usage: generation.usage))
        }
        let ids = environment.ids
        return HTTPResponse(
            headers: ServerSentEventWriter.headers,
            body: .stream(recover: Self.recoverStreamError) { body in
                let body = TrackingBodyWriter(body)
                let stream = ResponsesStream(body: body, encoder: encoder, ids: ids, controls: controls)
                let usage = UsageRecorder(stream)
                try await run(stream, on: body) { try await backend.stream(generationRequest, into: usage) }
                if let total = usage.total { recordUsage(model: generationRequest.model, total, in: context) }
            })
    }
}
