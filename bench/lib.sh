# bench/lib.sh: what the benchmark scripts share (sourced, not run).

die() { echo "bench: $*" >&2; exit 1; }

# require TOOL PACKAGE: stops with the apt-get line to run when TOOL is missing.
require() { command -v "$1" >/dev/null 2>&1 || die "$1 not found; install it with: apt-get install $2"; }

# utime + stime of a process, in clock ticks (CPU per request = ticks over a run / requests).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# A loopback port the kernel has just handed out (the server binds it a moment later).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# kib PID KEY: a /proc/PID/status value in KiB (VmRSS, VmHWM) or a count (Threads).
kib() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status"; }

# wait_for_http NAME PID URL [CURL ARGS...]: until URL answers (any HTTP status), the process PID
# exits (an error), or 20 s pass (an error).
wait_for_http() {
  local name="$1" pid="$2" url="$3" deadline=$((SECONDS + 20))
  shift 3
  until curl -s -o /dev/null --max-time 1 "$@" "$url"; do
    kill -0 "$pid" 2>/dev/null || die "$name exited during start-up"
    (( SECONDS < deadline )) || die "$name did not answer $url within 20 s"
    sleep 0.1
  done
}
