import Blueprint
import Synchronization

/// Shared observations from test handlers (cancellation seen, bytes produced).
final class Probe: Sendable {
    let cancelled = Locked(false)
    let produced = Atomic<Int>(0)
    let finished = Locked(false)

    var wasCancelled: Bool { cancelled.withLock { $0 } }
}

/// A router with the routes the transport tests need.
func testRouter(probe: Probe = Probe()) -> RouterResponder {
    var router = Router()
    router.use(ErrorMiddleware())
    router.get("/health") { _, _ in
        HTTPResponse(headers: ["content-type": "application/json"], body: .string(#"{"status":"ok"}"#))
    }
    router.post("/echo") { request, _ in
        HTTPResponse(headers: ["content-type": "application/octet-stream"], body: .bytes(request.body))
    }
    router.get("/items/:id") { _, context in
        HTTPResponse(body: .string("item \(context.parameters["id"] ?? "?")"))
    }
    router.get("/events") { request, _ in
        let count = Int(request.query?.split(separator: "=").last ?? "3") ?? 3
        return HTTPResponse(
            headers: ServerSentEventWriter.headers,
            body: .stream { body in
                let events = ServerSentEventWriter(body: body)
                for index in 0..<count { try await events.send(#"{"n":\#(index)}"#) }
                try await events.send("[DONE]")
            })
    }
    router.get("/slow-events") { _, _ in
        // Five events, 30 ms apart: long enough for a shutdown to begin in the middle.
        HTTPResponse(
            headers: ServerSentEventWriter.headers,
            body: .stream { body in
                let events = ServerSentEventWriter(body: body)
                for index in 0..<5 {
                    try await events.send("event \(index)")
                    try await Task.sleep(for: .milliseconds(30))
                }
                probe.finished.withLock { $0 = true }
            })
    }
    router.get("/endless") { _, _ in
        HTTPResponse(
            headers: ServerSentEventWriter.headers,
            body: .stream { body in
                let events = ServerSentEventWriter(body: body)
                do {
                    while true {
                        try await events.send("tick")
                        try await Task.sleep(for: .milliseconds(5))
                    }
                } catch {
                    probe.cancelled.withLock { $0 = true }
                    throw error
                }
            })
    }
    router.get("/firehose") { _, _ in
        // 64 MiB as fast as the writer accepts it: only backpressure keeps memory bounded.
        HTTPResponse(
            body: .stream { body in
                let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
                for _ in 0..<1024 {
                    try await body.write(chunk)
                    probe.produced.add(chunk.count, ordering: .relaxed)
                }
            })
    }
    router.get("/fail") { _, _ in
        struct Boom: Error {}
        throw Boom()
    }
    return router.build()
}
