import CBlueprintShim
import Glibc
import Synchronization

/// One epoll event loop on its own thread. It runs socket callbacks and, as a `TaskExecutor`, the Swift tasks of the
/// requests it serves, so a request never hops to the global pool and back (DESIGN.md: +0.8 µs instead of +4 µs).
///
/// Everything a loop owns (its connections, their buffers) is touched only on the loop's thread; other threads talk
/// to it through `execute(_:)`.
final class EventLoop: TaskExecutor, @unchecked Sendable {
    /// Something that reacts to readiness of a file descriptor registered with this loop.
    protocol Handler: AnyObject {
        func handleEvents(_ events: UInt32)
    }

    // Closures in here may capture loop-confined state: they are only ever run on the loop thread.
    private enum Work: @unchecked Sendable {
        case job(UnownedJob)
        case closure(() -> Void)
    }

    let index: Int
    private let epollFD: Int32
    private let wakeFD: Int32
    /// Work submitted from other threads.
    private let pending = Locked<[Work]>([])
    // The buffers below are touched only on the loop thread and never re-entrantly, so their dynamic exclusivity
    // checks (a `swift_beginAccess` per use, about 1% of the loop's time under load) are switched off; the compiler's
    // static checks still apply.
    /// Work submitted on the loop thread itself (a resumed request task, mostly): no lock needed.
    @exclusivity(unchecked) private var localWork: [Work] = []
    @exclusivity(unchecked) private var runningWork: [Work] = []
    private let wakeRequested = Atomic<Bool>(false)
    private let stopRequested = Atomic<Bool>(false)
    private var thread: pthread_t?
    private var handlers: [Handler?] = []
    @exclusivity(unchecked) private var flushQueue: [Connection] = []
    /// The open connections this loop serves, by descriptor.
    private(set) var connections: [Int32: Connection] = [:]
    private var timers: [(deadline: UInt64, action: () -> Void)] = []
    private var tickActions: [() -> Void] = []
    private var tickInterval: UInt64 = 250_000_000
    private var nextTick: UInt64 = 0

    /// A scratch buffer for reads, shared by every connection of this loop (reads are never concurrent on a loop).
    @exclusivity(unchecked) var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// The monotonic time at the start of the current loop iteration.
    private(set) var now: UInt64 = SystemCall.monotonicNanoseconds()
    /// The `Date` header value, refreshed at most once a second.
    private(set) var dateHeader: [UInt8] = []
    private var dateSecond: Int = -1

    init(index: Int) throws(SystemCallError) {
        self.index = index
        epollFD = try SystemCall.retrying("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        do {
            wakeFD = try SystemCall.retrying("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }
        } catch {
            SystemCall.close(epollFD)
            throw error
        }
        var event = epoll_event()
        event.events = cblueprint_epollin()
        event.data.fd = wakeFD
        _ = epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event)
        refreshDate()
    }

    deinit {
        SystemCall.close(wakeFD)
        SystemCall.close(epollFD)
    }

    // MARK: - Threads

