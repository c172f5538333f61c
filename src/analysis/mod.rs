//! Analyses built on checked solves: the live model, sweeps, tornado and
//! Monte Carlo, and why a solve has no plan.

pub mod alternatives;
pub mod batch;
pub mod case;
pub mod compare;
pub mod distribution;
pub mod exchange;
pub mod explain;
pub mod frontier;
pub mod headline;
pub mod infeasibility;
pub mod live;
pub mod marginal;
pub mod montecarlo;
pub mod probe;
pub mod relax;
pub mod robust;
pub mod rolling;
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
    /// The base instance of an analysis has no plan (exit status 4).
    #[error("the base instance has no plan ({status}): {meaning}")]
    NoPlan {
        status: &'static str,
        meaning: &'static str,
    },
    /// A window of a rolling plan has no plan (exit status 4): what earlier
    /// windows fixed, or a target they did not see, leaves it none.
    #[error("the rolling plan's window {years} has no plan ({status}): {meaning}")]
    WindowNoPlan {
        years: String,
        status: &'static str,
        meaning: &'static str,
    },
}

impl AnalysisError {
    /// The error for a plan the independent check rejected.
    pub fn rejected(context: String, check: &crate::check::CheckReport) -> AnalysisError {
        AnalysisError::Check {
            context,
            what: check
                .violations
                .first()
                .map(|v| v.what.clone())
                .unwrap_or_default(),
        }
    }

    /// The error for a base solve that ended without a plan.
    pub fn no_plan(status: crate::solve::SolveStatus) -> AnalysisError {
        AnalysisError::NoPlan {
            status: status.id(),
            meaning: status.explain(),
        }
    }
}

impl crate::exit::HasExitStatus for AnalysisError {
    fn exit_status(&self) -> crate::exit::ExitStatus {
        use crate::exit::ExitStatus;
        match self {
            AnalysisError::Invalid(_) => ExitStatus::Input,
            AnalysisError::Run(e) => e.exit_status(),
            AnalysisError::Solve(e) => e.exit_status(),
            AnalysisError::Check { .. } => ExitStatus::CheckFailed,
            AnalysisError::NoPlan { .. } | AnalysisError::WindowNoPlan { .. } => ExitStatus::NoPlan,
        }
    }
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
    let plan = crate::readback::plan::plan_from_columns(inst, &layout.columns, &outcome.columns);
    let options = crate::check::CheckOptions {
        relax: run.relax,
        hard_targets: run.hard_targets,
        objective,
        optimal: outcome.status == crate::solve::SolveStatus::Optimal,
    };
    let check = passed_check(inst, &plan, &options, outcome.objective, context)?;
    Ok((plan, check))
}

/// Checks a plan independently; a failed check is an error naming
/// `context` and the largest violation. `claimed` is the solver's objective
/// where it is the model's own.
pub(crate) fn passed_check(
    inst: &crate::instance::Instance,
    plan: &crate::plan::Plan,
    options: &crate::check::CheckOptions,
    claimed: Option<f64>,
    context: impl FnOnce() -> String,
) -> Result<crate::check::CheckReport, AnalysisError> {
    let check = crate::check::check_plan(inst, plan, options, claimed);
    if !check.passed {
        return Err(AnalysisError::rejected(context(), &check));
    }
    Ok(check)
}
