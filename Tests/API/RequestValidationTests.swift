import Blueprint
import Testing

/// The other endpoints read their fields with the same validation as chat completions: the exact error (message,
/// `param`, `code`) for invalid fields of responses, completions and embeddings bodies, nested paths included.
@Suite("Request validation of the responses, completions and embeddings endpoints")
struct RequestValidationTests {
    typealias Chat = ChatCompletionDecodingTests

    static let input = #"{"role":"user","content":"x"}"#
    static let partTypes = ["input_text", "output_text", "input_image", "input_file", "input_audio", "refusal"]

    /// `{"model":"gpt-4o-mini","input":[<items>]<rest>}`
    static func responses(_ items: String = input, _ rest: String = "") -> String {
        #"{"model":"gpt-4o-mini","input":[\#(items)]\#(rest)}"#
    }

    @Test(
        "responses",
        arguments: [
            (#"{"model":"gpt-4o-mini"}"#, Chat.missing("input")),
            (
                #"{"model":"gpt-4o-mini","input":5}"#,
                Chat.type("input", "a string or an array of input items", got: "a number")
            ),
            (responses("5"), Chat.type("input[0]", "an object", got: "a number")),
            (responses(input + #",{"role":"user"}"#), Chat.missing("input[1].content")),
            (
                responses(#"{"role":"user","content":5}"#),
                Chat.type("input[0].content", "a string or an array of content parts", got: "a number")
            ),
            (
                responses(#"{"role":"user","content":[{"type":"input_text"}]}"#),
                Chat.missing("input[0].content[0].text")
            ),
            (
                responses(input + #",{"role":"user","content":[{"type":"input_text","text":"a"},{"type":"video"}]}"#),
                Chat.value("input[1].content[1].type", "video", allowed: partTypes)
            ),
            (
                responses(#"{"role":"user","content":[true]}"#),
                Chat.type("input[0].content[0]", "an object", got: "a boolean")
            ),
            (
                responses(input, #","tools":[{"type":"function","name":"ok"},{"type":"function","name":"a b"}]"#),
                Chat.badName("tools[1].name")
            ),
            (
                responses(input, #","text":{"format":{"type":"json_schema","name":"s","schema":1}}"#),
                Chat.type("text.format.schema", "an object", got: "a number")
            ),
            (
                responses(input, #","temperature":2.5"#),
                Chat.range("temperature", "decimal", below: false, bound: "2", got: "2.5")
            ),
            (
                responses(input, #","max_output_tokens":0"#),
                Chat.range("max_output_tokens", "integer", below: true, bound: "1", got: "0")
            ),
        ])
    func responsesErrors(body: String, expected: [String?]) async throws {
        #expect(try await Chat.error(body, to: "/v1/responses") == expected)
    }

    @Test(
        "completions",
        arguments: [
            (#"{"model":"gpt-3.5-turbo-instruct"}"#, Chat.missing("prompt")),
            (
                #"{"model":"gpt-3.5-turbo-instruct","prompt":"x","stop":5}"#,
                Chat.type("stop", "a string or an array of strings", got: "a number")
            ),
            (
                #"{"model":"gpt-3.5-turbo-instruct","prompt":"x","stop":["a",1]}"#,
                Chat.type("stop[1]", "a string", got: "a number")
            ),
            (
                #"{"model":"gpt-3.5-turbo-instruct","prompt":"x","stream_options":{}}"#,
                [
                    "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options",
                    "invalid_value",
                ]
            ),
            (
                #"{"model":"gpt-3.5-turbo-instruct","prompt":"x","logprobs":6}"#,
                Chat.range("logprobs", "integer", below: false, bound: "5", got: "6")
            ),
        ])
    func completionsErrors(body: String, expected: [String?]) async throws {
        #expect(try await Chat.error(body, to: "/v1/completions") == expected)
    }

    @Test(
        "embeddings",
        arguments: [
            (#"{"model":"text-embedding-3-small"}"#, Chat.missing("input")),
            (
                #"{"model":"text-embedding-3-small","input":"x","encoding_format":"hex"}"#,
                Chat.value("encoding_format", "hex", allowed: ["float", "base64"])
            ),
            (
                #"{"model":"text-embedding-3-small","input":"x","dimensions":0}"#,
                Chat.range("dimensions", "integer", below: true, bound: "1", got: "0")
            ),
            (
                #"{"model":"text-embedding-3-small","input":"x","user":1}"#,
                Chat.type("user", "a string", got: "a number")
            ),
        ])
    func embeddingsErrors(body: String, expected: [String?]) async throws {
        #expect(try await Chat.error(body, to: "/v1/embeddings") == expected)
    }
}
