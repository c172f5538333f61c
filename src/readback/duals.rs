//! Duals read by meaning: each row's family, keys, year, dual, unit and
//! whether it binds. A dual is one-sided at a degenerate optimum; what one
//! more unit is worth is measured in `analysis::marginal`.

use crate::model::{RowBounds, RowKey};
use crate::solve::Outcome;
use crate::tolerances::BINDING_TOL;

/// The dual of one row.
#[derive(Debug, Clone)]
pub struct DualRow {
    pub key: RowKey,
    /// ∂objective/∂(right-hand side) [see `unit`].
    pub dual: f64,
    /// Row activity Σ a·x.
    pub activity: f64,
    /// Distance to the nearest finite bound (0 when binding).
    pub slack: f64,
    pub binding: bool,
}

/// Duals of every row, in formulation order.
pub fn dual_rows(keys: &[RowKey], bounds: &[RowBounds], outcome: &Outcome) -> Vec<DualRow> {
    if outcome.row_duals.len() != keys.len() {
        return Vec::new();
    }
    keys.iter()
        .zip(bounds)
        .enumerate()
        .map(|(i, (key, b))| {
            let activity = outcome.row_activity[i];
            let slack = [b.upper - activity, activity - b.lower]
                .into_iter()
                .filter(|s| s.is_finite())
                .fold(f64::INFINITY, f64::min)
                .max(0.0);
            let scale = b.upper.abs().min(b.lower.abs()).max(1.0);
            DualRow {
                key: *key,
                dual: outcome.row_duals[i],
                activity,
                slack,
                binding: slack <= BINDING_TOL * scale,
            }
        })
        .collect()
}

impl DualRow {
    /// Whether the row's limit has a price: binding with a non-zero dual.
    pub fn is_priced(&self) -> bool {
        self.binding && self.dual.abs() > 1e-9
    }
}

/// How many priced rows (binding, non-zero dual) each family has, by family name.
pub fn priced_by_family(duals: &[DualRow]) -> Vec<(&'static str, usize)> {
    let mut by_family: std::collections::BTreeMap<&'static str, usize> = Default::default();
    for d in duals.iter().filter(|d| d.is_priced()) {
        *by_family.entry(d.key.family()).or_insert(0) += 1;
    }
    by_family.into_iter().collect()
}
