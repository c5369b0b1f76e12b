/// Output text kept as UTF-8 bytes with the end offset of every token, so generating appends bytes instead of
/// building a `String` per token. Whoever appends guarantees that the pieces are the tokens `TokenCounter` finds
/// in the whole text.
struct TokenizedText: Sendable, Equatable {
    /// The text so far.
    private(set) var bytes: [UInt8] = []
    /// The end offset in `bytes` of each token (32 bits: texts stay far below 4 GiB, and the word table, read for
    /// every word written, takes half the memory).
    private(set) var ends: [UInt32] = []

    /// Creates an empty text with room for `tokens` tokens.
    init(reservingTokens tokens: Int = 0) {
        bytes.reserveCapacity(tokens * 6)
        ends.reserveCapacity(tokens)
    }

    /// Creates the tokens of `text`.
    init(_ text: String) {
        append(text)
    }

    /// The number of tokens.
    var count: Int { ends.count }

    /// The text as a `String`.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The byte range of token `index`.
    func range(ofToken index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    /// Token `index` as a `String` (small tokens fit inline, without a heap allocation).
    func token(_ index: Int) -> String {
        String(decoding: bytes[range(ofToken: index)], as: UTF8.self)
    }

    /// Appends one token.
    @inline(__always)
    mutating func appendToken(_ token: UnsafeBufferPointer<UInt8>) {
        // Byte by byte: for tokens this short, quicker than `append(contentsOf:)` and its copying machinery.
        for byte in token { bytes.append(byte) }
        ends.append(UInt32(bytes.count))
    }

    /// Appends a token of one ASCII byte.
    @inline(__always)
    mutating func appendToken(ascii byte: UInt8) {
        bytes.append(byte)
        ends.append(UInt32(bytes.count))
    }

    /// Appends `text`, after a space if `leadingSpace`, as the tokens `TokenCounter` finds in it on its own. The
    /// caller makes sure the boundary before it is a token boundary in the joined text.
    mutating func append(_ text: String, leadingSpace: Bool = false) {
        let start = bytes.count
        if leadingSpace { bytes.append(0x20) }
        text.withContiguousUTF8 { bytes.append(contentsOf: $0) }
        bytes.withUnsafeBufferPointer { bytes in
            let added = UnsafeBufferPointer(rebasing: bytes[start...])
            var position = 0
            while position < added.count {
                position = TokenCounter.nextToken(in: added, from: position).end
                ends.append(UInt32(start + position))
            }
        }
    }

    /// Keeps the first `count` tokens.
    mutating func truncate(toTokens count: Int) {
        guard count < ends.count else { return }
        ends.removeSubrange(count...)
        bytes.removeSubrange(Int(ends.last ?? 0)...)
    }

    /// Keeps the first `offset` bytes (a scalar boundary); a token cut short stays as its remaining prefix, which
    /// `TokenCounter` still reads as one token.
    mutating func truncate(toByteOffset offset: Int) {
        guard offset < bytes.count else { return }
        bytes.removeSubrange(offset...)
        while let last = ends.last, last > offset { ends.removeLast() }
        if (ends.last ?? 0) < offset { ends.append(UInt32(offset)) }
    }

    /// The byte offset of the earliest occurrence of any of `needles` (non-empty UTF-8 strings), or nil.
    func firstOccurrence(of needles: [[UInt8]]) -> Int? {
        var earliest: Int?
        bytes.withUnsafeBufferPointer { haystack in
            for needle in needles where !needle.isEmpty && needle.count <= haystack.count {
                let limit = min(haystack.count - needle.count, (earliest ?? Int.max) - 1)
                guard limit >= 0 else { continue }
                let first = needle[0]
                var start = 0
                while start <= limit {
                    if haystack[start] == first && needle.indices.allSatisfy({ haystack[start + $0] == needle[$0] }) {
                        earliest = start
                        break
                    }
                    start += 1
                }
            }
        }
        return earliest
    }
}
