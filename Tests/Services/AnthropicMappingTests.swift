import Blueprint
import BlueprintUpstream
import Testing

@Suite("Anthropic request, response, error and stream mapping")
struct AnthropicMappingTests {
    static func body(_ request: GenerationRequest, stream: Bool = false) throws -> JSONValue {
        .object(
            try AnthropicRequestMapper.body(for: request, model: "claude-up", defaultMaxTokens: 1024, stream: stream))
    }

    static func chat(_ messages: [ChatMessage]) -> GenerationRequest {
        GenerationRequest(model: "claude-test", input: .messages(messages))
    }

    static let weather = ToolDefinition(
        name: "get_weather", description: "Current weather",
        parameters: ["type": "object", "properties": ["city": ["type": "string"]]])

    // MARK: - Requests

    @Test("system and developer messages join into system; turns alternate; tool calls and results become blocks")
    func conversation() throws {
        let request = Self.chat([
            ChatMessage(role: .system, content: "Be brief."),
            ChatMessage(role: .user, content: "Weather in Paris?", name: "ann"),
            ChatMessage(role: .developer, content: "Use metric units."),
            ChatMessage(role: .user, content: "And Rome?"),
            ChatMessage(
                role: .assistant, content: "Checking.",
                toolCalls: [
                    ToolCall(id: "toolu_1", name: "get_weather", arguments: #"{"city":"Paris"}"#),
                    ToolCall(id: "toolu_2", name: "get_weather", arguments: #"{"city":"Rome"}"#),
                ]),
            ChatMessage(role: .tool, content: "18°C", toolCallID: "toolu_1"),
            ChatMessage(role: .tool, content: "", toolCallID: "toolu_2"),
            ChatMessage(role: .assistant, content: "Paris is 18°C."),
            ChatMessage(role: .assistant, content: ""),
            ChatMessage(role: .user, content: "Thanks"),
        ])
        let expected: JSONValue = [
            "model": "claude-up", "max_tokens": 1024, "system": "Be brief.\n\nUse metric units.",
            "messages": [
                [
                    "role": "user",
                    "content": [
                        ["type": "text", "text": "Weather in Paris?"], ["type": "text", "text": "And Rome?"],
                    ],
                ],
                [
                    "role": "assistant",
                    "content": [
                        ["type": "text", "text": "Checking."],
                        ["type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": ["city": "Paris"]],
                        ["type": "tool_use", "id": "toolu_2", "name": "get_weather", "input": ["city": "Rome"]],
                    ],
                ],
                [
                    "role": "user",
                    "content": [
                        ["type": "tool_result", "tool_use_id": "toolu_1", "content": "18°C"],
                        ["type": "tool_result", "tool_use_id": "toolu_2"],
                    ],
                ],
                ["role": "assistant", "content": [["type": "text", "text": "Paris is 18°C."]]],
                ["role": "user", "content": [["type": "text", "text": "Thanks"]]],
            ],
        ]
        #expect(try Self.body(request) == expected)
    }

    static let toolChoices: [(ToolChoice, Bool, JSONValue)] = [
        (.none, true, ["type": "none"]),
        (.auto, true, ["type": "auto"]),
        (.auto, false, ["type": "auto", "disable_parallel_tool_use": true]),
        (.required, true, ["type": "any"]),
        (.function("get_weather"), false, ["type": "tool", "name": "get_weather", "disable_parallel_tool_use": true]),
    ]

    @Test(
        "tools carry their schema; tool_choice maps to none/auto/any/tool, parallel_tool_calls to its opposite",
        arguments: toolChoices)
    func tools(choice: ToolChoice, parallel: Bool, expected: JSONValue) throws {
        var request = Self.chat([ChatMessage(role: .user, content: "Hi")])
        request.tools = [Self.weather, ToolDefinition(name: "get_time")]
        request.toolChoice = choice
        request.parallelToolCalls = parallel
        let body = try Self.body(request)
        #expect(body["tool_choice"] == expected)
        #expect(
            body["tools"] == [
                [
                    "name": "get_weather", "description": "Current weather",
                    "input_schema": ["type": "object", "properties": ["city": ["type": "string"]]],
                ],
                ["name": "get_time", "input_schema": ["type": "object", "properties": [:]]],
            ])
    }

    @Test("without tools, neither tools nor tool_choice is sent")
    func noTools() throws {
        var request = Self.chat([ChatMessage(role: .user, content: "Hi")])
        request.toolChoice = .none
        request.parallelToolCalls = false
        #expect(
            try Self.body(request) == [
                "model": "claude-up", "max_tokens": 1024,
                "messages": [["role": "user", "content": [["type": "text", "text": "Hi"]]]],
            ])
    }

