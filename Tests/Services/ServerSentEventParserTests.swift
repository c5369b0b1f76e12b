import BlueprintUpstream
import Testing

@Suite struct ServerSentEventParserTests {
    private func parse(_ pieces: [String]) throws -> [ServerSentEvent] {
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        for piece in pieces { events += try parser.feed(Array(piece.utf8)) }
        return events
    }

    private func texts(_ events: [ServerSentEvent]) -> [String] {
        events.map { String(decoding: $0.data, as: UTF8.self) }
    }

    @Test func lineEndingsCommentsAndMultiLineData() throws {
        let stream = ": heartbeat\r\ndata: one\r\n\r\ndata:two\rdata:  three\r\rdata: four\n\n"
        let events = try parse([stream])
        #expect(texts(events) == ["one", "two\n three", "four"])
        #expect(events.allSatisfy { $0.type == "message" })
    }

    @Test func everySplitOfTheStreamGivesTheSameEvents() throws {
        let stream = "\u{FEFF}event: delta\r\ndata: {\"a\":1}\r\nid: 7\r\n\r\n: c\r\ndata: [DONE]\r\n\r\n"
        let whole = try parse([stream])
        #expect(texts(whole) == ["{\"a\":1}", "[DONE]"])
        #expect(whole[0].type == "delta" && whole[0].lastEventID == "7")
        #expect(whole[1].type == "message" && whole[1].isDone)
        let bytes = Array(stream.utf8)
        for cut in 1..<bytes.count {
            var parser = ServerSentEventParser()
            let events = try parser.feed(Array(bytes[..<cut])) + parser.feed(Array(bytes[cut...]))
            #expect(events == whole, "split at \(cut)")
        }
        var parser = ServerSentEventParser()
        var oneByOne: [ServerSentEvent] = []
        for byte in bytes { oneByOne += try parser.feed([byte]) }
        #expect(oneByOne == whole)
    }

    @Test func eventsWithoutDataAreNotDispatchedButEmptyDataIs() throws {
        let events = try parse(["event: ping\n\n", "data\n\n", "data:\n\n", "retry: 10\nfoo: bar\n\n"])
        #expect(texts(events) == ["", ""])
    }

    @Test func anEventCutOffByTheEndIsNotDispatched() throws {
        #expect(try parse(["data: complete\n\ndata: partial\n"]).count == 1)
    }

    @Test func aLineBeyondTheLimitIsAnError() {
        var parser = ServerSentEventParser(maxLineBytes: 8)
        #expect(throws: ServerSentEventParser.Failure.lineTooLong) {
            _ = try parser.feed(Array("data: 0123456789".utf8))
        }
    }
}
