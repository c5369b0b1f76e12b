/// A strict RFC 8259 JSON parser working on bytes.
///
/// It rejects everything the RFC does not allow: trailing commas, comments, `NaN`/`Infinity`, leading zeros,
/// unescaped control characters in strings, whitespace other than space/tab/LF/CR, malformed UTF-8, and
/// anything after the top-level value. `\u` escapes combine surrogate pairs; a lone surrogate becomes U+FFFD.
/// Numbers written without fraction or exponent that fit in `Int` become `.int`, all others `.double`
/// (`-0` becomes `.double(-0.0)` to keep its sign). Nesting deeper than `maxDepth` is an error, so hostile
/// input can never exhaust the stack.
public enum JSONParser {
    /// The nesting limit used when none is given.
    public static let defaultMaxDepth = 128

    /// The largest nesting limit honoured; a larger `maxDepth` is lowered to this. Parsing recurses once per
    /// level (about 250 bytes of stack in release builds), and so does releasing the parsed tree, so the cap
    /// keeps both far from the end of even a small thread stack.
    public static let maximumDepth = 512

    /// Parses one JSON text from `bytes`.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in try parse(buffer, maxDepth: maxDepth) }
        }
        return try result.get()
    }

    /// Parses one JSON text from the bytes of `text`.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        let result = text.utf8.withContiguousStorageIfAvailable { utf8 in
            Result { () throws(JSONParseError) in try parse(UnsafeRawBufferPointer(utf8), maxDepth: maxDepth) }
        }
        return try (result ?? Result { () throws(JSONParseError) in try parse(Array(text.utf8), maxDepth: maxDepth) })
            .get()
    }

    /// Parses one JSON text from raw memory, which must stay valid for the duration of the call.
    public static func parse(
        _ buffer: UnsafeRawBufferPointer,
        maxDepth: Int = defaultMaxDepth
    ) throws(JSONParseError) -> JSONValue {
        var state = State(buffer: buffer, maxDepth: maxDepth)
        return try state.parseDocument()
    }
}

extension JSONParser {
    /// The members of an object being parsed, with the duplicate-key rule applied as they arrive.
    private struct Members {
        var entries: [JSONObject.Element] = []
        // A one-word Bloom filter of the keys so far, so that most members skip the duplicate scan.
        var keyBits: UInt64 = 0
        // Built only for objects with many members, so that duplicate detection stays linear overall.
        var keyIndex: [String: Int]?

        init(capacity: Int) {
            entries.reserveCapacity(capacity)
        }

        /// Adds a member; a repeated key keeps its first position and takes the new value.
        @inline(__always)
        mutating func append(key: String, bit: UInt64, value: JSONValue) {
            let existing = entries.count
            if existing >= 32 {
                if keyIndex == nil {
                    var index: [String: Int] = [:]
                    index.reserveCapacity(existing * 2)
                    for (position, member) in entries.enumerated() { index[member.key] = position }
                    keyIndex = index
                }
                if let position = keyIndex![key] {
                    entries[position].value = value
                    return
                }
                keyIndex![key] = existing
            } else if keyBits & bit != 0 {
                for position in 0..<existing where entries[position].key == key {
                    entries[position].value = value
                    return
                }
            }
            keyBits |= bit
            entries.append((key: key, value: value))
        }
    }

    private struct State {
        let bytes: UnsafeRawBufferPointer
        let maxDepth: Int
        var index = 0
        var scratch: [UInt8] = []
        var lastStringHadEscapes = false

        init(buffer: UnsafeRawBufferPointer, maxDepth: Int) {
            self.bytes = buffer
            self.maxDepth = min(max(0, maxDepth), JSONParser.maximumDepth)
        }

