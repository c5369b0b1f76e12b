import Glibc

/// Writes one JSON object per line to a `LogSink`:
///
/// ```json
/// {"ts":"2025-11-21T14:26:00.123Z","level":"info","msg":"listening","request_id":"r1","port":8080}
/// ```
///
/// `ts` (RFC 3339, UTC, milliseconds), `level` and `msg` always come first, then `request_id` when set, then the
/// logger's metadata and the call's metadata in the order given. Keys should be unique and not reuse those four.
/// Lines below `minimumLevel` cost one comparison: the message and metadata are not evaluated.
public struct Logger: Sendable {
    /// Lines below this level are dropped.
    public var minimumLevel: LogLevel
    /// Where lines go.
    public let sink: any LogSink
    /// The request id written as `request_id`, if any.
    public private(set) var requestID: String?

    private let now: @Sendable () -> Duration
    private var metadata: [(key: String, value: LogValue)] = []

    /// Creates a logger. `now` returns the wall-clock time since the Unix epoch; inject a fixed one in tests.
    public init(
        minimumLevel: LogLevel = .info, sink: any LogSink = StandardErrorLogSink(),
        now: @escaping @Sendable () -> Duration = Logger.wallClockNow
    ) {
        self.minimumLevel = minimumLevel
        self.sink = sink
        self.now = now
    }

    /// The real-time clock (`CLOCK_REALTIME`) as a duration since the Unix epoch.
    public static func wallClockNow() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    /// A logger that writes `request_id` on every line.
    public func with(requestID: String) -> Logger {
        var child = self
        child.requestID = requestID
        return child
    }

    /// A logger that writes `metadata` on every line, after any metadata this logger already has.
    public func with(metadata: KeyValuePairs<String, LogValue>) -> Logger {
        var child = self
        child.metadata.append(contentsOf: metadata.map { (key: $0.key, value: $0.value) })
        return child
    }

    /// Whether a line at `level` would be written.
    public func isEnabled(_ level: LogLevel) -> Bool {
        level >= minimumLevel
    }

    /// Writes one line at `level` if it is at least `minimumLevel`.
    public func log(
        _ level: LogLevel, _ message: @autoclosure () -> String,
        metadata callMetadata: @autoclosure () -> KeyValuePairs<String, LogValue> = [:]
    ) {
        guard isEnabled(level) else { return }
        write(level, message(), callMetadata().map { ($0.key, $0.value) })
    }

    /// Writes one line at `level` with fields built at run time (an access log's varying set of fields).
    public func log(
        _ level: LogLevel, _ message: @autoclosure () -> String, fields: @autoclosure () -> [(String, LogValue)]
    ) {
        guard isEnabled(level) else { return }
        write(level, message(), fields())
    }

    private func write(_ level: LogLevel, _ message: String, _ callMetadata: [(String, LogValue)]) {
        var line = LogLineEncoder.begin(timestamp: now(), level: level, message: message, requestID: requestID)
        for (key, value) in metadata {
            LogLineEncoder.appendField(key, value, to: &line)
        }
        for (key, value) in callMetadata {
            LogLineEncoder.appendField(key, value, to: &line)
        }
        LogLineEncoder.end(&line)
        sink.write(line)
    }

    /// Writes a `trace` line.
    public func trace(
        _ message: @autoclosure () -> String, metadata: @autoclosure () -> KeyValuePairs<String, LogValue> = [:]
    ) {
        log(.trace, message(), metadata: metadata())
    }

    /// Writes a `debug` line.
    public func debug(
        _ message: @autoclosure () -> String, metadata: @autoclosure () -> KeyValuePairs<String, LogValue> = [:]
    ) {
        log(.debug, message(), metadata: metadata())
    }

    /// Writes an `info` line.
    public func info(
        _ message: @autoclosure () -> String, metadata: @autoclosure () -> KeyValuePairs<String, LogValue> = [:]
    ) {
        log(.info, message(), metadata: metadata())
    }

    /// Writes a `notice` line.
    public func notice(
        _ message: @autoclosure () -> String, metadata: @autoclosure () -> KeyValuePairs<String, LogValue> = [:]
    ) {
        log(.notice, message(), metadata: metadata())
    }

    /// Writes a `warning` line.
    public func warning(
        _ message: @autoclosure () -> String, metadata: @autoclosure () -> KeyValuePairs<String, LogValue> = [:]
    ) {
        log(.warning, message(), metadata: metadata())
    }

    /// Writes an `error` line.
    public func error(
        _ message: @autoclosure () -> String, metadata: @autoclosure () -> KeyValuePairs<String, LogValue> = [:]
    ) {
        log(.error, message(), metadata: metadata())
    }

    /// Writes a `critical` line.
    public func critical(
        _ message: @autoclosure () -> String, metadata: @autoclosure () -> KeyValuePairs<String, LogValue> = [:]
    ) {
        log(.critical, message(), metadata: metadata())
    }
}
