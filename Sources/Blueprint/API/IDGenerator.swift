import Synchronization

/// Makes the ids of API objects (`chatcmpl-…`, `resp_…`, `msg_…`, `req_…`). Injected so tests get stable bytes.
public protocol IDGenerator: Sendable {
    /// A new id: `prefix` followed by `length` characters.
    func make(prefix: String, length: Int) -> String
}

/// Random ids in OpenAI's alphabet.
///
/// Ids are unique and unpredictable enough to correlate requests, not secrets: nothing is authorised by knowing one.
/// Each id takes the next value of an atomic counter (one per `ThreadStripe`); its letters are SplitMix64 outputs
/// (Steele, Lea and Flood 2014) of that value and a seed from the kernel's `getrandom(2)`. No lock is taken and the
/// loops share no counter; drawing every id from the kernel instead cost 0.2 us per id.
public final class RandomIDGenerator: IDGenerator {
    private let seed: UInt64
    /// A counter per `ThreadStripe`, padded apart: the loops never share one.
    private final class Cell: Sendable {
        let counter = Atomic<UInt64>(0)
        private let padding: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0)
    }
    private let cells = Striped { Cell() }

    /// Creates a generator with a fresh seed.
    public init() {
        var system = SystemRandomNumberGenerator()
        seed = system.next()
    }

    public func make(prefix: String, length: Int) -> String {
        // The bijective mix of a counter value is a distinct key per id; the letters come from the key's own stream.
        let stripe = ThreadStripe.current
        // Stripe `s` counts s, s + count, s + 2 count, ...: no value is drawn twice.
        let value = cells.all[stripe].counter.wrappingAdd(1, ordering: .relaxed).oldValue &* UInt64(ThreadStripe.count)
        let key = Self.mix(seed &+ (value &+ UInt64(stripe)) &* Self.golden)
        return prefix.withContiguousUTF8 { prefix in
            String(unsafeUninitializedCapacity: prefix.count + length) { buffer in
                _ = buffer.initialize(fromContentsOf: prefix)
                var written = prefix.count
                var word: UInt64 = 0
                var bits: UInt64 = 0
                var digitsLeft = 0
                while written < buffer.count {
                    if digitsLeft == 0 {
                        word &+= 1
                        bits = Self.mix(key &+ word &* Self.golden)
                        digitsLeft = 10
                    }
                    // The next base-62 digit of bits / 2^64, by a table lookup that leaves no branch to mispredict.
                    // Multiplying by 62 = 2 * 31 drops one bit, so the tenth digit still comes from 2^55 equally
                    // likely values: every letter is within 62 / 2^55 of uniform.
                    let product = bits.multipliedFullWidth(by: 62)
                    buffer[written] = Self.alphabet.utf8Start[Int(product.high)]
                    bits = product.low
                    digitsLeft &-= 1
                    written &+= 1
                }
                return written
            }
        }
    }

    private static let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

    private static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// SplitMix64's finaliser: a bijection on 64-bit values that spreads every input bit over the output.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Ids that count up (`chatcmpl-000…001`), for tests that compare bytes.
public final class SequentialIDGenerator: IDGenerator {
    private let counter = Locked(0)

    /// Creates the generator, starting at 1.
    public init() {}

    public func make(prefix: String, length: Int) -> String {
        let next = counter.withLock { value -> Int in
            value += 1
            return value
        }
        let digits = String(next)
        return prefix + String(repeating: "0", count: max(0, length - digits.count)) + digits
    }
}
