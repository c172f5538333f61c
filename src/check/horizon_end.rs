//! (END) the share bought after the horizon (docs/model.md §10), from the
//! effort itself — for every item k and segment j:
//!
//! ```text
//! 0 ≤ z_post[k,j] ≤ width_kj,   z[k,j,tN] + z_post[k,j] ≤ width_kj
//! Σ_j z_post[k,j] / (gain_k μ_j) ≤ Σ_{t > tN−L_k} Σ_{p,m} η_m adv_kp e[k,p,m,t]
//! s[k,tN] − b_k,tN + Σ_j z_post[k,j] ≤ resp_k(Q[k,tN+L_k]) − s0_k
//! ```
//!
//! The last rule is what the first three imply (segments fill in order),
//! stated on the realised response of the whole end-of-horizon stock. With
//! the horizon's end not valued, every z_post must be zero.

use super::Context;
use crate::readback::realise::response;

pub fn check(c: &mut Context) {
    let (inst, plan) = (c.inst, c.plan);
    let n_j = inst.model.response_multipliers.len();
    let last = inst.years.len() - 1;
    let mut after_horizon = vec![0.0; inst.items.len()];
    let mut end_stock = vec![0.0; inst.items.len()];
    for e in &plan.effort {
        let eff = inst.model.mode(e.mode).productivity * inst.adv(e.item, e.province) * e.effort;
        end_stock[e.item] += eff;
        if inst.years_effective_after_horizon(e.item).contains(&e.year) {
            after_horizon[e.item] += eff;
        }
    }
    for (k, item) in inst.items.iter().enumerate() {
        let width = if inst.horizon_end.is_some() {
            inst.segment_width(k)
        } else {
            0.0
        };
        let mut needed = 0.0;
        let mut gained = 0.0;
        for j in 0..n_j {
            let z_post = plan.segments_after_horizon[[k, j]];
            let name = || format!("zpost({},{})", item.id, j + 1);
            c.r.at_least(|| format!("bound {} ≥ 0", name()), z_post, 0.0, 1.0);
            c.r.at_most(|| format!("bound {} ≤ {width}", name()), z_post, width, 1.0);
            if inst.horizon_end.is_some() {
                let room = plan.segments[[k, j, last]] + z_post;
                c.r.at_most(
                    || format!("END segment_after_horizon({},{})", item.id, j + 1),
                    room,
                    width,
                    room.max(1.0),
                );
            }
            needed += z_post / (item.gain_per_effort * inst.model.response_multipliers[j]);
            gained += z_post;
        }
        c.r.at_most(
            || format!("END response_after_horizon({})", item.id),
            needed,
            after_horizon[k],
            needed.max(after_horizon[k]),
        );
        if inst.horizon_end.is_none() {
            continue;
        }
        // Gains over the base level, so that drift (which moves the base, not
        // the response) and R&D thresholds (which only delay it) leave the
        // bound valid; pipeline effort is part of the end-of-horizon stock.
        let pipeline: f64 = inst
            .pipeline
            .get(k)
            .map_or(0.0, |rows| rows.iter().map(|p| p.effective_effort).sum());
        let in_horizon = plan.model_level(inst, k, last) - inst.base_level(k, last);
        let reachable = response(inst, k, end_stock[k] + pipeline) - item.s0;
        c.r.at_most(
            || format!("END realised level after the horizon({})", item.id),
            in_horizon + gained,
            reachable,
            1.0,
        );
    }
}
