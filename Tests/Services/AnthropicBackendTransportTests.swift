import Blueprint
import BlueprintUpstream
import Testing

/// `AnthropicBackend` over a scripted `UpstreamHTTPClient`: what it sends, and how transport failures surface.
@Suite("Anthropic backend transport")
struct AnthropicBackendTransportTests {
    /// Answers every request with the script and records what was sent.
    final class StubClient: UpstreamHTTPClient {
        enum Script: Sendable {
            case fail(UpstreamTransportError)
            case respond(status: Int, pieces: [String], thenFail: Bool)
        }

        let script: Script
        let sent = Locked<[UpstreamRequest]>([])

        init(_ script: Script) {
            self.script = script
        }

        func send(_ request: UpstreamRequest) async throws -> UpstreamResponse {
            sent.withLock { $0.append(request) }
            switch script {
            case .fail(let error):
                throw error
            case .respond(let status, let pieces, let thenFail):
                let (body, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
                for piece in pieces { continuation.yield(Array(piece.utf8)) }
                continuation.finish(throwing: thenFail ? UpstreamTransportError.connectFailed("reset by peer") : nil)
                return UpstreamResponse(status: status, headers: [:], body: body)
            }
        }
    }

    /// Collects streamed events.
    final class CollectingSink: GenerationSink {
        let events = Locked<[GenerationEvent]>([])

        func send(_ event: GenerationEvent) async throws {
            events.withLock { $0.append(event) }
        }
    }

    static func backend(_ client: StubClient) -> AnthropicBackend {
        AnthropicBackend(
            configuration: AnthropicBackend.Configuration(
                apiKey: "sk-ant-default", models: ["claude-test"], baseURL: "https://anthropic.example/v1/",
                upstreamKey: { $0 == "vip" ? "sk-ant-vip" : nil }, timeout: .seconds(42)),
            client: client)
    }

    static func request(key: String?) -> GenerationRequest {
        GenerationRequest(
            model: "claude-test", input: .messages([ChatMessage(role: .user, content: "Hi")]),
            caller: Caller(apiKey: key, requestID: "req_1"))
    }

    static let message =
        #"{"content":[{"type":"text","text":"Hello"}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}"#

    @Test("the request goes to <base>/messages with the mapped key, the version, JSON and the timeout")
    func requestShape() async throws {
        let client = StubClient(.respond(status: 200, pieces: [Self.message], thenFail: false))
        let backend = Self.backend(client)
        _ = try await backend.generate(Self.request(key: "vip"))
        _ = try await backend.generate(Self.request(key: "someone"))
        let sent = client.sent.withLock { $0 }
        #expect(sent.count == 2)
        let first = try #require(sent.first)
        #expect(first.method == "POST")
        #expect(first.url == "https://anthropic.example/v1/messages")
        #expect(first.timeout == .seconds(42))
        let headers = first.headers.map { "\($0.name): \($0.value)" }
        #expect(
            headers == [
                "x-api-key: sk-ant-vip", "anthropic-version: 2023-06-01", "content-type: application/json",
                "accept: application/json",
            ])
        let fallback = sent.last?.headers.first?.value
        #expect(fallback == "sk-ant-default")
        #expect(try JSONParser.parse(first.body)["model"] == "claude-test")
    }

    @Test(
        "transport failures become 502/504 errors that name neither the URL nor the key",
        arguments: [
            (
                UpstreamTransportError.connectFailed("https://anthropic.example refused sk-ant-default"),
                ServiceError.unreachable("Could not connect to the Anthropic API.")
            ),
            (UpstreamTransportError.timedOut, ServiceError.timedOut("The Anthropic API did not answer in time.")),
        ])
    func transportFailures(failure: UpstreamTransportError, expected: ServiceError) async {
        let backend = Self.backend(StubClient(.fail(failure)))
        let generateError = await Self.error { _ = try await backend.generate(Self.request(key: nil)) }
        #expect(generateError as? ServiceError == expected)
        let streamError = await Self.error { try await backend.stream(Self.request(key: nil), into: CollectingSink()) }
        #expect(streamError as? ServiceError == expected)
    }

    @Test("a cancelled exchange is a CancellationError, which the API layer treats as the client gone")
    func cancelled() async {
        let backend = Self.backend(StubClient(.fail(.cancelled)))
        let error = await Self.error { _ = try await backend.generate(Self.request(key: nil)) }
        #expect(error is CancellationError)
    }

    @Test("a stream that breaks off, or ends without message_stop, is unreachable after the events so far")
    func truncatedStreams() async {
        let start = "event: message_start\ndata: {\"message\":{\"usage\":{\"input_tokens\":3}}}\n\n"
        let text =
            "event: content_block_start\ndata: {\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"Hel\"}}\n\n"
        for thenFail in [true, false] {
            let backend = Self.backend(StubClient(.respond(status: 200, pieces: [start, text], thenFail: thenFail)))
            let sink = CollectingSink()
            let error = await Self.error { try await backend.stream(Self.request(key: nil), into: sink) }
            let expected =
                thenFail
                ? ServiceError.unreachable("The connection to the Anthropic API broke off mid-response.")
                : ServiceError.unreachable("The Anthropic API ended the stream before the message was complete.")
            #expect(error as? ServiceError == expected)
            let events = sink.events.withLock { $0 }
            #expect(events == [.text(choice: 0, "Hel", logprob: nil)])
        }
    }

    @Test("an unreadable success body is a 502; embeddings and unknown models are refused without a request")
    func refusals() async {
        let garbage = Self.backend(StubClient(.respond(status: 200, pieces: ["<html>"], thenFail: false)))
        let unreadable = await Self.error { _ = try await garbage.generate(Self.request(key: nil)) }
        guard case .upstream(let status, _, _, _, _) = unreadable as? ServiceError else {
            Issue.record("expected an upstream error, got \(String(describing: unreadable))")
            return
        }
        #expect(status == 502)

        let client = StubClient(.fail(.timedOut))
        let backend = Self.backend(client)
        let embedding = await Self.error {
            _ = try await backend.embed(EmbeddingRequest(model: "claude-test", inputs: [.text("x")]))
        }
        #expect(embedding as? ServiceError == .unsupportedEndpoint(model: "claude-test", endpoint: "v1/embeddings"))
        var unknown = Self.request(key: nil)
        unknown.model = "gpt-4o"
        let notFound = await Self.error { _ = try await backend.generate(unknown) }
        #expect(notFound as? ServiceError == .modelNotFound("gpt-4o"))
        let sentCount = client.sent.withLock { $0.count }
        #expect(sentCount == 0)
        let models = try? await backend.models()
        #expect(models == [ModelDescriptor(id: "claude-test", created: 0, ownedBy: "anthropic", kind: .text)])
    }

    static func error(_ body: () async throws -> Void) async -> (any Error)? {
        do {
            try await body()
            return nil
        } catch {
            return error
        }
    }
}
