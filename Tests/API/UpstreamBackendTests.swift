import Blueprint
import BlueprintUpstream
import Glibc
import Synchronization
import Testing

/// A one-shot signal that test code and scripted upstream handlers await; a cancelled waiter stops waiting.
private final class Gate: Sendable {
    private struct State {
        var open = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextID = 0
    }

    private let state = Locked(State())

    var isOpen: Bool { state.withLock { $0.open } }

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.open || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}

/// The waits a backend asked for, recorded instead of waited.
private final class SleepLog: Sendable {
    let clock = ManualClock()
    private let durations = Locked<[Duration]>([])

    var recorded: [Duration] { durations.withLock { $0 } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { [durations, clock] duration in
            durations.withLock { $0.append(duration) }
            clock.advance(by: duration)
        }
    }
}

/// What a scripted upstream saw.
private final class UpstreamScript: Sendable {
    let attempts = Atomic<Int>(0)
    /// Opened by a streaming handler when its producer is cancelled or its writes fail.
    let streamStopped = Gate()
    /// Hanging handlers wait for this; the test opens it when done so shutdown is prompt.
    let release = Gate()
    /// The bodies the upstream received, in order.
    let bodies = Locked<[[UInt8]]>([])

    var attemptCount: Int { attempts.load(ordering: .acquiring) }

    func nextAttempt() -> Int { attempts.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue }
}

private let upstreamSecret = "sk-proxy-secret"

