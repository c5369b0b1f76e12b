import Blueprint
import Glibc

/// Measures the application's own CPU per request, in-process on one thread, without sockets: the full
/// `BlueprintApp` middleware chain and handlers (request id, access log and metrics, errors, CORS, auth, rate limit
/// off, routing, the OpenAI layer and the mock model), as the benchmark server runs them. The difference between
/// this and the socket benchmark is the kernel, the event loop and the HTTP parser/encoder.
enum StackThroughput {
    static let token = "bench-token-0123456789"

    static func run(iterations: Int, only filter: String?) async {
        var settings = Settings(profile: .test)
        settings.apiAuthTokens = [token]
        settings.rateLimitPerMinute = 0
        settings.logLevel = .error
        let app = BlueprintApp(settings: settings)
        let responder = app.server.responder
        let chat = Array(
            #"{"model":"gpt-4o-mini","max_tokens":20,"messages":[{"role":"system","content":"You are helpful."},{"role":"user","content":"Hello there, how are you today?"}]}"#
                .utf8)
        let cases: [(String, HTTPRequest)] = [
            ("GET /health", request(.get, "/health")),
            ("GET /v1/models/gpt-4o-mini", request(.get, "/v1/models/gpt-4o-mini")),
            ("POST /v1/chat/completions (benchmark body)", request(.post, "/v1/chat/completions", body: chat)),
        ]
        for (name, request) in cases where filter.map({ name.contains($0) }) ?? true {
            await measure(name, iterations: iterations) {
                let response = try await responder.respond(to: request, context: RequestContext(remoteAddress: "bench"))
                return response.body.fixedBytes?.count ?? 0
            }
        }
    }

    static func request(_ method: HTTPMethod, _ target: String, body: [UInt8] = []) -> HTTPRequest {
        var headers: HTTPHeaders = ["host": "127.0.0.1", "authorization": "Bearer \(token)"]
        if !body.isEmpty {
            headers.add(name: "content-type", value: "application/json")
            headers.add(name: "content-length", value: String(body.count))
        }
        return HTTPRequest(method: method, target: target, headers: headers, body: body)
    }

    static func measure(_ name: String, iterations: Int, _ body: () async throws -> Int) async {
        var bytes = 0
        for _ in 0..<1000 { bytes &+= (try? await body()) ?? 0 }
        let start = ContinuousClock.now
        for _ in 0..<iterations { bytes &+= (try? await body()) ?? 0 }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let micros = seconds * 1e6 / Double(iterations)
        print("  \(name): \((micros * 100).rounded() / 100) us per request (\(iterations) requests, \(bytes) bytes)")
    }
}
