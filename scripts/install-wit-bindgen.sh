#!/bin/sh
# Installs the `wit-bindgen` CLI that `cargo bench` compares witbind with (benches/perf).
#
# The version is pinned so that figures stay comparable between runs; 0.63.0 builds with the
# toolchain of rust-toolchain.toml (it needs rustc >= 1.88). Only the Rust (with async support)
# and MoonBit generators are built, the two languages witbind is compared on. Override with
# WIT_BINDGEN_VERSION=x.y.z; the binary goes to cargo's bin directory (~/.cargo/bin), where the
# bench also looks when it is not on PATH.
set -eu

version="${WIT_BINDGEN_VERSION:-0.63.0}"

if command -v wit-bindgen >/dev/null 2>&1 &&
    wit-bindgen --version 2>/dev/null | grep -q " $version\$" &&
    wit-bindgen moonbit --help >/dev/null 2>&1; then
    echo "wit-bindgen $version is already installed: $(command -v wit-bindgen)"
    exit 0
fi

exec cargo install wit-bindgen-cli --version "$version" --locked \
    --no-default-features --features rust,async,moonbit
