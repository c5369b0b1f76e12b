/// Why the settings were refused: every problem found, not just the first.
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in the order the variables are documented in `.env.example`.
    public var issues: [SettingsIssue]

    /// Creates an error listing `issues`.
    public init(issues: [SettingsIssue]) {
        self.issues = issues
    }

    /// The issues' variable names, in order.
    public var variables: [String] { issues.map(\.variable) }

    /// One problem per line.
    public var description: String {
        issues.map(\.message).joined(separator: "\n")
    }
}
