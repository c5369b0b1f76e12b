/// Parses a `text/event-stream` body incrementally, by the WHATWG HTML rules (§9.2.6 "Interpreting an event
/// stream"): lines end with CRLF, LF or CR (a CRLF split across two pieces counts once); a leading UTF-8 BOM is
/// skipped; lines starting with `:` are comments; `field: value` loses one space after the colon; `data` lines
/// accumulate joined by LF; an empty line dispatches the event unless no `data` came. An event cut off by the end of
/// the stream is never dispatched, so the parser has nothing to flush.
///
/// Feed it the body's pieces as they arrive; it returns the events each piece completes.
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var eventType: String?
    private var lastEventID: String?
    /// The previous piece ended with CR, so a LF starting this piece belongs to that line break.
    private var pendingCarriageReturn = false
    /// How many bytes of the stream start have been checked against the BOM (3 means done).
    private var bomChecked = 0
    /// The longest line kept; a longer one is an error (a stream that never ends a line would grow without bound).
    public let maxLineBytes: Int

    /// Why a stream cannot be parsed.
    public enum Failure: Error, Sendable, Equatable {
        /// A line or an event's data grew beyond `maxLineBytes`.
        case lineTooLong
    }

    /// Creates a parser; `maxLineBytes` bounds one line and one event's data.
    public init(maxLineBytes: Int = 16 * 1024 * 1024) {
        self.maxLineBytes = maxLineBytes
    }

    /// Consumes the next piece of the body and returns the events it completes, in order.
    public mutating func feed(_ bytes: [UInt8]) throws(Failure) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        var start = bytes.startIndex
        let end = bytes.endIndex
        while bomChecked < 3 && start < end {
            // The BOM is EF BB BF (WHATWG: "a single U+FEFF ... at the start of the stream ... is ignored").
            let expected: [UInt8] = [0xEF, 0xBB, 0xBF]
            if bytes[start] == expected[bomChecked] {
                bomChecked += 1
                start += 1
            } else {
                // Not a BOM: what was skipped so far belongs to the first line.
                line.append(contentsOf: expected[0..<bomChecked])
                bomChecked = 3
            }
        }
        if pendingCarriageReturn && start < end {
            pendingCarriageReturn = false
            if bytes[start] == 0x0A { start += 1 }
        }
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                line.append(contentsOf: bytes[start..<index])
                try process(into: &events)
                line.removeAll(keepingCapacity: true)
                index += 1
                if byte == 0x0D {
                    if index < end {
                        if bytes[index] == 0x0A { index += 1 }
                    } else {
                        pendingCarriageReturn = true
                    }
                }
                start = index
            } else {
                index += 1
            }
        }
        line.append(contentsOf: bytes[start..<end])
        if line.count > maxLineBytes { throw .lineTooLong }
        return events
    }

    private mutating func process(into events: inout [ServerSentEvent]) throws(Failure) {
        if line.isEmpty {
            dispatch(into: &events)
            return
        }
        if line[0] == UInt8(ascii: ":") { return }
        let field: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            field = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        } else {
            field = line[...]
            value = []
        }
        // `retry` and unknown fields do not affect what a client of an API stream sees.
        if field.elementsEqual("data".utf8) {
            if data.count + value.count > maxLineBytes { throw .lineTooLong }
            data.append(contentsOf: value)
            data.append(0x0A)
            hasData = true
        } else if field.elementsEqual("event".utf8) {
            eventType = String(decoding: value, as: UTF8.self)
        } else if field.elementsEqual("id".utf8), !value.contains(0) {
            lastEventID = String(decoding: value, as: UTF8.self)
        }
    }

    private mutating func dispatch(into events: inout [ServerSentEvent]) {
        defer {
            data.removeAll(keepingCapacity: true)
            hasData = false
            eventType = nil
        }
        guard hasData else { return }
        data.removeLast()
        let type = eventType.flatMap { $0.isEmpty ? nil : $0 } ?? "message"
        events.append(ServerSentEvent(type: type, data: data, lastEventID: lastEventID))
    }
}