    @Test("sampling: temperature clamped to 0...1, top_p only without temperature, stop, max_tokens, top_k, stream")
    func sampling() throws {
        var request = Self.chat([ChatMessage(role: .user, content: "Hi")])
        request.temperature = 1.7
        request.topP = 0.9
        request.stop = ["END", "STOP"]
        request.maxTokens = 77
        request.extra = ["top_k": 40, "user_tag": "x"]
        let body = try Self.body(request, stream: true)
        #expect(body["temperature"] == 1.0)
        #expect(body["top_p"] == nil)
        #expect(body["stop_sequences"] == ["END", "STOP"])
        #expect(body["max_tokens"] == 77)
        #expect(body["top_k"] == 40)
        #expect(body["user_tag"] == nil)
        #expect(body["stream"] == true)

        request.temperature = nil
        let withoutTemperature = try Self.body(request)
        #expect(withoutTemperature["top_p"] == 0.9)
        #expect(withoutTemperature["temperature"] == nil)
        #expect(withoutTemperature["stream"] == nil)
    }

    @Test("response_format is best effort: an instruction appended to system, quoting the schema")
    func responseFormat() throws {
        var request = Self.chat([ChatMessage(role: .user, content: "List two rivers")])
        request.responseFormat = .jsonObject
        #expect(
            try Self.body(request)["system"]
                == "Answer with a single JSON object and nothing else: no prose, no code fences.")

