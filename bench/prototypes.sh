#!/usr/bin/env bash
# bench/prototypes.sh: a benchmark, not a test. The measured prototypes behind issue 10's choice of
# connection layer: the ceiling of Poco's SocketReactor (bench/prototypes/reactor_ceiling.cpp) and of
# Boost.Asio, which Beast runs on (beast_ceiling.cpp), each answering the hello callback's POST with a
# fixed 60-byte JSON after the same minimal framing, plus bare Poco HTTPServer (thread per connection)
# for reference. wrk at BENCH_CONNECTIONS (default "32 1000") connections, BENCH_DURATION (8s) each;
# req/s and server CPU per request.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BENCH_BUILD_DIR:-build}"
DURATION="${BENCH_DURATION:-8s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32 1000}"
source bench/lib.sh
require wrk wrk
require curl curl
require python3 python3
cmake --build "$BUILD_DIR" --target reactor-ceiling beast-ceiling bare-poco-server >/dev/null || die "build failed"
ulimit -n "$(ulimit -Hn)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null' EXIT
declare -A PORT PID
start() {
  local name="$1"; shift
  PORT[$name]="$(free_port)"
  "$@" --port "${PORT[$name]}" >/dev/null 2>&1 &
  PID[$name]=$!; PIDS+=("$!")
  wait_for_http "$name" "${PID[$name]}" "http://127.0.0.1:${PORT[$name]}/" -X POST --data x
}
start reactor "$BUILD_DIR/bin/reactor-ceiling"
start asio "$BUILD_DIR/bin/beast-ceiling"
start bare-poco "$BUILD_DIR/bin/bare-poco-server" --host 127.0.0.1
printf '%-12s %12s %12s %14s\n' server connections "req/s" "CPU us/req"
for c in $CONNECTIONS; do
  for name in reactor asio bare-poco; do
    before="$(cpu_ticks "${PID[$name]}")"
    out="$(wrk -t2 -c"$c" -d"$DURATION" -s bench/post.lua "http://127.0.0.1:${PORT[$name]}/_dash-update-component")"
    after="$(cpu_ticks "${PID[$name]}")"
    requests="$(awk '/requests in/ {print $1; exit}' <<<"$out")"
    rps="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")"
    cpu="$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')"
    errors="$(grep -o 'Socket errors.*' <<<"$out" || true)"
    printf '%-12s %12s %12s %14s %s\n' "$name" "$c" "$rps" "$cpu" "$errors"
  done
done
