import Blueprint
import BlueprintUpstream
import Testing

/// An upstream that answers from a script and records every request it is sent.
private final class ScriptedUpstream: UpstreamHTTPClient {
    typealias Handler = @Sendable (UpstreamRequest, Int) async throws -> UpstreamResponse

    private let log = Locked<[UpstreamRequest]>([])
    private let handler: Handler

    init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    var requests: [UpstreamRequest] { log.withLock { $0 } }
    var attempts: Int { log.withLock { $0.count } }

    func send(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        let attempt = log.withLock {
            $0.append(request)
            return $0.count
        }
        return try await handler(request, attempt)
    }

    /// A response whose body arrives in `pieces`, then ends (with `failure` if given).
    static func reply(
        status: Int = 200, headers: [String: String] = [:], _ pieces: [String], failure: (any Error)? = nil
    ) -> UpstreamResponse {
        let (body, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
        for piece in pieces { continuation.yield(Array(piece.utf8)) }
        continuation.finish(throwing: failure)
        return UpstreamResponse(status: status, headers: headers, body: body)
    }

    static func json(_ status: Int, headers: [String: String] = [:], _ text: String) -> UpstreamResponse {
        reply(status: status, headers: headers, [text])
    }

    static func json(_ text: String) -> UpstreamResponse {
        reply([text])
    }
}

/// Records streamed events; throws after `failAfter` events.
private final class RecordingSink: GenerationSink {
    struct Gone: Error {}

    private let events = Locked<[GenerationEvent]>([])
    private let failAfter: Int

    init(failAfter: Int = .max) {
        self.failAfter = failAfter
    }

    var recorded: [GenerationEvent] { events.withLock { $0 } }

