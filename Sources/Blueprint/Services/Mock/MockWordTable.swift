/// Words in their three written forms (see `MockLexicon.Form`), pre-split into tokens so that writing a word
/// appends stored bytes: no `String` is built per token. A form is one or more consecutive tokens (words longer than
/// 12 letters, and two-word openers, take several), split exactly as `TokenCounter` splits the form's text.
struct MockWordTable: Sendable {
    /// Where a word's tokens are, and what its first letter is like (32-bit indexes: half the memory read for every
    /// word written).
    private struct Word: Sendable {
        /// The index in `forms` of the inline form's first token; the other forms follow it.
        var start: Int32
        /// The end indexes in `forms` of the inline, text-start and sentence-start forms' tokens.
        var inlineEnd: Int32
        var textStartEnd: Int32
        var sentenceStartEnd: Int32
        /// See `MockWordTable.startsWithVowel(_:)`.
        var startsWithVowel: Bool
        /// See `MockWordTable.isCapitalised(_:)`.
        var isCapitalised: Bool

        /// The indexes in `forms` of the tokens of `form`.
        func tokens(_ form: MockLexicon.Form) -> Range<Int> {
            switch form {
            case .inline: return Int(start)..<Int(inlineEnd)
            case .textStart: return Int(inlineEnd)..<Int(textStartEnd)
            case .sentenceStart: return Int(textStartEnd)..<Int(sentenceStartEnd)
            }
        }
    }

    /// The tokens of every form of every word, back to back.
    private var forms = TokenizedText()
    private var words: [Word] = []

    /// The number of words.
    var count: Int { words.count }

    /// Whether `word` starts with a vowel letter.
    func startsWithVowel(_ word: Int) -> Bool { words[word].startsWithVowel }

    /// Whether `word` is capitalised as written.
    func isCapitalised(_ word: Int) -> Bool { words[word].isCapitalised }

    /// Appends the tokens of `word` written in `form`.
    @inline(__always)
    func write(_ word: Int, _ form: MockLexicon.Form, into text: inout TokenizedText) {
        let tokens = words[word].tokens(form)
        forms.bytes.withUnsafeBufferPointer { bytes in
            for token in tokens {
                text.appendToken(UnsafeBufferPointer(rebasing: bytes[forms.range(ofToken: token)]))
            }
        }
    }

    /// The first token of `word` in the inline form.
    func firstInlineToken(of word: Int) -> String {
        forms.token(Int(words[word].start))
    }

    /// Adds `word`.
    mutating func add(_ word: String) {
        let start = forms.count
        Self.write(word, .inline, into: &forms)
        let inlineEnd = forms.count
        Self.write(word, .textStart, into: &forms)
        let textStartEnd = forms.count
        Self.write(word, .sentenceStart, into: &forms)
        words.append(
            Word(
                start: Int32(start), inlineEnd: Int32(inlineEnd), textStartEnd: Int32(textStartEnd),
                sentenceStartEnd: Int32(forms.count),
                startsWithVowel: Self.startsWithVowel(word), isCapitalised: Self.isCapitalised(word)))
    }

    /// Appends `word` written in `form`, split into tokens as it goes: ` word`, `Word` or ` Word`, the first letter
    /// upper-cased by Unicode's rules ("ßeta" gives "SSeta").
    static func write(_ word: String, _ form: MockLexicon.Form, into text: inout TokenizedText) {
        switch form {
        case .inline: text.append(word, leadingSpace: true)
        case .textStart: text.append(capitalise(word))
        case .sentenceStart: text.append(capitalise(word), leadingSpace: true)
        }
    }

    /// Whether the first letter of `word` is a vowel ("an" goes before it).
    static func startsWithVowel(_ word: String) -> Bool {
        switch word.unicodeScalars.first.map({ Character($0).lowercased() }) {
        case "a", "e", "i", "o", "u": return true
        default: return false
        }
    }

    /// Whether `word` is capitalised as written (a name takes no determiner).
    static func isCapitalised(_ word: String) -> Bool {
        guard let first = word.utf8.first else { return false }
        // ASCII answers by itself; only other scalars need the Unicode properties.
        if first < 0x80 { return first &- 0x41 < 26 }
        return word.unicodeScalars.first!.properties.isUppercase
    }

    /// `word` with its first letter in upper case.
    private static func capitalise(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }
}
