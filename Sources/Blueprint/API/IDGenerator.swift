import CBlueprintShim
import Glibc

/// Makes the ids of API objects (`chatcmpl-…`, `resp_…`, `msg_…`, `req_…`). Injected so tests get stable bytes.
public protocol IDGenerator: Sendable {
    /// A new id: `prefix` followed by `length` characters.
    func make(prefix: String, length: Int) -> String
}

/// Random ids in OpenAI's alphabet, from the kernel's cryptographic generator.
///
/// Random bytes come from a pool refilled with one `getrandom(2)` call per 4 KiB: drawing each character through
/// `SystemRandomNumberGenerator` made a system call per 8 bytes and took 42% of a chat request's CPU.
public final class RandomIDGenerator: IDGenerator {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    private struct Pool {
        var bytes = [UInt8](repeating: 0, count: 4096)
        var offset = 4096

        /// Writes letters drawn uniformly from the 62-letter alphabet (bytes 248...255 are rejected to avoid bias).
        mutating func fill(_ letters: UnsafeMutableBufferPointer<UInt8>) {
            var written = 0
            while written < letters.count {
                if offset == bytes.count { refill() }
                bytes.withUnsafeBufferPointer { random in
                    while written < letters.count && offset < random.count {
                        let byte = random[offset]
                        offset &+= 1
                        if byte < 248 {
                            letters[written] = RandomIDGenerator.alphabet[Int(byte % 62)]
                            written &+= 1
                        }
                    }
                }
            }
        }

        mutating func refill() {
            var filled = 0
            bytes.withUnsafeMutableBytes { buffer in
                while filled < buffer.count {
                    let count = getrandom(buffer.baseAddress! + filled, buffer.count - filled, 0)
                    if count > 0 {
                        filled += count
                    } else if errno != EINTR {
                        // getrandom only fails on a kernel without it (before 3.17); there is no safe fallback.
                        fatalError("getrandom failed: errno \(errno)")
                    }
                }
            }
            offset = 0
        }
    }

    private let pool = Locked(Pool())

    /// Creates the generator.
    public init() {}

    public func make(prefix: String, length: Int) -> String {
        var prefix = prefix
        return prefix.withUTF8 { prefix in
            String(unsafeUninitializedCapacity: prefix.count + length) { buffer in
                _ = buffer.initialize(fromContentsOf: prefix)
                pool.withLock { pool in
                    pool.fill(UnsafeMutableBufferPointer(rebasing: buffer[prefix.count..<prefix.count + length]))
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
