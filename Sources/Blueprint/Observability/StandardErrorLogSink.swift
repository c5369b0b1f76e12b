import Glibc

/// Writes each line to standard error with one `write(2)` call, unbuffered, so lines appear immediately in a
/// container's log and lines from concurrent tasks never interleave (writes of up to `PIPE_BUF` bytes to a pipe
/// are atomic, POSIX.1-2017 `write`).
public struct StandardErrorLogSink: LogSink {
    /// Creates the sink.
    public init() {}

    /// Writes the line; retries after a signal and continues after a partial write; drops it on any other error.
    public func write(_ line: [UInt8]) {
        line.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var written = 0
            while written < bytes.count {
                let result = Glibc.write(STDERR_FILENO, base + written, bytes.count - written)
                if result > 0 {
                    written += result
                } else if result < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
