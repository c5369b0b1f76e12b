import Glibc

/// `BlueprintServer healthcheck`: asks the local server's `/health` and exits 0 only for a 200, so a container
/// `HEALTHCHECK` needs no curl in the image.
public enum HealthCheck {
    /// Exit code 0 when `GET /health` on 127.0.0.1:`port` answers 200 within `timeoutSeconds`, else 1.
    public static func run(port: Int, timeoutSeconds: Int = 2) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return 1 }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(clamping: port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return 1 }
        let request = Array("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count
        else { return 1 }
        var head = [UInt8](repeating: 0, count: 64)
        let count = head.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 64, 0) }
        guard count >= 12 else { return 1 }
        return head[9...11].elementsEqual("200".utf8) ? 0 : 1
    }
}
