import CBlueprintShim
import Glibc
import Synchronization

/// An HTTP/1.1 server on non-blocking sockets and epoll event loops, one loop thread per core.
///
/// ```swift
/// let server = HTTPServer(configuration: HTTPServerConfiguration(port: 0), responder: router.build())
/// try server.start()
/// print(server.port)
/// await server.shutdown()
/// ```
public final class HTTPServer: Sendable {
    private enum Phase: Sendable {
        case created, running, draining, stopped
    }

    /// The configuration the server was created with.
    public let configuration: HTTPServerConfiguration
    /// The application.
    public let responder: any HTTPResponder

    private let phase = Locked(Phase.created)
    private let draining = Atomic<Bool>(false)
    private let openConnections = Atomic<Int>(0)
    private let runningTasks = Atomic<Int>(0)
    private let acceptBackoffs = Atomic<Int>(0)
    private let boundPort = Atomic<Int>(0)
    private let loops = Locked<[EventLoop]>([])
    private let listeners = Locked<[Listener]>([])
    private let connectionsGone = AsyncSignal()
    private let stopped = AsyncSignal()

    /// Creates a server; nothing is bound until `start()`.
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
    }

    /// The bound port (useful with port 0); 0 before `start()`.
    public var port: Int { boundPort.load(ordering: .acquiring) }
    /// Whether graceful shutdown has begun: no new connections, no more keep-alive.
    public var isDraining: Bool { draining.load(ordering: .acquiring) }
    /// The number of open client connections.
    public var openConnectionCount: Int { openConnections.load(ordering: .relaxed) }
    /// The number of request tasks: one per connection with a request in progress or a recent one (see
    /// `HTTPServerConfiguration.workerIdleTimeout`).
    public var runningTaskCount: Int { runningTasks.load(ordering: .relaxed) }
    /// How many times accepting paused because the process was out of descriptors or memory.
    public var acceptBackoffCount: Int { acceptBackoffs.load(ordering: .relaxed) }

    /// Binds, listens and starts the event loops. Throws if the address cannot be bound.
    public func start() throws {
        let canStart = phase.withLock { phase -> Bool in
            guard case .created = phase else { return false }
            phase = .running
            return true
        }
        precondition(canStart, "HTTPServer.start() called twice")
        SystemCall.ignoreSIGPIPE()
        let threadCount = max(1, configuration.eventLoopThreads)
        var fds: [Int32] = []
        var createdLoops: [EventLoop] = []
        do {
            let first = try Listener.bind(
                host: configuration.host, port: configuration.port, backlog: configuration.backlog)
            fds.append(first)
            let port = Listener.boundPort(of: first)
            boundPort.store(port, ordering: .releasing)
            for _ in 1..<threadCount {
                fds.append(try Listener.bind(host: configuration.host, port: port, backlog: configuration.backlog))
            }
            for index in 0..<threadCount { createdLoops.append(try EventLoop(index: index)) }
        } catch {
            for fd in fds { SystemCall.close(fd) }
            phase.withLock { $0 = .stopped }
            throw error
        }
        let tick =
            [
                configuration.headerReadTimeout, configuration.bodyReadTimeout, configuration.idleTimeout,
                configuration.writeTimeout, configuration.lingerTimeout, configuration.workerIdleTimeout,
            ].map(\.nanoseconds).min()! / 4
        var createdListeners: [Listener] = []
        for (loop, fd) in zip(createdLoops, fds) {
            let listener = Listener(fd: fd, loop: loop, server: self)
            createdListeners.append(listener)
            loop.start()
            loop.executeInLoop {
                try? listener.register()
                loop.addTickAction(interval: min(tick, 250_000_000)) {
                    for connection in loop.connections.values { connection.checkDeadlines(now: loop.now) }
                }
            }
        }
        loops.withLock { $0 = createdLoops }
        listeners.withLock { $0 = createdListeners }
    }

    /// Stops accepting, lets running requests and streams finish for up to the grace period, then cancels what is
    /// left and stops the loops. Returns when everything is closed.
    public func shutdown() async {
        let shouldDrain = phase.withLock { phase -> Bool in
            guard case .running = phase else { return false }
            phase = .draining
            return true
        }
        guard shouldDrain else {
            await stopped.wait()
            return
        }
        draining.store(true, ordering: .releasing)
        let loops = loops.withLock { $0 }
        let listeners = listeners.withLock { $0 }
        for (loop, listener) in zip(loops, listeners) {
            loop.executeInLoop {
                listener.close()
                for connection in loop.connections.values { connection.beginDraining() }
            }
        }
        if openConnectionCount == 0 { connectionsGone.fire() }
        await HTTPServer.wait(for: connectionsGone, atMost: configuration.shutdownGracePeriod)
        for loop in loops {
            loop.executeInLoop {
                for connection in loop.connections.values { connection.abort() }
            }
        }
        // No request can start any more (listeners and connections are closed); cancelled tasks need a moment to
        // run their cancellation paths on the loops before the loops stop.
        let deadline = ContinuousClock.now + .seconds(5)
        while runningTasks.load(ordering: .acquiring) > 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(2))
        }
        for loop in loops {
            loop.stop()
            await loop.exited.wait()
        }
        self.loops.withLock { $0 = [] }
        self.listeners.withLock { $0 = [] }
        phase.withLock { $0 = .stopped }
        stopped.fire()
    }

    /// Returns once the server has stopped.
    public func waitUntilStopped() async {
        await stopped.wait()
    }

    private static func wait(for signal: AsyncSignal, atMost limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await signal.wait() }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }

    // MARK: - Called by listeners and connections (loop threads)

    func accepted(fd: Int32, address: sockaddr_storage, on loop: EventLoop) {
        if isDraining {
            SystemCall.close(fd)
            return
        }
        try? SystemCall.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        let connection = Connection(
            fd: fd, loop: loop, server: self, remoteAddress: SocketAddress(storage: address).description)
        openConnections.add(1, ordering: .relaxed)
        do {
            try loop.adopt(connection)
        } catch {
            connection.close()
        }
    }

    func connectionClosed() {
        let remaining = openConnections.subtract(1, ordering: .acquiringAndReleasing).newValue
        if remaining == 0 && isDraining { connectionsGone.fire() }
    }

    func taskStarted() {
        runningTasks.add(1, ordering: .relaxed)
    }

    func taskFinished() {
        runningTasks.subtract(1, ordering: .releasing)
    }

    func noteAcceptBackoff() {
        acceptBackoffs.add(1, ordering: .relaxed)
    }
}
