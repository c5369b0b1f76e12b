/// Generates deterministic, readable JSON instances that validate against a JSON Schema.
///
/// The mock model uses it for tool-call arguments and structured outputs: the same schema and seed always
/// give the same instance. Strings are short English words and phrases, with touches chosen from property
/// names ("city" gives a city, "email" an address) and from `format`.
///
/// Supported keywords: `type` (names and arrays, so `["string","null"]` is a nullable string), `enum`,
/// `const`, `properties`, `required`, `additionalProperties`, `minProperties`, `maxProperties`, `items`,
/// `prefixItems` (and the older array form of `items` with `additionalItems`), `minItems`, `maxItems`,
/// `uniqueItems`, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`, `minLength`,
/// `maxLength`, `format` (date-time, date, time, email, uuid, uri, hostname, ipv4), `pattern` (a simple
/// subset, see `JSONSchemaPatternSampler`), `anyOf`/`oneOf` (branches tried in a seeded order, impossible
/// ones skipped), `allOf` (merged), and local `$ref` (`#`, `#/$defs/...`, `#/definitions/...`), with recursion
/// cut short by depth. An empty or `true` schema gives a small object. `not`, `if`/`then`/`else`,
/// `patternProperties` and `contains` are not used when generating.
///
/// Every result is checked with `JSONSchemaValidator` before it is returned; when a random choice leads to
/// an invalid instance the generator tries again (a bounded number of times) and otherwise throws.
public struct JSONSchemaInstanceGenerator: Sendable {
    /// Knobs for the shape of generated instances.
    public struct Options: Sendable, Hashable {
        /// Include every property, as OpenAI's strict mode requires; otherwise required ones plus a seeded choice.
        public var strict: Bool
        /// The deepest nesting generated; recursive schemas that need more fail with `.tooDeep`.
        public var maxDepth: Int
        /// From this depth on, only what is required is generated (no optional properties, minimum array sizes),
        /// so recursive schemas bottom out.
        public var compactDepth: Int
        /// The largest `minItems`/`minProperties` honoured.
        public var maxCollectionSize: Int
        /// How many seeded tries are made before giving up on a schema.
        public var attempts: Int

        /// Creates options; the defaults suit tool arguments and structured outputs.
        public init(
            strict: Bool = false,
            maxDepth: Int = 12,
            compactDepth: Int = 4,
            maxCollectionSize: Int = 256,
            attempts: Int = 8
        ) {
            self.strict = strict
            self.maxDepth = maxDepth
            self.compactDepth = compactDepth
            self.maxCollectionSize = maxCollectionSize
            self.attempts = attempts
        }
    }

    /// The schema instances are generated for.
    public let schema: JSONValue
    /// The options in effect.
    public let options: Options
    private let validator: JSONSchemaValidator

    /// Creates a generator for `schema`.
    public init(schema: JSONValue, options: Options = Options()) {
        self.schema = schema
        self.options = options
        validator = JSONSchemaValidator(schema: schema)
    }

    /// Generates an instance for `schema` with default options (plus `strict`).
    public static func generate(
        for schema: JSONValue,
        strict: Bool = false,
        using generator: inout SeededGenerator
    ) throws(JSONSchemaGenerationError) -> JSONValue {
        try JSONSchemaInstanceGenerator(schema: schema, options: Options(strict: strict)).generate(using: &generator)
    }

    /// Generates an instance that validates against the schema, drawing every choice from `generator`.
    public func generate(using generator: inout SeededGenerator) throws(JSONSchemaGenerationError) -> JSONValue {
        var lastFailure: JSONSchemaGenerationError?
        // One work budget for all attempts bounds the time a hostile schema can take.
        var work = 0
        for _ in 0..<max(1, options.attempts) {
            var run = Run(root: schema, options: options, validator: validator, random: generator, work: work)
            do throws(JSONSchemaGenerationError) {
                let value = try run.generate(schema, hint: nil, path: "", depth: 0)
                generator = run.random
                work = run.work
                guard let violation = validator.validate(value).first else { return value }
                lastFailure = JSONSchemaGenerationError(
                    .unsatisfiable, path: violation.path,
                    message: "could not generate a valid instance: \(violation.message)")
            } catch {
                generator = run.random
                work = run.work
                // Only failures that can depend on random choices are worth another try.
                guard error.reason == .unsatisfiable else { throw error }
                lastFailure = error
            }
        }
        throw lastFailure ?? JSONSchemaGenerationError(.unsatisfiable, path: "", message: "no attempts were made")
    }
}

