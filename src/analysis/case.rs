//! One case solved as `solve` does it: the checked solve, then what its
//! outputs explain — one-sided marginal values and exchange rates of the
//! plan, or why there is no plan. `solve`, `sensitivity` and every scenario
//! of a batch go through here, so they agree.

use super::explain::{explain_plan, Explanation};
use super::infeasibility::{explain_infeasibility, Infeasibility};
use super::marginal::Depth;
use super::AnalysisError;
use crate::instance::Instance;
use crate::run::{solve_instance, RunOptions, RunResult};
use crate::solve::SolveStatus;

/// What `solve` or `sensitivity` computed beyond the checked solve.
#[derive(Debug, Clone, Default)]
pub struct Analyses {
    /// Why there is no plan (written as infeasibility.md and infeasibility.json).
    pub infeasibility: Option<Infeasibility>,
    /// One-sided marginal values and exchange rates of the plan.
    pub explanation: Option<Explanation>,
    /// Why the explanation is missing although a plan exists.
    pub explanation_error: Option<String>,
    /// The run was asked not to explain its plan (`solve --no-explain`).
    pub explanation_skipped: bool,
    /// The rolling plan beside the perfect-foresight plan (`solve --rolling`).
    pub rolling: Option<super::rolling::Rolling>,
    /// The sample-average plan judged beside the deterministic plan (`robust`).
    pub robust: Option<super::robust::RobustStudy>,
}

/// A solved, checked and explained case.
pub struct Case {
    pub result: RunResult,
    pub analyses: Analyses,
}

/// Solves `inst`, and when the independent check passed, explains the plan
/// (at `depth`; `None`: not at all) or the lack of one. A plan that fails
/// the check is returned with its report and no explanation: the caller
/// refuses to write it.
pub fn solve_case(
    inst: &Instance,
    opts: &RunOptions,
    depth: Option<Depth>,
) -> Result<Case, AnalysisError> {
    let mut result = solve_instance(inst, opts)?;
    let started = std::time::Instant::now();
    let mut analyses = Analyses::default();
    if result.check.as_ref().is_some_and(|c| !c.passed) {
        return Ok(Case { result, analyses });
    }
    analyses.explanation_skipped = result.plan.is_some() && depth.is_none();
    if let (Some(_), Some(depth)) = (&result.plan, depth) {
        match explain_plan(inst, opts, &result.outcome.columns, depth) {
            Ok(ex) => analyses.explanation = Some(ex),
            Err(AnalysisError::Solve(crate::solve::SolveError::Interrupted)) => {
                return Err(AnalysisError::Solve(crate::solve::SolveError::Interrupted))
            }
            Err(e) => analyses.explanation_error = Some(e.to_string()),
        }
    }
    if matches!(
        result.outcome.status,
        SolveStatus::Infeasible | SolveStatus::InfeasibleOrUnbounded
    ) {
        analyses.infeasibility = Some(explain_infeasibility(inst, opts)?);
    }
    result.timings.explain_s = started.elapsed().as_secs_f64();
    Ok(Case { result, analyses })
}
