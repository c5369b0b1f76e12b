import CBlueprintShim
import Glibc

/// One client connection, confined to its event loop's thread.
///
/// Requests are read and parsed as bytes arrive, handled one at a time in order (pipelined requests wait in the
/// parser's buffer), and each response is written before the next request starts. A response body is either
/// written at once or streamed by a task that runs on this loop; writes made without suspending are coalesced
/// into one `send`.
///
/// Requests run in one worker task per busy connection, on this loop. The worker takes the connection's requests one
/// after another and parks between them; it ends when the connection has been idle for `workerIdleTimeout`, or
/// closes. A busy keep-alive connection so reuses one task and its frame memory instead of creating both for every
/// request, and an idle one holds no task.
final class Connection: EventLoop.Handler, @unchecked Sendable {
    /// Pending output above which a streaming producer waits for the client to read.
    static let highWaterMark = 64 * 1024
    /// Unparsed pipelined input above which the connection stops reading until the current response is done.
    static let maxBufferedInput = 64 * 1024
    /// Bytes a lingering close reads and discards at the most before it gives up.
    static let maxLingerBytes = 1 << 20

    let fd: Int32
    let loop: EventLoop
    let server: HTTPServer
    let remoteAddress: String
    // Loop-thread state, never accessed re-entrantly: no dynamic exclusivity checks (see `EventLoop.localWork`).
    @exclusivity(unchecked) private var parser: HTTPRequestParser

    @exclusivity(unchecked) private var output: [UInt8] = []
    private var outputOffset = 0
    private var flushScheduled = false
    private var interestedInWritable = false
    private var readingPaused = false

    private var requestInFlight = false
    private var worker: Task<Void, Never>?
    /// The parked worker, waiting for the next request (nil: stop). Unsafe rather than checked: a checked
    /// continuation allocates a guard object on every park, once per keep-alive request. Exactly-once resumption is
    /// kept by construction: every resume first takes the continuation out of this property, on the loop.
    private var parkedWorker: UnsafeContinuation<IncomingRequest?, Never>?
    private var parkedSince: UInt64 = 0
    /// A request for the worker to take next: the first one of a new worker, or one started while the worker was
    /// still finishing the previous response (pipelining) or ending.
    private var queuedRequest: IncomingRequest?
    private var keepAlive = true
    private var closeWhenFlushed = false
    private var drainWaiter: CheckedContinuation<Void, any Error>?
    private var pendingHead: PendingHead?

    /// A parsed request on its way to the worker.
    private struct IncomingRequest {
        var request: HTTPRequest
        var context: RequestContext
    }

    /// A streamed response's head, held back until the first body bytes (see `ResponseBody.stream`).
    private struct PendingHead {
        var status: HTTPStatus
        var headers: HTTPHeaders
        var framing: BodyFraming
        var version: HTTPVersion
    }

    private(set) var isClosed = false
    private var lingering = false
    private var lingerDeadline: UInt64 = 0
    private var lingerDiscarded = 0

    private var trackedPhase = HTTPRequestParser.Phase.idle
    private var phaseStart: UInt64
    private var lastWriteProgress: UInt64

    init(fd: Int32, loop: EventLoop, server: HTTPServer, remoteAddress: String) {
        self.fd = fd
        self.loop = loop
        self.server = server
        self.remoteAddress = remoteAddress
        self.parser = HTTPRequestParser(limits: server.configuration.limits)
        self.phaseStart = loop.now
        self.lastWriteProgress = loop.now
    }

    private var baseEvents: UInt32 { cblueprint_epollrdhup() | (readingPaused ? 0 : cblueprint_epollin()) }

    private func updateInterest() {
        loop.modify(fd: fd, events: baseEvents | (interestedInWritable ? cblueprint_epollout() : 0))
    }

    // MARK: - Events

    func handleEvents(_ events: UInt32) {
        if events & cblueprint_epollerr() != 0 {
            abort()
            return
        }
        if events & cblueprint_epollout() != 0 { flushIfNeeded() }
        if isClosed { return }
        if events & (cblueprint_epollin() | cblueprint_epollrdhup() | cblueprint_epollhup()) != 0 {
            readAvailable()
        }
    }

