//! The Rust toolchain guests are built with, and its `wasm32-wasip2` target.
//!
//! Guests are built in a scratch workspace outside any checkout, where no `rust-toolchain.toml`
//! is seen. They get the toolchain witbind itself pins (its `rust-toolchain.toml`, read at
//! compile time) through `RUSTUP_TOOLCHAIN`, unless the caller set that variable.

use std::process::Command;
use std::sync::OnceLock;

use crate::Error;

/// The target every Rust guest is built for.
pub const WASM_TARGET: &str = "wasm32-wasip2";

const PINNED: &str = include_str!("../../rust-toolchain.toml");

/// The toolchain guests are built with: `$RUSTUP_TOOLCHAIN`, or the `channel` of witbind's
/// `rust-toolchain.toml` (e.g. `1.95.0`).
pub fn toolchain_channel() -> &'static str {
    static CHANNEL: OnceLock<String> = OnceLock::new();
    CHANNEL.get_or_init(|| {
        std::env::var("RUSTUP_TOOLCHAIN")
            .ok()
            .filter(|s| !s.is_empty())
            .or_else(|| parse_channel(PINNED))
            .unwrap_or_else(|| "stable".to_string())
    })
}

/// Finds `channel = "…"` in a `rust-toolchain.toml` without a TOML parser's strictness about
/// the rest of the file.
fn parse_channel(toml: &str) -> Option<String> {
    toml.lines().find_map(|line| {
        let value = line.trim().strip_prefix("channel")?.trim_start();
        let value = value.strip_prefix('=')?.trim();
        Some(value.trim_matches(|c| c == '"' || c == '\'').to_string())
    })
}

/// Makes sure `wasm32-wasip2` is installed for the toolchain, adding it with rustup when it is
/// missing. Checked once per process; the error says how to install it by hand.
pub fn ensure_wasm_target() -> Result<(), Error> {
    static DONE: OnceLock<Result<(), Error>> = OnceLock::new();
    DONE.get_or_init(|| {
        let channel = toolchain_channel();
        if target_installed(channel)? {
            Ok(())
        } else {
            add_target(channel)
        }
    })
    .clone()
}

fn install_hint(channel: &str) -> String {
    format!(
        "install it with `rustup target add {WASM_TARGET} --toolchain {channel}` \
         (rustup: https://rustup.rs)"
    )
}

fn target_installed(channel: &str) -> Result<bool, Error> {
    let output = Command::new("rustup")
        .args(["target", "list", "--installed", "--toolchain", channel])
        .output()
        .map_err(|e| {
            Error::io(format!(
                "cannot run rustup ({e}); Rust guests need the `{WASM_TARGET}` target for \
                 toolchain {channel}: {}",
                install_hint(channel)
            ))
        })?;
    if !output.status.success() {
        return Err(Error::io(format!(
            "`rustup target list --installed --toolchain {channel}` failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stderr),
            install_hint(channel)
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .any(|line| line.trim() == WASM_TARGET))
}

fn add_target(channel: &str) -> Result<(), Error> {
    eprintln!("installing the {WASM_TARGET} target for toolchain {channel} with rustup");
    let output = Command::new("rustup")
        .args(["target", "add", WASM_TARGET, "--toolchain", channel])
        .output()
        .map_err(|e| {
            Error::io(format!(
                "cannot run rustup ({e}): {}",
                install_hint(channel)
            ))
        })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(Error::io(format!(
            "`rustup target add {WASM_TARGET} --toolchain {channel}` failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stderr),
            install_hint(channel)
        )))
    }
}
