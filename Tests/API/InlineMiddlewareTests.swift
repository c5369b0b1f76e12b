import Blueprint
import Testing

/// The router runs consecutive inline middleware as one loop; these tests hold that loop to the behaviour of the
/// nested `handle` calls it replaces, for every way a layer can answer, throw or recover.
@Suite("Inline middleware runs")
struct InlineMiddlewareTests {
    /// What a layer does on the way in and with errors from further in.
    struct Behaviour: Sendable {
        var answersEarly = false
        var throwsInPrepare = false
        var recovers = false
    }

    struct LayerError: Error, Equatable {
        let layer: String
    }

    /// Records every call into `log` and marks the response with the layer's name.
    struct RecordingLayer: InlineMiddleware {
        let name: String
        let behaviour: Behaviour
        let log: Locked<[String]>

        func prepare(_ request: HTTPRequest, context: inout RequestContext) throws -> HTTPResponse? {
            log.withLock { $0.append("\(name).prepare") }
            context.parameters["path", default: ""] += name
            if behaviour.throwsInPrepare { throw LayerError(layer: name) }
            if behaviour.answersEarly {
                return HTTPResponse(status: .noContent, headers: ["answered-by": name])
            }
            return nil
        }

        func complete(_ request: HTTPRequest, context: RequestContext, response: inout HTTPResponse) {
            log.withLock { $0.append("\(name).complete") }
            response.headers.add(name: "completed-by", value: name)
        }

        func recover(from error: any Error, request: HTTPRequest, context: RequestContext) -> HTTPResponse? {
            log.withLock { $0.append("\(name).recover(\((error as? LayerError)?.layer ?? "?"))") }
            guard behaviour.recovers else { return nil }
            return HTTPResponse(status: .badGateway, headers: ["recovered-by": name])
        }
    }

    /// An ordinary async middleware, between inline ones.
    struct AsyncLayer: Middleware {
        let log: Locked<[String]>

        func handle(_ request: HTTPRequest, context: RequestContext, next: RequestHandler) async throws
            -> HTTPResponse
        {
            log.withLock { $0.append("async.before") }
            var context = context
            context.parameters["path", default: ""] += "async"
            var response = try await next(request, context)
            log.withLock { $0.append("async.after") }
            response.headers.add(name: "completed-by", value: "async")
            return response
        }
    }

    /// What one request did: the calls in order, then the response (status and headers) or the error.
    struct Outcome: Equatable {
        var log: [String]
        var status: Int?
        var headers: [String]
        var error: LayerError?
    }

    static func handler(throws: Bool, log: Locked<[String]>) -> RequestHandler {
        { _, context in
            log.withLock { $0.append("handler(\(context.parameters["path"] ?? ""))") }
            if `throws` { throw LayerError(layer: "handler") }
            return HTTPResponse(headers: ["handled": "yes"])
        }
    }

    static func outcome(_ log: Locked<[String]>, _ respond: () async throws -> HTTPResponse) async -> Outcome {
        do {
            let response = try await respond()
            return Outcome(
                log: log.withLock { $0 }, status: response.status.code,
                headers: response.headers.map { "\($0.name): \($0.value)" }, error: nil)
        } catch {
            return Outcome(log: log.withLock { $0 }, status: nil, headers: [], error: error as? LayerError)
        }
    }

    /// The request through the router (which groups the inline layers into one run).
    static func throughRouter(_ behaviours: [Behaviour], asyncAt: Int?, handlerThrows: Bool) async -> Outcome {
        let log = Locked<[String]>([])
        var router = Router()
        for (index, layer) in layers(behaviours, log: log).enumerated() {
            if index == asyncAt { router.use(AsyncLayer(log: log)) }
            router.use(layer)
        }
        router.get("/x", handler: handler(throws: handlerThrows, log: log))
        let responder = router.build()
        return await outcome(log) {
            try await responder.respond(to: HTTPRequest(method: .get, target: "/x"), context: RequestContext())
        }
    }

