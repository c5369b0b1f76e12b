/// Builds a log line's bytes by hand: a flat JSON object (RFC 8259) followed by `\n`.
enum LogLineEncoder {
    /// Starts a line with `{"ts":…,"level":…,"msg":…` and `"request_id":…` when present.
    static func begin(timestamp: Duration, level: LogLevel, message: String, requestID: String?) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(128 + message.utf8.count)
        line.append(contentsOf: #"{"ts":""#.utf8)
        appendTimestamp(timestamp, to: &line)
        line.append(contentsOf: #"","level":""#.utf8)
        line.append(contentsOf: level.rawValue.utf8)
        line.append(contentsOf: #"","msg":"#.utf8)
        appendString(message, to: &line)
        if let requestID {
            appendField("request_id", .string(requestID), to: &line)
        }
        return line
    }

    /// Appends `,"key":value`.
    static func appendField(_ key: String, _ value: LogValue, to line: inout [UInt8]) {
        line.append(UInt8(ascii: ","))
        appendString(key, to: &line)
        line.append(UInt8(ascii: ":"))
        switch value {
        case .string(let string): appendString(string, to: &line)
        case .int(let int): line.append(contentsOf: String(int).utf8)
        // Swift's shortest round-trip form (`0.25`, `1e-07`, `1.0`) is a valid JSON number once finite.
        case .double(let double): line.append(contentsOf: (double.isFinite ? double.description : "null").utf8)
        case .bool(let bool): line.append(contentsOf: (bool ? "true" : "false").utf8)
        }
    }

    /// Closes the object and the line.
    static func end(_ line: inout [UInt8]) {
        line.append(UInt8(ascii: "}"))
        line.append(UInt8(ascii: "\n"))
    }

    /// Appends a JSON string. RFC 8259 §7: quote, backslash and U+0000–U+001F must be escaped; line feed,
    /// carriage return and tab use their short forms, other control characters `\u00XX`; everything else,
    /// non-ASCII included, is copied as UTF-8, in runs rather than byte by byte.
    static func appendString(_ string: String, to line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        string.withContiguousUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscaped(byte, to: &line)
                runStart = index + 1
            }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        line.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ byte: UInt8, to line: inout [UInt8]) {
        line.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): line.append(byte)
        case UInt8(ascii: "\n"): line.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): line.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): line.append(UInt8(ascii: "t"))
        default:
            line.append(UInt8(ascii: "u"))
            line.append(UInt8(ascii: "0"))
            line.append(UInt8(ascii: "0"))
            line.append(hexDigit(byte >> 4))
            line.append(hexDigit(byte & 0x0F))
        }
    }

    /// Appends `YYYY-MM-DDTHH:MM:SS.mmmZ` (RFC 3339 §5.6) for a time since the Unix epoch, truncated to the
    /// millisecond. Times outside years 1970–9999 are clamped, as RFC 3339 has four-digit years.
    static func appendTimestamp(_ sinceEpoch: Duration, to line: inout [UInt8]) {
        let (seconds, attoseconds) = sinceEpoch.components
        let latest: Int64 = 253_402_300_799_999  // 9999-12-31T23:59:59.999Z
        let milliseconds: Int64
        if seconds < 0 || attoseconds < 0 {
            milliseconds = 0
        } else if seconds > latest / 1000 {
            milliseconds = latest
        } else {
            milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        }
        let days = milliseconds / 86_400_000
        let millisecondOfDay = milliseconds % 86_400_000
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        appendDigits(year, width: 4, to: &line)
        line.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &line)
        line.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &line)
        line.append(UInt8(ascii: "T"))
        appendDigits(millisecondOfDay / 3_600_000, width: 2, to: &line)
        line.append(UInt8(ascii: ":"))
        appendDigits(millisecondOfDay / 60_000 % 60, width: 2, to: &line)
        line.append(UInt8(ascii: ":"))
        appendDigits(millisecondOfDay / 1000 % 60, width: 2, to: &line)
        line.append(UInt8(ascii: "."))
        appendDigits(millisecondOfDay % 1000, width: 3, to: &line)
        line.append(UInt8(ascii: "Z"))
    }

    // Howard Hinnant's days_from_civil inverse, for non-negative day counts
    // (https://howardhinnant.github.io/date_algorithms.html#civil_from_days).
    private static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = daysSinceEpoch + 719_468  // days since 0000-03-01
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func appendDigits(_ value: Int64, width: Int, to line: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            line.append(UInt8(ascii: "0") + UInt8(remaining / divisor))
            remaining %= divisor
            divisor /= 10
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
