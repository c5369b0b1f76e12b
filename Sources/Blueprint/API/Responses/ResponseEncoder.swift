/// Encodes `response` objects (`#S/Response`): every required key present, request parameters echoed.
struct ResponseEncoder {
    let id: String
    let createdAt: Double
    let model: String
    let echo: ResponsesDecoder.Echo

    /// The lifecycle state written into `status`.
    enum Status: String {
        case inProgress = "in_progress"
        case completed
        case incomplete
        case failed
    }

    func encode(status: Status, output: [ResponseOutputItem], usage: TokenUsage?, error: APIError? = nil) -> [UInt8] {
        var writer = JSONWriter(reservedCapacity: 1024)
        write(status: status, output: output, usage: usage, error: error, to: &writer)
        return writer.bytes
    }

    func write(
        status: Status, output: [ResponseOutputItem], usage: TokenUsage?, error: APIError? = nil,
        to writer: inout JSONWriter
    ) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("object", "response")
        writer.field("created_at", Int(createdAt))
        writer.field("status", status.rawValue)
        writer.field("background", false)
        if let error {
            writer.key("error")
            writer.beginObject()
            writer.field("code", error.code ?? "server_error")
            writer.field("message", error.message)
            writer.endObject()
        } else {
            writer.nullField("error")
        }
        if status == .incomplete {
            writer.key("incomplete_details")
            writer.beginObject()
            writer.field("reason", "max_output_tokens")
            writer.endObject()
        } else {
            writer.nullField("incomplete_details")
        }
        writer.field("instructions", echo.instructions)
        writer.field("max_output_tokens", echo.maxOutputTokens)
        writer.field("model", model)
        writer.key("output")
        writer.beginArray()
        for item in output { item.write(to: &writer) }
        writer.endArray()
        writer.field("parallel_tool_calls", echo.parallelToolCalls)
        writer.nullField("previous_response_id")
        writer.key("reasoning")
        writer.beginObject()
        writer.nullField("effort")
        writer.nullField("summary")
        writer.endObject()
        writer.field("service_tier", "default")
        writer.field("store", echo.store)
        writer.field("temperature", echo.temperature)
        writer.key("text")
        writer.beginObject()
        writer.key("format")
        writeFormat(to: &writer)
        writer.endObject()
        writer.key("tool_choice")
        switch echo.toolChoice {
        case .none: writer.string("none")
        case .auto: writer.string("auto")
        case .required: writer.string("required")
        case .function(let name):
            writer.beginObject()
            writer.field("type", "function")
            writer.field("name", name)
            writer.endObject()
        }
        writer.key("tools")
        writer.beginArray()
        for tool in echo.tools {
            writer.beginObject()
            writer.field("type", "function")
            writer.field("name", tool.name)
            writer.field("description", tool.description)
            writer.field("parameters", tool.parameters)
            writer.field("strict", tool.strict)
            writer.endObject()
        }
        writer.endArray()
        writer.field("top_p", echo.topP)
        writer.field("truncation", "disabled")
        if let usage {
            writer.key("usage")
            writer.beginObject()
            writer.field("input_tokens", usage.promptTokens)
            writer.key("input_tokens_details")
            writer.beginObject()
            writer.field("cached_tokens", 0)
            writer.field("cache_write_tokens", 0)
            writer.endObject()
            writer.field("output_tokens", usage.completionTokens)
            writer.key("output_tokens_details")
            writer.beginObject()
            writer.field("reasoning_tokens", 0)
            writer.endObject()
            writer.field("total_tokens", usage.totalTokens)
            writer.endObject()
        } else {
            writer.nullField("usage")
        }
        writer.field("user", echo.user)
        writer.field("metadata", JSONValue.object(echo.metadata))
        writer.endObject()
    }

    private func writeFormat(to writer: inout JSONWriter) {
        writer.beginObject()
        switch echo.format {
        case .text: writer.field("type", "text")
        case .jsonObject: writer.field("type", "json_object")
        case .jsonSchema(let name, let schema, let strict):
            writer.field("type", "json_schema")
            writer.field("name", name)
            writer.field("schema", schema)
            writer.field("strict", strict)
        }
        writer.endObject()
    }

    /// The output items of a finished generation (its first choice): the message, then the function calls.
    func output(of choice: GeneratedChoice, messageID: String, callItemID: (Int) -> String) -> [ResponseOutputItem] {
        var items: [ResponseOutputItem] = []
        if let text = choice.text {
            items.append(.message(id: messageID, text: text, logprobs: choice.logprobs, completed: true))
        }
        for (index, call) in choice.toolCalls.enumerated() {
            items.append(
                .functionCall(
                    id: callItemID(index), callID: call.id, name: call.name, arguments: call.arguments, completed: true)
            )
        }
        return items
    }
}