    func send(_ event: GenerationEvent) async throws {
        let count = events.withLock {
            $0.append(event)
            return $0.count
        }
        if count >= failAfter { throw Gone() }
    }
}

/// Records requested waits and moves the manual clock by them instead of waiting.
private final class SleepRecorder: Sendable {
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

private let baseURL = "http://upstream.internal:9999/v1"
private let upstreamKey = "sk-upstream-secret"

private func makeBackend(
    _ upstream: ScriptedUpstream, _ adjust: (inout OpenAICompatibleBackend.Configuration) -> Void = { _ in }
) -> (OpenAICompatibleBackend, SleepRecorder) {
    let sleeper = SleepRecorder()
    var configuration = OpenAICompatibleBackend.Configuration(
        providerName: "test-provider", baseURL: baseURL, apiKey: upstreamKey)
    configuration.sleep = sleeper.sleep
    configuration.jitter = { 0.5 }
    configuration.clock = sleeper.clock
    adjust(&configuration)
    return (OpenAICompatibleBackend(configuration: configuration, client: upstream), sleeper)
}

private func body(_ request: UpstreamRequest) throws -> JSONValue {
    try JSONParser.parse(request.body)
}

private func header(_ request: UpstreamRequest, _ name: String) -> String? {
    request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
}

private let chatReply = """
    {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"upstream-model","choices":[
    {"index":1,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},"finish_reason":"tool_calls",
    "logprobs":null},
    {"index":0,"message":{"role":"assistant","content":"Hi there"},"finish_reason":"length","logprobs":{"content":[
    {"token":"Hi","logprob":-0.5,"bytes":[72,105],"top_logprobs":[{"token":"Hi","logprob":-0.5},
    {"token":"Hey","logprob":-1.5}]},{"token":" there","logprob":-0.25,"top_logprobs":[]}]}}],
    "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}
    """

private func chunk(_ choices: String, usage: String = "null") -> String {
    "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[\(choices)],"
        + "\"usage\":\(usage)}\n\n"
}

private let streamedReply = [
    chunk(#"{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}"#),
    chunk(#"{"index":0,"delta":{"content":"Hel"},"finish_reason":null}"#),
    ": keep-alive\r\n\r\n",
    chunk(#"{"index":0,"delta":{"content":"lo"},"finish_reason":null}"#),
    chunk(
        #"{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_9","type":"function","function":{"name":"lookup","arguments":""}}]},"finish_reason":null}"#
    ),
    chunk(#"{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"q\":"}}]},"finish_reason":null}"#),
    chunk(#"{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]},"finish_reason":null}"#),
    chunk(#"{"index":0,"delta":{},"finish_reason":"tool_calls"}"#),
    chunk("", usage: #"{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}"#),
    "data: [DONE]\n\n",
].joined()

private let expectedStreamEvents: [GenerationEvent] = [
    .text(choice: 0, "Hel", logprob: nil),
    .text(choice: 0, "lo", logprob: nil),
    .toolCallStart(choice: 0, index: 0, id: "call_9", name: "lookup"),
    .toolCallArguments(choice: 0, index: 0, "{\"q\":"),
    .toolCallArguments(choice: 0, index: 0, "1}"),
    .finish(choice: 0, .toolCalls),
    .usage(TokenUsage(promptTokens: 5, completionTokens: 4)),
]

/// Splits `text` into pieces of `size` bytes (cutting lines, CRLFs and UTF-8 sequences anywhere).
private func pieces(_ text: String, size: Int) -> [String] {
    let bytes = Array(text.utf8)
    return stride(from: 0, to: bytes.count, by: size).map { start in
        String(decoding: bytes[start..<min(start + size, bytes.count)], as: UTF8.self)
    }
}

@Suite struct OpenAICompatibleBackendTests {
    @Test func chatRequestCarriesEveryParameterAndTheExtraFields() async throws {
        let upstream = ScriptedUpstream { _, _ in ScriptedUpstream.json(chatReply) }
        let (backend, _) = makeBackend(upstream) { $0.modelMap = ["my-alias": "upstream-model"] }
        let request = GenerationRequest(
            model: "my-alias",
            input: .messages([
                ChatMessage(role: .developer, content: "Be brief."),
                ChatMessage(role: .user, content: "Weather?", name: "ann"),
                ChatMessage(
                    role: .assistant, content: nil,
                    toolCalls: [ToolCall(id: "call_0", name: "get_weather", arguments: "{}")]),
                ChatMessage(role: .tool, content: "sunny", toolCallID: "call_0"),
            ]),
            maxTokens: 50, stop: ["END"], n: 2, seed: 7, temperature: 0.25, topP: 0.5, logprobs: true,
            topLogprobs: 2,
            tools: [
                ToolDefinition(
                    name: "get_weather", description: "Weather by city",
                    parameters: ["type": "object", "properties": ["city": ["type": "string"]]], strict: true)
            ],
            toolChoice: .function("get_weather"), parallelToolCalls: false,
            responseFormat: .jsonSchema(name: "answer", schema: ["type": "object"], strict: true),
            caller: Caller(apiKey: "client-key", requestID: "req_1"),
            extra: ["presence_penalty": 0.5, "model": "not-this-one", "vendor_option": ["depth": 3]])
        let generation = try await backend.generate(request)

        let sent = try #require(upstream.requests.first)
        #expect(sent.method == "POST")
        #expect(sent.url == "http://upstream.internal:9999/v1/chat/completions")
        #expect(header(sent, "authorization") == "Bearer \(upstreamKey)")
        #expect(header(sent, "content-type") == "application/json")
        let json = try body(sent)
        let expected: JSONValue = [
            "model": "upstream-model",
            "messages": [
                ["role": "developer", "content": "Be brief."],
                ["role": "user", "content": "Weather?", "name": "ann"],
                [
                    "role": "assistant", "content": nil,
                    "tool_calls": [
                        ["id": "call_0", "type": "function", "function": ["name": "get_weather", "arguments": "{}"]]
                    ],
                ],
                ["role": "tool", "content": "sunny", "tool_call_id": "call_0"],
            ],
            "max_tokens": 50, "stop": ["END"], "n": 2, "seed": 7, "temperature": 0.25, "top_p": 0.5,
            "logprobs": true, "top_logprobs": 2,
            "tools": [
                [
                    "type": "function",
                    "function": [
                        "name": "get_weather", "description": "Weather by city",
                        "parameters": ["type": "object", "properties": ["city": ["type": "string"]]], "strict": true,
                    ],
                ]
            ],
            "tool_choice": ["type": "function", "function": ["name": "get_weather"]],
            "parallel_tool_calls": false,
            "response_format": [
                "type": "json_schema", "json_schema": ["name": "answer", "schema": ["type": "object"], "strict": true],
            ],
            "presence_penalty": 0.5, "vendor_option": ["depth": 3],
        ]
        #expect(json == expected)

        #expect(generation.model == "my-alias")
        #expect(generation.usage == TokenUsage(promptTokens: 12, completionTokens: 7))
        #expect(
            generation.choices == [
                GeneratedChoice(
                    index: 0, text: "Hi there", finishReason: .length,
                    logprobs: [
                        TokenLogprob(
                            token: "Hi", logprob: -0.5,
                            topLogprobs: [.init(token: "Hi", logprob: -0.5), .init(token: "Hey", logprob: -1.5)]),
                        TokenLogprob(token: " there", logprob: -0.25),
                    ]),
                GeneratedChoice(
                    index: 1, text: nil,
                    toolCalls: [ToolCall(id: "call_1", name: "get_weather", arguments: #"{"city":"Oslo"}"#)],
                    finishReason: .toolCalls),
            ])
    }

    @Test func developerMessagesCanBeSentAsSystemAndTheTokenFieldRenamed() async throws {
        let upstream = ScriptedUpstream { _, _ in ScriptedUpstream.json(chatReply) }
        let (backend, _) = makeBackend(upstream) {
            $0.developerRoleAsSystem = true
            $0.maxTokensField = "max_completion_tokens"
        }
        _ = try await backend.generate(
            GenerationRequest(
                model: "m", input: .messages([ChatMessage(role: .developer, content: "x")]), maxTokens: 9))
        let json = try body(try #require(upstream.requests.first))
        #expect(json["messages"]?[0]?["role"] == "system")
        #expect(json["max_completion_tokens"] == 9)
        #expect(json["max_tokens"] == nil)
        #expect(json["tools"] == nil && json["parallel_tool_calls"] == nil && json["response_format"] == nil)
    }

    @Test func theClientKeyMapsToAnUpstreamKey() async throws {
        let upstream = ScriptedUpstream { _, _ in ScriptedUpstream.json(chatReply) }
        let (backend, _) = makeBackend(upstream) {
            $0.apiKeyForClient = { $0 == "team-a" ? "sk-team-a" : nil }
        }
        for key in ["team-a", "team-b"] {
            _ = try await backend.generate(
                GenerationRequest(
                    model: "m", input: .messages([ChatMessage(role: .user, content: "x")]),
                    caller: Caller(apiKey: key)))
        }
        #expect(upstream.requests.map { header($0, "authorization") } == ["Bearer sk-team-a", "Bearer \(upstreamKey)"])
    }

    @Test func streamsRelayEveryEventWhateverThePieceBoundaries() async throws {
        for size in [1, 7, 64, streamedReply.utf8.count] {
            let upstream = ScriptedUpstream { _, _ in
                ScriptedUpstream.reply(
                    headers: ["content-type": "text/event-stream"], pieces(streamedReply, size: size))
            }
            let (backend, _) = makeBackend(upstream)
            let sink = RecordingSink()
            try await backend.stream(
                GenerationRequest(model: "m", input: .messages([ChatMessage(role: .user, content: "x")])), into: sink)
            #expect(sink.recorded == expectedStreamEvents, "pieces of \(size) bytes")
            let json = try body(try #require(upstream.requests.first))
            #expect(json["stream"] == true)
            #expect(json["stream_options"] == ["include_usage": true])
            #expect(header(try #require(upstream.requests.first), "accept") == "text/event-stream")
        }
    }

    @Test func streamedLogprobsAndChoicesLeftOpenAreClosed() async throws {
        let logprobChunk = chunk(
            #"{"index":0,"delta":{"content":"ab"},"logprobs":{"content":[{"token":"a","logprob":-1,"top_logprobs":[]},{"token":"b","logprob":-2,"top_logprobs":[]}]},"finish_reason":null}"#
        )
        let upstream = ScriptedUpstream { _, _ in ScriptedUpstream.reply([logprobChunk, "data: [DONE]\n\n"]) }
        let (backend, _) = makeBackend(upstream)
        let sink = RecordingSink()
        try await backend.stream(
            GenerationRequest(
                model: "m", input: .messages([ChatMessage(role: .user, content: "x")]), n: 2, logprobs: true),
            into: sink)
        #expect(
            sink.recorded == [
                .text(choice: 0, "a", logprob: TokenLogprob(token: "a", logprob: -1)),
                .text(choice: 0, "b", logprob: TokenLogprob(token: "b", logprob: -2)),
                .finish(choice: 0, .stop), .finish(choice: 1, .stop),
            ])
    }

    @Test func promptsGoToLegacyCompletions() async throws {
        let reply = """
            {"id":"cmpl-1","object":"text_completion","created":1,"model":"u","choices":[{"index":0,"text":" world",
            "finish_reason":"stop","logprobs":{"tokens":[" world"],"token_logprobs":[-0.5],
            "top_logprobs":[{" world":-0.5," there":-2.0}],"text_offset":[5]}}],
            "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}
            """
        let upstream = ScriptedUpstream { _, _ in ScriptedUpstream.json(reply) }
        let (backend, _) = makeBackend(upstream)
        let generation = try await backend.generate(
            GenerationRequest(model: "m", input: .tokens([1, 2, 3]), maxTokens: 16, logprobs: true, topLogprobs: 2))
        let sent = try #require(upstream.requests.first)
        #expect(sent.url == "http://upstream.internal:9999/v1/completions")
        #expect(try body(sent) == ["model": "m", "prompt": [1, 2, 3], "max_tokens": 16, "logprobs": 2])
        #expect(
            generation.choices == [
                GeneratedChoice(
                    index: 0, text: " world", finishReason: .stop,
                    logprobs: [
                        TokenLogprob(
                            token: " world", logprob: -0.5,
                            topLogprobs: [.init(token: " world", logprob: -0.5), .init(token: " there", logprob: -2)])
                    ])
            ])
        #expect(generation.usage == TokenUsage(promptTokens: 3, completionTokens: 1))
    }

    @Test func streamedCompletionsCarryTheirText() async throws {
        let stream = [
            #"data: {"object":"text_completion","choices":[{"index":0,"text":"Hi","finish_reason":null,"logprobs":null}]}"#,
            #"data: {"object":"text_completion","choices":[{"index":0,"text":"!","finish_reason":"length","logprobs":null}]}"#,
            "data: [DONE]", "",
        ].joined(separator: "\n\n")
        let upstream = ScriptedUpstream { _, _ in ScriptedUpstream.reply([stream]) }
        let (backend, _) = makeBackend(upstream)
        let sink = RecordingSink()
        try await backend.stream(GenerationRequest(model: "m", input: .prompt("Say")), into: sink)
        #expect(
            sink.recorded == [
                .text(choice: 0, "Hi", logprob: nil), .text(choice: 0, "!", logprob: nil), .finish(choice: 0, .length),
            ])
        #expect(try body(try #require(upstream.requests.first))["prompt"] == "Say")
    }

    @Test func embeddingsAskForFloatsAndComeBackInInputOrder() async throws {
        let reply = """
            {"object":"list","data":[{"object":"embedding","index":1,"embedding":[0.5,-1]},
            {"object":"embedding","index":0,"embedding":[0.25,2]}],"model":"u","usage":{"prompt_tokens":4,"total_tokens":4}}
            """
        let upstream = ScriptedUpstream { _, _ in ScriptedUpstream.json(reply) }
        let (backend, _) = makeBackend(upstream) { $0.modelMap = ["e": "upstream-embed"] }
        let result = try await backend.embed(
            EmbeddingRequest(model: "e", inputs: [.text("a"), .tokens([1, 2])], dimensions: 2))
        let sent = try #require(upstream.requests.first)
        #expect(sent.url == "http://upstream.internal:9999/v1/embeddings")
        #expect(
            try body(sent)
                == ["model": "upstream-embed", "input": ["a", [1, 2]], "encoding_format": "float", "dimensions": 2])
        #expect(result == Embeddings(model: "e", vectors: [[0.25, 2], [0.5, -1]], promptTokens: 4))
    }

    @Test func errorEnvelopesPassThroughWithoutRetries() async throws {
        let upstream = ScriptedUpstream { _, _ in
            ScriptedUpstream.json(
                400,
                #"{"error":{"message":"Bad 'temperature' for http://upstream.internal:9999/v1","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}"#
            )
        }
        let (backend, sleeper) = makeBackend(upstream)
        await #expect(
            throws: ServiceError.upstream(
                status: 400, message: "Bad 'temperature' for [redacted]", type: "invalid_request_error",
                code: "invalid_value", retryAfterSeconds: nil)
        ) {
            try await backend.generate(GenerationRequest(model: "m", input: .prompt("x")))
        }
        #expect(upstream.attempts == 1)
        #expect(sleeper.recorded.isEmpty)
    }

    @Test func anUnknownModelIsReportedUnderTheClientsName() async throws {
        let upstream = ScriptedUpstream { _, _ in
            ScriptedUpstream.json(
                404,
                #"{"error":{"message":"The model `upstream-model` does not exist","type":"invalid_request_error","param":"model","code":"model_not_found"}}"#
            )
        }
        let (backend, _) = makeBackend(upstream) { $0.modelMap = ["alias": "upstream-model"] }
        await #expect(throws: ServiceError.modelNotFound("alias")) {
            try await backend.generate(GenerationRequest(model: "alias", input: .prompt("x")))
        }
    }

    @Test func rejectedCredentialsNeverEchoTheKey() async throws {
        let upstream = ScriptedUpstream { request, _ in
            let key = header(request, "authorization")?.dropFirst("Bearer ".count) ?? ""
            return ScriptedUpstream.json(
                401,
                #"{"error":{"message":"Incorrect API key provided: \#(key). Also \#(key.prefix(6))***.","type":"invalid_request_error","code":"invalid_api_key"}}"#
            )
        }
        let (backend, _) = makeBackend(upstream)
        await #expect(
            throws: ServiceError.upstream(
                status: 401, message: "The upstream provider 'test-provider' rejected the credentials (HTTP 401).",
                type: "invalid_request_error", code: "invalid_api_key", retryAfterSeconds: nil)
        ) {
            try await backend.generate(GenerationRequest(model: "m", input: .prompt("x")))
        }
    }

    @Test func rateLimitsWaitAsLongAsTheUpstreamSays() async throws {
        let upstream = ScriptedUpstream { _, attempt in
            switch attempt {
            case 1: ScriptedUpstream.json(429, headers: ["retry-after-ms": "1200", "retry-after": "2"], "{}")
            case 2: ScriptedUpstream.json(429, headers: ["retry-after": "3"], "not json")
            default: ScriptedUpstream.json(chatReply)
            }
        }
        let (backend, sleeper) = makeBackend(upstream) { $0.retry.maxAttempts = 3 }
        let generation = try await backend.generate(
            GenerationRequest(model: "m", input: .messages([ChatMessage(role: .user, content: "x")])))
        #expect(generation.choices.count == 2)
        #expect(upstream.attempts == 3)
        #expect(sleeper.recorded == [.milliseconds(1200), .seconds(3)])
    }

    @Test func aWaitBeyondTheBudgetIsNotStarted() async throws {
        let upstream = ScriptedUpstream { _, _ in
            ScriptedUpstream.json(
                429, headers: ["retry-after": "60"],
                #"{"error":{"message":"Slow down","type":"requests","code":"rate_limit_exceeded"}}"#)
        }
        let (backend, sleeper) = makeBackend(upstream)
        await #expect(
            throws: ServiceError.upstream(
                status: 429, message: "Slow down", type: "requests", code: "rate_limit_exceeded",
                retryAfterSeconds: 60)
        ) {
            try await backend.generate(GenerationRequest(model: "m", input: .prompt("x")))
        }
        #expect(upstream.attempts == 1)
        #expect(sleeper.recorded.isEmpty)
    }

    @Test func serverErrorsBackOffWithJitterAndEndWithTheLastError() async throws {
        let upstream = ScriptedUpstream { _, _ in ScriptedUpstream.json(503, "<html>Service Unavailable</html>") }
        let (backend, sleeper) = makeBackend(upstream)
        await #expect(
            throws: ServiceError.upstream(
                status: 503, message: "Upstream returned HTTP 503.", type: nil, code: nil, retryAfterSeconds: nil)
        ) {
            try await backend.generate(GenerationRequest(model: "m", input: .prompt("x")))
        }
        #expect(upstream.attempts == 3)
        // Full jitter with the injected 0.5: half of 500 ms, then half of 1 s.
        #expect(sleeper.recorded == [.milliseconds(250), .milliseconds(500)])
    }

    @Test func connectionFailuresAreRetriedThenReportedWithoutTheURL() async throws {
        let upstream = ScriptedUpstream { _, attempt in
            if attempt < 3 { throw UpstreamTransportError.connectFailed("http://upstream.internal:9999 refused") }
            return ScriptedUpstream.json(chatReply)
        }
        let (backend, _) = makeBackend(upstream)
        let generation = try await backend.generate(
            GenerationRequest(model: "m", input: .messages([ChatMessage(role: .user, content: "x")])))
        #expect(generation.usage.promptTokens == 12)
        #expect(upstream.attempts == 3)

        let down = ScriptedUpstream { _, _ in throw UpstreamTransportError.connectFailed("refused") }
        let (failing, _) = makeBackend(down) { $0.retry = .none }
        await #expect(throws: ServiceError.unreachable("The upstream provider 'test-provider' could not be reached.")) {
            try await failing.generate(GenerationRequest(model: "m", input: .prompt("x")))
        }
        #expect(down.attempts == 1)
    }

    @Test func timeoutsAndCancellationAreNotRetried() async throws {
        let slow = ScriptedUpstream { _, _ in throw UpstreamTransportError.timedOut }
        let (backend, _) = makeBackend(slow)
        await #expect(throws: ServiceError.timedOut("The upstream provider 'test-provider' did not respond in time.")) {
            try await backend.generate(GenerationRequest(model: "m", input: .prompt("x")))
        }
        #expect(slow.attempts == 1)

        let cancelled = ScriptedUpstream { _, _ in throw UpstreamTransportError.cancelled }
        let (other, _) = makeBackend(cancelled)
        await #expect(throws: CancellationError.self) {
            try await other.generate(GenerationRequest(model: "m", input: .prompt("x")))
        }
        #expect(cancelled.attempts == 1)
    }

