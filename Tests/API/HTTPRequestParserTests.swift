import Blueprint
import Testing

// MARK: - Helpers

/// What a parser produced from some input: requests, `100 Continue` prompts and the error, if any.
private struct Outcome {
    var events: [String] = []
    var requests: [HTTPRequest] = []
    var error: HTTPParseError?
}

/// Feeds `chunks` in order, calling `next()` until nil after each one.
private func run(_ chunks: [[UInt8]], limits: HTTPLimits = HTTPLimits()) -> Outcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = Outcome()
    for chunk in chunks {
        parser.append(chunk)
        do {
            while let event = try parser.next() {
                // A parser that never says "need more bytes" is a bug; stop rather than loop forever.
                guard outcome.events.count < 10_000 else {
                    Issue.record("next() keeps returning events")
                    return outcome
                }
                switch event {
                case .request(let request):
                    outcome.events.append("request")
                    outcome.requests.append(request)
                case .expectContinue:
                    outcome.events.append("continue")
                }
            }
        } catch {
            outcome.error = error
            return outcome
        }
    }
    return outcome
}

private func run(_ text: String, limits: HTTPLimits = HTTPLimits()) -> Outcome {
    run([Array(text.utf8)], limits: limits)
}

/// Parses input that must hold exactly one request.
private func parseOne(_ text: String, limits: HTTPLimits = HTTPLimits()) throws -> HTTPRequest {
    let outcome = run(text, limits: limits)
    #expect(outcome.error == nil)
    try #require(outcome.requests.count == 1)
    return outcome.requests[0]
}

/// The error that parsing `input` ends with.
private func parseError(_ input: [UInt8], limits: HTTPLimits = HTTPLimits()) -> HTTPParseError? {
    run([input], limits: limits).error
}

private func parseError(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseError? {
    parseError(Array(text.utf8), limits: limits)
}

/// A GET head with `Host: example.com` first and then `fields`.
private func get(_ target: String = "/", _ fields: String...) -> String {
    (["GET \(target) HTTP/1.1", "Host: example.com"] + fields).joined(separator: "\r\n") + "\r\n\r\n"
}

/// A head with the given request line and field lines.
private func head(_ requestLine: String, _ fields: [String]) -> String {
    ([requestLine] + fields).joined(separator: "\r\n") + "\r\n\r\n"
}

/// A POST head with `Host` and the framing fields given.
private func post(_ fields: String...) -> String {
    head("POST /v1/chat/completions HTTP/1.1", ["Host: example.com"] + fields)
}

/// Everything about a request, comparable.
private struct Snapshot: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var version: String
    var headers: [String]
    var body: [UInt8]

    init(_ request: HTTPRequest) {
        method = request.method.rawValue
        target = request.target
        version = request.version.description
        headers = request.headers.map { "\($0.name): \($0.value)" }
        body = request.body
    }

    var description: String { "\(method) \(target) \(version) \(headers) body=\(body.count)" }
}

/// A deterministic generator (SplitMix64), so that random splits are the same on every run.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Tests of `HTTPRequestParser` and `HTTPParseError`, from raw bytes.
@Suite struct HTTPRequestParserTests {
    /// An input and the error it must produce.
    struct RejectionCase: Sendable, CustomTestStringConvertible {
        var input: [UInt8]
        var error: HTTPParseError
        var limits = HTTPLimits()

        init(_ text: String, _ error: HTTPParseError, limits: HTTPLimits = HTTPLimits()) {
            self.input = Array(text.utf8)
            self.error = error
            self.limits = limits
        }

        var testDescription: String {
            let text = String(decoding: input.prefix(80), as: UTF8.self)
            return "\(error) ← \(text.debugDescription)"
        }
    }
}

// MARK: - Request line

extension HTTPRequestParserTests {
    @Suite struct RequestLineTests {
        @Test func parsesASimpleGet() throws {
            let request = try parseOne(get("/v1/models?limit=2", "Accept: */*"))
            #expect(request.method == .get)
            #expect(request.target == "/v1/models?limit=2")
            #expect(request.path == "/v1/models")
            #expect(request.query == "limit=2")
            #expect(request.version == .http1_1)
            #expect(request.headers["host"] == "example.com")
            #expect(request.headers["ACCEPT"] == "*/*")
            #expect(request.headers.count == 2)
            #expect(request.body.isEmpty)
        }

        @Test(arguments: [
            ("GET", HTTPMethod.get), ("HEAD", .head), ("POST", .post), ("PUT", .put), ("DELETE", .delete),
            ("PATCH", .patch), ("OPTIONS", .options), ("PURGE", HTTPMethod(rawValue: "PURGE")),
            ("get", HTTPMethod(rawValue: "get")), ("M-SEARCH", HTTPMethod(rawValue: "M-SEARCH")),
        ])
        func parsesMethodTokens(token: String, method: HTTPMethod) throws {
            let request = try parseOne(head("\(token) / HTTP/1.1", ["Host: a"]))
            #expect(request.method == method)
            #expect(request.method.rawValue == token)
        }

        @Test func acceptsHTTP10WithoutHost() throws {
            let request = try parseOne("GET /index HTTP/1.0\r\n\r\n")
            #expect(request.version == .http1_0)
            #expect(request.target == "/index")
            #expect(request.headers.isEmpty)
        }

