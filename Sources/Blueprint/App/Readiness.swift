import Synchronization

/// Whether the server takes traffic: `/health/ready` answers 503 while starting or draining.
public final class Readiness: Sendable {
    /// The lifecycle phase.
    public enum Phase: Int, Sendable {
        case starting, ready, draining
    }

    private let phase = Atomic<Int>(Phase.starting.rawValue)

    /// Creates a readiness flag in the starting phase.
    public init() {}

    /// The current phase.
    public var current: Phase { Phase(rawValue: phase.load(ordering: .acquiring)) ?? .starting }

    /// Moves to a phase.
    public func set(_ next: Phase) {
        phase.store(next.rawValue, ordering: .releasing)
    }
}
