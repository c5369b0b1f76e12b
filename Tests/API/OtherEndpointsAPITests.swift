import Blueprint
import Testing

@Suite("Models, completions, embeddings and responses over the live server")
struct OtherEndpointsAPITests {
    @Test("models list and retrieve; an unknown id is 404 model_not_found")
    func models() async throws {
        try await withBlueprint { app in
            let port = app.server.port
            let list = try json(try await exchange(port, getRequest("/v1/models")))
            #expect(list["object"]?.stringValue == "list")
            let ids = list["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(
                ids.contains("gpt-4o-mini") && ids.contains("text-embedding-3-small") && ids.contains("blueprint-echo"))
            let one = try json(try await exchange(port, getRequest("/v1/models/gpt-4o")))
            #expect(one["object"]?.stringValue == "model" && one["owned_by"]?.stringValue != nil)
            let missing = try await exchange(port, getRequest("/v1/models/nope"))
            #expect(missing.status == 404)
            #expect(try json(missing)["error"]?["code"]?.stringValue == "model_not_found")
        }
    }

    @Test("completions: prompt lists × n, token prompts, echo, max_tokens, streamed text equals plain text")
    func completions() async throws {
        try await withBlueprint { app in
            let port = app.server.port
            let many = try json(
                try await exchange(
                    port,
                    jsonRequest(
                        "/v1/completions",
                        #"{"model":"gpt-3.5-turbo-instruct","prompt":["a","b"],"n":2,"max_tokens":3}"#)))
            #expect(many["object"]?.stringValue == "text_completion")
            #expect(many["choices"]?.arrayValue?.compactMap { $0["index"]?.intValue } == [0, 1, 2, 3])
            let tokens = try json(
                try await exchange(
                    port,
                    jsonRequest(
                        "/v1/completions", #"{"model":"gpt-3.5-turbo-instruct","prompt":[[1,2,3],[4]],"max_tokens":2}"#)
                ))
            #expect(tokens["choices"]?.arrayValue?.count == 2)
            #expect(tokens["usage"]?["prompt_tokens"]?.intValue == 4)
            let echo = try json(
                try await exchange(
                    port,
                    jsonRequest(
                        "/v1/completions",
                        #"{"model":"gpt-3.5-turbo-instruct","prompt":"Echo me","echo":true,"max_tokens":2}"#)))
            #expect(echo["choices"]?[0]?["text"]?.stringValue?.hasPrefix("Echo me") == true)
            #expect(echo["choices"]?[0]?["finish_reason"]?.stringValue == "length")
            let body = #"{"model":"gpt-3.5-turbo-instruct","prompt":"Once upon a time","max_tokens":8}"#
            let plain = try json(try await exchange(port, jsonRequest("/v1/completions", body)))
            let streamed = try await exchange(
                port, jsonRequest("/v1/completions", #"{"stream":true,"# + body.dropFirst()))
            let events = sseData(streamed)
            #expect(events.last == "[DONE]")
            let text = try events.dropLast().compactMap {
                try JSONParser.parse($0)["choices"]?[0]?["text"]?.stringValue
            }.joined()
            #expect(text == plain["choices"]?[0]?["text"]?.stringValue)
        }
    }

    @Test("embeddings: float and base64 carry the same little-endian float32 vector; dimensions truncate")
    func embeddings() async throws {
        try await withBlueprint { app in
            let port = app.server.port
            let floats = try json(
                try await exchange(
                    port,
                    jsonRequest("/v1/embeddings", #"{"model":"text-embedding-3-small","input":"hello","dimensions":8}"#)
                ))
            let vector = try #require(floats["data"]?[0]?["embedding"]?.arrayValue?.compactMap { $0.doubleValue })
            #expect(vector.count == 8)
            #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
            let encoded = try json(
                try await exchange(
                    port,
                    jsonRequest(
                        "/v1/embeddings",
                        #"{"model":"text-embedding-3-small","input":"hello","dimensions":8,"encoding_format":"base64"}"#
                    )))
            let text = try #require(encoded["data"]?[0]?["embedding"]?.stringValue)
            let bytes = try #require(Array(base64Encoded: text))
            #expect(bytes.count == 32)
            for index in 0..<8 {
                let bits =
                    UInt32(bytes[index * 4]) | UInt32(bytes[index * 4 + 1]) << 8 | UInt32(bytes[index * 4 + 2]) << 16
                    | UInt32(bytes[index * 4 + 3]) << 24
                #expect(Double(Float(bitPattern: bits)) == Double(Float(vector[index])))
            }
            #expect(encoded["usage"]?["prompt_tokens"]?.intValue == encoded["usage"]?["total_tokens"]?.intValue)
            let bad = try await exchange(
                port, jsonRequest("/v1/embeddings", #"{"model":"text-embedding-3-small","input":[]}"#))
            #expect(bad.status == 400)
            #expect(try json(bad)["error"]?["param"]?.stringValue == "input")
        }
    }

    @Test("responses: object shape, and the exact event sequence with sequence numbers and no [DONE]")
    func responses() async throws {
        try await withBlueprint { app in
            let port = app.server.port
            let body = #"{"model":"gpt-4o-mini","input":"Write a haiku","instructions":"Be brief"}"#
            let plain = try json(try await exchange(port, jsonRequest("/v1/responses", body)))
            #expect(plain["object"]?.stringValue == "response")
            #expect(plain["status"]?.stringValue == "completed")
            for key in ["error", "incomplete_details", "previous_response_id"] { #expect(plain[key]?.isNull == true) }
            #expect(plain["instructions"]?.stringValue == "Be brief")
            let text = plain["output"]?[0]?["content"]?[0]?["text"]?.stringValue
            let streamed = try await exchange(
                port, jsonRequest("/v1/responses", #"{"stream":true,"# + body.dropFirst()))
            #expect(!streamed.text.contains("[DONE]"))
            let lines = streamed.text.split(separator: "\n", omittingEmptySubsequences: true)
            let names = lines.filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
            let payloads = try sseData(streamed).map { try JSONParser.parse($0) }
            #expect(names == payloads.compactMap { $0["type"]?.stringValue })
            #expect(payloads.compactMap { $0["sequence_number"]?.intValue } == Array(0..<payloads.count))
            #expect(
                Array(names.prefix(4)) == [
                    "response.created", "response.in_progress", "response.output_item.added",
                    "response.content_part.added",
                ])
            #expect(
                Array(names.suffix(4)) == [
                    "response.output_text.done", "response.content_part.done", "response.output_item.done",
                    "response.completed",
                ])
            let deltas = payloads.filter { $0["type"]?.stringValue == "response.output_text.delta" }
            #expect(deltas.compactMap { $0["delta"]?.stringValue }.joined() == text)
            let completed = try #require(payloads.last?["response"])
            #expect(completed["status"]?.stringValue == "completed")
            #expect(completed["id"] == payloads.first?["response"]?["id"])
        }
    }

    @Test("responses: a function tool gives a function_call item and argument events")
    func responsesFunctionCall() async throws {
        try await withBlueprint { app in
            let body =
                #"{"model":"gpt-4o","stream":true,"input":"Look up otters","tools":[{"type":"function","name":"lookup","parameters":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}}]}"#
            let streamed = try await exchange(app.server.port, jsonRequest("/v1/responses", body))
            let payloads = try sseData(streamed).map { try JSONParser.parse($0) }
            let types = payloads.compactMap { $0["type"]?.stringValue }
            #expect(types.contains("response.function_call_arguments.delta"))
            let done = try #require(
                payloads.first { $0["type"]?.stringValue == "response.function_call_arguments.done" })
            let arguments = try JSONParser.parse(try #require(done["arguments"]?.stringValue))
            #expect(arguments["q"]?.stringValue != nil)
            #expect(payloads.last?["response"]?["output"]?[0]?["type"]?.stringValue == "function_call")
        }
    }
}

extension Array where Element == UInt8 {
    /// Decodes standard base64 (test helper).
    init?(base64Encoded text: String) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var values: [UInt8] = []
        for byte in text.utf8 where byte != UInt8(ascii: "=") {
            guard let index = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt8(index))
        }
        var out: [UInt8] = []
        var index = 0
        while index + 1 < values.count {
            let chunk = values[index..<Swift.min(index + 4, values.count)]
            var bits: UInt32 = 0
            for (offset, value) in chunk.enumerated() { bits |= UInt32(value) << (18 - 6 * offset) }
            out.append(UInt8(bits >> 16 & 0xFF))
            if chunk.count > 2 { out.append(UInt8(bits >> 8 & 0xFF)) }
            if chunk.count > 3 { out.append(UInt8(bits & 0xFF)) }
            index += 4
        }
        self = out
    }
}
