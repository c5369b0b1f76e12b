import Blueprint
import Testing

@Suite("Heartbeats and request limits over the live server")
struct StreamingAndLimitsTests {
    static func apiRouter(heartbeat: Duration) -> RouterResponder {
        var router = Router()
        router.use(ErrorMiddleware())
        OpenAIAPI(backend: MockModel(), environment: .fixed(), heartbeatInterval: heartbeat).register(on: &router)
        return router.build()
    }

    @Test("a stream that is silent longer than the heartbeat interval carries `: ping` comments")
    func heartbeats() async throws {
        try await withLiveServer(responder: Self.apiRouter(heartbeat: .milliseconds(40))) { server in
            let response = try await exchange(
                server.port,
                jsonRequest(
                    "/v1/chat/completions",
                    #"{"model":"gpt-4o-mini","stream":true,"max_tokens":3,"messages":[{"role":"user","content":"hi"}]}"#,
                    key: nil, headers: ["x-mock-ttft-ms": "250"]))
            #expect(response.status == 200)
            let text = response.text
            let firstPing = try #require(text.firstRange(of: ": ping\n\n"))
            let firstData = try #require(text.firstRange(of: "data: "))
            #expect(firstPing.lowerBound < firstData.lowerBound, "the pings fill the silence before the first token")
            #expect(text.hasSuffix("data: [DONE]\n\n"))
            #expect(sseData(response).count == 3 + 2 + 1)  // role, 3 tokens, finish, [DONE]
        }
    }

    @Test("no heartbeat when tokens flow faster than the interval")
    func noHeartbeatWhenBusy() async throws {
        try await withLiveServer(responder: Self.apiRouter(heartbeat: .seconds(5))) { server in
            let response = try await exchange(
                server.port,
                jsonRequest(
                    "/v1/chat/completions",
                    #"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}"#, key: nil))
            #expect(!response.text.contains(": ping"))
        }
    }

    @Test("an oversized body is a 413 in the envelope; the connection closes without reading the next request")
    func bodyTooLarge() async throws {
        var configuration = HTTPServerConfiguration(port: 0, eventLoopThreads: 2)
        configuration.limits.maxBodyBytes = 1024
        try await withLiveServer(configuration: configuration, responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port)
                let body = String(repeating: "x", count: 4096)
                // A pipelined second request follows the oversized one; it must not be answered from the body bytes.
                try client.send(
                    "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4096\r\n\r\n\(body)GET /health HTTP/1.1\r\nHost: t\r\n\r\n"
                )
                let response = try client.readResponse()
                #expect(response.status == 413)
                #expect(response.header("connection") == "close")
                #expect(response.text.contains("invalid_request_error"))
                #expect(client.isClosedByServer())
            }
        }
    }

    @Test("too many header bytes is a 431; an overlong request line a 414; both close the connection")
    func headerLimits() async throws {
        var configuration = HTTPServerConfiguration(port: 0, eventLoopThreads: 2)
        configuration.limits.maxHeaderBytes = 2048
        configuration.limits.maxRequestLineBytes = 256
        try await withLiveServer(configuration: configuration, responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let big = try RawHTTPClient(port: port)
                try big.send(
                    "GET /health HTTP/1.1\r\nHost: t\r\nx-filler: \(String(repeating: "a", count: 4096))\r\n\r\n")
                #expect(try big.readResponse().status == 431)
                #expect(big.isClosedByServer())
                let long = try RawHTTPClient(port: port)
                try long.send("GET /\(String(repeating: "a", count: 1024)) HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try long.readResponse().status == 414)
                #expect(long.isClosedByServer())
            }
        }
    }

    @Test("request smuggling vectors are refused with 400 and a closed connection")
    func smuggling() async throws {
        try await withLiveServer(responder: testRouter()) { server in
            let port = server.port
            for head in [
                "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
                "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
            ] {
                try await blocking {
                    let client = try RawHTTPClient(port: port)
                    try client.send(head)
                    #expect(try client.readResponse().status == 400)
                    #expect(client.isClosedByServer())
                }
            }
        }
    }
}