private let recoveredReply = #"""
    {"id":"chatcmpl-9","object":"chat.completion","created":1,"model":"scripted","choices":[{"index":0,
    "message":{"role":"assistant","content":"Recovered."},"finish_reason":"stop","logprobs":null}],
    "usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}
    """#

private func chunkEvent(_ content: String) -> String {
    #"{"id":"c","object":"chat.completion.chunk","created":1,"model":"scripted","choices":[{"index":0,"delta":{"content":"\#(content)"},"finish_reason":null}]}"#
}

private func jsonResponse(_ status: Int, _ body: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
    var headers = headers
    headers.add(name: "content-type", value: "application/json")
    return HTTPResponse(status: HTTPStatus(code: status), headers: headers, body: .string(body))
}

/// Runs `body` with a scripted upstream whose `/v1/chat/completions` is `handler(attempt, request)`.
private func withScriptedUpstream<T>(
    _ handler: @escaping @Sendable (Int, UpstreamScript) async throws -> HTTPResponse,
    _ body: (Int, UpstreamScript) async throws -> T
) async throws -> T {
    let script = UpstreamScript()
    var router = Router()
    router.post("/v1/chat/completions") { request, _ in
        script.bodies.withLock { $0.append(request.body) }
        return try await handler(script.nextAttempt(), script)
    }
    let result = try await withLiveServer(responder: router.build()) { server in
        defer { script.release.open() }
        return try await body(server.port, script)
    }
    return result
}

/// The backend's configuration for an upstream on `port`, with recorded sleeps and a fixed jitter of 0.5.
private func upstreamConfiguration(
    port: Int, name: String, key: String, sleeps: SleepLog
) -> OpenAICompatibleBackend.Configuration {
    var configuration = OpenAICompatibleBackend.Configuration(
        providerName: name, baseURL: "http://127.0.0.1:\(port)/v1", apiKey: key)
    configuration.sleep = sleeps.sleep
    configuration.clock = sleeps.clock
    configuration.jitter = { 0.5 }
    return configuration
}

/// Runs `body` against a Blueprint app whose backend is an `OpenAICompatibleBackend` for the upstream on `port`.
private func withProxy<T>(
    upstreamPort port: Int, name: String = "flaky", key: String = upstreamSecret,
    _ adjust: (inout OpenAICompatibleBackend.Configuration) -> Void = { _ in },
    _ body: (Int, SleepLog) async throws -> T
) async throws -> T {
    let sleeps = SleepLog()
    var configuration = upstreamConfiguration(port: port, name: name, key: key, sleeps: sleeps)
    adjust(&configuration)
    return try await withBlueprint(backend: OpenAICompatibleBackend(configuration: configuration)) { proxy in
        try await body(proxy.server.port, sleeps)
    }
}

/// An error body never names the upstream's address or key.
private func expectNoLeak(_ response: RawResponse, port: Int, key: String = upstreamSecret) {
    #expect(!response.text.contains("127.0.0.1"), "\(response.text)")
    #expect(!response.text.contains(":\(port)"), "\(response.text)")
    #expect(!response.text.contains(key), "\(response.text)")
}

/// The concatenated `content` deltas of a chat stream.
private func streamedText(_ response: RawResponse) throws -> String {
    try sseData(response).filter { $0 != "[DONE]" }.compactMap { data in
        try JSONParser.parse(data)["choices"]?[0]?["delta"]?["content"]?.stringValue
    }.joined()
}

private let chatBody = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Tell me about rivers."}]}"#

@Suite("OpenAI-compatible upstream backend over loopback")
struct UpstreamBackendTests {
    // MARK: - The URLSession client

    @Test(.timeLimit(.minutes(1)))
    func bodyPiecesArriveAsTheUpstreamWritesThem() async throws {
        let proceed = Gate()
        var router = Router()
        router.get("/pieces") { _, _ in
            HTTPResponse(
                body: .stream { body in
                    try await body.write(Array("first".utf8))
                    await proceed.wait()
                    try await body.write(Array("second".utf8))
                })
        }
        try await withLiveServer(responder: router.build()) { server in
            defer { proceed.open() }
            let client = URLSessionUpstreamClient()
            let response = try await client.send(
                UpstreamRequest(method: "GET", url: "http://127.0.0.1:\(server.port)/pieces"))
            #expect(response.status == 200)
            var iterator = response.body.makeAsyncIterator()
            // The second piece is only written once the first has been received, so buffering would hang here.
            #expect(try await iterator.next() == Array("first".utf8))
            proceed.open()
            var rest: [UInt8] = []
            while let piece = try await iterator.next() { rest += piece }
            #expect(rest == Array("second".utf8))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func theClientSendsMethodHeadersAndBody() async throws {
        var router = Router()
        router.post("/echo") { request, _ in
            HTTPResponse(
                status: HTTPStatus(code: 201),
                headers: ["x-seen-auth": request.headers["authorization"] ?? "", "X-Mixed-Case": "yes"],
                body: .bytes(request.body))
        }
        try await withLiveServer(responder: router.build()) { server in
            let client = URLSessionUpstreamClient()
            let response = try await client.send(
                UpstreamRequest(
                    method: "POST", url: "http://127.0.0.1:\(server.port)/echo",
                    headers: [(name: "Authorization", value: "Bearer k1")], body: Array(#"{"a":1}"#.utf8)))
            #expect(response.status == 201)
            #expect(response.headers["x-seen-auth"] == "Bearer k1")
            #expect(response.headers["x-mixed-case"] == "yes")
            var bytes: [UInt8] = []
            for try await piece in response.body { bytes += piece }
            #expect(bytes == Array(#"{"a":1}"#.utf8))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aRefusedConnectionFailsWithoutTheCredentialsOrQuery() async throws {
        let port = try await closedPort()
        let client = URLSessionUpstreamClient()
        do {
            _ = try await client.send(
                UpstreamRequest(
                    method: "POST", url: "http://user:hunter2@127.0.0.1:\(port)/v1/chat?key=abc123",
                    body: Array("{}".utf8)))
            Issue.record("a closed port answered")
        } catch let UpstreamTransportError.connectFailed(message) {
            #expect(message.contains("127.0.0.1:\(port)"))
            #expect(!message.contains("hunter2") && !message.contains("abc123") && !message.contains("user"))
        }
        await #expect(throws: UpstreamTransportError.connectFailed("Invalid upstream URL.")) {
            try await client.send(UpstreamRequest(method: "GET", url: "ftp://127.0.0.1/x"))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func httpsToAPlainServerFailsTheHandshake() async throws {
        let listener = try RawListener()
        let port = listener.port
        async let served: Void = blocking { listener.answerOnce("HTTP/1.1 400 Bad Request\r\n\r\n") }
        let client = URLSessionUpstreamClient()
        do {
            _ = try await client.send(
                UpstreamRequest(method: "POST", url: "https://127.0.0.1:\(port)/v1/private-path", body: [0x7B, 0x7D]))
            Issue.record("a plain server completed a TLS handshake")
        } catch let UpstreamTransportError.connectFailed(message) {
            #expect(message == "The TLS handshake with https://127.0.0.1:\(port) failed.")
        }
        try await served
    }

    @Test(.timeLimit(.minutes(1)))
    func noHeadInTimeIsATimeoutAndCancellingTheCallerCancels() async throws {
        let arrived = Gate()
        let release = Gate()
        var router = Router()
        router.post("/hang") { _, _ in
            arrived.open()
            await release.wait()
            return HTTPResponse(body: .string("late"))
        }
        try await withLiveServer(responder: router.build()) { server in
            defer { release.open() }
            let client = URLSessionUpstreamClient()
            let url = "http://127.0.0.1:\(server.port)/hang"
            let clock = ContinuousClock()
            let started = clock.now
            await #expect(throws: UpstreamTransportError.timedOut) {
                try await client.send(
                    UpstreamRequest(method: "POST", url: url, body: [0x7B, 0x7D], timeout: .milliseconds(200)))
            }
            // The 200 ms timeout fired, not the 60 s default. The bound is loose on purpose: under ThreadSanitizer,
            // on a loaded machine, URLSession took just over 5 s to report it.
            #expect(clock.now - started < .seconds(30))

            let task = Task {
                try await client.send(UpstreamRequest(method: "POST", url: url, body: [0x7B, 0x7D]))
            }
            await arrived.wait()
            task.cancel()
            await #expect(throws: UpstreamTransportError.cancelled) { try await task.value }

            let cancelledFirst = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.send(UpstreamRequest(method: "POST", url: url, body: [0x7B, 0x7D]))
            }
            await #expect(throws: UpstreamTransportError.cancelled) { try await cancelledFirst.value }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aConnectionThatCannotBeMadeInTimeIsAConnectFailure() async throws {
        let listener = try RawListener()
        listener.fill()
        let client = URLSessionUpstreamClient(connectTimeout: .milliseconds(200))
        let clock = ContinuousClock()
        let started = clock.now
        do {
            _ = try await client.send(
                UpstreamRequest(
                    method: "POST", url: "http://127.0.0.1:\(listener.port)/v1/chat/completions", body: [0x7B, 0x7D],
                    timeout: .seconds(30)))
            Issue.record("a full listener answered")
        } catch let UpstreamTransportError.connectFailed(message) {
            #expect(message == "Connecting to http://127.0.0.1:\(listener.port) timed out.")
        }
        #expect(clock.now - started < .seconds(5))
    }

    @Test(.timeLimit(.minutes(1)))
    func aSlowHeadAfterTheRequestWentOutIsATimeoutNotAConnectFailure() async throws {
        let release = Gate()
        var router = Router()
        router.post("/slow") { _, _ in
            await release.wait()
            return HTTPResponse(body: .string("late"))
        }
        try await withLiveServer(responder: router.build()) { server in
            defer { release.open() }
            // The connect timeout is generous so that only the head timeout can fire: under load the first connection of
            // a new session can take longer than a tight connect timeout, which made this test flaky.
            let client = URLSessionUpstreamClient(connectTimeout: .seconds(10))
            await #expect(throws: UpstreamTransportError.timedOut) {
                try await client.send(
                    UpstreamRequest(
                        method: "POST", url: "http://127.0.0.1:\(server.port)/slow", body: [0x7B, 0x7D],
                        timeout: .milliseconds(400)))
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func droppingTheBodyCancelsTheTransfer() async throws {
        let stopped = Gate()
        var router = Router()
        router.get("/endless") { _, _ in
            HTTPResponse(
                body: .stream { body in
                    do {
                        while true {
                            try await body.write(Array("tick".utf8))
                            try await Task.sleep(for: .milliseconds(5))
                        }
                    } catch {
                        stopped.open()
                        throw error
                    }
                })
        }
        try await withLiveServer(responder: router.build()) { server in
            let client = URLSessionUpstreamClient()
            do {
                let response = try await client.send(
                    UpstreamRequest(method: "GET", url: "http://127.0.0.1:\(server.port)/endless"))
                var iterator = response.body.makeAsyncIterator()
                #expect(try await iterator.next()?.isEmpty == false)
            }
            await stopped.wait()
            #expect(stopped.isOpen)
        }
    }

    // MARK: - A Blueprint in front of another Blueprint

    @Test("chat, completions, embeddings, responses, tools and models pass through unchanged")
    func aProxiedBlueprintAnswersLikeTheUpstream() async throws {
        try await withBlueprint { upstream in
            let upstreamPort = upstream.server.port
            try await withProxy(upstreamPort: upstreamPort, name: "local-blueprint", key: "test_key") { port, _ in
                func both(_ path: String, _ body: String) async throws -> (direct: JSONValue, proxied: JSONValue) {
                    let direct = try await exchange(upstreamPort, jsonRequest(path, body))
                    let proxied = try await exchange(port, jsonRequest(path, body))
                    #expect(direct.status == 200 && proxied.status == 200, "\(path): \(proxied.text)")
                    return (try json(direct), try json(proxied))
                }
                let chat = try await both("/v1/chat/completions", chatBody)
                #expect(chat.proxied == chat.direct)
                #expect(chat.proxied["choices"]?[0]?["message"]?["content"]?.stringValue?.isEmpty == false)

                let completion = try await both(
                    "/v1/completions", #"{"model":"gpt-3.5-turbo-instruct","prompt":"Once upon","max_tokens":6}"#)
                #expect(completion.proxied == completion.direct)

                let embedding = try await both(
                    "/v1/embeddings", #"{"model":"text-embedding-3-small","input":["a","b"],"dimensions":8}"#)
                #expect(embedding.proxied == embedding.direct)
                #expect(embedding.proxied["data"]?[1]?["embedding"]?.arrayValue?.count == 8)

                let tools =
                    #""tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]"#
                let call = try await both(
                    "/v1/chat/completions",
                    #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Weather in Oslo?"}],"#
                        + tools + #","tool_choice":"required"}"#)
                #expect(call.proxied == call.direct)
                let toolCall = try #require(call.proxied["choices"]?[0]?["message"]?["tool_calls"]?[0])
                #expect(toolCall["function"]?["name"] == "get_weather")
                let callID = try #require(toolCall["id"]?.stringValue)
                let arguments = try #require(toolCall["function"]?["arguments"]?.stringValue)
                let answer = try await both(
                    "/v1/chat/completions",
                    #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Weather in Oslo?"},"#
                        + #"{"role":"assistant","content":null,"tool_calls":[{"id":"\#(callID)","type":"function","#
                        + #""function":{"name":"get_weather","arguments":\#(JSONValue.string(arguments).jsonString)}}]},"#
                        + #"{"role":"tool","tool_call_id":"\#(callID)","content":"12 degrees"}],"# + tools + "}")
                #expect(answer.proxied == answer.direct)
                #expect(answer.proxied["choices"]?[0]?["message"]?["content"]?.stringValue?.isEmpty == false)

                let streamedCall = try await exchange(
                    port,
                    jsonRequest(
                        "/v1/chat/completions",
                        #"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Weather in Oslo?"}],"#
                            + tools + #","tool_choice":"required"}"#))
                let fragments = try sseData(streamedCall).filter { $0 != "[DONE]" }.compactMap { data in
                    try JSONParser.parse(data)["choices"]?[0]?["delta"]?["tool_calls"]?[0]?["function"]?["arguments"]?
                        .stringValue
                }.joined()
                #expect(fragments == arguments)

                let response = try json(
                    try await exchange(
                        port,
                        jsonRequest("/v1/responses", #"{"model":"gpt-4o-mini","input":"Tell me about rivers."}"#)))
                let output = response["output"]?[0]?["content"]?[0]?["text"]?.stringValue
                #expect(output != nil && output == chat.direct["choices"]?[0]?["message"]?["content"]?.stringValue)

                let models = try json(try await exchange(port, getRequest("/v1/models")))
                let direct = try json(try await exchange(upstreamPort, getRequest("/v1/models")))
                #expect(models["data"] == direct["data"])
            }
        }
    }

    @Test("a proxied stream relays each event as the upstream produces it", .timeLimit(.minutes(1)))
    func aProxiedStreamIsRelayedAsItIsProduced() async throws {
        let paced = testSettings { $0.mockInterTokenLatency = .milliseconds(15) }
        try await withBlueprint(settings: paced) { upstream in
            let upstreamPort = upstream.server.port
            try await withProxy(upstreamPort: upstreamPort, name: "local-blueprint", key: "test_key") { port, _ in
                let body = #"{"model":"gpt-4o-mini","stream":true,"max_tokens":30,"# + chatBody.dropFirst()
                let direct = try await exchange(upstreamPort, jsonRequest("/v1/chat/completions", body))
                let timing = try await timedStream(port, jsonRequest("/v1/chat/completions", body))
                let proxied = try await exchange(port, jsonRequest("/v1/chat/completions", body))
                #expect(proxied.status == 200)
                #expect(try streamedText(proxied) == streamedText(direct))
                #expect(try streamedText(proxied).isEmpty == false)
                #expect(sseData(proxied).last == "[DONE]")
                // 30 tokens 15 ms apart take at least 435 ms; the first one must not wait for the last.
                #expect(timing.total >= .milliseconds(400))
                #expect(timing.first * 2 < timing.total, "first \(timing.first), total \(timing.total)")
            }
        }
    }

    @Test("an unknown model is the upstream's 404 model_not_found")
    func anUnknownModelIsNotFound() async throws {
        try await withBlueprint { upstream in
            try await withProxy(upstreamPort: upstream.server.port, name: "local-blueprint", key: "test_key") {
                port, _ in
                let response = try await exchange(
                    port,
                    jsonRequest(
                        "/v1/chat/completions", #"{"model":"no-such-model","messages":[{"role":"user","content":"x"}]}"#
                    ))
                #expect(response.status == 404)
                let error = try json(response)["error"]
                #expect(error?["code"] == "model_not_found")
                #expect(error?["message"]?.stringValue?.contains("no-such-model") == true)
                expectNoLeak(response, port: upstream.server.port, key: "sk-none")
            }
        }
    }

    // MARK: - A scripted, failing upstream

    @Test(.timeLimit(.minutes(1)))
    func aRefusedConnectionIsA502() async throws {
        let closed = try await closedPort()
        try await withProxy(upstreamPort: closed) { port, sleeps in
            let response = try await exchange(port, jsonRequest("/v1/chat/completions", chatBody))
            #expect(response.status == 502)
            let error = try json(response)["error"]
            #expect(error?["message"] == "The upstream provider 'flaky' could not be reached.")
            #expect(error?["code"] == "upstream_unreachable")
            #expect(sleeps.recorded.count == 2)
            expectNoLeak(response, port: closed)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func unknownRequestFieldsReachTheUpstreamUnchanged() async throws {
        try await withScriptedUpstream({ _, _ in jsonResponse(200, recoveredReply) }) { upstreamPort, script in
            try await withProxy(upstreamPort: upstreamPort, { $0.modelMap = ["gpt-4o-mini": "llama-3-8b"] }) {
                port, _ in
                let body =
                    #"{"model":"gpt-4o-mini","top_k":40,"chat_template_kwargs":{"enable_thinking":false},"#
                    + #""max_tokens":5,"# + chatBody.dropFirst(#"{"model":"gpt-4o-mini","#.count)
                let response = try await exchange(port, jsonRequest("/v1/chat/completions", body))
                #expect(response.status == 200)
                #expect(try json(response)["model"] == "gpt-4o-mini")
                let sent = try JSONParser.parse(try #require(script.bodies.withLock { $0.first }))
                #expect(sent["model"] == "llama-3-8b")
                #expect(sent["max_tokens"] == 5)
                #expect(sent["top_k"] == 40)
                #expect(sent["chat_template_kwargs"] == ["enable_thinking": false])
                #expect(sent["messages"] == [["role": "user", "content": "Tell me about rivers."]])
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aRateLimitIsRetriedAfterTheUpstreamsDelay() async throws {
        try await withScriptedUpstream({ attempt, _ in
            attempt == 1
                ? jsonResponse(
                    429, #"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#,
                    headers: ["retry-after-ms": "1500", "retry-after": "2"])
                : jsonResponse(200, recoveredReply)
        }) { upstreamPort, script in
            try await withProxy(upstreamPort: upstreamPort) { port, sleeps in
                let response = try await exchange(port, jsonRequest("/v1/chat/completions", chatBody))
                #expect(response.status == 200)
                #expect(try json(response)["choices"]?[0]?["message"]?["content"] == "Recovered.")
                #expect(try json(response)["model"] == "gpt-4o-mini")
                #expect(script.attemptCount == 2)
                #expect(sleeps.recorded == [.milliseconds(1500)])
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aServerErrorIsRetriedWithBackoff() async throws {
        try await withScriptedUpstream({ attempt, _ in
            attempt == 1 ? jsonResponse(500, "oops") : jsonResponse(200, recoveredReply)
        }) { upstreamPort, script in
            try await withProxy(upstreamPort: upstreamPort) { port, sleeps in
                let response = try await exchange(port, jsonRequest("/v1/chat/completions", chatBody))
                #expect(response.status == 200)
                #expect(script.attemptCount == 2)
                #expect(sleeps.recorded == [.milliseconds(250)])
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aPersistentServerErrorEndsWithTheUpstreamsEnvelope() async throws {
        try await withScriptedUpstream({ _, _ in
            jsonResponse(
                500,
                #"{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}"#
            )
        }) { upstreamPort, script in
            try await withProxy(upstreamPort: upstreamPort) { port, sleeps in
                let response = try await exchange(port, jsonRequest("/v1/chat/completions", chatBody))
                #expect(response.status == 500)
                let error = try json(response)["error"]
                #expect(error?["message"] == "The server had an error while processing your request.")
                #expect(error?["type"] == "server_error")
                #expect(script.attemptCount == 3)
                #expect(sleeps.recorded == [.milliseconds(250), .milliseconds(500)])
                expectNoLeak(response, port: upstreamPort)
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func rejectedCredentialsNeverReachTheClient() async throws {
        try await withScriptedUpstream({ _, _ in
            jsonResponse(
                401,
                #"{"error":{"message":"Incorrect API key provided: \#(upstreamSecret).","type":"invalid_request_error","code":"invalid_api_key"}}"#
            )
        }) { upstreamPort, script in
            try await withProxy(upstreamPort: upstreamPort) { port, _ in
                let response = try await exchange(port, jsonRequest("/v1/chat/completions", chatBody))
                #expect(response.status == 401)
                #expect(try json(response)["error"]?["code"] == "invalid_api_key")
                #expect(script.attemptCount == 1)
                expectNoLeak(response, port: upstreamPort)
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aHangingUpstreamIsA504() async throws {
        try await withScriptedUpstream({ _, script in
            await script.release.wait()
            return jsonResponse(200, recoveredReply)
        }) { upstreamPort, script in
            try await withProxy(upstreamPort: upstreamPort, { $0.requestTimeout = .milliseconds(200) }) { port, _ in
                let response = try await exchange(port, jsonRequest("/v1/chat/completions", chatBody))
                #expect(response.status == 504)
                let error = try json(response)["error"]
                #expect(error?["message"] == "The upstream provider 'flaky' did not respond in time.")
                #expect(error?["code"] == "upstream_timeout")
                #expect(script.attemptCount == 1)
                expectNoLeak(response, port: upstreamPort)
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aStreamThatFailsMidwayIsNotRetried() async throws {
        try await withScriptedUpstream({ _, _ in
            HTTPResponse(
                headers: ServerSentEventWriter.headers,
                body: .stream { body in
                    let events = ServerSentEventWriter(body: body)
                    try await events.send(chunkEvent("Hello"))
                    try await events.send(chunkEvent(" world"))
                    struct Crash: Error {}
                    throw Crash()
                })
        }) { upstreamPort, script in
            try await withProxy(upstreamPort: upstreamPort) { port, sleeps in
                let body = #"{"model":"gpt-4o-mini","stream":true,"# + chatBody.dropFirst()
                let response = try await exchange(port, jsonRequest("/v1/chat/completions", body))
                #expect(response.status == 200)
                #expect(try streamedText(response) == "Hello world")
                let last = try JSONParser.parse(try #require(sseData(response).last))
                #expect(last["error"]?["code"] == "upstream_unreachable")
                #expect(script.attemptCount == 1)
                #expect(sleeps.recorded.isEmpty)
                expectNoLeak(response, port: upstreamPort)
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aClientThatLeavesMidStreamCancelsTheUpstreamRequest() async throws {
        try await withScriptedUpstream({ _, script in
            HTTPResponse(
                headers: ServerSentEventWriter.headers,
                body: .stream { body in
                    let events = ServerSentEventWriter(body: body)
                    do {
                        while true {
                            try await events.send(chunkEvent("tick"))
                            try await Task.sleep(for: .milliseconds(5))
                        }
                    } catch {
                        script.streamStopped.open()
                        throw error
                    }
                })
        }) { upstreamPort, script in
            try await withProxy(upstreamPort: upstreamPort) { port, _ in
                let body = #"{"model":"gpt-4o-mini","stream":true,"# + chatBody.dropFirst()
                let request = jsonRequest("/v1/chat/completions", body)
                let firstBytes = try await blocking {
                    let client = try RawHTTPClient(port: port)
                    try client.send(request)
                    return try readUntil("tick", from: client)
                }
                #expect(String(decoding: firstBytes, as: UTF8.self).contains("200 OK"))
                await script.streamStopped.wait()
                #expect(script.streamStopped.isOpen)
                #expect(script.attemptCount == 1)
            }
        }
    }
}

/// A loopback port that was just bound and released, so connecting to it is refused.
private func closedPort() async throws -> Int {
    let server = HTTPServer(
        configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, eventLoopThreads: 1),
        responder: Router().build())
    try server.start()
    let port = server.port
    await server.shutdown()
    return port
}

/// A loopback listener driven by hand: it can answer one connection with fixed bytes, or never accept with its
/// accept queue filled, so that the kernel drops further SYNs and a connection attempt hangs (as towards an
/// unreachable host) until the client gives up.
private final class RawListener: @unchecked Sendable {
    let port: Int
    // Written in init only; closed in deinit.
    private var descriptors: [Int32] = []
    private let listener: Int32
    private let address: sockaddr_in

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        descriptors.append(listener)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound, listen(listener, 0) == 0 else { throw RawClientError.connectFailed(errno) }
        self.address = address
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Fills the accept queue: a backlog of 0 holds one completed connection; three make sure it is full.
    func fill() {
        for _ in 0..<3 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            descriptors.append(filler)
            var target = address
            _ = withUnsafePointer(to: &target) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// Accepts one connection, writes `text` and closes it (blocking).
    func answerOnce(_ text: String) {
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        _ = Array(text.utf8).withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        close(connection)
    }

    deinit {
        for descriptor in descriptors { close(descriptor) }
    }
}

/// Reads from `client` until `marker` has arrived; returns everything read.
private func readUntil(_ marker: String, from client: RawHTTPClient) throws -> [UInt8] {
    var bytes: [UInt8] = []
    let needle = Array(marker.utf8)
    while !contains(bytes, needle) {
        let more = try client.read(atLeast: 1)
        if more.isEmpty { break }
        bytes += more
    }
    return bytes
}

private func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
    guard bytes.count >= needle.count else { return false }
    return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
}

/// Sends a streaming request and times the first `data:` event and the `[DONE]` at the client.
private func timedStream(_ port: Int, _ request: String) async throws -> (first: Duration, total: Duration) {
    try await blocking {
        let clock = ContinuousClock()
        let client = try RawHTTPClient(port: port)
        let start = clock.now
        try client.send(request)
        _ = try readUntil("data: {", from: client)
        let first = clock.now - start
        _ = try readUntil("[DONE]", from: client)
        return (first, clock.now - start)
    }
}
