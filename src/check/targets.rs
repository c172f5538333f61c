//! (G) targets — for every g: `S[g] + u[g] ≥ θ_g`, with
//! `S[g] = Σ_{k∈K_g} w_k s[k,t_g] / Σ_{k∈K_g} w_k`; at a proven optimum with
//! a positive penalty, u[g] is exactly the gap to the target. A count
//! target is checked by its own rule (`count_targets`).

use super::{CheckOptions, Context};
use crate::instance::TargetMetric;

pub fn check(c: &mut Context, opts: &CheckOptions) {
    let (inst, plan) = (c.inst, c.plan);
    for (g, target) in inst.targets.iter().enumerate() {
        if target.metric == TargetMetric::Count {
            continue;
        }
        let total = inst.group_weight(&target.items);
        let level: f64 = target
            .items
            .iter()
            .map(|&k| inst.items[k].weight_yi * plan.model_level(inst, k, target.year))
            .sum::<f64>()
            / total;
        let u = plan.shortfall[g];
        c.r.at_least(
            || format!("G target({})", target.id),
            level + u,
            target.level,
            1.0,
        );
        if opts.optimal && target.penalty_yi_per_point > 0.0 {
            let gap = (target.level - level).max(0.0);
            c.r.at_most(
                || {
                    format!(
                        "G shortfall accounting({}): u equals the gap to the target",
                        target.id
                    )
                },
                u,
                gap,
                1.0,
            );
        }
    }
}
