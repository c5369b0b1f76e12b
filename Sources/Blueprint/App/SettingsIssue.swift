/// One problem with the settings: the variable (or file) it concerns and a sentence saying what it expects.
///
/// Messages never contain a secret's value.
public struct SettingsIssue: Sendable, Equatable, CustomStringConvertible {
    /// The environment variable the problem concerns, or `.env` / `Version.json` for problems in those files.
    public var variable: String
    /// A sentence that names ``variable`` and says what it expects.
    public var message: String

    /// Creates an issue.
    public init(variable: String, message: String) {
        self.variable = variable
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
