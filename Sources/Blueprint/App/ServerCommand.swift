import Glibc

/// What the `BlueprintServer` executable does, as a testable function: load the settings, refuse to start with every
/// problem listed, print a generated development key once, build the backends the routing configuration describes,
/// load the model list, serve until SIGTERM or SIGINT (refreshing the model list meanwhile), drain, exit.
public enum ServerCommand {
    /// Exit code for a configuration the server refuses (sysexits' EX_CONFIG).
    public static let configurationError: Int32 = 78
    /// Exit code when the address cannot be bound.
    public static let bindError: Int32 = 71

    /// Runs the server; returns the process exit code.
    ///
    /// `backends` makes the providers of `ROUTING_CONFIG` and fetches `MODEL_LIST_URL`; the default knows the
    /// `mock` type only and cannot fetch. The executable passes `BlueprintUpstream`'s `ProviderFactory`.
    public static func run(
        environment: [String: String], workingDirectory: String = ".", backends: BackendFactory = BackendFactory()
    ) async -> Int32 {
        let dotEnv = readFile("\(workingDirectory)/.env").map { String(decoding: $0, as: UTF8.self) }
        let versionPath = environment["BLUEPRINT_VERSION_FILE"] ?? "\(workingDirectory)/Version.json"
        let loaded: LoadedSettings
        let load = Settings.load(
            environment: environment, dotEnvText: dotEnv, versionJSON: readFile(versionPath),
            readFile: { readFile($0.hasPrefix("/") ? $0 : "\(workingDirectory)/\($0)") },
            providerTypes: backends.typeNames)
        switch load {
        case .success(let value):
            loaded = value
        case .failure(let error):
            writeLine("Blueprint refused to start: the configuration has \(error.issues.count) problem(s):")
            for issue in error.issues { writeLine("  - \(issue.variable): \(issue.message)") }
            writeLine("See .env.example for every setting and its default.")
            return configurationError
        }
        let logger = Logger(minimumLevel: loaded.settings.logLevel)
        for warning in loaded.warnings { logger.warning(warning) }
        if let token = loaded.generatedDevelopmentToken {
            // The one deliberate print of a secret: a person needs it to call the development server.
            writeLine("Development API key (generated for this run; set API_AUTH_TOKENS to choose your own): \(token)")
        }
        let settings = loaded.settings
        let router: ModelRouter
        do {
            router = try backends.makeRouter(settings: settings, created: Int(APIEnvironment.wallClock()))
        } catch {
            writeLine("Blueprint refused to start: \(error)")
            return configurationError
        }
        var refresher: ModelListRefresher?
        if let url = settings.modelListURL {
            guard let fetcher = backends.fetcher else {
                writeLine(
                    "Blueprint refused to start: MODEL_LIST_URL is set, but this build has no HTTP client to fetch it.")
                return configurationError
            }
            let made = ModelListRefresher(
                router: router, config: settings.routing, interval: settings.modelListRefresh, fetch: fetcher(url),
                logger: logger)
            await made.refresh()
            refresher = made
        }
        logger.info(
            "routing",
            metadata: [
                "config": .string(settings.routingConfigPath ?? "none"),
                "providers": .int(settings.routing.providers.count),
                "allowed_models": .int(settings.allowedModels.count),
            ])
        let app = BlueprintApp(settings: settings, backend: router, logger: logger)
        let signals = SignalListener(signals: [SIGTERM, SIGINT])
        do {
            try app.start()
        } catch {
            logger.critical("could not start", metadata: ["error": .string(String(describing: error))])
            return bindError
        }
        // The model list refreshes for as long as the server runs: a child task, cancelled once it has drained.
        await withDiscardingTaskGroup { group in
            if let refresher {
                group.addTask { await refresher.run() }
            }
            let signal = await signals.next()
            logger.info("shutdown requested", metadata: ["signal": .string(signal == SIGTERM ? "SIGTERM" : "SIGINT")])
            await app.shutdown()
            group.cancelAll()
        }
        return 0
    }

    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 16384) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        return bytes
    }

    /// Writes a whole line to stderr in one call.
    static func writeLine(_ text: String) {
        var line = Array(text.utf8)
        line.append(0x0A)
        line.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}
