import Blueprint
import Testing

@Suite("Request tasks over a live server")
struct RequestTaskTests {
    /// Answers with an identifier of the task that runs the handler.
    static func taskRouter() -> RouterResponder {
        var router = Router()
        router.get("/task") { _, _ in
            let task = withUnsafeCurrentTask { task in task.map { String($0.hashValue) } ?? "none" }
            return HTTPResponse(body: .bytes(Array(task.utf8)))
        }
        return router.build()
    }

    static let get = "GET /task HTTP/1.1\r\nHost: t\r\n\r\n"

    @Test("a busy keep-alive connection runs its requests in one task, and each connection has its own")
    func oneTaskPerBusyConnection() async throws {
        let configuration = HTTPServerConfiguration(port: 0, eventLoopThreads: 2, workerIdleTimeout: .seconds(60))
        try await withLiveServer(configuration: configuration, responder: Self.taskRouter()) { server in
            let port = server.port
            let (clients, sequential, pipelined, other) = try await blocking {
                () -> ([RawHTTPClient], [String], [String], String) in
                let client = try RawHTTPClient(port: port)
                var sequential: [String] = []
                for _ in 0..<3 {
                    try client.send(Self.get)
                    sequential.append(try client.readResponse().text)
                }
                try client.send(Self.get + Self.get)
                let pipelined = [try client.readResponse().text, try client.readResponse().text]
                let second = try RawHTTPClient(port: port)
                try second.send(Self.get)
                return ([client, second], sequential, pipelined, try second.readResponse().text)
            }
            #expect(sequential.count == 3 && !sequential.contains("none"))
            #expect(Set(sequential + pipelined).count == 1)
            #expect(other != sequential[0])
            // Both connections are open and idle: each keeps its parked task until `workerIdleTimeout`.
            let running = server.runningTaskCount
            #expect(running == 2)
            #expect(clients.count == 2)
        }
    }

    @Test("a connection that goes idle gives up its task, and its next request gets a new one")
    func idleConnectionReleasesItsTask() async throws {
        let configuration = HTTPServerConfiguration(
            port: 0, eventLoopThreads: 1, headerReadTimeout: .milliseconds(50), workerIdleTimeout: .zero)
        try await withLiveServer(configuration: configuration, responder: Self.taskRouter()) { server in
            let port = server.port
            let (client, timedOut) = try await blocking { () -> (RawHTTPClient, Int) in
                let client = try RawHTTPClient(port: port)
                try client.send(Self.get)
                #expect(try client.readResponse().status == 200)
                // A clock for the test that needs no sleeping: a second connection's unfinished head gets its 408 on a
                // loop tick at least 50 ms later. The loop releases parked tasks on its ticks and runs their ends
                // before it sends what the tick wrote, so by the 408 the first connection's task has ended.
                let slow = try RawHTTPClient(port: port)
                try slow.send("GET /task HTTP/1.1\r\n")
                return (client, try slow.readResponse().status)
            }
            #expect(timedOut == 408)
            let afterIdle = server.runningTaskCount
            #expect(afterIdle == 0)
            let status = try await blocking {
                try client.send(Self.get)
                return try client.readResponse().status
            }
            #expect(status == 200)
        }
    }

    @Test("shutdown ends parked tasks with their connections")
    func shutdownEndsParkedTasks() async throws {
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(port: 0, eventLoopThreads: 2, workerIdleTimeout: .seconds(60)),
            responder: Self.taskRouter())
        try server.start()
        let port = server.port
        let client = try await blocking { () -> RawHTTPClient in
            let client = try RawHTTPClient(port: port)
            try client.send(Self.get)
            _ = try client.readResponse()
            return client
        }
        let parked = server.runningTaskCount
        #expect(parked == 1)
        await server.shutdown()
        let afterShutdown = server.runningTaskCount
        #expect(afterShutdown == 0)
        #expect(try await blocking { client.isClosedByServer() })
    }
}
