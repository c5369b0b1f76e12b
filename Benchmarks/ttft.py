#!/usr/bin/env python3
"""Time to first token for streamed chat completions: N connections, each sending requests back to back over
keep-alive, measuring from the request's last byte to the first `data:` line with content.

Usage: ttft.py PORT CONNECTIONS SECONDS KEY
Prints one JSON line: streams, p50/p90/p99 milliseconds.
"""
import json
import re
import socket
import sys
import threading
import time

PORT, CONNECTIONS, SECONDS, KEY = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
BODY = json.dumps({
    "model": "gpt-4o-mini", "stream": True, "max_tokens": 20,
    "messages": [{"role": "user", "content": "Hello there, how are you today?"}],
}).encode()
REQUEST = (
    f"POST /v1/chat/completions HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
    f"Authorization: Bearer {KEY}\r\nContent-Length: {len(BODY)}\r\n\r\n"
).encode() + BODY
FIRST_TOKEN = re.compile(rb'"content":"[^"]')
samples = []
lock = threading.Lock()


def worker(deadline):
    sock = socket.create_connection(("127.0.0.1", PORT))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    local = []
    while time.monotonic() < deadline:
        sock.sendall(REQUEST)
        start = time.perf_counter()
        buffer = b""
        first = None
        while not buffer.endswith(b"0\r\n\r\n"):
            chunk = sock.recv(65536)
            if not chunk:
                return
            buffer += chunk
            if first is None and FIRST_TOKEN.search(buffer):
                first = time.perf_counter()
        local.append((first or time.perf_counter()) - start)
    with lock:
        samples.extend(local)


deadline = time.monotonic() + SECONDS
threads = [threading.Thread(target=worker, args=(deadline,)) for _ in range(CONNECTIONS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
samples.sort()


def percentile(p):
    return round(samples[min(len(samples) - 1, int(len(samples) * p))] * 1000, 3) if samples else None


print(json.dumps({"connections": CONNECTIONS, "streams": len(samples), "ttft_p50_ms": percentile(0.5),
                  "ttft_p90_ms": percentile(0.9), "ttft_p99_ms": percentile(0.99)}))
