//! The toolchain pinned in `rust-toolchain.toml`, and the `wasm32-wasip2` target for it.

use std::process::Command;
use std::sync::OnceLock;

/// The target every guest is built for.
pub const WASM_TARGET: &str = "wasm32-wasip2";

/// The `channel` of `rust-toolchain.toml` (e.g. `1.95.0`).
///
/// Guests are built in a scratch directory outside the repository, where the toolchain file is
/// not seen; child cargo processes get this channel through `RUSTUP_TOOLCHAIN` instead.
pub fn toolchain_channel() -> &'static str {
    static CHANNEL: OnceLock<String> = OnceLock::new();
    CHANNEL.get_or_init(|| {
        let path = super::repo_path("rust-toolchain.toml");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", path.display()));
        parse_channel(&text)
            .unwrap_or_else(|| panic!("no `channel = \"…\"` in `{}`", path.display()))
    })
}

/// Finds `channel = "…"` in a `rust-toolchain.toml` without pulling in a TOML parser.
fn parse_channel(toml: &str) -> Option<String> {
    toml.lines().find_map(|line| {
        let value = line.trim().strip_prefix("channel")?.trim_start();
        let value = value.strip_prefix('=')?.trim();
        Some(value.trim_matches(|c| c == '"' || c == '\'').to_string())
    })
}

/// Makes sure `wasm32-wasip2` is installed for the pinned toolchain, installing it with rustup
/// when it is missing. Runs once per process; panics with instructions when it cannot.
pub fn ensure_wasm_target() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let channel = toolchain_channel();
        if !target_installed(channel) {
            add_target(channel);
        }
    });
}

fn install_hint(channel: &str) -> String {
    format!(
        "install it with `rustup target add {WASM_TARGET} --toolchain {channel}` \
         (rustup: https://rustup.rs), or run `rustup toolchain install` in the repository"
    )
}

fn target_installed(channel: &str) -> bool {
    let output = Command::new("rustup")
        .args(["target", "list", "--installed", "--toolchain", channel])
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run rustup ({e}); the tests need the `{WASM_TARGET}` target for \
                 toolchain {channel}: {}",
                install_hint(channel)
            )
        });
    if !output.status.success() {
        panic!(
            "`rustup target list --installed --toolchain {channel}` failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stderr),
            install_hint(channel)
        );
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .any(|line| line.trim() == WASM_TARGET)
}

fn add_target(channel: &str) {
    eprintln!("installing the {WASM_TARGET} target for toolchain {channel} with rustup");
    let output = Command::new("rustup")
        .args(["target", "add", WASM_TARGET, "--toolchain", channel])
        .output()
        .unwrap_or_else(|e| panic!("cannot run rustup ({e}): {}", install_hint(channel)));
    if !output.status.success() {
        panic!(
            "`rustup target add {WASM_TARGET} --toolchain {channel}` failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stderr),
            install_hint(channel)
        );
    }
}
