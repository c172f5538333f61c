//! (R) response, in the reference (direct) form, from the effort itself —
//! for every k, t:
//!
//! ```text
//! Σ_j z[k,j,t] / (gain_k μ_j)  ≤  Σ_{t′ ≤ t−L_k} Σ_{p,m} η_m adv_kp e[k,p,m,t′]
//! ```
//!
//! with docs/model.md §10: the right side also holds the pipeline effort
//! that has taken effect by t (PIPE), less Θ_k b[k,t] for an item with an
//! R&D threshold (THR).

use super::Context;
use crate::plan::cumulative_effective_effort;

pub fn check(c: &mut Context) {
    let (inst, plan) = (c.inst, c.plan);
    let q = cumulative_effective_effort(inst, plan);
    for (k, item) in inst.items.iter().enumerate() {
        for t in 0..inst.years.len() {
            let needed: f64 = inst
                .model
                .response_multipliers
                .iter()
                .enumerate()
                .map(|(j, mu)| plan.segments[[k, j, t]] / (item.gain_per_effort * mu))
                .sum();
            let available = q[[k, t]] - item.rd_threshold * plan.threshold_passed[[k, t]];
            c.r.at_most(
                || format!("R response({},{})", item.id, inst.years[t]),
                needed,
                available,
                needed.max(q[[k, t]]),
            );
        }
    }
}
