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
}
