import Blueprint

/// A `ModelBackend` that passes requests on to an OpenAI-compatible server: OpenAI itself, vLLM, Ollama,
/// llama.cpp, LM Studio, or another Blueprint.
///
/// Conversations go to `POST {base}/chat/completions`, prompts to `POST {base}/completions`, embeddings to
/// `POST {base}/embeddings`, each with the client's parameters and unknown request fields passed through. Streams
/// are relayed event by event as the upstream produces them. Results carry the client's model id. Connection
/// failures, 429 and 5xx are retried under `Configuration.retry`, but only before anything reached the client.
/// Error messages name `Configuration.providerName`, never the upstream's URL, host or keys.
public final class OpenAICompatibleBackend: ModelBackend {
    /// How the backend reaches its upstream.
    public let configuration: Configuration

    let client: any UpstreamHTTPClient
    let errors: UpstreamErrorTranslator
    let retryLoop: UpstreamRetryLoop
    let encoderOptions: OpenAIRequestEncoder.Options
    private let modelCache = Locked<CachedModels?>(nil)

    private struct CachedModels {
        var models: [ModelDescriptor]
        var fetchedAt: UInt64
    }

    /// Creates a backend. Without a `client`, it makes its own `URLSessionUpstreamClient` with the configured
    /// connect timeout (one connection pool per backend).
    public init(configuration: Configuration, client: (any UpstreamHTTPClient)? = nil) {
        self.configuration = configuration
        self.client = client ?? URLSessionUpstreamClient(connectTimeout: configuration.connectTimeout)
        errors = UpstreamErrorTranslator(
            providerName: configuration.providerName, baseURL: configuration.baseURL, apiKey: configuration.apiKey,
            host: UpstreamTarget(configuration.baseURL).url?.host)
        retryLoop = UpstreamRetryLoop(
            policy: configuration.retry, sleep: configuration.sleep, jitter: configuration.jitter,
            clock: configuration.clock)
        encoderOptions = OpenAIRequestEncoder.Options(
            maxTokensField: configuration.maxTokensField, developerRoleAsSystem: configuration.developerRoleAsSystem)
    }

    /// The configured list, or the upstream's (cached; a failed refresh keeps the last list), plus every alias of
    /// `modelMap` whose target is in it.
    public func models() async throws -> [ModelDescriptor] {
        switch configuration.models {
        case .fixed(let models):
            return withAliases(models)
        case .upstream(let refreshInterval):
            let now = configuration.clock.now()
            let cached = modelCache.withLock { $0 }
            if let cached, now &- cached.fetchedAt < UInt64(max(0, GoDuration.nanoseconds(of: refreshInterval))) {
                return cached.models
            }
            do {
                let models = withAliases(try await fetchModels())
                modelCache.withLock { $0 = CachedModels(models: models, fetchedAt: configuration.clock.now()) }
                return models
            } catch let error where cached != nil && !(error is CancellationError) {
                return cached?.models ?? []
            }
        }
    }

    /// Answers `.messages` through `/chat/completions`, prompts through `/completions`.
    public func generate(_ request: GenerationRequest) async throws -> Generation {
        let call = upstreamCall(for: request, stream: false)
        let json = try await retryLoop.run { try await exchangeJSON(call.request, clientModel: request.model) }
        do {
            switch call.kind {
            case .chat:
                return try OpenAIResponseDecoder.chatCompletion(
                    json, model: request.model, wantsLogprobs: request.logprobs)
            case .completion:
                return try OpenAIResponseDecoder.completion(json, model: request.model, wantsLogprobs: request.logprobs)
            }
        } catch {
            throw errors.malformed
        }
    }

    /// Streams the same request, relaying each upstream chunk's events as it arrives.
    public func stream(_ request: GenerationRequest, into sink: any GenerationSink) async throws {
        let call = upstreamCall(for: request, stream: true)
        try await retryLoop.run {
            let response = try await open(call.request, clientModel: request.model)
            var decoder = OpenAIStreamDecoder(kind: call.kind, wantsLogprobs: request.logprobs)
            var sentAny = false
            do {
                try await relay(
                    response.body, decoder: &decoder, choices: request.n, requestKey: call.request.key, into: sink,
                    sentAny: &sentAny)
            } catch let failure as RetryableFailure where sentAny {
                // The client already has part of the answer: a retry would repeat it.
                throw failure.error
            }
        }
    }

    /// Embeds through `/embeddings`, asking for floats.
    public func embed(_ request: EmbeddingRequest) async throws -> Embeddings {
        let body = OpenAIRequestEncoder.embeddings(request, model: upstreamModel(request.model))
        let call = makeRequest(path: "/embeddings", body: body, stream: false, caller: request.caller)
        let json = try await retryLoop.run { try await exchangeJSON(call, clientModel: request.model) }
        do {
            return try OpenAIResponseDecoder.embeddings(json, model: request.model, count: request.inputs.count)
        } catch {
            throw errors.malformed
        }
    }

    /// Whether the upstream answers `GET {base}/models` with a 2xx, within the request timeout, without retries.
    public func checkHealth() async -> Bool {
        let call = makeRequest(method: "GET", path: "/models", body: [], stream: false, caller: nil)
        guard let response = try? await client.send(call.upstream) else { return false }
        _ = try? await collect(response.body, limit: Self.errorBodyLimit)
        return (200..<300).contains(response.status)
    }

    /// The upstream model id for a client's.
    func upstreamModel(_ model: String) -> String {
        configuration.modelMap[model] ?? model
    }

    private func fetchModels() async throws -> [ModelDescriptor] {
        let call = makeRequest(method: "GET", path: "/models", body: [], stream: false, caller: nil)
        let json = try await retryLoop.run { try await exchangeJSON(call, clientModel: nil) }
        do {
            return try OpenAIResponseDecoder.models(json, ownedBy: configuration.providerName)
        } catch {
            throw errors.malformed
        }
    }

    private func withAliases(_ models: [ModelDescriptor]) -> [ModelDescriptor] {
        var result = models
        for (alias, target) in configuration.modelMap.sorted(by: { $0.key < $1.key })
        where !result.contains(where: { $0.id == alias }) {
            if var model = models.first(where: { $0.id == target }) {
                model.id = alias
                result.append(model)
            }
        }
        return result
    }
}
