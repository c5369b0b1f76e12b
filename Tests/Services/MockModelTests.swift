import Blueprint
import Testing

/// Records streamed events; optionally cancels the current task or throws after a number of events.
private final class RecordingSink: GenerationSink {
    enum Action { case none, cancelTask, fail }
    struct Failure: Error {}

    private let events = Locked<[GenerationEvent]>([])
    private let after: Int
    private let action: Action

    init(after: Int = .max, action: Action = .none) {
        self.after = after
        self.action = action
    }

    var recorded: [GenerationEvent] { events.withLock { $0 } }

    func send(_ event: GenerationEvent) async throws {
        let count = events.withLock {
            $0.append(event)
            return $0.count
        }
        guard count >= after else { return }
        switch action {
        case .none: break
        case .cancelTask: withUnsafeCurrentTask { $0?.cancel() }
        case .fail: throw Failure()
        }
    }
}

/// Records the durations a stream asked to sleep, without sleeping.
private final class SleepRecorder: Sendable {
    private let durations = Locked<[Duration]>([])

    var recorded: [Duration] { durations.withLock { $0 } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { duration in
            self.durations.withLock { $0.append(duration) }
            try Task.checkCancellation()
        }
    }
}

/// Streams `request` in a child task, so a sink that cancels its task cancels only the stream.
private func streamInChildTask(_ model: MockModel, _ request: GenerationRequest, into sink: RecordingSink) async throws
{
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await model.stream(request, into: sink) }
        try await group.next()
    }
}

/// The generation a stream's events describe, rebuilt the way an API layer would.
private func rebuild(_ events: [GenerationEvent], model: String, logprobs wanted: Bool) -> Generation {
    var texts: [Int: String] = [:]
    var logprobs: [Int: [TokenLogprob]] = [:]
    var calls: [Int: [ToolCall]] = [:]
    var finishes: [Int: FinishReason] = [:]
    var usage = TokenUsage(promptTokens: -1, completionTokens: -1)
    for event in events {
        switch event {
        case .text(let choice, let text, let logprob):
            texts[choice, default: ""] += text
            if let logprob { logprobs[choice, default: []].append(logprob) }
        case .toolCallStart(let choice, let index, let id, let name):
            #expect(calls[choice, default: []].count == index)
            calls[choice, default: []].append(ToolCall(id: id, name: name, arguments: ""))
        case .toolCallArguments(let choice, let index, let fragment):
            calls[choice]![index].arguments += fragment
        case .finish(let choice, let reason):
            #expect(finishes[choice] == nil)
            finishes[choice] = reason
        case .usage(let value):
            usage = value
        }
    }
    let choices = finishes.keys.sorted().map { index in
        let toolCalls = calls[index] ?? []
        let text = toolCalls.isEmpty ? texts[index] ?? "" : texts[index]
        return GeneratedChoice(
            index: index, text: text, toolCalls: toolCalls, finishReason: finishes[index]!,
            logprobs: wanted && text != nil ? logprobs[index] ?? [] : nil)
    }
    return Generation(model: model, choices: choices, usage: usage)
}

private func chat(
    _ content: String, model: String = "gpt-4o-mini", maxTokens: Int? = nil, stop: [String] = [], n: Int = 1,
    seed: Int? = nil, tools: [ToolDefinition] = [], toolChoice: ToolChoice = .auto,
    responseFormat: ResponseFormat = .text, latency: SimulatedLatency = SimulatedLatency()
) -> GenerationRequest {
    GenerationRequest(
        model: model, input: .messages([ChatMessage(role: .user, content: content)]), maxTokens: maxTokens,
        stop: stop, n: n, seed: seed, tools: tools, toolChoice: toolChoice, responseFormat: responseFormat,
        latency: latency)
}

private func parse(_ text: String?) throws -> JSONValue {
    try JSONParser.parse(try #require(text))
}

private let weatherTool = MockModelGolden.weatherTool

private let searchTool = ToolDefinition(
    name: "search_documents", description: "Full-text search",
    parameters: [
        "type": "object",
        "properties": [
            "query": ["type": "string", "minLength": 1],
            "max_results": ["type": "integer", "minimum": 1, "maximum": 50],
            "filters": [
                "type": "object",
                "properties": [
                    "tags": ["type": "array", "items": ["type": "string"], "maxItems": 5],
                    "after": ["type": "string", "format": "date"],
                ],
            ],
        ],
        "required": ["query"],
    ])

private let calendarTool = ToolDefinition(
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
            "location": ["type": ["string", "null"]],
            "priority": ["$ref": "#/$defs/priority"],
        ],
        "required": ["title", "start", "duration_minutes", "attendees", "location", "priority"],
        "additionalProperties": false,
        "$defs": ["priority": ["type": "string", "enum": ["low", "normal", "high"]]],
    ], strict: true)

