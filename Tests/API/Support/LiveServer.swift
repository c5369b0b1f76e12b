import Blueprint

/// Runs `body` against a live server on an ephemeral port, then shuts it down gracefully.
func withLiveServer<T>(
    configuration: HTTPServerConfiguration = HTTPServerConfiguration(port: 0, eventLoopThreads: 2),
    responder: any HTTPResponder,
    _ body: (HTTPServer) async throws -> T
) async throws -> T {
    var configuration = configuration
    configuration.port = 0
    configuration.host = "127.0.0.1"
    let server = HTTPServer(configuration: configuration, responder: responder)
    try server.start()
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// Runs blocking client code off Swift's cooperative pool, so blocking reads never starve other tests' tasks.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = BlockingThread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}
