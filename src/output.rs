//! Generated files in memory, written atomically or compared with a directory.

use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators (for Rust, `<world_snake_case>.rs`).
    pub path: String,
    /// The file's text. Generated Rust has no inner attributes (`#![…]`), so it can be used as a
    /// module file, pasted into a module, or `include!`d.
    pub contents: String,
}

/// What a [`Generator`](crate::Generator) run produced: files in memory, sorted by path.
#[derive(Clone, Debug)]
pub struct Output {
    files: Vec<OutputFile>,
}

impl Output {
    pub(crate) fn new(mut files: Vec<OutputFile>) -> Output {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Output { files }
    }

    /// The generated files, sorted by path.
    pub fn files(&self) -> &[OutputFile] {
        &self.files
    }

    /// Writes every file into `dir` (created if needed), all or nothing: files are first written
    /// into a temporary directory inside `dir`, then each is renamed into place.
    ///
    /// In a build script, write into `OUT_DIR` and `include!` the file:
    ///
    /// ```no_run
    /// // build.rs
    /// let out_dir = std::env::var_os("OUT_DIR").unwrap();
    /// witbind::Generator::new(witbind::Lang::Rust)
    ///     .input("wit")
    ///     .world("hello")
    ///     .generate()
    ///     .and_then(|output| output.write(&out_dir))
    ///     .unwrap_or_else(|e| panic!("{e}"));
    /// println!("cargo::rerun-if-changed=wit");
    /// ```
    ///
    /// ```ignore
    /// // src/lib.rs
    /// mod bindings {
    ///     include!(concat!(env!("OUT_DIR"), "/hello.rs"));
    /// }
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when a directory cannot be created or a file
    /// cannot be written; `dir` then holds none of the new files.
    pub fn write(&self, dir: impl AsRef<Path>) -> Result<(), Error> {
        let dir = dir.as_ref();
        fs::create_dir_all(dir).map_err(|e| {
            Error::io(format!(
                "cannot create output directory `{}`: {e}",
                dir.display()
            ))
        })?;
        let staging = tempfile::Builder::new()
            .prefix(".witbind-")
            .tempdir_in(dir)
            .map_err(|e| {
                Error::io(format!(
                    "cannot write into output directory `{}`: {e}",
                    dir.display()
                ))
            })?;
        for file in &self.files {
            let tmp = staging.path().join(&file.path);
            if let Some(parent) = tmp.parent() {
                fs::create_dir_all(parent)
                    .map_err(|e| Error::io(format!("cannot create `{}`: {e}", parent.display())))?;
            }
            fs::write(&tmp, &file.contents)
                .map_err(|e| Error::io(format!("cannot write `{}`: {e}", tmp.display())))?;
        }
        // Move the new files into place; the files they replace are kept in the staging
        // directory until all are in place, so a failure half-way puts everything back.
        let backups = staging.path().join(".previous");
        let mut placed: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
        for (i, file) in self.files.iter().enumerate() {
            let target = dir.join(&file.path);
            let result = place(&staging.path().join(&file.path), &target, &backups, i);
            match result {
                Ok(backup) => placed.push((target, backup)),
                Err(e) => {
                    for (target, backup) in placed.into_iter().rev() {
                        match backup {
                            Some(backup) => {
                                let _ = fs::rename(backup, &target);
                            }
                            None => {
                                let _ = fs::remove_file(&target);
                                // Directories made for it go too, while empty.
                                let mut parent = target.parent();
                                while let Some(p) = parent.filter(|p| *p != dir) {
                                    if fs::remove_dir(p).is_err() {
                                        break;
                                    }
                                    parent = p.parent();
                                }
                            }
                        }
                    }
                    return Err(Error::io(format!(
                        "cannot write `{}`: {e}",
                        target.display()
                    )));
                }
            }
        }
        Ok(())
    }

    /// The paths (relative to `dir`) of the files whose contents on disk under `dir` differ from
    /// the generated ones, or that are missing; empty when `dir` is up to date. Files in `dir`
    /// that were not generated are not looked at.
    pub fn check(&self, dir: impl AsRef<Path>) -> Vec<String> {
        let dir = dir.as_ref();
        self.files
            .iter()
            .filter(|f| fs::read_to_string(dir.join(&f.path)).ok().as_deref() != Some(&f.contents))
            .map(|f| f.path.clone())
            .collect()
    }
}

/// Moves `new` to `target`, first moving a file already at `target` to `backups/<n>`; returns
/// where that file went.
fn place(new: &Path, target: &Path, backups: &Path, n: usize) -> std::io::Result<Option<PathBuf>> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)?;
    }
    let backup = if target.is_file() {
        fs::create_dir_all(backups)?;
        let backup = backups.join(n.to_string());
        fs::rename(target, &backup)?;
        Some(backup)
    } else {
        None
    };
    if let Err(e) = fs::rename(new, target) {
        if let Some(backup) = &backup {
            let _ = fs::rename(backup, target);
        }
        return Err(e);
    }
    Ok(backup)
}