    private func readAvailable() {
        for _ in 0..<8 {
            let capacity = loop.readBuffer.count
            let count = loop.readBuffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, capacity) }
            if count > 0 {
                if lingering {
                    lingerDiscarded += count
                    if lingerDiscarded > Connection.maxLingerBytes { close() }
                    if isClosed { return }
                    continue
                }
                loop.readBuffer.withUnsafeBytes { parser.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                if count < capacity { break }
            } else if count == 0 {
                peerClosed()
                return
            } else {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK { break }
                abort()
                return
            }
        }
        if !lingering { processInput() }
    }

    /// The client closed its side. A request still in progress has lost its reader: its task is cancelled.
    private func peerClosed() {
        if lingering || !requestInFlight {
            close()
        } else {
            abort()
        }
    }

    // MARK: - Requests

    /// Parses and starts the next request while none is in progress.
    private func processInput() {
        while !requestInFlight && !isClosed && !closeWhenFlushed && !lingering {
            let event: HTTPRequestParser.Event?
            do {
                event = try parser.next()
            } catch {
                respondToParseError(error)
                return
            }
            guard let event else { break }
            switch event {
            case .expectContinue:
                // RFC 9110 §10.1.1: the client waits for this interim response before it sends the body.
                output.append(contentsOf: "HTTP/1.1 100 Continue\r\n\r\n".utf8)
                scheduleFlush()
            case .request(let request):
                start(request)
            }
        }
        trackPhase()
        let shouldPause = requestInFlight && parser.bufferedByteCount > Connection.maxBufferedInput
        if shouldPause != readingPaused {
            readingPaused = shouldPause
            updateInterest()
        }
    }

    private func trackPhase() {
        let phase = parser.phase
        if phase != trackedPhase {
            trackedPhase = phase
            phaseStart = loop.now
        }
    }

    private func start(_ request: HTTPRequest) {
        requestInFlight = true
        keepAlive = request.wantsKeepAlive && !server.isDraining
        let incoming = IncomingRequest(
            request: request, context: RequestContext(remoteAddress: remoteAddress, receivedAt: loop.now))
        if let parked = parkedWorker {
            parkedWorker = nil
            parked.resume(returning: incoming)
        } else {
            // A running worker is finishing the previous response (which read this pipelined request), or was just
            // told to end: it takes this request next. A new one takes it first.
            queuedRequest = incoming
            if worker == nil {
                server.taskStarted()
                worker = Task(executorPreference: loop) { await self.serve() }
            }
        }
    }

    /// The worker: serves requests until the connection closes, stops taking requests, or stays idle too long.
    private func serve() async {
        while let incoming = await nextRequest() {
            await respond(to: incoming.request, context: incoming.context)
        }
        worker = nil
        server.taskFinished()
    }

    private func respond(to request: HTTPRequest, context: RequestContext) async {
        let response: HTTPResponse
        do {
            response = try await server.responder.respond(to: request, context: context)
        } catch {
            response = server.configuration.errorResponse(
                .internalServerError, "The server had an error while processing your request.")
        }
        await send(response, method: request.method, version: request.version)
    }

    /// The next request for the worker, or nil when it should end.
    private func nextRequest() async -> IncomingRequest? {
        if let queued = queuedRequest.take() { return queued }
        guard !isClosed && !closeWhenFlushed && !lingering else { return nil }
        let resumed = await withUnsafeContinuation { continuation in
            parkedWorker = continuation
            parkedSince = loop.now
        }
        // A request can arrive after the release was decided but before this task ran again: it was queued.
        return resumed ?? queuedRequest.take()
    }

    /// Lets a parked worker end once it has waited `workerIdleTimeout`, or at once with `force`.
    private func releaseWorker(now: UInt64, force: Bool) {
        guard let parked = parkedWorker,
            force || now &- parkedSince >= server.configuration.workerIdleTimeout.nanoseconds
        else {
            return
        }
        parkedWorker = nil
        parked.resume(returning: nil)
    }

    private func respondToParseError(_ error: HTTPParseError) {
        let response = server.configuration.errorResponse(error.status, error.message)
        respondAndClose(response)
    }

    /// Sends a final error response and closes, for errors the server finds itself (parse errors, timeouts).
    private func respondAndClose(_ response: HTTPResponse) {
        keepAlive = false
        closeWhenFlushed = true
        sendFixed(response, omitBody: false, version: .http1_1)
    }

    // MARK: - Responses

    private func send(_ response: HTTPResponse, method: HTTPMethod, version: HTTPVersion) async {
        if !loop.inLoop {
            // A responder that finished on another executor: come back to the loop before touching state.
            await withCheckedContinuation { continuation in
                loop.executeInLoop { continuation.resume() }
            }
        }
        guard !isClosed else { return finishRequest() }
        if server.isDraining { keepAlive = false }
        let omitBody = method == .head || response.status.code == 204 || response.status.code == 304
        switch response.body.storage {
        case .bytes:
            sendFixed(response, omitBody: omitBody, version: version)
        case .stream(let produce, let recover):
            // RFC 9112 §7.1: chunked needs HTTP/1.1; an HTTP/1.0 client reads to the close instead.
            let framing: BodyFraming = version == .http1_0 ? .closeDelimited : .chunked
            if framing == .closeDelimited { keepAlive = false }
            pendingHead = PendingHead(
                status: response.status, headers: response.headers, framing: framing, version: version)
            if omitBody {
                writePendingHead()
            } else {
                let writer = ConnectionBodyWriter(connection: self, chunked: framing == .chunked)
                do {
                    try await produce(writer)
                    writePendingHead()
                    if !isClosed && framing == .chunked { output.append(contentsOf: ResponseHeadEncoder.lastChunk) }
                } catch {
                    if !isClosed, pendingHead != nil, let recover, let recovery = recover(error) {
                        pendingHead = nil
                        sendFixed(
                            Connection.merged(recovery, keeping: response.headers), omitBody: false, version: version)
                    } else if !isClosed {
                        // Bytes already went out: the status cannot change any more. Send what was produced, then end
                        // the connection without the last chunk, so the client sees an incomplete body rather than a
                        // complete wrong one.
                        flushIfNeeded()
                        abort()
                    }
                }
            }
            scheduleFlush()
        }
        finishRequest()
    }

    private func sendFixed(_ response: HTTPResponse, omitBody: Bool, version: HTTPVersion) {
        let body = response.body.fixedBytes ?? []
        ResponseHeadEncoder.encodeHead(
            status: response.status, headers: response.headers, framing: .length(body.count), keepAlive: keepAlive,
            version: version, date: loop.dateHeader, into: &output)
        if !omitBody { output.append(contentsOf: body) }
        scheduleFlush()
    }

    /// Writes the head of a streamed response, once, right before its first body bytes.
    private func writePendingHead() {
        guard let head = pendingHead else { return }
        pendingHead = nil
        guard !isClosed else { return }
        ResponseHeadEncoder.encodeHead(
            status: head.status, headers: head.headers, framing: head.framing, keepAlive: keepAlive,
            version: head.version, date: loop.dateHeader, into: &output)
    }

    /// The recovery response, plus the streamed response's headers it does not set itself (request id, rate-limit
    /// headers added by middleware), minus the ones that described the stream.
    static func merged(_ recovery: HTTPResponse, keeping original: HTTPHeaders) -> HTTPResponse {
        var merged = recovery
        let streamOnly: Set<String> = ["content-type", "cache-control", "x-accel-buffering"]
        for field in original
        where !streamOnly.contains(field.name.lowercased()) && !merged.headers.contains(field.name) {
            merged.headers.add(name: field.name, value: field.value)
        }
        return merged
    }

    private func finishRequest() {
        requestInFlight = false
        guard !isClosed else { return }
        phaseStart = loop.now
        trackedPhase = .idle
        if !keepAlive {
            closeWhenFlushed = true
            scheduleFlush()
            return
        }
        if readingPaused {
            readingPaused = false
            updateInterest()
        }
        processInput()
    }

    // MARK: - Writing

    /// Appends body bytes for the streaming writer; returns whether the writer must wait for the client to read.
    func appendBody(_ bytes: [UInt8], chunked: Bool) throws -> Bool {
        guard !isClosed else { throw ConnectionClosedError() }
        writePendingHead()
        if chunked {
            ResponseHeadEncoder.appendChunk(bytes, to: &output)
        } else {
            output.append(contentsOf: bytes)
        }
        scheduleFlush()
        guard output.count - outputOffset > Connection.highWaterMark else { return false }
        flushIfNeeded()
        return !isClosed && output.count - outputOffset > Connection.highWaterMark
    }

    /// Parks `continuation` until pending output has been sent; it fails if the connection closes first.
    func parkUntilDrained(_ continuation: CheckedContinuation<Void, any Error>) {
        if isClosed {
            continuation.resume(throwing: ConnectionClosedError())
        } else if output.count - outputOffset <= Connection.highWaterMark {
            continuation.resume()
        } else {
            failDrainWaiter(CancellationError())
            drainWaiter = continuation
        }
    }

    /// Fails a parked writer because its task was cancelled (any thread).
    func cancelDrainWait() {
        loop.execute { self.failDrainWaiter(CancellationError()) }
    }

    private func failDrainWaiter(_ error: any Error) {
        if let waiter = drainWaiter {
            drainWaiter = nil
            waiter.resume(throwing: error)
        }
    }

    private func scheduleFlush() {
        if flushScheduled || isClosed { return }
        flushScheduled = true
        loop.scheduleFlush(self)
    }

    /// Sends pending output until done or the socket is full.
    func flushIfNeeded() {
        flushScheduled = false
        guard !isClosed else { return }
        while outputOffset < output.count {
            let remaining = output.count - outputOffset
            let sent = output.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + outputOffset, remaining, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                outputOffset += sent
                lastWriteProgress = loop.now
                continue
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                if !interestedInWritable {
                    interestedInWritable = true
                    updateInterest()
                }
                return
            }
            abort()
            return
        }
        if output.capacity > 1 << 20 {
            output = []
        } else {
            output.removeAll(keepingCapacity: true)
        }
        outputOffset = 0
        if interestedInWritable {
            interestedInWritable = false
            updateInterest()
        }
        if let waiter = drainWaiter {
            drainWaiter = nil
            waiter.resume()
        }
        if closeWhenFlushed && !lingering { startLingeringClose() }
    }

    // MARK: - Closing

    /// Half-closes, then reads and discards until the client closes or the linger time is up (RFC 9112 §9.6), so an
    /// unread request body cannot turn into a reset that destroys the response in flight.
    private func startLingeringClose() {
        lingering = true
        lingerDeadline = loop.now &+ server.configuration.lingerTimeout.nanoseconds
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
        if readingPaused {
            readingPaused = false
            updateInterest()
        }
    }

    /// Drops the connection at once: the request task is cancelled and any waiting writer fails.
    func abort() {
        guard !isClosed else { return }
        if requestInFlight { worker?.cancel() }
        close()
    }

    /// Closes the descriptor (exactly once) and releases everything waiting on it.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        failDrainWaiter(ConnectionClosedError())
        releaseWorker(now: loop.now, force: true)
        loop.deregister(fd: fd)
        loop.connectionClosed(self)
        SystemCall.close(fd)
        server.connectionClosed()
    }

    // MARK: - Deadlines

    /// Enforces the read, idle, write and linger deadlines; called on every loop tick.
    func checkDeadlines(now: UInt64) {
        guard !isClosed else { return }
        releaseWorker(now: now, force: false)
        let configuration = server.configuration
        if lingering {
            if now >= lingerDeadline { close() }
            return
        }
        if outputOffset < output.count {
            if now &- lastWriteProgress > configuration.writeTimeout.nanoseconds { abort() }
            return
        }
        if requestInFlight || closeWhenFlushed { return }
        let elapsed = now &- phaseStart
        switch parser.phase {
        case .idle:
            if server.isDraining || elapsed > configuration.idleTimeout.nanoseconds { close() }
        case .head:
            if elapsed > configuration.headerReadTimeout.nanoseconds {
                respondAndClose(configuration.errorResponse(.requestTimeout, "Timed out reading the request headers."))
            }
        case .body:
            if elapsed > configuration.bodyReadTimeout.nanoseconds {
                respondAndClose(configuration.errorResponse(.requestTimeout, "Timed out reading the request body."))
            }
        }
    }

    /// Graceful shutdown: an idle connection closes now; a busy one closes after its current response.
    func beginDraining() {
        guard !isClosed else { return }
        if !requestInFlight && parser.phase == .idle && outputOffset >= output.count {
            close()
        } else {
            keepAlive = false
        }
    }
}

/// The connection went away while a response was being written.
struct ConnectionClosedError: Error {}
