/// Formats durations the way Go's `time.Duration.String` does, which is the format of OpenAI's
/// `x-ratelimit-reset-requests` and `x-ratelimit-reset-tokens` headers: `0s`, `20ms`, `1.5s`, `6m0s`, `1h2m3s`.
public enum GoDuration {
    /// Formats `duration` exactly as Go's `time.Duration.String` does, at nanosecond precision.
    ///
    /// Durations under a microsecond use `ns`, under a millisecond `µs` (U+00B5, not ASCII), under a second `ms`;
    /// longer ones use `h`, `m` and `s` with a decimal fraction of seconds. Durations beyond Go's range
    /// (about 292 years) are clamped to it. Use ``headerValue(_:)`` for HTTP header values.
    public static func format(_ duration: Duration) -> String {
        format(nanoseconds: nanoseconds(of: duration))
    }

    /// Formats a signed number of nanoseconds exactly as Go's `time.Duration.String` does.
    public static func format(nanoseconds: Int64) -> String {
        // Built backwards from the unit, as Go's implementation does.
        var reversed: [UInt8] = []
        reversed.reserveCapacity(32)
        var value = nanoseconds.magnitude
        if value < 1_000_000_000 {
            reversed.append(UInt8(ascii: "s"))
            let precision: Int
            switch value {
            case 0:
                return "0s"
            case ..<1_000:
                precision = 0
                reversed.append(UInt8(ascii: "n"))
            case ..<1_000_000:
                precision = 3
                // "µ" is U+00B5, encoded as C2 B5 in UTF-8; appended backwards.
                reversed.append(contentsOf: [0xB5, 0xC2])
            default:
                precision = 6
                reversed.append(UInt8(ascii: "m"))
            }
            value = appendFraction(&reversed, value, precision: precision)
            appendInteger(&reversed, value)
        } else {
            reversed.append(UInt8(ascii: "s"))
            value = appendFraction(&reversed, value, precision: 9)
            appendInteger(&reversed, value % 60)
            value /= 60
            if value > 0 {
                reversed.append(UInt8(ascii: "m"))
                appendInteger(&reversed, value % 60)
                value /= 60
                if value > 0 {
                    reversed.append(UInt8(ascii: "h"))
                    appendInteger(&reversed, value)
                }
            }
        }
        if nanoseconds < 0 {
            reversed.append(UInt8(ascii: "-"))
        }
        return String(decoding: reversed.reversed(), as: UTF8.self)
    }

    /// Formats `duration` for an HTTP header: rounded up to whole milliseconds so the text is plain ASCII
    /// (no `µs`) and a client that waits that long is never early. Negative durations format as `0s`.
    public static func headerValue(_ duration: Duration) -> String {
        let nanoseconds = max(0, nanoseconds(of: duration))
        let remainder = nanoseconds % 1_000_000
        let (rounded, overflow) = nanoseconds.addingReportingOverflow(remainder == 0 ? 0 : 1_000_000 - remainder)
        return format(nanoseconds: overflow ? nanoseconds - remainder : rounded)
    }

    /// The whole nanoseconds in `duration`, truncated toward zero and clamped to the range of `Int64`.
    public static func nanoseconds(of duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (wholeSeconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow {
            return seconds < 0 ? .min : .max
        }
        let (total, sumOverflow) = wholeSeconds.addingReportingOverflow(attoseconds / 1_000_000_000)
        if sumOverflow {
            return seconds < 0 ? .min : .max
        }
        return total
    }

    /// Writes the fractional digits of `value` (backwards), dropping trailing zeros and the dot when all are zero,
    /// and returns `value` divided by 10^precision.
    private static func appendFraction(_ reversed: inout [UInt8], _ value: UInt64, precision: Int) -> UInt64 {
        var value = value
        var printing = false
        for _ in 0..<precision {
            let digit = value % 10
            printing = printing || digit != 0
            if printing {
                reversed.append(UInt8(ascii: "0") + UInt8(digit))
            }
            value /= 10
        }
        if printing {
            reversed.append(UInt8(ascii: "."))
        }
        return value
    }

    /// Writes the decimal digits of `value` backwards.
    private static func appendInteger(_ reversed: inout [UInt8], _ value: UInt64) {
        var value = value
        repeat {
            reversed.append(UInt8(ascii: "0") + UInt8(value % 10))
            value /= 10
        } while value > 0
    }
}
