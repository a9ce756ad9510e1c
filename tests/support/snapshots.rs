//! Snapshot files: comparing generated output with a file in the repository, or rewriting the
//! file when blessing (`WITBIND_BLESS=1`).

use std::fs;
use std::path::{Path, PathBuf};

/// Whether this run rewrites snapshots instead of comparing (`WITBIND_BLESS=1`).
pub fn blessing() -> bool {
    std::env::var_os("WITBIND_BLESS").is_some_and(|v| v == "1")
}

/// Compares `contents` with the snapshot at `path`, or (re)writes the snapshot when blessing.
pub fn compare_or_bless(path: &Path, contents: &str, bless: bool) -> Option<String> {
    let existing = fs::read_to_string(path).ok();
    if existing.as_deref() == Some(contents) {
        return None;
    }
    if bless {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents)
            .unwrap_or_else(|e| panic!("cannot write `{}`: {e}", path.display()));
        println!("blessed {}", display(path));
        return None;
    }
    Some(match existing {
        None => format!(
            "no snapshot `{}` (run with WITBIND_BLESS=1 to create it)",
            display(path)
        ),
        Some(expected) => format!(
            "differs from `{}` (WITBIND_BLESS=1 to accept): {}",
            display(path),
            first_difference(&expected, contents)
        ),
    })
}

pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The first line where `expected` and `actual` differ, quoted.
pub fn first_difference(expected: &str, actual: &str) -> String {
    let mut expected_lines = expected.lines();
    let mut actual_lines = actual.lines();
    for line in 1.. {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(e), Some(a)) if e == a => continue,
            (Some(e), Some(a)) => {
                return format!("line {line}: expected\n    {e}\n  generated\n    {a}")
            }
            (Some(e), None) => return format!("line {line}: expected\n    {e}\n  generated EOF"),
            (None, Some(a)) => return format!("line {line}: expected EOF, generated\n    {a}"),
            (None, None) => break,
        }
    }
    "only line endings or the final newline differ".to_string()
}

/// `path` relative to the repository, for messages.
pub fn display(path: &Path) -> String {
    path.strip_prefix(super::repo_root())
        .unwrap_or(path)
        .display()
        .to_string()
}
