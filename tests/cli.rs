//! The command line: exit codes, diagnostics, `--check`, atomic and deterministic output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn witbind(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_witbind"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run witbind")
}

fn case(name: &str) -> String {
    format!("tests/cli/{name}")
}

/// A fresh, empty scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts a user error: exit code 1, no panic, a message containing every `needle`, and nothing
/// written into `out_dir`.
fn assert_user_error(out: &Output, needles: &[&str], out_dir: &Path) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "exit code; stderr:\n{err}");
    assert!(!err.contains("panicked"), "panicked:\n{err}");
    assert!(err.starts_with("error: "), "one-line summary first:\n{err}");
    for needle in needles {
        assert!(err.contains(needle), "`{needle}` missing from:\n{err}");
    }
    let written: Vec<_> = fs::read_dir(out_dir)
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(written.is_empty(), "wrote {written:?} despite the error");
}

fn generate(input: &str, out_dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["generate", input, "--lang", "rust", "--out-dir"];
    let dir = out_dir.to_str().unwrap();
    args.push(dir);
    args.extend(extra);
    witbind(&args)
}

#[test]
fn syntax_error_points_at_file_line_col() {
    let out_dir = scratch("syntax");
    let out = generate(&case("syntax.wit"), &out_dir, &[]);
    assert_user_error(
        &out,
        &[
            "expected ')'",
            "syntax.wit:5:18",
            "f: func(x: u32 -> u32;",
            "^",
        ],
        &out_dir,
    );
}

#[test]
fn undefined_name_points_at_its_use() {
    let out_dir = scratch("undefined");
    let out = generate(&case("undefined.wit"), &out_dir, &[]);
    assert_user_error(
        &out,
        &["`nope` does not exist", "undefined.wit:5:14"],
        &out_dir,
    );
}

#[test]
fn more_than_32_flags_is_rejected() {
    let out_dir = scratch("flags");
    let out = generate(&case("too-many-flags.wit"), &out_dir, &[]);
    assert_user_error(
        &out,
        &["more than 32 flags", "too-many-flags.wit:38:5"],
        &out_dir,
    );
}

#[test]
fn several_worlds_need_a_choice_and_are_listed() {
    let out_dir = scratch("two-worlds");
    let out = generate(&case("two-worlds.wit"), &out_dir, &[]);
    assert_user_error(
        &out,
        &["several worlds", "--world", "good:two/one", "good:two/two"],
        &out_dir,
    );
}

#[test]
fn unknown_world_lists_the_available_ones() {
    let out_dir = scratch("unknown-world");
    let out = generate(&case("two-worlds.wit"), &out_dir, &["--world", "three"]);
    assert_user_error(&out, &["unknown world `three`", "good:two/one"], &out_dir);
}

#[test]
fn missing_input_is_reported() {
    let out_dir = scratch("missing");
    let out = generate(&case("does-not-exist.wit"), &out_dir, &[]);
    assert_user_error(&out, &["does-not-exist.wit", "no such file"], &out_dir);
}

