/// Reads and validates variables for ``Settings/load(environment:dotEnvText:versionJSON:activeProcessorCount:generateToken:)``,
/// collecting every problem instead of stopping at the first.
struct SettingsReader {
    /// The variables with the process environment laid over the `.env` file. Values are trimmed, and empty
    /// values are dropped from both sources first, so an empty variable means "use the default" and does
    /// not hide a value from the `.env` file.
    let values: [String: String]
    /// The profile whose rules apply.
    var profile: EnvironmentProfile = .development
    private(set) var issues: [SettingsIssue] = []
    private(set) var warnings: [String] = []

    init(environment: [String: String], dotEnv: [String: String]) {
        values = Self.nonEmpty(dotEnv).merging(Self.nonEmpty(environment)) { _, fromEnvironment in fromEnvironment }
    }

    /// The trimmed value of `key`, or `nil` when it is unset or empty.
    func value(_ key: String) -> String? {
        values[key]
    }

    mutating func fail(_ variable: String, _ message: String) {
        issues.append(SettingsIssue(variable: variable, message: message))
    }

    mutating func warn(_ message: String) {
        warnings.append(message)
    }

    /// The value of `key`; when it is unset in a strict profile and `requiredInStrict`, records that it is
    /// required and returns `nil`.
    mutating func value(_ key: String, requiredInStrict: Bool, expects: String) -> String? {
        if let value = values[key] {
            return value
        }
        if requiredInStrict && profile.isStrict {
            fail(key, "\(key) is required in \(profile.rawValue): set it to \(expects)")
        }
        return nil
    }

    /// An integer in `range`, or `fallback` when unset (or invalid, after recording the problem).
    mutating func integer(
        _ key: String,
        in range: ClosedRange<Int>,
        default fallback: Int,
        requiredInStrict: Bool = false,
        meaning: String? = nil
    ) -> Int {
        var expects = "an integer from \(range.lowerBound) to \(range.upperBound)"
        if let meaning {
            expects += " (\(meaning))"
        }
        guard let text = value(key, requiredInStrict: requiredInStrict, expects: expects) else {
            return fallback
        }
        guard let number = Self.parseDecimal(text), range.contains(number) else {
            fail(key, "\(key) must be \(expects), got \(Self.quoted(text))")
            return fallback
        }
        return number
    }

    /// A duration given in whole milliseconds in `range`.
    mutating func milliseconds(_ key: String, in range: ClosedRange<Int>, default fallback: Int) -> Duration {
        .milliseconds(integer(key, in: range, default: fallback, meaning: "milliseconds"))
    }

    /// `true`/`false`, also accepting `1`/`0`, `yes`/`no` and `on`/`off`, in any case.
    mutating func boolean(_ key: String, default fallback: Bool) -> Bool {
        guard let text = value(key) else {
            return fallback
        }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default:
            fail(key, "\(key) must be true or false, got \(Self.quoted(text))")
            return fallback
        }
    }

    /// One of the raw values of `T`, matched case-insensitively.
    mutating func choice<T: RawRepresentable & CaseIterable>(
        _ key: String,
        default fallback: T,
        requiredInStrict: Bool = false
    ) -> T where T.RawValue == String {
        let names = T.allCases.map(\.rawValue)
        let expects = "one of " + names.joined(separator: ", ")
        guard let text = value(key, requiredInStrict: requiredInStrict, expects: expects) else {
            return fallback
        }
        guard let match = T.allCases.first(where: { $0.rawValue == text.lowercased() }) else {
            fail(key, "\(key) must be \(expects), got \(Self.quoted(text))")
            return fallback
        }
        return match
    }

    /// Parses unsigned ASCII decimal digits; `nil` for anything else, including signs and overflow.
    static func parseDecimal(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return Int(text)
    }

    /// A non-secret value quoted for a message, escaped and shortened so a bad value cannot flood or forge log lines.
    static func quoted(_ text: String) -> String {
        let limit = 64
        if text.count > limit {
            return String(text.prefix(limit)).debugDescription + "…"
        }
        return text.debugDescription
    }

    /// Splits a comma-separated list, trimming entries and dropping empty ones.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: true)
            .map { trimmed($0) }
            .filter { !$0.isEmpty }
    }

    private static func nonEmpty(_ variables: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in variables {
            let value = trimmed(Substring(value))
            if !value.isEmpty {
                result[key] = value
            }
        }
        return result
    }

    private static func trimmed(_ text: Substring) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) })
        else {
            return ""
        }
        return String(text[first...last])
    }
}
