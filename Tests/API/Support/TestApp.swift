import Blueprint
import Foundation

/// Ids that never change, so two identical requests give byte-identical bodies.
struct ConstantIDGenerator: IDGenerator {
    func make(prefix: String, length: Int) -> String {
        prefix + String(repeating: "x", count: length)
    }
}

/// Test settings: the test profile, an ephemeral port, the `test_key` key, no rate limit unless asked.
func testSettings(_ adjust: (inout Settings) -> Void = { _ in }) -> Settings {
    var settings = Settings(profile: .test)
    settings.host = "127.0.0.1"
    settings.port = 0
    settings.apiAuthTokens = ["test_key"]
    settings.rateLimitPerMinute = 0
    settings.eventLoopThreads = 2
    adjust(&settings)
    return settings
}

/// Runs `body` against a live Blueprint app (real sockets, the full middleware chain).
func withBlueprint<T>(
    settings: Settings = testSettings(), backend: any ModelBackend = MockModel(),
    environment: APIEnvironment = APIEnvironment(ids: ConstantIDGenerator(), now: { 1_700_000_000 }),
    logger: Logger = Logger(minimumLevel: .critical, sink: MemoryLogSink()),
    rateLimitClock: any MonotonicClock = SystemMonotonicClock(),
    _ body: (BlueprintApp) async throws -> T
) async throws -> T {
    let app = BlueprintApp(
        settings: settings, backend: backend, environment: environment, logger: logger, rateLimitClock: rateLimitClock)
    try app.start()
    do {
        let result = try await body(app)
        await app.shutdown()
        return result
    } catch {
        await app.shutdown()
        throw error
    }
}

/// Builds a raw HTTP/1.1 request with a JSON body and the test key.
func jsonRequest(
    _ path: String, _ body: String, key: String? = "test_key", headers: [String: String] = [:], method: String = "POST"
) -> String {
    var text = "\(method) \(path) HTTP/1.1\r\nHost: test\r\ncontent-type: application/json\r\n"
    if let key { text += "authorization: Bearer \(key)\r\n" }
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
    text += "content-length: \(body.utf8.count)\r\n\r\n\(body)"
    return text
}

func getRequest(_ path: String, key: String? = "test_key", headers: [String: String] = [:]) -> String {
    var text = "GET \(path) HTTP/1.1\r\nHost: test\r\n"
    if let key { text += "authorization: Bearer \(key)\r\n" }
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
    return text + "\r\n"
}

/// Sends one request on a new connection and reads the response.
func exchange(_ port: Int, _ request: String) async throws -> RawResponse {
    try await blocking {
        let client = try RawHTTPClient(port: port)
        try client.send(request)
        return try client.readResponse()
    }
}

/// The JSON body of a response.
func json(_ response: RawResponse) throws -> JSONValue {
    try JSONParser.parse(response.body)
}

/// The `data:` payloads of an event stream, in order.
func sseData(_ response: RawResponse) -> [String] {
    response.text.components(separatedBy: "\n").compactMap { line in
        line.hasPrefix("data: ") ? String(line.dropFirst(6)) : nil
    }
}
