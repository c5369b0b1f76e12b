/// Deterministic embedding vectors for the mock model.
///
/// A vector is the sum of a sparse part and a dense part, scaled to unit length. The sparse part adds ±1 at 8
/// positions chosen by each word's hash (words compared in lower case, without their leading space; for token
/// inputs, each token id), so texts that share words point in similar directions. The dense part is noise seeded
/// by the whole input with 0.6 times the sparse part's length, so different inputs always differ. A shorter
/// `dimensions` keeps the first entries of the full vector and rescales them to unit length.
enum MockEmbedder {
    /// Positions each word touches.
    static let positionsPerWord = 8
    /// The dense part's length relative to the sparse part's.
    static let noiseWeight = 0.6

    /// The embedding of `input`: computed at `dimensions`, then cut to `truncatedTo` and rescaled to unit length.
    static func vector(for input: EmbeddingRequest.Input, dimensions: Int, truncatedTo length: Int) -> [Float] {
        var sum = [Double](repeating: 0, count: dimensions)
        let inputSeed: UInt64
        switch input {
        case .text(let text):
            inputSeed = SeededGenerator.seed(from: text.utf8)
            text.withContiguousUTF8 { bytes in
                var position = 0
                while position < bytes.count {
                    let (end, kind) = TokenCounter.nextToken(in: bytes, from: position)
                    if kind != .whitespace && kind != .newline {
                        let start = bytes[position] == 0x20 ? position + 1 : position
                        let word = bytes[start..<end].lazy.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
                        addWord(seed: SeededGenerator.seed(from: word), to: &sum)
                    }
                    position = end
                }
            }
        case .tokens(let tokens):
            var bytes: [UInt8] = []
            bytes.reserveCapacity(tokens.count * 8)
            for token in tokens {
                withUnsafeBytes(of: Int64(token).littleEndian) { bytes.append(contentsOf: $0) }
                addWord(seed: UInt64(bitPattern: Int64(token)) ^ 0x746F_6B65_6E00_0000, to: &sum)
            }
            inputSeed = SeededGenerator.seed(from: bytes) ^ 0x746F_6B65_6E73_0000
        }
        let sparseNorm = norm(sum[...])
        var noise = SeededGenerator(seed: inputSeed)
        var dense = [Double](repeating: 0, count: dimensions)
        for index in 0..<dimensions { dense[index] = noise.unitDouble() * 2 - 1 }
        let scale = sparseNorm > 0 ? noiseWeight * sparseNorm / norm(dense[...]) : 1
        for index in 0..<dimensions { sum[index] += dense[index] * scale }
        let kept = sum[..<length]
        let keptNorm = norm(kept)
        guard keptNorm > 0 else { return [1] + [Float](repeating: 0, count: length - 1) }
        return kept.map { Float($0 / keptNorm) }
    }

    private static func addWord(seed: UInt64, to sum: inout [Double]) {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<positionsPerWord {
            let bits = random.next()
            let position = Int(bits.multipliedFullWidth(by: UInt64(sum.count)).high)
            sum[position] += bits & 1 == 0 ? 1 : -1
        }
    }

    private static func norm(_ values: ArraySlice<Double>) -> Double {
        values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}
