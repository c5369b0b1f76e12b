import Blueprint
import Testing

@Suite("SeededGenerator")
struct SeededGeneratorTests {
    @Test("matches the SplitMix64 reference sequence")
    func referenceSequence() {
        var random = SeededGenerator(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("FNV-1a 64 matches its reference values")
    func fnvReference() {
        #expect(SeededGenerator.seed(from: []) == 0xCBF2_9CE4_8422_2325)
        #expect(SeededGenerator.seed(from: "a".utf8) == 0xAF63_DC4C_8601_EC8C)
        #expect(SeededGenerator.seed(from: "foobar".utf8) == 0x8594_4171_F739_67E8)
    }

    @Test("bounded helpers stay in range and cover it")
    func boundedHelpers() {
        var random = SeededGenerator(seed: 99)
        var seen = Set<Int>()
        for _ in 0..<1_000 {
            let value = random.int(in: -3...3)
            #expect((-3...3).contains(value))
            seen.insert(value)
            #expect(random.next(below: 10) < 10)
            let unit = random.unitDouble()
            #expect(unit >= 0 && unit < 1)
        }
        #expect(seen.count == 7)
        #expect(random.next(below: 0) == 0)
        #expect(random.int(in: 5...5) == 5)
        _ = random.int(in: Int.min...Int.max)
        #expect(random.element(of: [Int]()) == nil)
        #expect(random.shuffled(Array(0..<20)).sorted() == Array(0..<20))
    }

    @Test("the same seed gives the same sequence")
    func deterministic() {
        var first = SeededGenerator(seed: SeededGenerator.seed(from: "hello".utf8))
        var second = SeededGenerator(seed: SeededGenerator.seed(from: "hello".utf8))
        #expect((0..<10).map { _ in first.next() } == (0..<10).map { _ in second.next() })
        var other = SeededGenerator(seed: SeededGenerator.seed(from: "hellp".utf8))
        var again = SeededGenerator(seed: SeededGenerator.seed(from: "hello".utf8))
        #expect(other.next() != again.next())
    }
}
