/// Makes the ids of API objects (`chatcmpl-…`, `resp_…`, `msg_…`, `req_…`). Injected so tests get stable bytes.
public protocol IDGenerator: Sendable {
    /// A new id: `prefix` followed by `length` characters.
    func make(prefix: String, length: Int) -> String
}

/// Random ids in OpenAI's alphabet.
///
/// Ids are unique and unpredictable enough to correlate requests, not secrets: nothing is authorised by knowing one.
/// Letters come from a xoshiro256** generator (Blackman and Vigna 2018) seeded from the kernel's `getrandom(2)`:
/// drawing every id from the kernel cost 0.2 us per id, a tenth of the whole middleware chain.
public final class RandomIDGenerator: IDGenerator {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// xoshiro256** state.
    private struct State {
        var words: (UInt64, UInt64, UInt64, UInt64)

        mutating func next() -> UInt64 {
            let result = rotate(words.1 &* 5, 7) &* 9
            let shifted = words.1 << 17
            words.2 ^= words.0
            words.3 ^= words.1
            words.1 ^= words.2
            words.0 ^= words.3
            words.2 ^= shifted
            words.3 = rotate(words.3, 45)
            return result
        }

        private func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
            (value << bits) | (value >> (64 &- bits))
        }

        /// Writes letters drawn uniformly from the 62-letter alphabet: six bits per letter, 62 and 63 rejected.
        mutating func fill(_ letters: UnsafeMutableBufferPointer<UInt8>) {
            RandomIDGenerator.alphabet.withUnsafeBufferPointer { alphabet in
                var written = 0
                while written < letters.count {
                    var bits = next()
                    for _ in 0..<10 where written < letters.count {
                        let index = Int(bits & 63)
                        bits >>= 6
                        if index < 62 {
                            letters[written] = alphabet[index]
                            written &+= 1
                        }
                    }
                }
            }
        }
    }

    private let state: Locked<State>

    /// Creates the generator, seeded from the kernel (`SystemRandomNumberGenerator` reads `getrandom(2)` on Linux).
    public init() {
        var system = SystemRandomNumberGenerator()
        var seed = (system.next(), system.next(), system.next(), system.next())
        // xoshiro's one forbidden state is all zeros.
        if seed == (0, 0, 0, 0) { seed.0 = 1 }
        state = Locked(State(words: seed))
    }

    public func make(prefix: String, length: Int) -> String {
        var prefix = prefix
        return prefix.withUTF8 { prefix in
            String(unsafeUninitializedCapacity: prefix.count + length) { buffer in
                _ = buffer.initialize(fromContentsOf: prefix)
                state.withLock { state in
                    state.fill(UnsafeMutableBufferPointer(rebasing: buffer[prefix.count..<prefix.count + length]))
                }
                return prefix.count + length
            }
        }
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
