import Blueprint
import Dispatch
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One request in flight on `URLSessionUpstreamClient`: the continuation waiting for the response head, the body
/// stream, and the two timers. Every path that ends the wait (head, failure, timeout, cancellation) takes the
/// continuation out under the lock, so it is resumed exactly once.
final class UpstreamExchange: Sendable {
    private struct State {
        var continuation: CheckedContinuation<UpstreamResponse, any Error>?
        /// A failure that came before `start` installed the continuation (a cancellation race).
        var earlyFailure: UpstreamTransportError?
        /// Whether the head was delivered or the wait ended with an error.
        var settled = false
        var headDelivered = false
        var connectTimer: (any DispatchSourceTimer)?
        var headTimer: (any DispatchSourceTimer)?
        /// The body, until it is handed out with the head: only the consumer may keep it alive, so that dropping it
        /// cancels the transfer.
        var body: AsyncThrowingStream<[UInt8], any Error>?
    }

    private let task: URLSessionDataTask
    private let target: String
    private let connectTimeout: Duration?
    private let headTimeout: Duration
    private let state: Locked<State>
    private let bodyContinuation: AsyncThrowingStream<[UInt8], any Error>.Continuation

    init(task: URLSessionDataTask, target: String, connectTimeout: Duration?, headTimeout: Duration) {
        self.task = task
        self.target = target
        self.connectTimeout = connectTimeout
        self.headTimeout = headTimeout
        let (body, bodyContinuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
        self.bodyContinuation = bodyContinuation
        state = Locked(State(body: body))
        bodyContinuation.onTermination = { termination in
            // The consumer dropped the stream or its task was cancelled: stop the transfer.
            if case .cancelled = termination { task.cancel() }
        }
    }

    /// Installs the continuation, arms the timers and starts the task. Returns false when a cancellation came
    /// first; the continuation has then been resumed with it and the task never starts.
    func start(_ continuation: CheckedContinuation<UpstreamResponse, any Error>) -> Bool {
        let early = state.withLock { state -> UpstreamTransportError? in
            if let failure = state.earlyFailure {
                state.settled = true
                return failure
            }
            state.continuation = continuation
            if let connectTimeout {
                state.connectTimer = timer(after: connectTimeout) { exchange in
                    exchange.fail(.connectFailed("Connecting to \(exchange.target) timed out."))
                }
            }
            state.headTimer = timer(after: headTimeout) { exchange in exchange.fail(.timedOut) }
            return nil
        }
        if let early {
            // The session registered the task when it was made; cancelling it lets the session forget it.
            task.cancel()
            continuation.resume(throwing: early)
            return false
        }
        task.resume()
        return true
    }

    /// Ends the wait for the head with `error` and cancels the transfer; does nothing once the wait has ended.
    func fail(_ error: UpstreamTransportError) {
        let continuation = state.withLock { state -> CheckedContinuation<UpstreamResponse, any Error>? in
            guard !state.settled else { return nil }
            guard let continuation = state.continuation else {
                state.earlyFailure = error
                return nil
            }
            state.settled = true
            state.continuation = nil
            Self.cancelTimers(&state)
            return continuation
        }
        guard let continuation else { return }
        task.cancel()
        continuation.resume(throwing: error)
    }

    /// The request body went out, so the connection stands: the connect timer is done.
    func sentBody() {
        state.withLock { state in
            state.connectTimer?.cancel()
            state.connectTimer = nil
        }
    }

    /// The response head arrived.
    func receivedHead(status: Int, headers: [String: String]) {
        let handOver = state.withLock {
            state -> (CheckedContinuation<UpstreamResponse, any Error>, AsyncThrowingStream<[UInt8], any Error>)? in
            guard !state.settled, let continuation = state.continuation, let body = state.body else { return nil }
            state.settled = true
            state.headDelivered = true
            state.continuation = nil
            state.body = nil
            Self.cancelTimers(&state)
            return (continuation, body)
        }
        guard let (continuation, body) = handOver else { return }
        continuation.resume(returning: UpstreamResponse(status: status, headers: headers, body: body))
    }

    /// Body bytes arrived.
    func received(_ bytes: [UInt8]) {
        bodyContinuation.yield(bytes)
    }

    /// The task finished, with `error` when it failed.
    func completed(error: (any Error)?) {
        let (continuation, headDelivered) = state.withLock {
            state -> (CheckedContinuation<UpstreamResponse, any Error>?, Bool) in
            Self.cancelTimers(&state)
            state.body = nil
            if state.settled { return (nil, state.headDelivered) }
            state.settled = true
            defer { state.continuation = nil }
            return (state.continuation, false)
        }
        let failure = error.map { UpstreamTransportError(transferError: $0, target: target, afterHead: headDelivered) }
        if headDelivered {
            if let failure {
                bodyContinuation.finish(throwing: failure)
            } else {
                bodyContinuation.finish()
            }
            return
        }
        bodyContinuation.finish()
        continuation?.resume(
            throwing: failure
                ?? UpstreamTransportError.connectFailed("\(target) closed the connection without a response."))
    }

    private func timer(after delay: Duration, _ fire: @escaping @Sendable (UpstreamExchange) -> Void)
        -> any DispatchSourceTimer
    {
        let timer = DispatchSource.makeTimerSource(queue: .global())
        let nanoseconds = delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
        timer.schedule(deadline: .now() + .nanoseconds(Int(max(0, nanoseconds))))
        timer.setEventHandler { [weak self] in
            if let self { fire(self) }
        }
        timer.resume()
        return timer
    }

    private static func cancelTimers(_ state: inout State) {
        state.connectTimer?.cancel()
        state.connectTimer = nil
        state.headTimer?.cancel()
        state.headTimer = nil
    }
}