    /// The same request through nested `handle` calls: the reference behaviour.
    static func nested(_ behaviours: [Behaviour], asyncAt: Int?, handlerThrows: Bool) async -> Outcome {
        let log = Locked<[String]>([])
        var chain: [any Middleware] = []
        for (index, layer) in layers(behaviours, log: log).enumerated() {
            if index == asyncAt { chain.append(AsyncLayer(log: log)) }
            chain.append(layer)
        }
        var next = handler(throws: handlerThrows, log: log)
        for layer in chain.reversed() {
            let inner = next
            next = { request, context in try await layer.handle(request, context: context, next: inner) }
        }
        let composed = next
        return await outcome(log) {
            try await composed(HTTPRequest(method: .get, target: "/x"), RequestContext())
        }
    }

    static func layers(_ behaviours: [Behaviour], log: Locked<[String]>) -> [RecordingLayer] {
        behaviours.enumerated().map { RecordingLayer(name: "L\($0.offset)", behaviour: $0.element, log: log) }
    }

    /// Four layers; the scenarios cover early answers, throws in prepare and in the handler, recovery at every
    /// depth and no recovery at all.
    static let scenarios: [(name: String, behaviours: [Behaviour], handlerThrows: Bool)] = [
        ("all pass", [Behaviour(), Behaviour(), Behaviour(), Behaviour()], false),
        (
            "handler throws, innermost recovers", [Behaviour(), Behaviour(), Behaviour(), Behaviour(recovers: true)],
            true
        ),
        ("handler throws, outer recovers", [Behaviour(), Behaviour(recovers: true), Behaviour(), Behaviour()], true),
        (
            "handler throws, two could recover",
            [Behaviour(recovers: true), Behaviour(), Behaviour(recovers: true), Behaviour()], true
        ),
        ("handler throws, nobody recovers", [Behaviour(), Behaviour(), Behaviour(), Behaviour()], true),
        (
            "a prepare throws, an outer layer recovers",
            [Behaviour(recovers: true), Behaviour(), Behaviour(throwsInPrepare: true), Behaviour()], false
        ),
        (
            "a prepare throws, its own recover is not asked",
            [Behaviour(), Behaviour(throwsInPrepare: true, recovers: true), Behaviour(), Behaviour()], false
        ),
        (
            "a prepare throws, nobody recovers",
            [Behaviour(), Behaviour(), Behaviour(), Behaviour(throwsInPrepare: true)], false
        ),
        ("a layer answers early", [Behaviour(), Behaviour(), Behaviour(answersEarly: true), Behaviour()], false),
        (
            "the outermost layer answers early",
            [Behaviour(answersEarly: true), Behaviour(), Behaviour(), Behaviour()], false
        ),
        (
            "the innermost layer answers early",
            [Behaviour(), Behaviour(), Behaviour(), Behaviour(answersEarly: true)], true
        ),
    ]

    @Test("one run behaves as nested calls", arguments: scenarios.indices)
    func runMatchesNesting(_ scenario: Int) async {
        let (_, behaviours, handlerThrows) = Self.scenarios[scenario]
        let run = await Self.throughRouter(behaviours, asyncAt: nil, handlerThrows: handlerThrows)
        let reference = await Self.nested(behaviours, asyncAt: nil, handlerThrows: handlerThrows)
        #expect(run == reference, "\(Self.scenarios[scenario].name)")
    }

    @Test("an async middleware between inline ones splits the run and keeps its place", arguments: scenarios.indices)
    func asyncLayerKeepsItsPlace(_ scenario: Int) async {
        let (_, behaviours, handlerThrows) = Self.scenarios[scenario]
        let run = await Self.throughRouter(behaviours, asyncAt: 2, handlerThrows: handlerThrows)
        let reference = await Self.nested(behaviours, asyncAt: 2, handlerThrows: handlerThrows)
        #expect(run == reference, "\(Self.scenarios[scenario].name)")
    }

    @Test("the expected order, spelled out for one chain")
    func explicitOrder() async {
        let outcome = await Self.throughRouter(
            [Behaviour(recovers: true), Behaviour(), Behaviour(throwsInPrepare: true)], asyncAt: 1,
            handlerThrows: false)
        #expect(
            outcome.log == [
                "L0.prepare", "async.before", "L1.prepare", "L2.prepare", "L1.recover(L2)", "L0.recover(L2)",
                "L0.complete",
            ])
        #expect(outcome.status == 502)
        #expect(outcome.headers == ["recovered-by: L0", "completed-by: L0"])
        #expect(outcome.error == nil)
    }
}
