/// A fixed set of word keys (`MockVocabulary.key(ofASCIIWord:)`), for telling topics from built-in and stop words:
/// an open-addressing table, at most half full, probed linearly from a multiplicative hash. A lookup costs a
/// multiplication and a load or two, several times less than `Set<UInt64>`, which hashes with seeded SipHash.
struct MockWordKeySet: Sendable {
    /// Each key in the first free slot at or after its hash's slot, wrapping around; 0 marks a free slot (only the
    /// empty word packs to 0, and it is no member).
    private var slots: [UInt64]
    /// Moves the top bits of a key's 64-bit product down to a slot index.
    private let shift: UInt64

    /// Creates the set of `keys`.
    init(_ keys: [UInt64]) {
        var bits = 4
        while 1 << bits < 2 * keys.count { bits += 1 }
        slots = Array(repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
        for key in keys where key != 0 && !contains(key) {
            var index = slot(of: key)
            while slots[index] != 0 { index = (index + 1) & (slots.count - 1) }
            slots[index] = key
        }
    }

    /// Whether `key` is in the set.
    func contains(_ key: UInt64) -> Bool {
        var index = slot(of: key)
        while true {
            let found = slots[index]
            if found == 0 { return false }
            if found == key { return true }
            index = (index + 1) & (slots.count - 1)
        }
    }

    /// The slot where the search for `key` starts (Fibonacci hashing: the golden-ratio multiplier spreads close
    /// keys apart).
    private func slot(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
