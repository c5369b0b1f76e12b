import CBlueprintShim
import Glibc

/// A listening socket registered with one event loop; it accepts connections and hands them to that loop.
///
/// Each loop has its own listener on the same port (`SO_REUSEPORT`), so the kernel spreads connections across
/// loops without any cross-thread hand-off.
final class Listener: EventLoop.Handler, @unchecked Sendable {
    let fd: Int32
    let loop: EventLoop
    unowned let server: HTTPServer
    private var registered = false
    private var isClosed = false

    init(fd: Int32, loop: EventLoop, server: HTTPServer) {
        self.fd = fd
        self.loop = loop
        self.server = server
    }

    /// Starts accepting (loop thread).
    func register() throws(SystemCallError) {
        try loop.register(fd: fd, events: cblueprint_epollin(), handler: self)
        registered = true
    }

    func handleEvents(_ events: UInt32) {
        // Accept a bounded batch per wake-up so one loop cannot starve its existing connections.
        for _ in 0..<64 {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let client = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    cblueprint_accept4(fd, $0, &length, cblueprint_sock_nonblock() | cblueprint_sock_cloexec())
                }
            }
            if client >= 0 {
                server.accepted(fd: client, address: address, on: loop)
                continue
            }
            switch errno {
            case EINTR, ECONNABORTED, EPROTO, EPERM:
                continue
            case EAGAIN, EWOULDBLOCK:
                return
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                // Out of descriptors or memory: the pending connection stays queued. Stop watching the socket for a
                // moment instead of spinning on a level-triggered event, then try again.
                backOff()
                return
            default:
                backOff()
                return
            }
        }
    }

    private func backOff() {
        guard registered else { return }
        loop.deregister(fd: fd)
        registered = false
        server.noteAcceptBackoff()
        loop.schedule(at: loop.now &+ 100_000_000) { [self] in
            guard !isClosed, !registered else { return }
            try? register()
        }
    }

    /// Stops accepting and closes the socket (loop thread).
    func close() {
        guard !isClosed else { return }
        isClosed = true
        if registered { loop.deregister(fd: fd) }
        registered = false
        SystemCall.close(fd)
    }

    /// Creates, binds and listens on a TCP socket.
    static func bind(host: String, port: Int, backlog: Int32) throws(SystemCallError) -> Int32 {
        let address = try SocketAddress.resolve(host: host, port: port)
        let fd = try SystemCall.retrying("socket") {
            socket(Int32(address.family), cblueprint_sock_stream() | cblueprint_sock_cloexec(), 0)
        }
        do {
            try SystemCall.setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            try SystemCall.setOption(fd, SOL_SOCKET, SO_REUSEPORT, 1)
            _ = try SystemCall.retrying("bind") { address.withSockAddr { Glibc.bind(fd, $0, $1) } }
            _ = try SystemCall.retrying("listen") { listen(fd, backlog) }
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        } catch {
            SystemCall.close(fd)
            throw error
        }
        return fd
    }

    /// The port a socket is bound to.
    static func boundPort(of fd: Int32) -> Int {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return SocketAddress(storage: address).port
    }
}
