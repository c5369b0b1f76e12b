/// Checks for the JSON Schema `format` values Blueprint understands.
///
/// date-time, date and time follow RFC 3339 §5.6 (time needs an offset, as JSON Schema's `time` is
/// `full-time`); email is a pragmatic `local@domain` check, not full RFC 5321; uri requires an RFC 3986
/// scheme; uuid is the 8-4-4-4-12 hex form. Other formats are annotations and are not checked.
enum JSONSchemaFormat {
    /// Whether `text` satisfies `format`; nil for a format that is not checked.
    static func isValid(_ text: String, format: String) -> Bool? {
        let utf8 = Array(text.utf8)
        switch format {
        case "date-time": return isDateTime(utf8)
        case "date": return utf8.count == 10 && isFullDate(utf8[...])
        case "time": return isFullTime(utf8[...])
        case "email": return isEmail(utf8)
        case "uuid": return isUUID(utf8)
        case "uri": return isURI(utf8)
        case "hostname": return isHostname(utf8[...])
        case "ipv4": return isIPv4(utf8)
        default: return nil
        }
    }

    private static func digits(_ bytes: ArraySlice<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        let start = bytes.startIndex + offset
        guard start + count <= bytes.endIndex else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func byte(_ bytes: ArraySlice<UInt8>, _ offset: Int) -> UInt8? {
        let position = bytes.startIndex + offset
        return position < bytes.endIndex ? bytes[position] : nil
    }

    /// `full-date = date-fullyear "-" date-month "-" date-mday`, with days checked against the month.
    private static func isFullDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let year = digits(bytes, 0, 4), byte(bytes, 4) == UInt8(ascii: "-"),
            let month = digits(bytes, 5, 2), byte(bytes, 7) == UInt8(ascii: "-"),
            let day = digits(bytes, 8, 2), (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// `full-time = partial-time time-offset`.
    private static func isFullTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let hour = digits(bytes, 0, 2), byte(bytes, 2) == UInt8(ascii: ":"),
            let minute = digits(bytes, 3, 2), byte(bytes, 5) == UInt8(ascii: ":"),
            let second = digits(bytes, 6, 2), hour <= 23, minute <= 59, second <= 60
        else { return false }
        var offset = 8
        if byte(bytes, offset) == UInt8(ascii: ".") {
            offset += 1
            let fractionStart = offset
            while let next = byte(bytes, offset), next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") {
                offset += 1
            }
            guard offset > fractionStart else { return false }
        }
        switch byte(bytes, offset) {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return bytes.count == offset + 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let offsetHour = digits(bytes, offset + 1, 2), byte(bytes, offset + 3) == UInt8(ascii: ":"),
                let offsetMinute = digits(bytes, offset + 4, 2)
            else { return false }
            return offsetHour <= 23 && offsetMinute <= 59 && bytes.count == offset + 6
        default:
            return false
        }
    }

    private static func isDateTime(_ bytes: [UInt8]) -> Bool {
        guard bytes.count > 11, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else {
            return false
        }
        return isFullDate(bytes[0..<10]) && isFullTime(bytes[11...])
    }

    private static func isEmail(_ bytes: [UInt8]) -> Bool {
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else { return false }
        let allowed = bytes.allSatisfy { $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\"") }
        return allowed && bytes[..<at].firstIndex(of: UInt8(ascii: "@")) == nil && isHostname(bytes[(at + 1)...])
    }

    private static func isUUID(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 36 else { return false }
        for (position, byte) in bytes.enumerated() {
            if position == 8 || position == 13 || position == 18 || position == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard isHexDigit(byte) else { return false }
            }
        }
        return true
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }

    /// `scheme ":" hier-part` with `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )` (RFC 3986 §3.1),
    /// and no characters that must be percent-encoded.
    private static func isURI(_ bytes: [UInt8]) -> Bool {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, isLetter(bytes[0]) else {
            return false
        }
        for byte in bytes[..<colon] {
            guard
                isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".")
            else { return false }
        }
        let forbidden: Set<UInt8> = Set(" \"<>\\^`{|}".utf8)
        return bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && !forbidden.contains($0) }
    }

    /// RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens, at most 63 bytes each.
    private static func isHostname(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"),
                label.last != UInt8(ascii: "-"),
                label.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return true
    }

    private static func isIPv4(_ bytes: [UInt8]) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(isDigit),
                part.count == 1 || part.first != UInt8(ascii: "0"), let value = digits(part, 0, part.count),
                value <= 255
            else { return false }
        }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
