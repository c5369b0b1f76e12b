/// The result of loading settings that were accepted: the settings, the warnings to log, and the development
/// API token generated for this run, if any.
///
/// `description`, `debugDescription` and `dump` never show the generated token; read
/// ``generatedDevelopmentToken`` to print it deliberately, once.
public struct LoadedSettings: Sendable, Equatable {
    /// The accepted settings.
    public var settings: Settings
    /// Problems that did not prevent starting, one sentence each, for the caller to log. They contain no secrets.
    public var warnings: [String]
    /// The API token generated because `API_AUTH_TOKENS` was empty in development, or `nil`.
    /// It is also the only entry of ``Settings/apiAuthTokens``.
    public var generatedDevelopmentToken: String?

    /// Creates a loaded-settings value.
    public init(settings: Settings, warnings: [String], generatedDevelopmentToken: String?) {
        self.settings = settings
        self.warnings = warnings
        self.generatedDevelopmentToken = generatedDevelopmentToken
    }
}

extension LoadedSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The settings, warnings and whether a token was generated, without the token.
    public var description: String {
        let token = generatedDevelopmentToken == nil ? "nil" : Settings.redacted
        return "LoadedSettings(settings: \(settings), warnings: \(warnings), generatedDevelopmentToken: \(token))"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// Children with the generated token redacted, so `dump` cannot reveal it.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "settings": settings,
                "warnings": warnings,
                "generatedDevelopmentToken": generatedDevelopmentToken == nil ? "nil" : Settings.redacted,
            ],
            displayStyle: .struct
        )
    }
}
