#!/usr/bin/env bash
# Brings this checkout to a built tree: system packages, pinned npm bundles, then build/ (CMake + Ninja).
#
# Usage: scripts/setup.sh [apt] [npm] [build]     (no argument: all three, in that order)
#
# Every step is skipped when there is nothing to do, so running it again is cheap. Meant for root on a
# fresh Debian 12; as another user it uses sudo for apt-get. BUILD_TYPE overrides RelWithDebInfo.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly APT_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    libpoco-dev libboost-dev libboost-test-dev libboost-filesystem-dev
    libjsoncpp-dev rapidjson-dev libspdlog-dev libfmt-dev libssl-dev zlib1g-dev libbrotli-dev libzstd-dev
    nodejs npm chromium wrk curl abigail-tools nginx-light valgrind
)
readonly BUILD_DIR=build
readonly BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}"

log() { printf 'setup: %s\n' "$*" >&2; }

as_root() {
    if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

is_installed() {
    local package=$1
    # NodeSource's nodejs package ships npm itself and conflicts with Debian's npm package.
    if [[ $package == npm ]] && command -v npm >/dev/null; then return 0; fi
    [[ $(dpkg-query -W -f='${Status}' "$package" 2>/dev/null) == "install ok installed" ]]
}

install_apt_packages() {
    local missing=() package
    for package in "${APT_PACKAGES[@]}"; do
        is_installed "$package" || missing+=("$package")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        log "apt packages: all present"
        return
    fi
    log "apt packages: installing ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
    # nginx is here for the benchmarks, which start their own on a free loopback port: the system
    # service the package starts (port 80) is stopped and kept off.
    if [[ " ${missing[*]} " == *" nginx-light "* ]]; then
        as_root systemctl disable --now nginx 2>/dev/null || as_root service nginx stop 2>/dev/null || true
    fi
}

# npm ci in $1 (the front-end bundles at the root, the generator's react-docgen in sdk/tools).
install_npm_packages_in() {
    local dir=$1
    # npm ci rewrites node_modules/.package-lock.json, so a lockfile newer than it means a changed pin.
    if [[ -f $dir/node_modules/.package-lock.json && ! $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
        log "npm packages in $dir: up to date"
        return
    fi
    log "npm packages in $dir: npm ci"
    (cd "$dir" && npm ci)
}

install_npm_packages() {
    install_npm_packages_in .
    install_npm_packages_in sdk/tools
}

build_tree() {
    if [[ ! -f $BUILD_DIR/build.ninja ]]; then
        local launcher=()
        if command -v ccache >/dev/null; then
            launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
        fi
        log "configure: $BUILD_DIR ($BUILD_TYPE)"
        cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "${launcher[@]}"
    fi
    # Ninja re-runs CMake by itself when a CMakeLists.txt changed, and does nothing when all is current.
    cmake --build "$BUILD_DIR"
}

main() {
    local steps=("$@")
    [[ ${#steps[@]} -gt 0 ]] || steps=(apt npm build)
    local step
    for step in "${steps[@]}"; do
        case $step in
            apt) install_apt_packages ;;
            npm) install_npm_packages ;;
            build) build_tree ;;
            *) log "unknown step '$step' (expected apt, npm or build)"; exit 2 ;;
        esac
    done
}

main "$@"
