/// Validates JSON values against a JSON Schema, reporting every violation with its location.
///
/// The supported subset matches what `JSONSchemaInstanceGenerator` produces instances for: `type` (names and
/// arrays of names), `enum`, `const`, `properties`, `required`, `additionalProperties`, `minProperties`,
/// `maxProperties`, `items` (a schema, or the older array form with `additionalItems`), `prefixItems`,
/// `minItems`, `maxItems`, `uniqueItems`, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`
/// (numbers, or the draft-4 Boolean form), `multipleOf`, `minLength`, `maxLength` (in Unicode scalars),
/// `pattern` (an unanchored search with Swift `Regex`), `format` (see `JSONSchemaFormat`), `allOf`, `anyOf`,
/// `oneOf`, `not` and local `$ref` (sibling keywords apply too, as in JSON Schema 2019-09 and later).
/// Other keywords (`patternProperties`, `contains`, `if`, `dependentRequired`, ...) are ignored.
public struct JSONSchemaValidator: Sendable {
    /// The schema `$ref`s resolve against.
    public let rootSchema: JSONValue

    /// How many nested schema applications are followed before reporting a recursion error.
    static let recursionLimit = 256

    /// Creates a validator for `schema`.
    public init(schema: JSONValue) {
        rootSchema = schema
    }

    /// Every way `instance` fails the root schema; empty when it is valid.
    public func validate(_ instance: JSONValue) -> [JSONSchemaViolation] {
        validate(instance, against: rootSchema)
    }

    /// Every way `instance` fails `schema`, a part of the root schema (its `$ref`s resolve against the root).
    public func validate(_ instance: JSONValue, against schema: JSONValue) -> [JSONSchemaViolation] {
        var violations: [JSONSchemaViolation] = []
        check(instance, schema, path: "", depth: 0, into: &violations)
        return violations
    }

    /// Whether `instance` satisfies the root schema.
    public func isValid(_ instance: JSONValue) -> Bool {
        validate(instance).isEmpty
    }

    /// Whether `instance` satisfies `schema`, a part of the root schema.
    public func isValid(_ instance: JSONValue, against schema: JSONValue) -> Bool {
        validate(instance, against: schema).isEmpty
    }