extension JSONSchemaInstanceGenerator {
    typealias Failure = JSONSchemaGenerationError

    /// A schema with `$ref` and `allOf` folded in; `anyOf`/`oneOf` groups wait until a branch is chosen.
    struct Flat {
        var keywords = JSONObject()
        var groups: [(branches: [JSONValue], exclusive: Bool)] = []
    }

    /// One generation attempt: the random state and a work budget that bounds backtracking.
    struct Run {
        let root: JSONValue
        let options: Options
        let validator: JSONSchemaValidator
        var random: SeededGenerator
        var work: Int

        /// Steps (schema visits, and one per 64 bytes of generated text) allowed for one `generate` call.
        static let workBudget = 20_000
        static let referenceLimit = 64

        init(root: JSONValue, options: Options, validator: JSONSchemaValidator, random: SeededGenerator, work: Int) {
            self.root = root
            self.options = options
            self.validator = validator
            self.random = random
            self.work = work
        }

        mutating func spend(_ path: String, units: Int = 1) throws(Failure) {
            work += units
            guard work <= Self.workBudget else {
                throw Failure(.tooComplex, path: path, message: "the schema needs too much work to satisfy")
            }
        }

        mutating func generate(_ schema: JSONValue, hint: String?, path: String, depth: Int) throws(Failure)
            -> JSONValue
        {
            try spend(path)
            guard depth <= options.maxDepth else {
                throw Failure(
                    .tooDeep, path: path, message: "no instance fits within \(options.maxDepth) levels of nesting")
            }
            let flat = try normalize(schema, path: path, nesting: 0)
            return try generate(flat, hint: hint, path: path, depth: depth, choices: 0)
        }

        // MARK: Flattening

        mutating func normalize(_ schema: JSONValue, path: String, nesting: Int) throws(Failure) -> Flat {
            try spend(path)
            guard nesting <= Self.referenceLimit else {
                throw Failure(
                    .tooDeep, path: path, message: "$ref or allOf nests deeper than \(Self.referenceLimit) levels")
            }
            switch schema {
            case .bool(true):
                return Flat()
            case .bool(false):
                throw Failure(.unsatisfiable, path: path, message: "the schema is false, so no value is allowed")
            case .object(var object):
                let reference = object.removeValue(forKey: "$ref")
                let allOf = object.removeValue(forKey: "allOf")
                let anyOf = object.removeValue(forKey: "anyOf")
                let oneOf = object.removeValue(forKey: "oneOf")
                var flat = Flat(keywords: object)
                if let anyOf {
                    flat.groups.append((try schemaList(anyOf, "anyOf", path), false))
                }
                if let oneOf {
                    flat.groups.append((try schemaList(oneOf, "oneOf", path), true))
                }
                if let reference {
                    guard let text = reference.stringValue, let target = root.resolveLocalReference(text) else {
                        throw Failure(
                            .unresolvableReference, path: path, message: "cannot resolve $ref \(reference.jsonString)")
                    }
                    flat = try merge(flat, normalize(target, path: path, nesting: nesting + 1), path: path)
                }
                if let allOf {
                    for part in try schemaList(allOf, "allOf", path) {
                        flat = try merge(flat, normalize(part, path: path, nesting: nesting + 1), path: path)
                    }
                }
                return flat
            default:
                throw Failure(
                    .invalidSchema, path: path, message: "expected a schema object or boolean, got \(schema.typeName)")
            }
        }

        func schemaList(_ value: JSONValue, _ keyword: String, _ path: String) throws(Failure) -> [JSONValue] {
            guard let list = value.arrayValue, !list.isEmpty else {
                throw Failure(.invalidSchema, path: path, message: "\(keyword) must be a non-empty array of schemas")
            }
            return list
        }

