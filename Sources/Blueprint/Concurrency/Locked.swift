import Glibc

/// A value guarded by a `pthread_mutex_t`.
///
/// Blueprint uses this instead of `Synchronization.Mutex` on purpose: on Linux, `Mutex` locks inside the
/// uninstrumented standard library, so ThreadSanitizer cannot see it and reports false races on every value it
/// guards (checked with a two-thread counter that ends exactly right yet draws 14 reports). A pthread mutex is
/// intercepted by ThreadSanitizer, so `swift test --sanitize=thread` reports only real races.
public final class Locked<Value>: @unchecked Sendable {
    // `value` is only touched while `mutex` is held.
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// Creates a lock around `value`.
    public init(_ value: Value) {
        self.value = value
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        let result = pthread_mutex_init(mutex, nil)
        precondition(result == 0, "pthread_mutex_init failed: \(result)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    @inline(__always)
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
