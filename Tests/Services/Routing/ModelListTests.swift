import Blueprint
import Testing

/// Hands out scripted fetch results, one per call, and counts the calls.
private final class ScriptedFetch: Sendable {
    struct Unreachable: Error {}

    private let results: Locked<[Result<String, Unreachable>]>

    init(_ results: [Result<String, Unreachable>]) {
        self.results = Locked(results)
    }

    var remaining: Int { results.withLock { $0.count } }

    var fetch: @Sendable () async throws -> [UInt8] {
        { [results] in
            let next = results.withLock { $0.isEmpty ? .failure(Unreachable()) : $0.removeFirst() }
            return Array(try next.get().utf8)
        }
    }
}

@Suite struct ModelListTests {
    private static let config = RoutingConfig(
        providers: [
            ProviderConfig(name: "vllm", type: "mock", modelPrefix: "vllm/", models: [RoutedModel(id: "llama")]),
            ProviderConfig(name: "mock", type: "mock"),
        ],
        defaultProvider: "mock")

    private static func router() -> ModelRouter {
        ModelRouter(config: config) { _ in MockModel() }
    }

    @Test func entriesRouteLikeConfiguredModels() throws {
        let routes = try ModelList.routes(
            from: Array(
                #"""
                {"models": [{"id": "qwen", "provider": "vllm", "target": "gpt-4o", "endpoints": ["chat"], "note": 1},
                            {"id": "plain", "provider": "mock"}]}
                """#.utf8),
            config: Self.config)
        #expect(
            routes == [
                ModelRoute(modelID: "vllm/qwen", provider: "vllm", target: "gpt-4o", endpoints: [.chat]),
                ModelRoute(modelID: "plain", provider: "mock", target: "plain"),
            ])
    }

    @Test func aListWithAnyProblemIsRefusedWhole() {
        #expect(throws: RoutingConfigError.self) {
            try ModelList.routes(from: Array("{".utf8), config: Self.config)
        }
        do {
            _ = try ModelList.routes(
                from: Array(
                    #"""
                    {"models": [{"id": "ok", "provider": "mock"}, {"id": "x", "provider": "nowhere"},
                                {"provider": "mock"}, {"id": "llama", "provider": "vllm"},
                                {"id": "ok", "provider": "mock", "endpoints": ["speech"]}]}
                    """#.utf8),
                config: Self.config)
            Issue.record("expected the list to be refused")
        } catch {
            #expect(
                error.problems == [
                    #"models[1].provider: expected the name of a configured provider (vllm, mock), got "nowhere""#,
                    "models[2].id: missing; expected a model id of visible ASCII characters",
                    #"models[3].id: the model id "vllm/llama" is already routed by the routing configuration"#,
                    #"models[4].endpoints[0]: expected one of chat, completions, responses, embeddings, got "speech""#,
                    #"models[4].id: the model id "ok" is already routed by models[0]"#,
                ])
        }
    }

    @Test func refreshKeepsTheLastGoodListAndWaitsOnlyThroughTheInjectedSleep() async throws {
        let good = #"{"models": [{"id": "qwen", "provider": "vllm", "target": "gpt-4o"}]}"#
        let better = #"{"models": [{"id": "qwen", "provider": "vllm"}, {"id": "mini", "provider": "vllm"}]}"#
        let fetch = ScriptedFetch([
            .success(good), .failure(ScriptedFetch.Unreachable()), .success("{not json"),
            .success(#"{"models": [{"id": "x", "provider": "gone"}]}"#), .success(better),
        ])
        let router = Self.router()
        let sink = MemoryLogSink()
        // Each sleep records the listed models at that moment; the sixth ends the loop as a shutdown would.
        let seen = Locked<[[String]]>([])
        let sleeps = Locked<[Duration]>([])
        let refresher = ModelListRefresher(
            router: router, config: Self.config, interval: .seconds(300), fetch: fetch.fetch,
            sleep: { duration in
                let count = sleeps.withLock {
                    $0.append(duration)
                    return $0.count
                }
                seen.withLock { $0.append(router.listedRoutes.map(\.modelID)) }
                if count == 6 { throw CancellationError() }
            },
            logger: Logger(minimumLevel: .info, sink: sink))

        #expect(await refresher.refresh())
        await refresher.run()

        #expect(sleeps.withLock { $0 } == Array(repeating: .seconds(300), count: 6))
        #expect(
            seen.withLock { $0 } == [
                ["vllm/qwen"], ["vllm/qwen"], ["vllm/qwen"], ["vllm/qwen"], ["vllm/qwen", "vllm/mini"],
                ["vllm/qwen", "vllm/mini"],
            ])
        #expect(fetch.remaining == 0)
        #expect(router.route(for: "vllm/qwen")?.target == "qwen")
        let lines = sink.lines.joined(separator: "\n")
        #expect(lines.components(separatedBy: "model list fetch failed; keeping the last good list").count == 3)
        #expect(lines.components(separatedBy: "model list refused; keeping the last good list").count == 3)
        #expect(lines.contains(#"models[0].provider: expected the name of a configured provider"#))
    }

    @Test func aFailedFirstLoadLeavesTheConfiguredRoutesAlone() async throws {
        let router = Self.router()
        let refresher = ModelListRefresher(
            router: router, config: Self.config, interval: .seconds(1),
            fetch: ScriptedFetch([]).fetch, sleep: { _ in throw CancellationError() },
            logger: Logger(minimumLevel: .critical, sink: MemoryLogSink()))
        #expect(await refresher.refresh() == false)
        await refresher.run()
        #expect(router.listedRoutes.isEmpty)
        #expect(try await router.models().first?.id == "vllm/llama")
    }

    @Test func cancellingTheServerTaskEndsTheRefreshLoop() async throws {
        let started = AsyncStream<Void>.makeStream()
        let never = AsyncStream<Void>.makeStream()
        let refresher = ModelListRefresher(
            router: Self.router(), config: Self.config, interval: .seconds(3600), fetch: ScriptedFetch([]).fetch,
            sleep: { _ in
                started.continuation.yield()
                // Waits until the task is cancelled, as `Task.sleep` would, without a clock.
                for await _ in never.stream {}
                try Task.checkCancellation()
            },
            logger: Logger(minimumLevel: .critical, sink: MemoryLogSink()))
        await withDiscardingTaskGroup { group in
            group.addTask { await refresher.run() }
            var iterator = started.stream.makeAsyncIterator()
            await iterator.next()
            group.cancelAll()
        }
    }
}
