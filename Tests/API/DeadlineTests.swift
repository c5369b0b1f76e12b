import Blueprint
import Testing

@Suite("Read, idle and write deadlines")
struct DeadlineTests {
    static func configuration() -> HTTPServerConfiguration {
        HTTPServerConfiguration(
            port: 0, eventLoopThreads: 2, headerReadTimeout: .milliseconds(200), bodyReadTimeout: .milliseconds(200),
            idleTimeout: .milliseconds(300), lingerTimeout: .milliseconds(100))
    }

    @Test("a request head that never completes gets 408 and the connection closes")
    func headerReadTimeout() async throws {
        try await withLiveServer(configuration: Self.configuration(), responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port, timeoutSeconds: 5)
                try client.send("GET /health HTTP/1.1\r\nHost: t\r\n")
                let response = try client.readResponse()
                #expect(response.status == 408)
                #expect(response.header("connection") == "close")
                #expect(response.text.contains("Timed out reading the request headers"))
                #expect(client.isClosedByServer())
            }
        }
    }

    @Test("a body that stops arriving gets 408")
    func bodyReadTimeout() async throws {
        try await withLiveServer(configuration: Self.configuration(), responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port, timeoutSeconds: 5)
                try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
                let response = try client.readResponse()
                #expect(response.status == 408)
                #expect(response.text.contains("Timed out reading the request body"))
            }
        }
    }

    @Test("an idle keep-alive connection is closed after the idle timeout")
    func idleTimeout() async throws {
        try await withLiveServer(configuration: Self.configuration(), responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port, timeoutSeconds: 5)
                try client.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().status == 200)
                // No 408 for an idle connection: it simply closes (RFC 9112 §9.8 lets servers close idle ones).
                #expect(try client.readToEnd().isEmpty)
            }
        }
    }

    @Test("hundreds of slow and idle connections do not delay a normal request")
    func slowlorisDoesNotBlockOthers() async throws {
        var configuration = HTTPServerConfiguration(port: 0, eventLoopThreads: 2)
        configuration.headerReadTimeout = .seconds(30)
        try await withLiveServer(configuration: configuration, responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                var slow: [RawHTTPClient] = []
                for index in 0..<300 {
                    let client = try RawHTTPClient(port: port)
                    if index.isMultiple(of: 2) { try client.send("GET /health HTTP/1.1\r\nHo") }
                    slow.append(client)
                }
                let start = ContinuousClock.now
                let client = try RawHTTPClient(port: port, timeoutSeconds: 15)
                try client.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().status == 200)
                // A request stuck behind the slow ones would wait for their 30 s header timeout.
                #expect(ContinuousClock.now - start < .seconds(10))
                #expect(slow.count == 300)
            }
        }
    }
}
