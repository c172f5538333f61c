//! (G) targets, for every target g:
//!
//! ```text
//! S[g] + u[g] ≥ θ_g,   S[g] = Σ_{k∈K_g} w_k s[k,t_g] / Σ_{k∈K_g} w_k
//! ```
//!
//! written with s = s0 + Σ_j z so the constant part moves to the right side
//! (with drift, s = b_k,t + Σ_j z, docs/model.md §10 (PIPE)).
//! A count target's row counts assured items instead (see [`super::count_targets`]).

use good_lp::Expression;

use crate::instance::{Instance, TargetMetric};
use crate::model::{Columns, RowKey, RowSink};

/// θ_g − Σ_k (w_k/Σw) b_k,t_g: the right-hand side of target `g` (share);
/// θ_g for a count target, whose row holds no shares.
pub fn rhs(inst: &Instance, g: usize) -> f64 {
    let target = &inst.targets[g];
    match target.metric {
        TargetMetric::Weighted => target.level - inst.base_group_level(&target.items, target.year),
        TargetMetric::Count => target.level,
    }
}

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let n_j = inst.model.response_multipliers.len();
    for (g, target) in inst.targets.iter().enumerate() {
        if target.metric == TargetMetric::Count {
            let lhs = super::count_targets::level_lhs(inst, c, g);
            rows.geq(RowKey::Target { target: g }, lhs, rhs(inst, g));
            continue;
        }
        let total_weight = inst.group_weight(&target.items);
        let mut lhs = Expression::with_capacity(target.items.len() * n_j + 1);
        for &k in &target.items {
            let share = inst.items[k].weight_yi / total_weight;
            for j in 0..n_j {
                lhs.add_mul(share, c.var(c.segment(k, j, target.year)));
            }
        }
        lhs.add_mul(1.0, c.var(c.shortfall[g]));
        rows.geq(RowKey::Target { target: g }, lhs, rhs(inst, g));
    }
}
