/// Writes deterministic English-like text: sentences built from a small grammar (an optional opener, a subject,
/// an optional adverb, a past-tense verb, an object, optional prepositional phrases and a second clause) over
/// `MockVocabulary`, with some nouns replaced by topic words from the request so answers look related.
///
/// Everything it writes is a sequence of tokens in `TokenCounter`'s sense, and every boundary between two writes
/// is a token boundary of the whole text (words carry their leading space; punctuation and newlines are single
/// tokens), so the number of tokens written equals `TokenCounter.count` of the text.
struct MockTextGenerator {
    /// Where the next word goes, which decides its form.
    private enum Position {
        case textStart, sentenceStart, inSentence
    }

    private var random: SeededGenerator
    private let lexicon: MockLexicon
    private var position = Position.textStart
    private var sentencesInParagraph = 0
    /// The most tokens to write: words and marks past it are dropped.
    private var limit = Int.max
    /// The text written so far.
    private(set) var text: TokenizedText
    /// Whether something was dropped at the limit.
    private(set) var reachedLimit = false

    /// Creates a generator drawing from `random` and writing words of `lexicon` (built-in words and topics).
    init(random: SeededGenerator, lexicon: MockLexicon = .common, reservingTokens: Int = 128) {
        self.random = random
        self.lexicon = lexicon
        text = TokenizedText(reservingTokens: reservingTokens)
    }

    /// The random state after what was written, for whatever the caller draws next.
    var randomState: SeededGenerator { random }

    /// Writes `sentence` (its own text, ending in punctuation) as the next sentence.
    mutating func write(sentence: String) {
        // The space goes in with the sentence: on its own it would be a token that re-tokenizing merges away.
        text.append(sentence, leadingSpace: position != .textStart)
        position = .sentenceStart
        sentencesInParagraph += 1
    }

    /// Writes whole sentences, in paragraphs of three to five, until the text holds at least `tokens` tokens.
    /// Stops at `limit` tokens, within a sentence if need be (see `reachedLimit`): what would follow gets cut anyway.
    mutating func write(atLeast tokens: Int, limit: Int = .max) {
        self.limit = limit
        while text.count < tokens {
            if sentencesInParagraph >= 3 && random.chance(1, in: 3) {
                paragraphBreak()
            }
            sentence()
        }
    }

    /// Writes one sentence.
    mutating func sentence() {
        if random.chance(1, in: 5) {
            word(in: lexicon.openers)
            punctuation(UInt8(ascii: ","))
        }
        clause()
        if random.chance(1, in: 4) {
            punctuation(UInt8(ascii: ","))
            word(in: lexicon.conjunctions)
            clause()
        }
        punctuation(random.chance(1, in: 30) ? UInt8(ascii: "!") : UInt8(ascii: "."))
        position = .sentenceStart
        sentencesInParagraph += 1
    }

    private mutating func clause() {
        if random.chance(1, in: 5) {
            word(in: lexicon.pronouns)
        } else {
            nounPhrase()
        }
        if random.chance(1, in: 4) { word(in: lexicon.adverbs) }
        word(in: lexicon.verbs)
        nounPhrase()
        if random.chance(2, in: 5) {
            word(in: lexicon.prepositions)
            nounPhrase()
        }
    }

    private mutating func nounPhrase() {
        let useTopic = !lexicon.topics.isEmpty && random.chance(1, in: 3)
        let noun = pick(useTopic ? lexicon.topics : lexicon.nouns)
        if useTopic && lexicon.isCapitalised(noun) {
            write(noun)
            return
        }
        var adjective: Int?
        if random.chance(1, in: 3) { adjective = pick(lexicon.adjectives) }
        var determiner = pick(lexicon.determiners)
        if determiner == lexicon.articleA || determiner == lexicon.articleAn {
            determiner = lexicon.startsWithVowel(adjective ?? noun) ? lexicon.articleAn : lexicon.articleA
        }
        write(determiner)
        if let adjective { write(adjective) }
        write(noun)
    }

    private mutating func word(in range: Range<Int>) {
        write(pick(range))
    }

    @inline(__always)
    private mutating func pick(_ range: Range<Int>) -> Int {
        range.lowerBound &+ Int(truncatingIfNeeded: random.next(below: UInt64(range.count)))
    }

    private mutating func write(_ word: Int) {
        guard text.count < limit else {
            reachedLimit = true
            return
        }
        switch position {
        case .textStart: lexicon.write(word, .textStart, into: &text)
        case .sentenceStart: lexicon.write(word, .sentenceStart, into: &text)
        case .inSentence: lexicon.write(word, .inline, into: &text)
        }
        position = .inSentence
    }

    /// Writes a one-byte token: a punctuation mark or a newline.
    private mutating func punctuation(_ mark: UInt8) {
        guard text.count < limit else {
            reachedLimit = true
            return
        }
        text.appendToken(ascii: mark)
    }

    private mutating func paragraphBreak() {
        punctuation(UInt8(ascii: "\n"))
        punctuation(UInt8(ascii: "\n"))
        position = .textStart
        sentencesInParagraph = 0
    }
}
