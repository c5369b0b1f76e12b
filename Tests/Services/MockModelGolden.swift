import Blueprint

/// A corpus of varied mock requests and a byte transcript of everything `MockModel` answers to them (`generate`
/// and `stream`, errors included), so a change meant to be invisible can be checked to change no output byte.
enum MockModelGolden {
    /// User texts that exercise topic extraction: ASCII and not, capitals at sentence starts, names, words of 3, 4,
    /// 24 and 25 letters, repeats, more than 16 candidates, case mappings that change length, marks and emoji.
    static let texts = [
        "Hello there, how are you today?",
        "Tell me about the weather in Oslo and Bergen.",
        "Weather in Oslo? Pizza recipes! Mountains are tall.\nForests grow slowly.",
        "Équipe de France: quelle stratégie pour l'été? Élan vital. Écoute.",
        "ÖL und Öltank. Über die Straßenbahn in München fahren wir.",
        "🚀 Launch the rocket 🚀 tonight, Houston 👩‍🚀 and 🇳🇴 Norway 👍🏽 thumbs",
        "東京の天気はどうですか？ 大阪も教えて。京都",
        "Supercalifragilisticexpialidocious antidisestablishmentarianism",
        "abcdefghijklmnopqrstuvwx Abcdefghijklmnopqrstuvwx abcdefghijklmnopqrstuvwxy",
        "Fish bird lamp Moon cat dog owl. Lamp fish.",
        "river river River RIVER rivers Rivers. River.",
        "alpha bravo charlie delta echoes foxtrot golfing hotel india juliett kilos limas mikes novembers oscars "
            + "papas quebec romeo sierra tango uniform victor whiskey xray yankee zulu",
        "Alice and Bob met Carol in Paris. Dave stayed in London with Eve.",
        "iPhone McDonald's eBay O'Neill NASA DeepMind GitHub",
        "Cafe\u{301} nai\u{308}ve re\u{301}sume\u{301} naïveté Zoë Ångström e\u{301}cole",
        "İstanbul ıstakoz IĞDIR. İzmir",
        "ßeta straße STRASSE ﬁsh ﬂower ǅemal ǈubljana",
        "Σοφία ΟΔΟΣ οδός. Ωμέγα Ελλάδα",
        "abc123def route66 R2D2 wordy42words 2024 numbers",
        "",
        "  \n\t  ",
        "don't won't it's wouldn't shouldn't couldn't",
        "HELLO WORLD TESTING. SYSTEM MODEL ANSWER. System Model Answer",
        "Ⅻ Ⅳ clocks ①②③ circled",
        "Привет мир. Москва и Санкт-Петербург. Река",
        "مرحبا بالعالم. القاهرة",
        "नमस्ते दुनिया। दिल्ली",
        "안녕하세요 세계. 서울특별시",
        "alpha\tbeta\u{00A0}gamma\u{2003}delta\r\nepsilon",
        "river  mountain   forest    valley",
        "Mississippiriverboats mississippiriverboatsandsteamers",
        " \u{301}abcd \u{301}Efgh marks",
        "Why? Because! Rainbows... Unicorns; Dragons: Castles",
        "Quoting \"Gandalf\" and 'Frodo' (Baggins) [Shire] {Mordor}",
        "one two three four five six seven eight nine ten eleven twelve",
        "Zürich Genève Köln Kraków Łódź Škoda Ærø Øresund",
        "The quick brown fox jumps over the lazy dog. The Quick Brown Fox.",
        "Données météo: Températures élevées à Besançon et Nîmes.",
        "emoji🙂inside words😀here and 👍🏽thumbs",
        "Tokyo 東京 mixed Kyoto京都 words",
        "ßeta ﬁshing ıstakoz ǆungle",
        "éclair ölkanne ümlaut",
        "café cafe\u{301} CAFÉ Café. Café \u{212A}elvin kelvin Kelvin",
        "Hello HELLO hello. Today today TODAY. Weather: weather WEATHER?",
    ]

    /// A tool with a small object schema.
    static let weatherTool = ToolDefinition(
        name: "get_weather", description: "Current weather for a city",
        parameters: [
            "type": "object",
            "properties": [
                "city": ["type": "string", "description": "City name"],
                "unit": ["type": "string", "enum": ["celsius", "fahrenheit"]],
            ],
            "required": ["city"],
        ])

    /// A strict tool with formats, arrays and a reference.
    static let calendarTool = ToolDefinition(
        name: "create_event", description: "Add a calendar event",
        parameters: [
            "type": "object",
            "properties": [
                "title": ["type": "string"],
                "start": ["type": "string", "format": "date-time"],
                "duration_minutes": ["type": "number", "exclusiveMinimum": 0, "maximum": 480],
                "attendees": [
                    "type": "array", "minItems": 1, "uniqueItems": true,
                    "items": ["type": "string", "format": "email"],
                ],
                "priority": ["$ref": "#/$defs/priority"],
            ],
            "required": ["title", "start", "duration_minutes", "attendees", "priority"],
            "additionalProperties": false,
            "$defs": ["priority": ["type": "string", "enum": ["low", "normal", "high"]]],
        ], strict: true)

