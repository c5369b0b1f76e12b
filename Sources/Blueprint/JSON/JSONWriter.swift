/// Writes JSON text straight into a byte buffer, with commas placed automatically.
///
/// Calls mirror the document: `beginObject()`, `key("id")`, `string("chatcmpl-1")`, ..., `endObject()`.
/// One flag is enough to place commas: a value or key written right after another value (at any depth) is
/// preceded by a comma, and a container's closing bracket counts as its value having been written. The
/// writer does not check that calls are balanced; the caller's code shape guarantees that.
///
/// Strings escape only what RFC 8259 §7 requires (`"`, `\` and control characters), so `/` and non-ASCII
/// text are written as they are. Doubles use the shortest text that reads back to the same value, always
/// with a fraction or exponent (`1.0`); non-finite doubles, which JSON cannot represent, are written as `null`.
public struct JSONWriter: Sendable {
    /// The JSON text written so far.
    public private(set) var bytes: [UInt8]

    private var needsComma = false

    /// Creates a writer whose buffer has room for `reservedCapacity` bytes before it must grow.
    public init(reservedCapacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(reservedCapacity)
    }

    /// Forgets everything written, keeping the buffer's capacity for reuse.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    @inline(__always)
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    // MARK: Structure

    /// Writes `{`.
    public mutating func beginObject() {
        if needsComma {
            appendLiteral(",{")
        } else {
            bytes.append(UInt8(ascii: "{"))
        }
        needsComma = false
    }

    /// Writes `}`.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes `[`.
    public mutating func beginArray() {
        if needsComma {
            appendLiteral(",[")
        } else {
            bytes.append(UInt8(ascii: "["))
        }
        needsComma = false
    }

    /// Writes `]`.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes an object key and the colon; the next call writes its value.
    public mutating func key(_ key: String) {
        if !appendStaged(key: key, value: nil) {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            appendQuoted(key)
            bytes.append(UInt8(ascii: ":"))
        }
        needsComma = false
    }

    // MARK: Scalars

    /// Writes a string, escaped.
    public mutating func string(_ value: String) {
        if !appendStaged(key: nil, value: value) {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            appendQuoted(value)
        }
        needsComma = true
    }

    /// Writes an integer.
    public mutating func int(_ value: Int) {
        appendInteger(value, afterComma: needsComma)
        needsComma = true
    }

    /// Writes a double as the shortest text that round-trips (`1.0`, `0.1`, `1e+300`); NaN and infinities as `null`.
    public mutating func double(_ value: Double) {
        separate()
        appendDouble(value)
        needsComma = true
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        if needsComma {
            appendLiteral(value ? ",true" : ",false")
        } else {
            appendLiteral(value ? "true" : "false")
        }
        needsComma = true
    }

    /// Writes `null`.
    public mutating func null() {
        appendLiteral(needsComma ? ",null" : "null")
        needsComma = true
    }