        @Test(arguments: ["\r\n", "\n", "\r\n\r\n\n\r\n"])
        func ignoresEmptyLinesBeforeTheRequestLine(prefix: String) throws {
            let request = try parseOne(prefix + get("/after"))
            #expect(request.target == "/after")
        }

        @Test func emptyLinesAloneLeaveTheParserIdle() throws {
            var parser = HTTPRequestParser()
            parser.append(Array("\r\n\n\r\n".utf8))
            #expect(try parser.next() == nil)
            #expect(parser.phase == .idle)
            #expect(parser.bufferedByteCount == 0)
        }

        @Test func toleratesBareLFLineEndings() throws {
            let request = try parseOne("POST /x HTTP/1.1\nHost: a\nContent-Length: 2\n\nhi")
            #expect(request.method == .post)
            #expect(request.headers["content-length"] == "2")
            #expect(request.body == Array("hi".utf8))
        }

        @Test(arguments: [
            ("/", "/"),
            ("/v1/chat/completions?stream=true&x=%20", "/v1/chat/completions?stream=true&x=%20"),
            ("http://example.com/v1/models?a=b", "/v1/models?a=b"),
            ("HTTP://Example.COM:8080/x", "/x"),
            ("https://example.com", "/"),
            ("http://example.com?q=1", "/?q=1"),
            ("http://[::1]:8000/v1", "/v1"),
        ])
        func normalisesTargets(sent: String, target: String) throws {
            let request = try parseOne(get(sent))
            #expect(request.target == target)
        }

