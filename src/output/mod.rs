//! How files reach the disk safely: output folders written whole or not at
//! all, with a manifest of what qiangji wrote ([`atomic`]), and Slurm job
//! scripts ([`slurm`]). Used by the report writers, `generate` and the CLI
//! alike; it knows nothing of plans or instances.

pub mod atomic;
pub mod slurm;

use std::path::{Path, PathBuf};

/// A file or folder that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct OutputError {
    pub path: PathBuf,
    pub message: String,
}

impl crate::exit::HasExitStatus for OutputError {
    fn exit_status(&self) -> crate::exit::ExitStatus {
        crate::exit::ExitStatus::Output
    }
}

impl OutputError {
    pub fn new(path: &Path, e: std::io::Error) -> OutputError {
        OutputError {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    }
}