    private func check(
        _ instance: JSONValue,
        _ schemaValue: JSONValue,
        path: String,
        depth: Int,
        into violations: inout [JSONSchemaViolation]
    ) {
        func fail(_ message: String) {
            violations.append(JSONSchemaViolation(path: path, message: message))
        }
        guard depth < Self.recursionLimit else {
            fail("schema recursion deeper than \(Self.recursionLimit) levels")
            return
        }
        let schema: JSONObject
        switch schemaValue {
        case .bool(true): return
        case .bool(false):
            fail("no value is allowed here (the schema is false)")
            return
        case .object(let object): schema = object
        default:
            fail("invalid schema: expected an object or a boolean, got \(schemaValue.typeName)")
            return
        }

        if let reference = schema["$ref"] {
            if let text = reference.stringValue, let target = rootSchema.resolveLocalReference(text) {
                check(instance, target, path: path, depth: depth + 1, into: &violations)
            } else {
                fail("cannot resolve $ref \(reference.jsonString)")
            }
        }

        if let type = schema["type"] {
            let names = type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? []
            if !names.contains(where: { Self.matches(instance, type: $0) }) {
                let expected = names.count == 1 ? names[0] : "one of " + names.joined(separator: ", ")
                fail("expected \(expected), got \(Self.typeDescription(instance))")
            }
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(instance) {
            fail("value \(Self.preview(instance)) is not one of the allowed values")
        }
        if let constant = schema["const"], constant != instance {
            fail("value \(Self.preview(instance)) is not the required constant \(Self.preview(constant))")
        }

        switch instance {
        case .int, .double: checkNumber(instance, schema, fail)
        case .string(let text): checkString(text, schema, fail)
        case .array(let elements): checkArray(elements, schema, path: path, depth: depth, into: &violations)
        case .object(let object): checkObject(object, schema, path: path, depth: depth, into: &violations)
        default: break
        }

        if let branches = schema["allOf"]?.arrayValue {
            for branch in branches { check(instance, branch, path: path, depth: depth + 1, into: &violations) }
        }
        if let branches = schema["anyOf"]?.arrayValue {
            let anyValid = branches.contains { branch in
                var scratch: [JSONSchemaViolation] = []
                check(instance, branch, path: path, depth: depth + 1, into: &scratch)
                return scratch.isEmpty
            }
            if !anyValid { fail("value matches none of the \(branches.count) anyOf schemas") }
        }
        if let branches = schema["oneOf"]?.arrayValue {
            let validCount = branches.count { branch in
                var scratch: [JSONSchemaViolation] = []
                check(instance, branch, path: path, depth: depth + 1, into: &scratch)
                return scratch.isEmpty
            }
            if validCount != 1 { fail("value matches \(validCount) of the oneOf schemas; exactly 1 is required") }
        }
        if let negated = schema["not"] {
            var scratch: [JSONSchemaViolation] = []
            check(instance, negated, path: path, depth: depth + 1, into: &scratch)
            if scratch.isEmpty { fail("value must not match the schema under \"not\"") }
        }
    }

    // MARK: Keyword groups

    private func checkNumber(_ instance: JSONValue, _ schema: JSONObject, _ fail: (String) -> Void) {
        // Draft 4 wrote exclusiveMinimum/exclusiveMaximum as Booleans that modify minimum/maximum.
        let minimumExclusive = schema["exclusiveMinimum"]?.boolValue ?? false
        let maximumExclusive = schema["exclusiveMaximum"]?.boolValue ?? false
        if let minimum = schema["minimum"], minimum.isNumber {
            let order = Self.compare(instance, minimum)
            if order < 0 || (minimumExclusive && order == 0) {
                fail(
                    "\(instance.jsonString) is less than \(minimumExclusive ? "or equal to " : "")the minimum \(minimum.jsonString)"
                )
            }
        }
        if let maximum = schema["maximum"], maximum.isNumber {
            let order = Self.compare(instance, maximum)
            if order > 0 || (maximumExclusive && order == 0) {
                fail(
                    "\(instance.jsonString) is greater than \(maximumExclusive ? "or equal to " : "")the maximum \(maximum.jsonString)"
                )
            }
        }
        if let bound = schema["exclusiveMinimum"], bound.isNumber, Self.compare(instance, bound) <= 0 {
            fail("\(instance.jsonString) is not greater than the exclusive minimum \(bound.jsonString)")
        }
        if let bound = schema["exclusiveMaximum"], bound.isNumber, Self.compare(instance, bound) >= 0 {
            fail("\(instance.jsonString) is not less than the exclusive maximum \(bound.jsonString)")
        }
        if let divisor = schema["multipleOf"], divisor.isNumber, !Self.isMultiple(instance, of: divisor) {
            fail("\(instance.jsonString) is not a multiple of \(divisor.jsonString)")
        }
    }

    private func checkString(_ text: String, _ schema: JSONObject, _ fail: (String) -> Void) {
        let minLength = schema["minLength"]?.intValue
        let maxLength = schema["maxLength"]?.intValue
        if minLength != nil || maxLength != nil {
            // JSON Schema counts characters as Unicode code points.
            let length = text.unicodeScalars.count
            if let minLength, length < minLength {
                fail("string is \(length) characters long, shorter than minLength \(minLength)")
            }
            if let maxLength, length > maxLength {
                fail("string is \(length) characters long, longer than maxLength \(maxLength)")
            }
        }
        if let pattern = schema["pattern"]?.stringValue {
            switch Self.matches(text, pattern: pattern) {
            case false?: fail("string \(Self.preview(.string(text))) does not match the pattern \(pattern)")
            case nil: fail("the pattern \(pattern) is not a supported regular expression")
            case true?: break
            }
        }
        if let format = schema["format"]?.stringValue, JSONSchemaFormat.isValid(text, format: format) == false {
            fail("string \(Self.preview(.string(text))) is not a valid \(format)")
        }
    }

    private func checkArray(
        _ elements: [JSONValue],
        _ schema: JSONObject,
        path: String,
        depth: Int,
        into violations: inout [JSONSchemaViolation]
    ) {
        func fail(_ message: String) {
            violations.append(JSONSchemaViolation(path: path, message: message))
        }
        if let minItems = schema["minItems"]?.intValue, elements.count < minItems {
            fail("array has \(elements.count) items, fewer than minItems \(minItems)")
        }
        if let maxItems = schema["maxItems"]?.intValue, elements.count > maxItems {
            fail("array has \(elements.count) items, more than maxItems \(maxItems)")
        }
        if schema["uniqueItems"]?.boolValue == true {
            var seen = Set<JSONValue>()
            for (position, element) in elements.enumerated() where !seen.insert(element).inserted {
                fail("item \(position) repeats an earlier item, but uniqueItems is true")
                break
            }
        }
        let (prefix, rest) = schema.arrayItemSchemas
        for (position, element) in elements.enumerated() {
            guard let itemSchema = position < prefix.count ? prefix[position] : rest else { continue }
            check(element, itemSchema, path: path + "/\(position)", depth: depth + 1, into: &violations)
        }
    }

    private func checkObject(
        _ object: JSONObject,
        _ schema: JSONObject,
        path: String,
        depth: Int,
        into violations: inout [JSONSchemaViolation]
    ) {
        func fail(_ message: String) {
            violations.append(JSONSchemaViolation(path: path, message: message))
        }
        if let required = schema["required"]?.arrayValue {
            for name in required.compactMap(\.stringValue) where !object.contains(key: name) {
                fail("missing required property \"\(name)\"")
            }
        }
        if let minProperties = schema["minProperties"]?.intValue, object.count < minProperties {
            fail("object has \(object.count) properties, fewer than minProperties \(minProperties)")
        }
        if let maxProperties = schema["maxProperties"]?.intValue, object.count > maxProperties {
            fail("object has \(object.count) properties, more than maxProperties \(maxProperties)")
        }
        let properties = schema["properties"]?.objectValue ?? JSONObject()
        let additional = schema["additionalProperties"]
        for (key, value) in object {
            let childPath = path + "/" + JSONValue.pointerToken(key)
            if let propertySchema = properties[key] {
                check(value, propertySchema, path: childPath, depth: depth + 1, into: &violations)
            } else if let additional {
                if additional == .bool(false) {
                    violations.append(
                        JSONSchemaViolation(path: childPath, message: "property \"\(key)\" is not allowed"))
                } else {
                    check(value, additional, path: childPath, depth: depth + 1, into: &violations)
                }
            }
        }
    }

    // MARK: Helpers

    static func matches(_ instance: JSONValue, type: String) -> Bool {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
            ("number", .int), ("number", .double), ("integer", .int):
            return true
        case ("integer", .double(let value)):
            return value.isFinite && value == value.rounded(.towardZero)
        default:
            return false
        }
    }

