import Blueprint
import Testing

/// Response heads as they go over the wire, byte for byte (only the `date` value varies).
@Suite("Response heads on the wire")
struct ResponseHeadTests {
    static func router() -> RouterResponder {
        var router = Router()
        router.get("/ok") { _, _ in
            HTTPResponse(headers: ["content-type": "application/json"], body: .string("{}"))
        }
        router.get("/created") { _, _ in
            // The framing, connection and date fields belong to the server: a handler's values are dropped.
            HTTPResponse(
                status: HTTPStatus(code: 201),
                headers: [
                    "x-a": "1", "Content-Length": "999", "x-b": "two words", "connection": "upgrade",
                    "Date": "yesterday", "x-a": "again",
                ],
                body: .string("made"))
        }
        router.get("/teapot") { _, _ in
            HTTPResponse(status: HTTPStatus(code: 418, reasonPhrase: "I'm a teapot"), body: .empty)
        }
        router.get("/stream") { _, _ in
            HTTPResponse(
                headers: ["content-type": "text/plain"],
                body: .stream { body in try await body.write(Array("hi".utf8)) })
        }
        return router.build()
    }

    /// The head of the response to `request`, the `date` value replaced by `<date>`, and the body bytes.
    static func exchange(_ request: String, port: Int) throws -> (head: String, body: String) {
        let client = try RawHTTPClient(port: port)
        try client.send(request)
        let text = String(decoding: try client.readToEnd(), as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return (text, "") }
        let lines = text[..<end.lowerBound].split(separator: "\r\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("date: ") ? "date: <date>" : String(line)
        }
        return (lines.joined(separator: "\r\n") + "\r\n\r\n", String(text[end.upperBound...]))
    }

    @Test("status line, fields in order, the server's own framing, connection and date fields")
    func heads() async throws {
        try await withLiveServer(responder: Self.router()) { server in
            let port = server.port
            try await blocking {
                let ok = try Self.exchange("GET /ok HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", port: port)
                #expect(
                    ok.head
                        == "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n"
                        + "connection: close\r\ndate: <date>\r\n\r\n")
                #expect(ok.body == "{}")

                let created = try Self.exchange(
                    "GET /created HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", port: port)
                #expect(
                    created.head
                        == "HTTP/1.1 201 Created\r\nx-a: 1\r\nx-b: two words\r\nx-a: again\r\ncontent-length: 4\r\n"
                        + "connection: close\r\ndate: <date>\r\n\r\n")
                #expect(created.body == "made")

                let teapot = try Self.exchange(
                    "GET /teapot HTTP/1.0\r\nHost: t\r\nConnection: keep-alive\r\n\r\nGET /ok HTTP/1.1\r\nHost: t\r\n"
                        + "Connection: close\r\n\r\n", port: port)
                #expect(
                    teapot.head
                        == "HTTP/1.1 418 I'm a teapot\r\ncontent-length: 0\r\nconnection: keep-alive\r\n"
                        + "date: <date>\r\n\r\n")
                // The keep-alive HTTP/1.0 connection served the second request too.
                #expect(teapot.body.hasPrefix("HTTP/1.1 200 OK\r\n"))

                let stream = try Self.exchange(
                    "GET /stream HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", port: port)
                #expect(
                    stream.head
                        == "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n"
                        + "connection: close\r\ndate: <date>\r\n\r\n")
                #expect(stream.body == "2\r\nhi\r\n0\r\n\r\n")
            }
        }
    }

    @Test("a head with many long fields is written whole")
    func largeHead() async throws {
        var router = Router()
        let value = String(repeating: "v", count: 2_000)
        router.get("/big") { _, _ in
            HTTPResponse(headers: HTTPHeaders((0..<20).map { ("x-field-\($0)", value) }), body: .string("ok"))
        }
        try await withLiveServer(responder: router.build()) { server in
            let port = server.port
            try await blocking {
                let big = try Self.exchange("GET /big HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", port: port)
                let expected = (0..<20).map { "x-field-\($0): \(value)\r\n" }.joined()
                #expect(
                    big.head
                        == "HTTP/1.1 200 OK\r\n\(expected)content-length: 2\r\nconnection: close\r\ndate: <date>\r\n\r\n"
                )
                #expect(big.body == "ok")
            }
        }
    }
}
