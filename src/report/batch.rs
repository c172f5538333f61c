//! A batch's output folder:
//!
//! ```text
//! DIR/base/            the base case: the files `solve` writes
//! DIR/<scenario>/      one folder per scenario, the same files
//! DIR/batch.json       what ran: instance, scenario file, options, cases, keys
//! DIR/comparison.csv   one row per case (see `comparison`)
//! DIR/comparison.md    the same, to read
//! DIR/report.html      the same, with charts
//! ```
//!
//! Each case's folder is written whole as soon as the case is solved, so an
//! interrupted batch keeps every finished case; the comparison files are
//! written last, from the case folders, by `write_comparison` (also what
//! `qiangji merge` calls on shards).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::comparison::{failed_case, read_case, target_columns, CaseRow, Comparison};
use super::html::{self, ReportOptions};
use super::{atomic, write_outputs_with, OutputError, ReadError};
use crate::analysis::batch::{CaseRun, CaseSink, CaseState};
use crate::analysis::case::Case;
use crate::instance::Instance;
use crate::solve::SolverOptions;

/// The record of what a batch (or one shard) ran, `batch.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BatchRecord {
    pub instance: String,
    pub scenario_file: String,
    pub scenario_file_sha256: String,
    /// Every case of the whole batch, in comparison order (base first).
    pub order: Vec<String>,
    /// Title and rationale of every case, by name.
    pub described: Vec<Described>,
    /// `K/N` when this folder holds one shard.
    pub shard: Option<String>,
    /// The cases this folder holds (or tried), with how each went.
    pub cases: Vec<CaseRecord>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Described {
    pub name: String,
    pub title: String,
    pub rationale: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CaseRecord {
    pub name: String,
    /// `solved`, `unchanged`, `input_error`, `failed` or `interrupted`.
    pub state: String,
    /// Why it failed (empty otherwise).
    pub message: String,
}

impl CaseRecord {
    /// Whether the case's folder holds its outputs (solved now or earlier).
    pub fn has_outputs(&self) -> bool {
        self.state == CaseState::Skipped.id()
            || self.state == CaseState::Solved { seconds: 0.0 }.id()
    }
}

impl BatchRecord {
    pub fn title_of(&self, name: &str) -> &str {
        self.described
            .iter()
            .find(|d| d.name == name)
            .map_or("", |d| d.title.as_str())
    }

    fn rationales(&self) -> Vec<(String, String)> {
        self.described
            .iter()
            .map(|d| (d.name.clone(), d.rationale.clone()))
            .collect()
    }
}

/// Writes each finished case into `DIR/<name>/`.
pub struct FolderSink {
    pub dir: PathBuf,
    pub solver: SolverOptions,
    pub report: ReportOptions,
}

impl CaseSink for FolderSink {
    fn is_done(&self, name: &str, key: &str) -> bool {
        let summary = self.dir.join(name).join("summary.json");
        let Ok(bytes) = std::fs::read(summary) else {
            return false;
        };
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
            return false;
        };
        json["batch"]["key"] == key && atomic::preflight(&self.dir.join(name)).is_ok()
    }

    fn write(&self, name: &str, inst: &Instance, case: &mut Case, key: &str) -> Result<(), String> {
        let stamp = serde_json::json!({ "scenario": name, "key": key });
        write_outputs_with(
            &self.dir.join(name),
            inst,
            &mut case.result,
            &self.solver,
            &case.analyses,
            self.report,
            Some(stamp),
        )
        .map_err(|e| e.to_string())
    }
}

/// The record's entry for one case run.
pub fn case_record(run: &CaseRun) -> CaseRecord {
    let message = match &run.state {
        CaseState::InputError(m) | CaseState::Failed(m) => m.clone(),
        CaseState::Interrupted => "did not finish: interrupted".into(),
        _ => String::new(),
    };
    CaseRecord {
        name: run.name.clone(),
        state: run.state.id().to_string(),
        message,
    }
}

/// The comparison of the cases named in `order`, held in `dirs` (a batch
/// folder, or several shard folders).
pub fn comparison_of(
    dirs: &[(PathBuf, BatchRecord)],
    order: &[String],
) -> Result<Comparison, OutputError> {
    let mut rows: Vec<CaseRow> = Vec::new();
    let mut targets = Vec::new();
    for name in order {
        // The first folder that holds the case; cases solved in several
        // shards (the base) are identical there.
        let held = dirs.iter().find(|(dir, rec)| {
            rec.cases.iter().any(|c| &c.name == name && c.has_outputs())
                && dir.join(name).join("summary.json").is_file()
        });
        let title = dirs[0].1.title_of(name);
        let row = match held {
            Some((dir, _)) => {
                if targets.is_empty() {
                    targets = target_columns(&dir.join(name))?;
                }
                read_case(&dir.join(name), name, title)?
            }
            None => {
                let attempted = dirs
                    .iter()
                    .flat_map(|(_, rec)| rec.cases.iter())
                    .find(|c| &c.name == name);
                match attempted {
                    Some(c) => failed_case(name, title, &c.state, &c.message),
                    None => failed_case(name, title, "missing", "no folder holds this case"),
                }
            }
        };
        rows.push(row);
    }
    Ok(Comparison::new(rows, targets))
}

/// Writes batch.json and the comparison files into `dir` (beside the case
/// folders), replacing only what qiangji wrote there before.
pub fn write_comparison(
    dir: &Path,
    record: &BatchRecord,
    comparison: &Comparison,
    report: ReportOptions,
    command: &str,
) -> Result<(), OutputError> {
    let mut staging = atomic::Staging::new(dir, command)?;
    let json = serde_json::to_string_pretty(record).map_err(|e| OutputError {
        path: dir.join("batch.json"),
        message: e.to_string(),
    })?;
    staging.write("batch.json", format!("{json}\n").as_bytes())?;
    staging.write("comparison.csv", &comparison.csv()?)?;
    let title = format!(
        "{} — {}",
        record.instance,
        Path::new(&record.scenario_file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    if report.format.markdown() {
        staging.write(
            "comparison.md",
            comparison.markdown(&title, &record.rationales()).as_bytes(),
        )?;
    }
    if report.format.html() {
        let view = comparison.view(
            &title,
            "Each scenario against the base case: real spending (central and provincial; the shortfall penalty is not money and is shown apart), every target, lead sites.",
            &format!("qiangji {} — scenario file sha256 {}", env!("CARGO_PKG_VERSION"), record.scenario_file_sha256),
        );
        let page = html::compare::comparison_page(&view, report.lang)?;
        staging.write(html::HTML_FILE, page.as_bytes())?;
    }
    staging.commit()
}

/// Reads the batch.json of a batch or shard folder.
pub fn read_record(dir: &Path) -> Result<BatchRecord, ReadError> {
    let path = dir.join("batch.json");
    let bytes = std::fs::read(&path).map_err(|e| OutputError::new(&path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| ReadError {
        path,
        message: format!("is not a batch record qiangji can read: {e}"),
    })
}
