//! Generated files in memory, written all or nothing or compared with a directory.

use std::collections::HashSet;
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

    /// This output's files and `other`'s together (for example the bindings and the
    /// [`skeleton`](crate::Generator::skeleton) of the implementation), to write as one.
    pub fn with(self, other: Output) -> Output {
        let mut files = self.files;
        files.extend(other.files);
        Output::new(files)
    }

    /// The generated files, sorted by path.
    pub fn files(&self) -> &[OutputFile] {
        &self.files
    }

    /// Writes every file into `dir` (created if needed), all or nothing: when a file cannot be
    /// written, every file written before it gets its old contents back, and the files and
    /// directories the run created are removed again.
    ///
    /// A file that already holds the generated text is not touched (its modification time stays,
    /// so build tools see no change). Any other existing file is rewritten in place (its old
    /// contents are kept in memory until every file is written), as `wit-bindgen` writes its
    /// files, rather than replaced by a new file: see [`write_files`].
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
    /// cannot be written; `dir` then holds what it held before.
    pub fn write(&self, dir: impl AsRef<Path>) -> Result<(), Error> {
        let dir = dir.as_ref();
        fs::create_dir_all(dir).map_err(|e| {
            Error::io(format!(
                "cannot create output directory `{}`: {e}",
                dir.display()
            ))
        })?;
        write_files(dir, &self.files)
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

/// [`Output::write`] after `dir` exists.
///
/// Each file is written where it goes, in one pass: a missing one is created (`create_new`); an
/// existing one is opened and read, and when it already holds the generated text it is left
/// alone; otherwise its contents are kept (to put back should a later file fail) and the new text
/// is written over them from the start. A file that gets shorter is cut to its new length only
/// once every file is written, so that putting old contents back never needs more space than the
/// file already has. That is an `open`, two `read`s, a `write` (none when unchanged) and a `close`
/// per file, on the file's own inode.
///
/// Writing a temporary file and renaming it over (or beside) the old one makes a new inode per
/// file and frees the old one on every run. On ext4 without a journal, allocating an inode skips
/// every inode of its group freed in the last 5–35 s (`recently_deleted`), reading the inode
/// table for each: regenerating a module of many small files over and over (a watch loop, a
/// benchmark) made each run slower than the last. A run that dies part-way (killed, power loss)
/// can leave files half written (with temporary files it would leave those behind); an `Err`
/// return leaves `dir` as it was.
fn write_files(dir: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let mut run = WriteRun {
        dir,
        known_dirs: HashSet::from([dir.to_path_buf()]),
        created_dirs: Vec::new(),
        written: Vec::new(),
        shrunk: Vec::new(),
    };
    let result = files
        .iter()
        .try_for_each(|file| run.write(file))
        .and_then(|()| run.cut_shrunk());
    if result.is_err() {
        run.roll_back();
    }
    result
}

/// A file [`WriteRun::write`] wrote: its path and what to put back.
struct Written {
    path: PathBuf,
    old: Old,
}

/// What a file held before the run.
enum Old {
    /// Nothing: the run created it.
    Missing,
    /// Other contents.
    Contents(Vec<u8>),
}

/// The state of one [`write_files`]: what to undo if it fails.
struct WriteRun<'a> {
    dir: &'a Path,
    /// Directories known to exist.
    known_dirs: HashSet<PathBuf>,
    /// Directories this run created, in creation order (removed again on failure, when empty).
    created_dirs: Vec<PathBuf>,
    /// Files written so far, in order.
    written: Vec<Written>,
    /// Files whose new contents are shorter than the old: the new length, applied at the end.
    shrunk: Vec<(PathBuf, u64)>,
}

