import Blueprint
import BlueprintUpstream
import Testing

/// A stand-in for Anthropic's Messages API: `POST /v1/messages` records each request and answers with whatever the
/// test's `respond` closure returns.
final class AnthropicUpstream: Sendable {
    private let recorded = Locked<[HTTPRequest]>([])

    /// Every request received, in order.
    var requests: [HTTPRequest] { recorded.withLock { $0 } }

    /// The JSON body of the last request received.
    func lastBody() throws -> JSONValue {
        try JSONParser.parse(try #require(requests.last).body)
    }

    func responder(_ respond: @escaping @Sendable (HTTPRequest) -> HTTPResponse) -> RouterResponder {
        var router = Router()
        router.post("/v1/messages") { request, _ in
            self.recorded.withLock { $0.append(request) }
            return respond(request)
        }
        return router.build()
    }
}

/// Runs `body` against a live Blueprint app whose backend is an `AnthropicBackend` (model `claude-test`, sent
/// upstream as `claude-sonnet-4-5`, key `sk-ant-test`) in front of a live `AnthropicUpstream`, over the production
/// `URLSessionUpstreamClient`.
func withAnthropicBlueprint<T>(
    configure: (inout AnthropicBackend.Configuration) -> Void = { _ in },
    respond: @escaping @Sendable (HTTPRequest) -> HTTPResponse,
    _ body: (_ port: Int, _ upstream: AnthropicUpstream) async throws -> T
) async throws -> T {
    let upstream = AnthropicUpstream()
    return try await withLiveServer(responder: upstream.responder(respond)) { server in
        var configuration = AnthropicBackend.Configuration(
            apiKey: "sk-ant-test", models: ["claude-test"], baseURL: "http://127.0.0.1:\(server.port)/v1",
            modelMapping: ["claude-test": "claude-sonnet-4-5"], timeout: .seconds(10))
        configure(&configuration)
        let backend = AnthropicBackend(configuration: configuration, client: URLSessionUpstreamClient())
        return try await withBlueprint(backend: backend) { app in try await body(app.server.port, upstream) }
    }
}

/// Scripted Anthropic answers.
enum AnthropicReply {
    /// A `200` message body.
    static func message(_ json: String) -> HTTPResponse {
        HTTPResponse(headers: ["content-type": "application/json"], body: .string(json))
    }

    /// A `200` event stream. Each event goes out in two writes split mid-line, so the backend must reassemble
    /// events from pieces.
    static func events(_ events: [(name: String, data: String)]) -> HTTPResponse {
        HTTPResponse(
            headers: ServerSentEventWriter.headers,
            body: .stream { body in
                for event in events {
                    let bytes = ServerSentEventWriter.encode(data: Array(event.data.utf8), event: event.name)
                    try await body.write(Array(bytes[..<(bytes.count / 2)]))
                    try await body.write(Array(bytes[(bytes.count / 2)...]))
                }
            })
    }

    /// An Anthropic error answer.
    static func error(status: Int, type: String, message: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers.add(name: "content-type", value: "application/json")
        return HTTPResponse(
            status: HTTPStatus(code: status), headers: headers,
            body: .string(#"{"type":"error","error":{"type":"\#(type)","message":"\#(message)"}}"#))
    }
}
