import Blueprint
import Testing

@Suite("HTTPRequest")
struct HTTPRequestTests {
    @Test(
        "the OpenAI API is /v1 and below, with or without a query",
        arguments: [
            ("/v1", true), ("/v1/", true), ("/v1/chat/completions", true), ("/v1?x=1", true), ("/v1/models?x", true),
            ("/v10", false), ("/v1x/models", false), ("/v", false), ("/", false), ("/health", false),
            ("/docs/v1", false), ("/V1/models", false), ("", false),
        ])
    func isAPIRequest(target: String, expected: Bool) {
        let request = HTTPRequest(method: .get, target: target)
        #expect(request.isAPIRequest == expected)
    }

    @Test("path and query split at the first question mark")
    func pathAndQuery() {
        let request = HTTPRequest(method: .get, target: "/v1/models?limit=2?x")
        #expect(request.path == "/v1/models")
        #expect(request.query == "limit=2?x")
        let bare = HTTPRequest(method: .get, target: "/v1/models")
        #expect(bare.path == "/v1/models")
        #expect(bare.query == nil)
    }
}
