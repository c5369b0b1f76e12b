/// Reads fields of a JSON configuration document, collecting every problem with the JSON path at fault and what
/// was expected, instead of stopping at the first.
struct JSONConfigReader {
    /// The problems found so far, `path: message` each.
    private(set) var problems: [String] = []

    /// Records a problem at `path`.
    mutating func fail(_ path: String, _ message: String) {
        problems.append("\(path): \(message)")
    }

    /// Records `expected <expects>, got <value>` at `path`.
    mutating func unexpected(_ path: String, expects: String, got value: JSONValue) {
        fail(path, "expected \(expects), got \(Self.describe(value))")
    }

    /// The object in `value`, or nil after recording that one was expected.
    mutating func object(_ value: JSONValue, at path: String, expects: String = "an object") -> JSONObject? {
        guard let object = value.objectValue else {
            unexpected(path, expects: expects, got: value)
            return nil
        }
        return object
    }

    /// Records every member of `object` whose key is not in `known`; a misspelt field must not pass silently.
    mutating func rejectUnknownKeys(_ object: JSONObject, at path: String, known: [String]) {
        for key in object.keys where !known.contains(key) {
            fail(
                Self.member(path, key),
                "unknown field; expected one of " + known.joined(separator: ", "))
        }
    }

    /// The string member `key`, if present and `isValid`; otherwise nil, after recording a problem when it is present
    /// but invalid, or missing while `required`.
    mutating func string(
        _ object: JSONObject, _ key: String, at path: String, required: Bool = false, expects: String,
        isValid: (String) -> Bool
    ) -> String? {
        let location = Self.member(path, key)
        guard let value = object[key] else {
            if required { fail(location, "missing; expected \(expects)") }
            return nil
        }
        guard let text = value.stringValue, isValid(text) else {
            unexpected(location, expects: expects, got: value)
            return nil
        }
        return text
    }

    /// The integer member `key` in `range`, or `fallback` when it is missing (or invalid, after recording it).
    mutating func integer(
        _ object: JSONObject, _ key: String, at path: String, in range: ClosedRange<Int>, default fallback: Int,
        meaning: String
    ) -> Int {
        guard let value = object[key] else { return fallback }
        guard let number = value.intValue, range.contains(number) else {
            unexpected(
                Self.member(path, key),
                expects: "an integer from \(range.lowerBound) to \(range.upperBound) (\(meaning))", got: value)
            return fallback
        }
        return number
    }

    /// `path.key`, or `key` at the top level.
    static func member(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// A value for a message: strings quoted, escaped and shortened; other values by their JSON type.
    static func describe(_ value: JSONValue) -> String {
        guard let text = value.stringValue else { return value.typeName }
        let limit = 64
        return text.count > limit ? String(text.prefix(limit)).debugDescription + "…" : text.debugDescription
    }

    /// Visible ASCII only (no spaces or control characters), at least one character.
    static func isVisibleASCII(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// Letters, digits, `.`, `_` and `-`, 1 to 64 characters.
    static func isName(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy {
                isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
                    || $0 == UInt8(ascii: "-")
            }
    }

    /// A POSIX environment variable name: letters, digits and `_`, not starting with a digit.
    static func isEnvironmentName(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return text.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
    }

    /// An absolute `http://` or `https://` URL: a host (name, IPv4 or bracketed IPv6), an optional port from 1 to
    /// 65535 and an optional path, in visible ASCII. User information (`user:password@`) is refused: secrets
    /// belong in environment variables, not in URLs.
    static func isHTTPURL(_ text: String) -> Bool {
        guard isVisibleASCII(text) else { return false }
        guard let rest = text.lowercased().droppingHTTPScheme() else { return false }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains("@") else { return false }
        var port: Substring = ""
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return false }
            let address = authority[authority.index(after: authority.startIndex)..<close]
            guard !address.isEmpty, address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                return false
            }
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.first == ":" else { return false }
            port = after.dropFirst()
            if after.isEmpty { return true }
        } else {
            let host = authority.prefix { $0 != ":" }
            guard !host.isEmpty,
                host.utf8.allSatisfy({
                    isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                })
            else {
                return false
            }
            guard host.endIndex < authority.endIndex else { return true }
            port = authority[authority.index(after: host.endIndex)...]
        }
        guard let number = SettingsReader.parseDecimal(String(port)) else { return false }
        return (1...65_535).contains(number)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
