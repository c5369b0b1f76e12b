/// Encodes the OpenAI error body: `{"error":{"message","type","param","code"}}`, all four keys always present
/// (`#S/ErrorResponse`).
enum ErrorEnvelope {
    /// The envelope's bytes; nil `param` and `code` are written as `null`.
    static func encode(message: String, type: String, param: String? = nil, code: String? = nil) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.field("message", message)
        writer.field("type", type)
        writer.field("param", param)
        writer.field("code", code)
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }

    /// The envelope as a chat/completions stream event, `data: {"error":{…}}`, which the SDK raises as `APIError`.
    static func streamEvent(for error: APIError) -> [UInt8] {
        Array("data: ".utf8) + encode(message: error.message, type: error.type, param: error.param, code: error.code)
            + [0x0A, 0x0A]
    }
}