#[test]
fn world_by_short_name_and_by_id() {
    for (world, dir) in [("one", "by-name"), ("good:two/one", "by-id")] {
        let out_dir = scratch(dir);
        let out = generate(&case("two-worlds.wit"), &out_dir, &["--world", world]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = fs::read_to_string(out_dir.join("one.rs")).unwrap();
        assert!(text.contains("pub fn ping(x: u32) -> u32"), "{text}");
    }
}

#[test]
fn unwritable_out_dir_is_a_user_error() {
    let dir = scratch("unwritable");
    let file = dir.join("a-file");
    fs::write(&file, "not a directory").unwrap();
    let out_dir = file.join("out");
    let out = generate(&case("two-worlds.wit"), &out_dir, &["--world", "one"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("error: cannot create output directory"),
        "{err}"
    );
    assert!(err.contains("a-file/out"), "{err}");
}

#[test]
fn failed_run_leaves_existing_output_untouched() {
    let out_dir = scratch("untouched");
    let out = generate(&case("two-worlds.wit"), &out_dir, &["--world", "one"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = fs::read_to_string(out_dir.join("one.rs")).unwrap();
    let out = generate(&case("syntax.wit"), &out_dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read_to_string(out_dir.join("one.rs")).unwrap(), before);
    let entries = fs::read_dir(&out_dir).unwrap().count();
    assert_eq!(entries, 1, "no temporary files are left behind");
}

#[test]
fn check_mode_compares_without_writing() {
    let out_dir = scratch("check");
    let args = ["--world", "one", "--check"];
    // Nothing on disk yet: out of date, and still nothing written.
    let out = generate(&case("two-worlds.wit"), &out_dir, &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("out of date"));
    assert!(!out_dir.join("one.rs").exists());
    // After generating, the check passes.
    let out = generate(&case("two-worlds.wit"), &out_dir, &["--world", "one"]);
    assert!(out.status.success());
    let out = generate(&case("two-worlds.wit"), &out_dir, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A hand edit makes it fail again, and the edit survives.
    let path = out_dir.join("one.rs");
    let edited = fs::read_to_string(&path).unwrap() + "// edit\n";
    fs::write(&path, &edited).unwrap();
    let out = generate(&case("two-worlds.wit"), &out_dir, &args);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn moonbit_is_not_available_yet_and_says_so() {
    let out_dir = scratch("moonbit");
    let out = witbind(&[
        "generate",
        &case("two-worlds.wit"),
        "--lang",
        "moonbit",
        "--world",
        "one",
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not implemented yet"));
}

#[test]
fn usage_errors_exit_2() {
    let out = witbind(&["generate", "--lang", "cobol", "x.wit"]);
    assert_eq!(out.status.code(), Some(2));
    let out = witbind(&["generate", "x.wit"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn output_is_deterministic_and_independent_of_input_order() {
    let a = scratch("order-a");
    let b = scratch("order-b");
    let (x, y) = (case("other.wit"), case("two-worlds.wit"));
    let run = |first: &str, second: &str, dir: &Path| {
        let out = witbind(&[
            "generate",
            first,
            second,
            "--lang",
            "rust",
            "--world",
            "good:two/two",
            "--out-dir",
            dir.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        fs::read(dir.join("two.rs")).unwrap()
    };
    let first = run(&x, &y, &a);
    assert_eq!(first, run(&y, &x, &b));
    assert_eq!(first, run(&x, &y, &b));
}

#[test]
fn readme_command_works_on_the_example_world() {
    let out_dir = scratch("readme");
    let out = witbind(&[
        "generate",
        "wit/",
        "--lang",
        "rust",
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out_dir.join("hello.rs").exists());
}

#[test]
fn unstable_items_need_their_feature() {
    let plain = scratch("gated-plain");
    let out = generate(&case("gated.wit"), &plain, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(plain.join("gated.rs")).unwrap();
    assert!(text.contains("pub fn stable()"), "{text}");
    assert!(!text.contains("experimental"), "{text}");

    for flags in [&["--features", "beta"][..], &["--all-features"][..]] {
        let dir = scratch(&format!("gated{}", flags.len()));
        let out = generate(&case("gated.wit"), &dir, flags);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = fs::read_to_string(dir.join("gated.rs")).unwrap();
        assert!(text.contains("pub fn experimental()"), "{flags:?}: {text}");
    }
}

#[test]
fn wasm_encoded_package_is_an_input() {
    let dir = scratch("wasm-input");
    let mut resolve = wit_parser::Resolve::new();
    let (pkg, _) = resolve
        .push_path(Path::new(env!("CARGO_MANIFEST_DIR")).join(case("two-worlds.wit")))
        .unwrap();
    let bytes = wit_component::encode(&resolve, pkg, false).unwrap();
    let wasm = dir.join("two-worlds.wasm");
    fs::write(&wasm, bytes).unwrap();
    let from_wasm = scratch("wasm-input-out");
    let out = generate(wasm.to_str().unwrap(), &from_wasm, &["--world", "one"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let from_text = scratch("wasm-input-text");
    let out = generate(&case("two-worlds.wit"), &from_text, &["--world", "one"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(from_wasm.join("one.rs")).unwrap(),
        fs::read_to_string(from_text.join("one.rs")).unwrap(),
        "a package generates the same bindings from text and from wasm"
    );
}
