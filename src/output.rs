//! Generated files in memory, written atomically or compared with a directory.

use std::fs;
use std::path::Path;

use crate::Error;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators.
    pub path: String,
    pub contents: String,
}

#[derive(Clone, Debug)]
pub struct Output {
    files: Vec<OutputFile>,
}

impl Output {
    pub(crate) fn new(mut files: Vec<OutputFile>) -> Output {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Output { files }
    }

    pub fn files(&self) -> &[OutputFile] {
        &self.files
    }

    /// Writes every file into `dir`, all or nothing: files are first written into a temporary
    /// directory next to `dir`, then each is renamed into place.
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
        for file in &self.files {
            let target = dir.join(&file.path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)
                    .map_err(|e| Error::io(format!("cannot create `{}`: {e}", parent.display())))?;
            }
            fs::rename(staging.path().join(&file.path), &target)
                .map_err(|e| Error::io(format!("cannot write `{}`: {e}", target.display())))?;
        }
        Ok(())
    }

    /// The files whose contents on disk under `dir` differ from the generated ones.
    pub fn check(&self, dir: impl AsRef<Path>) -> Vec<String> {
        let dir = dir.as_ref();
        self.files
            .iter()
            .filter(|f| fs::read_to_string(dir.join(&f.path)).ok().as_deref() != Some(&f.contents))
            .map(|f| f.path.clone())
            .collect()
    }
}
