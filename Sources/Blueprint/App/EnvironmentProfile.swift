/// The deployment environment the server runs in, chosen with the `ENVIRONMENT` variable.
///
/// The profile decides which settings have defaults and how strictly they are checked: the strict
/// profiles (``staging`` and ``production``) refuse to start unless the settings that matter for a
/// public deployment are given explicitly.
public enum EnvironmentProfile: String, Sendable, CaseIterable {
    /// A developer's machine: everything has a default and a random API token is generated when none is set.
    case development
    /// Automated tests: everything has a default and the API token defaults to `test_key`.
    case test
    /// A pre-production deployment, checked as strictly as production.
    case staging
    /// A public deployment.
    case production

    /// Whether the profile requires explicit, validated settings (true for staging and production).
    public var isStrict: Bool {
        switch self {
        case .development, .test: false
        case .staging, .production: true
        }
    }
}
