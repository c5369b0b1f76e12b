/// Works out a mock generation for one request: checks it, seeds it and plans every choice (see `MockModel` for
/// the behaviour).
struct MockPlanner {
    /// Prose without `max_tokens` is this long at least …
    static let shortestProse = 20
    /// … and at most this much longer (then the sentence in progress ends).
    static let proseLengthSpread = 100
    /// The most topic words taken from the request.
    static let maxTopics = 16
    /// The most tokens of a tool result quoted in the answer.
    static let quotedResultTokens = 40

    /// Whether the text is the last user message.
    private let echo: Bool
    /// The seed of the whole request.
    private let seed: UInt64

    /// Plans every choice of `request`; `echo` makes the text the last user message.
    static func plan(_ request: GenerationRequest, echo: Bool) throws -> MockPlan {
        try validate(request)
        // The request goes to each step as an argument: a planner storing it would copy the whole request, retaining
        // and releasing all its strings and arrays.
        return try MockPlanner(echo: echo, seed: seed(for: request)).plan(request)
    }

    /// Plans every choice of `request`, which `validate` accepted, from this planner's seed.
    private func plan(_ request: GenerationRequest) throws -> MockPlan {
        let conversation = Conversation(request.input)
        let lexicon = echo ? MockLexicon.common : MockLexicon.with(topics: Self.topics(in: conversation.lastUserText))
        let stops = request.stop.filter { !$0.isEmpty }.map { Array($0.utf8) }
        var choices: [MockChoice] = []
        choices.reserveCapacity(request.n)
        for index in 0..<request.n {
            var choice = try plan(choice: index, of: request, conversation: conversation, lexicon: lexicon)
            // Cut in place: a copy of the text would share its buffers, and truncating it would copy them.
            if let cut = choice.text?.firstOccurrence(of: stops) {
                choice.text?.truncate(toByteOffset: cut)
                choice.finishReason = .stop
            }
            choices.append(choice)
        }
        return MockPlan(
            seed: seed, choices: choices,
            promptTokens: TokenCounter.promptTokens(for: request.input, tools: request.tools),
            topLogprobs: request.logprobs ? request.topLogprobs : 0)
    }

    private static func validate(_ request: GenerationRequest) throws {
        guard request.n >= 1 else {
            throw ServiceError.invalidRequest(message: "Invalid value for 'n': it must be at least 1.", param: "n")
        }
        if let maxTokens = request.maxTokens, maxTokens < 1 {
            throw ServiceError.invalidRequest(
                message: "Invalid value for 'max_tokens': it must be at least 1.", param: "max_tokens")
        }
        switch request.toolChoice {
        case .none, .auto:
            break
        case .required, .function:
            guard !request.tools.isEmpty else {
                throw ServiceError.invalidRequest(
                    message:
                        "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
                    param: "tool_choice")
            }
        }
        if case .function(let name) = request.toolChoice, !request.tools.contains(where: { $0.name == name }) {
            throw ServiceError.invalidRequest(
                message: "Invalid value for 'tool_choice': no function named '\(name)' is among the tools.",
                param: "tool_choice")
        }
    }

