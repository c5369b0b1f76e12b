import Blueprint
import Testing

@Suite("Chat completions over the live server")
struct ChatCompletionsAPITests {
    static let hello = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Tell me about rivers"}]}"#

    @Test("the same request gives byte-identical responses")
    func deterministicBytes() async throws {
        try await withBlueprint { app in
            let first = try await exchange(app.server.port, jsonRequest("/v1/chat/completions", Self.hello))
            let second = try await exchange(app.server.port, jsonRequest("/v1/chat/completions", Self.hello))
            #expect(first.status == 200)
            #expect(first.body == second.body)
            let other = try await exchange(
                app.server.port,
                jsonRequest(
                    "/v1/chat/completions",
                    #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Explain volcanoes"}]}"#))
            #expect(other.body != first.body)
        }
    }

    @Test("a completion has every key OpenAI requires, nulls included")
    func shape() async throws {
        try await withBlueprint { app in
            let response = try await exchange(app.server.port, jsonRequest("/v1/chat/completions", Self.hello))
            #expect(response.header("content-type") == "application/json")
            let body = try json(response)
            #expect(body["object"]?.stringValue == "chat.completion")
            #expect(body["id"]?.stringValue?.hasPrefix("chatcmpl-") == true)
            #expect(body["created"]?.intValue == 1_700_000_000)
            let choice = try #require(body["choices"]?[0])
            #expect(choice["logprobs"]?.isNull == true)
            #expect(choice["finish_reason"]?.stringValue == "stop")
            #expect(choice["message"]?["refusal"]?.isNull == true)
            #expect(choice["message"]?["role"]?.stringValue == "assistant")
            let usage = try #require(body["usage"])
            #expect(
                usage["total_tokens"]?.intValue
                    == (usage["prompt_tokens"]?.intValue ?? 0) + (usage["completion_tokens"]?.intValue ?? 0))
        }
    }

    @Test("SSE framing: role once, data lines only, usage chunk before [DONE], text equals the non-streamed text")
    func streamFraming() async throws {
        try await withBlueprint { app in
            let port = app.server.port
            let plain = try json(try await exchange(port, jsonRequest("/v1/chat/completions", Self.hello)))
            let streamed = try await exchange(
                port,
                jsonRequest(
                    "/v1/chat/completions",
                    #"{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Tell me about rivers"}]}"#
                ))
            #expect(streamed.status == 200)
            #expect(streamed.header("content-type") == "text/event-stream; charset=utf-8")
            #expect(!streamed.text.contains("event:"))
            #expect(streamed.text.hasSuffix("data: [DONE]\n\n"))
            let events = sseData(streamed)
            #expect(events.last == "[DONE]")
            let chunks = try events.dropLast().map { try JSONParser.parse($0) }
            #expect(chunks.allSatisfy { $0["object"]?.stringValue == "chat.completion.chunk" })
            let roles = chunks.compactMap { $0["choices"]?[0]?["delta"]?["role"]?.stringValue }
            #expect(roles == ["assistant"])
            let text = chunks.compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
            #expect(text == plain["choices"]?[0]?["message"]?["content"]?.stringValue)
            let usageChunk = try #require(chunks.last)
            #expect(usageChunk["choices"]?.arrayValue?.isEmpty == true)
            #expect(usageChunk["usage"]?["completion_tokens"] == plain["usage"]?["completion_tokens"])
            #expect(chunks.dropLast().allSatisfy { $0["usage"]?.isNull == true })
            let finishes = chunks.compactMap { $0["choices"]?[0]?["finish_reason"]?.stringValue }
            #expect(finishes == ["stop"])
        }
    }

    @Test("an unknown model is a 404 JSON error, also with stream: true")
    func unknownModel() async throws {
        try await withBlueprint { app in
            for stream in [false, true] {
                let response = try await exchange(
                    app.server.port,
                    jsonRequest(
                        "/v1/chat/completions",
                        #"{"model":"nope","stream":\#(stream),"messages":[{"role":"user","content":"hi"}]}"#))
                #expect(response.status == 404)
                #expect(response.header("content-type") == "application/json")
                let error = try json(response)["error"]
                #expect(error?["code"]?.stringValue == "model_not_found")
                #expect(
                    error?["message"]?.stringValue == "The model `nope` does not exist or you do not have access to it."
                )
                #expect(response.header("x-request-id")?.hasPrefix("req_") == true)
            }
        }
    }

    @Test(
        "validation errors name the parameter",
        arguments: [
            (#"{"model":"gpt-4o-mini"}"#, "messages", "missing_required_parameter"),
            (#"{"model":"gpt-4o-mini","messages":[]}"#, "messages", "empty_array"),
            (#"{"messages":[{"role":"user","content":"x"}]}"#, "model", "missing_required_parameter"),
            (
                #"{"model":"gpt-4o-mini","messages":[{"role":"robot","content":"x"}]}"#, "messages[0].role",
                "invalid_value"
            ),
            (
                #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"max_tokens":"5"}"#, "max_tokens",
                "invalid_type"
            ),
            (
                #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"temperature":3}"#, "temperature",
                "decimal_above_max_value"
            ),
            (
                #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"n":0}"#, "n",
                "integer_below_min_value"
            ),
            (
                #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"top_logprobs":2}"#, "top_logprobs",
                "invalid_value"
            ),
            (
                #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"stream_options":{"include_usage":true}}"#,
                "stream_options", "invalid_value"
            ),
            (
                #"{"model":"gpt-4o-mini","messages":[{"role":"tool","content":"x"}]}"#, "messages[0].tool_call_id",
                "missing_required_parameter"
            ),
        ])
    func validation(body: String, param: String, code: String) async throws {
        try await withBlueprint { app in
            // The same errors must come before a stream starts; `stream_options` is only invalid without `stream`.
            for stream in param == "stream_options" ? [false] : [false, true] {
                let streamedBody = stream ? #"{"stream":true,"# + body.dropFirst() : body
                let response = try await exchange(app.server.port, jsonRequest("/v1/chat/completions", streamedBody))
                #expect(response.status == 400)
                let error = try json(response)["error"]
                #expect(error?["param"]?.stringValue == param)
                #expect(error?["code"]?.stringValue == code)
                #expect(error?["type"]?.stringValue == "invalid_request_error")
            }
        }
    }

    @Test("unparsable JSON is a 400 and a non-JSON body a 415")
    func bodyErrors() async throws {
        try await withBlueprint { app in
            let broken = try await exchange(app.server.port, jsonRequest("/v1/chat/completions", #"{"model": "#))
            #expect(broken.status == 400)
            #expect(
                try json(broken)["error"]?["message"]?.stringValue?.hasPrefix("We could not parse the JSON body")
                    == true)
            let form =
                "POST /v1/chat/completions HTTP/1.1\r\nHost: t\r\nauthorization: Bearer test_key\r\n"
                + "content-type: application/x-www-form-urlencoded\r\ncontent-length: 3\r\n\r\na=b"
            let unsupported = try await exchange(app.server.port, form)
            #expect(unsupported.status == 415)
            #expect(try json(unsupported)["error"]?["type"]?.stringValue == "invalid_request_error")
        }
    }

    @Test("unknown fields are tolerated")
    func unknownFields() async throws {
        try await withBlueprint { app in
            let response = try await exchange(
                app.server.port,
                jsonRequest(
                    "/v1/chat/completions",
                    #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"future_field":{"a":[1]},"store":true,"metadata":{"k":"v"}}"#
                ))
            #expect(response.status == 200)
        }
    }

    @Test("a second backend plugs in without touching HTTP, routing or middleware")
    func scriptedBackend() async throws {
        try await withBlueprint(backend: ScriptedBackend(reply: "scripted answer here")) { app in
            let body = #"{"model":"scripted-1","messages":[{"role":"user","content":"x"}]}"#
            let plain = try json(try await exchange(app.server.port, jsonRequest("/v1/chat/completions", body)))
            #expect(plain["choices"]?[0]?["message"]?["content"]?.stringValue == "scripted answer here")
            let streamed = try await exchange(
                app.server.port,
                jsonRequest(
                    "/v1/chat/completions",
                    #"{"model":"scripted-1","stream":true,"messages":[{"role":"user","content":"x"}]}"#))
            let text = try sseData(streamed).dropLast().compactMap {
                try JSONParser.parse($0)["choices"]?[0]?["delta"]?["content"]?.stringValue
            }.joined()
            #expect(text == "scripted answer here")
            let models = try json(try await exchange(app.server.port, getRequest("/v1/models")))
            #expect(models["data"]?[0]?["id"]?.stringValue == "scripted-1")
        }
    }
}