        @inline(__always)
        mutating func skipWhitespace() {
            // RFC 8259 §2: ws = *( %x20 / %x09 / %x0A / %x0D )
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        func unexpected(at offset: Int) -> JSONParseError {
            offset < bytes.count
                ? JSONParseError(.unexpectedCharacter(bytes[offset]), at: offset)
                : JSONParseError(.unexpectedEndOfInput, at: offset)
        }

        mutating func parseDocument() throws(JSONParseError) -> JSONValue {
            skipWhitespace()
            let value = try parseValue(depth: 0)
            skipWhitespace()
            guard index == bytes.count else { throw JSONParseError(.trailingCharacters, at: index) }
            return value
        }

        mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
            guard index < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: index) }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return try parseNumber()
            default:
                throw unexpected(at: index)
            }
        }

        mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
            guard depth < maxDepth else { throw JSONParseError(.nestingTooDeep(limit: maxDepth), at: index) }
            index += 1
            skipWhitespace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(JSONObject())
            }
            var members = Members(capacity: depth == 0 ? 16 : 4)
            while true {
                let (key, bit) = try parseKey()
                let value = try parseValue(depth: depth + 1)
                members.append(key: key, bit: bit, value: value)
                skipWhitespace()
                guard index < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: index) }
                switch bytes[index] {
                case UInt8(ascii: ","):
                    index += 1
                    skipWhitespace()
                case UInt8(ascii: "}"):
                    index += 1
                    return .object(JSONObject(uniqueEntries: members.entries))
                default:
                    throw unexpected(at: index)
                }
            }
        }

        mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
            guard depth < maxDepth else { throw JSONParseError(.nestingTooDeep(limit: maxDepth), at: index) }
            index += 1
            skipWhitespace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array([])
            }
            var elements: [JSONValue] = []
            elements.reserveCapacity(4)
            while true {
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw JSONParseError(.unexpectedEndOfInput, at: index) }
                switch bytes[index] {
                case UInt8(ascii: ","):
                    index += 1
                    skipWhitespace()
                case UInt8(ascii: "]"):
                    index += 1
                    return .array(elements)
                default:
                    throw unexpected(at: index)
                }
            }
        }

        /// Parses `"key"` and the following `:`, leaving the index at the start of the value. Also returns the
        /// key's Bloom-filter bit, taken from its bytes.
        mutating func parseKey() throws(JSONParseError) -> (String, UInt64) {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw unexpected(at: index) }
            let start = index + 1
            lastStringHadEscapes = false
            let key = try parseString()
            let end = index - 1
            let bit: UInt64
            if !lastStringHadEscapes {
                bit = end > start ? Self.bloomBit(count: end - start, first: bytes[start], last: bytes[end - 1]) : 1
            } else {
                // Escapes mean the raw bytes differ from the key's; hash the decoded key instead.
                let utf8 = Array(key.utf8)
                bit = utf8.isEmpty ? 1 : Self.bloomBit(count: utf8.count, first: utf8.first ?? 0, last: utf8.last ?? 0)
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw unexpected(at: index) }
            index += 1
            skipWhitespace()
            return (key, bit)
        }

        @inline(__always)
        static func bloomBit(count: Int, first: UInt8, last: UInt8) -> UInt64 {
            1 << ((UInt64(truncatingIfNeeded: count) &* 7 &+ UInt64(first) &* 31 &+ UInt64(last)) & 63)
        }

        mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
            let text = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
            for expected in text {
                guard index < bytes.count, bytes[index] == expected else { throw unexpected(at: index) }
                index += 1
            }
        }

        // MARK: Strings

        mutating func parseString() throws(JSONParseError) -> String {
            let quote = index
            index += 1
            let start = index
            while index < bytes.count {
                // Look at eight bytes at once and jump straight to the first one that needs attention.
                if index + 8 <= bytes.count {
                    let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    let special = Self.specialBytes(word)
                    if special == 0 {
                        index += 8
                        continue
                    }
                    index += special.trailingZeroBitCount >> 3
                }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let string = makeString(from: start, to: index)
                    index += 1
                    return string
                }
                if byte == UInt8(ascii: "\\") {
                    return try parseEscapedString(quote: quote, start: start)
                }
                if byte < 0x20 { throw JSONParseError(.controlCharacterInString, at: index) }
                if byte < 0x80 {
                    index += 1
                } else {
                    index += try utf8SequenceLength(at: index)
                }
            }
            throw JSONParseError(.unterminatedString, at: quote)
        }

        /// The high bit of each byte of `word` that is `"`, `\\`, below 0x20 or above 0x7F, found with the
        /// classic "has zero byte" / "has byte less than" tricks. Those may also flag bytes after a true hit,
        /// never before one, so the lowest flag (in memory order) is always exact.
        @inline(__always)
        static func specialBytes(_ word: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highBits: UInt64 = 0x8080_8080_8080_8080
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let control = (word &- ones &* 0x20) & ~word
            let quoteZero = (quote &- ones) & ~quote
            let backslashZero = (backslash &- ones) & ~backslash
            return (control | quoteZero | backslashZero | word) & highBits
        }

        func makeString(from start: Int, to end: Int) -> String {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            return String(decoding: slice.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        }

        /// The slow path, taken at the first backslash: decode into `scratch` from the start of the string.
        mutating func parseEscapedString(quote: Int, start: Int) throws(JSONParseError) -> String {
            lastStringHadEscapes = true
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: scratch, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    try parseEscape(quote: quote)
                case 0..<0x20:
                    throw JSONParseError(.controlCharacterInString, at: index)
                case 0x20..<0x80:
                    scratch.append(byte)
                    index += 1
                default:
                    let length = try utf8SequenceLength(at: index)
                    scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<index + length]))
                    index += length
                }
            }
            throw JSONParseError(.unterminatedString, at: quote)
        }

        /// Decodes one escape (RFC 8259 §7) at `index`, which points at the backslash.
        mutating func parseEscape(quote: Int) throws(JSONParseError) {
            let backslash = index
            guard index + 1 < bytes.count else { throw JSONParseError(.unterminatedString, at: quote) }
            let code = bytes[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(code)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                let unit = try parseHex4(backslash: backslash)
                var scalar: UInt32 = 0xFFFD
                switch unit {
                case 0xD800..<0xDC00:
                    // A high surrogate counts only when a \u low surrogate follows; otherwise it is replaced.
                    if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    {
                        let save = index
                        index += 2
                        let low = try parseHex4(backslash: save)
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                        } else {
                            index = save
                        }
                    }
                case 0xDC00..<0xE000:
                    break
                default:
                    scalar = UInt32(unit)
                }
                appendUTF8(scalar)
            default:
                throw JSONParseError(.invalidEscape, at: backslash)
            }
        }

        /// Reads four hex digits at `index` and advances past them.
        mutating func parseHex4(backslash: Int) throws(JSONParseError) -> UInt16 {
            guard index + 4 <= bytes.count else { throw JSONParseError(.invalidUnicodeEscape, at: backslash) }
            var unit: UInt16 = 0
            for offset in index..<index + 4 {
                let byte = bytes[offset]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw JSONParseError(.invalidUnicodeEscape, at: backslash)
                }
                unit = unit << 4 | UInt16(digit)
            }
            index += 4
            return unit
        }

        mutating func appendUTF8(_ scalar: UInt32) {
            switch scalar {
            case 0..<0x80:
                scratch.append(UInt8(scalar))
            case 0x80..<0x800:
                scratch.append(UInt8(0xC0 | scalar >> 6))
                scratch.append(UInt8(0x80 | scalar & 0x3F))
            case 0x800..<0x10000:
                scratch.append(UInt8(0xE0 | scalar >> 12))
                scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                scratch.append(UInt8(0x80 | scalar & 0x3F))
            default:
                scratch.append(UInt8(0xF0 | scalar >> 18))
                scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
                scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                scratch.append(UInt8(0x80 | scalar & 0x3F))
            }
        }

        /// The length of the well-formed UTF-8 sequence starting at `offset` (RFC 3629 §4), or an error.
        func utf8SequenceLength(at offset: Int) throws(JSONParseError) -> Int {
            let lead = bytes[offset]
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                // Excludes the UTF-16 surrogate range U+D800...U+DFFF.
                length = 3
                secondRange = 0x80...0x9F
            case 0xF0:
                length = 4
                secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                secondRange = 0x80...0x8F
            default:
                throw JSONParseError(.invalidUTF8, at: offset)
            }
            guard offset + length <= bytes.count, secondRange.contains(bytes[offset + 1]) else {
                throw JSONParseError(.invalidUTF8, at: offset)
            }
            for continuation in offset + 2..<offset + length where bytes[continuation] & 0xC0 != 0x80 {
                throw JSONParseError(.invalidUTF8, at: offset)
            }
            return length
        }

        // MARK: Numbers

        /// Parses a number per the RFC 8259 §6 grammar: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
        mutating func parseNumber() throws(JSONParseError) -> JSONValue {
            let start = index
            var negative = false
            if bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw JSONParseError(.invalidNumber("expected a digit"), at: index)
            }
            var mantissa: UInt64 = 0
            var exact = true
            var exponent = 0
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count && isDigit(bytes[index]) {
                    throw JSONParseError(.invalidNumber("leading zeros are not allowed"), at: start)
                }
            } else {
                while index < bytes.count && isDigit(bytes[index]) {
                    accumulate(bytes[index], into: &mantissa, exact: &exact, exponent: &exponent, fraction: false)
                    index += 1
                }
            }
            var isInteger = true
            if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else {
                    throw JSONParseError(.invalidNumber("expected a digit after the decimal point"), at: index)
                }
                while index < bytes.count && isDigit(bytes[index]) {
                    accumulate(bytes[index], into: &mantissa, exact: &exact, exponent: &exponent, fraction: true)
                    index += 1
                }
            }
            if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
                isInteger = false
                index += 1
                var exponentNegative = false
                if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                    exponentNegative = bytes[index] == UInt8(ascii: "-")
                    index += 1
                }
                guard index < bytes.count, isDigit(bytes[index]) else {
                    throw JSONParseError(.invalidNumber("expected a digit in the exponent"), at: index)
                }
                var written = 0
                while index < bytes.count && isDigit(bytes[index]) {
                    // Saturate: any exponent this large already means zero or out of range.
                    written = min(written * 10 + Int(bytes[index] - UInt8(ascii: "0")), 1_000_000)
                    index += 1
                }
                exponent += exponentNegative ? -written : written
            }

            if isInteger && exact {
                if !negative && mantissa <= UInt64(Int.max) { return .int(Int(mantissa)) }
                if negative && mantissa == 0 { return .double(-0.0) }
                if negative && mantissa <= UInt64(Int.max) + 1 { return .int(Int(truncatingIfNeeded: 0 &- mantissa)) }
            }
            // Clinger's fast path: both operands are exact doubles, so one IEEE operation rounds correctly.
            if exact && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
                var result = Double(mantissa)
                if exponent < 0 {
                    result /= Self.powersOfTen[-exponent]
                } else {
                    result *= Self.powersOfTen[exponent]
                }
                return .double(negative ? -result : result)
            }
            let text = makeString(from: start, to: index)
            guard let result = Double(text), result.isFinite else {
                throw JSONParseError(.numberOutOfRange, at: start)
            }
            return .double(result)
        }

        @inline(__always)
        func isDigit(_ byte: UInt8) -> Bool {
            byte &- UInt8(ascii: "0") < 10
        }

        @inline(__always)
        func accumulate(
            _ digit: UInt8, into mantissa: inout UInt64, exact: inout Bool, exponent: inout Int, fraction: Bool
        ) {
            guard exact else { return }
            let (product, overflowTimes) = mantissa.multipliedReportingOverflow(by: 10)
            let (sum, overflowPlus) = product.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            if overflowTimes || overflowPlus {
                exact = false
                return
            }
            mantissa = sum
            if fraction { exponent -= 1 }
        }

        static let powersOfTen: [Double] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ]
    }
}
