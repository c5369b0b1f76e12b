import Blueprint
import Testing

@Suite("JSONParser")
struct JSONParserTests {
    static let accepted: [(String, JSONValue)] = [
        ("null", .null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("0", .int(0)),
        ("-1", .int(-1)),
        ("42", .int(42)),
        ("1.5", .double(1.5)),
        ("-0.25", .double(-0.25)),
        ("1e2", .double(100)),
        ("1E+2", .double(100)),
        ("25e-1", .double(2.5)),
        ("0.0", .double(0)),
        ("\"\"", .string("")),
        ("\"abc\"", .string("abc")),
        ("[]", .array([])),
        ("{}", .object([:])),
        (" \t\r\n[ 1 , 2 ]\n", .array([1, 2])),
        ("[1,[2,[3]]]", .array([1, .array([2, .array([3])])])),
        (#"{"a":1,"b":[true,null],"c":{"d":"e"}}"#, ["a": 1, "b": [true, nil], "c": ["d": "e"]]),
        (#""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{08}\u{0C}\n\r\t")),
        (#""\u0041\u00e9\u4e2d""#, .string("Aé中")),
        (#""\ud83d\ude00""#, .string("😀")),
        (#""\uD83D\uDE00x""#, .string("😀x")),
        ("\"héllo wörld 中文 😀\"", .string("héllo wörld 中文 😀")),
        ("\"\u{7F}\"", .string("\u{7F}")),
        ("\"a/b\"", .string("a/b")),
    ]

    @Test("accepts valid RFC 8259 texts", arguments: accepted)
    func acceptsValidText(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    static let rejected: [(String, JSONParseError.Reason, Int)] = [
        ("", .unexpectedEndOfInput, 0),
        ("   ", .unexpectedEndOfInput, 3),
        ("[1,]", .unexpectedCharacter(UInt8(ascii: "]")), 3),
        (#"{"a":1,}"#, .unexpectedCharacter(UInt8(ascii: "}")), 7),
        ("[1 2]", .unexpectedCharacter(UInt8(ascii: "2")), 3),
        (#"{"a" 1}"#, .unexpectedCharacter(UInt8(ascii: "1")), 5),
        (#"{a:1}"#, .unexpectedCharacter(UInt8(ascii: "a")), 1),
        ("{'a':1}", .unexpectedCharacter(UInt8(ascii: "'")), 1),
        ("// c\n1", .unexpectedCharacter(UInt8(ascii: "/")), 0),
        ("[1 /* c */]", .unexpectedCharacter(UInt8(ascii: "/")), 3),
        ("NaN", .unexpectedCharacter(UInt8(ascii: "N")), 0),
        ("Infinity", .unexpectedCharacter(UInt8(ascii: "I")), 0),
        ("-Infinity", .invalidNumber("expected a digit"), 1),
        ("01", .invalidNumber("leading zeros are not allowed"), 0),
        ("-01", .invalidNumber("leading zeros are not allowed"), 0),
        ("1.", .invalidNumber("expected a digit after the decimal point"), 2),
        (".5", .unexpectedCharacter(UInt8(ascii: ".")), 0),
        ("+1", .unexpectedCharacter(UInt8(ascii: "+")), 0),
        ("1e", .invalidNumber("expected a digit in the exponent"), 2),
        ("1e+", .invalidNumber("expected a digit in the exponent"), 3),
        ("0x10", .trailingCharacters, 1),
        ("1e400", .numberOutOfRange, 0),
        ("-1e400", .numberOutOfRange, 0),
        ("tru", .unexpectedEndOfInput, 3),
        ("trUe", .unexpectedCharacter(UInt8(ascii: "U")), 2),
        ("nul", .unexpectedEndOfInput, 3),
        ("True", .unexpectedCharacter(UInt8(ascii: "T")), 0),
        ("\"abc", .unterminatedString, 0),
        ("[\"abc\\", .unterminatedString, 1),
        ("\"a\nb\"", .controlCharacterInString, 2),
        ("\"a\tb\"", .controlCharacterInString, 2),
        ("\"\u{0}\"", .controlCharacterInString, 1),
        (#""\x""#, .invalidEscape, 1),
        (#""\'""#, .invalidEscape, 1),
        (#""\u12""#, .invalidUnicodeEscape, 1),
        (#""\u12G4""#, .invalidUnicodeEscape, 1),
        ("1 2", .trailingCharacters, 2),
        ("{} x", .trailingCharacters, 3),
        ("[]]", .trailingCharacters, 2),
        ("\u{0B}1", .unexpectedCharacter(0x0B), 0),
        ("\u{0C}1", .unexpectedCharacter(0x0C), 0),
        ("\u{A0}1", .unexpectedCharacter(0xC2), 0),
        ("[", .unexpectedEndOfInput, 1),
        ("{\"a\":", .unexpectedEndOfInput, 5),
        ("{\"a\":1", .unexpectedEndOfInput, 6),
    ]

    @Test("rejects texts RFC 8259 does not allow", arguments: rejected)
    func rejectsInvalidText(text: String, reason: JSONParseError.Reason, offset: Int) {
        #expect(throws: JSONParseError(reason, at: offset)) { try JSONParser.parse(text) }
    }

    static let malformedUTF8: [([UInt8], Int)] = [
        ([0x22, 0x80, 0x22], 1),  // a lone continuation byte
        ([0x22, 0xC0, 0x80, 0x22], 1),  // overlong NUL
        ([0x22, 0xC1, 0xBF, 0x22], 1),  // overlong
        ([0x22, 0xE0, 0x80, 0x80, 0x22], 1),  // overlong three-byte form
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),  // an encoded UTF-16 surrogate
        ([0x22, 0xF0, 0x80, 0x80, 0x80, 0x22], 1),  // overlong four-byte form
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // above U+10FFFF
        ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1),
        ([0x22, 0xFF, 0x22], 1),
        ([0x22, 0x61, 0xE2, 0x82, 0x22], 2),  // truncated sequence
        ([0x22, 0xE2, 0x82], 1),  // truncated at the end of input
        ([0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22], 3),  // after an escape, on the slow path
    ]

    @Test("rejects malformed UTF-8", arguments: malformedUTF8)
    func rejectsMalformedUTF8(bytes: [UInt8], offset: Int) {
        #expect(throws: JSONParseError(.invalidUTF8, at: offset)) { try JSONParser.parse(bytes) }
    }

    @Test("a byte-order mark is not JSON whitespace")
    func rejectsByteOrderMark() {
        #expect(throws: JSONParseError(.unexpectedCharacter(0xEF), at: 0)) {
            try JSONParser.parse([0xEF, 0xBB, 0xBF, 0x31])
        }
    }

    @Test("accepts every well-formed UTF-8 boundary")
    func acceptsUTF8Boundaries() throws {
        let text = "\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF}"
        let parsed = try JSONParser.parse(Array(("\"" + text + "\"").utf8))
        #expect(parsed == .string(text))
        // Long enough to take the eight-bytes-at-a-time path, with multi-byte text at every alignment.
        for prefixLength in 0..<10 {
            let long = String(repeating: "a", count: prefixLength) + "é中😀" + String(repeating: "b", count: 20)
            #expect(try JSONParser.parse("\"\(long)\"") == .string(long))
        }
    }

    @Test("lone surrogates become U+FFFD")
    func loneSurrogatesAreReplaced() throws {
        #expect(try JSONParser.parse(#""\ud800""#) == .string("\u{FFFD}"))
        #expect(try JSONParser.parse(#""\udc00x""#) == .string("\u{FFFD}x"))
        #expect(try JSONParser.parse(#""\ud800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONParser.parse(#""\ud800\ud800\udc00""#) == .string("\u{FFFD}\u{10000}"))
        #expect(try JSONParser.parse(#""\ud800\n""#) == .string("\u{FFFD}\n"))
    }

    @Test("escapes are decoded wherever they fall in a long string")
    func escapesAtEveryPosition() throws {
        for position in 0..<24 {
            let before = String(repeating: "x", count: position)
            let after = String(repeating: "y", count: 23 - position)
            let parsed = try JSONParser.parse("\"" + before + "\\\"" + after + "\"")
            #expect(parsed == .string(before + "\"" + after))
        }
    }

    @Test("integers that fit in Int stay integers; others become doubles")
    func integerRange() throws {
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(Int.min))
        let above = try JSONParser.parse("9223372036854775808")
        #expect(above == .double(9_223_372_036_854_775_808))
        guard case .double = above else {
            Issue.record("expected .double, got \(above)")
            return
        }
        guard case .double(let below) = try JSONParser.parse("-9223372036854775809") else {
            Issue.record("expected .double")
            return
        }
        #expect(below == -9_223_372_036_854_775_808)
        guard case .double(let huge) = try JSONParser.parse("123456789012345678901234567890") else {
            Issue.record("expected .double")
            return
        }
        #expect(huge == 1.2345678901234568e29)
    }

    @Test("numbers with a fraction or exponent are doubles, even when integral")
    func fractionMakesDouble() throws {
        for text in ["1.0", "1e0", "-2.0", "0e5"] {
            let value = try JSONParser.parse(text)
            guard case .double = value else {
                Issue.record("\(text) parsed as \(value)")
                continue
            }
        }
    }

    @Test("negative zero keeps its sign")
    func negativeZero() throws {
        for text in ["-0", "-0.0", "-0e3"] {
            guard case .double(let value) = try JSONParser.parse(text) else {
                Issue.record("\(text) is not a double")
                continue
            }
            #expect(value == 0 && value.sign == .minus)
        }
        guard case .int(0) = try JSONParser.parse("0") else {
            Issue.record("0 is not .int(0)")
            return
        }
    }

    static let doubles = [
        "1e308", "1.7976931348623157e308", "1.5e-7", "0.1", "0.30000000000000004", "2.2250738585072014e-308",
        "4.9e-324", "5e-324", "1e-400", "123.456e-2", "3.141592653589793", "9007199254740993.0", "1e22", "1e23",
        "0.000001", "8.98846567431158e307", "12345678901234567890.5", "-2.5e-3", "7.0e-10", "1E400000000000",
    ]

    @Test("doubles round the same way as the standard library", arguments: doubles)
    func doublesMatchStandardLibrary(text: String) throws {
        let expected = Double(text)!
        if !expected.isFinite {
            #expect(throws: JSONParseError(.numberOutOfRange, at: 0)) { try JSONParser.parse(text) }
            return
        }
        guard case .double(let value) = try JSONParser.parse(text) else {
            Issue.record("\(text) is not a double")
            return
        }
        #expect(value.bitPattern == expected.bitPattern)
    }

    @Test("a repeated key keeps the last value at the first position")
    func duplicateKeys() throws {
        let parsed = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(parsed.objectValue?.keys == ["a", "b"])
        #expect(parsed["a"] == .int(3))
        // Large objects switch to an index; the rule must not change.
        var text = "{"
        for index in 0..<100 { text += "\"k\(index)\":\(index)," }
        text += "\"k5\":\"again\",\"k99\":true}"
        let large = try JSONParser.parse(text).objectValue!
        #expect(large.count == 100)
        #expect(large["k5"] == "again")
        #expect(large["k99"] == true)
        #expect(large.keys.first == "k0" && large.keys[5] == "k5" && large.keys.last == "k99")
    }

    @Test("nesting up to the limit parses; one more level is an error, not a crash")
    func depthLimit() throws {
        let limit = JSONParser.defaultMaxDepth
        let nested = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(try JSONParser.parse(nested).arrayValue != nil)
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: JSONParseError(.nestingTooDeep(limit: limit), at: limit)) { try JSONParser.parse(tooDeep) }
        let objects = String(repeating: #"{"a":"#, count: limit + 1) + "1" + String(repeating: "}", count: limit + 1)
        #expect(throws: JSONParseError(.nestingTooDeep(limit: limit), at: 5 * limit)) { try JSONParser.parse(objects) }
        let hostile = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        #expect(throws: JSONParseError(.nestingTooDeep(limit: limit), at: limit)) { try JSONParser.parse(hostile) }
    }

    @Test("a custom depth limit is honoured, and capped so that the stack is always safe")
    func customDepth() throws {
        #expect(throws: JSONParseError(.nestingTooDeep(limit: 2), at: 2)) {
            try JSONParser.parse("[[[]]]", maxDepth: 2)
        }
        #expect(try JSONParser.parse("[[]]", maxDepth: 2) == [[]])
        #expect(try JSONParser.parse("1", maxDepth: 0) == 1)
        let cap = JSONParser.maximumDepth
        let deepest = String(repeating: "[", count: cap) + String(repeating: "]", count: cap)
        #expect(try JSONParser.parse(deepest, maxDepth: .max).arrayValue?.count == 1)
        let beyond = "[" + deepest + "]"
        #expect(throws: JSONParseError(.nestingTooDeep(limit: cap), at: cap)) {
            try JSONParser.parse(beyond, maxDepth: 100_000)
        }
    }

    @Test("error messages name the problem and the byte offset")
    func errorMessages() {
        #expect(
            JSONParseError(.unexpectedCharacter(UInt8(ascii: "x")), at: 12).message
                == "Unexpected character 'x' at byte 12")
        #expect(JSONParseError(.unexpectedCharacter(0x01), at: 3).message == "Unexpected byte 0x01 at byte 3")
        #expect(JSONParseError(.unterminatedString, at: 5).message == "Unterminated string starting at byte 5")
        #expect(JSONParseError(.unexpectedEndOfInput, at: 0).description == "Unexpected end of input at byte 0")
        #expect(
            JSONParseError(.nestingTooDeep(limit: 128), at: 128).message == "Nesting deeper than 128 levels at byte 128"
        )
        do throws(JSONParseError) {
            _ = try JSONParser.parse(#"{"model": "gpt", x}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Unexpected character 'x' at byte 17")
        }
    }

    @Test("the raw-buffer overload parses the same bytes")
    func rawBufferOverload() throws {
        let bytes = Array(#"{"model":"gpt-4o-mini","n":2}"#.utf8)
        let value = try bytes.withUnsafeBytes { buffer in try JSONParser.parse(buffer) }
        #expect(value == ["model": "gpt-4o-mini", "n": 2])
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        #expect(throws: JSONParseError(.unexpectedEndOfInput, at: 0)) { try JSONParser.parse(empty) }
    }

    @Test("parses a realistic chat request")
    func chatRequest() throws {
        let text = #"""
            {"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are helpful."},
            {"role":"user","content":"Hello there, how are you today?"}],"temperature":0.7,
            "max_tokens":64,"stream":false}
            """#
        let request = try JSONParser.parse(text)
        #expect(request["model"]?.stringValue == "gpt-4o-mini")
        #expect(request["messages"]?[1]?["content"]?.stringValue == "Hello there, how are you today?")
        #expect(request["temperature"]?.doubleValue == 0.7)
        #expect(request["max_tokens"]?.intValue == 64)
        #expect(request["stream"]?.boolValue == false)
        #expect(request.objectValue?.keys == ["model", "messages", "temperature", "max_tokens", "stream"])
    }
}