impl WriteRun<'_> {
    /// Writes one file (see [`write_files`]).
    fn write(&mut self, file: &OutputFile) -> Result<(), Error> {
        use std::io::{ErrorKind, Write as _};
        let target = self.dir.join(&file.path);
        let cannot_write =
            |e: std::io::Error| Error::io(format!("cannot write `{}`: {e}", target.display()));
        if let Some(parent) = target.parent() {
            if !self.known_dirs.contains(parent) {
                self.ensure_dir(parent.to_path_buf())?;
            }
        }
        let new = file.contents.as_bytes();
        match fs::OpenOptions::new().read(true).write(true).open(&target) {
            Ok(mut handle) => {
                let Some(old) = read_if_different(&mut handle, new).map_err(cannot_write)? else {
                    // Already the generated text: left as it is, modification time included, so
                    // that build tools watching it see no change.
                    return Ok(());
                };
                let old_len = old.len();
                // Recorded before writing: a failed write may have changed part of the file.
                self.written.push(Written {
                    path: target.clone(),
                    old: Old::Contents(old),
                });
                write_at_start(&mut handle, new).map_err(cannot_write)?;
                if old_len > new.len() {
                    self.shrunk.push((target, new.len() as u64));
                }
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {
                let mut handle = fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&target)
                    .map_err(cannot_write)?;
                self.written.push(Written {
                    path: target.clone(),
                    old: Old::Missing,
                });
                handle.write_all(new).map_err(cannot_write)?;
            }
            Err(e) => return Err(cannot_write(e)),
        }
        Ok(())
    }

    /// Creates `path` and the directories above it that are missing, up to `self.dir`.
    fn ensure_dir(&mut self, path: PathBuf) -> Result<(), Error> {
        let cannot_create =
            |e: std::io::Error| Error::io(format!("cannot create `{}`: {e}", path.display()));
        match fs::create_dir(&path) {
            Ok(()) => self.created_dirs.push(path.clone()),
            // Something that is not a directory makes the file's own `open` fail.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                match path.parent().filter(|p| p.starts_with(self.dir)) {
                    Some(parent) if !self.known_dirs.contains(parent) => {
                        self.ensure_dir(parent.to_path_buf())?
                    }
                    _ => return Err(cannot_create(e)),
                }
                fs::create_dir(&path).map_err(cannot_create)?;
                self.created_dirs.push(path.clone());
            }
            Err(e) => return Err(cannot_create(e)),
        }
        self.known_dirs.insert(path);
        Ok(())
    }

    /// Cuts the files that got shorter to their new length.
    fn cut_shrunk(&mut self) -> Result<(), Error> {
        for (path, len) in &self.shrunk {
            fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|f| f.set_len(*len))
                .map_err(|e| Error::io(format!("cannot write `{}`: {e}", path.display())))?;
        }
        Ok(())
    }

    /// Puts back the old contents of every file written, removes the files and the directories
    /// this run created.
    fn roll_back(&mut self) {
        for written in self.written.drain(..).rev() {
            match written.old {
                Old::Missing => {
                    let _ = fs::remove_file(&written.path);
                }
                Old::Contents(old) => {
                    if let Ok(mut f) = fs::OpenOptions::new().write(true).open(&written.path) {
                        let _ = write_at_start(&mut f, &old);
                        let _ = f.set_len(old.len() as u64);
                    }
                }
            }
        }
        for dir in self.created_dirs.drain(..).rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}

/// Reads `file` from its position (its start) and compares it with `new` on the way: `None` when
/// it holds exactly `new`, else its whole contents. Equal files are read through a small buffer,
/// so regenerating unchanged output allocates nothing for it.
fn read_if_different(file: &mut fs::File, new: &[u8]) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let mut chunk = [0u8; 16 * 1024];
    let mut matched = 0;
    loop {
        let n = match file.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok((matched != new.len()).then(|| new[..matched].to_vec()));
        }
        let end = matched + n;
        if new.get(matched..end) == Some(&chunk[..n]) {
            matched = end;
            continue;
        }
        // The old contents are the prefix that matched, this chunk and the rest. Room for the
        // read that finds the end: `File`'s own `read_to_end` asks for the file's size and
        // position first (two more calls).
        let mut old = Vec::with_capacity(end.max(new.len()) + 1);
        old.extend_from_slice(&new[..matched]);
        old.extend_from_slice(&chunk[..n]);
        file.take(u64::MAX).read_to_end(&mut old)?;
        return Ok(Some(old));
    }
}