    private static func typeDescription(_ instance: JSONValue) -> String {
        if case .int = instance { return "integer" }
        return instance.typeName
    }

    private static func preview(_ value: JSONValue) -> String {
        let text = value.jsonString
        return text.count <= 60 ? text : String(text.prefix(57)) + "..."
    }

    /// -1, 0 or 1 as `lhs` is below, equal to or above `rhs`; both must be numbers.
    static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> Int {
        if case .int(let a) = lhs, case .int(let b) = rhs { return a < b ? -1 : (a == b ? 0 : 1) }
        let a = lhs.doubleValue ?? 0
        let b = rhs.doubleValue ?? 0
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    /// Whether `value` is an integral multiple of `divisor`, judged on the decimal values both were written as
    /// (so 0.3 is a multiple of 0.1 even though 0.3 / 0.1 is 2.9999999999999996 in binary floating point).
    static func isMultiple(_ value: JSONValue, of divisor: JSONValue) -> Bool {
        if case .int(let a) = value, case .int(let b) = divisor {
            guard b > 0 else { return false }
            return a.remainderReportingOverflow(dividingBy: b).partialValue == 0
        }
        guard let a = value.doubleValue, let b = divisor.doubleValue, b > 0, a.isFinite, b.isFinite else {
            return false
        }
        let quotient = a / b
        if quotient.isFinite && quotient == quotient.rounded(.towardZero) { return true }
        guard let (aDigits, aExponent) = decimal(a), let (bDigits, bExponent) = decimal(b) else { return false }
        let exponent = min(aExponent, bExponent)
        guard let scaledA = scale(aDigits, by: aExponent - exponent),
            let scaledB = scale(bDigits, by: bExponent - exponent), scaledB != 0
        else { return false }
        return scaledA % scaledB == 0
    }

    /// `value` as `digits × 10^exponent`, from its shortest round-trip text.
    static func decimal(_ value: Double) -> (Int, Int)? {
        var digits = 0
        var exponent = 0
        var afterPoint = false
        var utf8 = value.magnitude.description.utf8[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < Int.max / 10 else { return nil }
                digits = digits * 10 + Int(byte - UInt8(ascii: "0"))
                if afterPoint { exponent -= 1 }
            case UInt8(ascii: "."):
                afterPoint = true
            case UInt8(ascii: "e"):
                guard let written = Int(String(decoding: utf8, as: UTF8.self)) else { return nil }
                exponent += written
                utf8 = utf8[utf8.endIndex...]
            default:
                return nil
            }
        }
        return (digits, exponent)
    }

    private static func scale(_ digits: Int, by power: Int) -> Int? {
        var result = digits
        for _ in 0..<power {
            let (product, overflow) = result.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            result = product
        }
        return result
    }

    /// Whether `pattern` (an ECMA-262-style regular expression) matches anywhere in `text`; nil if it does not
    /// compile. Matching works on Unicode scalars with ASCII-only `\d`, `\w` and `\s`, as ECMA-262 does.
    static func matches(_ text: String, pattern: String) -> Bool? {
        guard let regex = try? Regex(pattern) else { return nil }
        return text.contains(regex.matchingSemantics(.unicodeScalar).asciiOnlyCharacterClasses())
    }
}
