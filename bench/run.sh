#!/usr/bin/env bash
# bench/run.sh: a benchmark, not a test. Runs wrk on loopback against
#   1. dash-host serving apps/examples/hello (POST /_dash-update-component, the browser's body), and
#   2. bare-poco-server (bench/bare_poco_server.cpp): a Poco HTTPServer, one handler returning the
#      same 60-byte JSON answer, and
#   3. nginx (when installed; scripts/setup.sh installs nginx-light): one process (master_process
#      off), `return 200` with the same answer: the ceiling of a tuned event-driven C server,
# then prints req/s and p99 latency for each and the ratio dash-host/bare (req/s).
#
# Environment (all optional):
#   BENCH_THREADS=2  BENCH_CONNECTIONS=32  BENCH_DURATION=10s   wrk -t / -c / -d
#   BENCH_WARMUP=2s        short wrk run before each measurement ("0" skips it)
#   BENCH_BUILD_DIR=build  CMake build directory holding bin/dash-host and bin/bare-poco-server
#   BENCH_NO_BUILD=1       do not run `cmake --build` first (use the binaries as they are)
#   BENCH_OUT=DIR          keep the raw wrk output and server logs there (default: a temp dir)
#   BENCH_BEFORE=DIR       also measure the dash-host of another build (DIR/bin/dash-host, with its
#                          plugins and share/ beside it, e.g. a copy of build/ from an older commit)
#                          in the same run, as target "dash-before"
#
# Besides req/s and p99, the summary gives each server's CPU time per request (user + system, from
# /proc/<pid>/stat over the measured run): less disturbed than req/s by wrk sharing the cores.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
DURATION="${BENCH_DURATION:-10s}"
WARMUP="${BENCH_WARMUP:-2s}"
BUILD_DIR="${BENCH_BUILD_DIR:-build}"
HOST=127.0.0.1
PATH_CB=/_dash-update-component
BODY='{"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":"hello"}],"changedPropIds":["in.value"],"parsedChangedPropsIds":["in.value"]}'

source bench/lib.sh

require wrk wrk
require curl curl
require python3 python3  # free_port

# --- build -------------------------------------------------------------------------------------
if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
  if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  cmake --build "$BUILD_DIR" --target dash-host bare-poco-server dash-html dash-dcc hello >/dev/null \
    || die "build failed: run 'cmake --build $BUILD_DIR' to see why"
fi
DASH_HOST="$BUILD_DIR/bin/dash-host"
BARE="$BUILD_DIR/bin/bare-poco-server"
[[ -x "$DASH_HOST" ]] || die "$DASH_HOST missing"
[[ -x "$BARE" ]] || die "$BARE missing"
grep -qE '^CMAKE_BUILD_TYPE:STRING=(Release|RelWithDebInfo)$' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null \
  || echo "bench: warning: $BUILD_DIR is not an optimised build (CMAKE_BUILD_TYPE); figures will be low" >&2

# --- scratch dir, servers, cleanup ---------------------------------------------------------------
if [[ -n "${BENCH_OUT:-}" ]]; then
  OUT="$BENCH_OUT"; mkdir -p "$OUT"
else
  OUT="$(mktemp -d "${TMPDIR:-/tmp}/dashcpp-bench.XXXXXX")"
fi
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do wait "$pid" 2>/dev/null || true; done
  [[ -n "${BENCH_OUT:-}" ]] || rm -rf "$OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Poll until the server answers the callback POST, the server exits, or 15 s pass.
wait_ready() {
  local name="$1" pid="$2" port="$3" deadline=$((SECONDS + 15))
  while (( SECONDS < deadline )); do
    kill -0 "$pid" 2>/dev/null || { cat "$OUT/$name.stderr" >&2; die "$name exited during start-up"; }
    if curl -s -o /dev/null --max-time 1 -X POST -H 'Content-Type: application/json' \
         --data "$BODY" "http://$HOST:$port$PATH_CB"; then
      return 0
    fi
    sleep 0.1
  done
  cat "$OUT/$name.stderr" >&2
  die "$name did not answer on $HOST:$port within 15 s"
}

