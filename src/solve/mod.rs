//! The solver session (HiGHS through the `highs` crate, and `highs-sys`
//! where the safe API stops): options, status mapping, solutions and duals,
//! duals of a MIP from the LP with integers fixed, in-place modification and
//! warm re-solve, irreducible infeasible subsets and the feasibility
//! relaxation, and export of the exact model.

pub mod basis;
pub mod iis;
pub mod interrupt;
pub mod options;
pub mod ranging;
pub mod session;
pub mod status;

pub use basis::Basis;
pub use iis::{ElasticSolution, Iis, IisBound, IisMember};
pub use options::{LpAlgorithm, Presolve, SimplexStrategy, SolverOptions};
pub use ranging::Ranging;
pub use session::{highs_version, DualSource, Outcome, Session};
pub use status::SolveStatus;

/// Failures of the solver layer (not of the plan: an infeasible model is an
/// [`Outcome`] with status `infeasible`, not an error).
#[derive(Debug, thiserror::Error)]
pub enum SolveError {
    #[error("solver: {0}")]
    Highs(String),
    #[error("output: {0}")]
    Output(String),
    /// SIGINT or SIGTERM stopped the solver (exit status 130).
    #[error("the solve was interrupted (Ctrl-C or SIGTERM)")]
    Interrupted,
}

impl crate::exit::HasExitStatus for SolveError {
    fn exit_status(&self) -> crate::exit::ExitStatus {
        match self {
            SolveError::Highs(_) => crate::exit::ExitStatus::SolverFailed,
            SolveError::Output(_) => crate::exit::ExitStatus::Output,
            SolveError::Interrupted => crate::exit::ExitStatus::Interrupted,
        }
    }
}
