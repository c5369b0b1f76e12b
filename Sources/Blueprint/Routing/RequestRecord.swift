/// What a handler learns about a request that the access log and metrics want: the model, whether it streamed, and
/// the tokens used. One record per request, shared by reference along the middleware chain.
public final class RequestRecord: Sendable {
    private struct Fields {
        var model: String?
        var stream = false
        var usage: TokenUsage?
    }

    private let fields = Locked(Fields())

    /// Creates an empty record.
    public init() {}

    /// Notes the model and the stream flag.
    public func note(model: String, stream: Bool) {
        fields.withLock {
            $0.model = model
            $0.stream = stream
        }
    }

    /// Notes the token usage.
    public func note(usage: TokenUsage) {
        fields.withLock { $0.usage = usage }
    }

    /// The model, if a handler noted one.
    public var model: String? { fields.withLock { $0.model } }
    /// Whether the response streamed.
    public var stream: Bool { fields.withLock { $0.stream } }
    /// The usage, if known.
    public var usage: TokenUsage? { fields.withLock { $0.usage } }
}
