import Blueprint
import Testing

@Suite("JSON Schema instance generator and validator")
struct JSONSchemaTests {
    static let seeds = 50

    private static func schema(_ entry: JSONSchemaCorpus.Entry) throws -> JSONValue {
        try JSONParser.parse(entry.schema)
    }

    private static func generate(_ schema: JSONValue, seed: UInt64, strict: Bool = false) throws -> JSONValue {
        var random = SeededGenerator(seed: seed)
        return try JSONSchemaInstanceGenerator.generate(for: schema, strict: strict, using: &random)
    }

    // MARK: Generator

    @Test(
        "every generated instance validates, for many seeds",
        arguments: JSONSchemaCorpus.entries + JSONSchemaCorpus.tricky)
    func generatedInstancesValidate(entry: JSONSchemaCorpus.Entry) throws {
        let schema = try Self.schema(entry)
        let validator = JSONSchemaValidator(schema: schema)
        for seed in 0..<UInt64(Self.seeds) {
            let instance = try Self.generate(schema, seed: seed, strict: entry.strict)
            let violations = validator.validate(instance)
            #expect(violations.isEmpty, "\(entry.name), seed \(seed): \(instance.jsonString) -> \(violations)")
        }
    }

    @Test("the same seed gives the same bytes", arguments: JSONSchemaCorpus.entries)
    func sameSeedSameBytes(entry: JSONSchemaCorpus.Entry) throws {
        let schema = try Self.schema(entry)
        for seed: UInt64 in [0, 1, 42, 0xDEAD_BEEF] {
            let first = try Self.generate(schema, seed: seed, strict: entry.strict).jsonBytes
            let second = try Self.generate(schema, seed: seed, strict: entry.strict).jsonBytes
            #expect(first == second)
        }
    }

