import Blueprint
import Glibc

// The benchmark's helper. `BlueprintBench <port> [threads]` serves the core alone with fixed routes, so
// `Benchmarks/run.sh` measures the HTTP layer without application work; `BlueprintBench tokens` measures the mock
// model's generation speed and `BlueprintBench plan` its cost per short request, in-process on one thread;
// `BlueprintBench stack [n] [case]` measures the whole application's CPU per request in-process.
let arguments = CommandLine.arguments
if arguments.count > 1 && arguments[1] == "tokens" {
    await TokenThroughput.run()
    exit(0)
}
if arguments.count > 1 && arguments[1] == "plan" {
    await GenerateLatency.run()
    exit(0)
}
if arguments.count > 1 && arguments[1] == "stack" {
    // In a task with an executor preference, as the server runs requests (on their event loop).
    await Task(executorPreference: globalConcurrentExecutor) {
        await StackThroughput.run(
            iterations: arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000,
            only: arguments.count > 3 ? arguments[3] : nil)
    }.value
    exit(0)
}
let port = arguments.count > 1 ? Int(arguments[1]) ?? 8080 : 8080
let threads =
    arguments.count > 2
    ? Int(arguments[2]) ?? HTTPServerConfiguration.processorCount : HTTPServerConfiguration.processorCount

let json = Array(#"{"status":"ok","service":"blueprint","version":"bench"}"#.utf8)
let event = Array(
    #"{"id":"chatcmpl-bench","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"word"},"finish_reason":null}]}"#
        .utf8)

let jsonHeaders: HTTPHeaders = ["content-type": "application/json"]
var router = Router()
router.get("/json") { _, _ in
    HTTPResponse(headers: jsonHeaders, body: .bytes(json))
}
router.get("/sse") { _, _ in
    HTTPResponse(
        headers: ServerSentEventWriter.headers,
        body: .stream { body in
            let events = ServerSentEventWriter(body: body)
            for _ in 0..<20 { try await events.send(data: event) }
            try await events.send("[DONE]")
        })
}
router.get("/slow-sse") { _, _ in
    HTTPResponse(
        headers: ServerSentEventWriter.headers,
        body: .stream { body in
            let events = ServerSentEventWriter(body: body)
            while true {
                try await events.send(data: event)
                try await Task.sleep(for: .seconds(1))
            }
        })
}
let server = HTTPServer(
    configuration: HTTPServerConfiguration(host: "127.0.0.1", port: port, eventLoopThreads: threads, backlog: 4096),
    responder: router.build())
try server.start()
let line = "listening on 127.0.0.1:\(server.port)\n"
_ = line.withCString { write(2, $0, strlen($0)) }
await server.waitUntilStopped()
