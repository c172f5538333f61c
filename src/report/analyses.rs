//! Analyses of one solve that its outputs include when they were computed:
//! one-sided marginal values, exchange rates, and the explanation of a
//! solve without a plan. Computed by `analysis`, formatted here.

use crate::analysis::explain::Explanation;
use crate::analysis::infeasibility::Infeasibility;

/// What `solve` or `sensitivity` computed beyond the checked solve.
#[derive(Debug, Clone, Default)]
pub struct Analyses {
    /// Why there is no plan (written as infeasibility.md and infeasibility.json).
    pub infeasibility: Option<Infeasibility>,
    /// One-sided marginal values and exchange rates of the plan.
    pub explanation: Option<Explanation>,
    /// Why the explanation is missing although a plan exists.
    pub explanation_error: Option<String>,
}
