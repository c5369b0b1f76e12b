/// Reads a request field's value, as sent (nil when the field is absent), with OpenAI's validation: a value of the
/// wrong type or out of range fails with OpenAI's own wording and codes (`invalid_type`, `missing_required_parameter`,
/// `integer_above_max_value`, ...) naming the field as `param`, such as `messages[2].role`. A field that is `null`
/// counts as absent, as it does at OpenAI.
///
/// `param` is only evaluated when an error names it, so that a valid request builds no path strings.
extension Optional<JSONValue> {
    /// The value, or nil when absent or `null`.
    var present: JSONValue? {
        guard let self, !self.isNull else { return nil }
        return self
    }

    func required(param: @autoclosure () -> String) throws -> JSONValue {
        guard let value = present else {
            let param = param()
            throw APIError.invalidRequest(
                "Missing required parameter: '\(param)'.", param: param, code: "missing_required_parameter")
        }
        return value
    }

    func string(param: @autoclosure () -> String) throws -> String? {
        guard let value = present else { return nil }
        guard let string = value.stringValue else {
            throw RequestFields.typeError(param: param(), expected: "a string", got: value)
        }
        return string
    }

    func requiredString(param: @autoclosure () -> String) throws -> String {
        let value = try required(param: param())
        guard let string = value.stringValue else {
            throw RequestFields.typeError(param: param(), expected: "a string", got: value)
        }
        return string
    }

    func bool(param: @autoclosure () -> String) throws -> Bool? {
        guard let value = present else { return nil }
        guard let bool = value.boolValue else {
            throw RequestFields.typeError(param: param(), expected: "a boolean", got: value)
        }
        return bool
    }

    func int(in range: ClosedRange<Int>? = nil, param: @autoclosure () -> String) throws -> Int? {
        guard let value = present else { return nil }
        let number: Int
        switch value {
        case .int(let integer):
            number = integer
        case .double(let double) where double.rounded() == double && abs(double) < 9e15:
            number = Int(double)
        default:
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
        guard let value = present else { return nil }
        guard let number = value.doubleValue, value.isNumber else {
            throw RequestFields.typeError(param: param(), expected: "a number", got: value)
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
        guard let value = present else { return nil }
        guard let array = value.arrayValue else {
            throw RequestFields.typeError(param: param(), expected: "an array", got: value)
        }
        return array
    }

    func requiredArray(param: @autoclosure () -> String) throws -> [JSONValue] {
        let value = try required(param: param())
        guard let array = value.arrayValue else {
            throw RequestFields.typeError(param: param(), expected: "an array", got: value)
        }
        return array
    }

    func object(param: @autoclosure () -> String) throws -> JSONObject? {
        guard let value = present else { return nil }
        guard let object = value.objectValue else {
            throw RequestFields.typeError(param: param(), expected: "an object", got: value)
        }
        return object
    }

    func requiredObject(param: @autoclosure () -> String) throws -> JSONObject {
        let value = try required(param: param())
        guard let object = value.objectValue else {
            throw RequestFields.typeError(param: param(), expected: "an object", got: value)
        }
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
}
