import Synchronization

/// A backend made of backends: it sends each request to the provider serving its model, under the model name that
/// provider knows, and lists the union of the models.
///
/// - A model id is looked up in the configured routes, then in the routes of the model list (see
///   ``replaceListedRoutes(_:)``); a routed request goes to its provider with the route's target, and answers name
///   the model as the client did. Models without a route go unchanged to the default provider, if there is one.
/// - A routed model used on an endpoint it does not serve is `unsupportedEndpoint` (400); an unknown model is
///   `modelNotFound` (404).
/// - A non-empty allow-list hides every other model: not listed, not usable (404, as OpenAI answers for models
///   you cannot access), not health-checked.
/// - ``models()`` lists the configured routes, then the listed ones, then the default provider's models, each id
///   once and in that order.
public final class ModelRouter: ModelBackend {
    /// Routes in order, and by model id.
    private struct RouteTable: Sendable {
        var ordered: [ModelRoute] = []
        var byModelID: [String: ModelRoute] = [:]

        init(_ routes: [ModelRoute]) {
            for route in routes where byModelID[route.modelID] == nil {
                ordered.append(route)
                byModelID[route.modelID] = route
            }
        }
    }

    /// Where a request goes.
    private struct Destination {
        var backend: any ModelBackend
        var target: String
        /// Whether a route renamed the model (answers then name it as the client did).
        var isRouted: Bool
    }

    private let backends: [String: any ModelBackend]
    private let configured: RouteTable
    private let listed = Locked(RouteTable([]))
    /// Whether the model list has routes: without them, a request takes no lock (the loops would contend for it).
    private let hasListedRoutes = Atomic<Bool>(false)
    private let defaultProvider: String?
    private let allowedModels: Set<String>
    private let created: Int

    /// Creates a router.
    ///
    /// - Parameters:
    ///   - providers: Each provider's name and backend; names are unique.
    ///   - routes: The configured routes; each names one of `providers`. A repeated model id keeps its first route.
    ///   - defaultProvider: The provider that serves models without a route, if any.
    ///   - allowedModels: The only model ids clients may use and see; empty allows all.
    ///   - created: The `created` time (Unix seconds) listed for routed models.
    public init(
        providers: [(name: String, backend: any ModelBackend)], routes: [ModelRoute], defaultProvider: String? = nil,
        allowedModels: [String] = [], created: Int = 0
    ) {
        var backends: [String: any ModelBackend] = [:]
        for provider in providers {
            precondition(backends[provider.name] == nil, "provider \(provider.name) is given twice")
            backends[provider.name] = provider.backend
        }
        for route in routes {
            precondition(backends[route.provider] != nil, "route \(route.modelID) names no provider")
        }
        precondition(defaultProvider.map { backends[$0] != nil } ?? true, "the default provider is not a provider")
        self.backends = backends
        configured = RouteTable(routes)
        self.defaultProvider = defaultProvider
        self.allowedModels = Set(allowedModels)
        self.created = created
    }

    /// Creates the router a routing configuration describes, making each provider's backend with `makeBackend`.
    public convenience init(
        config: RoutingConfig, allowedModels: [String] = [], created: Int = 0,
        makeBackend: (ProviderConfig) throws -> any ModelBackend
    ) rethrows {
        var providers: [(name: String, backend: any ModelBackend)] = []
        for provider in config.providers { providers.append((provider.name, try makeBackend(provider))) }
        let routes = config.providers.flatMap { provider in provider.models.map { ModelRoute($0, of: provider) } }
        self.init(
            providers: providers, routes: routes, defaultProvider: config.defaultProvider,
            allowedModels: allowedModels, created: created)
    }

    /// Replaces the routes of the model list. Routes for configured model ids or unknown providers are ignored.
    public func replaceListedRoutes(_ routes: [ModelRoute]) {
        let table = RouteTable(
            routes.filter { configured.byModelID[$0.modelID] == nil && backends[$0.provider] != nil })
        listed.withLock { $0 = table }
        hasListedRoutes.store(!table.ordered.isEmpty, ordering: .releasing)
    }

    /// The routes of the model list, in order.
    public var listedRoutes: [ModelRoute] {
        listed.withLock { $0.ordered }
    }

    /// The route of `model`, configured or listed, ignoring the allow-list.
    public func route(for model: String) -> ModelRoute? {
        if let route = configured.byModelID[model] { return route }
        guard hasListedRoutes.load(ordering: .acquiring) else { return nil }
        return listed.withLock { $0.byModelID[model] }
    }

