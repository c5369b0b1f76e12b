/// Byte classes and comparisons from the HTTP grammar (RFC 9110 §5.6, RFC 9112), for parsing without `String`.
enum HTTPSyntax {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let semicolon: UInt8 = 0x3B

    /// `tchar` (RFC 9110 §5.6.2): the bytes of a token such as a method or a field name, as a bit set: bit `n` of
    /// `tokenBytesBelow64` is byte `n`, bit `n` of `tokenBytesFrom64` is byte `64 + n`. The letters, the digits
    /// and ``!#$%&'*+-.^_`|~``.
    static let tokenBytesBelow64: UInt64 = 0x03FF_6CFA_0000_0000
    static let tokenBytesFrom64: UInt64 = 0x57FF_FFFF_C7FF_FFFE

    /// Whether a byte is a `tchar` (RFC 9110 §5.6.2).
    @inline(__always) static func isTokenByte(_ byte: UInt8) -> Bool {
        let bits = byte < 64 ? tokenBytesBelow64 : tokenBytesFrom64
        return byte < 128 && (bits >> UInt64(byte & 63)) & 1 == 1
    }

    /// `OWS` (RFC 9110 §5.6.3): space or horizontal tab.
    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// A byte allowed in a field value (RFC 9110 §5.5): HTAB, SP, VCHAR and obs-text; no other control byte.
    @inline(__always) static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte >= space ? byte != 0x7F : byte == tab
    }

    /// A byte allowed in a request target: visible ASCII (RFC 9112 §3.2, RFC 3986 §2). Non-ASCII must be
    /// percent-encoded, so that the target is always valid UTF-8.
    @inline(__always) static func isTargetByte(_ byte: UInt8) -> Bool {
        byte > space && byte < 0x7F
    }

    /// A byte of `uri-host [ ":" port ]` (RFC 3986 §3.2.2): unreserved, pct-encoded, sub-delims, ":" and the
    /// brackets of an IP literal.
    @inline(__always) static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "%"),
            UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
            true
        default:
            false
        }
    }

    /// The value of a hexadecimal digit, or nil.
    @inline(__always) static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte &- UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte &- UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// Whether `bytes[range]` equals `literal`, exactly.
    @inline(__always) static func equals(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ literal: StaticString
    ) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let expected = literal.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != expected[offset] {
            return false
        }
        return true
    }

    /// Whether `bytes[range]` equals `literal` (given in lower case), ignoring ASCII case.
    @inline(__always) static func equalsIgnoringCase(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ literal: StaticString
    ) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let expected = literal.utf8Start
        for offset in 0..<range.count where HTTPHeaders.lowercased(bytes[range.lowerBound + offset]) != expected[offset]
        {
            return false
        }
        return true
    }

    /// `range` without leading and trailing OWS.
    @inline(__always) static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && isWhitespace(bytes[start]) { start += 1 }
        while end > start && isWhitespace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    /// Calls `body` with each element of the comma-separated list in `bytes[range]`, trimmed of OWS; empty
    /// elements included (RFC 9110 §5.6.1).
    @inline(__always) static func forEachListElement<E: Error>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Range<Int>) throws(E) -> Void
    ) throws(E) {
        var start = range.lowerBound
        var index = start
        while index < range.upperBound {
            if bytes[index] == comma {
                try body(trimmed(bytes, start..<index))
                start = index + 1
            }
            index += 1
        }
        try body(trimmed(bytes, start..<range.upperBound))
    }
}