    @Test("different seeds give different instances", arguments: JSONSchemaCorpus.entries)
    func differentSeedsDiffer(entry: JSONSchemaCorpus.Entry) throws {
        let schema = try Self.schema(entry)
        var distinct = Set<[UInt8]>()
        for seed in 0..<UInt64(10) {
            distinct.insert(try Self.generate(schema, seed: seed, strict: entry.strict).jsonBytes)
        }
        #expect(
            distinct.count > 1,
            "\(entry.name) always produced \(distinct.first.map { String(decoding: $0, as: UTF8.self) } ?? "")")
    }

    @Test("output is stable across runs and platforms")
    func pinnedOutput() throws {
        let schema = try Self.schema(JSONSchemaCorpus.entries[0])
        let instance = try Self.generate(schema, seed: 0, strict: true)
        #expect(instance.jsonString == #"{"location":"Austin, United States","unit":"celsius"}"#)
    }

    @Test("strict mode includes every property; otherwise optional ones come and go")
    func strictAndOptionalProperties() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": ["a": ["type": "string"], "b": ["type": "integer"], "c": ["type": "boolean"]],
            "required": ["a"],
        ]
        var sawB = false
        var missedB = false
        for seed in 0..<UInt64(40) {
            let strict = try Self.generate(schema, seed: seed, strict: true).objectValue!
            #expect(strict.keys == ["a", "b", "c"])
            let loose = try Self.generate(schema, seed: seed).objectValue!
            #expect(loose.contains(key: "a"))
            if loose.contains(key: "b") { sawB = true } else { missedB = true }
        }
        #expect(sawB && missedB)
    }

    @Test("properties keep the schema's order")
    func propertyOrder() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": ["zeta": ["type": "string"], "alpha": ["type": "string"], "mid": ["type": "string"]],
            "required": ["zeta", "alpha", "mid"],
        ]
        #expect(try Self.generate(schema, seed: 3).objectValue?.keys == ["zeta", "alpha", "mid"])
    }

    @Test("property names and formats give plausible values")
    func plausibleValues() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "city": ["type": "string"], "email": ["type": "string"], "when": ["type": "string", "format": "date"],
                "id": ["type": "string", "format": "uuid"], "age": ["type": "integer"],
            ],
            "required": ["city", "email", "when", "id", "age"],
        ]
        let validator = JSONSchemaValidator(schema: ["type": "string", "format": "email"])
        for seed in 0..<UInt64(20) {
            let instance = try Self.generate(schema, seed: seed)
            let city = try #require(instance["city"]?.stringValue)
            #expect(!city.isEmpty && city.first!.isUppercase)
            #expect(validator.isValid(instance["email"]!))
            #expect(instance["when"]?.stringValue?.count == 10)
            #expect(instance["id"]?.stringValue?.count == 36)
            let age = try #require(instance["age"]?.intValue)
            #expect((18...80).contains(age))
        }
    }

    @Test("an empty or true schema gives a small object at the top")
    func anySchema() throws {
        for schema: JSONValue in [[:], true] {
            let instance = try Self.generate(schema, seed: 9)
            let object = try #require(instance.objectValue)
            #expect((1...2).contains(object.count))
        }
    }

    @Test("simple patterns are honoured")
    func patterns() throws {
        let patterns = [
            #"^\d{5}$"#, "^[A-Z]{3}$", #"^[a-z0-9]+(?:-[a-z0-9]+)*$"#, #"^(foo|bar)_\w{2,5}$"#, "^[^aeiou]{4}$",
            #"^\+?[0-9]{1,3} \(\d{3}\) \d{3}-\d{4}$"#, "^#[0-9a-fA-F]{6}$", #"^v\d+\.\d+\.\d+$"#, "abc", "^.{3,6}$",
        ]
        for pattern in patterns {
            let schema: JSONValue = ["type": "string", "pattern": .string(pattern)]
            let validator = JSONSchemaValidator(schema: schema)
            for seed in 0..<UInt64(20) {
                let instance = try Self.generate(schema, seed: seed)
                #expect(validator.isValid(instance), "\(pattern) -> \(instance)")
            }
        }
    }

    static let unusable: [(String, JSONSchemaGenerationError.Reason)] = [
        (#"{"type":"integer","minimum":10,"maximum":5}"#, .unsatisfiable),
        (#"{"type":"number","exclusiveMinimum":1,"exclusiveMaximum":1}"#, .unsatisfiable),
        (#"{"type":"string","minLength":5,"maxLength":2}"#, .unsatisfiable),
        (#"{"type":"array","minItems":3,"maxItems":1}"#, .unsatisfiable),
        (#"{"type":"object","required":["a","b"],"maxProperties":1}"#, .unsatisfiable),
        (#"{"type":"object","properties":{},"required":["a"],"additionalProperties":false}"#, .unsatisfiable),
        (#"{"enum":[]}"#, .unsatisfiable),
        (#"{"type":"string","enum":[1,2]}"#, .unsatisfiable),
        (#"{"allOf":[{"type":"string"},{"type":"integer"}]}"#, .unsatisfiable),
        (#"{"allOf":[{"const":1},{"const":2}]}"#, .unsatisfiable),
        (#"{"anyOf":[{"type":"integer","minimum":3,"maximum":1},false]}"#, .unsatisfiable),
        ("false", .unsatisfiable),
        (##"{"$ref":"#/$defs/missing"}"##, .unresolvableReference),
        (#"{"$ref":"https://example.com/schema.json"}"#, .unresolvableReference),
        (#"{"type":"strange"}"#, .invalidSchema),
        (#"{"anyOf":[]}"#, .invalidSchema),
        (#"{"type":"string","pattern":"^(a)\\1$"}"#, .unsupported),
        (#"{"type":"string","pattern":"^(?=x)x$"}"#, .unsupported),
        (#"{"type":"string","pattern":"^((a{1000}){1000}){1000}$"}"#, .unsatisfiable),
        (##"{"$ref":"#/$defs/a","$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}}}"##, .tooDeep),
        (##"{"type":"object","properties":{"child":{"$ref":"#"}},"required":["child"]}"##, .tooDeep),
        (##"{"type":"array","minItems":1,"items":{"$ref":"#"}}"##, .tooDeep),
        (##"{"anyOf":[{"$ref":"#"}]}"##, .tooDeep),
        (##"{"oneOf":[{"$ref":"#"},{"allOf":[{"$ref":"#"}]}]}"##, .tooComplex),
        (#"{"type":"array","minItems":100000}"#, .tooComplex),
    ]

    @Test("unusable schemas throw a typed error with a message", arguments: unusable)
    func unusableSchemas(text: String, reason: JSONSchemaGenerationError.Reason) throws {
        let schema = try JSONParser.parse(text)
        var random = SeededGenerator(seed: 1)
        do throws(JSONSchemaGenerationError) {
            let instance = try JSONSchemaInstanceGenerator.generate(for: schema, using: &random)
            Issue.record("expected an error for \(text), got \(instance)")
        } catch {
            #expect(error.reason == reason, "\(text): \(error)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("contradictory bounds are explained")
    func boundsMessage() throws {
        var random = SeededGenerator(seed: 1)
        let schema: JSONValue = [
            "type": "object", "properties": ["n": ["type": "integer", "minimum": 10, "maximum": 5]], "required": ["n"],
        ]
        #expect(
            throws: JSONSchemaGenerationError(
                .unsatisfiable, path: "/n", message: "no integer is at least 10 and at most 5")
        ) {
            try JSONSchemaInstanceGenerator.generate(for: schema, using: &random)
        }
    }

    // MARK: Validator

    @Test("violations carry JSON-pointer paths and messages")
    func violationPaths() throws {
        let schema = try JSONParser.parse(
            #"""
            {"type":"object","properties":{
               "name":{"type":"string","minLength":2},
               "tags":{"type":"array","items":{"type":"string"},"maxItems":2},
               "address":{"type":"object","properties":{"zip":{"type":"string","pattern":"^\\d{5}$"}},
                          "required":["zip"],"additionalProperties":false},
               "a/b":{"const":1}},
             "required":["name","age"],"additionalProperties":false}
            """#)
        let instance = try JSONParser.parse(
            #"{"name":"x","tags":["a",2,"c"],"address":{"zip":"123","extra":true},"a/b":2,"other":null}"#)
        let violations = JSONSchemaValidator(schema: schema).validate(instance)
        let paths = violations.map(\.path)
        #expect(paths.contains(""))  // the missing "age"
        #expect(paths.contains("/name"))
        #expect(paths.contains("/tags"))
        #expect(paths.contains("/tags/1"))
        #expect(paths.contains("/address/zip"))
        #expect(paths.contains("/address/extra"))
        #expect(paths.contains("/a~1b"))
        #expect(paths.contains("/other"))
        #expect(violations.contains { $0.message == "missing required property \"age\"" })
        #expect(violations.contains { $0.path == "/tags/1" && $0.message == "expected string, got integer" })
        #expect(violations.count == 8)
    }

    static let validity: [(String, String, Bool)] = [
        (#"{"type":"integer"}"#, "1", true),
        (#"{"type":"integer"}"#, "1.0", true),
        (#"{"type":"integer"}"#, "1.5", false),
        (#"{"type":"number"}"#, "1", true),
        (#"{"type":["string","null"]}"#, "null", true),
        (#"{"type":["string","null"]}"#, "0", false),
        (#"{"enum":[1,"a",null]}"#, "1.0", true),
        (#"{"enum":[1,"a",null]}"#, "\"b\"", false),
        (#"{"const":{"a":[1,2]}}"#, #"{"a":[1,2]}"#, true),
        (#"{"const":{"a":[1,2]}}"#, #"{"a":[2,1]}"#, false),
        (#"{"minimum":0,"exclusiveMaximum":10}"#, "10", false),
        (#"{"minimum":0,"exclusiveMaximum":10}"#, "9.99", true),
        (#"{"minimum":5,"exclusiveMinimum":true}"#, "5", false),
        (#"{"multipleOf":0.1}"#, "0.3", true),
        (#"{"multipleOf":0.1}"#, "0.35", false),
        (#"{"multipleOf":0.01}"#, "19.99", true),
        (#"{"multipleOf":3}"#, "-9", true),
        (#"{"multipleOf":3}"#, "10", false),
        (#"{"minLength":2,"maxLength":2}"#, "\"é😀\"", true),
        (#"{"maxLength":1}"#, "\"ab\"", false),
        (#"{"minLength":5}"#, "7", true),
        (#"{"pattern":"b+"}"#, "\"abbbc\"", true),
        (#"{"pattern":"^b+$"}"#, "\"abbbc\"", false),
        (#"{"pattern":"^\\d+$"}"#, #""\u0663""#, false),
        (#"{"format":"date"}"#, "\"2024-02-29\"", true),
        (#"{"format":"date"}"#, "\"2023-02-29\"", false),
        (#"{"format":"date-time"}"#, "\"2024-05-17T14:32:08.123+02:00\"", true),
        (#"{"format":"date-time"}"#, "\"2024-05-17 14:32:08Z\"", false),
        (#"{"format":"time"}"#, "\"14:32:08Z\"", true),
        (#"{"format":"time"}"#, "\"14:32\"", false),
        (#"{"format":"email"}"#, "\"a.b@example.com\"", true),
        (#"{"format":"email"}"#, "\"not an email\"", false),
        (#"{"format":"uuid"}"#, "\"123e4567-e89b-42d3-a456-426614174000\"", true),
        (#"{"format":"uuid"}"#, "\"123e4567e89b42d3a456426614174000\"", false),
        (#"{"format":"uri"}"#, "\"https://example.com/a?b=c\"", true),
        (#"{"format":"uri"}"#, "\"example dot com\"", false),
        (#"{"format":"ipv4"}"#, "\"192.168.0.1\"", true),
        (#"{"format":"ipv4"}"#, "\"192.168.0.256\"", false),
        (#"{"format":"unknown-format"}"#, "\"anything\"", true),
        (#"{"uniqueItems":true}"#, "[1,1.0]", false),
        (#"{"uniqueItems":true}"#, #"[{"a":1,"b":2},{"b":2,"a":1}]"#, false),
        (#"{"uniqueItems":true}"#, "[1,\"1\"]", true),
        (#"{"prefixItems":[{"type":"string"}],"items":false}"#, "[\"a\"]", true),
        (#"{"prefixItems":[{"type":"string"}],"items":false}"#, "[\"a\",1]", false),
        (#"{"items":[{"type":"string"}],"additionalItems":{"type":"integer"}}"#, "[\"a\",1,2]", true),
        (#"{"minProperties":1}"#, "{}", false),
        (#"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#, "true", false),
        (#"{"oneOf":[{"type":"integer"},{"minimum":0}]}"#, "5", false),
        (#"{"oneOf":[{"type":"integer"},{"minimum":0}]}"#, "-5", true),
        (#"{"allOf":[{"minimum":0},{"maximum":3}]}"#, "4", false),
        (#"{"not":{"type":"null"}}"#, "null", false),
        (##"{"$defs":{"a~b":{"type":"string"}},"$ref":"#/$defs/a~0b"}"##, "\"x\"", true),
        (##"{"$defs":{"a~b":{"type":"string"}},"$ref":"#/$defs/a~0b"}"##, "1", false),
        (
            ##"{"definitions":{"n":{"type":"null"}},"properties":{"x":{"$ref":"#/definitions/n"}}}"##, ##"{"x":null}"##,
            true
        ),
        (##"{"$ref":"#/$defs/missing"}"##, "1", false),
        ("true", "[1]", true),
        ("false", "1", false),
    ]

    @Test("validation results", arguments: validity)
    func validation(schema: String, instance: String, valid: Bool) throws {
        let validator = JSONSchemaValidator(schema: try JSONParser.parse(schema))
        let violations = validator.validate(try JSONParser.parse(instance))
        #expect(violations.isEmpty == valid, "\(schema) / \(instance): \(violations)")
    }

    @Test("a self-referencing schema without progress is reported, not followed forever")
    func recursiveReference() throws {
        let validator = JSONSchemaValidator(schema: ["$ref": "#"])
        let violations = validator.validate(1)
        #expect(violations.count == 1)
        #expect(violations.first?.message.contains("recursion") == true)
    }
}
