#!/usr/bin/env python3
"""Hold N slow SSE streams open against a server and report the server's RSS per stream.

Usage: hold_streams.py PORT PID COUNT PATH
Opens COUNT connections, sends one GET each, waits until every stream has delivered its first event, then reads the
server's VmRSS from /proc/PID/status, closes everything and prints a JSON line with the figures.
"""
import json
import selectors
import socket
import sys
import time


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def main() -> None:
    port, pid, count, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    before = rss_kib(pid)
    selector = selectors.DefaultSelector()
    sockets = []
    request = f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(request)
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)
        sockets.append(sock)
    waiting = set(sockets)
    deadline = time.monotonic() + 60
    while waiting and time.monotonic() < deadline:
        for key, _ in selector.select(timeout=1):
            data = key.fileobj.recv(65536)
            if b"data:" in data:
                waiting.discard(key.fileobj)
    during = rss_kib(pid)
    for sock in sockets:
        sock.close()
    print(json.dumps({
        "streams": count,
        "streaming": count - len(waiting),
        "rss_before_kib": before,
        "rss_during_kib": during,
        "kib_per_stream": round((during - before) / count, 2),
    }))


if __name__ == "__main__":
    main()
