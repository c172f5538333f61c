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

use super::html::{self, i18n, ReportOptions};
use super::{atomic, write_outputs_with, OutputError};
use crate::analysis::batch::{CaseRun, CaseSink, CaseState};
use crate::analysis::case::Case;
use crate::analysis::compare::comparison::Comparison;
use crate::instance::Instance;
use crate::results::batch::{BatchRecord, CaseRecord};
use crate::results::summary::BatchStamp;
use crate::solve::SolverOptions;

/// Writes each finished case into `DIR/<name>/`.
pub struct FolderSink {
    pub dir: PathBuf,
    pub solver: SolverOptions,
    pub report: ReportOptions,
}

impl CaseSink for FolderSink {
    fn is_done(&self, name: &str, key: &str) -> bool {
        // A case written by another qiangji (another schema version) or
        // with other inputs is solved again.
        let Ok(summary) = crate::results::read_summary(&self.dir.join(name)) else {
            return false;
        };
        summary.batch.is_some_and(|b| b.key == key)
            && atomic::preflight(&self.dir.join(name)).is_ok()
    }

    fn write(&self, name: &str, inst: &Instance, case: &mut Case, key: &str) -> Result<(), String> {
        let stamp = BatchStamp {
            key: key.to_string(),
            scenario: name.to_string(),
        };
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
    let comparison_csv = comparison.csv()?;
    staging.write("comparison.csv", &comparison_csv)?;
    let figures = vec![
        ("instance".to_string(), record.instance.clone()),
        ("scenario_file".to_string(), record.scenario_file.clone()),
        (
            "scenario_file_sha256".to_string(),
            record.scenario_file_sha256.clone(),
        ),
    ];
    let workbook = crate::report::xlsx::tables_book::write(
        &figures,
        None,
        &[crate::report::xlsx::tables_book::CsvTable {
            file: "comparison.csv",
            csv: &comparison_csv,
        }],
        report.lang,
    )
    .map_err(|e| crate::report::xlsx::output_error("comparison.xlsx", e))?;
    staging.write("comparison.xlsx", &workbook)?;
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
            comparison
                .markdown(&title, &described(record, report.lang), report.lang)
                .as_bytes(),
        )?;
    }
    if report.format.html() {
        let lang = report.lang;
        let view = comparison.view(
            &title,
            lang.t(i18n::COMPARISON_DESCRIPTION),
            &format!(
                "qiangji {} — {} sha256 {}",
                env!("CARGO_PKG_VERSION"),
                lang.t(i18n::SCENARIO_FILE),
                record.scenario_file_sha256
            ),
        );
        let page = html::compare::comparison_page(&view, report.lang)?;
        staging.write(html::HTML_FILE, page.as_bytes())?;
    }
    staging.commit()
}

/// (case, title, rationale) of every described case in the report's language.
fn described(record: &BatchRecord, lang: html::Lang) -> Vec<(String, String, String)> {
    match lang {
        html::Lang::En => record
            .described
            .iter()
            .map(|d| (d.name.clone(), d.title.clone(), d.rationale.clone()))
            .collect(),
        html::Lang::Zh => record.described_in_chinese(),
    }
}
