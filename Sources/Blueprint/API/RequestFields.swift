/// Reads typed fields out of a request's JSON object by name, failing with OpenAI's own error wording and codes
/// (`invalid_type`, `missing_required_parameter`, `integer_above_max_value`, ...) and a `param` path such as
/// `messages[2].role`. A field that is `null` counts as absent, as it does at OpenAI. Each read is the field's value
/// read as in `Optional+RequestField.swift`.
struct RequestFields {
    let object: JSONObject
    let path: RequestPath

    init(_ object: JSONObject, path: String = "") {
        self.init(object, at: RequestPath(path))
    }

    init(_ object: JSONObject, at path: RequestPath) {
        self.object = object
        self.path = path
    }

    /// The `param` name of a key at this level.
    func param(_ key: String) -> String { path.param(key) }

    /// The value, or nil when absent or `null`.
    func value(_ key: String) -> JSONValue? { object[key].present }

    func required(_ key: String) throws -> JSONValue { try object[key].required(param: param(key)) }

    func string(_ key: String) throws -> String? { try object[key].string(param: param(key)) }

    func requiredString(_ key: String) throws -> String { try object[key].requiredString(param: param(key)) }

    func bool(_ key: String) throws -> Bool? { try object[key].bool(param: param(key)) }

    func int(_ key: String, in range: ClosedRange<Int>? = nil) throws -> Int? {
        try object[key].int(in: range, param: param(key))
    }

    func double(_ key: String, in range: ClosedRange<Double>? = nil) throws -> Double? {
        try object[key].double(in: range, param: param(key))
    }

    func requiredArray(_ key: String) throws -> [JSONValue] { try object[key].requiredArray(param: param(key)) }

    /// Each element of an optional array of objects, as fields whose paths read `key[i]`.
    func objects(_ key: String) throws -> [RequestFields] { try object[key].objects(param: param(key)) }

    func requiredObject(_ key: String) throws -> JSONObject { try object[key].requiredObject(param: param(key)) }

    func array(_ key: String) throws -> [JSONValue]? { try object[key].array(param: param(key)) }

    func object(_ key: String) throws -> JSONObject? { try object[key].object(param: param(key)) }

    /// `stream_options.include_usage`; `stream_options` is only allowed together with `stream: true`.
    func includeUsage(streaming stream: Bool) throws -> Bool {
        try RequestFields.includeUsage(object["stream_options"], streaming: stream)
    }

    /// `include_usage` of a body's top-level `stream_options`, which is only allowed together with `stream: true`.
    static func includeUsage(_ options: JSONValue?, streaming stream: Bool) throws -> Bool {
        guard let options = try options.object(param: "stream_options") else { return false }
        guard stream else {
            throw APIError.invalidRequest(
                "The 'stream_options' parameter is only allowed when 'stream' is enabled.", param: "stream_options",
                code: "invalid_value")
        }
        return try RequestFields(options, path: "stream_options").bool("include_usage") ?? false
    }

    /// A string that must be one of `allowed`.
    func choice(_ key: String, _ allowed: [String]) throws -> String? {
        guard let string = try string(key) else { return nil }
        guard allowed.contains(string) else { throw invalidValue(key, string, allowed: allowed) }
        return string
    }

    func invalidValue(_ key: String, _ value: String, allowed: [String]) -> APIError {
        RequestFields.invalidValue(param: param(key), value, allowed: allowed)
    }

    func typeError(_ key: String, expected: String, got value: JSONValue) -> APIError {
        RequestFields.typeError(param: param(key), expected: expected, got: value)
    }

    static func invalidValue(param: String, _ value: String, allowed: [String]) -> APIError {
        APIError.invalidRequest(
            "Invalid value: '\(value)'. Supported values are: \(allowed.map { "'\($0)'" }.joined(separator: ", ")).",
            param: param, code: "invalid_value")
    }

    static func typeError(param: String, expected: String, got value: JSONValue) -> APIError {
        APIError.invalidRequest(
            "Invalid type for '\(param)': expected \(expected), but got \(APIFormat.article(value.typeName)) instead.",
            param: param, code: "invalid_type")
    }
}

/// Small formatting helpers for error messages.
enum APIFormat {
    /// `1`, `0.5`: integral doubles without a fraction.
    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `a string`, `an object`, `null`.
    static func article(_ typeName: String) -> String {
        if typeName == "null" { return "null" }
        return ["a", "e", "i", "o", "u"].contains(typeName.first.map(String.init) ?? "")
            ? "an \(typeName)" : "a \(typeName)"
    }
}