    /// Writes any JSON value, keeping object key order.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .int(let number): int(number)
        case .double(let number): double(number)
        case .string(let text): string(text)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let object):
            beginObject()
            for entry in object.entries {
                // Scalar members take the one-append field paths.
                switch entry.value {
                case .string(let text): field(entry.key, text)
                case .int(let number): field(entry.key, number)
                case .null: nullField(entry.key)
                case .bool(let flag): field(entry.key, flag)
                default:
                    key(entry.key)
                    self.value(entry.value)
                }
            }
            endObject()
        }
    }

    /// Writes already-encoded JSON as one value, unchanged. The caller guarantees it is valid JSON.
    public mutating func raw(_ preEncodedJSON: [UInt8]) {
        separate()
        bytes.append(contentsOf: preEncodedJSON)
        needsComma = true
    }

    /// Writes object members the caller has already encoded (`"a":1,"b":{}`), inside an object, after any other
    /// members; the caller guarantees the bytes are valid members.
    public mutating func rawMembers(_ preEncodedMembers: [UInt8]) {
        raw(preEncodedMembers)
    }

    // MARK: Fields

    /// Writes `"key":"value"`, or `"key":null` when `value` is nil.
    public mutating func field(_ key: String, _ value: String?) {
        if let value, appendStaged(key: key, value: value) {
            needsComma = true
            return
        }
        self.key(key)
        if let value { string(value) } else { null() }
    }

    /// Writes `"key":123`, or `"key":null` when `value` is nil.
    public mutating func field(_ key: String, _ value: Int?) {
        guard let value else { return nullField(key) }
        let staged = Self.withDigits(of: value) { digits in appendStaged(key: key, value: nil, raw: digits) }
        if !staged {
            self.key(key)
            int(value)
        }
        needsComma = true
    }

    /// Writes `"key":1.5`, or `"key":null` when `value` is nil.
    public mutating func field(_ key: String, _ value: Double?) {
        self.key(key)
        if let value { double(value) } else { null() }
    }

    /// Writes `"key":true`, or `"key":null` when `value` is nil.
    public mutating func field(_ key: String, _ value: Bool?) {
        guard let value else { return nullField(key) }
        literalField(key, value ? "true" : "false")
    }

    /// Writes `"key":<value>`, or `"key":null` when `value` is nil.
    public mutating func field(_ key: String, _ value: JSONValue?) {
        self.key(key)
        self.value(value ?? .null)
    }

    /// Writes `"key":null`.
    public mutating func nullField(_ key: String) {
        literalField(key, "null")
    }

    /// Writes `"key":<preEncodedJSON>`; the caller guarantees the bytes are valid JSON.
    public mutating func rawField(_ key: String, _ preEncodedJSON: [UInt8]) {
        self.key(key)
        raw(preEncodedJSON)
    }

    // MARK: Encoding

    private mutating func appendLiteral(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends `[,]["key":]["value"][raw]` in a single append when the strings are short and need no
    /// escaping, which is nearly always: each append to an array pays a uniqueness and a capacity check.
    /// Returns false, having written nothing, when the caller must take the general path.
    @inline(__always)
    private mutating func appendStaged(
        key: String?,
        value: String?,
        raw: UnsafeBufferPointer<UInt8>? = nil
    ) -> Bool {
        Self.withUTF8(key) { keyBytes in
            Self.withUTF8(value) { valueBytes in
                let size = (keyBytes?.count ?? 0) + (valueBytes?.count ?? 0) + (raw?.count ?? 0)
                guard size <= Self.stagingLimit else { return false }
                let comma = needsComma
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.stagingLimit + 8) { staging in
                    guard let target = staging.baseAddress else { return false }
                    var length = 0
                    if comma {
                        target[length] = UInt8(ascii: ",")
                        length += 1
                    }
                    if let keyBytes {
                        guard Self.stageQuoted(keyBytes, at: target, length: &length) else { return false }
                        target[length] = UInt8(ascii: ":")
                        length += 1
                    }
                    if let valueBytes {
                        guard Self.stageQuoted(valueBytes, at: target, length: &length) else { return false }
                    }
                    if let raw, let source = raw.baseAddress {
                        _ = Self.copyChecking(from: source, to: target + length, count: raw.count)
                        length += raw.count
                    }
                    bytes.append(contentsOf: UnsafeBufferPointer(start: target, count: length))
                    return true
                }
            }
        }
    }

    /// Writes `"key":<literal>` with one append when possible.
    private mutating func literalField(_ key: String, _ literal: StaticString) {
        let text = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        if !appendStaged(key: key, value: nil, raw: text) {
            self.key(key)
            separate()
            bytes.append(contentsOf: text)
        }
        needsComma = true
    }

    /// Copies `"text"` into the staging buffer; false if the text needs escaping.
    @inline(__always)
    private static func stageQuoted(
        _ text: UnsafeBufferPointer<UInt8>, at target: UnsafeMutablePointer<UInt8>, length: inout Int
    ) -> Bool {
        target[length] = UInt8(ascii: "\"")
        if let source = text.baseAddress {
            guard copyChecking(from: source, to: target + length + 1, count: text.count) else { return false }
        }
        length += text.count + 2
        target[length - 1] = UInt8(ascii: "\"")
        return true
    }

    /// Calls `body` with the UTF-8 bytes of `text` (nil for a nil string, and for the rare string without
    /// contiguous UTF-8 storage, which sends the caller down the general path).
    @inline(__always)
    private static func withUTF8(_ text: String?, _ body: (UnsafeBufferPointer<UInt8>?) -> Bool) -> Bool {
        guard let text else { return body(nil) }
        return text.utf8.withContiguousStorageIfAvailable { body($0) } ?? false
    }

    /// Appends `text` in quotes, escaped.
    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        text.withContiguousUTF8 { utf8 in appendEscaped(utf8) }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let stagingLimit = 120

    /// Copies `count` bytes eight at a time (for strings this short a call to memmove costs more than the
    /// copy) and returns whether none of them needs escaping, tested on the same words.
    @inline(__always)
    private static func copyChecking(
        from source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int
    ) -> Bool {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        var offset = 0
        var special: UInt64 = 0
        while offset + 8 <= count {
            let word = from.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            to.storeBytes(of: word, toByteOffset: offset, as: UInt64.self)
            special |= specialBytes(word)
            offset += 8
        }
        // The last 0-7 bytes go in 4-, 2- and 1-byte pieces, gathered into one word padded with spaces (which
        // need no escaping) for a single test; which lane each byte lands in does not matter.
        var tail: UInt64 = 0x2020_2020_2020_2020
        if count - offset >= 4 {
            let piece = from.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
            to.storeBytes(of: piece, toByteOffset: offset, as: UInt32.self)
            tail = tail << 32 | UInt64(piece)
            offset += 4
        }
        if count - offset >= 2 {
            let piece = from.loadUnaligned(fromByteOffset: offset, as: UInt16.self)
            to.storeBytes(of: piece, toByteOffset: offset, as: UInt16.self)
            tail = tail << 16 | UInt64(piece)
            offset += 2
        }
        if count - offset >= 1 {
            let piece = source[offset]
            target[offset] = piece
            tail = tail << 8 | UInt64(piece)
        }
        special |= specialBytes(tail)
        return special == 0
    }

    /// Nonzero if any byte in the word is below 0x20, `"` or `\` (the exact "has less than" / "has zero
    /// byte" bit tricks, applied to eight bytes at once).
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        return (control | quoteZero | backslashZero) & highBits
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Appends `utf8` with RFC 8259 §7 escaping, copying each run of bytes that need none in one append.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var runStart = 0
        var position = 0
        while position < utf8.count {
            if position + 8 <= utf8.count
                && Self.specialBytes(raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)) == 0
            {
                position += 8
                continue
            }
            let byte = utf8[position]
            guard Self.needsEscape(byte) else {
                position += 1
                continue
            }
            if runStart < position {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
            }
            position += 1
            runStart = position
            switch byte {
            case UInt8(ascii: "\""): appendLiteral("\\\"")
            case UInt8(ascii: "\\"): appendLiteral("\\\\")
            case 0x0A: appendLiteral("\\n")
            case 0x0D: appendLiteral("\\r")
            case 0x09: appendLiteral("\\t")
            case 0x08: appendLiteral("\\b")
            case 0x0C: appendLiteral("\\f")
            default:
                appendLiteral("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0xF)])
            }
        }
        if runStart < utf8.count {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Calls `body` with the decimal digits of `value`, built backwards in a stack buffer.
    @inline(__always)
    private static func withDigits<R>(of value: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var magnitude = value.magnitude
        // 20 digits hold UInt64.max, plus one for the sign.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { digits in
            var start = 21
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude != 0
            if value < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            return body(UnsafeBufferPointer(rebasing: digits[start..<21]))
        }
    }

    private mutating func appendInteger(_ value: Int, afterComma: Bool = false) {
        Self.withDigits(of: value) { digits in
            if afterComma { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: digits)
        }
    }

    private mutating func appendDouble(_ value: Double) {
        guard value.isFinite else {
            appendLiteral("null")
            return
        }
        // Integral values below 2^53 are exact as Int; writing them directly skips String formatting.
        if value == value.rounded(.towardZero) && value.magnitude < 9_007_199_254_740_992 {
            if value == 0 && value.sign == .minus {
                appendLiteral("-0.0")
            } else {
                appendInteger(Int(value))
                appendLiteral(".0")
            }
            return
        }
        // Swift's description is the shortest round-trip form, and for finite values it is valid JSON
        // ("0.1", "1e-07", "1.2345678901234568e+17").
        var text = value.description
        text.withUTF8 { utf8 in bytes.append(contentsOf: utf8) }
    }
}
