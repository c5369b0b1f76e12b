/// Keeps a router's model list current: loads the document at `MODEL_LIST_URL` once at startup, then again every
/// interval. A fetch or a document that fails keeps the last good list and is logged.
///
/// Fetching and waiting are injected, so the core needs no HTTP client and tests need no clock: the executable
/// passes a fetch through `BlueprintUpstream`'s client and `Task.sleep`.
public struct ModelListRefresher: Sendable {
    private let router: ModelRouter
    private let config: RoutingConfig
    private let interval: Duration
    private let fetch: @Sendable () async throws -> [UInt8]
    private let sleep: @Sendable (Duration) async throws -> Void
    private let logger: Logger

    /// Creates a refresher.
    ///
    /// - Parameters:
    ///   - router: The router whose listed routes are replaced.
    ///   - config: The routing configuration the list's providers must belong to.
    ///   - interval: The time between refreshes.
    ///   - fetch: Returns the document's bytes, or throws.
    ///   - sleep: Waits for a duration; throws when cancelled.
    ///   - logger: Where failures and changes are logged.
    public init(
        router: ModelRouter, config: RoutingConfig, interval: Duration,
        fetch: @escaping @Sendable () async throws -> [UInt8],
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        logger: Logger
    ) {
        self.router = router
        self.config = config
        self.interval = interval
        self.fetch = fetch
        self.sleep = sleep
        self.logger = logger
    }

    /// Fetches and applies the list once; returns whether the router now has the fetched list.
    @discardableResult
    public func refresh() async -> Bool {
        let bytes: [UInt8]
        do {
            bytes = try await fetch()
        } catch {
            logger.error(
                "model list fetch failed; keeping the last good list",
                metadata: ["error": .string(String(describing: error)), "models": .int(router.listedRoutes.count)])
            return false
        }
        do {
            let routes = try ModelList.routes(from: bytes, config: config)
            router.replaceListedRoutes(routes)
            logger.info("model list loaded", metadata: ["models": .int(routes.count)])
            return true
        } catch {
            logger.error(
                "model list refused; keeping the last good list",
                metadata: [
                    "problems": .string(error.problems.joined(separator: "; ")),
                    "models": .int(router.listedRoutes.count),
                ])
            return false
        }
    }

    /// Refreshes every interval until the calling task is cancelled (the server's shutdown).
    public func run() async {
        while !Task.isCancelled {
            do {
                try await sleep(interval)
            } catch {
                return
            }
            guard !Task.isCancelled else { return }
            await refresh()
        }
    }
}
