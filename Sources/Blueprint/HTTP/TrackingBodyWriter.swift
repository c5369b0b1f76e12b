import Synchronization

/// A body writer that passes writes on and remembers whether any happened.
public final class TrackingBodyWriter: ResponseBodyWriter {
    private let next: any ResponseBodyWriter
    private let wrote = Atomic<Bool>(false)

    /// Wraps a writer.
    public init(_ next: any ResponseBodyWriter) {
        self.next = next
    }

    /// Whether anything was written.
    public var hasWritten: Bool { wrote.load(ordering: .relaxed) }

    public func write(_ bytes: [UInt8]) async throws {
        wrote.store(true, ordering: .relaxed)
        try await next.write(bytes)
    }
}
