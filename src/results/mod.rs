//! The results of a solve as types: [`Summary`] (summary.json), the rows of
//! the CSV tables that are read back ([`tables`]), a batch's record
//! ([`batch`]) and the units written into all of them ([`units`]). The
//! writers in `report` build these types and serialise them; `diff`, `merge`
//! and a batch's comparison read an output folder back through
//! [`read_folder`], so the file a writer writes and the file a reader reads
//! are the same type.
//!
//! This module sits low: it uses only the foundations ([`crate::exit`]) and
//! knows nothing of how a plan is found.

pub mod batch;
pub mod summary;
pub mod tables;
pub mod units;

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use summary::{Summary, SCHEMA_VERSION};
use tables::{read_rows, AllocationRow, DualRow, PlatformRow, SiteRow, TargetRow};

/// A folder given as input — a plan to compare, a shard to merge — that
/// cannot be read as one: the user's input is wrong, not the disk.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct ReadError {
    pub path: PathBuf,
    pub message: String,
}

impl crate::exit::HasExitStatus for ReadError {
    fn exit_status(&self) -> crate::exit::ExitStatus {
        crate::exit::ExitStatus::Input
    }
}

/// An output folder of `solve` (or a case of `batch`), read back.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFolder {
    /// The folder's own name (a batch's case name).
    pub name: String,
    pub path: PathBuf,
    pub summary: Summary,
    /// The tables, empty when the folder holds no plan.
    pub allocation: Vec<AllocationRow>,
    pub sites: Vec<SiteRow>,
    pub platforms: Vec<PlatformRow>,
    pub targets: Vec<TargetRow>,
    pub duals: Vec<DualRow>,
}

impl OutputFolder {
    /// Refuses a folder whose solve found no plan: there is nothing to compare.
    pub fn require_plan(&self) -> Result<(), ReadError> {
        if self.summary.has_plan {
            return Ok(());
        }
        Err(ReadError {
            path: self.path.join("summary.json"),
            message: format!(
                "holds no plan ({}); there is nothing to compare",
                self.summary.status
            ),
        })
    }

    /// Designated lead sites as (item, province).
    pub fn lead_sites(&self) -> impl Iterator<Item = &SiteRow> {
        self.sites.iter().filter(|s| s.is_designated())
    }
}

/// Reads an output folder written by `solve` or by a batch: summary.json,
/// and with a plan allocation.csv, sites.csv, platforms.csv, targets.csv and
/// duals.csv.
pub fn read_folder(dir: &Path) -> Result<OutputFolder, ReadError> {
    let summary = read_summary(dir)?;
    let mut folder = OutputFolder {
        name: dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| dir.display().to_string()),
        path: dir.to_path_buf(),
        summary,
        allocation: Vec::new(),
        sites: Vec::new(),
        platforms: Vec::new(),
        targets: Vec::new(),
        duals: Vec::new(),
    };
    if folder.summary.has_plan {
        folder.allocation = read_rows(&dir.join("allocation.csv"))?;
        folder.sites = read_rows(&dir.join("sites.csv"))?;
        folder.platforms = read_rows(&dir.join("platforms.csv"))?;
        folder.targets = read_rows(&dir.join("targets.csv"))?;
        folder.duals = read_rows(&dir.join("duals.csv"))?;
    }
    Ok(folder)
}

/// Reads an output folder that must hold a plan (what `diff` compares).
pub fn read_plan_folder(dir: &Path) -> Result<OutputFolder, ReadError> {
    let folder = read_folder(dir)?;
    folder.require_plan()?;
    Ok(folder)
}

/// What is read of summary.json before its version is known.
#[derive(Deserialize)]
struct Probe {
    schema_version: Option<serde_json::Value>,
    /// Set by the commands whose summary.json is not a solve's (`relax`).
    command: Option<String>,
}

/// Reads the summary.json of an output folder; one of another schema
/// version than [`SCHEMA_VERSION`] is refused, naming the folder, the
/// version found and what to do.
pub fn read_summary(dir: &Path) -> Result<Summary, ReadError> {
    let path = dir.join("summary.json");
    let fail = |message: String| ReadError {
        path: path.clone(),
        message,
    };
    let bytes = std::fs::read(&path).map_err(|e| fail(e.to_string()))?;
    let probe: Probe = serde_json::from_slice(&bytes)
        .map_err(|e| fail(format!("is not a summary qiangji can read: {e}")))?;
    let refuse = |message: String| ReadError {
        path: dir.to_path_buf(),
        message,
    };
    if let (None, Some(command)) = (&probe.schema_version, &probe.command) {
        return Err(refuse(format!(
            "holds the output of `qiangji {command}`, not of a solve; there is no plan to read"
        )));
    }
    let found = match &probe.schema_version {
        Some(v) if v.as_u64() == Some(u64::from(SCHEMA_VERSION)) => None,
        Some(v) => Some(format!("schema_version {v}")),
        None => Some("no schema_version (it was written by an older qiangji)".to_string()),
    };
    if let Some(found) = found {
        return Err(refuse(format!(
            "its summary.json has {found}; this qiangji {} reads schema_version {SCHEMA_VERSION} only — re-run the solve with this qiangji (`qiangji solve`, or `qiangji batch` for a batch's cases) and use the new folder",
            env!("CARGO_PKG_VERSION")
        )));
    }
    let mut de = serde_json::Deserializer::from_slice(&bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        let position = format!(" at line {} column {}", inner.line(), inner.column());
        let what = inner.to_string();
        fail(format!(
            "line {}, field `{}`: {}",
            inner.line(),
            e.path(),
            what.strip_suffix(&position).unwrap_or(&what)
        ))
    })
}
