//! Analysis built on a solved plan: realised self-sufficiency and the reading
//! of duals by meaning.

pub mod duals;
pub mod live;
pub mod montecarlo;
pub mod ranging;
pub mod realise;
pub mod sweep;
pub mod tornado;

use crate::run::RunError;
use crate::solve::SolveError;

/// Why a sweep, tornado or Monte Carlo run produced no result.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// Bad options (exit status 2).
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Run(#[from] RunError),
    #[error(transparent)]
    Solve(#[from] SolveError),
    /// A plan failed the independent check (exit status 3).
    #[error("the independent check rejected the plan {context}: {what}")]
    Check { context: String, what: String },
}

/// Reads the plan of a solved point and checks it independently; a failed
/// check is an error naming `context` (e.g. "at 0.8", "of sample 12").
pub(crate) fn checked_plan(
    inst: &crate::instance::Instance,
    layout: &crate::model::Layout,
    run: &crate::run::RunOptions,
    objective: crate::instance::ObjectiveWeights,
    outcome: &crate::solve::Outcome,
    context: impl FnOnce() -> String,
) -> Result<(crate::plan::Plan, crate::check::CheckReport), AnalysisError> {
    let plan = crate::plan::Plan::from_columns(inst, &layout.columns, &outcome.columns);
    let options = crate::check::CheckOptions {
        relax: run.relax,
        hard_targets: run.hard_targets,
        objective,
        optimal: outcome.status == crate::solve::SolveStatus::Optimal,
    };
    let check = crate::check::check_plan(inst, &plan, &options, outcome.objective);
    if !check.passed {
        let what = check
            .violations
            .first()
            .map(|v| v.what.clone())
            .unwrap_or_default();
        return Err(AnalysisError::Check {
            context: context(),
            what,
        });
    }
    Ok((plan, check))
}