/// Writes `bytes` at the start of `file`, whatever its position.
fn write_at_start(file: &mut fs::File, bytes: &[u8]) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::write_all_at(file, bytes, 0)
    }
    #[cfg(not(unix))]
    {
        use std::io::{Seek as _, Write as _};
        file.rewind()?;
        file.write_all(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(files: &[(&str, &str)]) -> Output {
        Output::new(
            files
                .iter()
                .map(|(path, contents)| OutputFile {
                    path: path.to_string(),
                    contents: contents.to_string(),
                })
                .collect(),
        )
    }

    #[test]
    fn a_shorter_file_is_cut_and_a_longer_one_grows() {
        let dir = tempfile::tempdir().unwrap();
        output(&[("a/x.txt", "long old contents"), ("b.txt", "old")])
            .write(dir.path())
            .unwrap();
        output(&[("a/x.txt", "short"), ("b.txt", "longer new contents")])
            .write(dir.path())
            .unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("a/x.txt")).unwrap(),
            "short"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("b.txt")).unwrap(),
            "longer new contents"
        );
    }

    #[test]
    fn an_unchanged_file_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let files = [("same.txt", "same contents"), ("changed.txt", "old")];
        output(&files).write(dir.path()).unwrap();
        let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
        for (path, _) in files {
            fs::File::options()
                .write(true)
                .open(dir.path().join(path))
                .and_then(|f| f.set_modified(long_ago))
                .unwrap();
        }
        output(&[("same.txt", "same contents"), ("changed.txt", "new")])
            .write(dir.path())
            .unwrap();
        let modified = |path: &str| {
            fs::metadata(dir.path().join(path))
                .and_then(|m| m.modified())
                .unwrap()
        };
        assert_eq!(modified("same.txt"), long_ago);
        assert_ne!(modified("changed.txt"), long_ago);
        assert_eq!(
            fs::read_to_string(dir.path().join("changed.txt")).unwrap(),
            "new"
        );
    }

    #[test]
    fn a_file_that_differs_after_the_first_chunk_is_rewritten() {
        // Longer than `read_if_different`'s buffer, differing only near the end and in length.
        let dir = tempfile::tempdir().unwrap();
        let old = "x".repeat(40_000) + "old tail";
        let new = "x".repeat(40_000) + "new";
        output(&[("a.txt", &old)]).write(dir.path()).unwrap();
        output(&[("a.txt", &new)]).write(dir.path()).unwrap();
        assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), new);
        // A failure after it puts the old text back whole.
        fs::create_dir(dir.path().join("z.txt")).unwrap();
        output(&[("a.txt", &old), ("z.txt", "blocked")])
            .write(dir.path())
            .unwrap_err();
        assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), new);
    }

    #[test]
    fn a_failed_write_puts_back_contents_and_removes_what_it_created() {
        let dir = tempfile::tempdir().unwrap();
        output(&[("a/x.txt", "long old contents"), ("b.txt", "old")])
            .write(dir.path())
            .unwrap();
        fs::create_dir(dir.path().join("z.txt")).unwrap();
        let err = output(&[
            ("a/x.txt", "short"),
            ("b.txt", "longer new contents"),
            ("n/e/w.txt", "new"),
            ("same.txt", "x"),
            ("z.txt", "blocked by a directory"),
        ])
        .write(dir.path())
        .unwrap_err();
        assert!(err.to_string().contains("z.txt"), "{err}");
        assert_eq!(
            fs::read_to_string(dir.path().join("a/x.txt")).unwrap(),
            "long old contents"
        );
        assert_eq!(fs::read_to_string(dir.path().join("b.txt")).unwrap(), "old");
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, ["a", "b.txt", "z.txt"]);
        assert_eq!(fs::read_dir(dir.path().join("a")).unwrap().count(), 1);
    }
}
