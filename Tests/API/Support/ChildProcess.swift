import Blueprint
import CBlueprintShim
import Glibc

/// A child process with its stderr captured line by line, for tests that must run the real executable (start-up
/// refusals, descriptor limits). The child is killed when the value is dropped.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    private let output = Locked(Output())
    private let reaped = Locked<Int32?>(nil)

    private struct Output {
        var lines: [String] = []
        var closed = false
    }

    /// Starts `arguments[0]` with exactly `environment`. A thread drains stderr all the time, so a chatty child never
    /// blocks on a full pipe.
    init(_ arguments: [String], environment: [String: String]) throws {
        var pipeFDs: [Int32] = [0, 0]
        // Close-on-exec: children spawned concurrently by other tests must not inherit this pipe.
        guard pipe(&pipeFDs) == 0 else { throw RawClientError.closed }
        for fd in pipeFDs { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 2)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        // Tests run in parallel: without this the child would inherit other tests' sockets, keep their connections
        // open after they close them, and spend its descriptor limit on them.
        _ = cblueprint_spawn_addclosefrom(&actions, 3)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
            posix_spawn_file_actions_destroy(&actions)
        }
        var child = pid_t()
        let result = posix_spawn(&child, arguments[0], &actions, nil, argv, envp)
        close(pipeFDs[1])
        guard result == 0 else {
            close(pipeFDs[0])
            throw RawClientError.connectFailed(result)
        }
        pid = child
        let readFD = pipeFDs[0]
        let output = output
        BlockingThread {
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(readFD, $0.baseAddress, 4096) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                pending.append(contentsOf: chunk[0..<count])
                var lines: [String] = []
                while let newline = pending.firstIndex(of: 0x0A) {
                    lines.append(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeFirst(newline + 1)
                }
                output.withLock { $0.lines.append(contentsOf: lines) }
            }
            close(readFD)
            output.withLock { $0.closed = true }
        }.start()
    }

    deinit {
        if reaped.withLock({ $0 }) == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    /// The stderr lines so far.
    var lines: [String] { output.withLock { $0.lines } }

    /// The first stderr line satisfying `predicate`, waiting up to `seconds` for it; nil if stderr closes first.
    func waitForLine(seconds: Int = 30, where predicate: (String) -> Bool) -> String? {
        for _ in 0..<(seconds * 200) {
            let (lines, closed) = output.withLock { ($0.lines, $0.closed) }
            if let line = lines.first(where: predicate) { return line }
            if closed { return nil }
            usleep(5000)
        }
        return nil
    }

    /// Waits for the child to exit and for its stderr to be read to the end; returns the exit code.
    func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        reaped.withLock { $0 = code }
        _ = waitForLine(seconds: 5) { _ in false }
        return code
    }

    /// Sends a signal.
    func signal(_ number: Int32) { kill(pid, number) }

    /// The number of open descriptors of the child, from /proc.
    var openDescriptorCount: Int {
        Self.entries(of: "/proc/\(pid)/fd")?.count ?? -1
    }

    /// The names in a directory, without `.` and `..`, or nil when it cannot be read.
    private static func entries(of path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The names of the child's threads, from /proc.
    var threadNames: [String] {
        (Self.entries(of: "/proc/\(pid)/task") ?? []).compactMap { task in
            guard let file = fopen("/proc/\(pid)/task/\(task)/comm", "r") else { return nil }
            defer { fclose(file) }
            var buffer = [CChar](repeating: 0, count: 64)
            guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
            let bytes = buffer.prefix { $0 != 0 && $0 != 0x0A }.map { UInt8(bitPattern: $0) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The built `BlueprintServer` executable, next to the test bundle.
    static var serverExecutable: String {
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        let exe = String(decoding: path[0..<max(0, length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The bundle is `.build/<config>/<Package>PackageTests.xctest`; the executable sits beside it.
        return exe.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            + "/BlueprintServer"
    }
}
