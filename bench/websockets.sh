#!/usr/bin/env bash
# bench/websockets.sh: a benchmark, not a test. dash-host serving apps/examples/hello with every
# callback over the WebSocket transport; BENCH_SOCKETS (default 10000) idle WebSockets are opened and
# held; the host's RSS and thread count are read before and while they are held (memory per
# socket), then BENCH_CALLBACKS (default 500) callbacks are sent one after another over one of them
# while all are held (round trip median and p99). Loopback only; stops by itself.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SOCKETS="${BENCH_SOCKETS:-10000}"
CALLBACKS="${BENCH_CALLBACKS:-500}"
BUILD_DIR="${BENCH_BUILD_DIR:-build}"
source bench/lib.sh
require python3 python3
require curl curl
DASH_HOST="$BUILD_DIR/bin/dash-host"
[[ -x "$DASH_HOST" ]] || die "$DASH_HOST missing: build first"

OUT="$(mktemp -d)"
HOST_PID=""
cleanup() { [[ -n "$HOST_PID" ]] && kill "$HOST_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$OUT"; }
trap cleanup EXIT
PORT="$(free_port)"
# The hello example's WebSocket config, with room for the sockets.
python3 - "$OUT/dash.json" "$SOCKETS" <<'PY'
import json, sys
config = json.load(open("apps/examples/hello/dash-websocket.json"))
config.setdefault("server", {})["max_connections"] = int(sys.argv[2]) + 100
json.dump(config, open(sys.argv[1], "w"))
PY
DASH_LOG_LEVEL=warn "$DASH_HOST" --config "$OUT/dash.json" --host 127.0.0.1 --port "$PORT" >"$OUT/host.log" 2>&1 &
HOST_PID=$!
wait_for_http dash-host "$HOST_PID" "http://127.0.0.1:$PORT/"
IDLE_RSS="$(kib "$HOST_PID" VmRSS)"; IDLE_THREADS="$(kib "$HOST_PID" Threads)"
coproc HOLD { python3 bench/websockets/hold.py "$PORT" "$SOCKETS" "$CALLBACKS"; }
read -r line <&"${HOLD[0]}" || die "hold.py ended early"
[[ "$line" == held* ]] || die "hold.py: $line"
HELD_RSS="$(kib "$HOST_PID" VmRSS)"; HELD_THREADS="$(kib "$HOST_PID" Threads)"
echo go >&"${HOLD[1]}"
read -r result <&"${HOLD[0]}" || die "hold.py ended before its callbacks"
wait "$HOLD_PID" 2>/dev/null || true
echo "sockets held: $SOCKETS (loopback, $(nproc) CPUs)"
echo "host RSS: idle $((IDLE_RSS / 1024)) MiB, with the sockets $((HELD_RSS / 1024)) MiB," \
     "$(( (HELD_RSS - IDLE_RSS) * 1024 / SOCKETS )) bytes per socket"
echo "host threads: idle $IDLE_THREADS, with the sockets $HELD_THREADS"
echo "$result (one after another over one socket, all held)"
