import Blueprint
import Glibc
import Testing

/// Tests that need the real executable in its own process: start-up refusals, the printed development key, signal
/// handling, descriptor accounting and surviving descriptor exhaustion.
@Suite("The BlueprintServer executable as a child process")
struct ProcessTests {
    static let executable = ChildProcess.serverExecutable
    static var root: String {
        String(executable[..<(executable.firstRange(of: "/.build/")?.lowerBound ?? executable.endIndex)])
    }

    static func environment(_ values: [String: String]) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "BLUEPRINT_VERSION_FILE": "\(root)/Version.json"]
        for (key, value) in values { environment[key] = value }
        return environment
    }

    /// Starts a server and returns it with its port, read from the `listening` log line.
    static func startServer(_ values: [String: String], prefix: [String] = []) throws -> (ChildProcess, Int) {
        let child = try ChildProcess(prefix + [executable], environment: environment(values))
        let line = try #require(child.waitForLine { $0.contains(#""msg":"listening""#) })
        let record = try JSONParser.parse(line)
        return (child, try #require(record["port"]?.intValue))
    }

    @Test("production without its required settings refuses to start and lists every problem")
    func refusesProductionWithoutSettings() throws {
        let child = try ChildProcess([Self.executable], environment: Self.environment(["ENVIRONMENT": "production"]))
        #expect(child.waitForExit() == ServerCommand.configurationError)
        let output = child.lines.joined(separator: "\n")
        for variable in ["HOST", "PORT", "LOG_LEVEL", "RATE_LIMIT_PER_MINUTE", "API_AUTH_TOKENS"] {
            #expect(output.contains("- \(variable):"), "no line for \(variable) in:\n\(output)")
        }
    }

    @Test("short tokens in staging are refused without printing them; an unknown ENVIRONMENT names the allowed ones")
    func refusesBadValues() throws {
        let secret = "short-secret-x"
        let staging = try ChildProcess(
            [Self.executable],
            environment: Self.environment([
                "ENVIRONMENT": "staging", "HOST": "127.0.0.1", "PORT": "0", "LOG_LEVEL": "info",
                "RATE_LIMIT_PER_MINUTE": "60", "API_AUTH_TOKENS": secret,
            ]))
        #expect(staging.waitForExit() == ServerCommand.configurationError)
        let stagingOutput = staging.lines.joined(separator: "\n")
        #expect(stagingOutput.contains("API_AUTH_TOKENS"))
        #expect(!stagingOutput.contains(secret))
        let bogus = try ChildProcess([Self.executable], environment: Self.environment(["ENVIRONMENT": "bogus"]))
        #expect(bogus.waitForExit() == ServerCommand.configurationError)
        let bogusOutput = bogus.lines.joined(separator: "\n")
        for allowed in ["development", "test", "staging", "production"] { #expect(bogusOutput.contains(allowed)) }
    }

    @Test("development prints a generated key once; it works; SIGTERM drains and exits 0")
    func developmentKeyAndSignal() async throws {
        let (child, port) = try Self.startServer(["ENVIRONMENT": "development", "PORT": "0"])
        let keyLine = try #require(child.lines.first { $0.hasPrefix("Development API key") })
        let key = try #require(keyLine.split(separator: " ").last.map(String.init))
        #expect(key.hasPrefix("dev_"))
        #expect(child.lines.filter { $0.contains(key) }.count == 1)
        let response = try await exchange(port, getRequest("/v1/models", key: key))
        #expect(response.status == 200)
        child.signal(SIGTERM)
        #expect(child.waitForExit() == 0)
        #expect(child.lines.contains { $0.contains(#""msg":"stopped""#) })
        #expect(child.lines.filter { $0.contains(key) }.count == 1, "the key must appear once, in the start-up line")
    }

    @Test("each event loop thread is named blueprint-io-<n>, so top -H and profilers show them")
    func threadNames() throws {
        let (child, _) = try Self.startServer([
            "ENVIRONMENT": "test", "PORT": "0", "API_AUTH_TOKENS": "test_key", "EVENT_LOOP_THREADS": "3",
        ])
        let loops = child.threadNames.filter { $0.hasPrefix("blueprint-io-") }.sorted()
        #expect(loops == ["blueprint-io-0", "blueprint-io-1", "blueprint-io-2"])
        child.signal(SIGTERM)
        #expect(child.waitForExit() == 0)
    }

    @Test("thousands of connections leave no descriptor behind")
    func noDescriptorLeak() async throws {
        let (child, port) = try Self.startServer([
            "ENVIRONMENT": "test", "PORT": "0", "API_AUTH_TOKENS": "test_key", "LOG_LEVEL": "info",
        ])
        let before = child.openDescriptorCount
        try await blocking {
            for index in 0..<2000 {
                let client = try RawHTTPClient(port: port)
                switch index % 4 {
                case 0: continue  // leaves without a request
                case 1: try client.send("GET /health HTTP/1.1\r\nHo")  // leaves mid-head
                case 2:
                    try client.send(
                        jsonRequest(
                            "/v1/chat/completions",
                            #"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}"#))
                default:
                    try client.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
                    _ = try client.readResponse()
                }
            }
        }
        // Closing is asynchronous on the server side: wait (bounded) for the count to settle.
        var after = child.openDescriptorCount
        for _ in 0..<300 where after != before {
            try await Task.sleep(for: .milliseconds(10))
            after = child.openDescriptorCount
        }
        #expect(after == before, "descriptors before: \(before), after: \(after)")
        child.signal(SIGTERM)
        #expect(child.waitForExit() == 0)
    }

    @Test("running out of descriptors pauses accepting; the server keeps serving once they free up")
    func survivesDescriptorExhaustion() async throws {
        let (child, port) = try Self.startServer(
            ["ENVIRONMENT": "test", "PORT": "0", "API_AUTH_TOKENS": "test_key", "LOG_LEVEL": "info"],
            prefix: ["/usr/bin/prlimit", "--nofile=48:48"])
        let outcome = try await blocking { () -> (held: Int, lateStatus: Int, freshStatus: Int) in
            // More connections than the server has descriptors: the extra ones wait in the listen backlog.
            var held: [RawHTTPClient] = []
            for _ in 0..<80 { held.append(try RawHTTPClient(port: port, timeoutSeconds: 30)) }
            let late = held[79]
            try late.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            let count = held.count
            held.removeFirst(60)  // frees server descriptors
            let lateResponse = try late.readResponse()
            let fresh = try RawHTTPClient(port: port)
            try fresh.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            return (count, lateResponse.status, try fresh.readResponse().status)
        }
        #expect(outcome.held == 80)
        #expect(outcome.lateStatus == 200)
        #expect(outcome.freshStatus == 200)
        child.signal(SIGTERM)
        #expect(child.waitForExit() == 0)
    }
}
