/// The words the mock model can write, pre-split into tokens so that writing a word appends stored bytes: no
/// `String` is built per token.
///
/// Each word has three forms: ` word` (inside a sentence), `Word` (at the start of the text or a paragraph) and
/// ` Word` (at the start of a later sentence). A form is one or more consecutive tokens (words longer than 12
/// letters, and two-word openers, take several), split exactly as `TokenCounter` splits them.
struct MockLexicon: Sendable {
    /// How a word is written.
    enum Form: Int {
        case inline = 0
        case textStart = 1
        case sentenceStart = 2
    }

    /// The tokens of every form, back to back.
    private(set) var bytes: [UInt8] = []
    /// The end offset of each token in `bytes`.
    private var tokenEnds: [Int] = []
    /// For each form (`word * 3 + form`), the end index of its tokens in `tokenEnds`.
    private var formEnds: [Int] = []

    /// The words of each role, as index ranges.
    private(set) var determiners = 0..<0
    private(set) var pronouns = 0..<0
    private(set) var nouns = 0..<0
    private(set) var adjectives = 0..<0
    private(set) var verbs = 0..<0
    private(set) var adverbs = 0..<0
    private(set) var prepositions = 0..<0
    private(set) var conjunctions = 0..<0
    private(set) var openers = 0..<0
    /// Words taken from the request.
    private(set) var topics = 0..<0
    /// The first letter of each word is a vowel ("an" goes before it).
    private var startsWithVowel: [Bool] = []
    /// The word is capitalised as written (a name takes no determiner).
    private var isCapitalised: [Bool] = []

    /// The index of "a" and "an" among the words, for choosing between them.
    private(set) var articleA = 0
    private(set) var articleAn = 0

    /// The built-in vocabulary.
    static let common: MockLexicon = {
        var lexicon = MockLexicon()
        lexicon.determiners = lexicon.add(MockVocabulary.determiners)
        lexicon.pronouns = lexicon.add(MockVocabulary.pronouns)
        lexicon.nouns = lexicon.add(MockVocabulary.nouns)
        lexicon.adjectives = lexicon.add(MockVocabulary.adjectives)
        lexicon.verbs = lexicon.add(MockVocabulary.verbs)
        lexicon.adverbs = lexicon.add(MockVocabulary.adverbs)
        lexicon.prepositions = lexicon.add(MockVocabulary.prepositions)
        lexicon.conjunctions = lexicon.add(MockVocabulary.conjunctions)
        lexicon.openers = lexicon.add(MockVocabulary.openers)
        lexicon.articleA = lexicon.determiners.lowerBound + MockVocabulary.determiners.firstIndex(of: "a")!
        lexicon.articleAn = lexicon.determiners.lowerBound + MockVocabulary.determiners.firstIndex(of: "an")!
        return lexicon
    }()

    /// The built-in vocabulary plus `topics` (words taken from the request).
    static func with(topics: [String]) -> MockLexicon {
        var lexicon = common
        if !topics.isEmpty { lexicon.topics = lexicon.add(topics) }
        return lexicon
    }

    /// The number of words.
    var wordCount: Int { startsWithVowel.count }

    /// Whether `word` starts with a vowel letter.
    func startsWithVowel(_ word: Int) -> Bool { startsWithVowel[word] }

    /// Whether `word` is capitalised as written.
    func isCapitalised(_ word: Int) -> Bool { isCapitalised[word] }

    /// Appends the tokens of `word` written in `form`.
    @inline(__always)
    func write(_ word: Int, _ form: Form, into text: inout TokenizedText) {
        let formIndex = word &* 3 &+ form.rawValue
        var token = formIndex == 0 ? 0 : formEnds[formIndex &- 1]
        let last = formEnds[formIndex]
        bytes.withUnsafeBufferPointer { pool in
            while token < last {
                let start = token == 0 ? 0 : tokenEnds[token &- 1]
                text.appendToken(UnsafeBufferPointer(rebasing: pool[start..<tokenEnds[token]]))
                token &+= 1
            }
        }
    }

    /// The first token of `word` in the inline form (for log-probability alternatives).
    func firstInlineToken(of word: Int) -> String {
        let formIndex = word * 3
        let first = formIndex == 0 ? 0 : formEnds[formIndex - 1]
        let start = first == 0 ? 0 : tokenEnds[first - 1]
        return String(decoding: bytes[start..<tokenEnds[first]], as: UTF8.self)
    }

    /// Adds words and returns their index range.
    private mutating func add(_ words: [String]) -> Range<Int> {
        let first = wordCount
        for word in words {
            let capitalised = Self.capitalise(word)
            for form in [" " + word, capitalised, " " + capitalised] {
                TokenCounter.withUTF8(form) { form in
                    var position = 0
                    while position < form.count {
                        let end = TokenCounter.nextToken(in: form, from: position).end
                        bytes.append(contentsOf: form[position..<end])
                        tokenEnds.append(bytes.count)
                        position = end
                    }
                }
                formEnds.append(tokenEnds.count)
            }
            let initial = word.unicodeScalars.first.map { Character($0).lowercased() } ?? ""
            startsWithVowel.append(["a", "e", "i", "o", "u"].contains(initial))
            isCapitalised.append(word.unicodeScalars.first?.properties.isUppercase ?? false)
        }
        return first..<wordCount
    }

    /// `word` with its first letter in upper case.
    private static func capitalise(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }
}