    @Test func aStreamThatBreaksBeforeItsFirstEventIsRetried() async throws {
        let roleOnly = chunk(#"{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}"#)
        let upstream = ScriptedUpstream { _, attempt in
            if attempt == 1 {
                return ScriptedUpstream.reply([roleOnly], failure: UpstreamTransportError.connectFailed("lost"))
            }
            return ScriptedUpstream.reply([streamedReply])
        }
        let (backend, sleeper) = makeBackend(upstream)
        let sink = RecordingSink()
        try await backend.stream(
            GenerationRequest(model: "m", input: .messages([ChatMessage(role: .user, content: "x")])), into: sink)
        #expect(sink.recorded == expectedStreamEvents)
        #expect(upstream.attempts == 2)
        #expect(sleeper.recorded == [.milliseconds(250)])
    }

    @Test func aStreamThatBreaksAfterItsFirstEventIsNotRetried() async throws {
        let upstream = ScriptedUpstream { _, _ in
            ScriptedUpstream.reply(
                [chunk(#"{"index":0,"delta":{"content":"Hel"},"finish_reason":null}"#)],
                failure: UpstreamTransportError.connectFailed("lost"))
        }
        let (backend, _) = makeBackend(upstream)
        let sink = RecordingSink()
        await #expect(
            throws: ServiceError.unreachable("The connection to the upstream provider 'test-provider' was lost.")
        ) {
            try await backend.stream(
                GenerationRequest(model: "m", input: .messages([ChatMessage(role: .user, content: "x")])), into: sink)
        }
        #expect(sink.recorded == [.text(choice: 0, "Hel", logprob: nil)])
        #expect(upstream.attempts == 1)
    }

    @Test func aStreamCutShortOrCarryingAnErrorFails() async throws {
        let cutShort = ScriptedUpstream { _, _ in
            ScriptedUpstream.reply([chunk(#"{"index":0,"delta":{"content":"Hel"},"finish_reason":null}"#)])
        }
        let (backend, _) = makeBackend(cutShort)
        await #expect(
            throws: ServiceError.unreachable(
                "The upstream provider 'test-provider' ended the stream before it was complete.")
        ) {
            try await backend.stream(GenerationRequest(model: "m", input: .prompt("x")), into: RecordingSink())
        }

        let erring = ScriptedUpstream { _, _ in
            ScriptedUpstream.reply([
                #"data: {"error":{"message":"overloaded","type":"server_error","code":503}}"# + "\n\n"
            ])
        }
        let (other, _) = makeBackend(erring)
        await #expect(
            throws: ServiceError.upstream(
                status: 503, message: "overloaded", type: "server_error", code: "503", retryAfterSeconds: nil)
        ) {
            try await other.stream(GenerationRequest(model: "m", input: .prompt("x")), into: RecordingSink())
        }
        #expect(erring.attempts == 1)
    }

    @Test func aSinkThatGoesAwayStopsTheStream() async throws {
        let upstream = ScriptedUpstream { _, _ in ScriptedUpstream.reply([streamedReply]) }
        let (backend, _) = makeBackend(upstream)
        let sink = RecordingSink(failAfter: 2)
        await #expect(throws: RecordingSink.Gone.self) {
            try await backend.stream(GenerationRequest(model: "m", input: .prompt("x")), into: sink)
        }
        #expect(sink.recorded.count == 2)
        #expect(upstream.attempts == 1)
    }

    @Test func theModelListIsCachedRefreshedAndAliased() async throws {
        let list =
            #"{"object":"list","data":[{"id":"llama","object":"model","created":5,"owned_by":"me"},{"id":"nomic-embed","object":"model"}]}"#
        let upstream = ScriptedUpstream { request, attempt in
            #expect(request.method == "GET")
            #expect(request.url == "http://upstream.internal:9999/v1/models")
            if attempt == 2 { throw UpstreamTransportError.connectFailed("down") }
            return ScriptedUpstream.json(list)
        }
        let (backend, sleeper) = makeBackend(upstream) {
            $0.models = .upstream(refreshInterval: .seconds(60))
            $0.modelMap = ["gpt-4o-mini": "llama", "ghost": "missing"]
            $0.retry = .none
        }
        let expected = [
            ModelDescriptor(id: "llama", created: 5, ownedBy: "me", kind: .text),
            ModelDescriptor(id: "nomic-embed", created: 0, ownedBy: "test-provider", kind: .embedding),
            ModelDescriptor(id: "gpt-4o-mini", created: 5, ownedBy: "me", kind: .text),
        ]
        #expect(try await backend.models() == expected)
        sleeper.clock.advance(by: .seconds(59))
        #expect(try await backend.models() == expected)
        #expect(upstream.attempts == 1)
        sleeper.clock.advance(by: .seconds(2))
        #expect(try await backend.models() == expected)
        #expect(upstream.attempts == 2)
        #expect(try await backend.models() == expected)
        #expect(upstream.attempts == 3)

        let fixed = ModelDescriptor(id: "only", created: 1, ownedBy: "x", kind: .text)
        let (configured, _) = makeBackend(upstream) { $0.models = .fixed([fixed]) }
        #expect(try await configured.models() == [fixed])
        #expect(upstream.attempts == 3)
    }

    @Test func healthIsATwoHundredOnTheModelList() async throws {
        let healthy = ScriptedUpstream { _, _ in ScriptedUpstream.json(#"{"data":[]}"#) }
        #expect(await makeBackend(healthy).0.checkHealth())
        let failing = ScriptedUpstream { _, _ in ScriptedUpstream.json(500, "{}") }
        #expect(await !makeBackend(failing).0.checkHealth())
        #expect(failing.attempts == 1)
        let down = ScriptedUpstream { _, _ in throw UpstreamTransportError.connectFailed("down") }
        #expect(await !makeBackend(down).0.checkHealth())
    }

    @Test func fullJitterBackoffDoublesUpToTheCap() {
        let policy = UpstreamRetryPolicy(baseDelay: .milliseconds(100), maxDelay: .milliseconds(350))
        #expect(policy.backoff(afterAttempt: 1, jitter: 0.5) == .milliseconds(50))
        #expect(policy.backoff(afterAttempt: 2, jitter: 0.5) == .milliseconds(100))
        #expect(policy.backoff(afterAttempt: 3, jitter: 1) == .milliseconds(350))
        #expect(policy.backoff(afterAttempt: 9, jitter: 0) == .zero)
        #expect(UpstreamRetryPolicy.none.maxAttempts == 1)
    }
}
