//! (POOL) funding pools (docs/model.md §10), in place of (BC) when an
//! instance gives pools — every pool pays only what it may, every effort
//! column's central funding is paid in full, and every pool balances:
//!
//! ```text
//! x[f,k,p,m,t] = 0 unless f may pay (k, m);  xp[f,t] = 0 unless f pays platforms
//! σ_m f_m e[k,p,m,t] = Σ_f x[f,k,p,m,t];     σplat φ Σ_{a,p} n[a,p,t] = Σ_f xp[f,t]
//! Σ x[f,·,t] + xp[f,t] + left[f,t] = B_f,t + κ_f left[f,t−1],   left[f,t] ≥ 0
//! ```

use std::collections::BTreeMap;

use super::Context;
use crate::instance::Mode;
use crate::plan::pools::pool_years;

/// Every rule of (POOL).
pub fn check(c: &mut Context) {
    eligibility(c);
    effort_split(c);
    platform_split(c);
    balance(c);
}

/// No pool pays for what it may not, and no payment is negative.
fn eligibility(c: &mut Context) {
    let inst = c.inst;
    for x in &c.plan.pool_funding {
        let pool = &inst.pools[x.pool];
        let what = || {
            format!(
                "POOL pool_eligibility({},{},{},{},{})",
                pool.id,
                inst.items[x.item].id,
                inst.provinces[x.province].id,
                inst.model.mode_id(x.mode),
                inst.years[x.year]
            )
        };
        c.r.at_least(what, x.funding_yi, 0.0, x.funding_yi.abs());
        if !pool.pays_for(&inst.items[x.item], x.item, x.mode) {
            c.r.at_most(what, x.funding_yi, 0.0, x.funding_yi.abs());
        }
    }
    for (f, pool) in inst.pools.iter().enumerate() {
        for (t, &paid) in c.plan.pool_platform_yi.row(f).iter().enumerate() {
            let what = || {
                format!(
                    "POOL pool_platform_eligibility({},{})",
                    pool.id, inst.years[t]
                )
            };
            c.r.at_least(what, paid, 0.0, paid.abs());
            if !pool.platforms {
                c.r.at_most(what, paid, 0.0, paid.abs());
            }
        }
    }
}

/// Both sides of an equality, as two one-sided checks.
fn equal(c: &mut Context, what: &dyn Fn() -> String, lhs: f64, rhs: f64) {
    let scale = lhs.abs().max(rhs.abs());
    c.r.at_most(what, lhs, rhs, scale);
    c.r.at_least(what, lhs, rhs, scale);
}

/// Central funding of every effort decision, paid in full by the pools.
fn effort_split(c: &mut Context) {
    let inst = c.inst;
    type Place = (usize, usize, Mode, usize);
    let mut owed: BTreeMap<Place, (f64, f64)> = BTreeMap::new();
    for e in &c.plan.effort {
        let m = inst.model.mode(e.mode);
        let central = m.central_share * m.funding_yi_per_effort * e.effort;
        owed.entry((e.item, e.province, e.mode, e.year))
            .or_default()
            .0 += central;
    }
    for x in &c.plan.pool_funding {
        owed.entry((x.item, x.province, x.mode, x.year))
            .or_default()
            .1 += x.funding_yi;
    }
    for ((k, p, m, t), (central, paid)) in owed {
        let what = || {
            format!(
                "POOL pool_split({},{},{},{})",
                inst.items[k].id,
                inst.provinces[p].id,
                inst.model.mode_id(m),
                inst.years[t]
            )
        };
        equal(c, &what, paid, central);
    }
}

/// The central cost of each year's new platforms, paid in full by the pools.
fn platform_split(c: &mut Context) {
    let inst = c.inst;
    let model = &inst.model;
    let per_platform = model.platform_central_share * model.platform_cost_yi;
    for t in 0..inst.years.len() {
        let built: f64 = c.plan.new_platforms.index_axis(ndarray::Axis(2), t).sum();
        let paid: f64 = c.plan.pool_platform_yi.column(t).sum();
        let what = || format!("POOL pool_platform_split({})", inst.years[t]);
        equal(c, &what, paid, per_platform * built);
    }
}

/// spent + left = inflow + κ · left of the year before, left ≥ 0.
fn balance(c: &mut Context) {
    let inst = c.inst;
    for y in pool_years(inst, c.plan) {
        let name = |rule: &str| {
            format!(
                "POOL {rule}({},{})",
                inst.pools[y.pool].id, inst.years[y.year]
            )
        };
        equal(
            c,
            &|| name("pool_balance"),
            y.spent_yi + y.left_yi,
            y.inflow_yi + y.carried_in_yi,
        );
        c.r.at_least(|| name("pool_left"), y.left_yi, 0.0, y.left_yi.abs());
    }
}
