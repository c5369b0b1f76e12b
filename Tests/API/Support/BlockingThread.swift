import Glibc

/// A plain thread for blocking test I/O (never on the cooperative pool).
final class BlockingThread: @unchecked Sendable {
    private let body: () -> Void

    init(_ body: @escaping () -> Void) {
        self.body = body
    }

    func start() {
        let box = Unmanaged.passRetained(self)
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { raw in
                let thread = Unmanaged<BlockingThread>.fromOpaque(raw!).takeRetainedValue()
                thread.body()
                return nil
            }, box.toOpaque())
        precondition(result == 0)
        pthread_detach(thread)
    }
}
