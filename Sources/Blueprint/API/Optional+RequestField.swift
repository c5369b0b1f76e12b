/// Reads a request field's value, as sent (nil when the field is absent), with OpenAI's validation: a value of the
/// wrong type or out of range fails with OpenAI's own wording and codes (`invalid_type`, `missing_required_parameter`,
/// `integer_above_max_value`, ...) naming the field as `param`, such as `messages[2].role`. A field that is `null`
/// counts as absent, as it does at OpenAI.
///
/// `param` is only evaluated when an error names it, so that a valid request builds no path strings. Each read
/// switches on the value in place rather than unwrapping a copy of it first.
extension Optional<JSONValue> {
    /// The value, or nil when absent or `null`.
    var present: JSONValue? {
        guard let self, !self.isNull else { return nil }
        return self
    }

    func required(param: @autoclosure () -> String) throws -> JSONValue {
        guard let value = present else { throw Self.missing(param: param()) }
        return value
    }

    func string(param: @autoclosure () -> String) throws -> String? {
        switch self {
        case .none, .null?: return nil
        case .string(let string)?: return string
        case let value?: throw RequestFields.typeError(param: param(), expected: "a string", got: value)
        }
    }

    func requiredString(param: @autoclosure () -> String) throws -> String {
        guard let string = try string(param: param()) else { throw Self.missing(param: param()) }
        return string
    }

    func bool(param: @autoclosure () -> String) throws -> Bool? {
        switch self {
        case .none, .null?: return nil
        case .bool(let bool)?: return bool
        case let value?: throw RequestFields.typeError(param: param(), expected: "a boolean", got: value)
        }
    }

    func int(in range: ClosedRange<Int>? = nil, param: @autoclosure () -> String) throws -> Int? {
        let number: Int
        switch self {
        case .none, .null?:
            return nil
        case .int(let integer)?:
            number = integer
        case .double(let double)? where double.rounded() == double && abs(double) < 9e15:
            number = Int(double)
        case let value?:
            throw RequestFields.typeError(param: param(), expected: "an integer", got: value)
        }
        guard let range, !range.contains(number) else { return number }
        let below = number < range.lowerBound
        let param = param()
        throw APIError.invalidRequest(
            "Invalid '\(param)': integer \(below ? "below minimum" : "above maximum") value. Expected a value "
                + "\(below ? ">=" : "<=") \(below ? range.lowerBound : range.upperBound), but got \(number) instead.",
            param: param, code: below ? "integer_below_min_value" : "integer_above_max_value")
    }

    func double(in range: ClosedRange<Double>? = nil, param: @autoclosure () -> String) throws -> Double? {
        let number: Double
        switch self {
        case .none, .null?: return nil
        case .int(let integer)?: number = Double(integer)
        case .double(let double)?: number = double
        case let value?: throw RequestFields.typeError(param: param(), expected: "a number", got: value)
        }
        guard let range, !range.contains(number) else { return number }
        let below = number < range.lowerBound
        let param = param()
        throw APIError.invalidRequest(
            "Invalid '\(param)': decimal \(below ? "below minimum" : "above maximum") value. Expected a value "
                + "\(below ? ">=" : "<=") \(APIFormat.number(below ? range.lowerBound : range.upperBound)), but got "
                + "\(APIFormat.number(number)) instead.",
            param: param, code: below ? "decimal_below_min_value" : "decimal_above_max_value")
    }

    func array(param: @autoclosure () -> String) throws -> [JSONValue]? {
        switch self {
        case .none, .null?: return nil
        case .array(let array)?: return array
        case let value?: throw RequestFields.typeError(param: param(), expected: "an array", got: value)
        }
    }

    func requiredArray(param: @autoclosure () -> String) throws -> [JSONValue] {
        guard let array = try array(param: param()) else { throw Self.missing(param: param()) }
        return array
    }

    func object(param: @autoclosure () -> String) throws -> JSONObject? {
        switch self {
        case .none, .null?: return nil
        case .object(let object)?: return object
        case let value?: throw RequestFields.typeError(param: param(), expected: "an object", got: value)
        }
    }

    func requiredObject(param: @autoclosure () -> String) throws -> JSONObject {
        guard let object = try object(param: param()) else { throw Self.missing(param: param()) }
        return object
    }

    /// Each element of an optional array of objects, as fields whose paths read `param[i]`.
    func objects(param: @autoclosure () -> String) throws -> [RequestFields] {
        guard let array = try array(param: param()) else { return [] }
        let arrayPath = param()
        return try array.enumerated().map { index, item in
            let path = RequestPath(arrayPath, index: index)
            guard let object = item.objectValue else {
                throw RequestFields.typeError(param: path.description, expected: "an object", got: item)
            }
            return RequestFields(object, at: path)
        }
    }

    private static func missing(param: String) -> APIError {
        APIError.invalidRequest(
            "Missing required parameter: '\(param)'.", param: param, code: "missing_required_parameter")
    }
}
