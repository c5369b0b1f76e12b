/// The built-in words the mock model writes with, by grammatical role. Every word is ASCII letters only and at most
/// 12 letters long, so with its leading space it is exactly one token.
enum MockVocabulary {
    /// Words that open a noun phrase; "a" and "an" are chosen by the next word's first letter.
    static let determiners = [
        "the", "the", "the", "this", "that", "each", "every", "our", "your", "their", "its", "one", "another", "any",
        "some", "a", "an",
    ]

    /// Subject pronouns, used where a noun phrase could stand.
    static let pronouns = ["we", "they", "it", "everyone", "nobody", "someone", "she", "he"]

    /// Singular nouns.
    static let nouns = [
        "system", "model", "answer", "question", "result", "idea", "process", "team", "project", "method",
        "approach", "example", "problem", "solution", "service", "request", "response", "feature", "design",
        "pattern", "value", "number", "record", "list", "table", "report", "message", "signal", "network", "server",
        "client", "version", "update", "change", "plan", "goal", "task", "step", "part", "section", "detail",
        "reason", "choice", "option", "decision", "context", "source", "output", "input", "file", "document", "page",
        "story", "history", "future", "moment", "period", "season", "morning", "evening", "market", "price",
        "budget", "cost", "benefit", "risk", "effect", "impact", "trend", "measure", "test", "review", "summary",
        "overview", "structure", "layer", "level", "limit", "range", "scale", "speed", "quality", "balance",
        "pressure", "energy", "resource", "tool", "device", "machine", "engine", "library", "module", "function",
        "query", "city", "country", "region", "village", "river", "garden", "window", "kitchen", "office", "school",
        "student", "teacher", "writer", "reader", "customer", "partner", "friend", "family", "community", "language",
        "word", "sentence", "letter", "image", "color", "sound", "voice", "music", "game", "rule", "policy", "road",
        "bridge", "journey", "picture", "surface", "corner", "circle", "schedule", "meeting", "habit", "lesson",
        "framework", "database", "interface", "account", "channel", "workflow", "estimate", "pipeline",
    ]

    /// Adjectives.
    static let adjectives = [
        "simple", "clear", "small", "large", "quick", "careful", "useful", "common", "recent", "early", "late",
        "important", "different", "similar", "strong", "gentle", "bright", "quiet", "steady", "modern", "classic",
        "local", "global", "public", "private", "practical", "reliable", "flexible", "complex", "basic", "final",
        "initial", "main", "central", "natural", "general", "specific", "typical", "rare", "open", "fair", "clean",
        "fresh", "warm", "cold", "new", "old", "long", "short", "high", "low", "full", "light", "heavy", "honest",
        "subtle", "obvious", "familiar", "curious", "patient", "solid", "narrow", "broad", "rapid", "slow",
        "elegant", "direct", "formal", "visible", "careless", "remote", "hidden", "sudden", "unusual",
    ]

    /// Verbs in the past tense, so subjects need no agreement.
    static let verbs = [
        "improved", "created", "showed", "changed", "explained", "described", "suggested", "supported", "followed",
        "reached", "shaped", "guided", "built", "found", "made", "kept", "gave", "took", "brought", "held", "moved",
        "opened", "closed", "started", "finished", "handled", "solved", "tested", "measured", "compared", "reviewed",
        "shared", "joined", "covered", "reduced", "increased", "balanced", "connected", "offered", "required",
        "included", "replaced", "produced", "prepared", "answered", "reported", "defined", "organized", "simplified",
        "extended", "protected", "revealed", "matched", "noticed", "tracked", "turned", "carried", "mapped",
        "framed", "tuned", "checked", "clarified", "outlined", "updated", "collected", "adjusted", "predicted",
    ]

    /// Adverbs, placed before the verb.
    static let adverbs = [
        "quickly", "clearly", "often", "rarely", "usually", "quietly", "carefully", "slowly", "easily", "simply",
        "mostly", "nearly", "always", "never", "sometimes", "gently", "steadily", "directly", "finally", "recently",
        "naturally", "largely", "openly", "firmly", "briefly", "partly", "fully", "widely", "closely", "rightly",
    ]

    /// Prepositions that open a trailing phrase.
    static let prepositions = [
        "in", "on", "with", "for", "from", "about", "across", "through", "under", "over", "between", "around",
        "after", "before", "during", "without", "within", "beyond", "along", "toward", "near", "behind", "against",
        "into",
    ]

    /// Conjunctions that join a second clause after a comma.
    static let conjunctions = ["and", "but", "so", "while", "because", "although", "since", "yet", "though"]

    /// Sentence openers, followed by a comma; several are two words.
    static let openers = [
        "however", "meanwhile", "overall", "still", "instead", "later", "today", "eventually", "naturally",
        "fortunately", "clearly", "indeed", "honestly", "similarly", "otherwise", "perhaps", "usually", "again",
        "in practice", "for example", "at first", "in short", "of course", "after all", "in the end", "as a result",
    ]

    /// Frequent words of requests that make poor topics ("what", "please", …); the lists above are excluded too.
    static let stopWords: Set<String> = [
        "what", "which", "when", "where", "would", "could", "should", "please", "there", "these", "those", "have",
        "that", "this", "with", "from", "your", "tell", "give", "write", "explain", "about", "into", "then", "than",
        "them", "they", "will", "just", "also", "does", "were", "been", "being", "some", "more", "most", "very",
        "make", "like", "want", "need", "help", "know", "thanks", "thank", "hello", "other", "such", "only",
    ]

    /// Every built-in word in lower case, for excluding them from topics.
    static let allWords: Set<String> = Set(
        [determiners, pronouns, nouns, adjectives, verbs, adverbs, prepositions, conjunctions].joined()
    )
    .union(stopWords)

    /// `allWords` as `key(ofASCIIWord:)` packs them: looking up a number is several times cheaper than a `String`.
    static let allWordKeys = MockWordKeySet(
        allWords.map { word in
            guard let key = key(ofASCIIWord: Array(word.utf8)) else {
                preconditionFailure("built-in words are ASCII letters, at most 12")
            }
            return key
        })

    /// The letters of an ASCII word packed 5 bits each, ignoring case (one number per word of `allWords`); nil
    /// when it has more than 12 letters (so it is no built-in word) or a byte that is not a letter.
    static func key(ofASCIIWord word: some Collection<UInt8>) -> UInt64? {
        guard word.count <= 12 else { return nil }
        var key: UInt64 = 0
        for byte in word {
            let lower = byte | 0x20
            guard lower &- 0x61 < 26 else { return nil }
            // 1 for "a" to 26 for "z": no letter packs to 0, so "a" and "aa" differ.
            key = key << 5 | UInt64(lower &- 0x60)
        }
        return key
    }
}