    /// The provider serving `model` and whether its backend reports it healthy; nil for models clients cannot use.
    public func healthReport(for model: String) async -> (provider: String, isHealthy: Bool)? {
        guard isAllowed(model) else { return nil }
        if let route = route(for: model), let backend = backends[route.provider] {
            return (route.provider, await backend.health(model: route.target))
        }
        guard let name = defaultProvider, let backend = backends[name] else { return nil }
        do {
            guard try await backend.models().contains(where: { $0.id == model }) else { return nil }
        } catch {
            // A provider that cannot list its models is not healthy, whichever model is asked about.
            return (name, false)
        }
        return (name, await backend.health(model: model))
    }

    // MARK: ModelBackend

    /// The routed models, then the default provider's, each id once, without the models the allow-list hides.
    public func models() async throws -> [ModelDescriptor] {
        var seen = Set<String>()
        var result: [ModelDescriptor] = []
        for route in configured.ordered + listedRoutes where isAllowed(route.modelID) {
            guard seen.insert(route.modelID).inserted else { continue }
            let kind: ModelDescriptor.Kind = route.endpoints == [.embeddings] ? .embedding : .text
            result.append(ModelDescriptor(id: route.modelID, created: created, ownedBy: route.provider, kind: kind))
        }
        if let name = defaultProvider, let backend = backends[name] {
            for model in try await backend.models() where isAllowed(model.id) && seen.insert(model.id).inserted {
                result.append(model)
            }
        }
        return result
    }

    /// Generates with the provider serving the model.
    public func generate(_ request: GenerationRequest) async throws -> Generation {
        let destination = try resolve(request.model, for: request.endpoint)
        do {
            // The default provider gets the request as it is; a route names the model its own way.
            guard destination.isRouted else { return try await destination.backend.generate(request) }
            var forwarded = request
            forwarded.model = destination.target
            var generation = try await destination.backend.generate(forwarded)
            generation.model = request.model
            return generation
        } catch let error as ServiceError {
            throw Self.renamed(error, from: destination.target, to: request.model)
        }
    }

    /// Streams from the provider serving the model.
    public func stream(_ request: GenerationRequest, into sink: any GenerationSink) async throws {
        let destination = try resolve(request.model, for: request.endpoint)
        var forwarded = request
        forwarded.model = destination.target
        do {
            try await destination.backend.stream(forwarded, into: sink)
        } catch let error as ServiceError {
            throw Self.renamed(error, from: destination.target, to: request.model)
        }
    }

    /// Embeds with the provider serving the model.
    public func embed(_ request: EmbeddingRequest) async throws -> Embeddings {
        let destination = try resolve(request.model, for: .embeddings)
        var forwarded = request
        forwarded.model = destination.target
        do {
            var embeddings = try await destination.backend.embed(forwarded)
            if destination.isRouted { embeddings.model = request.model }
            return embeddings
        } catch let error as ServiceError {
            throw Self.renamed(error, from: destination.target, to: request.model)
        }
    }

    /// Whether the provider serving `model` reports it healthy; false for models clients cannot use.
    public func health(model: String) async -> Bool {
        await healthReport(for: model)?.isHealthy ?? false
    }

    // MARK: Routing

    private func isAllowed(_ model: String) -> Bool {
        allowedModels.isEmpty || allowedModels.contains(model)
    }

    private func resolve(_ model: String, for endpoint: ModelEndpoint) throws -> Destination {
        guard isAllowed(model) else { throw ServiceError.modelNotFound(model) }
        if let route = route(for: model), let backend = backends[route.provider] {
            guard route.endpoints.contains(endpoint) else {
                throw ServiceError.unsupportedEndpoint(model: model, endpoint: endpoint.path)
            }
            return Destination(backend: backend, target: route.target, isRouted: true)
        }
        guard let name = defaultProvider, let backend = backends[name] else {
            throw ServiceError.modelNotFound(model)
        }
        return Destination(backend: backend, target: model, isRouted: false)
    }

    /// A provider's error about its own model name, told with the name the client used.
    private static func renamed(_ error: ServiceError, from target: String, to model: String) -> ServiceError {
        switch error {
        case .modelNotFound(let name) where name == target:
            return .modelNotFound(model)
        case .unsupportedEndpoint(let name, let endpoint) where name == target:
            return .unsupportedEndpoint(model: model, endpoint: endpoint)
        default:
            return error
        }
    }
}
