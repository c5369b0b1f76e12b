/// A running 64-bit FNV-1a hash (Fowler, Noll and Vo), so that a seed can be hashed from several pieces without
/// first joining them into one buffer.
struct FNV1a {
    /// The hash of the bytes added so far.
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    /// Adds one byte.
    @inline(__always)
    mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// Adds `bytes` in order.
    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { add(byte: byte) }
    }

    /// Adds the UTF-8 bytes of `text`.
    mutating func add(utf8 text: String) {
        text.withContiguousUTF8 { add($0) }
    }

    /// Adds the 8 bytes of `number`, least significant first.
    mutating func add(littleEndian number: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(byte: UInt8(truncatingIfNeeded: number >> shift)) }
    }
}
