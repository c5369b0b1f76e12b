/// Keeps every line in memory, for tests.
public final class MemoryLogSink: LogSink {
    private let writes = Locked<[[UInt8]]>([])

    /// Creates an empty sink.
    public init() {}

    /// Stores the line exactly as written.
    public func write(_ line: [UInt8]) {
        writes.withLock { $0.append(line) }
    }

    /// Every `write(_:)` call's bytes, in order, including the trailing line feed.
    public var rawLines: [[UInt8]] {
        writes.withLock { $0 }
    }

    /// Every line as text, without its trailing line feed.
    public var lines: [String] {
        rawLines.map { line in
            String(decoding: line.last == UInt8(ascii: "\n") ? line.dropLast() : line[...], as: UTF8.self)
        }
    }
}