    /// A tool without parameters.
    static let pingTool = ToolDefinition(name: "ping")

    /// Every request of the corpus: each text in nine variants, then prompts, token prompts and invalid requests.
    static var requests: [GenerationRequest] {
        let models = ["gpt-4o-mini", "blueprint-mock", "gpt-4o", MockModel.echoModelID]
        var requests: [GenerationRequest] = []
        for (textIndex, text) in texts.enumerated() {
            for variant in 0..<9 {
                let key = textIndex &* 9 &+ variant
                var request = GenerationRequest(
                    model: models[key % 7 == 3 ? 3 : key % 3],
                    input: .messages(messages(text, variant: variant, key: key)),
                    n: 1 + key % 3)
                configure(&request, variant: variant, key: key)
                requests.append(request)
            }
        }
        for (index, text) in texts.enumerated() where index % 2 == 0 {
            requests.append(
                GenerationRequest(
                    model: index % 4 == 0 ? "gpt-3.5-turbo-instruct" : MockModel.echoModelID, input: .prompt(text),
                    maxTokens: index % 3 == 0 ? 12 : nil, n: 1 + index % 2, seed: index, logprobs: index % 4 == 2,
                    topLogprobs: 2, endpoint: .completions))
        }
        for count in 0..<6 {
            requests.append(
                GenerationRequest(
                    model: count % 2 == 0 ? "gpt-3.5-turbo-instruct" : MockModel.echoModelID,
                    input: .tokens((0..<count * 3).map { $0 &* 7919 &- 11 }), seed: count, endpoint: .completions))
        }
        let invalid = [
            GenerationRequest(model: "gpt-4o", input: .messages([ChatMessage(role: .user, content: "x")]), n: 0),
            GenerationRequest(
                model: "gpt-4o", input: .messages([ChatMessage(role: .user, content: "x")]), maxTokens: 0),
            GenerationRequest(model: "no-such-model", input: .prompt("x")),
            GenerationRequest(model: "text-embedding-3-small", input: .prompt("x")),
            GenerationRequest(
                model: "gpt-4o", input: .messages([ChatMessage(role: .user, content: "x")]), toolChoice: .required),
            GenerationRequest(
                model: "gpt-4o", input: .messages([ChatMessage(role: .user, content: "x")]), tools: [pingTool],
                toolChoice: .function("missing")),
            GenerationRequest(
                model: "gpt-4o", input: .messages([ChatMessage(role: .user, content: "x")]),
                responseFormat: .jsonSchema(
                    name: "bad", schema: ["type": "integer", "minimum": 5, "maximum": 1], strict: false)),
        ]
        return requests + invalid
    }

