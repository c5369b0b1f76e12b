extension Settings {
    /// Default values shared by ``Settings/init(profile:)`` and the loader, kept in one place so `.env.example`
    /// has a single source to agree with.
    enum Defaults {
        static let host = "127.0.0.1"
        static let port = 8000
        static let logLevel = LogLevel.info
        static let testToken = "test_key"
        static let shutdownGraceSeconds = 10
        static let maxBodyBytes = 4 * 1024 * 1024
        static let maxHeaderBytes = 32_768
        static let maxHeaderCount = 100
        static let maxRequestLineBytes = 8_192
        static let headerReadTimeoutMilliseconds = 10_000
        static let bodyReadTimeoutMilliseconds = 30_000
        // Longer than the 60 s idle timeout common in load balancers, so the proxy closes idle connections
        // first and never sends a request on a connection the server is closing.
        static let idleTimeoutMilliseconds = 75_000
        static let recommendedMinimumIdleTimeoutMilliseconds = 60_000
        static let minimumStrictTokenLength = 16
        static let modelListRefreshSeconds = 300

        /// 600 per minute in development; disabled in test so test suites never trip over it. Staging and
        /// production must set it explicitly; this value only serves ``Settings/init(profile:)``.
        static func rateLimitPerMinute(_ profile: EnvironmentProfile) -> Int {
            profile == .test ? 0 : 600
        }
    }
}
