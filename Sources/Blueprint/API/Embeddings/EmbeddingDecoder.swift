/// Turns a `/v1/embeddings` body (`#S/CreateEmbeddingRequest`) into an `EmbeddingRequest`.
enum EmbeddingDecoder {
    /// How vectors go on the wire.
    enum Encoding: String {
        case float, base64
    }

    struct Decoded {
        var request: EmbeddingRequest
        var encoding: Encoding
    }

    static func decode(_ object: JSONObject) throws -> Decoded {
        let fields = RequestFields(object)
        let model = try fields.requiredString("model")
        let inputs = try self.inputs(fields)
        let encoding = try fields.choice("encoding_format", ["float", "base64"]).flatMap(Encoding.init) ?? .float
        _ = try fields.string("user")
        return Decoded(
            request: EmbeddingRequest(
                model: model, inputs: inputs, dimensions: try fields.int("dimensions", in: 1...65536)),
            encoding: encoding)
    }

    /// A string, an array of strings, an array of token ids, or an array of token-id arrays.
    static func inputs(_ fields: RequestFields) throws -> [EmbeddingRequest.Input] {
        let value = try fields.required("input")
        if let text = value.stringValue { return [.text(try nonEmpty(text, param: "input"))] }
        guard let list = value.arrayValue else {
            throw fields.typeError("input", expected: "a string or an array", got: value)
        }
        guard !list.isEmpty else {
            throw APIError.invalidRequest(
                "Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                param: "input", code: "empty_array")
        }
        guard list.count <= 2048 else {
            throw APIError.invalidRequest(
                "Invalid 'input': array too long. Expected an array with maximum length 2048, but got an array with "
                    + "length \(list.count) instead.", param: "input", code: "array_above_max_length")
        }
        if list.allSatisfy({ $0.intValue != nil && $0.isNumber }) {
            return [.tokens(try tokenIDs(list, param: "input"))]
        }
        return try list.enumerated().map { index, item in
            let param = "input[\(index)]"
            if let text = item.stringValue { return .text(try nonEmpty(text, param: param)) }
            if let tokens = item.arrayValue { return .tokens(try tokenIDs(tokens, param: param)) }
            throw RequestFields.typeError(param: param, expected: "a string or an array of integers", got: item)
        }
    }

    static func tokenIDs(_ list: [JSONValue], param: String) throws -> [Int] {
        guard !list.isEmpty else {
            throw APIError.invalidRequest(
                "Invalid '\(param)': empty array. Expected an array with minimum length 1, but got an empty array "
                    + "instead.", param: param, code: "empty_array")
        }
        return try list.enumerated().map { index, item in
            guard item.isNumber, let id = item.intValue, id >= 0 else {
                throw RequestFields.typeError(
                    param: "\(param)[\(index)]", expected: "a non-negative integer", got: item)
            }
            return id
        }
    }

    private static func nonEmpty(_ text: String, param: String) throws -> String {
        guard !text.isEmpty else {
            throw APIError.invalidRequest(
                "Invalid '\(param)': empty string. Expected a string with minimum length 1.", param: param,
                code: "empty_string")
        }
        return text
    }
}
