/// Where a `Logger` sends its lines.
public protocol LogSink: Sendable {
    /// Writes one complete line: a JSON object followed by a single `\n`. Must not throw or suspend; a sink
    /// that cannot write drops the line.
    func write(_ line: [UInt8])
}
