/// A small, fast, deterministic random number generator (SplitMix64).
///
/// The same seed yields the same sequence on every run and platform, so a mock model seeded from a
/// request's text answers the same request with the same bytes. The helpers below are defined here rather
/// than taken from the standard library's `random(in:using:)`, whose algorithm may change between releases.
/// Not for cryptography.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits (SplitMix64, Steele, Lea and Flood 2014).
    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject method); 0 when `bound` is 0.
    @inline(__always)
    public mutating func next(below bound: UInt64) -> UInt64 {
        guard bound > 0 else { return 0 }
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound))
        if width == UInt64.max { return Int(Int64(bitPattern: next())) }
        return range.lowerBound &+ Int(Int64(bitPattern: next(below: width + 1)))
    }

    /// A uniform double in `0..<1` with 53 random bits.
    public mutating func unitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `numerator / denominator`.
    @inline(__always)
    public mutating func chance(_ numerator: UInt64, in denominator: UInt64) -> Bool {
        next(below: denominator) < numerator
    }

    /// A uniformly chosen element, or nil for an empty collection.
    public mutating func element<C: RandomAccessCollection>(of collection: C) -> C.Element? {
        guard !collection.isEmpty else { return nil }
        let offset = Int(next(below: UInt64(collection.count)))
        return collection[collection.index(collection.startIndex, offsetBy: offset)]
    }

    /// The elements in a random order (Fisher-Yates).
    public mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
        var result = elements
        var position = result.count
        while position > 1 {
            let other = Int(next(below: UInt64(position)))
            position -= 1
            result.swapAt(position, other)
        }
        return result
    }

    /// A 64-bit FNV-1a hash of `bytes`, for seeding from a request's text.
    public static func seed(from bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = FNV1a()
        hash.add(bytes)
        return hash.value
    }
}