        /// Combines two flattened schemas so that an instance of the result satisfies both (as far as merging can).
        func merge(_ first: Flat, _ second: Flat, path: String) throws(Failure) -> Flat {
            var a = first.keywords
            var b = second.keywords
            // A property named only in one part is an "additional" property for the other part.
            Self.constrainProperties(of: &b, by: a)
            Self.constrainProperties(of: &a, by: b)
            var result = a
            for (key, value) in b {
                if let existing = result[key] {
                    result[key] = try Self.combine(key, existing, value, path: path)
                } else {
                    result[key] = value
                }
            }
            return Flat(keywords: result, groups: first.groups + second.groups)
        }

        private static func constrainProperties(of target: inout JSONObject, by other: JSONObject) {
            guard let extra = other["additionalProperties"], extra != .bool(true),
                var properties = target["properties"]?.objectValue
            else { return }
            let known = other["properties"]?.objectValue ?? JSONObject()
            for (name, schema) in properties where !known.contains(key: name) {
                properties[name] = both(schema, extra)
            }
            target["properties"] = .object(properties)
        }

        private static func both(_ a: JSONValue, _ b: JSONValue) -> JSONValue {
            if a == .bool(true) { return b }
            if b == .bool(true) { return a }
            if a == .bool(false) || b == .bool(false) { return .bool(false) }
            return ["allOf": [a, b]]
        }

        private static func combine(_ key: String, _ a: JSONValue, _ b: JSONValue, path: String) throws(Failure)
            -> JSONValue
        {
            switch key {
            case "type":
                let first = typeNames(a)
                let second = typeNames(b)
                var common = first.filter { second.contains($0) || ($0 == "integer" && second.contains("number")) }
                if first.contains("number") && second.contains("integer") && !common.contains("integer") {
                    common.append("integer")
                }
                guard !common.isEmpty else {
                    throw Failure(
                        .unsatisfiable, path: path,
                        message: "the types \(a.jsonString) and \(b.jsonString) have nothing in common")
                }
                return .array(common.map(JSONValue.string))
            case "enum":
                let second = b.arrayValue ?? []
                return .array((a.arrayValue ?? []).filter { second.contains($0) })
            case "const":
                guard a == b else {
                    throw Failure(
                        .unsatisfiable, path: path,
                        message: "conflicting const values \(a.jsonString) and \(b.jsonString)")
                }
                return a
            case "minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties":
                guard a.isNumber && b.isNumber else { return a }
                return JSONSchemaValidator.compare(a, b) >= 0 ? a : b
            case "maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties":
                guard a.isNumber && b.isNumber else { return a }
                return JSONSchemaValidator.compare(a, b) <= 0 ? a : b
            case "required":
                var names = a.arrayValue ?? []
                for name in b.arrayValue ?? [] where !names.contains(name) { names.append(name) }
                return .array(names)
            case "properties":
                var properties = a.objectValue ?? JSONObject()
                for (name, schema) in b.objectValue ?? JSONObject() {
                    properties[name] = properties[name].map { both($0, schema) } ?? schema
                }
                return .object(properties)
            case "prefixItems":
                let first = a.arrayValue ?? []
                let second = b.arrayValue ?? []
                return .array(
                    (0..<max(first.count, second.count)).map { index in
                        guard index < first.count else { return second[index] }
                        guard index < second.count else { return first[index] }
                        return both(first[index], second[index])
                    })
            case "uniqueItems":
                return .bool(a.boolValue == true || b.boolValue == true)
            case "multipleOf":
                if JSONSchemaValidator.isMultiple(a, of: b) { return a }
                if JSONSchemaValidator.isMultiple(b, of: a) { return b }
                if case .int(let x) = a, case .int(let y) = b, x > 0, y > 0 {
                    let (product, overflow) = (x / gcd(x, y)).multipliedReportingOverflow(by: y)
                    if !overflow { return .int(product) }
                }
                return a
            case "items", "additionalProperties", "additionalItems", "propertyNames":
                // The older array form of items cannot be merged with a schema; validation has the final word.
                if a.arrayValue != nil || b.arrayValue != nil { return a }
                return both(a, b)
            case "not":
                return ["anyOf": [a, b]]
            default:
                return a
            }
        }

        private static func gcd(_ a: Int, _ b: Int) -> Int {
            b == 0 ? a : gcd(b, a % b)
        }

