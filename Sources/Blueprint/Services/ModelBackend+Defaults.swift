extension ModelBackend {
    /// Healthy unless the backend says otherwise: a backend that can check its upstream implements this.
    public func health(model: String) async -> Bool {
        true
    }

    /// Streams by generating the whole answer first, then sending each choice as one piece of text (and its tool
    /// calls), its finish reason and the usage. Backends that produce tokens one at a time implement this themselves.
    public func stream(_ request: GenerationRequest, into sink: any GenerationSink) async throws {
        let generation = try await generate(request)
        for choice in generation.choices {
            if let text = choice.text, !text.isEmpty {
                try await sink.send(.text(choice: choice.index, text, logprob: nil))
            }
            for (index, call) in choice.toolCalls.enumerated() {
                try await sink.send(.toolCallStart(choice: choice.index, index: index, id: call.id, name: call.name))
                try await sink.send(.toolCallArguments(choice: choice.index, index: index, call.arguments))
            }
            try await sink.send(.finish(choice: choice.index, choice.finishReason))
        }
        try await sink.send(.usage(generation.usage))
    }

    /// Embeddings are unsupported unless implemented: `modelNotFound` for models the backend does not list,
    /// `unsupportedEndpoint` for the others.
    public func embed(_ request: EmbeddingRequest) async throws -> Embeddings {
        guard try await models().contains(where: { $0.id == request.model }) else {
            throw ServiceError.modelNotFound(request.model)
        }
        throw ServiceError.unsupportedEndpoint(model: request.model, endpoint: ModelEndpoint.embeddings.path)
    }
}
