import Blueprint
import FoundationEssentials
import Testing

@Suite struct LoggerTests {
    /// A JSON value of a flat log object, decoded with Foundation's decoder as an independent check.
    private enum JSONScalar: Decodable, Equatable {
        case string(String), number(Double), bool(Bool), null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
    }

    private static let fixedTime = Duration.milliseconds(1_763_735_160_123)

    private func makeLogger(_ sink: MemoryLogSink, level: LogLevel = .trace, time: Duration = fixedTime) -> Logger {
        Logger(minimumLevel: level, sink: sink, now: { time })
    }

    private func decode(_ line: String) throws -> [String: JSONScalar] {
        try JSONDecoder().decode([String: JSONScalar].self, from: Data(line.utf8))
    }

    @Test func writesFieldsInOrder() throws {
        let sink = MemoryLogSink()
        makeLogger(sink).with(requestID: "req-1").info(
            "request done", metadata: ["route": "/v1/models", "status": 200, "ratio": 0.25, "cached": false])
        #expect(
            sink.lines == [
                #"{"ts":"2025-11-21T14:26:00.123Z","level":"info","msg":"request done","request_id":"req-1","#
                    + #""route":"/v1/models","status":200,"ratio":0.25,"cached":false}"#
            ])
        let object = try decode(sink.lines[0])
        #expect(object["status"] == .number(200))
        #expect(object["cached"] == .bool(false))
        #expect(object["request_id"] == .string("req-1"))
    }

    @Test func everyCallWritesExactlyOneCompleteLine() throws {
        let sink = MemoryLogSink()
        let logger = makeLogger(sink)
        logger.notice("one")
        logger.error("two\nstill two", metadata: ["detail": "a\nb\r\nc"])
        logger.critical("three")
        #expect(sink.rawLines.count == 3)
        for line in sink.rawLines {
            #expect(line.last == UInt8(ascii: "\n"))
            #expect(line.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        }
        #expect(
            try sink.lines.map { try decode($0)["msg"] } == [
                .string("one"), .string("two\nstill two"), .string("three"),
            ])
    }

    @Test func dropsLinesBelowTheMinimumLevelWithoutEvaluatingThem() {
        let sink = MemoryLogSink()
        let logger = makeLogger(sink, level: .warning)
        let evaluations = Locked(0)
        func expensive() -> String {
            evaluations.withLock { $0 += 1 }
            return "built"
        }
        logger.trace(expensive())
        logger.debug(expensive())
        logger.info(expensive())
        logger.notice(expensive())
        logger.warning(expensive())
        logger.error(expensive())
        logger.critical(expensive())
        #expect(evaluations.withLock { $0 } == 3)
        #expect(
            sink.lines.map { $0.split(separator: ",")[1] } == [
                #""level":"warning""#, #""level":"error""#, #""level":"critical""#,
            ])
        #expect(!logger.isEnabled(.notice))
        #expect(logger.isEnabled(.warning))
    }

    @Test func levelsAreOrderedAndNamed() {
        #expect(LogLevel.allCases == [.trace, .debug, .info, .notice, .warning, .error, .critical])
        #expect(LogLevel.allCases == LogLevel.allCases.sorted())
        #expect(
            LogLevel.allCases.map(\.rawValue) == ["trace", "debug", "info", "notice", "warning", "error", "critical"])
        #expect(LogLevel(rawValue: "notice") == .notice)
        #expect(LogLevel(rawValue: "verbose") == nil)
    }

    @Test func escapesStringsByHandAndPassesUnicodeThrough() throws {
        let sink = MemoryLogSink()
        let message = "say \"hi\" \\ path\nnext\ttab\r\u{01}\u{1F}\u{7F} héllo 🌍 日本"
        makeLogger(sink).info(message, metadata: ["quote\"key": "\u{00}"])
        let line = sink.lines[0]
        let expectedMessage =
            #""msg":"say \"hi\" \\ path\nnext\ttab\r\u0001\u001f\#u{7F} héllo 🌍 日本","quote\"key":"\u0000"}"#
        #expect(line.hasSuffix(expectedMessage))
        let object = try decode(line)
        #expect(object["msg"] == .string(message))
        #expect(object["quote\"key"] == .string("\u{00}"))
        // Non-ASCII is raw UTF-8, not \u escapes.
        #expect(sink.rawLines[0].contains(0xF0))
    }

    @Test func writesNonFiniteDoublesAsNullAndNegativeIntegers() throws {
        let sink = MemoryLogSink()
        makeLogger(sink).info(
            "x", metadata: ["nan": .double(.nan), "inf": .double(.infinity), "neg": -7, "tiny": 1e-7])
        #expect(sink.lines[0].hasSuffix(#""nan":null,"inf":null,"neg":-7,"tiny":1e-07}"#))
        let object = try decode(sink.lines[0])
        #expect(object["nan"] == .null)
        #expect(object["tiny"] == .number(1e-7))
    }

    @Test(arguments: [
        (Duration.zero, "1970-01-01T00:00:00.000Z"),
        (.milliseconds(951_868_800_000), "2000-03-01T00:00:00.000Z"),
        (.milliseconds(946_684_799_000), "1999-12-31T23:59:59.000Z"),
        (.milliseconds(1_709_251_199_999), "2024-02-29T23:59:59.999Z"),
        (.milliseconds(4_107_585_600_001), "2100-03-01T12:00:00.001Z"),
        (.seconds(1_709_251_199) + .nanoseconds(999_999_999), "2024-02-29T23:59:59.999Z"),
        (.seconds(-5), "1970-01-01T00:00:00.000Z"),
        (.seconds(400_000_000_000), "9999-12-31T23:59:59.999Z"),
    ])
    func formatsTimestampsAsRFC3339UTCMilliseconds(time: Duration, expected: String) {
        let sink = MemoryLogSink()
        makeLogger(sink, time: time).info("t")
        #expect(sink.lines[0].hasPrefix(#"{"ts":"\#(expected)","level":"info""#))
    }

    @Test func childLoggersAddFieldsWithoutChangingTheParent() {
        let sink = MemoryLogSink()
        let parent = makeLogger(sink).with(metadata: ["service": "blueprint"])
        let child = parent.with(requestID: "r-9").with(metadata: ["conn": 3])
        child.info("c", metadata: ["k": true])
        parent.info("p")
        #expect(child.requestID == "r-9")
        #expect(parent.requestID == nil)
        #expect(
            sink.lines == [
                #"{"ts":"2025-11-21T14:26:00.123Z","level":"info","msg":"c","request_id":"r-9","service":"blueprint","#
                    + #""conn":3,"k":true}"#,
                #"{"ts":"2025-11-21T14:26:00.123Z","level":"info","msg":"p","service":"blueprint"}"#,
            ])
    }

    @Test func concurrentLoggingKeepsLinesWhole() async throws {
        let sink = MemoryLogSink()
        let logger = makeLogger(sink)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<16 {
                group.addTask {
                    for index in 0..<100 { logger.info("line", metadata: ["task": .int(task), "index": .int(index)]) }
                }
            }
        }
        #expect(sink.rawLines.count == 1600)
        var seen = Set<Int>()
        for line in sink.lines {
            let object = try decode(line)
            guard case .number(let task) = object["task"], case .number(let index) = object["index"] else {
                Issue.record("missing fields in \(line)")
                continue
            }
            seen.insert(Int(task) * 100 + Int(index))
        }
        #expect(seen.count == 1600)
    }

    @Test func wallClockIsAfter2025() {
        #expect(Logger.wallClockNow() > .seconds(1_735_689_600))
    }
}