        static func typeNames(_ value: JSONValue) -> [String] {
            if let name = value.stringValue { return [name] }
            return value.arrayValue?.compactMap(\.stringValue) ?? []
        }

        // MARK: Choosing

        /// Resolves the anyOf/oneOf groups one at a time (`choices` counts them at this instance level, because a
        /// branch such as `{"$ref":"#"}` can bring its own group back without the instance getting deeper).
        mutating func generate(
            _ flat: Flat, hint: String?, path: String, depth: Int, choices: Int
        ) throws(Failure) -> JSONValue {
            guard !flat.groups.isEmpty else {
                return try generate(keywords: flat.keywords, hint: hint, path: path, depth: depth)
            }
            guard choices < Self.referenceLimit else {
                throw Failure(
                    .tooDeep, path: path, message: "anyOf/oneOf nest deeper than \(Self.referenceLimit) levels")
            }
            var rest = flat
            let group = rest.groups.removeFirst()
            var lastError: Failure?
            for index in branchOrder(group.branches, depth: depth) {
                do throws(Failure) {
                    let branch = try normalize(group.branches[index], path: path, nesting: 0)
                    let value = try generate(
                        merge(rest, branch, path: path), hint: hint, path: path, depth: depth, choices: choices + 1)
                    if group.exclusive {
                        let alsoMatches = group.branches.indices.contains { other in
                            other != index && validator.isValid(value, against: group.branches[other])
                        }
                        if alsoMatches {
                            lastError = Failure(
                                .unsatisfiable, path: path, message: "the value matches more than one oneOf branch")
                            continue
                        }
                    }
                    return value
                } catch {
                    if error.reason == .tooComplex { throw error }
                    lastError = error
                }
            }
            throw lastError ?? Failure(.unsatisfiable, path: path, message: "no anyOf/oneOf branch can be satisfied")
        }

        /// A seeded order for trying branches; `null`-only branches go last, or first once recursion must stop.
        mutating func branchOrder(_ branches: [JSONValue], depth: Int) -> [Int] {
            let order = random.shuffled(Array(branches.indices))
            let isNull = { (index: Int) in Self.typeNames(branches[index]["type"] ?? .null) == ["null"] }
            let nulls = order.filter(isNull)
            let others = order.filter { !isNull($0) }
            if depth >= options.compactDepth || (!nulls.isEmpty && random.chance(1, in: 5)) { return nulls + others }
            return others + nulls
        }

        mutating func generate(keywords schema: JSONObject, hint: String?, path: String, depth: Int) throws(Failure)
            -> JSONValue
        {
            if let constant = schema["const"] {
                guard validator.isValid(constant, against: .object(schema)) else {
                    throw Failure(
                        .unsatisfiable, path: path,
                        message: "the const value \(constant.jsonString) breaks the schema's other keywords")
                }
                return constant
            }
            if let options = schema["enum"] {
                guard let list = options.arrayValue else {
                    throw Failure(.invalidSchema, path: path, message: "enum must be an array")
                }
                let allowed = list.filter { validator.isValid($0, against: .object(schema)) }
                guard let choice = random.element(of: allowed) else {
                    throw Failure(
                        .unsatisfiable, path: path, message: "no enum value satisfies the schema's other keywords")
                }
                return choice
            }
            var lastError: Failure?
            for type in try typeOrder(schema, path: path, depth: depth) {
                do throws(Failure) {
                    switch type {
                    case "null": return .null
                    case "boolean": return .bool(random.chance(1, in: 2))
                    case "integer": return try generateInteger(schema, hint: hint, path: path)
                    case "number": return try generateNumber(schema, hint: hint, path: path)
                    case "string": return try generateString(schema, hint: hint, path: path)
                    case "array": return try generateArray(schema, hint: hint, path: path, depth: depth)
                    default: return try generateObject(schema, path: path, depth: depth)
                    }
                } catch {
                    if error.reason == .tooComplex { throw error }
                    lastError = error
                }
            }
            throw lastError ?? Failure(.unsatisfiable, path: path, message: "no type can be generated")
        }

        static let typeNamesKnown: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]

