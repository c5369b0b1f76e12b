extension Settings {
    /// Which browser origins may call the API cross-origin (`CORS_ORIGINS`).
    public enum CORSOrigins: Sendable, Equatable {
        /// No cross-origin access: CORS headers are never sent.
        case disabled
        /// Any origin (`CORS_ORIGINS=*`).
        case any
        /// Exactly these origins, each `scheme://host[:port]` in lowercase.
        case only([String])

        /// Whether a request from `origin` (the `Origin` header's value) may be answered with CORS headers.
        public func allows(_ origin: String) -> Bool {
            switch self {
            case .disabled: false
            case .any: true
            case .only(let origins): origins.contains(origin)
            }
        }
    }
}
