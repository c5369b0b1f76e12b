import Blueprint
import Testing

/// Pins every byte the mock model writes for `MockModelGolden`'s corpus, so that a change meant to leave the output
/// alone (a speed-up, a refactoring) shows that it does.
///
/// When the output changes on purpose, set `expectedHash` to the hash this test reports and say why in the commit.
/// The transcript's non-ASCII texts depend on the standard library's Unicode tables, so a new Swift release may
/// change the hash too; `MockModelGolden.transcripts()` gives the full text to compare before and after.
@Suite struct MockModelGoldenTests {
    /// FNV-1a of the UTF-8 bytes of the whole transcript.
    static let expectedHash: UInt64 = 0x2949_E37F_1CC8_DB69

    @Test func corpusOutputIsUnchanged() async {
        #expect(MockModelGolden.requests.count == 431)
        let hash = MockModelGolden.hash(await MockModelGolden.transcripts())
        #expect(hash == Self.expectedHash, "the transcript's hash is 0x\(String(hash, radix: 16, uppercase: true))")
    }
}