    /// Starts the loop's thread.
    func start() {
        let box = Unmanaged.passRetained(self)
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { raw in
                let loop = Unmanaged<EventLoop>.fromOpaque(raw!).takeRetainedValue()
                loop.run()
                return nil
            }, box.toOpaque())
        precondition(result == 0, "pthread_create failed: \(result)")
        // Named before the server reports it is listening, so `top -H`, `ps -L` and profilers show the loops.
        _ = cblueprint_set_thread_name(thread, "blueprint-io-\(index)")
        pthread_detach(thread)
        self.thread = thread
    }

    /// Fires when the loop's thread has finished.
    let exited = AsyncSignal()

    /// Asks the loop to finish its current iteration and exit; `exited` fires when it has.
    func stop() {
        stopRequested.store(true, ordering: .releasing)
        wake()
    }

    /// Whether the caller runs on this loop's thread.
    var inLoop: Bool {
        guard let thread else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    // MARK: - Work from other threads

    /// Runs `work` on the loop thread, soon.
    func execute(_ work: @escaping @Sendable () -> Void) {
        submit(.closure(work))
    }

    /// Runs `work` on the loop thread; the closure need not be `Sendable` because it is loop-confined state.
    func executeInLoop(_ work: @escaping () -> Void) {
        submit(.closure(work))
    }

    func enqueue(_ job: consuming ExecutorJob) {
        submit(.job(UnownedJob(job)))
    }

    private func submit(_ work: Work) {
        if inLoop {
            localWork.append(work)
        } else {
            pending.withLock { $0.append(work) }
            wake()
        }
    }

    private func wake() {
        if wakeRequested.exchange(true, ordering: .acquiringAndReleasing) { return }
        var one: UInt64 = 1
        _ = Glibc.write(wakeFD, &one, 8)
    }

    // MARK: - Registration (loop thread only)

    func register(fd: Int32, events: UInt32, handler: Handler) throws(SystemCallError) {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        _ = try SystemCall.retrying("epoll_ctl") { epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) }
        let slot = Int(fd)
        if slot >= handlers.count {
            handlers.append(contentsOf: repeatElement(nil, count: slot - handlers.count + 1))
        }
        handlers[slot] = handler
    }

    func modify(fd: Int32, events: UInt32) {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        _ = epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &event)
    }

    /// Removes `fd` from the loop; the caller closes it afterwards.
    func deregister(fd: Int32) {
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
        if Int(fd) < handlers.count { handlers[Int(fd)] = nil }
    }

    /// Starts serving an accepted connection.
    func adopt(_ connection: Connection) throws(SystemCallError) {
        try register(fd: connection.fd, events: cblueprint_epollin() | cblueprint_epollrdhup(), handler: connection)
        connections[connection.fd] = connection
    }

    /// Forgets a connection that closed.
    func connectionClosed(_ connection: Connection) {
        if connections[connection.fd] === connection { connections[connection.fd] = nil }
    }

    /// Flushes `connection` at the end of this iteration, so writes made in one go leave in one `send`.
    func scheduleFlush(_ connection: Connection) {
        flushQueue.append(connection)
    }

    /// Runs `action` once, at or soon after `deadline` (monotonic ns).
    func schedule(at deadline: UInt64, _ action: @escaping () -> Void) {
        timers.append((deadline, action))
    }

    /// Runs `action` on every tick; ticks come every `interval` ns at the most.
    func addTickAction(interval: UInt64, _ action: @escaping () -> Void) {
        tickInterval = min(tickInterval, max(interval, 5_000_000))
        tickActions.append(action)
    }

    // MARK: - The loop

    private func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        nextTick = now &+ tickInterval
        while !stopRequested.load(ordering: .acquiring) {
            let timeoutMS = Int32(clamping: (nextTick > now ? nextTick - now : 0) / 1_000_000 + 1)
            let count = events.withUnsafeMutableBufferPointer { buffer in
                epoll_wait(epollFD, buffer.baseAddress, Int32(buffer.count), hasPendingWork ? 0 : timeoutMS)
            }
            now = SystemCall.monotonicNanoseconds()
            if count > 0 {
                for index in 0..<Int(count) {
                    let event = events[index]
                    let fd = event.data.fd
                    if fd == wakeFD {
                        var value: UInt64 = 0
                        _ = Glibc.read(wakeFD, &value, 8)
                        wakeRequested.store(false, ordering: .releasing)
                    } else if Int(fd) < handlers.count, let handler = handlers[Int(fd)] {
                        handler.handleEvents(event.events)
                    }
                }
            }
            runPendingWork()
            flushScheduled()
            if now >= nextTick { tick() }
        }
        runPendingWork()
        exited.fire()
    }

    private var hasPendingWork: Bool {
        !flushQueue.isEmpty || !localWork.isEmpty || pending.withLock { !$0.isEmpty }
    }

    private func runPendingWork() {
        // Jobs may enqueue more jobs; run a bounded number of rounds so sockets are not starved.
        for _ in 0..<4 {
            // Two buffers take turns, so taking a batch allocates nothing.
            swap(&runningWork, &localWork)
            pending.withLock { work in
                if !work.isEmpty {
                    runningWork.append(contentsOf: work)
                    work.removeAll(keepingCapacity: true)
                }
            }
            if runningWork.isEmpty { return }
            for item in runningWork {
                switch item {
                case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
                case .closure(let closure): closure()
                }
            }
            runningWork.removeAll(keepingCapacity: true)
            flushScheduled()
        }
    }

    private func flushScheduled() {
        while !flushQueue.isEmpty {
            let queue = flushQueue
            flushQueue.removeAll(keepingCapacity: true)
            for connection in queue { connection.flushIfNeeded() }
        }
    }

    private func tick() {
        nextTick = now &+ tickInterval
        refreshDate()
        if !timers.isEmpty {
            let due = timers.filter { $0.deadline <= now }
            timers.removeAll { $0.deadline <= now }
            for timer in due { timer.action() }
        }
        for action in tickActions { action() }
    }

    private func refreshDate() {
        var seconds = time(nil)
        guard Int(seconds) != dateSecond else { return }
        dateSecond = Int(seconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        dateHeader = Array(HTTPDate.format(parts).utf8)
    }
}
