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

    /// Writes every file into `dir` (created if needed), all or nothing: each file is first
    /// written to a temporary file next to where it goes, then all are renamed into place (a file
    /// they replace is renamed aside first, and removed once every new file is in place).
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

/// [`Output::write`] after `dir` exists. No staging directory: creating and removing one (and
/// a copy of every subdirectory in it) costs more file-system work than the files themselves.
///
/// An existing file is renamed aside and removed once the new one is in place, rather than
/// replaced by one rename: on ext4, renaming over an existing file makes the kernel start writing
/// the new file's data out during the `rename` call (its `auto_da_alloc` safeguard), which costs
/// more than the rest of the write.
fn write_files(dir: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let mut run = WriteRun {
        dir,
        // Temporary names only have to be free in their directory (they are created with
        // `create_new`): a process id and the file's index do, without randomness.
        pid: std::process::id(),
        known_dirs: vec![dir.to_path_buf()],
        created_dirs: Vec::new(),
        temps: Vec::new(),
        placed: Vec::new(),
    };
    let result = run.stage(files).and_then(|()| run.place(files));
    match result {
        Ok(()) => {
            for (_, aside) in &run.placed {
                if let Some(aside) = aside {
                    let _ = fs::remove_file(aside);
                }
            }
            Ok(())
        }
        Err(e) => {
            run.roll_back();
            Err(e)
        }
    }
}

/// The state of one [`write_files`]: what to undo if it fails.
struct WriteRun<'a> {
    dir: &'a Path,
    pid: u32,
    /// Directories known to exist.
    known_dirs: Vec<PathBuf>,
    /// Directories this run created, in creation order (removed again on failure, when empty).
    created_dirs: Vec<PathBuf>,
    /// The temporary file of each staged file, by index (taken once renamed into place).
    temps: Vec<Option<PathBuf>>,
    /// Files renamed into place: the target and where the file it replaced went.
    placed: Vec<(PathBuf, Option<PathBuf>)>,
}

impl WriteRun<'_> {
    /// Writes every file to a temporary file in its target's directory.
    fn stage(&mut self, files: &[OutputFile]) -> Result<(), Error> {
        use std::io::Write as _;
        for (i, file) in files.iter().enumerate() {
            let target = self.dir.join(&file.path);
            let parent = target.parent().unwrap_or(self.dir).to_path_buf();
            self.ensure_dir(&parent)?;
            let tmp = parent.join(format!(".witbind-{}-{i}.tmp", self.pid));
            let cannot_write =
                |e: std::io::Error| Error::io(format!("cannot write `{}`: {e}", target.display()));
            let create = || {
                fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&tmp)
            };
            let mut handle = match create() {
                // Left by an earlier run that died, under the same process id.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let _ = fs::remove_file(&tmp);
                    create()
                }
                other => other,
            }
            .map_err(cannot_write)?;
            self.temps.push(Some(tmp));
            handle
                .write_all(file.contents.as_bytes())
                .map_err(cannot_write)?;
        }
        Ok(())
    }

    /// Creates `path` and the directories above it that are missing, up to `self.dir`.
    fn ensure_dir(&mut self, path: &Path) -> Result<(), Error> {
        if self.known_dirs.iter().any(|d| d == path) {
            return Ok(());
        }
        if !path.is_dir() {
            if let Some(parent) = path.parent().filter(|p| p.starts_with(self.dir)) {
                self.ensure_dir(parent)?;
            }
            fs::create_dir(path)
                .map_err(|e| Error::io(format!("cannot create `{}`: {e}", path.display())))?;
            self.created_dirs.push(path.to_path_buf());
        }
        self.known_dirs.push(path.to_path_buf());
        Ok(())
    }

    /// Renames every staged file into place, moving the file it replaces aside first.
    fn place(&mut self, files: &[OutputFile]) -> Result<(), Error> {
        for (i, file) in files.iter().enumerate() {
            let target = self.dir.join(&file.path);
            let tmp = self.temps[i].take().expect("staged");
            let aside = tmp.with_extension("old");
            let moved_aside = match fs::symlink_metadata(&target) {
                // A directory in the way is left alone: the rename below fails on it.
                Ok(meta) if meta.is_dir() => false,
                Ok(_) => match fs::rename(&target, &aside) {
                    Ok(()) => true,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
                    Err(e) => {
                        self.temps[i] = Some(tmp);
                        return Err(Error::io(format!(
                            "cannot write `{}`: {e}",
                            target.display()
                        )));
                    }
                },
                Err(_) => false,
            };
            if let Err(e) = fs::rename(&tmp, &target) {
                if moved_aside {
                    let _ = fs::rename(&aside, &target);
                }
                self.temps[i] = Some(tmp);
                return Err(Error::io(format!(
                    "cannot write `{}`: {e}",
                    target.display()
                )));
            }
            self.placed.push((target, moved_aside.then_some(aside)));
        }
        Ok(())
    }

    /// Puts back every replaced file, removes the new and temporary files and the directories
    /// this run created.
    fn roll_back(&mut self) {
        for (target, aside) in self.placed.drain(..).rev() {
            match aside {
                Some(aside) => {
                    let _ = fs::rename(aside, &target);
                }
                None => {
                    let _ = fs::remove_file(&target);
                }
            }
        }
        for tmp in self.temps.drain(..).flatten() {
            let _ = fs::remove_file(tmp);
        }
        for dir in self.created_dirs.drain(..).rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}
