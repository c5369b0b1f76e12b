/// One item of a response's `output`: an assistant message or a function call.
enum ResponseOutputItem {
    case message(id: String, text: String, logprobs: [TokenLogprob]?, completed: Bool)
    case functionCall(id: String, callID: String, name: String, arguments: String, completed: Bool)

    /// `#S/OutputMessage` or `#S/FunctionToolCall`.
    func write(to writer: inout JSONWriter) {
        switch self {
        case .message(let id, let text, let logprobs, let completed):
            writer.beginObject()
            writer.field("id", id)
            writer.field("type", "message")
            writer.field("status", completed ? "completed" : "in_progress")
            writer.field("role", "assistant")
            writer.key("content")
            writer.beginArray()
            if completed { ResponseOutputItem.writeTextPart(text, logprobs: logprobs, to: &writer) }
            writer.endArray()
            writer.endObject()
        case .functionCall(let id, let callID, let name, let arguments, let completed):
            writer.beginObject()
            writer.field("id", id)
            writer.field("type", "function_call")
            writer.field("status", completed ? "completed" : "in_progress")
            writer.field("arguments", completed ? arguments : "")
            writer.field("call_id", callID)
            writer.field("name", name)
            writer.endObject()
        }
    }

    /// `#S/OutputTextContent`: `{"type":"output_text","text","annotations":[],"logprobs":[…]}`.
    static func writeTextPart(_ text: String, logprobs: [TokenLogprob]?, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("type", "output_text")
        writer.field("text", text)
        writer.key("annotations")
        writer.beginArray()
        writer.endArray()
        writeLogprobs(logprobs ?? [], to: &writer)
        writer.endObject()
    }

    /// `"logprobs":[{"token","logprob","bytes","top_logprobs"}]` (`#S/LogProb`).
    static func writeLogprobs(_ logprobs: [TokenLogprob], to writer: inout JSONWriter) {
        writer.key("logprobs")
        writer.beginArray()
        for logprob in logprobs { UsageEncoding.write(logprob, to: &writer) }
        writer.endArray()
    }
}
