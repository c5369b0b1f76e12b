import Blueprint

var router = Router()
router.get("/health") { _, _ in
    HTTPResponse(headers: ["content-type": "application/json"], body: .string(#"{"status":"ok"}"#))
}
let server = HTTPServer(configuration: HTTPServerConfiguration(), responder: router.build())
try server.start()
await server.waitUntilStopped()
