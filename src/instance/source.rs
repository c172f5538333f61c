//! Where an instance's files come from: a folder on disk, or (for fuzzing and
//! tests) files held in memory. Reading through one interface means every
//! rule is applied the same way to both.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The files of one instance.
pub trait Source {
    /// The folder the instance is read from (for messages and summary.json).
    fn root(&self) -> &Path;
    /// Bytes of the file `name` in the instance; `Ok(None)` when there is no
    /// entry of that name at all, `Err` when there is one that cannot be read
    /// (a dangling or looping link, no permission, a folder).
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, String>;
    /// Names of every entry in the instance (for files that look like tables
    /// but are not part of the format).
    fn names(&self) -> io::Result<Vec<String>>;
    /// Bytes of a file named by a path relative to the instance (the model
    /// file); `Ok(None)` when it does not exist.
    fn read_relative(&self, path: &str) -> Result<Option<(PathBuf, Vec<u8>)>, String>;
}

/// An instance folder on disk.
pub struct Folder {
    root: PathBuf,
}

impl Folder {
    pub fn new(root: &Path) -> Folder {
        Folder {
            root: root.to_path_buf(),
        }
    }
}

/// Reads `path`, telling a missing entry from one that cannot be read.
fn read_entry(path: &Path) -> Result<Option<Vec<u8>>, String> {
    let link = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("exists but cannot be read ({e})")),
    };
    if link.file_type().is_symlink() {
        if let Err(e) = std::fs::metadata(path) {
            return Err(format!(
                "is a symbolic link whose target is missing or loops ({e}); point it at the real file or remove it"
            ));
        }
    }
    if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err("is a folder, not a file".into());
    }
    std::fs::read(path)
        .map(Some)
        .map_err(|e| format!("exists but cannot be read ({e})"))
}

impl Source for Folder {
    fn root(&self) -> &Path {
        &self.root
    }

    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, String> {
        read_entry(&self.root.join(name))
    }

    fn names(&self) -> io::Result<Vec<String>> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(&self.root)? {
            names.push(entry?.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        Ok(names)
    }

    fn read_relative(&self, path: &str) -> Result<Option<(PathBuf, Vec<u8>)>, String> {
        let full = self.root.join(path);
        Ok(read_entry(&full)?.map(|bytes| (full, bytes)))
    }
}

/// An instance held in memory: file name → contents.
pub struct Memory {
    root: PathBuf,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Memory {
    pub fn new(files: BTreeMap<String, Vec<u8>>) -> Memory {
        Memory {
            root: PathBuf::from("(in memory)"),
            files,
        }
    }
}

impl Source for Memory {
    fn root(&self) -> &Path {
        &self.root
    }

    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, String> {
        Ok(self.files.get(name).cloned())
    }

    fn names(&self) -> io::Result<Vec<String>> {
        Ok(self.files.keys().cloned().collect())
    }

    fn read_relative(&self, path: &str) -> Result<Option<(PathBuf, Vec<u8>)>, String> {
        Ok(self
            .files
            .get(path)
            .map(|bytes| (self.root.join(path), bytes.clone())))
    }
}
