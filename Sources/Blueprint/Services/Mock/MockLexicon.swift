/// The words the mock model can write, by grammatical role.
///
/// The built-in words are pre-split into tokens once (see `MockWordTable`) and shared by every lexicon. A lexicon
/// with topics holds only the request's words, numbered after the built-in ones; they are few and seldom written,
/// so they are split into tokens as they are written, and planning a request copies no vocabulary.
struct MockLexicon: Sendable {
    /// How a word is written.
    enum Form {
        /// ` word`, inside a sentence.
        case inline
        /// `Word`, at the start of the text or a paragraph.
        case textStart
        /// ` Word`, at the start of a later sentence.
        case sentenceStart
    }

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

    /// The index of "a" and "an" among the words, for choosing between them.
    private(set) var articleA = 0
    private(set) var articleAn = 0

    /// A word taken from the request.
    struct Topic {
        /// The word as written.
        var word: String
        /// The word in lower case, by which the planner skips repeats.
        var lowered: String
    }

    /// The number of built-in words; word `builtInCount + i` is `topicWords[i].word`.
    private var builtInCount = 0
    /// The words taken from the request.
    private var topicWords: [Topic] = []

    /// The built-in words, and the lexicon that numbers them by role.
    private struct BuiltIn {
        var words = MockWordTable()
        var lexicon = MockLexicon()

        init() {
            lexicon.determiners = add(MockVocabulary.determiners)
            lexicon.pronouns = add(MockVocabulary.pronouns)
            lexicon.nouns = add(MockVocabulary.nouns)
            lexicon.adjectives = add(MockVocabulary.adjectives)
            lexicon.verbs = add(MockVocabulary.verbs)
            lexicon.adverbs = add(MockVocabulary.adverbs)
            lexicon.prepositions = add(MockVocabulary.prepositions)
            lexicon.conjunctions = add(MockVocabulary.conjunctions)
            lexicon.openers = add(MockVocabulary.openers)
            lexicon.articleA = lexicon.determiners.lowerBound + MockVocabulary.determiners.firstIndex(of: "a")!
            lexicon.articleAn = lexicon.determiners.lowerBound + MockVocabulary.determiners.firstIndex(of: "an")!
            lexicon.builtInCount = words.count
        }

        private mutating func add(_ list: [String]) -> Range<Int> {
            let first = words.count
            for word in list { words.add(word) }
            return first..<words.count
        }
    }

    /// Built on first use, then only read.
    private static let builtIn = BuiltIn()

    /// The built-in vocabulary.
    static let common = builtIn.lexicon

    /// The built-in vocabulary plus `topics` (words taken from the request).
    static func with(topics: [Topic]) -> MockLexicon {
        var lexicon = common
        lexicon.topicWords = topics
        lexicon.topics = lexicon.builtInCount..<lexicon.wordCount
        return lexicon
    }

    /// The number of words.
    var wordCount: Int { builtInCount + topicWords.count }

    /// Whether `word` starts with a vowel letter.
    func startsWithVowel(_ word: Int) -> Bool {
        word < builtInCount
            ? Self.builtIn.words.startsWithVowel(word)
            : MockWordTable.startsWithVowel(topicWords[word - builtInCount].word)
    }

    /// Whether `word` is capitalised as written.
    func isCapitalised(_ word: Int) -> Bool {
        word < builtInCount
            ? Self.builtIn.words.isCapitalised(word) : MockWordTable.isCapitalised(topicWords[word - builtInCount].word)
    }

    /// Appends the tokens of `word` written in `form`.
    @inline(__always)
    func write(_ word: Int, _ form: Form, into text: inout TokenizedText) {
        if word < builtInCount {
            Self.builtIn.words.write(word, form, into: &text)
        } else {
            MockWordTable.write(topicWords[word - builtInCount].word, form, into: &text)
        }
    }

    /// The first token of built-in `word` in the inline form (for log-probability alternatives).
    func firstInlineToken(of word: Int) -> String {
        Self.builtIn.words.firstInlineToken(of: word)
    }
}