        /// The types to try, in a seeded order: declared ones, or ones implied by the keywords present.
        mutating func typeOrder(_ schema: JSONObject, path: String, depth: Int) throws(Failure) -> [String] {
            var types: [String]
            if let declared = schema["type"] {
                types = Self.typeNames(declared)
                guard declared.stringValue != nil || declared.arrayValue != nil else {
                    throw Failure(.invalidSchema, path: path, message: "type must be a string or an array of strings")
                }
                if let unknown = types.first(where: { !Self.typeNamesKnown.contains($0) }) {
                    throw Failure(.invalidSchema, path: path, message: "unknown type \"\(unknown)\"")
                }
                guard !types.isEmpty else {
                    throw Failure(.unsatisfiable, path: path, message: "the type list allows no type")
                }
            } else {
                types = []
                let groups: [(String, [String])] = [
                    ("object", ["properties", "required", "additionalProperties", "minProperties", "maxProperties"]),
                    ("array", ["items", "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems"]),
                    ("string", ["minLength", "maxLength", "pattern", "format"]),
                    ("number", ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]),
                ]
                for (type, keywords) in groups where keywords.contains(where: { schema[$0] != nil }) {
                    types.append(type)
                }
                if types.isEmpty { return [depth == 0 ? "object" : "string"] }
            }
            let ordered = random.shuffled(types.filter { $0 != "null" })
            guard types.contains("null") else { return ordered }
            if ordered.isEmpty || depth >= options.compactDepth || random.chance(1, in: 5) { return ["null"] + ordered }
            return ordered + ["null"]
        }

        // MARK: Objects and arrays

        mutating func generateObject(_ schema: JSONObject, path: String, depth: Int) throws(Failure) -> JSONValue {
            let compact = depth >= options.compactDepth
            let properties = schema["properties"]?.objectValue ?? JSONObject()
            var required: [String] = []
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !required.contains(name) {
                required.append(name)
            }
            let additional = schema["additionalProperties"]
            let additionalAllowed = additional != .bool(false)
            let minProperties = max(0, schema["minProperties"]?.intValue ?? 0)
            let maxProperties = schema["maxProperties"]?.intValue ?? Int.max
            guard minProperties <= maxProperties else {
                throw Failure(
                    .unsatisfiable, path: path,
                    message: "minProperties \(minProperties) is greater than maxProperties \(maxProperties)")
            }
            guard required.count <= maxProperties else {
                throw Failure(
                    .unsatisfiable, path: path,
                    message: "\(required.count) required properties exceed maxProperties \(maxProperties)")
            }
            guard minProperties <= options.maxCollectionSize else {
                throw Failure(
                    .tooComplex, path: path,
                    message:
                        "minProperties \(minProperties) exceeds the generator's limit of \(options.maxCollectionSize)")
            }

            var chosen: [String] = []
            var optionalBudget = maxProperties - required.count
            for (name, _) in properties {
                if required.contains(name) {
                    chosen.append(name)
                } else if optionalBudget > 0 && !compact && (options.strict || random.chance(1, in: 2)) {
                    chosen.append(name)
                    optionalBudget -= 1
                }
            }
            for name in required where !properties.contains(key: name) {
                guard additionalAllowed else {
                    throw Failure(
                        .unsatisfiable, path: path,
                        message: "required property \"\(name)\" is not allowed by additionalProperties: false")
                }
                chosen.append(name)
            }

            var result = JSONObject()
            for name in chosen {
                let schema = properties[name] ?? additional ?? .bool(true)
                do throws(Failure) {
                    result[name] = try generate(
                        schema, hint: name, path: path + "/" + JSONValue.pointerToken(name), depth: depth + 1)
                } catch {
                    // An optional property that cannot be generated is simply left out.
                    if error.reason == .tooComplex || required.contains(name) { throw error }
                }
            }

            if result.count < minProperties {
                for (name, schema) in properties where result.count < minProperties && !result.contains(key: name) {
                    if let value = try? generate(
                        schema, hint: name, path: path + "/" + JSONValue.pointerToken(name), depth: depth + 1)
                    {
                        result[name] = value
                    }
                }
                var counter = Int(random.next(below: UInt64(JSONSchemaWords.nouns.count)))
                let end = counter + minProperties + 32
                while result.count < minProperties && additionalAllowed && counter < end {
                    let name = extraKey(counter)
                    counter += 1
                    guard !result.contains(key: name) && !properties.contains(key: name) else { continue }
                    result[name] = try generate(
                        additional ?? .bool(true), hint: name, path: path + "/" + name, depth: depth + 1)
                }
                guard result.count >= minProperties else {
                    throw Failure(.unsatisfiable, path: path, message: "cannot reach minProperties \(minProperties)")
                }
            }

            let freeForm = properties.isEmpty && required.isEmpty && additionalAllowed
            if freeForm && !compact && result.isEmpty && maxProperties > 0 {
                let count = min(maxProperties, random.int(in: 1...2))
                let typed = additional != nil && additional != .bool(true)
                let nouns = random.shuffled(JSONSchemaWords.nouns)
                for index in 0..<count {
                    let name = typed ? nouns[index] : Self.freeFormKeys[index]
                    guard !result.contains(key: name) else { continue }
                    let schema = additional ?? .bool(true)
                    if let value = try? generate(schema, hint: name, path: path + "/" + name, depth: depth + 1) {
                        result[name] = value
                    }
                }
            }
            return .object(result)
        }

        static let freeFormKeys = ["name", "note", "city", "status"]

        func extraKey(_ counter: Int) -> String {
            let nouns = JSONSchemaWords.nouns
            return counter < nouns.count ? nouns[counter] : "\(nouns[counter % nouns.count])_\(counter / nouns.count)"
        }

        mutating func generateArray(_ schema: JSONObject, hint: String?, path: String, depth: Int) throws(Failure)
            -> JSONValue
        {
            let (prefix, rest) = schema.arrayItemSchemas
            let minItems = max(0, schema["minItems"]?.intValue ?? 0)
            var maxItems = schema["maxItems"]?.intValue ?? Int.max
            if rest == .bool(false) { maxItems = min(maxItems, prefix.count) }
            guard minItems <= maxItems else {
                throw Failure(
                    .unsatisfiable, path: path,
                    message: "minItems \(minItems) is greater than the most items allowed (\(maxItems))")
            }
            guard minItems <= options.maxCollectionSize else {
                throw Failure(
                    .tooComplex, path: path,
                    message: "minItems \(minItems) exceeds the generator's limit of \(options.maxCollectionSize)")
            }
            var count = minItems
            if depth < options.compactDepth {
                let low = max(minItems, min(1, maxItems))
                let high = min(maxItems, max(minItems, 1) + 2)
                count = random.int(in: low...max(low, high))
                count = max(count, min(prefix.count, maxItems))
            }
            let unique = schema["uniqueItems"]?.boolValue == true
            let itemHint = hint.map(Self.singular)
            var items: [JSONValue] = []
            var seen = Set<JSONValue>()
            while items.count < count {
                let itemSchema = items.count < prefix.count ? prefix[items.count] : (rest ?? .bool(true))
                let itemPath = path + "/\(items.count)"
                var accepted: JSONValue?
                for _ in 0..<(unique ? 32 : 1) {
                    let candidate: JSONValue
                    do throws(Failure) {
                        candidate = try generate(itemSchema, hint: itemHint, path: itemPath, depth: depth + 1)
                    } catch {
                        if error.reason == .tooComplex || items.count < minItems { throw error }
                        return .array(items)
                    }
                    if !unique || !seen.contains(candidate) {
                        accepted = candidate
                        break
                    }
                }
                guard let accepted else {
                    if items.count >= minItems { break }
                    throw Failure(
                        .unsatisfiable, path: path,
                        message: "cannot generate \(minItems) distinct items for uniqueItems")
                }
                seen.insert(accepted)
                items.append(accepted)
            }
            return .array(items)
        }

        /// A rough English singular, so that items of "cities" read like cities.
        static func singular(_ name: String) -> String {
            let lower = name.lowercased()
            if lower.hasSuffix("ies") { return String(name.dropLast(3)) + "y" }
            if lower.hasSuffix("sses") || lower.hasSuffix("xes") || lower.hasSuffix("ches") || lower.hasSuffix("shes") {
                return String(name.dropLast(2))
            }
            if lower.hasSuffix("s") && !lower.hasSuffix("ss") && !lower.hasSuffix("us") {
                return String(name.dropLast())
            }
            return name
        }
    }
}
