//! (THR) R&D thresholds (docs/model.md §10), for every item k with Θ_k > 0
//! and year t, from the plan's b[k,t] and segments:
//!
//! ```text
//! b[k,t] ∈ {0,1} (unless relaxed),   b[k,t] ≤ b[k,t+1],
//! Σ_j z[k,j,t] ≤ (smax_k − s0_k) · b[k,t]
//! ```
//!
//! The third row, `Σ_j z/(gain μ_j) ≤ Q[k,t] − Θ_k b[k,t]`, is checked with
//! the response (`response.rs`).

use super::{CheckOptions, Context};

/// Every threshold rule of every item that has one.
pub fn check(c: &mut Context, opts: &CheckOptions) {
    for k in 0..c.inst.items.len() {
        if c.inst.has_threshold(k) {
            integral(c, opts, k);
            order(c, k);
            gate(c, k);
        }
    }
}

/// b[k,t] is 0 or 1, unless the plan solves the relaxation.
fn integral(c: &mut Context, opts: &CheckOptions, k: usize) {
    let (inst, plan) = (c.inst, c.plan);
    for t in 0..inst.years.len() {
        let b = plan.threshold_passed[[k, t]];
        c.r.at_least(
            || format!("THR b({},{}) ≥ 0", inst.items[k].id, inst.years[t]),
            b,
            0.0,
            1.0,
        );
        c.r.at_most(
            || format!("THR b({},{}) ≤ 1", inst.items[k].id, inst.years[t]),
            b,
            1.0,
            1.0,
        );
        if !opts.relax {
            c.r.integral(b, || {
                format!("THR b({},{})", inst.items[k].id, inst.years[t])
            });
        }
    }
}

/// A threshold once passed stays passed: b[k,t] ≤ b[k,t+1].
fn order(c: &mut Context, k: usize) {
    let (inst, plan) = (c.inst, c.plan);
    for t in 1..inst.years.len() {
        c.r.at_most(
            || {
                format!(
                    "THR threshold_order({},{})",
                    inst.items[k].id,
                    inst.years[t - 1]
                )
            },
            plan.threshold_passed[[k, t - 1]],
            plan.threshold_passed[[k, t]],
            1.0,
        );
    }
}

/// No share before the threshold: Σ_j z[k,j,t] ≤ (smax − s0) b[k,t].
fn gate(c: &mut Context, k: usize) {
    let (inst, plan) = (c.inst, c.plan);
    let item = &inst.items[k];
    for t in 0..inst.years.len() {
        let gained: f64 = (0..plan.segments.dim().1)
            .map(|j| plan.segments[[k, j, t]])
            .sum();
        c.r.at_most(
            || format!("THR threshold_gate({},{})", item.id, inst.years[t]),
            gained,
            (item.smax - item.s0) * plan.threshold_passed[[k, t]],
            1.0,
        );
    }
}
