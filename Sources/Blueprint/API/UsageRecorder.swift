/// Passes events on to another sink and remembers the usage event, for metrics.
final class UsageRecorder: GenerationSink {
    private let next: any GenerationSink
    private let usage = Locked<TokenUsage?>(nil)

    init(_ next: any GenerationSink) {
        self.next = next
    }

    /// The usage the backend reported, if it did.
    var total: TokenUsage? { usage.withLock { $0 } }

    func send(_ event: GenerationEvent) async throws {
        if case .usage(let value) = event { usage.withLock { $0 = value } }
        try await next.send(event)
    }
}
