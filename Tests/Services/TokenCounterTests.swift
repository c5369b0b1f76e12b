import Blueprint
import Testing

@Suite("TokenCounter")
struct TokenCounterTests {
    private func pieces(_ text: String) -> [String] {
        TokenCounter.tokens(text).map(String.init)
    }

    @Test func wordsCarryTheirLeadingSpace() {
        #expect(pieces("Hello world") == ["Hello", " world"])
        #expect(pieces(" the quick fox") == [" the", " quick", " fox"])
    }

    @Test func letterRunsSplitEveryTwelveScalars() {
        #expect(pieces("internationalization") == ["internationa", "lization"])
        #expect(pieces(" abcdefghijklmnopqrstuvwxyz") == [" abcdefghijkl", "mnopqrstuvwx", "yz"])
        #expect(pieces("abcdefghijkl") == ["abcdefghijkl"])
    }

    @Test func digitRunsHoldUpToThreeDigits() {
        #expect(pieces("12345 678") == ["123", "45", " 678"])
        #expect(pieces("v2") == ["v", "2"])
        #expect(pieces("3.14") == ["3", ".", "14"])
    }

    @Test func newlinesAndWhitespaceRuns() {
        #expect(pieces("a\n\nb") == ["a", "\n", "\n", "b"])
        #expect(pieces("a  b") == ["a", " ", " b"])
        #expect(pieces("a \n b") == ["a", " ", "\n", " b"])
        #expect(pieces("\t\tx") == ["\t\t", "x"])
        #expect(pieces("a   ") == ["a", "   "])
        #expect(pieces("x\r\ny") == ["x", "\r", "\n", "y"])
        #expect(pieces("  \t ok") == ["  \t", " ok"])
    }

    @Test func otherScalarsAreSingleTokensWithTheirSpace() {
        #expect(pieces("Hi, you!") == ["Hi", ",", " you", "!"])
        #expect(pieces(" (x)") == [" (", "x", ")"])
        #expect(pieces("a -> b") == ["a", " -", ">", " b"])
        #expect(pieces("{\"k\":1}") == ["{", "\"", "k", "\"", ":", "1", "}"])
    }

    @Test func emojiCountPerScalar() {
        #expect(TokenCounter.count("👍🏽") == 2)
        #expect(pieces("hi 👨‍👩‍👧") == ["hi", " 👨", "\u{200D}", "👩", "\u{200D}", "👧"])
    }

    @Test func unicodeLettersAndDigits() {
        #expect(pieces("Grüße aus Köln") == ["Grüße", " aus", " Köln"])
        #expect(pieces("cafe\u{301} noir") == ["cafe\u{301}", " noir"])
        #expect(pieces("日本語です") == ["日本語です"])
        #expect(pieces("١٢٣٤") == ["١٢٣", "٤"])
        #expect(pieces("a\u{00A0}b") == ["a", "\u{00A0}", "b"])
    }

    @Test(arguments: [
        "", " ", "\n", "plain words here", "x\r\ny", "Mixed 123 numbers, 4567 and punctuation!?",
        "  leading and trailing  ", "👨‍👩‍👧 family e\u{301} ok", "tabs\tand\u{3000}ideographic spaces",
        "{\"json\": [1, 2.5, true, null]}", "日本語のテキスト、句読点。", "a\u{0301}\u{0302}b",
    ])
    func tokensConcatenateToTheText(text: String) {
        let tokens = TokenCounter.tokens(text)
        #expect(tokens.joined() == text)
        #expect(String(tokens.joined()).unicodeScalars.elementsEqual(text.unicodeScalars))
        #expect(TokenCounter.count(text) == tokens.count)
        #expect(tokens.allSatisfy { !$0.isEmpty })
        let byteCount = Array(text.utf8).withUnsafeBufferPointer { TokenCounter.count(utf8: $0) }
        #expect(byteCount == tokens.count)
    }

    @Test func everyTokenRecountsAsOne() {
        let text = "The quick brown fox, aged 1234, jumped over 👍🏽 the lazy dog.\n\n  Done!"
        for token in TokenCounter.tokens(text) {
            #expect(TokenCounter.count(String(token)) == 1, "\(token)")
        }
    }

    @Test func conversationsAddThreeTokensPerMessageAndThreeForTheReply() {
        let user = ChatMessage(role: .user, content: "Hello there")
        #expect(TokenCounter.count(messages: [user]) == 2 + 3 + 3)
        let system = ChatMessage(role: .system, content: "Be brief.")
        #expect(TokenCounter.count(messages: [system, user]) == (3 + 3) + (2 + 3) + 3)
        let named = ChatMessage(role: .user, content: "Hi", name: "alice")
        #expect(TokenCounter.count(messages: [named]) == 1 + 3 + (1 + 1) + 3)
        let call = ChatMessage(
            role: .assistant, content: nil, toolCalls: [ToolCall(id: "call_1", name: "f", arguments: "{\"a\":1}")])
        #expect(TokenCounter.count(messages: [call]) == 3 + 1 + 7 + 3)
        #expect(TokenCounter.count(messages: []) == 3)
    }

    @Test func toolsCountTheirJSONText() {
        let tool = ToolDefinition(
            name: "get_weather", description: "Weather now",
            parameters: ["type": "object", "properties": ["city": ["type": "string"]]])
        let json =
            #"{"name":"get_weather","description":"Weather now","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}"#
        #expect(TokenCounter.count(tools: [tool]) == TokenCounter.count(json))
        #expect(TokenCounter.count(tools: [tool, tool]) == 2 * TokenCounter.count(json))
        #expect(TokenCounter.count(tools: [ToolDefinition(name: "ping")]) == TokenCounter.count(#"{"name":"ping"}"#))
    }

    @Test func promptTokensForEachInputKind() {
        let messages = [ChatMessage(role: .user, content: "Count me")]
        let tool = ToolDefinition(name: "ping")
        #expect(TokenCounter.promptTokens(for: .messages(messages)) == TokenCounter.count(messages: messages))
        #expect(
            TokenCounter.promptTokens(for: .messages(messages), tools: [tool])
                == TokenCounter.count(messages: messages) + TokenCounter.count(tools: [tool]))
        #expect(TokenCounter.promptTokens(for: .prompt("Once upon a time")) == 4)
        #expect(TokenCounter.promptTokens(for: .tokens([1, 2, 3, 4, 5])) == 5)
    }
}
