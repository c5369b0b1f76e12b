import CBlueprintShim
import Glibc

/// An operating-system call that failed, with the call's name and `errno`.
public struct SystemCallError: Error, CustomStringConvertible, Sendable {
    /// The name of the call, e.g. `bind`.
    public let call: String
    /// The `errno` value.
    public let errno: Int32

    /// `bind: Address already in use (errno 98)`
    public var description: String {
        "\(call): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// Thin wrappers over the socket calls: `EINTR` is retried everywhere except `close`, whose descriptor is gone
/// even when it reports `EINTR` on Linux (retrying could close a descriptor another thread just opened).
enum SystemCall {
    /// Calls `body` until it does not fail with `EINTR`; returns its result or throws with `errno`.
    @inline(__always)
    static func retrying<T: BinaryInteger>(_ call: @autoclosure () -> String, _ body: () -> T) throws(SystemCallError)
        -> T
    {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemCallError(call: call(), errno: code)
        }
    }

    /// Closes a descriptor exactly once; errors other than `EBADF` are ignored, `EBADF` is a programming error.
    static func close(_ fd: Int32) {
        let result = Glibc.close(fd)
        if result < 0 && Glibc.errno == EBADF {
            preconditionFailure("close(\(fd)) returned EBADF: the descriptor was closed twice")
        }
    }

    /// Nanoseconds on the monotonic clock.
    @inline(__always)
    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// Sets an integer socket option.
    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) throws(SystemCallError) {
        var value = value
        _ = try retrying("setsockopt") {
            setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Ignores SIGPIPE for the whole process: a peer that goes away must surface as `EPIPE`, not kill us.
    static func ignoreSIGPIPE() {
        _ = signal(SIGPIPE, SIG_IGN)
    }
}
