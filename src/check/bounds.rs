//! Bounds, eligibility and integrality of every decision (docs/model.md §4):
//! e ≥ 0 only where the instrument may work, y ∈ {0,1}, n ∈ ℤ≥0, tr ≥ 0,
//! 0 ≤ z ≤ width, u ≥ 0 (= 0 with hard targets).

use super::{CheckOptions, Context};

pub fn check(c: &mut Context, opts: &CheckOptions) {
    let (inst, plan) = (c.inst, c.plan);
    let year = |t: usize| inst.years[t];
    for e in &plan.effort {
        let name = || {
            format!(
                "bound e({},{},{},{}) ≥ 0",
                inst.items[e.item].id,
                inst.provinces[e.province].id,
                inst.model.mode_id(e.mode),
                year(e.year)
            )
        };
        c.r.at_least(name, e.effort, 0.0, 1.0);
        if !inst.effort_allowed(e.item, e.province, e.mode) {
            c.r.fail(
                format!(
                    "e({},{},{}) is not an allowed instrument",
                    inst.items[e.item].id,
                    inst.provinces[e.province].id,
                    inst.model.mode_id(e.mode)
                ),
                e.effort.abs(),
                f64::INFINITY,
            );
        }
    }
    for s in &plan.sites {
        let name = || {
            format!(
                "y({},{})",
                inst.items[s.item].id, inst.provinces[s.province].id
            )
        };
        c.r.at_least(|| format!("bound {} ≥ 0", name()), s.value, 0.0, 1.0);
        c.r.at_most(|| format!("bound {} ≤ 1", name()), s.value, 1.0, 1.0);
        if !opts.relax {
            c.r.integral(s.value, name);
        }
    }
    for ((a, p, t), &n) in plan.new_platforms.indexed_iter() {
        let name = || {
            format!(
                "n({},{},{})",
                inst.areas[a].id,
                inst.provinces[p].id,
                year(t)
            )
        };
        c.r.at_least(|| format!("bound {} ≥ 0", name()), n, 0.0, 1.0);
        if !opts.relax {
            c.r.integral(n, name);
        }
    }
    for ((p, t), &tr) in plan.training_yi.indexed_iter() {
        c.r.at_least(
            || format!("bound tr({},{}) ≥ 0", inst.provinces[p].id, year(t)),
            tr,
            0.0,
            1.0,
        );
    }
    for ((k, j, t), &z) in plan.segments.indexed_iter() {
        let name = || format!("z({},{},{})", inst.items[k].id, j + 1, year(t));
        c.r.at_least(|| format!("bound {} ≥ 0", name()), z, 0.0, 1.0);
        c.r.at_most(
            || format!("bound {} ≤ width", name()),
            z,
            inst.segment_width(k),
            1.0,
        );
    }
    for (g, &u) in plan.shortfall.iter().enumerate() {
        let id = &inst.targets[g].id;
        c.r.at_least(|| format!("bound u({id}) ≥ 0"), u, 0.0, 1.0);
        if opts.hard_targets {
            c.r.at_most(|| format!("hard target u({id}) = 0"), u, 0.0, 1.0);
        }
    }
}
