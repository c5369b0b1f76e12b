/// An incremental HTTP/1.1 request parser (RFC 9112) that works on bytes and enforces `HTTPLimits`.
///
/// Append bytes as they arrive and call `next()` until it returns nil. Pipelined requests come out one per call,
/// in order. The parser does no I/O; it only buffers what it has not returned yet.
public struct HTTPRequestParser: Sendable {
    /// What `next()` found.
    public enum Event: Sendable {
        /// A complete request, head and body.
        case request(HTTPRequest)
        /// The request being read sent `Expect: 100-continue` and its body has not arrived yet: the server should
        /// answer `100 Continue` (RFC 9110 §10.1.1). Comes at most once, before that request's `.request`.
        case expectContinue
    }

    /// How far the parser is into the next request, for read deadlines.
    public enum Phase: Sendable, Equatable {
        /// No byte of a next request is buffered.
        case idle
        /// Part of a request head is buffered.
        case head
        /// The head is parsed and the body is being read.
        case body
    }

    enum Stage: Sendable {
        case head
        case contentLength(Int)
        case chunked(ChunkStage)
    }

    enum ChunkStage: Sendable {
        case sizeLine
        case data(remaining: Int)
        case dataEnd
        case trailers
    }

    /// The longest chunk-size line accepted, extensions included, without its line ending.
    static let maxChunkLineBytes = 4096
    /// Above this capacity an emptied buffer is released rather than kept, so idle connections stay small.
    static let retainedBufferCapacity = 64 * 1024

    let limits: HTTPLimits
    var buffer: [UInt8] = []
    /// Index in `buffer` of the first byte not consumed yet; the offsets below are relative to it.
    var readIndex = 0
    var stage = Stage.head
    var failure: HTTPParseError?

    /// Where the search for the next LF resumes, so that bytes are looked at once however they trickle in.
    var scanOffset = 0
    /// Start of the head line being scanned.
    var lineStart = 0
    /// Where the field lines start, once the request line is complete; -1 before.
    var fieldsStart = -1
    /// Header fields seen for the current request, trailers included.
    var fieldCount = 0
    /// Header section bytes of the current request, trailers included.
    var sectionBytes = 0

    /// The parsed head of a request whose body is being read.
    var pending: HTTPRequest?
    var body: [UInt8] = []
    /// Bytes of the pending request consumed from `buffer` and not yet returned.
    var pendingConsumed = 0
    var expectContinuePending = false

    /// Creates a parser that enforces `limits`.
    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Buffers bytes received from the client. Ignored once the parser has failed.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, !bytes.isEmpty else { return }
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Buffers bytes received from the client. Ignored once the parser has failed.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next complete request or `100 Continue` prompt, or nil when more bytes are needed.
    ///
    /// After it throws once, every later call throws the same error.
    public mutating func next() throws(HTTPParseError) -> Event? {
        if let failure { throw failure }
        do {
            return try step()
        } catch {
            // Nothing after an error can be parsed, so nothing is kept.
            failure = error
            buffer = []
            readIndex = 0
            pending = nil
            body = []
            pendingConsumed = 0
            throw error
        }
    }

    /// How far the parser is into the next request. Leading empty lines count as idle once `next()` has
    /// skipped them.
    public var phase: Phase {
        switch stage {
        case .head: readIndex == buffer.count ? .idle : .head
        case .contentLength, .chunked: .body
        }
    }

    /// Bytes received and held that are not part of a returned request yet.
    public var bufferedByteCount: Int {
        buffer.count - readIndex + pendingConsumed
    }

    // MARK: - Steps

    mutating func step() throws(HTTPParseError) -> Event? {
        if case .head = stage {
            guard let headLength = try scanHead() else { return nil }
            if let request = try beginRequest(headLength: headLength) { return .request(request) }
        }
        let complete: Bool
        switch stage {
        case .head: return nil
        case .contentLength(let length): complete = readFixedBody(length: length)
        case .chunked(let chunkStage): complete = try readChunkedBody(from: chunkStage)
        }
        if complete { return .request(finishRequest()) }
        if expectContinuePending {
            expectContinuePending = false
            return .expectContinue
        }
        return nil
    }

    /// Parses a complete head of `headLength` bytes. Returns the request when it has no body; otherwise keeps it
    /// pending and moves to the body stage.
    mutating func beginRequest(headLength: Int) throws(HTTPParseError) -> HTTPRequest? {
        let start = readIndex
        let fieldsStart = self.fieldsStart
        let fieldCount = self.fieldCount
        let limits = self.limits
        let head = try buffer.withUnsafeBufferPointer { all throws(HTTPParseError) in
            try HTTPRequestParser.parseHead(
                UnsafeBufferPointer(rebasing: all[start..<start + headLength]), fieldsStart: fieldsStart,
                fieldCount: fieldCount, limits: limits)
        }
        readIndex += headLength
        sectionBytes = headLength - fieldsStart
        resetHeadScan()
        switch head.framing {
        case .none:
            self.fieldCount = 0
            compact()
            return head.request
        case .length(let length):
            stage = .contentLength(length)
        case .chunked:
            stage = .chunked(.sizeLine)
        }
        pending = head.request
        pendingConsumed = headLength
        expectContinuePending = head.expectsContinue
        return nil
    }

    mutating func finishRequest() -> HTTPRequest {
        var request = pending.take()!
        swap(&request.body, &body)
        stage = .head
        pendingConsumed = 0
        expectContinuePending = false
        fieldCount = 0
        compact()
        return request
    }

    mutating func readFixedBody(length: Int) -> Bool {
        guard buffer.count - readIndex >= length else { return false }
        body = Array(buffer[readIndex..<readIndex + length])
        consume(length)
        return true
    }

    // MARK: - Buffer

    mutating func consume(_ count: Int) {
        readIndex += count
        pendingConsumed += count
        scanOffset = 0
    }

    mutating func resetHeadScan() {
        scanOffset = 0
        lineStart = 0
        fieldsStart = -1
    }

    /// Drops consumed bytes when that costs no more than the bytes consumed since the last time (amortised O(1)
    /// per byte).
    mutating func compact() {
        guard readIndex > 0 else { return }
        let remaining = buffer.count - readIndex
        if remaining == 0 {
            if buffer.capacity > HTTPRequestParser.retainedBufferCapacity {
                buffer = []
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
            readIndex = 0
        } else if remaining <= readIndex {
            buffer.removeSubrange(0..<readIndex)
            readIndex = 0
        }
    }
}
