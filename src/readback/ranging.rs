//! Ranging by meaning: for each binding resource row, the right-hand-side
//! interval over which its dual holds; for each effort in the plan, the cost
//! interval over which the plan stays optimal.

use crate::instance::Instance;
use crate::model::constraints::limit_offset;
use crate::model::{ColumnKey, Layout, RowKey};
use crate::solve::{Outcome, Ranging};
use crate::tolerances::PRINT_ZERO;

/// A row's right-hand-side range.
#[derive(Debug, Clone)]
pub struct RowRange {
    pub key: RowKey,
    /// Current right-hand side (the bound that binds), as the solver holds it.
    pub rhs: f64,
    /// What turns the solver's right-hand side into the limit as the
    /// instance states it (a target's level, a chain link's lead): added to
    /// `rhs` and to both ends of the interval
    /// ([`crate::model::constraints::limit_offset`]).
    pub limit_offset: f64,
    pub dual: f64,
    pub rhs_lower: f64,
    pub rhs_upper: f64,
    pub objective_at_lower: f64,
    pub objective_at_upper: f64,
}

impl RowRange {
    /// The limit now, as the instance states it (a target's level).
    pub fn limit(&self) -> f64 {
        self.rhs + self.limit_offset
    }

    /// The interval over which the dual holds, in the limit's own terms.
    pub fn limit_interval(&self) -> (f64, f64) {
        (
            self.rhs_lower + self.limit_offset,
            self.rhs_upper + self.limit_offset,
        )
    }
}

/// An effort column's cost range.
#[derive(Debug, Clone)]
pub struct CostRange {
    pub key: ColumnKey,
    pub effort: f64,
    /// Objective coefficient [亿元 of objective per effort unit, discounted].
    pub cost: f64,
    pub cost_lower: f64,
    pub cost_upper: f64,
}

/// Rows whose ranging a planner reads: resources, targets and links (not the
/// technical stock, response and site-link rows).
pub fn is_resource_row(key: &RowKey) -> bool {
    !matches!(
        key,
        RowKey::Stock { .. }
            | RowKey::Response { .. }
            | RowKey::SiteLink { .. }
            | RowKey::SiteMinimum { .. }
            | RowKey::AreaFunding { .. }
            | RowKey::CentralFunding { .. }
            | RowKey::PoolSplit { .. }
            | RowKey::PoolPlatformSplit { .. }
            | RowKey::ModeFunding { .. }
            | RowKey::ResponseAfterHorizon { .. }
            | RowKey::SegmentAfterHorizon { .. }
    )
}

/// Reads ranging by meaning for binding resource rows and effort in the plan.
pub fn ranges(
    inst: &Instance,
    layout: &Layout,
    outcome: &Outcome,
    ranging: &Ranging,
) -> (Vec<RowRange>, Vec<CostRange>) {
    let mut rows = Vec::new();
    for (i, key) in layout.rows.iter().enumerate() {
        if !is_resource_row(key) || outcome.row_duals.get(i).is_none_or(|d| d.abs() < 1e-9) {
            continue;
        }
        let b = layout.row_bounds[i];
        let activity = outcome.row_activity[i];
        let rhs = if (b.upper - activity).abs() <= (activity - b.lower).abs() {
            b.upper
        } else {
            b.lower
        };
        rows.push(RowRange {
            key: *key,
            rhs,
            limit_offset: limit_offset(inst, key),
            dual: outcome.row_duals[i],
            rhs_lower: ranging.row_bound_dn[i],
            rhs_upper: ranging.row_bound_up[i],
            objective_at_lower: ranging.row_bound_dn_objective[i],
            objective_at_upper: ranging.row_bound_up_objective[i],
        });
    }
    let mut cols = Vec::new();
    for (j, key) in layout.columns.iter().enumerate() {
        if let ColumnKey::Effort { .. } = key {
            let effort = outcome.columns[j];
            if effort > PRINT_ZERO {
                cols.push(CostRange {
                    key: *key,
                    effort,
                    cost: layout.costs[j],
                    cost_lower: ranging.col_cost_dn[j],
                    cost_upper: ranging.col_cost_up[j],
                });
            }
        }
    }
    (rows, cols)
}