DASH_PORT="$(free_port)"
BARE_PORT="$(free_port)"

DASH_LOG_LEVEL=warn "$DASH_HOST" --config apps/examples/hello/dash.json --host "$HOST" --port "$DASH_PORT" \
  >"$OUT/dash-host.stdout" 2>"$OUT/dash-host.stderr" &
DASH_PID=$!; PIDS+=("$DASH_PID")
"$BARE" --host "$HOST" --port "$BARE_PORT" >"$OUT/bare-poco.stdout" 2>"$OUT/bare-poco.stderr" &
BARE_PID=$!; PIDS+=("$BARE_PID")

wait_ready dash-host "$DASH_PID" "$DASH_PORT"
wait_ready bare-poco "$BARE_PID" "$BARE_PORT"
TARGETS=(dash-host bare-poco)
declare -A PORT_OF=([dash-host]="$DASH_PORT" [bare-poco]="$BARE_PORT")
declare -A PID_OF=([dash-host]="$DASH_PID" [bare-poco]="$BARE_PID")
if [[ -n "${BENCH_BEFORE:-}" ]]; then
  [[ -x "$BENCH_BEFORE/bin/dash-host" ]] || die "BENCH_BEFORE=$BENCH_BEFORE has no bin/dash-host"
  BEFORE_PORT="$(free_port)"
  DASH_LOG_LEVEL=warn "$BENCH_BEFORE/bin/dash-host" --config apps/examples/hello/dash.json --host "$HOST" \
    --port "$BEFORE_PORT" >"$OUT/dash-before.stdout" 2>"$OUT/dash-before.stderr" &
  BEFORE_PID=$!; PIDS+=("$BEFORE_PID")
  wait_ready dash-before "$BEFORE_PID" "$BEFORE_PORT"
  TARGETS=(dash-host dash-before bare-poco)
  PORT_OF[dash-before]="$BEFORE_PORT"; PID_OF[dash-before]="$BEFORE_PID"
fi

