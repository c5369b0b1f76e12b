/// The application's name and version, read from `Version.json` (`{"name": "...", "version": "..."}`).
public struct VersionInfo: Sendable, Equatable {
    /// Why `Version.json` could not be used.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, as a sentence naming `Version.json`.
        public var message: String

        /// Creates a parse error.
        public init(message: String) {
            self.message = message
        }

        /// The message.
        public var description: String { message }
    }

    /// The application's name, such as `blueprint`.
    public var name: String
    /// The application's version, such as `1.2.0`.
    public var version: String

    /// The name and version used in development and test when `Version.json` cannot be read.
    public static let developmentFallback = VersionInfo(name: "blueprint", version: "0.0.0-dev")

    /// Creates version information.
    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    /// Parses the bytes of `Version.json`. Both fields must be non-empty strings without control characters;
    /// surrounding whitespace is removed.
    public init(json bytes: [UInt8]) throws(ParseError) {
        guard let object = try? JSONParser.parse(bytes).objectValue else {
            throw ParseError(
                message: #"Version.json must be a JSON object like {"name": "blueprint", "version": "1.0.0"}"#)
        }
        name = try Self.field("name", object["name"]?.stringValue)
        version = try Self.field("version", object["version"]?.stringValue)
    }

    private static func field(_ key: String, _ value: String?) throws(ParseError) -> String {
        let trimmed = (value ?? "").trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw ParseError(message: "Version.json needs a non-empty string \"\(key)\"")
        }
        guard trimmed.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) else {
            throw ParseError(message: "Version.json \"\(key)\" must not contain control characters")
        }
        return trimmed
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else {
            return ""
        }
        return String(scalars[first...last])
    }
}
