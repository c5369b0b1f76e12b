import Blueprint
import Glibc
import Testing

@Suite("HTTP/1.1 connections over a live server")
struct ConnectionTests {
    @Test("keep-alive serves several requests on one connection")
    func keepAlive() async throws {
        try await withLiveServer(responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port)
                for _ in 0..<3 {
                    try client.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
                    let response = try client.readResponse()
                    #expect(response.status == 200)
                    #expect(response.text == #"{"status":"ok"}"#)
                    #expect(response.header("connection") == nil)
                    #expect(response.header("date") != nil)
                }
            }
        }
    }

    @Test("pipelined requests are answered in order")
    func pipelining() async throws {
        try await withLiveServer(responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port)
                try client.send(
                    "GET /items/1 HTTP/1.1\r\nHost: t\r\n\r\nPOST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"
                        + "GET /items/3 HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().text == "item 1")
                #expect(try client.readResponse().text == "hello")
                #expect(try client.readResponse().text == "item 3")
            }
        }
    }

    @Test("HEAD gets the GET headers and no body")
    func head() async throws {
        try await withLiveServer(responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port)
                try client.send("HEAD /health HTTP/1.1\r\nHost: t\r\n\r\nGET /health HTTP/1.1\r\nHost: t\r\n\r\n")
                let head = try client.readResponse(headRequest: true)
                #expect(head.status == 200)
                #expect(head.header("content-length") == "15")
                // The next response starts right where the head ended: no body bytes were sent for HEAD.
                #expect(try client.readResponse().text == #"{"status":"ok"}"#)
            }
        }
    }

    @Test("a chunked request body is decoded")
    func chunkedRequestBody() async throws {
        try await withLiveServer(responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port)
                try client.send(
                    "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
                )
                let response = try client.readResponse()
                #expect(response.text == "hello world")
            }
        }
    }

    @Test("Expect: 100-continue gets an interim response before the body is sent")
    func expectContinue() async throws {
        try await withLiveServer(responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port)
                try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
                let interim = try client.readResponse()
                #expect(interim.status == 100)
                try client.send("ping")
                let final = try client.readResponse()
                #expect(final.status == 200)
                #expect(final.text == "ping")
            }
        }
    }

    @Test("HTTP/1.0 closes unless keep-alive is asked for")
    func http10() async throws {
        try await withLiveServer(responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let plain = try RawHTTPClient(port: port)
                try plain.send("GET /health HTTP/1.0\r\n\r\n")
                let response = try plain.readResponse()
                #expect(response.header("connection") == "close")
                #expect(plain.isClosedByServer())

                let kept = try RawHTTPClient(port: port)
                try kept.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                #expect(try kept.readResponse().header("connection") == "keep-alive")
                try kept.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                #expect(try kept.readResponse().status == 200)
            }
        }
    }

    @Test("Connection: close on HTTP/1.1 is honoured")
    func connectionClose() async throws {
        try await withLiveServer(responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port)
                try client.send("GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                #expect(try client.readResponse().header("connection") == "close")
                #expect(client.isClosedByServer())
            }
        }
    }

    @Test("unknown paths and methods go through the one error path")
    func notFoundAndMethodNotAllowed() async throws {
        try await withLiveServer(responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port)
                try client.send("GET /v1/nope HTTP/1.1\r\nHost: t\r\n\r\n")
                let missing = try client.readResponse()
                #expect(missing.status == 404)
                #expect(missing.header("content-type") == "application/json")
                #expect(
                    missing.text
                        == #"{"error":{"message":"Invalid URL (GET /v1/nope)","type":"invalid_request_error","param":null,"code":null}}"#
                )
                try client.send("DELETE /health HTTP/1.1\r\nHost: t\r\n\r\n")
                let wrongMethod = try client.readResponse()
                #expect(wrongMethod.status == 405)
                #expect(wrongMethod.header("allow") == "GET, HEAD")
                try client.send("GET /fail HTTP/1.1\r\nHost: t\r\n\r\n")
                let failure = try client.readResponse()
                #expect(failure.status == 500)
                #expect(failure.text.contains("server_error"))
                #expect(!failure.text.contains("Boom"))
            }
        }
    }

    @Test("a streamed body is chunked and coalesced; SSE framing is exact")
    func streaming() async throws {
        try await withLiveServer(responder: testRouter()) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port)
                try client.send("GET /events?n=2 HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.header("transfer-encoding") == "chunked")
                #expect(response.header("content-type") == "text/event-stream; charset=utf-8")
                #expect(response.text == "data: {\"n\":0}\n\ndata: {\"n\":1}\n\ndata: [DONE]\n\n")
                // The same connection stays usable after the last chunk.
                try client.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().status == 200)
            }
        }
    }

    @Test("a client that disconnects mid-stream cancels the producer")
    func disconnectCancelsProducer() async throws {
        let probe = Probe()
        try await withLiveServer(responder: testRouter(probe: probe)) { server in
            let port = server.port
            try await blocking {
                let client = try RawHTTPClient(port: port)
                try client.send("GET /endless HTTP/1.1\r\nHost: t\r\n\r\n")
                _ = try client.read(atLeast: 200)
            }
            // The client is gone (its socket closed when it went out of scope). Wait for the producer to see it.
            for _ in 0..<500 where !probe.wasCancelled { try await Task.sleep(for: .milliseconds(10)) }
            #expect(probe.wasCancelled)
        }
    }

    @Test("a slow reader makes the producer wait instead of buffering without bound")
    func backpressure() async throws {
        let probe = Probe()
        try await withLiveServer(responder: testRouter(probe: probe)) { server in
            let port = server.port
            let client = try await blocking { () -> RawHTTPClient in
                let client = try RawHTTPClient(port: port)
                try client.send("GET /firehose HTTP/1.1\r\nHost: t\r\n\r\n")
                return client
            }
            // Let the producer run until it is blocked by the unread socket: its count stops moving.
            var last = -1
            var stableRounds = 0
            for _ in 0..<300 where stableRounds < 5 {
                try await Task.sleep(for: .milliseconds(20))
                let now = probe.produced.load(ordering: .relaxed)
                stableRounds = now == last ? stableRounds + 1 : 0
                last = now
            }
            #expect(stableRounds >= 5)
            // Kernel socket buffers hold a few MiB; the server itself holds at most its 64 KiB high-water mark.
            #expect(last < 24 * 1024 * 1024, "producer ran ahead: \(last) bytes")
            let total = try await blocking { try client.readResponse().body.count }
            #expect(total == 64 * 1024 * 1024)
            #expect(probe.produced.load(ordering: .relaxed) == 64 * 1024 * 1024)
        }
    }
}

extension RawHTTPClient: @unchecked Sendable {}