NGINX="$(command -v nginx || true)"
[[ -z "$NGINX" && -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx
if [[ -n "$NGINX" ]]; then
  NGINX_PORT="$(free_port)"
  ANSWER='{"multi":true,"response":{"out":{"children":"echo: hello"}}}'
  cat >"$OUT/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $OUT/nginx.pid;
error_log $OUT/nginx.error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $OUT/nginx-body;
  server {
    listen $HOST:$NGINX_PORT;
    location / { default_type application/json; return 200 '$ANSWER'; }
  }
}
CONF
  "$NGINX" -p "$OUT" -c "$OUT/nginx.conf" >"$OUT/nginx.stdout" 2>"$OUT/nginx.stderr" &
  NGINX_PID=$!; PIDS+=("$NGINX_PID")
  wait_ready nginx "$NGINX_PID" "$NGINX_PORT"
  TARGETS+=(nginx)
  PORT_OF[nginx]="$NGINX_PORT"; PID_OF[nginx]="$NGINX_PID"
else
  echo "bench: nginx not installed: its column is left out (scripts/setup.sh apt installs it)" >&2
fi

# --- correctness check before measuring --------------------------------------------------------
check() {
  local name="$1" port="$2" code body
  body="$(curl -sS -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' --data "$BODY" \
           "http://$HOST:$port$PATH_CB")" || die "$name: request failed"
  code="${body##*$'\n'}"; body="${body%$'\n'*}"
  [[ "$code" == 200 ]] || die "$name answered HTTP $code: $body"
  [[ "$body" == *'echo: hello'* ]] || die "$name answered without 'echo: hello': $body"
  echo "$name: HTTP 200 $body"
}
for target in "${TARGETS[@]}"; do check "$target" "${PORT_OF[$target]}"; done

# --- measure -----------------------------------------------------------------------------------
run_wrk() {
  local name="$1" port="$2" pid="$3" before after
  if [[ "$WARMUP" != 0 ]]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/post.lua "http://$HOST:$port$PATH_CB" >/dev/null
  fi
  echo
  echo "== $name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/post.lua http://$HOST:$port$PATH_CB"
  before="$(cpu_ticks "$pid")"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/post.lua \
    "http://$HOST:$port$PATH_CB" | tee "$OUT/$name.wrk"
  after="$(cpu_ticks "$pid")"
  echo "$((after - before))" >"$OUT/$name.ticks"
}
# A server that is gone after its run: say how it ended. dash-host exits 0 on SIGTERM/SIGINT, so
# status 0 means something else on the machine stopped it (e.g. a `pkill dash-host`).
assert_alive() {
  local name="$1" pid="$2" status=0
  kill -0 "$pid" 2>/dev/null && return 0
  wait "$pid" || status=$?
  if (( status > 128 )); then
    echo "bench: $name died during its run: signal $((status - 128)) ($(kill -l $((status - 128))))" >&2
  elif (( status == 0 )); then
    echo "bench: $name exited with status 0 during its run: it was stopped (SIGTERM/SIGINT) from outside" >&2
  else
    echo "bench: $name died during its run: exit status $status" >&2
  fi
  tail -n 20 "$OUT/$name.stderr" >&2
  exit 1
}
for target in "${TARGETS[@]}"; do
  run_wrk "$target" "${PORT_OF[$target]}" "${PID_OF[$target]}"
  assert_alive "$target" "${PID_OF[$target]}"
done

# --- summary -----------------------------------------------------------------------------------
rps() { awk '/^Requests\/sec:/ {print $2}' "$OUT/$1.wrk"; }
# p99 from the --latency distribution, converted to milliseconds.
p99_ms() {
  awk '$1 == "99%" {
         v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
         f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
         if (f < 0) { print "?"; exit } printf "%.2f\n", v * f; exit }' "$OUT/$1.wrk"
}
# Requests that were not 2xx/3xx, plus socket errors (connect/read/write/timeout).
bad() {
  awk '/Non-2xx or 3xx responses:/ {n += $NF}
       /Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10}
       END {print n + 0}' "$OUT/$1.wrk"
}

# Server CPU per request (µs): ticks over the run / requests wrk completed.
cpu_us() {
  awk -v ticks="$(cat "$OUT/$1.ticks")" -v hz="$(getconf CLK_TCK)" \
    '/requests in/ {printf "%.1f\n", ticks / hz * 1e6 / $1; exit}' "$OUT/$1.wrk"
}

DASH_RPS="$(rps dash-host)"; BARE_RPS="$(rps bare-poco)"
[[ -n "$DASH_RPS" && -n "$BARE_RPS" ]] || die "could not parse wrk output (see $OUT)"
echo
echo "== summary (wrk -t$THREADS -c$CONNECTIONS -d$DURATION, loopback, $(nproc) CPUs shared by servers and wrk)"
printf '%-12s %12s %12s %14s %10s\n' target "req/s" "p99 (ms)" "CPU us/req" "errors"
for target in "${TARGETS[@]}"; do
  printf '%-12s %12s %12s %14s %10s\n' "$target" "$(rps "$target")" "$(p99_ms "$target")" "$(cpu_us "$target")" \
    "$(bad "$target")"
done
awk -v a="$DASH_RPS" -v b="$BARE_RPS" 'BEGIN {printf "ratio dash-host/bare (req/s): %.3f\n", a / b}'

if [[ -s "$OUT/dash-host.stderr" ]]; then
  echo
  echo "dash-host wrote to stderr during the run (warn level or above):"
  tail -n 20 "$OUT/dash-host.stderr"
fi
if [[ "$(bad dash-host)" != 0 ]]; then
  echo "bench: dash-host had non-2xx responses or socket errors" >&2
  exit 1
fi
