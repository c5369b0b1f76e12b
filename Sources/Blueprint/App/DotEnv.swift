/// The variables of a `.env` file, parsed from its text.
///
/// The accepted syntax is a small, explicit subset of what shells and the common dotenv libraries read:
/// - `KEY=value` and `export KEY=value`, one per line; a key is ASCII letters, digits and `_`,
///   not starting with a digit. Whitespace around keys and values is trimmed.
/// - Blank lines and lines starting with `#` are ignored.
/// - An unquoted value ends at the first `#` preceded by a space or tab (an inline comment), so `a#b` stays `a#b`.
/// - `'single quoted'` values are taken literally.
/// - `"double quoted"` values understand the escapes `\n`, `\r`, `\t`, `\"` and `\\`; any other backslash is kept.
/// - After a closing quote only whitespace or a `#` comment may follow.
///
/// Lines that do not follow these rules are listed in ``problems`` with their 1-based line number; the rest of
/// the file is still read. When a key appears twice, the later line wins, as in a shell. Problem messages never
/// repeat a value, because values are often secrets.
public struct DotEnv: Sendable, Equatable {
    /// A line of a `.env` file that could not be read.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The 1-based line number.
        public var line: Int
        /// What is wrong with the line. It never contains the line's value.
        public var message: String

        /// Creates a problem report for a line.
        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        /// The problem as `.env line N: message`.
        public var description: String { ".env line \(line): \(message)" }
    }

    /// The variables that were read, by name.
    public var values: [String: String]
    /// The lines that could not be read, in file order.
    public var problems: [Problem]

    /// Parses the text of a `.env` file.
    public init(parsing text: String) {
        values = [:]
        problems = []
        var body = Substring(text)
        if body.first == "\u{FEFF}" {
            body = body.dropFirst()
        }
        let lines = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (index, line) in lines.enumerated() {
            switch Self.parseLine(line) {
            case .skip:
                continue
            case .entry(let key, let value):
                values[key] = value
            case .problem(let message):
                problems.append(Problem(line: index + 1, message: message))
            }
        }
    }

    private enum LineResult {
        case skip
        case entry(key: String, value: String)
        case problem(String)
    }

    private static func parseLine(_ rawLine: Substring) -> LineResult {
        var line = trimmed(rawLine)
        if line.isEmpty || line.first == "#" {
            return .skip
        }
        if line.hasPrefix("export"), let next = line.dropFirst(6).first, isBlank(next) {
            line = trimmed(line.dropFirst(6))
        }
        guard let equals = line.firstIndex(of: "=") else {
            return .problem("expected KEY=value")
        }
        let key = trimmed(line[..<equals])
        guard isValidKey(key) else {
            return .problem(
                "a variable name must be ASCII letters, digits and underscores, and must not start with a digit")
        }
        let afterEquals = line[line.index(after: equals)...]
        let rest = trimmed(afterEquals)
        switch rest.first {
        case "\"":
            return parseDoubleQuoted(key: String(key), rest.dropFirst())
        case "'":
            return parseSingleQuoted(key: String(key), rest.dropFirst())
        default:
            // Scanned untrimmed so that `KEY= # comment` is an empty value while `KEY=#x` is `#x`.
            return .entry(key: String(key), value: String(unquotedValue(afterEquals)))
        }
    }

    private static func parseDoubleQuoted(key: String, _ text: Substring) -> LineResult {
        var value = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if character == "\"" {
                return finishQuoted(key: key, value: value, after: text[index...])
            }
            guard character == "\\", index < text.endIndex else {
                value.append(character)
                continue
            }
            let escaped = text[index]
            index = text.index(after: index)
            switch escaped {
            case "n": value.append("\n")
            case "r": value.append("\r")
            case "t": value.append("\t")
            case "\"": value.append("\"")
            case "\\": value.append("\\")
            default:
                value.append("\\")
                value.append(escaped)
            }
        }
        return .problem("the double-quoted value of \(key) has no closing quote")
    }

    private static func parseSingleQuoted(key: String, _ text: Substring) -> LineResult {
        guard let close = text.firstIndex(of: "'") else {
            return .problem("the single-quoted value of \(key) has no closing quote")
        }
        return finishQuoted(key: key, value: String(text[..<close]), after: text[text.index(after: close)...])
    }

    private static func finishQuoted(key: String, value: String, after: Substring) -> LineResult {
        let tail = trimmed(after)
        guard tail.isEmpty || tail.first == "#" else {
            return .problem("unexpected text after the closing quote of \(key)")
        }
        return .entry(key: key, value: value)
    }

    /// An unquoted value ends where an inline comment starts: a `#` preceded by a space or tab.
    private static func unquotedValue(_ text: Substring) -> Substring {
        var previous: Character?
        for index in text.indices {
            if text[index] == "#", let previous, isBlank(previous) {
                return trimmed(text[..<index])
            }
            previous = text[index]
        }
        return trimmed(text)
    }

    private static func isValidKey(_ key: Substring) -> Bool {
        guard let first = key.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return key.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                true
            default:
                false
            }
        }
    }

    private static func isBlank(_ character: Character) -> Bool {
        character == " " || character == "\t"
    }

    private static func trimmed(_ text: Substring) -> Substring {
        guard let first = text.firstIndex(where: { !isBlank($0) }),
            let last = text.lastIndex(where: { !isBlank($0) })
        else {
            return text[text.endIndex...]
        }
        return text[first...last]
    }
}
