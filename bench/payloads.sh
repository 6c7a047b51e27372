#!/usr/bin/env bash
# bench/payloads.sh: a benchmark, not a test. Real payloads through dash-host, side by side with the
# small callback and bare Poco, each case against a freshly started server (so peak RSS is the
# case's own):
#   small   the hello echo callback (about 200 bytes in, 60 out)
#   figure  a callback returning a dcc.Graph figure of 40,000 points (about 1.4 MB out), built as
#           dash::JsonData (figure-tree: the same built as a JsonCpp tree, dash::Value)
#   store   a callback receiving a ~1 MB dcc.Store as State (dash::JsonData) and returning its
#           length (store-tree: the same taken as Json::Value)
# For each: req/s (wrk, BENCH_CONNECTIONS connections), server CPU per request (user + system time
# from /proc/<pid>/stat over the run / requests), response bytes, RSS at idle, peak RSS (VmHWM)
# and RSS after the run.
#
# Environment (all optional): BENCH_CONNECTIONS=4 BENCH_DURATION=10s BENCH_BUILD_DIR=build
#   BENCH_NO_BUILD=1   BENCH_CASES="small figure figure-tree store store-tree"   BENCH_OUT=DIR
#   BENCH_HOST_ENV="NAME=VALUE ..."  extra environment of dash-host, e.g. an allocator to compare:
#     "LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2" or "MALLOC_MMAP_THRESHOLD_=131072"
#   BENCH_CONFIG=FILE  dash-host's deployment config (default bench/payloads/dash.json; e.g.
#     bench/payloads/workers.json: every request handed to a worker, server.requests_on_event_loop off)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CONNECTIONS="${BENCH_CONNECTIONS:-4}"
DURATION="${BENCH_DURATION:-10s}"
BUILD_DIR="${BENCH_BUILD_DIR:-build}"
CASES="${BENCH_CASES:-small figure figure-tree store store-tree}"
CONFIG="${BENCH_CONFIG:-bench/payloads/dash.json}"
HOST=127.0.0.1

source bench/lib.sh
require wrk wrk
require curl curl
require python3 python3  # it writes the request bodies

if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
  cmake --build "$BUILD_DIR" --target dash-host bare-poco-server dash-html dash-dcc bench-payloads >/dev/null \
    || die "build failed: run 'cmake --build $BUILD_DIR' to see why"
fi
DASH_HOST="$BUILD_DIR/bin/dash-host"
BARE="$BUILD_DIR/bin/bare-poco-server"
[[ -x "$DASH_HOST" && -x "$BARE" ]] || die "$DASH_HOST or $BARE missing"

if [[ -n "${BENCH_OUT:-}" ]]; then OUT="$BENCH_OUT"; mkdir -p "$OUT"; else OUT="$(mktemp -d)"; fi
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do wait "$pid" 2>/dev/null || true; done
  [[ -n "${BENCH_OUT:-}" ]] || rm -rf "$OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

RECORDS="$(python3 bench/payloads/make_bodies.py "$OUT")"
echo "bodies: small $(stat -c %s "$OUT/small.json") B, figure $(stat -c %s "$OUT/figure.json") B," \
     "store $(stat -c %s "$OUT/store.json") B ($RECORDS records)"


# start NAME COMMAND...: starts a server on a fresh port, waits until it answers; sets PID and PORT.
start() {
  local name="$1"; shift
  PORT="$(free_port)"
  "$@" --host "$HOST" --port "$PORT" >"$OUT/$name.log" 2>&1 &
  PID=$!; PIDS+=("$PID")
  local deadline=$((SECONDS + 20))
  until curl -s -o /dev/null -X POST --data @"$OUT/small.json" "http://$HOST:$PORT/_dash-update-component"; do
    kill -0 "$PID" 2>/dev/null || { cat "$OUT/$name.log" >&2; die "$name exited during start-up"; }
    (( SECONDS < deadline )) || die "$name did not answer within 20 s"
    sleep 0.1
  done
}

ROWS=()
measure() {
  local target="$1" case="$2" body="$OUT/$2.json"
  local code bytes idle before after requests rps cpu peak rest
  code="$(curl -s -o "$OUT/$target-$case.answer" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
          --data-binary @"$body" "http://$HOST:$PORT/_dash-update-component")"
  [[ "$code" == 200 ]] || die "$target/$case answered HTTP $code: $(head -c 300 "$OUT/$target-$case.answer")"
  bytes="$(stat -c %s "$OUT/$target-$case.answer")"
  idle="$(kib "$PID" VmRSS)"
  before="$(cpu_ticks "$PID")"
  BODY_FILE="$body" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s bench/payloads/post-file.lua \
    "http://$HOST:$PORT/_dash-update-component" >"$OUT/$target-$case.wrk"
  after="$(cpu_ticks "$PID")"
  grep -q "Non-2xx\|Socket errors" "$OUT/$target-$case.wrk" && die "$target/$case: errors, see $OUT/$target-$case.wrk"
  requests="$(awk '/requests in/ {print $1; exit}' "$OUT/$target-$case.wrk")"
  rps="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$OUT/$target-$case.wrk")"
  cpu="$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')"
  peak="$(kib "$PID" VmHWM)"
  sleep 2  # let the allocator settle after the burst
  rest="$(kib "$PID" VmRSS)"
  ROWS+=("$(printf '%-10s %-7s %9s %12s %10s %10s %10s %10s' "$target" "$case" "$rps" "$cpu" "$bytes" \
           "$((idle / 1024))" "$((peak / 1024))" "$((rest / 1024))")")
}

for case in $CASES; do
  # shellcheck disable=SC2086 # BENCH_HOST_ENV is a list of NAME=VALUE words
  start dash-host env DASH_LOG_LEVEL=warn ${BENCH_HOST_ENV:-} "$DASH_HOST" --config "$CONFIG"
  measure dash-host "$case"
  kill "$PID"; wait "$PID" 2>/dev/null || true
  if [[ "$case" != figure* && "$case" != *-tree ]]; then  # bare Poco reads the same body, answers 60 bytes
    start bare-poco "$BARE"
    measure bare-poco "$case"
    kill "$PID"; wait "$PID" 2>/dev/null || true
  fi
done

echo
echo "== wrk -t1 -c$CONNECTIONS -d$DURATION, loopback, $(nproc) CPUs shared by the server and wrk"
printf '%-10s %-7s %9s %12s %10s %10s %10s %10s\n' target case "req/s" "CPU us/req" "resp B" "idle MiB" \
  "peak MiB" "after MiB"
printf '%s\n' "${ROWS[@]}"
echo
echo "Python Dash 4.3.0 on this machine kind (gunicorn, 2 gthread workers; issue 9's reference):"
echo "  small 372 us, figure 33 ms, store 13.4 ms of server CPU per request"
