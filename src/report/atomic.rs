//! Writing an output folder whole or not at all: files go to a staging folder
//! beside the target, which is renamed into place only when every file is
//! written. A crash leaves the previous output (or nothing), never half a plan.

use std::fs;
use std::path::{Path, PathBuf};

use super::OutputError;

/// A staging folder for one output folder.
pub struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
}

/// Marker file that identifies a folder written by qiangji, so that replacing
/// it never deletes someone else's files.
pub const MARKER: &str = "summary.json";

impl Staging {
    pub fn new(target: &Path) -> Result<Staging, OutputError> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| OutputError::new(&parent, e))?;
        if target.exists() {
            let is_ours = target.join(MARKER).is_file();
            let is_empty = target.is_dir()
                && fs::read_dir(target)
                    .map(|mut d| d.next().is_none())
                    .unwrap_or(false);
            if !is_ours && !is_empty {
                return Err(OutputError {
                    path: target.to_path_buf(),
                    message: "exists and is not a qiangji output folder; choose another --out"
                        .into(),
                });
            }
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.staging-"))
            .tempdir_in(&parent)
            .map_err(|e| OutputError::new(&parent, e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
        })
    }

    /// Writes one file into the staging folder.
    pub fn write(&self, name: &str, contents: &[u8]) -> Result<(), OutputError> {
        let path = self.dir.path().join(name);
        fs::write(&path, contents).map_err(|e| OutputError::new(&path, e))
    }

    /// Moves the staging folder into place, replacing an earlier output.
    pub fn commit(self) -> Result<(), OutputError> {
        let staged = self.dir.keep();
        let mut old: Option<PathBuf> = None;
        if self.target.exists() {
            let aside = staged.with_file_name(format!(
                "{}.replaced",
                staged
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ));
            fs::rename(&self.target, &aside).map_err(|e| OutputError::new(&self.target, e))?;
            old = Some(aside);
        }
        if let Err(e) = fs::rename(&staged, &self.target) {
            if let Some(aside) = &old {
                let _ = fs::rename(aside, &self.target);
            }
            let _ = fs::remove_dir_all(&staged);
            return Err(OutputError::new(&self.target, e));
        }
        if let Some(aside) = old {
            let _ = fs::remove_dir_all(aside);
        }
        Ok(())
    }
}
