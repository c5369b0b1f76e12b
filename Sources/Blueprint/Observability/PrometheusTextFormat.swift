/// The byte-level rules of the Prometheus text exposition format 0.0.4: escaping, number formatting and names.
enum PrometheusTextFormat {
    /// Appends `# HELP` text, escaping backslash and line feed (the only escapes HELP allows).
    static func appendEscapedHelp(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            default: output.append(byte)
            }
        }
    }

    /// Appends a label value, escaping backslash, double quote and line feed.
    static func appendEscapedLabelValue(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\n"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            default: output.append(byte)
            }
        }
    }

    /// Appends one sample line: `name{label="value",...} value`, or `name value` without labels.
    static func appendSample(name: String, labels: [(String, String)], value: String, to output: inout [UInt8]) {
        output.append(contentsOf: name.utf8)
        if !labels.isEmpty {
            output.append(UInt8(ascii: "{"))
            for (index, (labelName, labelValue)) in labels.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                output.append(contentsOf: labelName.utf8)
                output.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
                appendEscapedLabelValue(labelValue, to: &output)
                output.append(UInt8(ascii: "\""))
            }
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: value.utf8)
        output.append(UInt8(ascii: "\n"))
    }

    /// Formats a sample value or `le` bound: `+Inf`, `-Inf` and `NaN` as the format spells them, whole numbers
    /// below 2^53 without a fraction or exponent (`1`, `1234567`), anything else as the shortest string that
    /// reads back to the same `Double` (`0.005`, `2.5`, `1e-07`).
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value.rounded(.towardZero) == value, value.magnitude < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }

    /// Whether `name` matches `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isValidMetricName(_ name: String) -> Bool {
        isValidName(name, allowsColon: true)
    }

    /// Whether `name` matches `[a-zA-Z_][a-zA-Z0-9_]*` and does not start with the reserved `__`.
    static func isValidLabelName(_ name: String) -> Bool {
        isValidName(name, allowsColon: false) && !name.hasPrefix("__")
    }

    private static func isValidName(_ name: String, allowsColon: Bool) -> Bool {
        guard let first = name.utf8.first, !isDigit(first) else { return false }
        return name.utf8.allSatisfy { byte in
            isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || (allowsColon && byte == UInt8(ascii: ":"))
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
