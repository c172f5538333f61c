//! Mapping HiGHS model statuses to what a planner needs to know.

use highs::HighsModelStatus;

/// Outcome of a solve, as reported in `summary.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SolveStatus {
    /// Proven optimal (within the MIP gap for a MIP).
    Optimal,
    /// No plan satisfies every constraint.
    Infeasible,
    /// The objective can fall without bound (a modelling error).
    Unbounded,
    /// HiGHS could only tell that the model is infeasible or unbounded.
    InfeasibleOrUnbounded,
    /// Stopped at the time limit; an incumbent may exist.
    TimeLimit,
    /// Stopped at an iteration, solution or memory limit, or interrupted.
    OtherLimit,
    /// HiGHS failed (load, presolve, solve or postsolve error).
    SolverError,
}

impl SolveStatus {
    pub fn from_highs(status: HighsModelStatus) -> SolveStatus {
        use HighsModelStatus as H;
        match status {
            // An empty model (no rows, no columns) is trivially optimal.
            H::Optimal | H::ModelEmpty => SolveStatus::Optimal,
            H::Infeasible => SolveStatus::Infeasible,
            H::Unbounded => SolveStatus::Unbounded,
            H::UnboundedOrInfeasible => SolveStatus::InfeasibleOrUnbounded,
            H::ReachedTimeLimit => SolveStatus::TimeLimit,
            // Early stops: a plan may exist, but nothing proves it optimal.
            H::ReachedIterationLimit
            | H::ReachedSolutionLimit
            | H::ReachedInterrupt
            | H::ReachedMemoryLimit
            | H::ObjectiveBound
            | H::ObjectiveTarget => SolveStatus::OtherLimit,
            _ => SolveStatus::SolverError,
        }
    }

    /// The model itself has no plan (infeasible or unbounded), as opposed to
    /// the solver stopping or failing before it found one.
    pub fn is_no_plan(self) -> bool {
        matches!(
            self,
            SolveStatus::Infeasible | SolveStatus::Unbounded | SolveStatus::InfeasibleOrUnbounded
        )
    }

    pub fn id(self) -> &'static str {
        match self {
            SolveStatus::Optimal => "optimal",
            SolveStatus::Infeasible => "infeasible",
            SolveStatus::Unbounded => "unbounded",
            SolveStatus::InfeasibleOrUnbounded => "infeasible_or_unbounded",
            SolveStatus::TimeLimit => "time_limit",
            SolveStatus::OtherLimit => "limit_reached",
            SolveStatus::SolverError => "solver_error",
        }
    }

    /// What the status means for the plan, in a sentence.
    pub fn explain(self) -> &'static str {
        match self {
            SolveStatus::Optimal => "the plan is optimal",
            SolveStatus::Infeasible => {
                "no plan meets every constraint; with --hard-targets, a target may be out of reach of the budgets"
            }
            SolveStatus::Unbounded => "the objective is unbounded; check the objective weights",
            SolveStatus::InfeasibleOrUnbounded => "the model is infeasible or unbounded",
            SolveStatus::TimeLimit => "the time limit was reached; the plan shown is the best found, with its gap",
            SolveStatus::OtherLimit => "a solver limit was reached before optimality",
            SolveStatus::SolverError => "the solver failed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use highs::HighsModelStatus as H;

    #[test]
    fn every_highs_status_has_a_meaning() {
        assert_eq!(SolveStatus::from_highs(H::Optimal), SolveStatus::Optimal);
        assert_eq!(
            SolveStatus::from_highs(H::Infeasible),
            SolveStatus::Infeasible
        );
        assert_eq!(
            SolveStatus::from_highs(H::Unbounded),
            SolveStatus::Unbounded
        );
        assert_eq!(
            SolveStatus::from_highs(H::UnboundedOrInfeasible),
            SolveStatus::InfeasibleOrUnbounded
        );
        assert_eq!(
            SolveStatus::from_highs(H::ReachedTimeLimit),
            SolveStatus::TimeLimit
        );
        assert_eq!(
            SolveStatus::from_highs(H::ReachedIterationLimit),
            SolveStatus::OtherLimit
        );
        assert_eq!(
            SolveStatus::from_highs(H::SolveError),
            SolveStatus::SolverError
        );
        assert_eq!(
            SolveStatus::from_highs(H::ObjectiveBound),
            SolveStatus::OtherLimit
        );
        assert_eq!(
            SolveStatus::from_highs(H::ObjectiveTarget),
            SolveStatus::OtherLimit
        );
        assert_eq!(SolveStatus::TimeLimit.id(), "time_limit");
    }
}
