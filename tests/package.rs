//! The three crates package for crates.io: `cargo package` (without the build check, offline:
//! the dependencies are those of the lockfile, already fetched) succeeds for `witbind`,
//! `witbind-macro` and `witbind-rt` together, and each archive holds what the crate reads at
//! build time, its README and LICENSE, and no test data.

use std::path::Path;
use std::process::Command;

const CRATES: [&str; 3] = ["witbind", "witbind-macro", "witbind-rt"];

fn cargo_package(args: &[&str]) -> String {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("package");
    let out = Command::new(env!("CARGO"))
        .args(["package", "--offline", "--allow-dirty"])
        .args(args)
        .env("CARGO_TARGET_DIR", &target)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo package");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "cargo package {}:\n{stderr}",
        args.join(" ")
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_crates_package_with_what_they_need() {
    let mut all = vec!["--no-verify"];
    for krate in CRATES {
        all.extend(["-p", krate]);
    }
    cargo_package(&all);
    let expected: [(&str, &[&str]); 3] = [
        (
            "witbind",
            &[
                "src/lib.rs",
                "build.rs",
                "src/gen/moonbit/rt.mbt",
                "src/gen/moonbit/ffi.mbt",
                "tools/moonbit/moonbit.js",
                "tools/moonbit/package-lock.json",
                "rust-toolchain.toml",
                "README.md",
                "LICENSE",
            ],
        ),
        ("witbind-macro", &["src/lib.rs", "README.md", "LICENSE"]),
        ("witbind-rt", &["src/lib.rs", "README.md", "LICENSE"]),
    ];
    for (krate, files) in expected {
        let listed = cargo_package(&["--list", "-p", krate]);
        let listed: Vec<&str> = listed.lines().collect();
        for file in files {
            assert!(
                listed.contains(file),
                "{krate}: `{file}` missing from the package:\n{listed:?}"
            );
        }
        if krate == "witbind" {
            let test_data = |f: &&str| {
                ["tests/", "benches/", "examples/"]
                    .iter()
                    .any(|d| f.starts_with(d))
            };
            assert!(
                !listed.iter().any(test_data),
                "witbind: tests, benches or examples in the package:\n{listed:?}"
            );
        }
    }
}
