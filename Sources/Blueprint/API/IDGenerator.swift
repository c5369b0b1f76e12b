import Synchronization

/// Makes the ids of API objects (`chatcmpl-…`, `resp_…`, `msg_…`, `req_…`). Injected so tests get stable bytes.
public protocol IDGenerator: Sendable {
    /// A new id: `prefix` followed by `length` characters.
    func make(prefix: String, length: Int) -> String
}

/// Random ids from the system's cryptographic generator, in OpenAI's alphabet.
public struct RandomIDGenerator: IDGenerator {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// Creates the generator.
    public init() {}

    public func make(prefix: String, length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = Array(prefix.utf8)
        bytes.reserveCapacity(bytes.count + length)
        for _ in 0..<length {
            bytes.append(RandomIDGenerator.alphabet[Int(generator.next(upperBound: UInt8(62)))])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Ids that count up (`chatcmpl-000…001`), for tests that compare bytes.
public final class SequentialIDGenerator: IDGenerator {
    private let counter = Atomic<Int>(0)

    /// Creates the generator, starting at 1.
    public init() {}

    public func make(prefix: String, length: Int) -> String {
        let next = counter.add(1, ordering: .relaxed).newValue
        let digits = String(next)
        return prefix + String(repeating: "0", count: max(0, length - digits.count)) + digits
    }
}
