/// Blueprint's OpenAPI 3.1 document, served at `/openapi.json`. It is generated from the official OpenAI spec
/// (`scripts/generate_openapi.py`), so the shapes Blueprint shares with OpenAI use OpenAI's own schemas.
public enum OpenAPIDocument {
    /// The document with the running version filled in.
    public static func bytes(version: String) -> [UInt8] {
        var writer = JSONWriter()
        writer.string(version)
        let quoted = writer.bytes
        let marker = Array(#""__VERSION__""#.utf8)
        let template = Array(template.utf8)
        guard let start = template.firstRange(of: marker) else { return template }
        return Array(template[..<start.lowerBound]) + quoted + Array(template[start.upperBound...])
    }
}
