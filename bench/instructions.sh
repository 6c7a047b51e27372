#!/usr/bin/env bash
# bench/instructions.sh: a benchmark, not a test. Counts the user-space instructions and the
# malloc calls dash-host spends on one small callback (the hello app's POST, as in bench/run.sh),
# under valgrind's callgrind: the same count on every run, whatever else the machine does, so a
# change to the request path can be compared in one sitting without the noise of timing on a VM.
# The kernel's share (the socket calls) is not counted: CPU time per request (bench/run.sh) stays
# the measure of record; this one says where user-space work went up or down.
#
#   bench/instructions.sh [DASH_HOST ...]   each binary in turn (default: build/bin/dash-host),
#                                           e.g. an older build's copy against the current one
#
# Environment: BENCH_REQUESTS=3000 (counted requests, after 300 not counted), BENCH_CONFIG (default
# apps/examples/hello/dash.json), BENCH_BODY_FILE (another request body, e.g. the figure or store of
# bench/payloads/make_bodies.py with BENCH_CONFIG=bench/payloads/dash.json) and BENCH_EXPECT (text its
# answer must hold), BENCH_OUT=DIR to keep the callgrind files.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source bench/lib.sh

require valgrind valgrind
require callgrind_control valgrind
require python3 python3
require curl curl

REQUESTS="${BENCH_REQUESTS:-3000}"
CONFIG="${BENCH_CONFIG:-apps/examples/hello/dash.json}"
BODY_FILE="${BENCH_BODY_FILE:-}"
EXPECT="${BENCH_EXPECT:-echo: hello}"
BODY='{"output":"out.children","outputs":{"id":"out","property":"children"},"inputs":[{"id":"in","property":"value","value":"hello"}],"changedPropIds":["in.value"],"parsedChangedPropsIds":["in.value"]}'
(( $# > 0 )) || set -- build/bin/dash-host

if [[ -n "${BENCH_OUT:-}" ]]; then
  OUT="$BENCH_OUT"; mkdir -p "$OUT"
else
  OUT="$(mktemp -d "${TMPDIR:-/tmp}/dashcpp-instructions.XXXXXX")"
fi
PID=
cleanup() {
  [[ -n "$PID" ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  [[ -n "${BENCH_OUT:-}" ]] || rm -rf "$OUT"
}
trap cleanup EXIT

# COUNT requests on one keep-alive connection, each checked for its answer.
send() {
  python3 - "$1" "$2" "$BODY" "$BODY_FILE" "$EXPECT" <<'PY'
import http.client, sys
port, count, body = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode()
if sys.argv[4]:
    body = open(sys.argv[4], "rb").read()
expect = sys.argv[5].encode()
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
for _ in range(count):
    connection.request("POST", "/_dash-update-component", body, {"Content-Type": "application/json"})
    answer = connection.getresponse()
    data = answer.read()
    if answer.status != 200 or expect not in data:
        sys.exit(f"bench: unexpected answer {answer.status}: {data[:200]!r}")
PY
}

# Instructions (Ir) and calls to malloc in a callgrind output file.
totals() {
  python3 - "$1" <<'PY'
import re, sys
names, current_cfn, instructions, mallocs = {}, None, 0, 0
for line in open(sys.argv[1], errors="replace"):
    match = re.match(r"(c?fn)=\((\d+)\)(?: (.*))?", line)
    if match:
        if match.group(3): names[match.group(2)] = match.group(3).strip()
        if match.group(1) == "cfn": current_cfn = names.get(match.group(2))
        continue
    if line.startswith("calls=") and current_cfn == "malloc":
        mallocs += int(line.split("=", 1)[1].split()[0])
    match = re.match(r"summary: (\d+)", line) or re.match(r"totals: (\d+)", line)
    if match: instructions = max(instructions, int(match.group(1)))
print(instructions, mallocs)
PY
}

printf '%-40s %14s %14s\n' "dash-host" "instructions" "mallocs"
for host in "$@"; do
  [[ -x "$host" ]] || die "$host is not an executable"
  port="$(free_port)"
  file="$OUT/callgrind.$(basename "$(dirname "$(dirname "$host")")").$port"
  DASH_LOG_LEVEL=warn valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$file" \
    "$host" --config "$CONFIG" --host 127.0.0.1 --port "$port" >"$OUT/host.$port.log" 2>&1 &
  PID=$!
  wait_for_http dash-host "$PID" "http://127.0.0.1:$port/"
  send "$port" 300  # warm: caches, first-time allocations
  callgrind_control -i on "$PID" >/dev/null 2>&1
  send "$port" "$REQUESTS"
  callgrind_control -i off "$PID" >/dev/null 2>&1
  kill "$PID"; wait "$PID" 2>/dev/null || true
  PID=
  read -r instructions mallocs < <(totals "$file")
  (( instructions > 0 )) || die "no counts in $file (see $OUT/host.$port.log)"
  printf '%-40s %14s %14s\n' "$host" "$((instructions / REQUESTS))" \
    "$(python3 -c "print(round($mallocs / $REQUESTS, 1))")"
done
echo "(per request: user-space instructions and malloc calls of every thread of the host, callgrind)"
