//! Writing the results of a solve: CSV tables, `summary.json`, `report.md`
//! and `report.html`, into an output folder written atomically.

pub mod alternatives;
pub mod batch;
pub mod comparison;
pub mod diff;
pub mod diff_zh;
pub mod frontier;
pub mod headline;
pub mod horizon_end;
pub mod html;
pub mod infeasibility;
pub mod margins;
pub mod markdown;
pub mod montecarlo;
pub mod pools;
pub mod relax;
pub mod rerun;
pub mod robust;
pub mod rolling;
pub mod summary;
pub mod sweep;
pub mod tables;
pub mod tornado;
pub mod training_budget;
pub mod xlsx;

use crate::charts::ChartError;

use std::path::Path;
use std::time::Instant;

pub use crate::analysis::case::Analyses;
use crate::instance::Instance;
use crate::output::atomic;
pub use crate::output::OutputError;
use crate::results::summary::BatchStamp;
use crate::run::RunResult;
use crate::solve::SolverOptions;

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
    batch: Option<BatchStamp>,
) -> Result<(), OutputError> {
    let started = Instant::now();
    let mut staging = atomic::Staging::new(dir, "solve")?;
    let targets = result
        .findings
        .as_ref()
        .map_or(&[][..], |found| &found.targets[..]);
    write_plan_tables(&mut staging, inst, result, analyses, targets)?;
    let rerun = rerun::Rerun {
        inst,
        build: &result.build,
        preset: &result.objective_preset,
        out: dir,
    };
    if let Some(inf) = &analyses.infeasibility {
        staging.write(
            "infeasibility.md",
            infeasibility::markdown(inst, inf, &rerun).as_bytes(),
        )?;
        staging.write(
            "infeasibility.json",
            format!("{:#}\n", infeasibility::json(inst, inf)).as_bytes(),
        )?;
    }
    let headline = result
        .findings
        .as_ref()
        .map(|found| crate::analysis::headline::headline(inst, found, analyses));
    write_readable(
        &mut staging,
        inst,
        result,
        analyses,
        headline.as_ref(),
        &rerun,
        report,
    )?;
    result.timings.write_s = started.elapsed().as_secs_f64();
    let summary = summary::summary(
        inst,
        result,
        targets,
        solver,
        analyses,
        headline.as_ref(),
        batch,
    );
    let workbook = xlsx::plan_workbook(&staging, &summary, report.lang)?;
    staging.write(xlsx::PLAN_FILE, &workbook)?;
    staging.write_summary(&summary)?;
    staging.commit()
}

/// The plan's tables (allocation, shares, targets, sites, … and the tables
/// only some instances or studies have): nothing without a plan.
fn write_plan_tables(
    staging: &mut atomic::Staging,
    inst: &Instance,
    result: &RunResult,
    analyses: &Analyses,
    targets: &[crate::readback::targets::TargetRow],
) -> Result<(), OutputError> {
    let (Some(plan), Some(realised), Some(found)) =
        (&result.plan, &result.realised, &result.findings)
    else {
        return Ok(());
    };
    staging.write("allocation.csv", &tables::allocation(inst, plan)?)?;
    staging.write(
        "self_sufficiency.csv",
        &tables::self_sufficiency(inst, realised, found)?,
    )?;
    staging.write(
        "targets.csv",
        &tables::targets(targets, analyses.explanation.as_ref().map(|e| &e.marginal))?,
    )?;
    staging.write("target_groups.csv", &tables::target_groups(inst, found)?)?;
    staging.write("sites.csv", &tables::sites(inst, plan)?)?;
    staging.write("platforms.csv", &tables::platforms(inst, plan)?)?;
    staging.write("training.csv", &tables::training(inst, plan)?)?;
    staging.write("duals.csv", &tables::duals(inst, result)?)?;
    if !inst.pools.is_empty() {
        let marginal = analyses.explanation.as_ref().map(|e| &e.marginal);
        staging.write("pools.csv", &pools::pools_csv(inst, found, marginal)?)?;
        staging.write("pool_spending.csv", &pools::pool_spending_csv(inst, plan)?)?;
    }
    if inst.training_budget.is_given() {
        let marginal = analyses.explanation.as_ref().map(|e| &e.marginal);
        staging.write(
            "training_budget.csv",
            &training_budget::csv(inst, plan, marginal)?,
        )?;
    }
    if inst.horizon_end.is_some() {
        staging.write("after_horizon.csv", &horizon_end::csv(inst, plan)?)?;
    }
    if let Some(r) = &analyses.rolling {
        staging.write("rolling.csv", &rolling::csv(r)?)?;
    }
    if let Some(study) = &analyses.robust {
        staging.write("robust.csv", &robust::csv(inst, study)?)?;
    }
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
    Ok(())
}

/// report.md and report.html, as `report` asks, in its language.
fn write_readable(
    staging: &mut atomic::Staging,
    inst: &Instance,
    result: &RunResult,
    analyses: &Analyses,
    headline: Option<&crate::analysis::headline::Headline>,
    rerun: &rerun::Rerun,
    report: html::ReportOptions,
) -> Result<(), OutputError> {
    if report.format.markdown() {
        staging.write(
            "report.md",
            markdown::report(inst, result, analyses, headline, rerun, report.lang).as_bytes(),
        )?;
    }
    if report.format.html() {
        let threshold_notes = analyses.explanation.as_ref().map_or_else(Vec::new, |ex| {
            margins::threshold_notes(inst, &ex.exchange, report.lang)
        });
        let page = html::solve_page(
            inst,
            result,
            &threshold_notes,
            analyses,
            headline,
            report.lang,
        )?;
        staging.write(html::HTML_FILE, page.as_bytes())?;
    }
    Ok(())
}

/// A chart that cannot be drawn fails the output folder it belongs to.
impl From<ChartError> for OutputError {
    fn from(e: ChartError) -> Self {
        OutputError {
            path: format!("chart {}", e.chart).into(),
            message: e.message,
        }
    }
}
