//! (CT) count targets (docs/model.md §10), for every target with
//! `metric = "count"`:
//!
//! ```text
//! 0 ≤ a[k,g] ≤ 1, a ∈ {0,1} unless relaxed, one for every k ∈ K_g
//! s[k,t_g] ≥ α_k · a[k,g]                   (an item counts only once assured)
//! Σ_k a[k,g] / |K_g| + u[g] ≥ θ_g
//! ```
//!
//! and the count is honest: no more items are counted than reach their
//! threshold at their realised levels; at a proven optimum with a positive
//! penalty, u[g] is exactly the gap left by the counted items.

use super::{CheckOptions, Context};
use crate::instance::TargetMetric;
use crate::readback::realise::{assured_count, realised_levels};

pub fn check(c: &mut Context, opts: &CheckOptions) {
    let inst = c.inst;
    if !inst.targets.iter().any(|t| t.metric == TargetMetric::Count) {
        return;
    }
    let realised = realised_levels(inst, c.plan);
    for (g, target) in inst.targets.iter().enumerate() {
        if target.metric != TargetMetric::Count {
            continue;
        }
        let counted = assured_binaries(c, opts, g);
        let n = target.items.len() as f64;
        let u = c.plan.shortfall[g];
        c.r.at_least(
            || format!("CT count_target({})", target.id),
            counted / n + u,
            target.level,
            1.0,
        );
        // A relaxation's fractional a counts parts of items that no
        // realised level can show.
        if !opts.relax {
            honest_count(c, g, counted, &realised);
        }
        if opts.optimal && target.penalty_yi_per_point > 0.0 {
            let gap = (target.level - counted / n).max(0.0);
            c.r.at_most(
                || {
                    format!(
                        "CT shortfall accounting({}): u equals the gap left by the assured items",
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

/// Σ_k a[k,g] ≤ the items whose realised share reaches their threshold.
fn honest_count(c: &mut Context, g: usize, counted: f64, realised: &ndarray::Array2<f64>) {
    let target = &c.inst.targets[g];
    let (assured, n) = assured_count(c.inst, g, realised, target.year);
    c.r.at_most(
        || {
            format!(
                "CT count_target({}): items counted ≤ items whose realised share reaches their threshold",
                target.id
            )
        },
        counted,
        assured as f64,
        n as f64,
    );
}

/// Bounds, integrality and the `assured` row of every a[k,g] of target `g`;
/// returns Σ_k a[k,g]. An item of the group without its a[k,g] is a violation.
fn assured_binaries(c: &mut Context, opts: &CheckOptions, g: usize) -> f64 {
    let (inst, plan) = (c.inst, c.plan);
    let target = &inst.targets[g];
    let t = target.year;
    let mut counted = 0.0;
    for &k in &target.items {
        let item = &inst.items[k];
        let name = || format!("a({},{})", item.id, target.id);
        let Some(a) = plan
            .assured
            .iter()
            .find(|a| a.target == g && a.item == k)
            .map(|a| a.value)
        else {
            c.r.fail(
                format!("{}: missing from the plan", name()),
                1.0,
                f64::INFINITY,
            );
            continue;
        };
        c.r.at_least(|| format!("bound {} ≥ 0", name()), a, 0.0, 1.0);
        c.r.at_most(|| format!("bound {} ≤ 1", name()), a, 1.0, 1.0);
        if !opts.relax {
            c.r.integral(a, name);
        }
        c.r.at_least(
            || format!("CT assured({},{})", target.id, item.id),
            plan.model_level(inst, k, t),
            target.threshold(item) * a,
            1.0,
        );
        counted += a;
    }
    counted
}
