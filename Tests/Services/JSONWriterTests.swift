import Blueprint
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
    private func text(_ writer: JSONWriter) -> String {
        String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test("pre-encoded members join the object with the right commas, first or after others")
    func rawMembers() {
        let members = Array(#""b":2,"c":{}"#.utf8)
        var after = JSONWriter()
        after.beginObject()
        after.field("a", 1)
        after.rawMembers(members)
        after.field("d", true)
        after.endObject()
        #expect(text(after) == #"{"a":1,"b":2,"c":{},"d":true}"#)
        var first = JSONWriter()
        first.beginObject()
        first.rawMembers(members)
        first.endObject()
        #expect(text(first) == #"{"b":2,"c":{}}"#)
    }

    @Test("commas are placed automatically in nested structures")
    func commasInNestedStructures() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("id", "chatcmpl-1")
        writer.key("choices")
        writer.beginArray()
        writer.beginObject()
        writer.field("index", 0)
        writer.key("message")
        writer.beginObject()
        writer.field("role", "assistant")
        writer.key("tool_calls")
        writer.beginArray()
        writer.endArray()
        writer.endObject()
        writer.endObject()
        writer.beginObject()
        writer.field("index", 1)
        writer.endObject()
        writer.endArray()
        writer.key("matrix")
        writer.beginArray()
        writer.beginArray()
        writer.int(1)
        writer.int(2)
        writer.endArray()
        writer.beginArray()
        writer.endArray()
        writer.beginArray()
        writer.null()
        writer.bool(true)
        writer.string("x")
        writer.double(0.5)
        writer.endArray()
        writer.endArray()
        writer.key("empty")
        writer.beginObject()
        writer.endObject()
        writer.endObject()
        #expect(
            text(writer)
                == #"{"id":"chatcmpl-1","choices":[{"index":0,"message":{"role":"assistant","tool_calls":[]}},{"index":1}],"matrix":[[1,2],[],[null,true,"x",0.5]],"empty":{}}"#
        )
    }

    @Test("nil fields are written as null, not left out")
    func nullFields() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("content", nil as String?)
        writer.field("refusal", nil as String?)
        writer.field("count", nil as Int?)
        writer.field("score", nil as Double?)
        writer.field("flag", nil as Bool?)
        writer.field("extra", nil as JSONValue?)
        writer.nullField("logprobs")
        writer.field("present", "yes")
        writer.field("n", 2)
        writer.field("t", 0.25)
        writer.field("ok", false)
        writer.field("obj", ["a": 1] as JSONValue)
        writer.rawField("pre", Array(#"{"x":[1]}"#.utf8))
        writer.endObject()
        #expect(
            text(writer)
                == #"{"content":null,"refusal":null,"count":null,"score":null,"flag":null,"extra":null,"logprobs":null,"present":"yes","n":2,"t":0.25,"ok":false,"obj":{"a":1},"pre":{"x":[1]}}"#
        )
    }

    @Test("raw bytes are inserted as one value with commas around them")
    func rawValues() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.raw(Array("1".utf8))
        writer.raw(Array(#"{"a":null}"#.utf8))
        writer.int(3)
        writer.endArray()
        #expect(text(writer) == #"[1,{"a":null},3]"#)
    }

    static let escapes: [(String, String)] = [
        ("plain", #""plain""#),
        ("quote\"mark", #""quote\"mark""#),
        ("back\\slash", #""back\\slash""#),
        ("a/b", #""a/b""#),
        ("line\nbreak\rreturn\ttab", #""line\nbreak\rreturn\ttab""#),
        ("\u{08}\u{0C}", #""\b\f""#),
        ("\u{00}\u{01}\u{1F}", #""\u0000\u0001\u001f""#),
        ("\u{7F}", "\"\u{7F}\""),
        ("héllo 中文 😀", "\"héllo 中文 😀\""),
        ("\u{2028}\u{2029}", "\"\u{2028}\u{2029}\""),
        ("", #""""#),
    ]

    @Test("strings escape only what RFC 8259 requires", arguments: escapes)
    func stringEscaping(input: String, expected: String) {
        var writer = JSONWriter()
        writer.string(input)
        #expect(text(writer) == expected)
        var keyed = JSONWriter()
        keyed.beginObject()
        keyed.key(input)
        keyed.int(1)
        keyed.endObject()
        #expect(text(keyed) == "{" + expected + ":1}")
    }

    @Test("escapes are found at every position, in short and long strings")
    func escapesAtEveryPosition() throws {
        for length in Array(1...17) + [40, 119, 120, 121, 300] {
            for position in 0..<length {
                for special: Character in ["\"", "\\", "\n", "\u{01}"] {
                    var characters = Array(repeating: Character("a"), count: length)
                    characters[position] = special
                    let original = String(characters)
                    var writer = JSONWriter()
                    writer.field(original, original)
                    let object = try JSONParser.parse([UInt8(ascii: "{")] + writer.bytes + [UInt8(ascii: "}")])
                    #expect(object[original] == .string(original))
                }
            }
        }
    }

    static let doubles: [(Double, String)] = [
        (1.0, "1.0"),
        (-2.0, "-2.0"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (0.1, "0.1"),
        (0.7, "0.7"),
        (1.5e-7, "1.5e-07"),
        (1e308, "1e+308"),
        (1e16, "1e+16"),
        (123_456.789, "123456.789"),
        (9_007_199_254_740_991, "9007199254740991.0"),
        (0.30000000000000004, "0.30000000000000004"),
        (.leastNonzeroMagnitude, "5e-324"),
        (.nan, "null"),
        (.infinity, "null"),
        (-.infinity, "null"),
    ]

    @Test("doubles use the shortest round-trip text and stay valid JSON", arguments: doubles)
    func doubleFormatting(value: Double, expected: String) throws {
        var writer = JSONWriter()
        writer.double(value)
        #expect(text(writer) == expected)
        if value.isFinite {
            let parsed = try JSONParser.parse(writer.bytes)
            guard case .double(let back) = parsed else {
                Issue.record("\(expected) parsed as \(parsed)")
                return
            }
            #expect(back.bitPattern == value.bitPattern)
        }
    }

    @Test("random doubles round-trip exactly")
    func randomDoublesRoundTrip() throws {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let value = Double(bitPattern: random.next())
            guard value.isFinite else { continue }
            var writer = JSONWriter()
            writer.double(value)
            guard case .double(let back) = try JSONParser.parse(writer.bytes) else {
                Issue.record("\(value) did not parse back as a double")
                continue
            }
            #expect(back.bitPattern == value.bitPattern)
        }
    }

    @Test("integers at the edges of Int")
    func integers() {
        var writer = JSONWriter()
        writer.beginArray()
        for value in [0, 7, 10, -1, -10, 1_741_569_952, Int.max, Int.min] { writer.int(value) }
        writer.endArray()
        #expect(text(writer) == "[0,7,10,-1,-10,1741569952,9223372036854775807,-9223372036854775808]")
    }

    @Test("JSONValue serialization keeps key order and is deterministic")
    func valueSerialization() {
        let value: JSONValue = ["z": 1, "a": [true, nil, 2.5, "s"], "m": ["nested": [:], "list": []]]
        #expect(value.jsonString == #"{"z":1,"a":[true,null,2.5,"s"],"m":{"nested":{},"list":[]}}"#)
        #expect(value.jsonBytes == Array(value.jsonString.utf8))
        #expect(value.description == value.jsonString)
        #expect(JSONValue.string("a\"b").jsonString == #""a\"b""#)
    }

    @Test("parse(write(v)) == v for random documents, with int and double cases preserved")
    func randomRoundTrips() throws {
        var random = SeededGenerator(seed: 2024)
        for _ in 0..<300 {
            let value = Self.randomValue(depth: 0, using: &random)
            let parsed = try JSONParser.parse(value.jsonBytes)
            #expect(parsed == value)
            #expect(parsed.jsonBytes == value.jsonBytes)
        }
    }

    static func randomValue(depth: Int, using random: inout SeededGenerator) -> JSONValue {
        let kind = random.next(below: depth >= 4 ? 5 : 7)
        switch kind {
        case 0: return .null
        case 1: return .bool(random.chance(1, in: 2))
        case 2: return .int(Int(truncatingIfNeeded: random.next()) >> Int(random.next(below: 64)))
        case 3:
            let value = Double(bitPattern: random.next())
            return .double(value.isFinite ? value : 0.5)
        case 4:
            let alphabet: [String] = ["a", "é", "中", "😀", "\"", "\\", "\n", "\u{01}", "/", " ", "z"]
            var text = ""
            for _ in 0..<random.next(below: 30) { text += alphabet[Int(random.next(below: UInt64(alphabet.count)))] }
            return .string(text)
        case 5:
            return .array((0..<random.next(below: 5)).map { _ in randomValue(depth: depth + 1, using: &random) })
        default:
            var object = JSONObject()
            for index in 0..<random.next(below: 5) {
                object["key\(index)-\(random.next(below: 3))"] = randomValue(depth: depth + 1, using: &random)
            }
            return .object(object)
        }
    }

    @Test("reset empties the buffer for reuse")
    func reset() {
        var writer = JSONWriter(reservedCapacity: 1024)
        writer.beginArray()
        writer.int(1)
        writer.endArray()
        writer.reset()
        writer.int(2)
        #expect(text(writer) == "2")
        #expect(writer.bytes.capacity >= 1024)
    }
}
