import Dispatch
import Glibc

/// Turns process signals into an awaitable event. The default action of each signal is replaced, so SIGTERM and
/// SIGINT start a graceful shutdown instead of killing the process.
final class SignalListener: @unchecked Sendable {
    // Dispatch sources are thread-safe; the array is set once in `init` and never changed.
    private let sources: [any DispatchSourceSignal]
    private let received = Locked<(signal: Int32?, waiter: CheckedContinuation<Int32, Never>?)>((nil, nil))

    init(signals: [Int32]) {
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            _ = signal(number, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: number, queue: .global()))
        }
        self.sources = sources
        for (source, number) in zip(sources, signals) {
            source.setEventHandler { [weak self] in self?.deliver(number) }
            source.resume()
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    private func deliver(_ number: Int32) {
        let waiter = received.withLock { state -> CheckedContinuation<Int32, Never>? in
            if state.signal == nil { state.signal = number }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: number)
    }

    /// Waits for the first signal.
    func next() async -> Int32 {
        await withCheckedContinuation { continuation in
            let ready = received.withLock { state -> Int32? in
                if let signal = state.signal { return signal }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