        request = Self.chat([ChatMessage(role: .system, content: "Be brief."), ChatMessage(role: .user, content: "Go")])
        request.responseFormat = .jsonSchema(name: "rivers", schema: ["type": "object"], strict: true)
        let system = try #require(try Self.body(request)["system"]?.stringValue)
        #expect(system.hasPrefix("Be brief.\n\nAnswer with a single JSON object"))
        #expect(system.hasSuffix(#"named rivers: {"type":"object"}"#))
    }

    @Test("n above 1, prompts and tool arguments that are not an object are refused")
    func refusals() throws {
        var several = Self.chat([ChatMessage(role: .user, content: "Hi")])
        several.n = 2
        let nError = Self.error { try Self.body(several) }
        #expect(nError?.param == "n")

        for input in [GenerationRequest.Input.prompt("Once"), .tokens([1, 2])] {
            let prompt = GenerationRequest(model: "claude-test", input: input)
            let error = Self.serviceError { try Self.body(prompt) }
            #expect(error == .unsupportedEndpoint(model: "claude-test", endpoint: "v1/completions"))
        }

        let broken = Self.chat([
            ChatMessage(role: .user, content: "Hi"),
            ChatMessage(role: .assistant, content: nil, toolCalls: [ToolCall(id: "t", name: "f", arguments: "[1]")]),
        ])
        let argumentsError = Self.error { try Self.body(broken) }
        #expect(argumentsError?.param == "messages[1].tool_calls[0].function.arguments")
    }

    // MARK: - Responses

    @Test("a message maps to text, tool calls with compact JSON arguments, finish reason and usage with cache tokens")
    func message() throws {
        let message = try JSONParser.parse(
            #"{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"thinking","thinking":"hmm","signature":"s"},{"type":"text","text":"Let me "},{"type":"text","text":"check."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city": "Paris", "days": [1, 2]}}],"stop_reason":"tool_use","usage":{"input_tokens":10,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,"output_tokens":7}}"#
        )
        let generation = try AnthropicResponseMapper.generation(from: message, model: "claude-test")
        #expect(
            generation
                == Generation(
                    model: "claude-sonnet-4-5-20250929",
                    choices: [
                        GeneratedChoice(
                            index: 0, text: "Let me check.",
                            toolCalls: [
                                ToolCall(
                                    id: "toolu_1", name: "get_weather", arguments: #"{"city":"Paris","days":[1,2]}"#)
                            ], finishReason: .toolCalls)
                    ], usage: TokenUsage(promptTokens: 1110, completionTokens: 7)))
    }

    @Test("a message with only a tool call has no text; a body without content is unreadable")
    func toolOnlyAndUnreadable() throws {
        let toolOnly = try JSONParser.parse(
            #"{"content":[{"type":"tool_use","id":"toolu_2","name":"get_time","input":{}}],"stop_reason":"tool_use","usage":{"input_tokens":3,"output_tokens":4}}"#
        )
        let choice = try #require(
            try AnthropicResponseMapper.generation(from: toolOnly, model: "claude-test").choices.first)
        #expect(choice.text == nil)
        #expect(choice.toolCalls == [ToolCall(id: "toolu_2", name: "get_time", arguments: "{}")])
        let unreadable = Self.serviceError {
            try AnthropicResponseMapper.generation(from: ["type": "message"], model: "m")
        }
        #expect(unreadable.flatMap(Self.status) == 502)
    }

    @Test(
        "stop reasons map to OpenAI finish reasons",
        arguments: [
            ("end_turn", FinishReason.stop), ("stop_sequence", .stop), ("max_tokens", .length),
            ("tool_use", .toolCalls),
            ("refusal", .contentFilter), ("pause_turn", .stop),
        ])
    func finishReason(stopReason: String, expected: FinishReason) {
        #expect(AnthropicResponseMapper.finishReason(stopReason) == expected)
    }

    // MARK: - Errors

    @Test(
        "error bodies keep their status (529 becomes 503) and map their type",
        arguments: [
            (400, "invalid_request_error", 400, "invalid_request_error", nil as String?),
            (401, "authentication_error", 401, "authentication_error", "invalid_api_key"),
            (403, "permission_error", 403, "permission_error", nil),
            (404, "not_found_error", 404, "not_found_error", nil),
            (429, "rate_limit_error", 429, "requests", "rate_limit_exceeded"),
            (500, "api_error", 500, "server_error", nil),
            (529, "overloaded_error", 503, "server_error", nil),
        ])
    func errorBody(status: Int, type: String, expectedStatus: Int, expectedType: String, code: String?) {
        let body = Array(#"{"type":"error","error":{"type":"\#(type)","message":"Nope."}}"#.utf8)
        let error = AnthropicErrorMapper.error(status: status, headers: ["retry-after": "2.5"], body: body)
        #expect(
            error
                == .upstream(
                    status: expectedStatus, message: "Nope.", type: expectedType, code: code, retryAfterSeconds: 2.5))
    }

    @Test("a body that is not Anthropic's error shape still reports the status")
    func foreignErrorBody() {
        let error = AnthropicErrorMapper.error(status: 502, headers: [:], body: Array("<html>Bad Gateway</html>".utf8))
        #expect(
            error
                == .upstream(
                    status: 502, message: "The Anthropic API answered with HTTP status 502.", type: nil, code: nil,
                    retryAfterSeconds: nil))
    }

    // MARK: - Streams

    static func event(_ type: String, _ data: String) -> ServerSentEvent {
        ServerSentEvent(type: type, data: Array(data.utf8))
    }

    @Test("a streamed message translates to text, tool-call and finish events, then usage")
    func stream() throws {
        let events = [
            Self.event(
                "message_start",
                #"{"type":"message_start","message":{"usage":{"input_tokens":20,"cache_read_input_tokens":5,"output_tokens":1}}}"#
            ),
            Self.event("content_block_start", #"{"index":0,"content_block":{"type":"thinking","thinking":""}}"#),
            Self.event("content_block_delta", #"{"index":0,"delta":{"type":"thinking_delta","thinking":"Hmm"}}"#),
            Self.event("content_block_stop", #"{"index":0}"#),
            Self.event("content_block_start", #"{"index":1,"content_block":{"type":"text","text":"On"}}"#),
            Self.event("ping", #"{"type":"ping"}"#),
            Self.event("content_block_delta", #"{"index":1,"delta":{"type":"text_delta","text":" it."}}"#),
            Self.event("content_block_stop", #"{"index":1}"#),
            Self.event(
                "content_block_start",
                #"{"index":2,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}"#),
            Self.event("content_block_delta", #"{"index":2,"delta":{"type":"input_json_delta","partial_json":""}}"#),
            Self.event(
                "content_block_delta", #"{"index":2,"delta":{"type":"input_json_delta","partial_json":"{\"city\""}}"#),
            Self.event(
                "content_block_delta", #"{"index":2,"delta":{"type":"input_json_delta","partial_json":":\"Paris\"}"}}"#),
            Self.event("content_block_stop", #"{"index":2}"#),
            Self.event(
                "content_block_start",
                #"{"index":3,"content_block":{"type":"tool_use","id":"toolu_2","name":"get_time","input":{}}}"#),
            Self.event("content_block_stop", #"{"index":3}"#),
            Self.event("message_delta", #"{"delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":42}}"#),
            Self.event("some_future_event", #"{"type":"some_future_event"}"#),
            Self.event("message_stop", #"{"type":"message_stop"}"#),
        ]
        var translator = AnthropicStreamTranslator()
        var generated: [GenerationEvent] = []
        for event in events {
            #expect(!translator.isFinished)
            generated += try translator.translate(event)
        }
        #expect(translator.isFinished)
        #expect(
            generated == [
                .text(choice: 0, "On", logprob: nil),
                .text(choice: 0, " it.", logprob: nil),
                .toolCallStart(choice: 0, index: 0, id: "toolu_1", name: "get_weather"),
                .toolCallArguments(choice: 0, index: 0, #"{"city""#),
                .toolCallArguments(choice: 0, index: 0, #":"Paris"}"#),
                .toolCallStart(choice: 0, index: 1, id: "toolu_2", name: "get_time"),
                .toolCallArguments(choice: 0, index: 1, "{}"),
                .finish(choice: 0, .toolCalls),
                .usage(TokenUsage(promptTokens: 25, completionTokens: 42)),
            ])
    }

    @Test("an event without an event name is recognised by the type in its data")
    func unnamedEvent() throws {
        var translator = AnthropicStreamTranslator()
        let events = try translator.translate(ServerSentEvent(data: Array(#"{"type":"message_stop"}"#.utf8)))
        #expect(events == [.finish(choice: 0, .stop), .usage(TokenUsage(promptTokens: 0, completionTokens: 0))])
        #expect(translator.isFinished)
    }

    @Test("an error event throws the mapped upstream error; unreadable data throws too")
    func streamErrors() {
        var translator = AnthropicStreamTranslator()
        let overloaded = Self.serviceError {
            try translator.translate(
                Self.event("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#))
        }
        #expect(
            overloaded
                == .upstream(
                    status: 503, message: "Overloaded", type: "server_error", code: nil, retryAfterSeconds: nil))
        let limited = Self.serviceError {
            try translator.translate(
                Self.event("error", #"{"type":"error","error":{"type":"rate_limit_error","message":"Slow down"}}"#))
        }
        #expect(limited.flatMap(Self.status) == 429)
        let garbage = Self.serviceError { try translator.translate(Self.event("content_block_delta", "{not json")) }
        #expect(garbage.flatMap(Self.status) == 502)
        #expect(!translator.isFinished)
    }

    // MARK: - Helpers

    static func serviceError(_ body: () throws -> Any) -> ServiceError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? ServiceError
        }
    }

    /// The message and param of an `invalidRequest` error.
    static func error(_ body: () throws -> Any) -> (message: String, param: String?)? {
        guard case .invalidRequest(let message, let param) = serviceError(body) else { return nil }
        return (message, param)
    }

    static func status(_ error: ServiceError) -> Int? {
        guard case .upstream(let status, _, _, _, _) = error else { return nil }
        return status
    }
}
