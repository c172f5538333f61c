//! (PIPE) drift (docs/model.md §10): the model's level, base level plus
//! segments, stays at or below the ceiling,
//! `s[k,t] = b_k,t + Σ_j z[k,j,t] ≤ smax_k`, for every item that drifts.
//! (Pipeline effort is checked inside the response, `response.rs`, and the
//! realised levels, `realised.rs`.)

use super::Context;

pub fn check(c: &mut Context) {
    let (inst, plan) = (c.inst, c.plan);
    for (k, item) in inst.items.iter().enumerate() {
        if item.drift == 0.0 {
            continue;
        }
        for t in 0..inst.years.len() {
            c.r.at_most(
                || format!("PIPE drift_ceiling({},{})", item.id, inst.years[t]),
                plan.model_level(inst, k, t),
                item.smax,
                1.0,
            );
        }
    }
}
