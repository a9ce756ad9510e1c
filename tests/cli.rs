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

/// All files of `dir` (recursively) with their contents, by relative path.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.push((rel, fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn a_write_failing_half_way_puts_every_file_back() {
    // A MoonBit module of world `one`, then world `two` into the same directory, where the
    // last file of `two` (`world/world.mbt`) cannot be written: files before it were already
    // moved into place, and must be put back.
    let out_dir = scratch("half-way");
    let wit = case("two-worlds.wit");
    let out = witbind(&[
        "generate",
        &wit,
        "--lang",
        "moonbit",
        "--world",
        "one",
        "--out-dir",
        path_str(&out_dir),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    fs::remove_file(out_dir.join("world/world.mbt")).unwrap();
    fs::create_dir_all(out_dir.join("world/world.mbt/blocked")).unwrap();
    let before = tree(&out_dir);

    let out = witbind(&[
        "generate",
        &wit,
        "--lang",
        "moonbit",
        "--world",
        "two",
        "--out-dir",
        path_str(&out_dir),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("world.mbt"), "{err}");
    let after = tree(&out_dir);
    let changed: Vec<&String> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(b, _)| &b.0)
        .collect();
    assert_eq!(
        before.len(),
        after.len(),
        "files added or removed: {:?}",
        after.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(
        changed.is_empty(),
        "files changed by the failed run: {changed:?}"
    );
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
fn moonbit_writes_a_module() {
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
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out_dir.join("moon.mod.json").is_file());
    assert!(out_dir.join("ffi/moon.pkg.json").is_file());
}

#[test]
fn moonbit_writes_the_impl_skeleton_once() {
    let out_dir = scratch("moonbit-skeleton");
    let run = |extra: &[&str]| {
        let mut args = vec!["generate", "tests/cli/async-world.wit", "--lang", "moonbit"];
        args.extend(["--out-dir", out_dir.to_str().unwrap()]);
        args.extend(extra);
        witbind(&args)
    };
    // No `impl/` yet: one function per export with its exact signature, failing until written.
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let skeleton = out_dir.join("impl/impl.mbt");
    let text = fs::read_to_string(&skeleton).unwrap();
    assert!(
        text.contains("pub async fn fetch(group : @rt.TaskGroup, url : String) -> String {"),
        "{text}"
    );
    assert!(
        text.contains("abort(\"`fetch` is not implemented yet\")"),
        "{text}"
    );
    let manifest = fs::read_to_string(out_dir.join("impl/moon.pkg.json")).unwrap();
    assert!(manifest.contains("\"alias\": \"rt\""), "{manifest}");
    // It is the user's code from then on: never overwritten, and not what `--check` compares.
    let mine = "pub async fn fetch(group : @rt.TaskGroup, url : String) -> String { url }\n";
    fs::write(&skeleton, mine).unwrap();
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&skeleton).unwrap(), mine);
    let out = run(&["--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // `--no-skeleton` writes the bindings alone.
    fs::remove_dir_all(out_dir.join("impl")).unwrap();
    let out = run(&["--no-skeleton"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out_dir.join("link/link.mbt").is_file());
    assert!(!out_dir.join("impl").exists());
}

#[test]
fn moonbit_async_writes_the_runtime_package() {
    let out_dir = scratch("moonbit-async");
    let out = witbind(&[
        "generate",
        &case("async-world.wit"),
        "--lang",
        "moonbit",
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The async runtime ships with the module, and the export glue runs the user's `async fn`
    // as a task with its callback export.
    assert!(out_dir.join("rt/rt.mbt").is_file());
    let link = fs::read_to_string(out_dir.join("link/link.mbt")).unwrap();
    assert!(link.contains("@rt.start_task("), "{link}");
    assert!(link.contains("@impl.fetch(wb__group,"), "{link}");
    let pkg = fs::read_to_string(out_dir.join("link/moon.pkg.json")).unwrap();
    assert!(pkg.contains(":[callback][async-lift]fetch\""), "{pkg}");
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

// Every error the command line can print, one test each (diagnostics completeness). Inputs that
// are binary or need a directory layout are written into the test's scratch directory.

/// Writes `files` (path relative to the directory → contents) into a fresh scratch directory.
fn fixture(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = scratch(&format!("fixture-{name}"));
    for (path, contents) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
    dir
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 scratch path")
}

const WORLD_A: &[u8] = b"package good:a;\n\nworld w {\n  import f: func();\n}\n";
const WORLD_B: &[u8] = b"package good:b;\n\nworld w {\n  import g: func();\n}\n";

/// `.wit` files given one by one resolve by their dependencies, not by name: here the world's
/// file sorts before the package it uses, which spans two files, one of which sorts after it.
#[test]
fn wit_files_in_any_order_resolve_by_their_dependencies() {
    let dir = fixture(
        "any-order",
        &[
            (
                "a-app.wit",
                b"package good:app;\n\nworld w {\n  import good:lib/api;\n  import good:lib/more;\n}\n",
            ),
            (
                "b-lib.wit",
                b"package good:lib;\n\ninterface api {\n  use types.{size};\n  f: func() -> size;\n}\n",
            ),
            (
                "c-lib-types.wit",
                b"package good:lib;\n\ninterface types {\n  type size = u64;\n}\n\ninterface more {\n  g: func();\n}\n",
            ),
        ],
    );
    let files = ["c-lib-types.wit", "a-app.wit", "b-lib.wit"].map(|f| dir.join(f));
    let mut outputs = Vec::new();
    for order in [[0, 1, 2], [1, 2, 0], [2, 0, 1]] {
        let out_dir = scratch(&format!("any-order-{}", order[0]));
        let mut args = vec!["generate"];
        args.extend(order.map(|i| path_str(&files[i])));
        args.extend(["--lang", "rust", "--world", "good:app/w", "--out-dir"]);
        args.push(path_str(&out_dir));
        let out = witbind(&args);
        assert!(out.status.success(), "order {order:?}: {}", stderr(&out));
        let rust = fs::read_to_string(out_dir.join("w.rs")).unwrap();
        assert!(rust.contains("pub fn f() -> Size"), "{rust}");
        assert!(rust.contains("pub fn g()"), "{rust}");
        outputs.push(rust);
    }
    assert!(
        outputs.windows(2).all(|w| w[0] == w[1]),
        "the order changed the output"
    );
}

/// Packages given as files that use each other in a circle are reported, with no output.
#[test]
fn wit_files_using_each_other_in_a_circle_are_reported() {
    let dir = fixture(
        "cycle",
        &[
            ("x.wit", b"package good:x;\n\ninterface a {\n  use good:y/b.{t};\n}\n\nworld w {\n  import a;\n}\n"),
            ("y.wit", b"package good:y;\n\ninterface b {\n  use good:x/a.{};\n  type t = u32;\n}\n"),
        ],
    );
    let out_dir = scratch("cycle");
    let out = witbind(&[
        "generate",
        path_str(&dir.join("x.wit")),
        path_str(&dir.join("y.wit")),
        "--lang",
        "rust",
        "--out-dir",
        path_str(&out_dir),
    ]);
    assert_user_error(&out, &["cycle", "x.wit"], &out_dir);
}

#[test]
fn a_package_without_worlds_is_reported() {
    let dir = fixture(
        "no-world",
        &[(
            "no-world.wit",
            b"package good:none;\n\ninterface api {\n  f: func();\n}\n",
        )],
    );
    let input = dir.join("no-world.wit");
    let out_dir = scratch("no-world");
    let out = generate(path_str(&input), &out_dir, &[]);
    assert_user_error(&out, &["the input defines no world"], &out_dir);
    let out = generate(path_str(&input), &out_dir, &["--world", "x"]);
    assert_user_error(
        &out,
        &["unknown world `x`", "the input defines no world"],
        &out_dir,
    );
}

#[test]
fn a_world_name_found_in_two_packages_is_ambiguous() {
    let dir = fixture("ambiguous", &[("a.wit", WORLD_A), ("b.wit", WORLD_B)]);
    let (a, b) = (dir.join("a.wit"), dir.join("b.wit"));
    let out_dir = scratch("ambiguous");
    let out = witbind(&[
        "generate",
        path_str(&a),
        path_str(&b),
        "--lang",
        "rust",
        "--world",
        "w",
        "--out-dir",
        path_str(&out_dir),
    ]);
    // Both candidates are named, so the user can pick one by id.
    assert_user_error(&out, &["`w`", "good:a/w", "good:b/w"], &out_dir);
    let out = witbind(&[
        "generate",
        path_str(&a),
        path_str(&b),
        "--lang",
        "rust",
        "--world",
        "good:b/w",
        "--out-dir",
        path_str(&out_dir),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(out_dir.join("w.rs")).unwrap();
    assert!(text.contains("pub fn g()"), "{text}");
}

#[test]
fn a_package_at_two_versions_needs_the_version() {
    let dir = fixture(
        "versions",
        &[
            ("v1.wit", b"package good:v@1.0.0;\n\nworld w {}\n"),
            ("v2.wit", b"package good:v@2.0.0;\n\nworld w {}\n"),
        ],
    );
    let (v1, v2) = (dir.join("v1.wit"), dir.join("v2.wit"));
    let out_dir = scratch("versions");
    let run = |world: &str| {
        witbind(&[
            "generate",
            path_str(&v1),
            path_str(&v2),
            "--lang",
            "rust",
            "--world",
            world,
            "--out-dir",
            path_str(&out_dir),
        ])
    };
    assert_user_error(
        &run("good:v/w"),
        &[
            "`good:v`",
            "both versions 1.0.0 and 2.0.0",
            "good:v/w@1.0.0",
            "good:v/w@2.0.0",
        ],
        &out_dir,
    );
    let out = run("good:v/w@2.0.0");
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn malformed_or_unknown_world_ids_are_reported() {
    let dir = fixture("world-ids", &[("a.wit", WORLD_A)]);
    let input = dir.join("a.wit");
    let out_dir = scratch("world-ids");
    let out = generate(path_str(&input), &out_dir, &["--world", "good:a/w/x"]);
    assert_user_error(
        &out,
        &[
            "`good:a/w/x`",
            "failed to parse world specifier",
            "good:a/w",
        ],
        &out_dir,
    );
    let out = generate(path_str(&input), &out_dir, &["--world", "nope:pkg/w"]);
    assert_user_error(
        &out,
        &["unknown package `nope:pkg`", "available worlds: good:a/w"],
        &out_dir,
    );
}

#[test]
fn a_directory_without_wit_files_is_reported() {
    let dir = fixture("no-wit", &[("empty/README.txt", b"no WIT here\n")]);
    let input = dir.join("empty");
    let out_dir = scratch("no-wit");
    let out = generate(path_str(&input), &out_dir, &[]);
    assert_user_error(&out, &["no `package` header", "empty"], &out_dir);
}

#[test]
fn a_missing_dependency_points_at_its_use() {
    let dir = fixture(
        "missing-dep",
        &[(
            "missing-dep.wit",
            b"package good:main;\n\nworld w {\n  import good:dep/api;\n}\n",
        )],
    );
    let out_dir = scratch("missing-dep");
    let out = generate(path_str(&dir.join("missing-dep.wit")), &out_dir, &[]);
    assert_user_error(
        &out,
        &[
            "package 'good:dep' not found",
            "missing-dep.wit:4:10",
            "import good:dep/api;",
            "^",
        ],
        &out_dir,
    );
}

#[test]
fn a_syntax_error_in_deps_points_into_the_dependency() {
    let dir = fixture(
        "deps-syntax",
        &[
            (
                "wit/main.wit",
                b"package good:main;\n\nworld w {\n  import good:dep/api;\n}\n",
            ),
            (
                "wit/deps/dep.wit",
                b"package good:dep;\n\ninterface api {\n  f: func(x: u32 -> u32;\n}\n",
            ),
        ],
    );
    let out_dir = scratch("deps-syntax");
    let out = generate(path_str(&dir.join("wit")), &out_dir, &[]);
    assert_user_error(
        &out,
        &[
            "expected ')'",
            "dep.wit:4:18",
            "f: func(x: u32 -> u32;",
            "^",
        ],
        &out_dir,
    );
}

#[test]
fn a_wit_file_that_is_not_utf8_is_reported() {
    let dir = fixture(
        "latin1",
        &[("latin1.wit", b"package good:u;\n// caf\xe9\nworld w {}\n")],
    );
    let out_dir = scratch("latin1");
    let out = generate(path_str(&dir.join("latin1.wit")), &out_dir, &[]);
    assert_user_error(&out, &["not valid utf-8", "latin1.wit"], &out_dir);
}

#[test]
fn a_core_wasm_module_is_not_taken_for_a_wit_package() {
    // A core module (version 1) is not a component, so it is read as WIT text and fails there;
    // the error still names the file.
    let dir = fixture("core-module", &[("core.wasm", b"\0asm\x01\0\0\0")]);
    let out_dir = scratch("core-module");
    let out = generate(path_str(&dir.join("core.wasm")), &out_dir, &[]);
    assert_user_error(&out, &["core.wasm"], &out_dir);
}

#[test]
fn a_component_is_not_a_wit_package() {
    // An empty component: valid wasm, but not an encoded WIT package.
    let dir = fixture("component", &[("app.wasm", b"\0asm\x0d\0\x01\0")]);
    let out_dir = scratch("component");
    let out = generate(path_str(&dir.join("app.wasm")), &out_dir, &[]);
    assert_user_error(
        &out,
        &["found an actual component instead of an encoded WIT package"],
        &out_dir,
    );
    let err = stderr(&out);
    assert!(
        err.contains("app.wasm"),
        "the error for a wasm input names the file, so with several inputs the user can tell \
         which one is meant:\n{err}"
    );
}

#[test]
fn a_corrupt_wasm_package_names_the_file() {
    // A component header followed by a truncated section.
    let dir = fixture(
        "corrupt-wasm",
        &[("broken.wasm", b"\0asm\x0d\0\x01\0\x07\x05garb")],
    );
    let out_dir = scratch("corrupt-wasm");
    let out = generate(path_str(&dir.join("broken.wasm")), &out_dir, &[]);
    assert_user_error(&out, &["unexpected end-of-file"], &out_dir);
    let err = stderr(&out);
    assert!(
        err.contains("broken.wasm"),
        "a wasm input that does not decode is reported with its file name:\n{err}"
    );
}

#[test]
fn an_output_path_taken_by_a_directory_is_a_user_error() {
    let dir = fixture("collision", &[("a.wit", WORLD_A)]);
    let out_dir = scratch("collision");
    fs::create_dir_all(out_dir.join("w.rs")).unwrap();
    let out = generate(path_str(&dir.join("a.wit")), &out_dir, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit code; stderr:\n{err}");
    assert!(!err.contains("panicked"), "panicked:\n{err}");
    assert!(err.starts_with("error: cannot write `"), "{err}");
    assert!(err.contains("w.rs"), "{err}");
    let left: Vec<_> = fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left, ["w.rs"], "no staging directory is left behind");
    assert!(out_dir.join("w.rs").is_dir(), "the directory is untouched");
}

/// A case directory under `root`: `test.wit` with a `greet` export the runner checks, the
/// test component answering `answer`, and `directives` at the top of `test.wit`.
fn write_runtime_case(root: &Path, name: &str, directives: &str, answer: &str) {
    let dir = root.join(name);
    fs::create_dir_all(&dir).unwrap();
    let wit = format!(
        "{directives}package cli:{name};\n\n\
         interface api {{\n  greet: func(name: string) -> string;\n}}\n\n\
         world test {{\n  export api;\n}}\n\n\
         world runner {{\n  import api;\n  export run: func();\n}}\n"
    );
    fs::write(dir.join("test.wit"), wit).unwrap();
    let module = name.replace('-', "_");
    fs::write(
        dir.join("test.rs"),
        format!(
            "struct C;\n\
             impl bindings::exports::cli::{module}::api::Guest for C {{\n\
             \x20   fn greet(name: String) -> String {{ format!(\"{answer}, {{name}}\") }}\n\
             }}\n\
             bindings::export!(C with_types_in bindings);\n"
        ),
    )
    .unwrap();
    fs::write(
        dir.join("runner.rs"),
        format!(
            "struct R;\n\
             impl bindings::Guest for R {{\n\
             \x20   fn run() {{ assert_eq!(bindings::cli::{module}::api::greet(\"x\"), \"hello, x\"); }}\n\
             }}\n\
             bindings::export!(R with_types_in bindings);\n"
        ),
    )
    .unwrap();
}

#[test]
fn test_command_reports_each_trial_and_fails_on_a_failing_one() {
    let root = scratch("test-command");
    write_runtime_case(&root, "passes", "", "hello");
    write_runtime_case(&root, "fails", "", "goodbye");
    // Outside the scratch directory, so that warm runs reuse the guest builds.
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-test-artifacts");
    let _ = fs::remove_dir_all(artifacts.join("composed"));
    let cases = root.display().to_string();
    let out = witbind(&[
        "test",
        &cases,
        "--artifacts",
        &artifacts.display().to_string(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "stdout:\n{stdout}\nstderr:\n{}",
        stderr(&out)
    );
    assert!(
        stdout.contains("test passes | runner.rs | test.rs ... ok"),
        "{stdout}"
    );
    assert!(
        stdout.contains("test fails | runner.rs | test.rs ... FAILED"),
        "{stdout}"
    );
    // The report names the step and carries the guest's panic message.
    assert!(
        stdout.contains("---- fails | runner.rs | test.rs (run failed) ----"),
        "{stdout}"
    );
    assert!(stdout.contains("goodbye, x"), "{stdout}");
    assert!(
        stdout.contains("test result: FAILED. 1 passed; 1 failed; 0 skipped; 0 filtered out"),
        "{stdout}"
    );
    // What was built stays, to rerun by hand.
    assert!(artifacts
        .join("composed/fails/runner.rs+test.rs.wasm")
        .is_file());

    // The filter leaves the failing case out.
    let out = witbind(&[
        "test",
        &cases,
        "--artifacts",
        &artifacts.display().to_string(),
        "--filter",
        "^passes ",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("test result: ok. 1 passed; 0 failed; 0 skipped; 1 filtered out"),
        "{stdout}"
    );
}

#[test]
fn test_command_rejects_bad_directives_and_paths() {
    let root = scratch("test-command-errors");
    write_runtime_case(&root, "bad", "//@ dependencies = 3\n", "hello");
    let out = witbind(&["test", &root.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("test.wit: bad `//@` directives"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let out = witbind(&["test", &root.join("nowhere").display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not a directory"),
        "{}",
        stderr(&out)
    );

    let out = witbind(&["test", &root.display().to_string(), "--languages", "cobol"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown language `cobol`"));
}

/// The Rust generator options wit-bindgen users know, on the command line: a wrong `--with` is
/// a usage error naming what is wrong, and MoonBit refuses Rust-only options.
#[test]
fn rust_options_are_checked_against_the_world() {
    let wit = "tests/runtime-async/upstream-rust/with/test.wit";
    let out_dir = scratch("rust-options");
    let dir = out_dir.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["generate", wit, "--lang", "rust", "--world", "runner"];
        args.extend(["--out-dir", dir]);
        args.extend(extra);
        witbind(&args)
    };
    // One import named, the other neither named nor generated: both missing ones listed.
    let out = run(&["--with", "my:inline/foo=crate::other::foo"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("neither mapped nor generated: my:inline/bar"),
        "{}",
        stderr(&out)
    );
    // A name the world does not import.
    let out = run(&["--with", "my:inline/nope=generate", "--generate-all"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("my:inline/nope"), "{}", stderr(&out));
    assert!(
        !out_dir.join("runner.rs").exists(),
        "nothing is written on error"
    );
    // Mapped: the interface's module is an alias of the path; nothing of it is generated.
    let out = run(&[
        "--with",
        "my:inline/foo=crate::other::foo",
        "--generate-all",
        "--skip",
        "bar",
        "--additional-derive-attribute",
        "Hash,Eq",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(out_dir.join("runner.rs")).unwrap();
    assert!(text.contains("use crate::other::foo as __with;"), "{text}");
    assert!(!text.contains("pub mod foo"), "{text}");
    assert!(!text.contains("pub fn bar("), "`bar` is skipped:\n{text}");
    // `--ownership` takes one of three modes.
    let out = run(&["--ownership", "lending"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`--ownership lending`: expected `owning`, `borrowing` or"),
        "{}",
        stderr(&out)
    );
    // MoonBit has none of these options.
    let mut args = vec!["generate", wit, "--lang", "moonbit", "--world", "runner"];
    args.extend(["--out-dir", dir, "--skip", "bar"]);
    let out = witbind(&args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`skip` is an option of the Rust generator"),
        "{}",
        stderr(&out)
    );
}
