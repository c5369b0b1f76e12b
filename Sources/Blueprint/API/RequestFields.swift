/// Reads typed fields out of a request's JSON object, failing with OpenAI's own error wording and codes
/// (`invalid_type`, `missing_required_parameter`, `integer_above_max_value`, ...) and a `param` path such as
/// `messages[2].role`. A field that is `null` counts as absent, as it does at OpenAI.
struct RequestFields {
    let object: JSONObject
    let path: String

    init(_ object: JSONObject, path: String = "") {
        self.object = object
        self.path = path
    }

    /// The `param` name of a key at this level.
    func param(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value, or nil when absent or `null`.
    func value(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    func required(_ key: String) throws -> JSONValue {
        guard let value = value(key) else {
            throw APIError.invalidRequest(
                "Missing required parameter: '\(param(key))'.", param: param(key), code: "missing_required_parameter")
        }
        return value
    }

    func string(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value.stringValue else { throw typeError(key, expected: "a string", got: value) }
        return string
    }

    func requiredString(_ key: String) throws -> String {
        let value = try required(key)
        guard let string = value.stringValue else { throw typeError(key, expected: "a string", got: value) }
        return string
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard let bool = value.boolValue else { throw typeError(key, expected: "a boolean", got: value) }
        return bool
    }

    func int(_ key: String, in range: ClosedRange<Int>? = nil) throws -> Int? {
        guard let value = value(key) else { return nil }
        guard case .int(let number) = value else {
            if case .double(let number) = value, number.rounded() == number, abs(number) < 9e15 {
                return try checked(Int(number), key, range)
            }
            throw typeError(key, expected: "an integer", got: value)
        }
        return try checked(number, key, range)
    }

    func double(_ key: String, in range: ClosedRange<Double>? = nil) throws -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue, value.isNumber else {
            throw typeError(key, expected: "a number", got: value)
        }
        if let range, !range.contains(number) {
            let below = number < range.lowerBound
            throw APIError.invalidRequest(
                "Invalid '\(param(key))': decimal \(below ? "below minimum" : "above maximum") value. Expected a value "
                    + "\(below ? ">=" : "<=") \(APIFormat.number(below ? range.lowerBound : range.upperBound)), but got "
                    + "\(APIFormat.number(number)) instead.",
                param: param(key), code: below ? "decimal_below_min_value" : "decimal_above_max_value")
        }
        return number
    }

    func requiredArray(_ key: String) throws -> [JSONValue] {
        let value = try required(key)
        guard let array = value.arrayValue else { throw typeError(key, expected: "an array", got: value) }
        return array
    }

    /// Each element of an optional array of objects, as fields whose paths read `key[i]`.
    func objects(_ key: String) throws -> [RequestFields] {
        try (array(key) ?? []).enumerated().map { index, item in
            let path = param("\(key)[\(index)]")
            guard let object = item.objectValue else {
                throw RequestFields.typeError(param: path, expected: "an object", got: item)
            }
            return RequestFields(object, path: path)
        }
    }

    func requiredObject(_ key: String) throws -> JSONObject {
        let value = try required(key)
        guard let object = value.objectValue else { throw typeError(key, expected: "an object", got: value) }
        return object
    }

    func array(_ key: String) throws -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard let array = value.arrayValue else { throw typeError(key, expected: "an array", got: value) }
        return array
    }

    func object(_ key: String) throws -> JSONObject? {
        guard let value = value(key) else { return nil }
        guard let object = value.objectValue else { throw typeError(key, expected: "an object", got: value) }
        return object
    }

    /// `stream_options.include_usage`; `stream_options` is only allowed together with `stream: true`.
    func includeUsage(streaming stream: Bool) throws -> Bool {
        guard let options = try object("stream_options") else { return false }
        guard stream else {
            throw APIError.invalidRequest(
                "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                param: param("stream_options"),
                code: "invalid_value")
        }
        return try RequestFields(options, path: param("stream_options")).bool("include_usage") ?? false
    }

    /// A string that must be one of `allowed`.
    func choice(_ key: String, _ allowed: [String]) throws -> String? {
        guard let string = try string(key) else { return nil }
        guard allowed.contains(string) else { throw invalidValue(key, string, allowed: allowed) }
        return string
    }

    func invalidValue(_ key: String, _ value: String, allowed: [String]) -> APIError {
        APIError.invalidRequest(
            "Invalid value: '\(value)'. Supported values are: \(allowed.map { "'\($0)'" }.joined(separator: ", ")).",
            param: param(key), code: "invalid_value")
    }

    func typeError(_ key: String, expected: String, got value: JSONValue) -> APIError {
        RequestFields.typeError(param: param(key), expected: expected, got: value)
    }

    static func typeError(param: String, expected: String, got value: JSONValue) -> APIError {
        APIError.invalidRequest(
            "Invalid type for '\(param)': expected \(expected), but got \(APIFormat.article(value.typeName)) instead.",
            param: param, code: "invalid_type")
    }

    private func checked(_ number: Int, _ key: String, _ range: ClosedRange<Int>?) throws -> Int {
        guard let range, !range.contains(number) else { return number }
        let below = number < range.lowerBound
        throw APIError.invalidRequest(
            "Invalid '\(param(key))': integer \(below ? "below minimum" : "above maximum") value. Expected a value "
                + "\(below ? ">=" : "<=") \(below ? range.lowerBound : range.upperBound), but got \(number) instead.",
            param: param(key), code: below ? "integer_below_min_value" : "integer_above_max_value")
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
