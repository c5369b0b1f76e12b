import Blueprint
import Testing

@Suite("Random ids")
struct RandomIDGeneratorTests {
    static let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    @Test("an id is the prefix and exactly `length` letters of OpenAI's alphabet")
    func shape() {
        let ids = RandomIDGenerator()
        for length in [0, 1, 9, 10, 11, 29, 32, 48, 100] {
            let id = ids.make(prefix: "chatcmpl-", length: length)
            #expect(id.hasPrefix("chatcmpl-"))
            let letters = id.utf8.dropFirst("chatcmpl-".utf8.count)
            #expect(letters.count == length)
            #expect(letters.allSatisfy { Self.alphabet.contains($0) })
        }
    }

    @Test("ids do not repeat, and two generators do not share a sequence")
    func unique() {
        let first = RandomIDGenerator()
        let second = RandomIDGenerator()
        var seen = Set<String>()
        for _ in 0..<20_000 {
            seen.insert(first.make(prefix: "req_", length: 32))
            seen.insert(second.make(prefix: "req_", length: 32))
        }
        #expect(seen.count == 40_000)
    }

    @Test("ids drawn on many threads at once do not repeat")
    func uniqueAcrossThreads() async {
        let ids = RandomIDGenerator()
        let drawn = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<5_000).map { _ in ids.make(prefix: "req_", length: 32) } }
            }
            var all: [String] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(drawn.count == 40_000)
        #expect(Set(drawn).count == 40_000)
    }

    @Test("every letter of the alphabet is about equally likely")
    func uniform() {
        let ids = RandomIDGenerator()
        var counts: [UInt8: Int] = [:]
        let draws = 62 * 2_000
        for byte in ids.make(prefix: "", length: draws).utf8 { counts[byte, default: 0] += 1 }
        #expect(counts.count == 62)
        // 2,000 expected per letter; a standard deviation is about 44, so 1,700...2,300 only fails for a biased
        // generator (a rejected 62 or 63 mapped onto a letter would add ~1,000 to it).
        let outliers = counts.filter { !(1_700...2_300).contains($0.value) }
        #expect(outliers.isEmpty, "letter counts off: \(outliers)")
    }

    @Test("the last letter drawn from each random word is as uniform as the first")
    func uniformAtEveryPosition() {
        // Letters are successive base-62 digits of a 64-bit word, ten per word: a generator that ran out of bits
        // would skew the later positions, which the whole-id count above would average away.
        let ids = RandomIDGenerator()
        var first: [UInt8: Int] = [:]
        var last: [UInt8: Int] = [:]
        for _ in 0..<(62 * 500) {
            let letters = Array(ids.make(prefix: "", length: 10).utf8)
            first[letters[0], default: 0] += 1
            last[letters[9], default: 0] += 1
        }
        // 500 expected per letter, a standard deviation of about 22.
        for counts in [first, last] {
            #expect(counts.count == 62)
            let outliers = counts.filter { !(380...620).contains($0.value) }
            #expect(outliers.isEmpty, "letter counts off: \(outliers)")
        }
    }
}
