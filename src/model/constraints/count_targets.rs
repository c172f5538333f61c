//! (CT) count targets (docs/model.md §10): a target with `metric = "count"`
//! counts the items of its group that reach their assurance threshold α_k,
//! with a binary a[k,g] per item:
//!
//! ```text
//! s[k,t_g] ≥ α_k · a[k,g]                   (family `assured`)
//! Σ_{k∈K_g} a[k,g] / |K_g| + u[g] ≥ θ_g      (the target's own row, family `target`)
//! ```
//!
//! *Implementation:* the `assured` row is written
//! `Σ_j z[k,j,t_g] ≥ (α_k − s0_k)⁺ · a[k,g]`. For a ∈ {0, 1} it allows
//! exactly the plans of `s0_k + Σ_j z ≥ α_k a` (a = 0: z ≥ 0 anyway; a = 1:
//! the same row), but a fractional a of the LP relaxation must then pay for
//! its share of the climb from s0_k instead of counting the initial share:
//! with `α_k a` alone, every item with s0_k > 0 is partly "assured" for
//! free and the relaxation bounds nothing.

use good_lp::Expression;

use crate::instance::{Instance, TargetMetric};
use crate::model::{Columns, RowKey, RowSink};

/// Σ_k a[k,g]/|K_g| + u[g]: the left side of count target `g`'s level row
/// (its right side is θ_g).
pub fn level_lhs(inst: &Instance, c: &Columns, g: usize) -> Expression {
    let per_item = 1.0 / inst.targets[g].items.len() as f64;
    let mut lhs = Expression::with_capacity(c.assured[g].len() + 1);
    for &a in &c.assured[g] {
        lhs.add_mul(per_item, c.var(a));
    }
    lhs.add_mul(1.0, c.var(c.shortfall[g]));
    lhs
}

/// (α_k − s0_k)⁺: how far item `k` must climb to count for target `g`.
pub fn climb(inst: &Instance, g: usize, k: usize) -> f64 {
    let item = &inst.items[k];
    (inst.targets[g].threshold(item) - item.s0).max(0.0)
}

/// Σ_j z[k,j,t_g] − (α_k − s0_k)⁺ a[k,g] ≥ 0 for every item of every count target.
pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let n_j = inst.model.response_multipliers.len();
    for (g, target) in inst.targets.iter().enumerate() {
        if target.metric != TargetMetric::Count {
            continue;
        }
        for (&k, &a) in target.items.iter().zip(&c.assured[g]) {
            let mut lhs = Expression::with_capacity(n_j + 1);
            for j in 0..n_j {
                lhs.add_mul(1.0, c.var(c.segment(k, j, target.year)));
            }
            lhs.add_mul(-climb(inst, g, k), c.var(a));
            rows.geq(RowKey::Assured { item: k, target: g }, lhs, 0.0);
        }
    }
}
