//! Writing the results of a solve: CSV tables, `summary.json`, `report.md`
//! and `report.html`, into an output folder written atomically.

pub mod atomic;
pub mod batch;
pub mod charts;
pub mod comparison;
pub mod diff;
pub mod html;
pub mod infeasibility;
pub mod margins;
pub mod markdown;
pub mod montecarlo;
pub mod relax;
pub mod slurm;
pub mod summary;
pub mod sweep;
pub mod tables;
pub mod tornado;

use std::path::{Path, PathBuf};
use std::time::Instant;

pub use crate::analysis::case::Analyses;
use crate::instance::Instance;
use crate::run::RunResult;
use crate::solve::SolverOptions;

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

impl From<OutputError> for ReadError {
    fn from(e: OutputError) -> ReadError {
        ReadError {
            path: e.path,
            message: e.message,
        }
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

/// Writes every output of a solve into `dir`, whole or not at all.
pub fn write_outputs(
    dir: &Path,
    inst: &Instance,
    result: &mut RunResult,
    solver: &SolverOptions,
    report: html::ReportOptions,
) -> Result<(), OutputError> {
    write_outputs_with(
        dir,
        inst,
        result,
        solver,
        &Analyses::default(),
        report,
        None,
    )
}

/// As [`write_outputs`], with the analyses computed for this solve; `batch`
/// (a batch's record of the case: scenario, key) goes into summary.json.
pub fn write_outputs_with(
    dir: &Path,
    inst: &Instance,
    result: &mut RunResult,
    solver: &SolverOptions,
    analyses: &Analyses,
    report: html::ReportOptions,
    batch: Option<serde_json::Value>,
) -> Result<(), OutputError> {
    let started = Instant::now();
    let mut staging = atomic::Staging::new(dir, "solve")?;
    let targets = tables::target_rows(inst, result);
    if let Some(plan) = &result.plan {
        let realised = result
            .realised
            .as_ref()
            .expect("realised levels accompany a plan");
        staging.write("allocation.csv", &tables::allocation(inst, plan)?)?;
        staging.write(
            "self_sufficiency.csv",
            &tables::self_sufficiency(inst, plan, realised)?,
        )?;
        staging.write(
            "targets.csv",
            &tables::targets(&targets, analyses.explanation.as_ref().map(|e| &e.marginal))?,
        )?;
        staging.write("sites.csv", &tables::sites(inst, plan)?)?;
        staging.write("platforms.csv", &tables::platforms(inst, plan)?)?;
        staging.write("training.csv", &tables::training(inst, plan)?)?;
        staging.write("duals.csv", &tables::duals(inst, result)?)?;
        if result.outcome.ranging.is_some() {
            staging.write("ranging.csv", &tables::ranging(inst, result)?)?;
        }
        if let Some(ex) = &analyses.explanation {
            staging.write(
                "marginal_values.csv",
                &margins::marginal_csv(inst, &ex.marginal)?,
            )?;
            staging.write(
                "exchange_rates.csv",
                &margins::exchange_csv(inst, &ex.exchange)?,
            )?;
        }
    }
    if let Some(inf) = &analyses.infeasibility {
        staging.write(
            "infeasibility.md",
            infeasibility::markdown(inst, inf).as_bytes(),
        )?;
        staging.write(
            "infeasibility.json",
            format!("{:#}\n", infeasibility::json(inst, inf)).as_bytes(),
        )?;
    }
    if report.format.markdown() {
        staging.write(
            "report.md",
            markdown::report(inst, result, &targets, analyses).as_bytes(),
        )?;
    }
    if report.format.html() {
        let page = html::solve_page(inst, result, &targets, report.lang)?;
        staging.write(html::HTML_FILE, page.as_bytes())?;
    }
    result.timings.write_s = started.elapsed().as_secs_f64();
    let mut summary = summary::summary(inst, result, &targets, solver, analyses);
    if let Some(batch) = batch {
        summary["batch"] = batch;
    }
    staging.write_summary(&summary)?;
    staging.commit()
}