    private func plan(
        choice index: Int, of request: GenerationRequest, conversation: Conversation, lexicon: MockLexicon
    ) throws -> MockChoice {
        // One SplitMix64 step spreads neighbouring choice indexes over unrelated seeds.
        var seeder = SeededGenerator(seed: seed &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
        let choiceSeed = seeder.next()
        var random = SeededGenerator(seed: choiceSeed)
        if !echo, let tool = Self.toolToCall(for: request, conversation: conversation, random: &random) {
            return try Self.call(tool, for: request, index: index, seed: choiceSeed, random: &random)
        }
        let limit = request.maxTokens ?? Int.max
        var text: TokenizedText
        var cut = false
        if echo {
            text = TokenizedText(conversation.lastUserText)
        } else {
            switch request.responseFormat {
            case .text:
                (text, cut) = Self.prose(
                    for: request, conversation: conversation, lexicon: lexicon, limit: limit, random: &random)
            case .jsonObject:
                text = Self.jsonObject(lexicon: lexicon, random: &random)
            case .jsonSchema(_, let schema, let strict):
                text = try Self.jsonInstance(of: schema, strict: strict, random: &random)
            }
        }
        if cut || text.count > limit {
            text.truncate(toTokens: limit)
            return MockChoice(index: index, seed: choiceSeed, text: text, toolCalls: [], finishReason: .length)
        }
        return MockChoice(index: index, seed: choiceSeed, text: text, toolCalls: [], finishReason: .stop)
    }

    /// The tool the choice calls, or nil to answer in text.
    private static func toolToCall(
        for request: GenerationRequest, conversation: Conversation, random: inout SeededGenerator
    ) -> ToolDefinition? {
        guard !request.tools.isEmpty else { return nil }
        switch request.toolChoice {
        case .none:
            return nil
        case .function(let name):
            return request.tools.first { $0.name == name }
        case .required:
            return random.element(of: request.tools)
        case .auto:
            guard conversation.lastRole == .user else { return nil }
            return random.element(of: request.tools)
        }
    }

    private static func call(
        _ tool: ToolDefinition, for request: GenerationRequest, index: Int, seed: UInt64,
        random: inout SeededGenerator
    ) throws -> MockChoice {
        let id = callID(random: &random)
        var arguments = TokenizedText("{}")
        if let parameters = tool.parameters {
            do {
                let value = try JSONSchemaInstanceGenerator.generate(
                    for: parameters, strict: tool.strict, using: &random)
                arguments = TokenizedText(value.jsonString)
            } catch {
                throw ServiceError.invalidRequest(
                    message: "Invalid parameters schema for function '\(tool.name)': \(error.message)", param: "tools")
            }
        }
        var finishReason: FinishReason = request.toolChoice == .function(tool.name) ? .stop : .toolCalls
        if let limit = request.maxTokens, arguments.count > limit {
            arguments.truncate(toTokens: limit)
            finishReason = .length
        }
        return MockChoice(
            index: index, seed: seed, text: nil,
            toolCalls: [MockChoice.Call(id: id, name: tool.name, arguments: arguments)], finishReason: finishReason)
    }

    /// Prose for the conversation, and whether it was cut at `limit` before its natural end.
    private static func prose(
        for request: GenerationRequest, conversation: Conversation, lexicon: MockLexicon, limit: Int,
        random: inout SeededGenerator
    ) -> (TokenizedText, cut: Bool) {
        var length = shortestProse + Int(random.next(below: UInt64(proseLengthSpread + 1)))
        if request.extra["ignore_eos"]?.boolValue == true, let maxTokens = request.maxTokens {
            length = maxTokens
        }
        var writer = MockTextGenerator(random: random, lexicon: lexicon, reservingTokens: min(length, limit) + 32)
        for result in conversation.toolResults.prefix(4) {
            writer.write(sentence: quote(result))
        }
        writer.write(atLeast: min(length, limit), limit: limit)
        random = writer.randomState
        return (writer.text, length > limit || writer.reachedLimit)
    }

    /// A sentence quoting a tool result.
    private static func quote(_ result: Conversation.ToolResult) -> String {
        let tokens = TokenCounter.tokens(result.content)
        var quoted = tokens.prefix(quotedResultTokens).joined()
        if tokens.count > quotedResultTokens { quoted += "..." }
        let subject = result.name.map { "The \($0) tool" } ?? "The tool"
        return "\(subject) returned: \(quoted)."
    }

    /// `{"answer":"<prose>"}`.
    private static func jsonObject(lexicon: MockLexicon, random: inout SeededGenerator) -> TokenizedText {
        var writer = MockTextGenerator(random: random, lexicon: lexicon)
        writer.write(atLeast: 8 + Int(random.next(below: 24)))
        random = writer.randomState
        var json = JSONWriter(reservedCapacity: 256)
        json.beginObject()
        json.field("answer", writer.text.string)
        json.endObject()
        return TokenizedText(String(decoding: json.bytes, as: UTF8.self))
    }

    private static func jsonInstance(of schema: JSONValue, strict: Bool, random: inout SeededGenerator) throws
        -> TokenizedText
    {
        do {
            let value = try JSONSchemaInstanceGenerator.generate(for: schema, strict: strict, using: &random)
            return TokenizedText(value.jsonString)
        } catch {
            throw ServiceError.invalidRequest(
                message: "Invalid schema for response_format: \(error.message)", param: "response_format")
        }
    }

    /// `call_` and 24 letters and digits drawn from `random`.
    private static func callID(random: inout SeededGenerator) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var bytes = Array("call_".utf8)
        for _ in 0..<24 { bytes.append(alphabet[Int(random.next(below: UInt64(alphabet.count)))]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The seed of a request: FNV-1a over the model, the conversation, `seed`, `temperature` and `top_p`.
    static func seed(for request: GenerationRequest) -> UInt64 {
        var hash = FNV1a()
        func field(_ text: String?) {
            if let text { hash.add(utf8: text) }
            // 0xFF never occurs in UTF-8, so fields cannot run into each other.
            hash.add(byte: 0xFF)
        }
        field(request.model)
        switch request.input {
        case .prompt(let prompt):
            field(prompt)
        case .tokens(let tokens):
            for token in tokens { hash.add(littleEndian: UInt64(bitPattern: Int64(token))) }
            field(nil)
        case .messages(let messages):
            // By index: `for message in messages` copies each message, retaining and releasing all its strings.
            for index in messages.indices {
                field(messages[index].role.rawValue)
                field(messages[index].name)
                field(messages[index].content)
                for call in messages[index].toolCalls {
                    field(call.id)
                    field(call.name)
                    field(call.arguments)
                }
                field(messages[index].toolCallID)
            }
        }
        hash.add(littleEndian: request.seed.map { UInt64(bitPattern: Int64($0)) } ?? 0x5EED_0000_0000_0000)
        hash.add(littleEndian: request.temperature?.bitPattern ?? 0)
        hash.add(littleEndian: request.topP?.bitPattern ?? 0)
        return hash.value
    }

    /// Words of `text` worth writing about: runs of letters of 4 to 24 scalars that are not built-in or stop words,
    /// first occurrence first, at most `maxTopics`. A capitalised word that starts a sentence is lower-cased
    /// ("Weather in Oslo?" gives "weather" and "Oslo").
    static func topics(in text: String) -> [MockLexicon.Topic] {
        var topics: [MockLexicon.Topic] = []
        text.withContiguousUTF8 { bytes in
            // A word is a maximal run of letter scalars, as `TokenCounter` reads them (a word longer than 12 letters
            // spans several tokens); a sentence starts after ".", "!", "?" or a newline.
            var position = 0
            var wordStart = -1
            var wordStartsSentence = false
            var sentenceStart = true
            while position < bytes.count {
                let (kind, length) = TokenCounter.scalar(in: bytes, at: position)
                if kind == .letters {
                    if wordStart < 0 {
                        wordStart = position
                        wordStartsSentence = sentenceStart
                    }
                    sentenceStart = false
                } else {
                    if wordStart >= 0 {
                        let word = UnsafeBufferPointer(rebasing: bytes[wordStart..<position])
                        addTopic(word, startsSentence: wordStartsSentence, to: &topics)
                        if topics.count == maxTopics { return }
                        wordStart = -1
                    }
                    let byte = bytes[position]
                    if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
                        || byte == UInt8(ascii: "\n")
                    {
                        sentenceStart = true
                    }
                }
                position += length
            }
            if wordStart >= 0 {
                let word = UnsafeBufferPointer(rebasing: bytes[wordStart...])
                addTopic(word, startsSentence: wordStartsSentence, to: &topics)
            }
        }
        return topics
    }

    private typealias Topic = MockLexicon.Topic

    /// Appends `word` (a run of letters) to `topics` unless it has fewer than 4 or more than 24 scalars, is a
    /// built-in or stop word, or is a topic already (in lower case; a linear search beats hashing for so few
    /// words). A word that starts a sentence and is only capitalised is lower-cased.
    private static func addTopic(_ word: UnsafeBufferPointer<UInt8>, startsSentence: Bool, to topics: inout [Topic]) {
        let topic =
            word.allSatisfy { $0 < 0x80 }
            ? asciiTopic(word, startsSentence: startsSentence)
            : unicodeTopic(String(decoding: word, as: UTF8.self), startsSentence: startsSentence)
        guard let topic, !topics.contains(where: { $0.lowered == topic.lowered }) else { return }
        topics.append(topic)
    }

    /// An ASCII word as a topic and in lower case, or nil (see `addTopic`). ASCII letters are one scalar per byte
    /// and change case byte by byte.
    private static func asciiTopic(_ word: UnsafeBufferPointer<UInt8>, startsSentence: Bool) -> Topic? {
        guard word.count >= 4, word.count <= 24 else { return nil }
        if let key = MockVocabulary.key(ofASCIIWord: word), MockVocabulary.allWordKeys.contains(key) { return nil }
        // Most topics have no capitals and are their own lower case: one string, not two.
        if !word.contains(where: { $0 &- 0x41 < 26 }) {
            let text = String(decoding: word, as: UTF8.self)
            return Topic(word: text, lowered: text)
        }
        let lowered = String(unsafeUninitializedCapacity: word.count) { lowered in
            for index in word.indices {
                let byte = word[index]
                lowered[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
            }
            return word.count
        }
        if startsSentence && !word.dropFirst().contains(where: { $0 &- 0x41 < 26 }) {
            return Topic(word: lowered, lowered: lowered)
        }
        return Topic(word: String(decoding: word, as: UTF8.self), lowered: lowered)
    }

    /// A word with non-ASCII letters as a topic and in lower case, or nil (see `addTopic`), by Unicode's case
    /// mappings.
    private static func unicodeTopic(_ word: String, startsSentence: Bool) -> Topic? {
        let length = word.unicodeScalars.count
        guard length >= 4, length <= 24 else { return nil }
        let lowered = word.lowercased()
        guard !MockVocabulary.allWords.contains(lowered) else { return nil }
        if startsSentence && word.dropFirst() == lowered.dropFirst() { return Topic(word: lowered, lowered: lowered) }
        return Topic(word: word, lowered: lowered)
    }
}
