//! `batch.json`: the record of what a batch (or one shard of it) ran,
//! written beside the case folders and read back by `merge`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ReadError;

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
    /// The scenario file's `title_zh` and `rationale_zh`, for reports in
    /// Chinese (absent when the file gives none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title_zh: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale_zh: String,
}

/// The states a case is recorded in.
pub mod state {
    /// Solved by this run.
    pub const SOLVED: &str = "solved";
    /// Solved by an earlier run with the same inputs; its folder is kept.
    pub const UNCHANGED: &str = "unchanged";
    pub const INPUT_ERROR: &str = "input_error";
    pub const FAILED: &str = "failed";
    pub const INTERRUPTED: &str = "interrupted";
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CaseRecord {
    pub name: String,
    /// One of [`state`]: `solved`, `unchanged`, `input_error`, `failed` or
    /// `interrupted`.
    pub state: String,
    /// Why it failed (empty otherwise).
    pub message: String,
}

impl CaseRecord {
    /// Whether the case's folder holds its outputs (solved now or earlier).
    pub fn has_outputs(&self) -> bool {
        self.state == state::UNCHANGED || self.state == state::SOLVED
    }
}

impl BatchRecord {
    /// The title of a case ("" when the record does not describe it).
    pub fn title_of(&self, name: &str) -> &str {
        self.described
            .iter()
            .find(|d| d.name == name)
            .map_or("", |d| d.title.as_str())
    }

    /// (case, title, rationale) of every described case, in Chinese where
    /// the scenario file gives `title_zh` or `rationale_zh`, else as written.
    pub fn described_in_chinese(&self) -> Vec<(String, String, String)> {
        let pick = |zh: &str, en: &str| if zh.is_empty() { en } else { zh }.to_string();
        self.described
            .iter()
            .map(|d| {
                (
                    d.name.clone(),
                    pick(&d.title_zh, &d.title),
                    pick(&d.rationale_zh, &d.rationale),
                )
            })
            .collect()
    }
}

/// Reads the batch.json of a batch or shard folder.
pub fn read_record(dir: &Path) -> Result<BatchRecord, ReadError> {
    let path = dir.join("batch.json");
    let bytes = std::fs::read(&path).map_err(|e| ReadError {
        path: path.clone(),
        message: e.to_string(),
    })?;
    serde_json::from_slice(&bytes).map_err(|e| ReadError {
        path,
        message: format!("is not a batch record qiangji can read: {e}"),
    })
}
