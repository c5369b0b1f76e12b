import Blueprint
import BlueprintUpstream
import Glibc
import Testing

/// A live Blueprint with `AnthropicBackend` in front of a live, scripted Anthropic stand-in: OpenAI requests go in,
/// the stand-in checks the Messages requests it receives, and its answers must come out in OpenAI's shapes.
@Suite("Anthropic backend over the live server")
struct AnthropicBackendTests {
    static let weatherTool =
        #"{"type":"function","function":{"name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city"]}}}"#
    static let timeTool = #"{"type":"function","function":{"name":"get_time"}}"#

    @Test("a chat completion becomes a Messages request; the message comes back as a chat.completion")
    func nonStreamedText() async throws {
        let reply =
            #"{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"Hello from Claude."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":5}}"#
        try await withAnthropicBlueprint(
            configure: { $0.upstreamKey = { clientKey in clientKey == "test_key" ? "sk-ant-for-test-key" : nil } },
            respond: { _ in AnthropicReply.message(reply) }
        ) { port, upstream in
            let response = try await exchange(
                port,
                jsonRequest(
                    "/v1/chat/completions",
                    #"{"model":"claude-test","temperature":1.5,"stop":"END","messages":[{"role":"system","content":"Be brief."},{"role":"developer","content":"Answer in English."},{"role":"user","content":"Hi"},{"role":"user","content":"Are you there?"}]}"#
                ))
            #expect(response.status == 200)
            let body = try json(response)
            #expect(body["object"] == "chat.completion")
            #expect(body["model"] == "claude-sonnet-4-5-20250929")
            let choice = try #require(body["choices"]?[0])
            #expect(choice["message"]?["content"] == "Hello from Claude.")
            #expect(choice["message"]?["tool_calls"] == nil)
            #expect(choice["finish_reason"] == "stop")
            #expect(body["usage"]?["prompt_tokens"] == 12)
            #expect(body["usage"]?["completion_tokens"] == 5)
            #expect(body["usage"]?["total_tokens"] == 17)

            let request = try #require(upstream.requests.first)
            #expect(request.path == "/v1/messages")
            #expect(request.headers["x-api-key"] == "sk-ant-for-test-key")
            #expect(request.headers["anthropic-version"] == "2023-06-01")
            #expect(request.headers["content-type"] == "application/json")
            #expect(
                try upstream.lastBody() == [
                    "model": "claude-sonnet-4-5", "max_tokens": 1024, "system": "Be brief.\n\nAnswer in English.",
                    "messages": [
                        [
                            "role": "user",
                            "content": [["type": "text", "text": "Hi"], ["type": "text", "text": "Are you there?"]],
                        ]
                    ],
                    "stop_sequences": ["END"], "temperature": 1.0,
                ])
        }
    }

    @Test("streamed text: Anthropic's events become OpenAI chunks, role once, usage, then [DONE]")
    func streamedText() async throws {
        let events: [(name: String, data: String)] = [
            (
                "message_start",
                #"{"type":"message_start","message":{"id":"msg_02","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":9,"output_tokens":1}}}"#
            ),
            (
                "content_block_start",
                #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#
            ),
            ("ping", #"{"type": "ping"}"#),
            ("content_block_delta", Self.textDelta("Hel")),
            ("content_block_delta", Self.textDelta("lo")),
            ("content_block_delta", Self.textDelta(" there")),
            ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
            (
                "message_delta",
                #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}"#
            ),
            ("message_stop", #"{"type":"message_stop"}"#),
        ]
        try await withAnthropicBlueprint(respond: { _ in AnthropicReply.events(events) }) { port, upstream in
            let response = try await exchange(
                port,
                jsonRequest(
                    "/v1/chat/completions",
                    #"{"model":"claude-test","stream":true,"stream_options":{"include_usage":true},"max_tokens":50,"messages":[{"role":"user","content":"Hello?"}]}"#
                ))
            #expect(response.status == 200)
            #expect(response.header("content-type") == "text/event-stream; charset=utf-8")
            #expect(!response.text.contains("event:"))
            #expect(response.text.hasSuffix("data: [DONE]\n\n"))
            let data = sseData(response)
            #expect(data.count == 7)
            #expect(data.last == "[DONE]")
            let chunks = try data.dropLast().map { try JSONParser.parse($0) }
            let wellFormed = chunks.allSatisfy {
                $0["object"] == "chat.completion.chunk" && $0["model"] == "claude-test"
            }
            #expect(wellFormed)
            #expect(chunks[0]["choices"]?[0]?["delta"] == ["role": "assistant", "content": "", "refusal": nil])
            let roles = chunks.compactMap { $0["choices"]?[0]?["delta"]?["role"] }
            #expect(roles == ["assistant"])
            let contents = chunks.dropFirst().compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }
            #expect(contents == ["Hel", "lo", " there"])
            #expect(chunks[4]["choices"]?[0]?["delta"] == [:])
            #expect(chunks[4]["choices"]?[0]?["finish_reason"] == "stop")
            #expect(chunks[5]["choices"] == [])
            #expect(chunks[5]["usage"]?["prompt_tokens"] == 9)
            #expect(chunks[5]["usage"]?["completion_tokens"] == 3)
            #expect(chunks[5]["usage"]?["total_tokens"] == 12)

            let request = try #require(upstream.requests.first)
            #expect(request.headers["accept"] == "text/event-stream")
            let body = try upstream.lastBody()
            #expect(body["stream"] == true)
            #expect(body["max_tokens"] == 50)
        }
    }

    @Test("streamed tool calls: id and name only in the first delta, arguments concatenate to the input JSON")
    func streamedToolCalls() async throws {
        let events: [(name: String, data: String)] = [
            (
                "message_start",
                #"{"type":"message_start","message":{"id":"msg_03","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":40,"output_tokens":1}}}"#
            ),
            (
                "content_block_start",
                #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#
            ),
            ("content_block_delta", Self.textDelta("Let me check.")),
            ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
            (
                "content_block_start",
                #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}}"#
            ),
            ("content_block_delta", Self.jsonDelta(1, "")),
            ("content_block_delta", Self.jsonDelta(1, #"{\"city\": "#)),
            ("content_block_delta", Self.jsonDelta(1, #"\"Paris\""#)),
            ("content_block_delta", Self.jsonDelta(1, #", \"unit\": \"c\"}"#)),
            ("content_block_stop", #"{"type":"content_block_stop","index":1}"#),
            (
                "content_block_start",
                #"{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_02","name":"get_time","input":{}}}"#
            ),
            ("content_block_stop", #"{"type":"content_block_stop","index":2}"#),
            (
                "message_delta",
                #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":31}}"#
            ),
            ("message_stop", #"{"type":"message_stop"}"#),
        ]
        try await withAnthropicBlueprint(respond: { _ in AnthropicReply.events(events) }) { port, upstream in
            let response = try await exchange(
                port,
                jsonRequest(
                    "/v1/chat/completions",
                    #"{"model":"claude-test","stream":true,"tools":[\#(Self.weatherTool),\#(Self.timeTool)],"tool_choice":"required","parallel_tool_calls":false,"messages":[{"role":"user","content":"Weather and time in Paris?"}]}"#
                ))
            #expect(response.status == 200)
            let data = sseData(response)
            #expect(data.last == "[DONE]")
            let chunks = try data.dropLast().map { try JSONParser.parse($0) }
            let deltas = chunks.compactMap { $0["choices"]?[0]?["delta"] }
            let roles = deltas.compactMap { $0["role"] }
            #expect(roles == ["assistant"])
            let text = deltas.compactMap { $0["content"]?.stringValue }.joined()
            #expect(text == "Let me check.")

            let calls = deltas.flatMap { $0["tool_calls"]?.arrayValue ?? [] }
            let weather = calls.filter { $0["index"] == 0 }
            #expect(weather.count == 4)
            #expect(weather.first?["id"] == "toolu_01")
            #expect(weather.first?["type"] == "function")
            #expect(weather.first?["function"]?["name"] == "get_weather")
            let laterHaveOnlyArguments = weather.dropFirst().allSatisfy {
                $0["id"] == nil && $0["type"] == nil && $0["function"]?["name"] == nil
            }
            #expect(laterHaveOnlyArguments)
            let arguments = weather.compactMap { $0["function"]?["arguments"]?.stringValue }.joined()
            #expect(arguments == #"{"city": "Paris", "unit": "c"}"#)
            #expect(try JSONParser.parse(arguments) == ["city": "Paris", "unit": "c"])
            let timeCalls = calls.filter { $0["index"] == 1 }
            #expect(timeCalls.first?["id"] == "toolu_02")
            #expect(timeCalls.first?["function"]?["name"] == "get_time")
            let timeArguments = timeCalls.compactMap { $0["function"]?["arguments"]?.stringValue }.joined()
            #expect(timeArguments == "{}")
            let finishes = chunks.compactMap { $0["choices"]?[0]?["finish_reason"]?.stringValue }
            #expect(finishes == ["tool_calls"])

            let body = try upstream.lastBody()
            #expect(
                body["tools"] == [
                    [
                        "name": "get_weather", "description": "Current weather",
                        "input_schema": [
                            "type": "object",
                            "properties": ["city": ["type": "string"], "unit": ["type": "string"]],
                            "required": ["city"],
                        ],
                    ],
                    ["name": "get_time", "input_schema": ["type": "object", "properties": [:]]],
                ])
            #expect(body["tool_choice"] == ["type": "any", "disable_parallel_tool_use": true])
        }
    }

    @Test("an agent turn: tool calls become tool_use blocks, tool results one user turn of tool_result blocks")
    func agentTurnWithToolResults() async throws {
        let reply =
            #"{"id":"msg_04","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"It is 18°C at 14:00 in Paris."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":80,"output_tokens":12}}"#
        try await withAnthropicBlueprint(respond: { _ in AnthropicReply.message(reply) }) { port, upstream in
            let response = try await exchange(
                port,
                jsonRequest(
                    "/v1/chat/completions",
                    #"{"model":"claude-test","tools":[\#(Self.weatherTool),\#(Self.timeTool)],"tool_choice":{"type":"function","function":{"name":"get_weather"}},"messages":[{"role":"system","content":"You help travellers."},{"role":"user","content":"Weather and time in Paris?"},{"role":"assistant","content":null,"tool_calls":[{"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"toolu_02","type":"function","function":{"name":"get_time","arguments":""}}]},{"role":"tool","tool_call_id":"toolu_01","content":"18°C"},{"role":"tool","tool_call_id":"toolu_02","content":"14:00"},{"role":"user","content":"Thanks, summarize."}]}"#
                ))
            #expect(response.status == 200)
            #expect(try json(response)["choices"]?[0]?["message"]?["content"] == "It is 18°C at 14:00 in Paris.")

            let body = try upstream.lastBody()
            #expect(body["system"] == "You help travellers.")
            #expect(
                body["messages"] == [
                    ["role": "user", "content": [["type": "text", "text": "Weather and time in Paris?"]]],
                    [
                        "role": "assistant",
                        "content": [
                            ["type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": ["city": "Paris"]],
                            ["type": "tool_use", "id": "toolu_02", "name": "get_time", "input": [:]],
                        ],
                    ],
                    [
                        "role": "user",
                        "content": [
                            ["type": "tool_result", "tool_use_id": "toolu_01", "content": "18°C"],
                            ["type": "tool_result", "tool_use_id": "toolu_02", "content": "14:00"],
                            ["type": "text", "text": "Thanks, summarize."],
                        ],
                    ],
                ])
            #expect(body["tool_choice"] == ["type": "tool", "name": "get_weather"])
        }
    }

    @Test("a non-streamed tool_use answer becomes tool_calls with the input as compact JSON arguments")
    func nonStreamedToolCall() async throws {
        let reply =
            #"{"id":"msg_05","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_09","name":"get_weather","input":{"city":"Paris","unit":"c"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":30,"output_tokens":20}}"#
        try await withAnthropicBlueprint(respond: { _ in AnthropicReply.message(reply) }) { port, _ in
            let response = try await exchange(
                port,
                jsonRequest(
                    "/v1/chat/completions",
                    #"{"model":"claude-test","tools":[\#(Self.weatherTool)],"messages":[{"role":"user","content":"Weather?"}]}"#
                ))
            #expect(response.status == 200)
            let choice = try #require(try json(response)["choices"]?[0])
            #expect(choice["finish_reason"] == "tool_calls")
            #expect(choice["message"]?["content"] == "Checking.")
            #expect(
                choice["message"]?["tool_calls"] == [
                    [
                        "id": "toolu_09", "type": "function",
                        "function": ["name": "get_weather", "arguments": #"{"city":"Paris","unit":"c"}"#],
                    ]
                ])
        }
    }

    @Test("Anthropic's 429 stays 429 with retry-after and OpenAI's rate-limit envelope, streamed or not")
    func rateLimited() async throws {
        try await withAnthropicBlueprint(respond: { _ in
            AnthropicReply.error(
                status: 429, type: "rate_limit_error", message: "Number of request tokens has exceeded your limit.",
                headers: ["retry-after": "7"])
        }) { port, _ in
            for stream in [false, true] {
                let response = try await exchange(
                    port,
                    jsonRequest(
                        "/v1/chat/completions",
                        #"{"model":"claude-test","stream":\#(stream),"messages":[{"role":"user","content":"Hi"}]}"#))
                #expect(response.status == 429)
                #expect(response.header("retry-after") == "7")
                #expect(response.header("content-type") == "application/json")
                #expect(
                    try json(response) == [
                        "error": [
                            "message": "Number of request tokens has exceeded your limit.", "type": "requests",
                            "param": nil, "code": "rate_limit_exceeded",
                        ]
                    ])
            }
        }
    }

    @Test("Anthropic's 529 overloaded becomes a 503 server_error")
    func overloaded() async throws {
        try await withAnthropicBlueprint(respond: { _ in
            AnthropicReply.error(status: 529, type: "overloaded_error", message: "Overloaded")
        }) { port, _ in
            let response = try await exchange(
                port,
                jsonRequest(
                    "/v1/chat/completions", #"{"model":"claude-test","messages":[{"role":"user","content":"Hi"}]}"#))
            #expect(response.status == 503)
            let error = try json(response)["error"]
            #expect(error?["type"] == "server_error")
            #expect(error?["message"] == "Overloaded")
        }
    }

    @Test("an error event mid-stream ends the OpenAI stream with an error chunk")
    func errorEventMidStream() async throws {
        let events: [(name: String, data: String)] = [
            (
                "message_start",
                #"{"type":"message_start","message":{"id":"msg_06","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}"#
            ),
            (
                "content_block_start",
                #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#
            ),
            ("content_block_delta", Self.textDelta("Partial")),
            ("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#),
        ]
        try await withAnthropicBlueprint(respond: { _ in AnthropicReply.events(events) }) { port, _ in
            let response = try await exchange(
                port,
                jsonRequest(
                    "/v1/chat/completions",
                    #"{"model":"claude-test","stream":true,"messages":[{"role":"user","content":"Hi"}]}"#))
            #expect(response.status == 200)
            let data = sseData(response)
            #expect(!data.contains("[DONE]"))
            let chunks = try data.map { try JSONParser.parse($0) }
            let contents = chunks.compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }
            #expect(contents == ["", "Partial"])
            #expect(
                chunks.last == [
                    "error": ["message": "Overloaded", "type": "server_error", "param": nil, "code": nil]
                ])
        }
    }

    @Test("n above 1 is a 400 naming n, before anything is sent upstream")
    func severalChoices() async throws {
        try await withAnthropicBlueprint(respond: { _ in AnthropicReply.message("{}") }) { port, upstream in
            for stream in [false, true] {
                let response = try await exchange(
                    port,
                    jsonRequest(
                        "/v1/chat/completions",
                        #"{"model":"claude-test","n":2,"stream":\#(stream),"messages":[{"role":"user","content":"Hi"}]}"#
                    ))
                #expect(response.status == 400)
                let error = try json(response)["error"]
                #expect(error?["param"] == "n")
                #expect(error?["type"] == "invalid_request_error")
            }
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test("the configured models are listed; unknown models, completions and embeddings are refused")
    func modelsAndEndpoints() async throws {
        try await withAnthropicBlueprint(respond: { _ in AnthropicReply.message("{}") }) { port, upstream in
            let models = try json(try await exchange(port, getRequest("/v1/models")))
            #expect(models["data"]?.arrayValue?.count == 1)
            #expect(models["data"]?[0]?["id"] == "claude-test")
            #expect(models["data"]?[0]?["owned_by"] == "anthropic")

            let unknown = try await exchange(
                port,
                jsonRequest("/v1/chat/completions", #"{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]}"#))
            #expect(unknown.status == 404)
            #expect(try json(unknown)["error"]?["code"] == "model_not_found")

            let completion = try await exchange(
                port, jsonRequest("/v1/completions", #"{"model":"claude-test","prompt":"Once upon"}"#))
            #expect(completion.status == 400)
            #expect(try json(completion)["error"]?["code"] == "unsupported_model")

            let embedding = try await exchange(
                port, jsonRequest("/v1/embeddings", #"{"model":"claude-test","input":"rivers"}"#))
            #expect(embedding.status == 400)
            #expect(try json(embedding)["error"]?["code"] == "unsupported_model")
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test("an upstream that refuses connections is a 502 that names neither the URL nor the key")
    func unreachable() async throws {
        let (socket, port) = try Self.boundButNotListening()
        defer { close(socket) }
        try await withAnthropicBlueprint(
            configure: { $0.baseURL = "http://127.0.0.1:\(port)/v1" },
            respond: { _ in AnthropicReply.message("{}") }
        ) { blueprintPort, _ in
            let response = try await exchange(
                blueprintPort,
                jsonRequest(
                    "/v1/chat/completions", #"{"model":"claude-test","messages":[{"role":"user","content":"Hi"}]}"#))
            #expect(response.status == 502)
            let error = try json(response)["error"]
            #expect(error?["code"] == "upstream_unreachable")
            let message = try #require(error?["message"]?.stringValue)
            #expect(!message.contains(String(port)) && !message.contains("127.0.0.1") && !message.contains("sk-ant"))
        }
    }

    static func textDelta(_ text: String) -> String {
        #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\#(text)"}}"#
    }

    static func jsonDelta(_ index: Int, _ fragment: String) -> String {
        #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"input_json_delta","partial_json":"\#(fragment)"}}"#
    }

    /// A socket bound to a free port without listening, so connecting to that port is refused for as long as it
    /// stays open (no other test can take the port meanwhile).
    static func boundButNotListening() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        try #require(bound)
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