        @Test func acceptsExactlyVisibleASCIIInTargets() {
            for byte in UInt8.min...UInt8.max {
                let input = Array("GET /a".utf8) + [byte] + Array("b HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
                #expect((parseError(input) == nil) == (0x21...0x7E).contains(byte), "byte \(byte)")
            }
        }

        @Test func acceptsAsteriskForOptions() throws {
            let request = try parseOne(head("OPTIONS * HTTP/1.1", ["Host: a"]))
            #expect(request.method == .options)
            #expect(request.target == "*")
        }

        @Test(arguments: [
            RejectionCase("GET /\r\n\r\n", .malformedRequestLine),
            RejectionCase("GET\r\n\r\n", .malformedRequestLine),
            RejectionCase(" GET / HTTP/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
            RejectionCase("GET  HTTP/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
            RejectionCase("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidMethod),
            RejectionCase("GE\tT / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidMethod),
            RejectionCase("GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("GET v1/models HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("GET * HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("OPTIONS *x HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("GET ftp://example.com/ HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("GET http:///path HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("GET http://user@host/ HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("CONNECT example.com:443 HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("GET /\u{01} HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("GET /\u{7F} HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("GET /caf\u{E9} HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("GET /\0 HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            RejectionCase("GET / http/1.1\r\nHost: a\r\n\r\n", .invalidVersion),
            RejectionCase("GET / HTTP/1\r\nHost: a\r\n\r\n", .invalidVersion),
            RejectionCase("GET / HTTP/1.10\r\nHost: a\r\n\r\n", .invalidVersion),
            RejectionCase("GET / HTTP/a.b\r\nHost: a\r\n\r\n", .invalidVersion),
            RejectionCase("GET / HTTPS/1.1\r\nHost: a\r\n\r\n", .invalidVersion),
            RejectionCase("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", .invalidVersion),
            RejectionCase("GET / HTTP/2.0\r\nHost: a\r\n\r\n", .unsupportedVersion(major: 2, minor: 0)),
            RejectionCase("GET / HTTP/1.2\r\nHost: a\r\n\r\n", .unsupportedVersion(major: 1, minor: 2)),
            RejectionCase("GET / HTTP/0.9\r\nHost: a\r\n\r\n", .unsupportedVersion(major: 0, minor: 9)),
            RejectionCase("GET /\r HTTP/1.1\r\nHost: a\r\n\r\n", .bareCR),
            RejectionCase("\r\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", .bareCR),
        ])
        func rejectsBadRequestLines(_ rejection: RejectionCase) {
            #expect(parseError(rejection.input, limits: rejection.limits) == rejection.error)
        }

        @Test func acceptsARequestLineAtTheLimit() throws {
            let limits = HTTPLimits(maxRequestLineBytes: 64)
            let target = "/" + String(repeating: "a", count: 64 - "GET  HTTP/1.1".count - 1)
            #expect("GET \(target) HTTP/1.1".utf8.count == 64)
            #expect(try parseOne(get(target), limits: limits).target == target)
            #expect(parseError(get(target + "a"), limits: limits) == .uriTooLong(limit: 64))
        }

        @Test func rejectsALongRequestLineBeforeItEnds() throws {
            var parser = HTTPRequestParser(limits: HTTPLimits(maxRequestLineBytes: 64))
            // 64 bytes and a CR can still end as a 64-byte line.
            parser.append(Array(("GET /" + String(repeating: "a", count: 59) + "\r").utf8))
            #expect(try parser.next() == nil)
            parser.append(Array("a".utf8))
            #expect(throws: HTTPParseError.uriTooLong(limit: 64)) { try parser.next() }
        }

        @Test func rejectsANeverEndingRequestLineAtTheLimit() throws {
            var parser = HTTPRequestParser(limits: HTTPLimits(maxRequestLineBytes: 64))
            parser.append(Array(("GET /" + String(repeating: "a", count: 59)).utf8))
            #expect(try parser.next() == nil)
            parser.append(Array("a".utf8))
            #expect(throws: HTTPParseError.uriTooLong(limit: 64)) { try parser.next() }
        }
    }
}

// MARK: - Header fields

extension HTTPRequestParserTests {
    @Suite struct HeaderFieldTests {
        @Test func trimsOptionalWhitespaceAroundValues() throws {
            let request = try parseOne(get("/", "X-A:   spaced  value \t", "X-B:", "X-C:\tx"))
            #expect(request.headers["x-a"] == "spaced  value")
            #expect(request.headers["x-b"] == "")
            #expect(request.headers["x-c"] == "x")
        }

        @Test func keepsRepeatedFieldsInOrder() throws {
            let request = try parseOne(get("/", "X-Tag: one", "Accept: */*", "x-tag: two"))
            #expect(request.headers.values(for: "X-Tag") == ["one", "two"])
            #expect(request.headers.map(\.name) == ["Host", "X-Tag", "Accept", "x-tag"])
        }

        @Test func acceptsObsTextInValues() throws {
            var input = Array(get("/", "X-Name: caf\u{E9} \u{1F600}").utf8)
            let request = try parseOne(String(decoding: input, as: UTF8.self))
            #expect(request.headers["x-name"] == "caf\u{E9} \u{1F600}")
            input = Array("GET / HTTP/1.1\r\nHost: a\r\nX-Raw: \u{1}\r\n\r\n".utf8)
            input[input.firstIndex(of: 1)!] = 0xFF
            let outcome = run([input])
            #expect(outcome.error == nil)
            #expect(outcome.requests.first?.headers.values(for: "x-raw").count == 1)
        }

        @Test(arguments: [
            RejectionCase(get("/", "Bad(Name: x"), .invalidHeaderName),
            RejectionCase(get("/", ": no name"), .invalidHeaderName),
            RejectionCase(get("/", "Two Words: x"), .invalidHeaderName),
            RejectionCase(get("/", "NoColon"), .missingColon),
            RejectionCase(get("/", "Name : x"), .whitespaceBeforeColon),
            RejectionCase(get("/", "Name\t: x"), .whitespaceBeforeColon),
            RejectionCase(get("/", "X-Long: a", " folded continuation"), .obsoleteLineFolding),
            RejectionCase(get("/", "X-Long: a", "\tfolded continuation"), .obsoleteLineFolding),
            RejectionCase("GET / HTTP/1.1\r\n Host: a\r\n\r\n", .obsoleteLineFolding),
            RejectionCase(get("/", "X-Nul: a\0b"), .invalidHeaderValue),
            RejectionCase(get("/", "X-Ctl: a\u{01}b"), .invalidHeaderValue),
            RejectionCase(get("/", "X-Del: a\u{7F}"), .invalidHeaderValue),
            RejectionCase(get("/", "X-Cr: a\rb"), .bareCR),
            RejectionCase(get("/", "X-Cr: a \r "), .bareCR),
            RejectionCase(get("/", "X-\rCr: a"), .bareCR),
            RejectionCase("GET / HTTP/1.1\r\nHost: a\r\r\n\r\n", .bareCR),
        ])
        func rejectsMalformedFieldLines(_ rejection: RejectionCase) {
            #expect(parseError(rejection.input, limits: rejection.limits) == rejection.error)
        }

        @Test func acceptsExactlyTheTokenBytesInFieldNames() {
            let specials = Array("!#$%&'*+-.^_`|~".utf8)
            for byte in UInt8.min...UInt8.max where byte != UInt8(ascii: ":") {
                let isToken =
                    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || specials.contains(byte)
                let input = Array("GET / HTTP/1.1\r\nHost: a\r\nX".utf8) + [byte] + Array("Y: v\r\n\r\n".utf8)
                #expect((parseError(input) == nil) == isToken, "byte \(byte)")
            }
        }

        @Test func acceptsExactlyTheAllowedBytesInFieldValues() {
            for byte in UInt8.min...UInt8.max {
                let allowed = byte == 0x09 || (0x20...0x7E).contains(byte) || byte >= 0x80
                let input = Array("GET / HTTP/1.1\r\nHost: a\r\nX: a".utf8) + [byte] + Array("b\r\n\r\n".utf8)
                #expect((parseError(input) == nil) == allowed, "byte \(byte)")
            }
        }

        @Test func requiresExactlyOneHostOnHTTP11() throws {
            #expect(parseError("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n") == .missingHost)
            #expect(parseError(get("/", "Host: other")) == .duplicateHost)
            #expect(parseError("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n") == .duplicateHost)
            #expect(try parseOne("GET / HTTP/1.0\r\nHost: a\r\n\r\n").headers["host"] == "a")
        }

        @Test(arguments: ["example.com", "example.com:8080", "[::1]:8000", "127.0.0.1", "", "xn--bcher-kva.example"])
        func acceptsHostValues(host: String) throws {
            let request = try parseOne("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
            #expect(request.headers["host"] == host)
        }

        @Test(arguments: ["exa mple.com", "example.com/path", "user@example.com", "a\"b"])
        func rejectsInvalidHostValues(host: String) {
            #expect(parseError("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n") == .invalidHost)
        }

        @Test func absoluteFormStillNeedsHost() {
            #expect(parseError("GET http://example.com/ HTTP/1.1\r\n\r\n") == .missingHost)
        }

        @Test func acceptsAHeaderSectionAtTheLimit() throws {
            // The section is the field lines with their CRLFs plus the final CRLF.
            let fixed = "Host: a\r\n".utf8.count + "X-Fill: \r\n".utf8.count + 2
            let fill = String(repeating: "f", count: 200 - fixed)
            let atLimit = "GET / HTTP/1.1\r\nHost: a\r\nX-Fill: \(fill)\r\n\r\n"
            let limits = HTTPLimits(maxHeaderBytes: 200)
            #expect(try parseOne(atLimit, limits: limits).headers["x-fill"] == fill)
            let overLimit = "GET / HTTP/1.1\r\nHost: a\r\nX-Fill: \(fill)f\r\n\r\n"
            #expect(parseError(overLimit, limits: limits) == .headersTooLarge(limit: 200))
        }

        @Test func rejectsANeverEndingHeaderLineAsSoonAsItCannotFit() throws {
            var parser = HTTPRequestParser(limits: HTTPLimits(maxHeaderBytes: 100))
            parser.append(Array("GET / HTTP/1.1\r\nX-Endless: ".utf8))
            #expect(try parser.next() == nil)
            // 99 field bytes still leave room for the LF; the 100th byte does not.
            parser.append([UInt8](repeating: UInt8(ascii: "x"), count: 99 - "X-Endless: ".utf8.count))
            #expect(try parser.next() == nil)
            #expect(parser.phase == .head)
            parser.append(Array("x".utf8))
            #expect(throws: HTTPParseError.headersTooLarge(limit: 100)) { try parser.next() }
        }

        @Test func limitsTheNumberOfFields() throws {
            let limits = HTTPLimits(maxHeaderCount: 5)
            let fields = (1...4).map { "X-\($0): v" }
            let atLimit = head("GET / HTTP/1.1", ["Host: a"] + fields)
            #expect(try parseOne(atLimit, limits: limits).headers.count == 5)
            let overLimit = head("GET / HTTP/1.1", ["Host: a"] + fields + ["X-5: v"])
            #expect(parseError(overLimit, limits: limits) == .tooManyHeaders(limit: 5))
        }

        @Test func rejectsTooManyFieldsBeforeTheHeadEnds() throws {
            var parser = HTTPRequestParser(limits: HTTPLimits(maxHeaderCount: 3))
            parser.append(Array("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n".utf8))
            #expect(try parser.next() == nil)
            parser.append(Array("D: 4\r\n".utf8))
            #expect(throws: HTTPParseError.tooManyHeaders(limit: 3)) { try parser.next() }
        }

        @Test func defaultLimitsAllowAHundredFields() throws {
            let fields = (1...99).map { "X-Field-\($0): value" }
            #expect(try parseOne(head("GET / HTTP/1.1", ["Host: a"] + fields)).headers.count == 100)
            #expect(parseError(head("GET / HTTP/1.1", ["Host: a"] + fields + ["X: y"])) == .tooManyHeaders(limit: 100))
        }
    }
}

// MARK: - Body framing

extension HTTPRequestParserTests {
    @Suite struct BodyFramingTests {
        @Test func readsAContentLengthBody() throws {
            let request = try parseOne(post("Content-Length: 13") + "{\"model\":\"m\"}")
            #expect(request.method == .post)
            #expect(String(decoding: request.body, as: UTF8.self) == "{\"model\":\"m\"}")
        }

        @Test(arguments: ["Content-Length: 0", "Content-Length: 000"])
        func zeroLengthMeansEmptyBody(field: String) throws {
            #expect(try parseOne(post(field)).body.isEmpty)
        }

        @Test func noFramingFieldsMeansNoBody() throws {
            let outcome = run(post() + get("/next"))
            #expect(outcome.error == nil)
            #expect(outcome.requests.map(\.target) == ["/v1/chat/completions", "/next"])
            #expect(outcome.requests[0].body.isEmpty)
        }

        @Test(arguments: [
            ["Content-Length: 3, 3"], ["Content-Length: 3", "content-length: 3"], ["Content-Length: 3,3 ,3"],
        ])
        func acceptsRepeatedEqualContentLengths(fields: [String]) throws {
            let request = try parseOne(head("POST / HTTP/1.1", ["Host: a"] + fields) + "abc")
            #expect(request.body == Array("abc".utf8))
        }

        @Test(arguments: [
            RejectionCase(post("Content-Length: 3, 4"), .conflictingContentLengths),
            RejectionCase(post("Content-Length: 3", "Content-Length: 4"), .conflictingContentLengths),
            RejectionCase(post("Content-Length: -1"), .invalidContentLength),
            RejectionCase(post("Content-Length: +5"), .invalidContentLength),
            RejectionCase(post("Content-Length: 5a"), .invalidContentLength),
            RejectionCase(post("Content-Length: 0x5"), .invalidContentLength),
            RejectionCase(post("Content-Length: "), .invalidContentLength),
            RejectionCase(post("Content-Length: 5,"), .invalidContentLength),
            RejectionCase(post("Content-Length: 5 5"), .invalidContentLength),
            RejectionCase(post("Content-Length: 3", "Transfer-Encoding: chunked"), .contentLengthWithTransferEncoding),
            RejectionCase(
                head("POST / HTTP/1.0", ["Transfer-Encoding: chunked"]), .transferEncodingOnHTTP10),
            RejectionCase(post("Transfer-Encoding: gzip"), .transferEncodingNotChunked),
            RejectionCase(post("Transfer-Encoding: chunked, gzip"), .transferEncodingNotChunked),
            RejectionCase(post("Transfer-Encoding: chunked", "Transfer-Encoding: gzip"), .transferEncodingNotChunked),
            RejectionCase(post("Transfer-Encoding: chunked, chunked"), .invalidTransferEncoding),
            RejectionCase(post("Transfer-Encoding: chunked", "Transfer-Encoding: chunked"), .invalidTransferEncoding),
            RejectionCase(post("Transfer-Encoding: "), .invalidTransferEncoding),
            RejectionCase(post("Transfer-Encoding: , ,"), .invalidTransferEncoding),
            RejectionCase(post("Transfer-Encoding: chunked;x=1"), .invalidTransferEncoding),
            RejectionCase(post("Transfer-Encoding: g zip, chunked"), .invalidTransferEncoding),
            RejectionCase(post("Transfer-Encoding: gzip, chunked"), .unknownTransferCoding("gzip")),
            RejectionCase(post("Transfer-Encoding: GZIP;q=1, chunked"), .unknownTransferCoding("gzip")),
            RejectionCase(post("Transfer-Encoding: br", "Transfer-Encoding: Chunked"), .unknownTransferCoding("br")),
        ])
        func rejectsBadFraming(_ rejection: RejectionCase) {
            #expect(parseError(rejection.input, limits: rejection.limits) == rejection.error)
        }

        @Test func rejectsAnOversizedContentLengthBeforeTheBodyArrives() throws {
            var parser = HTTPRequestParser(limits: HTTPLimits(maxBodyBytes: 10))
            parser.append(Array(post("Content-Length: 11").utf8))
            #expect(throws: HTTPParseError.bodyTooLarge(limit: 10)) { try parser.next() }
            #expect(parseError(post("Content-Length: 99999999999999999999999999")) == .bodyTooLarge(limit: 4_194_304))
        }

        @Test func acceptsABodyOfExactlyTheDefaultLimit() throws {
            let size = 4 * 1024 * 1024
            let body = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let outcome = run([Array(post("Content-Length: \(size)").utf8), body])
            #expect(outcome.error == nil)
            #expect(outcome.requests.count == 1)
            #expect(outcome.requests.first?.body == body)
            #expect(parseError(post("Content-Length: \(size + 1)")) == .bodyTooLarge(limit: size))
        }

        @Test func acceptsAChunkedBodyOfExactlyTheLimitAndNotOneByteMore() throws {
            let limits = HTTPLimits(maxBodyBytes: 100_000)
            let chunk = [UInt8](repeating: UInt8(ascii: "z"), count: 50_000)
            var input = Array(post("Transfer-Encoding: chunked").utf8)
            for _ in 0..<2 { input += Array("c350\r\n".utf8) + chunk + Array("\r\n".utf8) }
            let outcome = run([input + Array("0\r\n\r\n".utf8)], limits: limits)
            #expect(outcome.error == nil)
            #expect(outcome.requests.first?.body.count == 100_000)
            #expect(parseError(input + Array("1\r\n".utf8), limits: limits) == .bodyTooLarge(limit: 100_000))
        }
    }
}

// MARK: - Chunked bodies

extension HTTPRequestParserTests {
    @Suite struct ChunkedBodyTests {
        @Test func decodesChunks() throws {
            let body = "5\r\nhello\r\n1;name=value;flag\r\n \r\n00A\r\n0123456789\r\n0\r\n\r\n"
            let request = try parseOne(post("Transfer-Encoding: chunked") + body)
            #expect(String(decoding: request.body, as: UTF8.self) == "hello 0123456789")
            #expect(request.headers["transfer-encoding"] == "chunked")
        }

        @Test func acceptsUpperAndLowerCaseHexAndCaseInsensitiveChunked() throws {
            let body = "a\r\n0123456789\r\nA\r\nabcdefghij\r\n0\r\n\r\n"
            let request = try parseOne(post("Transfer-Encoding: Chunked") + body)
            #expect(request.body.count == 20)
        }

        @Test func toleratesBareLFInChunkedFraming() throws {
            let request = try parseOne(post("Transfer-Encoding: chunked") + "3\nabc\n0\n\n")
            #expect(request.body == Array("abc".utf8))
        }

        @Test func parsesAndDiscardsTrailers() throws {
            let body = "2\r\nok\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"
            let outcome = run(post("Transfer-Encoding: chunked") + body + get("/after"))
            #expect(outcome.error == nil)
            #expect(outcome.requests.count == 2)
            #expect(outcome.requests[0].body == Array("ok".utf8))
            #expect(outcome.requests[0].headers["x-checksum"] == nil)
            #expect(outcome.requests[1].target == "/after")
        }

        @Test(arguments: [
            RejectionCase(post("Transfer-Encoding: chunked") + "g\r\n", .invalidChunkSize),
            RejectionCase(post("Transfer-Encoding: chunked") + "\r\n", .invalidChunkSize),
            RejectionCase(post("Transfer-Encoding: chunked") + "-1\r\n", .invalidChunkSize),
            RejectionCase(post("Transfer-Encoding: chunked") + " 1\r\n", .invalidChunkSize),
            RejectionCase(post("Transfer-Encoding: chunked") + "1 \r\n", .invalidChunkSize),
            RejectionCase(post("Transfer-Encoding: chunked") + "0x1\r\n", .invalidChunkSize),
            RejectionCase(post("Transfer-Encoding: chunked") + "FFFFFFFFFFFFFFFFF\r\n", .invalidChunkSize),
            RejectionCase(post("Transfer-Encoding: chunked") + "1;a\u{01}\r\n", .invalidChunkExtension),
            RejectionCase(post("Transfer-Encoding: chunked") + "1;a\rb\r\n", .bareCR),
            RejectionCase(post("Transfer-Encoding: chunked") + "3\r\nabcX", .invalidChunkFraming),
            RejectionCase(post("Transfer-Encoding: chunked") + "3\r\nabc\rX", .invalidChunkFraming),
            RejectionCase(post("Transfer-Encoding: chunked") + "0\r\nBad Name: x\r\n\r\n", .invalidHeaderName),
            RejectionCase(post("Transfer-Encoding: chunked") + "0\r\nX: a\0\r\n\r\n", .invalidHeaderValue),
            RejectionCase(
                post("Transfer-Encoding: chunked") + "1000\r\n", .bodyTooLarge(limit: 100),
                limits: HTTPLimits(maxBodyBytes: 100)
            ),
            RejectionCase(
                post("Transfer-Encoding: chunked") + "0\r\nX-A: 1\r\nX-B: 2\r\n", .tooManyHeaders(limit: 3),
                limits: HTTPLimits(maxHeaderCount: 3)),
        ])
        func rejectsBadChunkedBodies(_ rejection: RejectionCase) {
            #expect(parseError(rejection.input, limits: rejection.limits) == rejection.error)
        }

        @Test func boundsChunkExtensions() throws {
            let longExtension = ";" + String(repeating: "e", count: 4094)
            #expect("1\(longExtension)".utf8.count == 4096)
            let accepted = try parseOne(post("Transfer-Encoding: chunked") + "1\(longExtension)\r\nx\r\n0\r\n\r\n")
            #expect(accepted.body == Array("x".utf8))

            var parser = HTTPRequestParser()
            parser.append(Array((post("Transfer-Encoding: chunked") + "1\(longExtension)e").utf8))
            #expect(throws: HTTPParseError.chunkLineTooLong(limit: 4096)) { try parser.next() }
        }

        @Test func countsTrailersAgainstTheHeaderSectionSize() throws {
            let head = post("Transfer-Encoding: chunked")
            let sectionSize = head.utf8.count - "POST /v1/chat/completions HTTP/1.1\r\n".utf8.count
            let limits = HTTPLimits(maxHeaderBytes: sectionSize + 10)
            // The trailer section is its field lines plus the empty line: 8 + 2 bytes fit, 9 + 2 do not.
            #expect(parseError(head + "0\r\nX: 123\r\n\r\n", limits: limits) == nil)
            #expect(
                parseError(head + "0\r\nX: 1234\r\n\r\n", limits: limits) == .headersTooLarge(limit: sectionSize + 10))
            var parser = HTTPRequestParser(limits: limits)
            parser.append(Array((head + "0\r\nX: 12345678").utf8))
            #expect(throws: HTTPParseError.headersTooLarge(limit: sectionSize + 10)) { try parser.next() }
        }

        @Test func decodesAChunkedBodyTrickledByteByByte() throws {
            let body = "4;ext=1\r\nwiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-T: v\r\n\r\n"
            let input = Array((post("Transfer-Encoding: chunked") + body).utf8)
            let outcome = run(input.map { [$0] })
            #expect(outcome.error == nil)
            #expect(
                String(decoding: outcome.requests.first?.body ?? [], as: UTF8.self) == "wikipedia in\r\n\r\nchunks.")
        }
    }
}

// MARK: - Expect: 100-continue

extension HTTPRequestParserTests {
    @Suite struct ExpectContinueTests {
        @Test func promptsOnceBeforeTheBodyArrives() throws {
            var parser = HTTPRequestParser()
            parser.append(Array(post("Expect: 100-continue", "Content-Length: 4").utf8))
            guard case .expectContinue = try parser.next() else {
                Issue.record("expected .expectContinue")
                return
            }
            #expect(try parser.next() == nil)
            parser.append(Array("ab".utf8))
            #expect(try parser.next() == nil)
            parser.append(Array("cd".utf8))
            guard case .request(let request) = try parser.next() else {
                Issue.record("expected .request")
                return
            }
            #expect(request.body == Array("abcd".utf8))
            #expect(try parser.next() == nil)
        }

        @Test func promptsWhenPartOfTheBodyIsBuffered() {
            let outcome = run([
                Array((post("Expect: 100-Continue", "Content-Length: 4") + "ab").utf8), Array("cd".utf8),
            ])
            #expect(outcome.events == ["continue", "request"])
        }

        @Test func promptsForAChunkedBody() {
            let outcome = run([
                Array((post("Expect: 100-CONTINUE", "Transfer-Encoding: chunked") + "3\r\nab").utf8),
                Array("c\r\n0\r\n\r\n".utf8),
            ])
            #expect(outcome.events == ["continue", "request"])
            #expect(outcome.requests.first?.body == Array("abc".utf8))
        }

        @Test(arguments: [
            post("Expect: 100-continue", "Content-Length: 2") + "hi",
            post("Expect: 100-continue"),
            post("Expect: 100-continue", "Content-Length: 0"),
            post("Expect: 100-continue", "Transfer-Encoding: chunked") + "0\r\n\r\n",
            head("POST / HTTP/1.0", ["Expect: 100-continue", "Content-Length: 2"]) + "hi",
        ])
        func doesNotPromptWhenNoBodyIsAwaited(input: String) {
            let outcome = run(input)
            #expect(outcome.error == nil)
            #expect(outcome.events == ["request"])
        }

        @Test func doesNotPromptForHTTP10EvenWhenTheBodyIsMissing() {
            let outcome = run([
                Array(head("POST / HTTP/1.0", ["Expect: 100-continue", "Content-Length: 2"]).utf8), [1, 2],
            ])
            #expect(outcome.events == ["request"])
        }

        @Test(arguments: ["Expect: 100-continue-please", "Expect: something", "Expect: 100-continue, other"])
        func rejectsOtherExpectations(field: String) {
            #expect(parseError(post(field, "Content-Length: 1")) == .unsupportedExpectation)
        }

        @Test func refusesAnOversizedBodyInsteadOfPrompting() {
            let outcome = run(post("Expect: 100-continue", "Content-Length: 11"), limits: HTTPLimits(maxBodyBytes: 10))
            #expect(outcome.events.isEmpty)
            #expect(outcome.error == .bodyTooLarge(limit: 10))
        }
    }
}

// MARK: - Incremental parsing, pipelining and state

extension HTTPRequestParserTests {
    @Suite struct IncrementalParsingTests {
        static let requests: [String] = [
            get("/v1/models", "Accept: application/json", "User-Agent: test/1.0"),
            post("Content-Type: application/json", "Content-Length: 27") + "{\"model\":\"m\",\"stream\":true}",
            post("Transfer-Encoding: chunked") + "5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n",
            "\r\n" + head("DELETE http://example.com/v1/files/f?x=1 HTTP/1.1", ["Host: example.com", "X-Empty:"]),
            "PUT /bare-lf HTTP/1.1\nHost: a\nContent-Length: 3\n\nxyz",
            head("OPTIONS * HTTP/1.0", ["Connection: keep-alive"]),
            post("Expect: 100-continue", "Content-Length: 5") + "12345",
        ]

        static var input: [UInt8] { Array(requests.joined().utf8) }

        @Test func pipelinedRequestsComeOutOnePerCallInOrder() throws {
            var parser = HTTPRequestParser()
            parser.append(IncrementalParsingTests.input)
            var targets: [String] = []
            while let event = try parser.next() {
                guard case .request(let request) = event else {
                    Issue.record("unexpected \(event)")
                    continue
                }
                targets.append(request.target)
            }
            #expect(
                targets == [
                    "/v1/models", "/v1/chat/completions", "/v1/chat/completions", "/v1/files/f?x=1", "/bare-lf", "*",
                    "/v1/chat/completions",
                ])
            #expect(parser.phase == .idle)
            #expect(parser.bufferedByteCount == 0)
        }

        @Test func byteByByteFeedingYieldsTheSameRequests() throws {
            let whole = run([IncrementalParsingTests.input])
            #expect(whole.error == nil)
            #expect(whole.requests.count == IncrementalParsingTests.requests.count)
            let trickled = run(IncrementalParsingTests.input.map { [$0] })
            #expect(trickled.error == nil)
            #expect(trickled.requests.map(Snapshot.init) == whole.requests.map(Snapshot.init))
        }

        @Test(arguments: [1, 2, 3, 42, 1234, 99_999])
        func randomSplitsYieldTheSameRequests(seed: UInt64) throws {
            let input = IncrementalParsingTests.input
            let expected = run([input]).requests.map(Snapshot.init)
            var generator = SeededGenerator(state: seed)
            for _ in 0..<20 {
                var chunks: [[UInt8]] = []
                var start = 0
                while start < input.count {
                    let length = Int.random(in: 1...64, using: &generator)
                    let end = min(start + length, input.count)
                    chunks.append(Array(input[start..<end]))
                    start = end
                }
                let outcome = run(chunks)
                #expect(outcome.error == nil)
                #expect(outcome.requests.map(Snapshot.init) == expected)
            }
        }

        @Test func errorsDoNotDependOnHowBytesArrive() {
            let bad = Array((get("/ok") + post("Content-Length: 3") + "abc" + get("/", "Bad Name: x")).utf8)
            let whole = run([bad])
            #expect(whole.error == .invalidHeaderName)
            #expect(whole.requests.count == 2)
            let trickled = run(bad.map { [$0] })
            #expect(trickled.error == .invalidHeaderName)
            #expect(trickled.requests.map(Snapshot.init) == whole.requests.map(Snapshot.init))
        }

        @Test func reportsPhaseAndBufferedBytes() throws {
            var parser = HTTPRequestParser()
            #expect(parser.phase == .idle)
            #expect(parser.bufferedByteCount == 0)

            let headBytes = Array(post("Content-Length: 4").utf8)
            parser.append(Array(headBytes[0..<10]))
            #expect(try parser.next() == nil)
            #expect(parser.phase == .head)
            #expect(parser.bufferedByteCount == 10)

            parser.append(Array(headBytes[10...]) + Array("ab".utf8))
            #expect(try parser.next() == nil)
            #expect(parser.phase == .body)
            #expect(parser.bufferedByteCount == headBytes.count + 2)

            parser.append(Array("cdGET".utf8))
            guard case .request(let request) = try parser.next() else {
                Issue.record("expected a request")
                return
            }
            #expect(request.body == Array("abcd".utf8))
            #expect(parser.phase == .head)
            #expect(parser.bufferedByteCount == 3)
        }

        @Test func countsDecodedChunkedBytesAsBufferedUntilTheRequestIsReturned() throws {
            var parser = HTTPRequestParser()
            let input = Array((post("Transfer-Encoding: chunked") + "3\r\nabc\r\n").utf8)
            parser.append(input)
            #expect(try parser.next() == nil)
            #expect(parser.phase == .body)
            #expect(parser.bufferedByteCount == input.count)
            parser.append(Array("0\r\n\r\n".utf8))
            guard case .request = try parser.next() else {
                Issue.record("expected a request")
                return
            }
            #expect(parser.bufferedByteCount == 0)
            #expect(parser.phase == .idle)
        }

        @Test func acceptsRawBufferPointers() throws {
            var parser = HTTPRequestParser()
            let input = Array(get("/raw").utf8)
            input.withUnsafeBytes { parser.append($0) }
            guard case .request(let request) = try parser.next() else {
                Issue.record("expected a request")
                return
            }
            #expect(request.target == "/raw")
        }

        @Test func keepsFailingWithTheSameError() throws {
            var parser = HTTPRequestParser()
            parser.append(Array("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n".utf8))
            #expect(throws: HTTPParseError.invalidHeaderName) { try parser.next() }
            parser.append(Array(get("/fine").utf8))
            #expect(throws: HTTPParseError.invalidHeaderName) { try parser.next() }
            #expect(throws: HTTPParseError.invalidHeaderName) { try parser.next() }
            #expect(parser.bufferedByteCount == 0)
        }

        @Test func handlesManyPipelinedRequestsWithCompaction() throws {
            var parser = HTTPRequestParser()
            let one = Array((post("Content-Length: 10") + "0123456789").utf8)
            var returned = 0
            for round in 0..<200 {
                // Split each request at a different point so that compaction meets every state.
                let split = round % one.count
                parser.append(Array(one[0..<split]))
                while case .request = try parser.next() { returned += 1 }
                parser.append(Array(one[split...]))
                while case .request = try parser.next() { returned += 1 }
            }
            #expect(returned == 200)
            #expect(parser.bufferedByteCount == 0)
        }
    }
}

// MARK: - Errors

extension HTTPRequestParserTests {
    @Suite struct HTTPParseErrorTests {
        @Test(arguments: [
            (HTTPParseError.malformedRequestLine, 400), (.invalidMethod, 400), (.invalidTarget, 400),
            (.uriTooLong(limit: 1), 414), (.invalidVersion, 400), (.unsupportedVersion(major: 2, minor: 0), 505),
            (.missingColon, 400), (.invalidHeaderName, 400), (.whitespaceBeforeColon, 400), (.obsoleteLineFolding, 400),
            (.invalidHeaderValue, 400), (.bareCR, 400), (.headersTooLarge(limit: 1), 431),
            (.tooManyHeaders(limit: 1), 431),
            (.missingHost, 400), (.duplicateHost, 400), (.invalidHost, 400), (.invalidContentLength, 400),
            (.conflictingContentLengths, 400), (.contentLengthWithTransferEncoding, 400),
            (.transferEncodingOnHTTP10, 400),
            (.transferEncodingNotChunked, 400), (.invalidTransferEncoding, 400), (.unknownTransferCoding("gzip"), 501),
            (.invalidChunkSize, 400), (.invalidChunkExtension, 400), (.chunkLineTooLong(limit: 1), 400),
            (.invalidChunkFraming, 400), (.bodyTooLarge(limit: 1), 413), (.unsupportedExpectation, 417),
        ])
        func mapsToTheStatusTheRFCsGive(error: HTTPParseError, code: Int) {
            #expect(error.status.code == code)
            #expect(!error.status.reasonPhrase.isEmpty)
            #expect(error.message.hasSuffix("."))
        }

        @Test func messagesNameTheLimit() {
            #expect(
                HTTPParseError.tooManyHeaders(limit: 100).message
                    == "Request header fields too large: at most 100 fields are allowed.")
            #expect(HTTPParseError.bodyTooLarge(limit: 4_194_304).message.contains("4194304 bytes"))
            #expect(HTTPParseError.uriTooLong(limit: 8192).message.contains("8192 bytes"))
            #expect(HTTPParseError.unknownTransferCoding("gzip").message.contains("\"gzip\""))
            #expect(HTTPParseError.unsupportedVersion(major: 2, minor: 0).message.contains("HTTP/2.0"))
        }

        @Test func defaultLimitsAreTheDocumentedOnes() {
            let limits = HTTPLimits()
            #expect(limits.maxRequestLineBytes == 8192)
            #expect(limits.maxHeaderBytes == 32768)
            #expect(limits.maxHeaderCount == 100)
            #expect(limits.maxBodyBytes == 4 * 1024 * 1024)
            #expect(HTTPLimits(maxBodyBytes: 1) != limits)
        }
    }
}
