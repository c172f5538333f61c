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
