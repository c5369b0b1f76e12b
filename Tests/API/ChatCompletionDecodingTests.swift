import Blueprint
import Synchronization
import Testing

/// Keeps the last generation request it was given and answers with one word.
final class RecordingBackend: ModelBackend {
    let last = Mutex<GenerationRequest?>(nil)

    func models() async throws -> [ModelDescriptor] {
        [ModelDescriptor(id: "recorded", created: 1_700_000_000, ownedBy: "tests", kind: .text)]
    }

    func generate(_ request: GenerationRequest) async throws -> Generation {
        last.withLock { $0 = request }
        return Generation(
            model: request.model, choices: [GeneratedChoice(index: 0, text: "ok", finishReason: .stop)],
            usage: TokenUsage(promptTokens: 1, completionTokens: 1))
    }
}

/// What `/v1/chat/completions` makes of a body, in-process through the whole app: the exact error (message, `param`,
/// `code`) for each invalid field, the order fields are validated in, and the generation request a valid body gives.
@Suite("Chat completion request decoding")
struct ChatCompletionDecodingTests {
    static let user = #"{"role":"user","content":"x"}"#

    /// The error envelope's message, param and code for `body` sent to `target`, or nils when the request succeeded.
    static func error(_ body: String, to target: String = "/v1/chat/completions") async throws -> [String?] {
        let response = try await respond(body, to: target, backend: MockModel())
        let error = try JSONParser.parse(response.body.fixedBytes ?? [])["error"]
        return [error?["message"]?.stringValue, error?["param"]?.stringValue, error?["code"]?.stringValue]
    }

    /// The generation request the backend receives for `body`.
    static func decoded(_ body: String) async throws -> GenerationRequest {
        let backend = RecordingBackend()
        let response = try await respond(body, to: "/v1/chat/completions", backend: backend)
        #expect(response.status == .ok)
        return try #require(backend.last.withLock { $0 })
    }

    static func respond(_ body: String, to target: String, backend: any ModelBackend) async throws -> HTTPResponse {
        let app = BlueprintApp(
            settings: testSettings(), backend: backend,
            logger: Logger(minimumLevel: .critical, sink: MemoryLogSink()))
        var headers: HTTPHeaders = ["host": "test", "authorization": "Bearer test_key"]
        headers.add(name: "content-type", value: "application/json")
        let request = HTTPRequest(
            method: .post, target: target, headers: headers, body: Array(body.utf8))
        return try await app.server.responder.respond(to: request, context: RequestContext(remoteAddress: "test"))
    }

    /// `{"model":"gpt-4o-mini","messages":[<messages>]<rest>}`
    static func body(messages: String = user, _ rest: String = "") -> String {
        #"{"model":"gpt-4o-mini","messages":[\#(messages)]\#(rest)}"#
    }

    static func missing(_ param: String) -> [String?] {
        ["Missing required parameter: '\(param)'.", param, "missing_required_parameter"]
    }

    static func type(_ param: String, _ expected: String, got: String) -> [String?] {
        ["Invalid type for '\(param)': expected \(expected), but got \(got) instead.", param, "invalid_type"]
    }

    static func value(_ param: String, _ value: String, allowed: [String]) -> [String?] {
        let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
        return ["Invalid value: '\(value)'. Supported values are: \(list).", param, "invalid_value"]
    }

    static func range(_ param: String, _ kind: String, below: Bool, bound: String, got: String) -> [String?] {
        [
            "Invalid '\(param)': \(kind) \(below ? "below minimum" : "above maximum") value. Expected a value "
                + "\(below ? ">=" : "<=") \(bound), but got \(got) instead.",
            param, "\(kind)_\(below ? "below_min" : "above_max")_value",
        ]
    }

    static func badName(_ param: String) -> [String?] {
        [
            "Invalid '\(param)': string does not match pattern. Expected a string that matches the pattern "
                + "'^[a-zA-Z0-9_-]+$' with at most 64 characters.", param, "invalid_value",
        ]
    }

    static let roles = ["developer", "system", "user", "assistant", "tool"]
    static let partTypes = ["text", "image_url", "input_audio", "file", "refusal"]
    static let tool = #","tools":[{"type":"function","function":{"name":"f"}}]"#

