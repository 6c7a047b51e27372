# bench/lib.sh: what the benchmark scripts share (sourced, not run).

die() { echo "bench: $*" >&2; exit 1; }

# require TOOL PACKAGE: stops with the apt-get line to run when TOOL is missing.
require() { command -v "$1" >/dev/null 2>&1 || die "$1 not found; install it with: apt-get install $2"; }

# utime + stime of a process, in clock ticks (CPU per request = ticks over a run / requests).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