private let shippingTool = ToolDefinition(
    name: "quote_shipping",
    parameters: [
        "type": "object",
        "properties": [
            "parcel": [
                "anyOf": [
                    [
                        "type": "object", "properties": ["weight_kg": ["type": "number", "minimum": 0.1]],
                        "required": ["weight_kg"],
                    ],
                    [
                        "type": "object", "properties": ["letter": ["const": true]],
                        "required": ["letter"],
                    ],
                ]
            ],
            "items": [
                "type": "array",
                "items": [
                    "type": "object",
                    "properties": [
                        "sku": ["type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$"],
                        "qty": ["type": "integer", "minimum": 1],
                    ],
                    "required": ["sku", "qty"],
                ],
            ],
        ],
        "required": ["parcel", "items"],
    ])

@Suite("MockModel")
struct MockModelTests {
    let model = MockModel()

    // MARK: Models

    @Test func listsBlueprintAndOpenAIModels() async throws {
        let models = try await model.models()
        let ids = models.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in [
            "blueprint-mock", "blueprint-echo", "blueprint-embed", "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini",
            "gpt-4.1-nano", "gpt-5", "gpt-5-mini", "gpt-5-nano", "o3", "o3-mini", "o4-mini", "gpt-3.5-turbo",
            "gpt-3.5-turbo-instruct", "text-embedding-3-small", "text-embedding-3-large", "text-embedding-ada-002",
        ] {
            #expect(ids.contains(id), "\(id)")
        }
        let embedding = Set(models.filter { $0.kind == .embedding }.map(\.id))
        #expect(
            embedding == [
                "blueprint-embed", "text-embedding-3-small", "text-embedding-3-large", "text-embedding-ada-002",
            ])
        #expect(models.filter { $0.id.hasPrefix("blueprint-") }.allSatisfy { $0.ownedBy == "blueprint" })
        #expect(models.first { $0.id == "gpt-4o" }?.ownedBy == "system")
        #expect(models.allSatisfy { $0.created > 1_600_000_000 })
        let custom = MockModel(models: [ModelDescriptor(id: "mine", created: 1, ownedBy: "me", kind: .text)])
        #expect(try await custom.models().map(\.id) == ["mine"])
        _ = try await custom.generate(chat("hi", model: "mine"))
        await #expect(throws: ServiceError.modelNotFound("gpt-4o")) {
            try await custom.generate(chat("hi", model: "gpt-4o"))
        }
    }

    @Test func rejectsUnknownModelsAndWrongEndpoints() async throws {
        await #expect(throws: ServiceError.modelNotFound("gpt-9")) {
            try await model.generate(chat("hi", model: "gpt-9"))
        }
        await #expect(
            throws: ServiceError.unsupportedEndpoint(model: "text-embedding-3-small", endpoint: "v1/chat/completions")
        ) {
            try await model.generate(chat("hi", model: "text-embedding-3-small"))
        }
        await #expect(throws: ServiceError.self) {
            try await model.stream(chat("hi", model: "blueprint-embed"), into: RecordingSink())
        }
        await #expect(throws: ServiceError.unsupportedEndpoint(model: "gpt-4o", endpoint: "v1/embeddings")) {
            try await model.embed(EmbeddingRequest(model: "gpt-4o", inputs: [.text("x")]))
        }
        await #expect(throws: ServiceError.modelNotFound("nope")) {
            try await model.embed(EmbeddingRequest(model: "nope", inputs: [.text("x")]))
        }
    }

    @Test func rejectsImpossibleCounts() async throws {
        await #expect(
            throws: ServiceError.invalidRequest(message: "Invalid value for 'n': it must be at least 1.", param: "n")
        ) {
            try await model.generate(chat("hi", n: 0))
        }
        await #expect(throws: ServiceError.self) { try await model.generate(chat("hi", maxTokens: 0)) }
    }

    // MARK: Determinism

    @Test func sameRequestGivesTheSameGeneration() async throws {
        let request = chat("Explain how caching works in a web server.", n: 2, seed: 7)
        let first = try await model.generate(request)
        let second = try await MockModel().generate(request)
        #expect(first == second)
        #expect(first.choices.count == 2)
        #expect(first.choices[0].text != first.choices[1].text)
    }

    @Test func promptsSeedsAndSamplingShapeTheText() async throws {
        let base = try await model.generate(chat("Tell me about gardens.")).choices[0].text
        let otherPrompt = try await model.generate(chat("Tell me about rivers.")).choices[0].text
        let seeded = try await model.generate(chat("Tell me about gardens.", seed: 1)).choices[0].text
        let otherSeed = try await model.generate(chat("Tell me about gardens.", seed: 2)).choices[0].text
        var warm = chat("Tell me about gardens.")
        warm.temperature = 1.5
        let warmText = try await model.generate(warm).choices[0].text
        let otherModel = try await model.generate(chat("Tell me about gardens.", model: "gpt-4o")).choices[0].text
        let texts = [base, otherPrompt, seeded, otherSeed, warmText, otherModel]
        #expect(Set(texts).count == texts.count)
    }

    @Test func proseLooksLikeSentencesOfVaryingLength() async throws {
        var lengths: Set<Int> = []
        for index in 0..<20 {
            let generation = try await model.generate(chat("Question \(index): how do compilers work?"))
            let choice = generation.choices[0]
            let text = try #require(choice.text)
            #expect(choice.finishReason == .stop)
            #expect(text.first!.isUppercase)
            #expect(text.hasSuffix(".") || text.hasSuffix("!"))
            #expect((20...150).contains(generation.usage.completionTokens))
            lengths.insert(generation.usage.completionTokens)
        }
        #expect(lengths.count >= 10)
    }

    @Test func proseUsesWordsFromThePrompt() async throws {
        let generation = try await model.generate(
            chat("How does Kubernetes schedule containers across nodes?", n: 3))
        let text = generation.choices.compactMap(\.text).joined(separator: " ")
        #expect(text.contains("Kubernetes") || text.contains("containers") || text.contains("schedule"))
    }

    // MARK: Token accounting

    @Test func usageMatchesTheTokenCounter() async throws {
        for index in 0..<40 {
            let messages = [
                ChatMessage(role: .system, content: "You are helpful."),
                ChatMessage(role: .user, content: "Topic \(index): migrating a monolith to microservices, carefully."),
            ]
            let request = GenerationRequest(model: "gpt-4.1", input: .messages(messages), n: 2, logprobs: true)
            let generation = try await model.generate(request)
            #expect(generation.usage.promptTokens == TokenCounter.count(messages: messages))
            let texts = generation.choices.compactMap(\.text)
            #expect(generation.usage.completionTokens == texts.map(TokenCounter.count).reduce(0, +))
            for choice in generation.choices {
                let tokens = TokenCounter.tokens(choice.text!).map(String.init)
                #expect(choice.logprobs?.map(\.token) == tokens)
            }
            #expect(generation.usage.totalTokens == generation.usage.promptTokens + generation.usage.completionTokens)
        }
    }

    @Test(arguments: [
        "Erkläre Straßenbahnhaltestellen in München, bitte.", "Что такое квантовая запутанность?",
        "東京の天気はどうですか", "internationalization and counterrevolutionaries, 12345 times",
        "  spaced   out\n\nlines\t\twith tabs  ", "",
    ])
    func generatedTokensAreTheTokenCountersTokens(prompt: String) async throws {
        let messages = [
            ChatMessage(role: .user, content: prompt),
            ChatMessage(
                role: .assistant, content: nil, toolCalls: [ToolCall(id: "call_1", name: "lookup", arguments: "{}")]),
            ChatMessage(role: .tool, content: "  line one\n  ☃︎ end \(prompt)  ", toolCallID: "call_1"),
        ]
        for input in [GenerationRequest.Input.messages(Array(messages.prefix(1))), .messages(messages)] {
            var request = GenerationRequest(model: "gpt-4o", input: input, n: 3, logprobs: true)
            for seed in 0..<5 {
                request.seed = seed
                let generation = try await model.generate(request)
                for choice in generation.choices {
                    let text = try #require(choice.text)
                    #expect(choice.logprobs?.map(\.token) == TokenCounter.tokens(text).map(String.init))
                }
            }
        }
    }

    @Test func legacyPromptsCountThePromptOnly() async throws {
        let prompt = GenerationRequest(model: "gpt-3.5-turbo-instruct", input: .prompt("Once upon a time"))
        #expect(try await model.generate(prompt).usage.promptTokens == 4)
        let tokens = GenerationRequest(model: "gpt-3.5-turbo-instruct", input: .tokens([9, 8, 7]))
        let generation = try await model.generate(tokens)
        #expect(generation.usage.promptTokens == 3)
        #expect(generation.choices[0].finishReason == .stop)
        #expect(generation.usage.completionTokens == TokenCounter.count(generation.choices[0].text!))
    }

    // MARK: max_tokens and stop

    @Test(arguments: [1, 2, 5, 17])
    func maxTokensCutsWithLength(limit: Int) async throws {
        let full = try await model.generate(chat("Describe a sunset.")).choices[0].text!
        let generation = try await model.generate(chat("Describe a sunset.", maxTokens: limit))
        let choice = generation.choices[0]
        #expect(choice.finishReason == .length)
        #expect(generation.usage.completionTokens == limit)
        #expect(TokenCounter.count(choice.text!) == limit)
        #expect(full.hasPrefix(choice.text!))
    }

    @Test func generousMaxTokensLetsTheTextEnd() async throws {
        let generation = try await model.generate(chat("Describe a sunset.", maxTokens: 4096))
        #expect(generation.choices[0].finishReason == .stop)
        #expect(generation.usage.completionTokens < 200)
    }

    @Test func ignoreEOSWritesExactlyMaxTokens() async throws {
        var request = chat("Write a lot.", maxTokens: 3000)
        request.extra = ["ignore_eos": true]
        let generation = try await model.generate(request)
        #expect(generation.usage.completionTokens == 3000)
        #expect(generation.choices[0].finishReason == .length)
        #expect(TokenCounter.count(generation.choices[0].text!) == 3000)
    }

    @Test func stopEndsRightBeforeTheFirstMatchAcrossTokens() async throws {
        let full = try await model.generate(chat("Describe a harbour.")).choices[0].text!
        let tokens = TokenCounter.tokens(full).map(String.init)
        // The end of token 4 and the start of token 5: a match that spans a token boundary.
        let spanning = String(tokens[4].suffix(2)) + String(tokens[5].prefix(2))
        let expected = String(full[..<full.firstRange(of: spanning)!.lowerBound])
        let generation = try await model.generate(chat("Describe a harbour.", stop: ["zzz-not-there", spanning]))
        #expect(generation.choices[0].text == expected)
        #expect(generation.choices[0].finishReason == .stop)
        #expect(generation.usage.completionTokens == TokenCounter.count(expected))

        let events = RecordingSink()
        try await model.stream(chat("Describe a harbour.", stop: ["zzz-not-there", spanning]), into: events)
        let texts = events.recorded.compactMap { event -> String? in
            if case .text(_, let text, _) = event { return text }
            return nil
        }
        #expect(texts.joined() == expected)
        #expect(texts.allSatisfy { !$0.contains(spanning) })
    }

    @Test func earliestStopWinsAndAbsentStopsChangeNothing() async throws {
        let full = try await model.generate(chat("Describe a forest.")).choices[0].text!
        let tokens = TokenCounter.tokens(full).map(String.init)
        let early = tokens[3]
        let late = tokens[10]
        let cut = try await model.generate(chat("Describe a forest.", stop: [late, early])).choices[0].text!
        #expect(cut == String(full[..<full.firstRange(of: early)!.lowerBound]))
        let untouched = try await model.generate(chat("Describe a forest.", stop: ["@@@", ""]))
        #expect(untouched.choices[0].text == full)
        #expect(untouched.choices[0].finishReason == .stop)
    }

    // MARK: Logprobs

    @Test func logprobsDescribeEveryToken() async throws {
        var request = chat("Summarize the history of jazz.", n: 2)
        request.logprobs = true
        request.topLogprobs = 3
        let generation = try await model.generate(request)
        for choice in generation.choices {
            let logprobs = try #require(choice.logprobs)
            #expect(logprobs.map(\.token).joined() == choice.text)
            for entry in logprobs {
                #expect((-2.5 ... -0.01).contains(entry.logprob))
                #expect(entry.topLogprobs.count == 3)
                #expect(entry.topLogprobs.first == TokenLogprob.Alternative(token: entry.token, logprob: entry.logprob))
                #expect(Set(entry.topLogprobs.map(\.token)).count == 3)
                let values = entry.topLogprobs.map(\.logprob)
                #expect(zip(values, values.dropFirst()).allSatisfy { $0 > $1 })
            }
        }
        request.logprobs = false
        #expect(try await model.generate(request).choices.allSatisfy { $0.logprobs == nil })
    }

    // MARK: Tools

    @Test func toolChoiceNoneAnswersInText() async throws {
        let generation = try await model.generate(chat("Weather in Oslo?", tools: [weatherTool], toolChoice: .none))
        #expect(generation.choices[0].toolCalls.isEmpty)
        #expect(generation.choices[0].text != nil)
        #expect(generation.choices[0].finishReason == .stop)
    }

    @Test func toolChoiceAutoCallsAToolAfterAUserMessage() async throws {
        let tools = [weatherTool, searchTool, calendarTool]
        let generation = try await model.generate(chat("Weather in Oslo?", n: 4, tools: tools))
        for choice in generation.choices {
            #expect(choice.text == nil)
            #expect(choice.finishReason == .toolCalls)
            let call = try #require(choice.toolCalls.first)
            #expect(choice.toolCalls.count == 1)
            #expect(tools.map(\.name).contains(call.name))
            #expect(call.id.hasPrefix("call_"))
            let suffix = call.id.dropFirst(5)
            #expect(suffix.count == 24)
            #expect(suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        }
        let ids = generation.choices.flatMap(\.toolCalls).map(\.id)
        #expect(Set(ids).count == ids.count)
        let arguments = generation.choices.flatMap(\.toolCalls).map(\.arguments)
        #expect(generation.usage.completionTokens == arguments.map(TokenCounter.count).reduce(0, +))
    }

    @Test func toolChoiceRequiredAndNamed() async throws {
        let tools = [weatherTool, searchTool]
        let required = try await model.generate(chat("Hello", tools: tools, toolChoice: .required))
        #expect(required.choices[0].finishReason == .toolCalls)
        #expect(required.choices[0].toolCalls.count == 1)

        let named = try await model.generate(
            chat("Hello", n: 3, tools: tools, toolChoice: .function("search_documents")))
        for choice in named.choices {
            #expect(choice.toolCalls.map(\.name) == ["search_documents"])
            #expect(choice.finishReason == .stop)
            #expect(choice.text == nil)
        }

        await #expect(throws: ServiceError.self) {
            try await model.generate(chat("Hello", tools: tools, toolChoice: .function("missing")))
        }
        await #expect(throws: ServiceError.self) { try await model.generate(chat("Hello", toolChoice: .required)) }
    }

    @Test(arguments: [weatherTool, searchTool, calendarTool, shippingTool])
    func argumentsValidateAgainstTheSchema(tool: ToolDefinition) async throws {
        for seed in 0..<15 {
            let generation = try await model.generate(
                chat("Please help.", seed: seed, tools: [tool], toolChoice: .function(tool.name)))
            let call = try #require(generation.choices[0].toolCalls.first)
            let arguments = try parse(call.arguments)
            let validator = JSONSchemaValidator(schema: try #require(tool.parameters))
            #expect(validator.validate(arguments).isEmpty, "\(call.arguments)")
            // Compact JSON: the writer puts no spaces between tokens.
            #expect(arguments.jsonString == call.arguments)
        }
    }

    @Test func toolWithoutParametersGetsEmptyArguments() async throws {
        let generation = try await model.generate(chat("Ping", tools: [ToolDefinition(name: "ping")]))
        #expect(generation.choices[0].toolCalls.first?.arguments == "{}")
        #expect(generation.usage.completionTokens == 2)
    }

    @Test func maxTokensTruncatesArguments() async throws {
        let generation = try await model.generate(chat("Ping", maxTokens: 3, tools: [calendarTool]))
        #expect(generation.choices[0].finishReason == .length)
        #expect(TokenCounter.count(generation.choices[0].toolCalls[0].arguments) == 3)
        #expect(generation.usage.completionTokens == 3)
    }

    @Test func agentLoopEndsAfterAToolResult() async throws {
        var messages = [ChatMessage(role: .user, content: "What's the weather in Oslo?")]
        let first = try await model.generate(
            GenerationRequest(model: "gpt-4o", input: .messages(messages), tools: [weatherTool]))
        let call = try #require(first.choices[0].toolCalls.first)
        messages.append(ChatMessage(role: .assistant, content: nil, toolCalls: [call]))
        messages.append(
            ChatMessage(role: .tool, content: "{\"temperature\":4,\"sky\":\"cloudy\"}", toolCallID: call.id))
        let second = try await model.generate(
            GenerationRequest(model: "gpt-4o", input: .messages(messages), tools: [weatherTool]))
        let choice = second.choices[0]
        #expect(choice.toolCalls.isEmpty)
        #expect(choice.finishReason == .stop)
        let text = try #require(choice.text)
        #expect(text.hasPrefix("The get_weather tool returned: {\"temperature\":4,\"sky\":\"cloudy\"}."))
        #expect(second.usage.completionTokens == TokenCounter.count(text))
        #expect(second.usage.promptTokens == TokenCounter.promptTokens(for: .messages(messages), tools: [weatherTool]))
    }

    // MARK: Structured output

    @Test func jsonObjectIsAnObjectWithAnAnswer() async throws {
        let generation = try await model.generate(chat("Give me JSON about tea.", n: 2, responseFormat: .jsonObject))
        for choice in generation.choices {
            let value = try parse(choice.text)
            #expect(value["answer"]?.stringValue?.isEmpty == false)
            #expect(value.objectValue?.count == 1)
        }
        #expect(
            generation.usage.completionTokens == generation.choices.map { TokenCounter.count($0.text!) }.reduce(0, +))
    }

    @Test(arguments: [weatherTool, searchTool, calendarTool, shippingTool])
    func jsonSchemaOutputValidates(tool: ToolDefinition) async throws {
        let schema = try #require(tool.parameters)
        for seed in 0..<10 {
            let generation = try await model.generate(
                chat(
                    "Fill the form.", seed: seed,
                    responseFormat: .jsonSchema(name: tool.name, schema: schema, strict: tool.strict)))
            let value = try parse(generation.choices[0].text)
            #expect(JSONSchemaValidator(schema: schema).isValid(value), "\(generation.choices[0].text ?? "")")
            #expect(generation.choices[0].finishReason == .stop)
        }
    }

    @Test func maxTokensTruncatesJSON() async throws {
        let generation = try await model.generate(chat("JSON", maxTokens: 4, responseFormat: .jsonObject))
        #expect(generation.choices[0].finishReason == .length)
        #expect(generation.choices[0].text == "{\"answer\"")
    }

    @Test func unsatisfiableSchemasAreInvalidRequests() async throws {
        let schema: JSONValue = ["type": "integer", "minimum": 5, "maximum": 1]
        await #expect(throws: ServiceError.self) {
            try await model.generate(chat("x", responseFormat: .jsonSchema(name: "bad", schema: schema, strict: false)))
        }
    }

    // MARK: Echo

    @Test func echoRepeatsTheLastUserMessage() async throws {
        let messages = [
            ChatMessage(role: .user, content: "first"),
            ChatMessage(role: .assistant, content: "reply"),
            ChatMessage(role: .user, content: "Say exactly this, 👋 please!"),
        ]
        let request = GenerationRequest(
            model: "blueprint-echo", input: .messages(messages), n: 2, logprobs: true, tools: [weatherTool])
        let generation = try await model.generate(request)
        for choice in generation.choices {
            #expect(choice.text == "Say exactly this, 👋 please!")
            #expect(choice.toolCalls.isEmpty)
            #expect(choice.logprobs?.map(\.token).joined() == choice.text)
        }
        #expect(generation.usage.completionTokens == 2 * TokenCounter.count("Say exactly this, 👋 please!"))

        let cut = try await model.generate(chat("one two three four", model: "blueprint-echo", maxTokens: 2))
        #expect(cut.choices[0].text == "one two")
        #expect(cut.choices[0].finishReason == .length)
        let stopped = try await model.generate(chat("one two three four", model: "blueprint-echo", stop: [" th"]))
        #expect(stopped.choices[0].text == "one two")
        #expect(stopped.choices[0].finishReason == .stop)
    }

    // MARK: Streaming

    @Test(arguments: [
        chat("Stream a short story.", n: 3),
        chat("Stream this.", maxTokens: 9),
        chat("Stream with a stop.", stop: [","]),
        chat("Call a tool.", n: 2, tools: [weatherTool, searchTool, calendarTool]),
        chat("Named.", tools: [weatherTool], toolChoice: .function("get_weather")),
        chat("JSON.", responseFormat: .jsonObject),
        chat("Schema.", responseFormat: .jsonSchema(name: "s", schema: calendarTool.parameters!, strict: true)),
        chat("echo me", model: "blueprint-echo", n: 2),
    ])
    func streamSendsWhatGenerateReturns(request: GenerationRequest) async throws {
        var request = request
        for logprobs in [false, true] {
            request.logprobs = logprobs
            request.topLogprobs = logprobs ? 2 : 0
            let sink = RecordingSink()
            try await model.stream(request, into: sink)
            let streamed = rebuild(sink.recorded, model: request.model, logprobs: logprobs)
            let generated = try await model.generate(request)
            #expect(streamed == generated)
            guard case .usage = sink.recorded.last else {
                Issue.record("the last event is not usage")
                return
            }
            let tokenEvents = sink.recorded.filter {
                switch $0 {
                case .text, .toolCallArguments: return true
                default: return false
                }
            }
            #expect(tokenEvents.count == generated.usage.completionTokens)
        }
    }

    @Test func streamSendsChoicesInOrderEachComplete() async throws {
        let sink = RecordingSink()
        try await model.stream(chat("Order.", n: 3), into: sink)
        var lastChoice = 0
        for event in sink.recorded {
            switch event {
            case .text(let choice, _, _), .finish(let choice, _):
                #expect(choice >= lastChoice)
                lastChoice = choice
            default:
                break
            }
        }
        let finishes = sink.recorded.compactMap { event -> Int? in
            if case .finish(let choice, _) = event { return choice }
            return nil
        }
        #expect(finishes == [0, 1, 2])
    }

    // MARK: Latency

    @Test func latencySleepsOnceBeforeTheFirstTokenThenBetweenTokens() async throws {
        let sleeps = SleepRecorder()
        let slow = MockModel(sleep: sleeps.sleep)
        let request = chat(
            "Slowly.", n: 2, latency: SimulatedLatency(timeToFirstTokenMS: 250, interTokenMS: 30, jitterMS: 0))
        try await slow.stream(request, into: RecordingSink())
        let tokens = try await slow.generate(request).usage.completionTokens
        #expect(sleeps.recorded == [.milliseconds(250)] + Array(repeating: .milliseconds(30), count: tokens - 1))
    }

    @Test func latencyCoversToolCallArguments() async throws {
        let sleeps = SleepRecorder()
        let slow = MockModel(sleep: sleeps.sleep)
        let request = chat(
            "Call.", tools: [weatherTool], latency: SimulatedLatency(timeToFirstTokenMS: 100, interTokenMS: 10))
        try await slow.stream(request, into: RecordingSink())
        let tokens = try await slow.generate(request).usage.completionTokens
        #expect(sleeps.recorded == [.milliseconds(100)] + Array(repeating: .milliseconds(10), count: tokens - 1))
    }

    @Test func jitterIsBoundedAndDeterministic() async throws {
        let latency = SimulatedLatency(timeToFirstTokenMS: 100, interTokenMS: 20, jitterMS: 15)
        let first = SleepRecorder()
        let second = SleepRecorder()
        try await MockModel(sleep: first.sleep).stream(chat("Jitter.", latency: latency), into: RecordingSink())
        try await MockModel(sleep: second.sleep).stream(chat("Jitter.", latency: latency), into: RecordingSink())
        #expect(first.recorded == second.recorded)
        let recorded = first.recorded
        #expect((Duration.milliseconds(100)...Duration.milliseconds(115)).contains(recorded[0]))
        #expect(
            recorded.dropFirst().allSatisfy { (Duration.milliseconds(20)...Duration.milliseconds(35)).contains($0) })
        #expect(Set(recorded.dropFirst()).count > 1)
    }

    @Test func zeroLatencyNeverCallsSleep() async throws {
        let sleeps = SleepRecorder()
        try await MockModel(sleep: sleeps.sleep).stream(chat("Fast.", n: 2), into: RecordingSink())
        #expect(sleeps.recorded.isEmpty)
    }

    // MARK: Cancellation

    @Test func cancellationStopsAStreamThatNeverSleeps() async throws {
        var request = chat("Long.", maxTokens: 10_000)
        request.extra = ["ignore_eos": true]
        let sink = RecordingSink(after: 10, action: .cancelTask)
        await #expect(throws: CancellationError.self) { try await streamInChildTask(model, request, into: sink) }
        #expect(sink.recorded.count <= 10 + MockPacerInterval.tokens)
    }

    @Test func cancellationStopsASleepingStream() async throws {
        let sleeps = SleepRecorder()
        let request = chat("Long.", latency: SimulatedLatency(interTokenMS: 5))
        let sink = RecordingSink(after: 3, action: .cancelTask)
        await #expect(throws: CancellationError.self) {
            try await streamInChildTask(MockModel(sleep: sleeps.sleep), request, into: sink)
        }
        #expect(sink.recorded.count == 3)
    }

    @Test func aFailingSinkStopsTheStream() async throws {
        let sink = RecordingSink(after: 5, action: .fail)
        await #expect(throws: RecordingSink.Failure.self) { try await model.stream(chat("Stop early."), into: sink) }
        #expect(sink.recorded.count == 5)
    }

    // MARK: Embeddings

    private func embed(_ model: String, _ inputs: [EmbeddingRequest.Input], dimensions: Int? = nil) async throws
        -> Embeddings
    {
        try await self.model.embed(EmbeddingRequest(model: model, inputs: inputs, dimensions: dimensions))
    }

    private func norm(_ vector: [Float]) -> Double {
        vector.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
    }

    private func cosine(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    @Test func embeddingsAreDeterministicUnitVectorsOfTheModelsSize() async throws {
        let sizes = [
            "text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536,
            "blueprint-embed": 256,
        ]
        for (name, size) in sizes {
            let result = try await embed(name, [.text("hello world"), .text("another text"), .tokens([1, 2, 3])])
            #expect(result.model == name)
            #expect(result.vectors.count == 3)
            #expect(result.vectors.allSatisfy { $0.count == size })
            #expect(result.vectors.allSatisfy { abs(norm($0) - 1) < 1e-5 })
            #expect(result.promptTokens == 2 + 2 + 3)
            #expect(
                try await embed(name, [.text("hello world"), .text("another text"), .tokens([1, 2, 3])]) == result)
        }
    }

    @Test func differentInputsDifferAndSharedWordsAreCloser() async throws {
        let result = try await embed(
            "text-embedding-3-small",
            [
                .text("cats and dogs are friendly pets"), .text("dogs and cats are friendly pets"),
                .text("quantum chromodynamics of heavy quarks"), .tokens([1, 2, 3]), .tokens([3, 2, 1]),
            ])
        let vectors = result.vectors
        for i in vectors.indices {
            for j in vectors.indices where j > i {
                #expect(vectors[i] != vectors[j])
                #expect(cosine(vectors[i], vectors[j]) < 0.999)
            }
        }
        #expect(cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2]) + 0.3)
    }

    @Test func dimensionsTruncateAndRenormalise() async throws {
        let full = try await embed("text-embedding-3-large", [.text("truncate me")]).vectors[0]
        let short = try await embed("text-embedding-3-large", [.text("truncate me")], dimensions: 256).vectors[0]
        #expect(short.count == 256)
        #expect(abs(norm(short) - 1) < 1e-5)
        let prefixNorm = norm(Array(full.prefix(256)))
        for index in 0..<256 {
            #expect(abs(Double(short[index]) - Double(full[index]) / prefixNorm) < 1e-5)
        }
        #expect(try await embed("blueprint-embed", [.text("x")], dimensions: 1).vectors[0].map(abs) == [1])
        await #expect(throws: ServiceError.self) {
            try await embed("text-embedding-ada-002", [.text("x")], dimensions: 256)
        }
        await #expect(throws: ServiceError.self) {
            try await embed("text-embedding-3-small", [.text("x")], dimensions: 0)
        }
        await #expect(throws: ServiceError.self) {
            try await embed("text-embedding-3-small", [.text("x")], dimensions: 1537)
        }
    }
}

/// The pacer's cancellation interval as the tests rely on it (documented on `MockModel`: every 64 tokens).
private enum MockPacerInterval {
    static let tokens = 64
}