    @Test(
        "top-level fields: each invalid value has OpenAI's message, param and code",
        arguments: [
            (#"{}"#, missing("model")),
            (#"{"model":null,"messages":[]}"#, missing("model")),
            (#"{"model":5}"#, type("model", "a string", got: "a number")),
            (#"{"model":"gpt-4o-mini"}"#, missing("messages")),
            (#"{"model":"gpt-4o-mini","messages":{}}"#, type("messages", "an array", got: "an object")),
            (
                #"{"model":"gpt-4o-mini","messages":[]}"#,
                [
                    "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array "
                        + "instead.", "messages", "empty_array",
                ]
            ),
            (body(#","stream":"yes""#), type("stream", "a boolean", got: "a string")),
            (body(#","stream_options":5"#), type("stream_options", "an object", got: "a number")),
            (
                body(#","stream_options":{"include_usage":true}"#),
                [
                    "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options",
                    "invalid_value",
                ]
            ),
            (
                body(#","stream":true,"stream_options":{"include_usage":1}"#),
                type("stream_options.include_usage", "a boolean", got: "a number")
            ),
            (
                body(#","max_completion_tokens":0"#),
                range("max_completion_tokens", "integer", below: true, bound: "1", got: "0")
            ),
            (body(#","max_tokens":1.5"#), type("max_tokens", "an integer", got: "a number")),
            (
                body(#","max_tokens":2147483648"#),
                range("max_tokens", "integer", below: false, bound: "2147483647", got: "2147483648")
            ),
            (body(#","max_tokens":1e20"#), type("max_tokens", "an integer", got: "a number")),
            (body(#","logprobs":"no""#), type("logprobs", "a boolean", got: "a string")),
            (
                body(#","logprobs":true,"top_logprobs":21"#),
                range("top_logprobs", "integer", below: false, bound: "20", got: "21")
            ),
            (
                body(#","top_logprobs":2"#),
                [
                    "Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is used.",
                    "top_logprobs", "invalid_value",
                ]
            ),
            (
                body(#","presence_penalty":3"#),
                range("presence_penalty", "decimal", below: false, bound: "2", got: "3")
            ),
            (
                body(#","frequency_penalty":-2.5"#),
                range("frequency_penalty", "decimal", below: true, bound: "-2", got: "-2.5")
            ),
            (body(#","presence_penalty":"x""#), type("presence_penalty", "a number", got: "a string")),
            (body(#","logit_bias":[]"#), type("logit_bias", "an object", got: "an array")),
            (body(#","user":5"#), type("user", "a string", got: "a number")),
            (body(#","metadata":"x""#), type("metadata", "an object", got: "a string")),
            (body(#","tools":{}"#), type("tools", "an array", got: "an object")),
            (body(#","tools":[5]"#), type("tools[0]", "an object", got: "a number")),
            (body(#","tools":[{"type":"web"}]"#), value("tools[0].type", "web", allowed: ["function"])),
            (body(#","tools":[{"type":"function"}]"#), missing("tools[0].function")),
            (
                body(
                    #","tools":[{"type":"function","function":{"name":"f"}},{"type":"function","function":{"name":"a b"}}]"#
                ),
                badName("tools[1].function.name")
            ),
            (
                body(#","tools":[{"type":"function","function":{"name":"f","parameters":[]}}]"#),
                type("tools[0].function.parameters", "an object", got: "an array")
            ),
            (
                body(#","tools":[{"type":"function","function":{"name":"f","description":1}}]"#),
                type("tools[0].function.description", "a string", got: "a number")
            ),
            (
                body(#","tools":[{"type":"function","function":{"name":"f","strict":"yes"}}]"#),
                type("tools[0].function.strict", "a boolean", got: "a string")
            ),
            (
                body(#","tool_choice":"auto""#),
                [
                    "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
                    "tool_choice", "invalid_value",
                ]
            ),
            (
                body(tool + #","tool_choice":"any""#),
                value("tool_choice", "any", allowed: ["none", "auto", "required"])
            ),
            (body(tool + #","tool_choice":5"#), type("tool_choice", "a string or an object", got: "a number")),
            (
                body(tool + #","tool_choice":{"function":5}"#),
                type("tool_choice.function", "an object", got: "a number")
            ),
            (body(tool + #","tool_choice":{"function":{}}"#), missing("tool_choice.function.name")),
            (body(tool + #","tool_choice":{"type":"function"}"#), missing("tool_choice.name")),
            (
                body(tool + #","tool_choice":{"type":"function","function":{"name":"g"}}"#),
                [
                    "Invalid value for 'tool_choice': no function named 'g' was specified in the 'tools' parameter.",
                    "tool_choice", "invalid_value",
                ]
            ),
            (body(#","stop":5"#), type("stop", "a string or an array of strings", got: "a number")),
            (
                body(#","stop":["a","b","c","d","e"]"#),
                [
                    "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with "
                        + "length 5 instead.", "stop", "array_above_max_length",
                ]
            ),
            (body(#","stop":["a",null]"#), type("stop[1]", "a string", got: "null")),
            (body(#","n":129"#), range("n", "integer", below: false, bound: "128", got: "129")),
            (body(#","seed":"1""#), type("seed", "an integer", got: "a string")),
            (body(#","temperature":-0.5"#), range("temperature", "decimal", below: true, bound: "0", got: "-0.5")),
            (body(#","top_p":1.5"#), range("top_p", "decimal", below: false, bound: "1", got: "1.5")),
            (body(#","parallel_tool_calls":0"#), type("parallel_tool_calls", "a boolean", got: "a number")),
            (body(#","response_format":"json""#), type("response_format", "an object", got: "a string")),
            (body(#","response_format":{}"#), missing("response_format.type")),
            (
                body(#","response_format":{"type":"xml"}"#),
                value("response_format.type", "xml", allowed: ["text", "json_object", "json_schema"])
            ),
            (body(#","response_format":{"type":"json_schema"}"#), missing("response_format.json_schema")),
            (
                body(#","response_format":{"type":"json_schema","json_schema":{"name":""}}"#),
                badName("response_format.json_schema.name")
            ),
            (
                body(#","response_format":{"type":"json_schema","json_schema":{"name":"s","schema":true}}"#),
                type("response_format.json_schema.schema", "an object", got: "a boolean")
            ),
            (
                body(#","response_format":{"type":"json_schema","json_schema":{"name":"s","strict":1}}"#),
                type("response_format.json_schema.strict", "a boolean", got: "a number")
            ),
        ])
    func topLevelErrors(body: String, expected: [String?]) async throws {
        #expect(try await Self.error(body) == expected)
    }

    @Test(
        "message fields: errors name the message's path",
        arguments: [
            ("5", type("messages[0]", "an object", got: "a number")),
            (#"{"content":"x"}"#, missing("messages[0].role")),
            (#"{"role":3,"content":"x"}"#, type("messages[0].role", "a string", got: "a number")),
            (#"{"role":"robot","content":"x"}"#, value("messages[0].role", "robot", allowed: roles)),
            (user + #",{"role":"user"}"#, missing("messages[1].content")),
            (user + #",{"role":"user","content":null}"#, missing("messages[1].content")),
            (#"{"role":"assistant"}"#, missing("messages[0].content")),
            (#"{"role":"assistant","refusal":null}"#, missing("messages[0].content")),
            (#"{"role":"assistant","tool_calls":[]}"#, missing("messages[0].content")),
            (
                #"{"role":"user","content":5}"#,
                type("messages[0].content", "a string or an array of content parts", got: "a number")
            ),
            (user + #",{"role":"user","content":[5]}"#, type("messages[1].content[0]", "an object", got: "a number")),
            (#"{"role":"user","content":[{"text":"x"}]}"#, missing("messages[0].content[0].type")),
            (
                #"{"role":"user","content":[{"type":"text","text":"a"},{"type":"text"}]}"#,
                missing("messages[0].content[1].text")
            ),
            (#"{"role":"user","content":[{"type":"refusal"}]}"#, missing("messages[0].content[0].refusal")),
            (
                #"{"role":"user","content":[{"type":"video"}]}"#,
                value("messages[0].content[0].type", "video", allowed: partTypes)
            ),
            (
                #"{"role":"user","content":[{"type":"text","text":5}]}"#,
                type("messages[0].content[0].text", "a string", got: "a number")
            ),
            (#"{"role":"assistant","tool_calls":{}}"#, type("messages[0].tool_calls", "an array", got: "an object")),
            (
                #"{"role":"assistant","tool_calls":[true]}"#,
                type("messages[0].tool_calls[0]", "an object", got: "a boolean")
            ),
            (#"{"role":"assistant","tool_calls":[{"id":"c"}]}"#, missing("messages[0].tool_calls[0].function")),
            (
                #"{"role":"assistant","tool_calls":[{"function":{"name":"f"}}]}"#,
                missing("messages[0].tool_calls[0].id")
            ),
            (
                user
                    + #",{"role":"assistant","tool_calls":[{"id":"c","function":{"name":"f"}},{"id":"d","function":{}}]}"#,
                missing("messages[1].tool_calls[1].function.name")
            ),
            (
                #"{"role":"assistant","tool_calls":[{"id":"c","function":{"name":"f","arguments":{}}}]}"#,
                type("messages[0].tool_calls[0].function.arguments", "a string", got: "an object")
            ),
            (#"{"role":"tool","content":"x"}"#, missing("messages[0].tool_call_id")),
            (
                #"{"role":"tool","content":"x","tool_call_id":7}"#,
                type("messages[0].tool_call_id", "a string", got: "a number")
            ),
            (#"{"role":"user","content":"x","name":7}"#, type("messages[0].name", "a string", got: "a number")),
        ])
    func messageErrors(messages: String, expected: [String?]) async throws {
        #expect(try await Self.error(Self.body(messages: messages)) == expected)
    }

    @Test(
        "a message's fields are validated role, tool calls, content, tool call id, name",
        arguments: [
            (#"{"name":1,"tool_call_id":1,"content":1,"tool_calls":1,"role":"robot"}"#, "messages[0].role"),
            (#"{"name":1,"tool_call_id":1,"content":1,"tool_calls":1,"role":"tool"}"#, "messages[0].tool_calls"),
            (#"{"name":1,"tool_call_id":1,"content":1,"role":"tool"}"#, "messages[0].content"),
            (#"{"name":1,"tool_call_id":1,"role":"tool"}"#, "messages[0].content"),
            (#"{"name":1,"tool_call_id":1,"content":"x","role":"tool"}"#, "messages[0].tool_call_id"),
            (#"{"name":1,"tool_call_id":"c","content":"x","role":"tool"}"#, "messages[0].name"),
            (#"{"role":"robot"},{"role":5}"#, "messages[0].role"),
            (#"{"role":"assistant","tool_calls":[{"id":"c"},5]}"#, "messages[0].tool_calls[0].function"),
            (#"{"role":"user","content":[{"type":"text"},5]}"#, "messages[0].content[1]"),
        ])
    func messageOrder(messages: String, param: String) async throws {
        #expect(try await Self.error(Self.body(messages: messages))[1] == param)
    }

    @Test("top-level fields are validated in a fixed order, whatever their order in the body")
    func topLevelOrder() async throws {
        // Each bad field, in the order the decoder checks them; the body lists them backwards.
        let bad = [
            ("messages", #"[{"role":"robot"}]"#), ("stream", #""x""#), ("stream_options", "5"),
            ("max_completion_tokens", "0"), ("max_tokens", "0"), ("logprobs", "1"), ("top_logprobs", "99"),
            ("presence_penalty", "9"), ("frequency_penalty", "9"), ("logit_bias", "1"), ("user", "1"),
            ("metadata", "1"), ("tools", "1"), ("tool_choice", "1"), ("stop", "1"), ("n", "0"), ("seed", "true"),
            ("temperature", "9"), ("top_p", "9"), ("parallel_tool_calls", "1"), ("response_format", "1"),
        ]
        for first in bad.indices {
            let fields = bad[first...].reversed().map { #""\#($0.0)":\#($0.1)"# }.joined(separator: ",")
            let body = #"{\#(fields),"model":"gpt-4o-mini"\#(first == 0 ? "" : #","messages":[\#(Self.user)]"#)}"#
            let param = try await Self.error(body)[1]
            #expect(param == (first == 0 ? "messages[0].role" : bad[first].0), "\(body)")
        }
    }

    @Test("a valid max_completion_tokens wins and max_tokens is then not read")
    func maxCompletionTokensWins() async throws {
        let request = try await Self.decoded(Self.body(#","max_tokens":"ignored","max_completion_tokens":7"#))
        #expect(request.maxTokens == 7)
        #expect(try await Self.decoded(Self.body(#","max_tokens":9.0"#)).maxTokens == 9)
    }

    @Test("null counts as absent for every field")
    func nulls() async throws {
        let request = try await Self.decoded(
            Self.body(
                messages: #"{"role":"assistant","content":"a","name":null,"tool_calls":null,"refusal":null}"#,
                #","stream":null,"stream_options":null,"max_tokens":null,"max_completion_tokens":null,"#
                    + #""logprobs":null,"top_logprobs":null,"presence_penalty":null,"frequency_penalty":null,"#
                    + #""logit_bias":null,"user":null,"metadata":null,"tools":null,"tool_choice":null,"stop":null,"#
                    + #""n":null,"seed":null,"temperature":null,"top_p":null,"parallel_tool_calls":null,"#
                    + #""response_format":null,"unknown":null"#))
        #expect(request.input == .messages([ChatMessage(role: .assistant, content: "a")]))
        #expect(request.maxTokens == nil && request.stop.isEmpty && request.n == 1 && request.seed == nil)
        #expect(request.temperature == nil && request.topP == nil && !request.logprobs && request.topLogprobs == 0)
        #expect(request.tools.isEmpty && request.toolChoice == .none && request.parallelToolCalls)
        #expect(request.responseFormat == .text)
        #expect(
            request.extra.keys == [
                "presence_penalty", "frequency_penalty", "logit_bias", "user", "metadata", "unknown",
            ])
    }

    @Test("every field reaches the generation request, and extra keeps each other field in body order")
    func fullRequest() async throws {
        let body =
            #"{"zeta":1,"model":"recorded","presence_penalty":0.5,"messages":["#
            + #"{"role":"system","content":"be brief"},"#
            + #"{"role":"user","name":"ann","content":[{"type":"text","text":"look "},{"type":"image_url","image_url":{"url":"u"}},{"type":"text","text":"here"}]},"#
            + #"{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}},{"id":"c2","function":{"name":"g"}}]},"#
            + #"{"role":"tool","tool_call_id":"c1","content":"42"},"#
            + #"{"role":"assistant","content":[{"type":"refusal","refusal":"no"}]},"#
            + #"{"role":"assistant","refusal":"no"}],"#
            + #""store":true,"max_tokens":99,"max_completion_tokens":5,"stop":"END","n":2,"seed":-3,"temperature":0.25,"#
            + #""top_p":1,"logprobs":true,"top_logprobs":3,"alpha":[1],"prompt_cache_key":"k","user":"u1","#
            + #""tools":[{"type":"function","function":{"name":"f","description":"d","parameters":{"type":"object"},"strict":true}},"#
            + #"{"type":"function","function":{"name":"g"}}],"#
            + #""tool_choice":{"type":"function","function":{"name":"g"}},"parallel_tool_calls":false,"#
            + #""response_format":{"type":"json_schema","json_schema":{"name":"out","strict":true}},"metadata":{"k":"v"}}"#
        let request = try await Self.decoded(body)
        #expect(request.model == "recorded")
        #expect(
            request.input
                == .messages([
                    ChatMessage(role: .system, content: "be brief"),
                    ChatMessage(role: .user, content: "look here", name: "ann"),
                    ChatMessage(
                        role: .assistant, content: nil,
                        toolCalls: [
                            ToolCall(id: "c1", name: "f", arguments: #"{"a":1}"#),
                            ToolCall(id: "c2", name: "g", arguments: "{}"),
                        ]),
                    ChatMessage(role: .tool, content: "42", toolCallID: "c1"),
                    ChatMessage(role: .assistant, content: "no"),
                    ChatMessage(role: .assistant, content: nil),
                ]))
        #expect(request.maxTokens == 5)
        #expect(request.stop == ["END"])
        #expect(request.n == 2)
        #expect(request.seed == -3)
        #expect(request.temperature == 0.25)
        #expect(request.topP == 1)
        #expect(request.logprobs && request.topLogprobs == 3)
        #expect(
            request.tools == [
                ToolDefinition(name: "f", description: "d", parameters: ["type": "object"], strict: true),
                ToolDefinition(name: "g"),
            ])
        #expect(request.toolChoice == .function("g"))
        #expect(!request.parallelToolCalls)
        #expect(request.responseFormat == .jsonSchema(name: "out", schema: .object(JSONObject()), strict: true))
        #expect(
            request.extra.keys == [
                "zeta", "presence_penalty", "store", "alpha", "prompt_cache_key", "user", "metadata",
            ])
        #expect(request.extra["alpha"] == [1])
        #expect(request.extra["metadata"] == ["k": "v"])
    }

    @Test("tool_choice modes and the flat function form")
    func toolChoices() async throws {
        let tool = Self.tool
        #expect(try await Self.decoded(Self.body(tool)).toolChoice == .auto)
        #expect(try await Self.decoded(Self.body(tool + #","tool_choice":"none""#)).toolChoice == .none)
        #expect(try await Self.decoded(Self.body(tool + #","tool_choice":"required""#)).toolChoice == .required)
        #expect(try await Self.decoded(Self.body(tool + #","tool_choice":{"name":"f"}"#)).toolChoice == .function("f"))
        let stops = try await Self.decoded(Self.body(#","stop":["a","b"],"response_format":{"type":"json_object"}"#))
        #expect(stops.stop == ["a", "b"])
        #expect(stops.responseFormat == .jsonObject)
    }
}
