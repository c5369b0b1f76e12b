/// Parses a request body as the JSON object every OpenAI POST endpoint takes.
enum RequestBody {
    /// The body's top-level object. 415 for a non-JSON content type, 400 for unparsable JSON or a non-object.
    static func object(of request: HTTPRequest) throws -> JSONObject {
        // Exactly what the SDKs send is accepted on the header's bytes; a String is made only for anything else.
        let contentType = request.headers.withFirstValue(of: "content-type") { value in
            value.flatMap {
                HTTPSyntax.equals($0, $0.indices, "application/json") ? nil : String(decoding: $0, as: UTF8.self)
            }
        }
        if let contentType, !isJSON(contentType) {
            throw APIError(
                status: .unsupportedMediaType,
                message: "Unsupported content type '\(contentType)'. This endpoint accepts 'application/json'.",
                param: nil, code: "unsupported_media_type")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(request.body)
        } catch {
            throw APIError.invalidRequest(
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your "
                    + "HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid "
                    + "JSON: \(error.message).)",
                code: "invalid_json")
        }
        guard let object = value.objectValue else {
            throw APIError.invalidRequest(
                "Invalid request body: expected a JSON object, but got \(APIFormat.article(value.typeName)).",
                code: "invalid_type")
        }
        return object
    }

    /// `application/json`, with or without parameters, or any `+json` type.
    static func isJSON(_ contentType: String) -> Bool {
        // The common case, exactly what the SDKs send, without building strings.
        if contentType.utf8.elementsEqual("application/json".utf8) { return true }
        let mediaType = contentType.split(separator: ";", maxSplits: 1)[0].trimmingASCIIWhitespace().lowercased()
        return mediaType == "application/json" || mediaType.hasSuffix("+json")
    }
}
