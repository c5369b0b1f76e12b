import Blueprint
import Glibc
import Testing

@Suite("Graceful shutdown and descriptor hygiene")
struct ShutdownTests {
    @Test("shutdown lets a running stream finish, then closes")
    func shutdownLetsStreamFinish() async throws {
        let probe = Probe()
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(port: 0, eventLoopThreads: 2, shutdownGracePeriod: .seconds(5)),
            responder: testRouter(probe: probe))
        try server.start()
        let port = server.port
        let client = try await blocking { () -> RawHTTPClient in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /slow-events HTTP/1.1\r\nHost: t\r\n\r\n")
            return client
        }
        async let stopped: Void = server.shutdown()
        let response = try await blocking { try client.readResponse() }
        await stopped
        #expect(response.status == 200)
        // The complete body arrived (the reader saw the last chunk) and the connection was marked to close.
        #expect(response.text.contains("event 4"))
        #expect(response.header("connection") == "close" || client.isClosedByServer())
        #expect(probe.finished.withLock { $0 })
        #expect(server.isDraining)
    }

    @Test("after the grace period, shutdown cancels streams that are still running")
    func shutdownCancelsAfterGrace() async throws {
        let probe = Probe()
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(
                port: 0, eventLoopThreads: 2, shutdownGracePeriod: .milliseconds(150)),
            responder: testRouter(probe: probe))
        try server.start()
        let port = server.port
        let client = try await blocking { () -> RawHTTPClient in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /endless HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.read(atLeast: 50)
            return client
        }
        let started = ContinuousClock.now
        await server.shutdown()
        #expect(
            ContinuousClock.now - started < .seconds(8),
            "the endless stream was cut off; without cancellation shutdown would never end")
        #expect(probe.wasCancelled)
        let rest = try await blocking { try client.readToEnd() }
        // The body was cut off: no terminating zero-size chunk.
        #expect(!String(decoding: rest, as: UTF8.self).hasSuffix("0\r\n\r\n"))
        #expect(server.openConnectionCount == 0)
    }

    @Test("idle connections are closed at once when shutdown begins")
    func idleClosedOnShutdown() async throws {
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(port: 0, eventLoopThreads: 2, shutdownGracePeriod: .seconds(20)),
            responder: testRouter())
        try server.start()
        let port = server.port
        let client = try await blocking { () -> RawHTTPClient in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readResponse()
            return client
        }
        let started = ContinuousClock.now
        await server.shutdown()
        // Far below the 20 s grace period: an idle connection does not hold shutdown up (the bound is loose on
        // purpose, ThreadSanitizer runs are many times slower).
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(try await blocking { client.isClosedByServer() })
    }
}
