/// The severity of a log line, ordered `trace < debug < info < notice < warning < error < critical`.
public enum LogLevel: String, Sendable, CaseIterable, Comparable {
    /// Very detailed tracing, off in production.
    case trace
    /// Information useful when debugging.
    case debug
    /// Normal operation.
    case info
    /// Normal but significant events, such as startup and shutdown.
    case notice
    /// Something unexpected that the server handled.
    case warning
    /// A failure of one operation.
    case error
    /// A failure that threatens the whole process.
    case critical

    /// Compares by severity.
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.severity < rhs.severity
    }

    private var severity: Int {
        switch self {
        case .trace: 0
        case .debug: 1
        case .info: 2
        case .notice: 3
        case .warning: 4
        case .error: 5
        case .critical: 6
        }
    }
}
