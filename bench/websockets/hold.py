#!/usr/bin/env python3
"""bench/websockets/hold.py PORT COUNT CALLBACKS: opens COUNT WebSockets to _dash-ws-callback (the
handshake only, then idle, as tabs of idle browsers are), prints "held N" and waits for a line on
stdin (the caller measures the host meanwhile); then sends CALLBACKS callback requests one after the
other over the first socket and prints the median and p99 round trip in ms; closes everything."""
import os, resource, socket, statistics, struct, sys, time

port, count, callbacks = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

HANDSHAKE = (f"GET /_dash-ws-callback HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n"
             "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").encode()

def connect():
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(HANDSHAKE)
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            raise SystemExit("the host closed a socket during the handshake")
        head += chunk
    if not head.startswith(b"HTTP/1.1 101"):
        raise SystemExit("handshake refused: " + head.split(b"\r\n")[0].decode())
    return s

def send_text(s, text):
    payload = text.encode()
    mask = os.urandom(4)
    n = len(payload)
    header = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack("!H", n))
    s.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

def read_exact(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise SystemExit("the host closed the socket")
        data += chunk
    return data

def read_text(s):
    first, second = read_exact(s, 2)
    n = second & 0x7F
    if n == 126:
        n = struct.unpack("!H", read_exact(s, 2))[0]
    elif n == 127:
        n = struct.unpack("!Q", read_exact(s, 8))[0]
    return read_exact(s, n).decode()

sockets = [connect() for _ in range(count)]
print(f"held {len(sockets)}", flush=True)
sys.stdin.readline()

body = ('{"output":"out.children","outputs":{"id":"out","property":"children"},'
        '"inputs":[{"id":"in","property":"value","value":"hello"}],"changedPropIds":["in.value"]}')
times = []
for i in range(callbacks):
    start = time.perf_counter()
    send_text(sockets[0], '{"type":"callback_request","rendererId":"r","requestId":"r-%d","payload":%s}' % (i, body))
    answer = read_text(sockets[0])
    times.append((time.perf_counter() - start) * 1000)
    if '"echo: hello"' not in answer:
        raise SystemExit("unexpected answer: " + answer[:200])
times.sort()
print(f"callbacks {callbacks} median_ms {statistics.median(times):.3f} p99_ms {times[int(len(times) * 0.99) - 1]:.3f}",
      flush=True)
for s in sockets:
    s.close()