    /// The conversation of a variant: system prompt, history, names, and tool calls with results.
    private static func messages(_ text: String, variant: Int, key: Int) -> [ChatMessage] {
        var messages = [ChatMessage(role: .system, content: "You are helpful.")]
        if variant % 3 == 1 {
            messages.append(ChatMessage(role: .user, content: "Earlier question about gardens", name: "kim"))
            messages.append(ChatMessage(role: .assistant, content: "An earlier answer."))
        }
        messages.append(ChatMessage(role: .user, content: text, name: variant == 5 ? "Ana" : nil))
        if variant == 7 || (variant == 8 && key % 2 == 0) {
            let call = ToolCall(id: "call_\(key)", name: "get_weather", arguments: #"{"city":"Oslo"}"#)
            messages.append(ChatMessage(role: .assistant, content: nil, toolCalls: [call]))
            messages.append(
                ChatMessage(role: .tool, content: #"{"temperature":\#(key),"sky":"cloudy é 🌧"}"#, toolCallID: call.id))
            if variant == 8 {
                messages.append(
                    ChatMessage(role: .tool, content: String(repeating: "long result text ", count: 12), name: "x"))
            }
        }
        return messages
    }

    /// The sampling, output and tool options of a variant.
    private static func configure(_ request: inout GenerationRequest, variant: Int, key: Int) {
        let tools = [weatherTool, calendarTool, pingTool]
        request.seed = key % 4 == 0 ? nil : key &* 31 &- 40
        request.temperature = key % 5 == 0 ? nil : Double(key % 7) / 3
        request.topP = key % 6 == 0 ? 0.5 : nil
        request.latency = SimulatedLatency(timeToFirstTokenMS: key % 3, interTokenMS: key % 2, jitterMS: key % 4)
        switch variant {
        case 0:
            request.maxTokens = 20
        case 1:
            request.stop = [[" the", ".", "é"][key % 3], "", "\n"]
            request.logprobs = true
            request.topLogprobs = key % 6
        case 2:
            request.maxTokens = 5 + key % 40
            request.extra = ["ignore_eos": true]
        case 3:
            request.tools = tools
            request.toolChoice = [.auto, .required, .function("create_event"), .none][key % 4]
        case 4:
            request.responseFormat = .jsonObject
            request.maxTokens = key % 2 == 0 ? nil : 7
        case 5:
            request.responseFormat = .jsonSchema(name: "event", schema: calendarTool.parameters!, strict: true)
            request.stop = ["\""]
        case 6:
            request.logprobs = true
            request.topLogprobs = 20
            request.maxTokens = 12
        case 7:
            request.tools = tools
            request.toolChoice = key % 2 == 0 ? .auto : .required
            request.logprobs = true
            request.topLogprobs = 1
        default:
            request.tools = [weatherTool]
            request.maxTokens = key % 2 == 0 ? nil : 3
        }
    }

    /// Everything `model` answers to `request`, generated and streamed, as text.
    static func transcript(of request: GenerationRequest, model: MockModel, sleeps: SleepLog) async -> String {
        var lines: [String] = []
        do {
            let generation = try await model.generate(request)
            lines.append("model \(generation.model) usage \(describe(generation.usage))")
            for choice in generation.choices {
                lines.append("choice \(choice.index) \(choice.finishReason.rawValue) text \(quote(choice.text))")
                for call in choice.toolCalls {
                    lines.append("  call \(call.id) \(call.name) \(quote(call.arguments))")
                }
                for logprob in choice.logprobs ?? [] { lines.append("  \(describe(logprob))") }
            }
        } catch {
            lines.append("generate error \(error)")
        }
        let sink = EventLog()
        do {
            try await model.stream(request, into: sink)
        } catch {
            lines.append("stream error \(error)")
        }
        for event in sink.events.withLock({ $0 }) { lines.append("event \(describe(event))") }
        lines.append("sleeps \(sleeps.take())")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The transcripts of the whole corpus, one after the other.
    static func transcripts() async -> String {
        let sleeps = SleepLog()
        let model = MockModel(sleep: sleeps.record)
        var result = ""
        for (index, request) in requests.enumerated() {
            result += "# request \(index)\n"
            result += await transcript(of: request, model: model, sleeps: sleeps)
        }
        return result
    }

    /// FNV-1a of the UTF-8 bytes of `text`.
    static func hash(_ text: String) -> UInt64 {
        SeededGenerator.seed(from: text.utf8)
    }

    private static func quote(_ text: String?) -> String {
        guard let text else { return "nil" }
        return "\"" + text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() + "\""
    }

    private static func describe(_ usage: TokenUsage) -> String {
        "\(usage.promptTokens)+\(usage.completionTokens)"
    }

    private static func describe(_ logprob: TokenLogprob) -> String {
        let top = logprob.topLogprobs.map { "\(quote($0.token))=\($0.logprob.bitPattern)" }
        return "\(quote(logprob.token))=\(logprob.logprob.bitPattern) [\(top.joined(separator: " "))]"
    }

    private static func describe(_ event: GenerationEvent) -> String {
        switch event {
        case .text(let choice, let text, let logprob):
            return "text \(choice) \(quote(text)) \(logprob.map(describe) ?? "-")"
        case .toolCallStart(let choice, let index, let id, let name):
            return "call \(choice) \(index) \(id) \(name)"
        case .toolCallArguments(let choice, let index, let text):
            return "arguments \(choice) \(index) \(quote(text))"
        case .finish(let choice, let reason):
            return "finish \(choice) \(reason.rawValue)"
        case .usage(let usage):
            return "usage \(describe(usage))"
        }
    }

    /// Records streamed events.
    final class EventLog: GenerationSink {
        /// The events so far.
        let events = Locked<[GenerationEvent]>([])

        func send(_ event: GenerationEvent) async throws {
            events.withLock { $0.append(event) }
        }
    }

    /// Records the milliseconds a stream asked to sleep, without sleeping.
    final class SleepLog: Sendable {
        private let milliseconds = Locked<[Int64]>([])

        /// A sleep function that records.
        var record: @Sendable (Duration) async throws -> Void {
            { duration in
                self.milliseconds.withLock {
                    $0.append(
                        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
                }
            }
        }

        /// The recorded sleeps since the last call, joined.
        func take() -> String {
            milliseconds.withLock { recorded in
                defer { recorded.removeAll() }
                return recorded.map(String.init).joined(separator: ",")
            }
        }
    }
}
