//! (POOL) what each funding pool received, carried, spent and kept in each
//! year (docs/model.md §10), from the plan's pool decisions alone.

use ndarray::Array2;

use super::Plan;
use crate::instance::Instance;

/// One pool in one year [亿元].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PoolYear {
    pub pool: usize,
    pub year: usize,
    /// B_f,t.
    pub inflow_yi: f64,
    /// κ_f · left[f,t−1]: money kept from the year before.
    pub carried_in_yi: f64,
    /// Σ x[f,·,t] + xp[f,t].
    pub spent_yi: f64,
    /// left[f,t]: not spent by the end of the year.
    pub left_yi: f64,
    /// Money that leaves the pool unspent: (1 − κ_f) · left[f,t] lapses
    /// before the next year, and all of left[f,tN] at the end of the horizon.
    pub lapsed_yi: f64,
}

/// Σ x[f,·,t] + xp[f,t]: what each pool paid in each year, pools × years [亿元].
pub fn spent_yi(inst: &Instance, plan: &Plan) -> Array2<f64> {
    let mut spent = plan.pool_platform_yi.clone();
    debug_assert_eq!(spent.dim().0, inst.pools.len());
    for x in &plan.pool_funding {
        spent[[x.pool, x.year]] += x.funding_yi;
    }
    spent
}

/// Every pool's account, pool by pool, year by year.
pub fn pool_years(inst: &Instance, plan: &Plan) -> Vec<PoolYear> {
    let spent = spent_yi(inst, plan);
    let left = &plan.pool_left_yi;
    let last = inst.years.len().saturating_sub(1);
    let mut out = Vec::with_capacity(inst.pools.len() * inst.years.len());
    for (f, pool) in inst.pools.iter().enumerate() {
        for t in 0..inst.years.len() {
            let carried_in_yi = if t > 0 {
                pool.carry_over * left[[f, t - 1]]
            } else {
                0.0
            };
            let kept = if t == last { 0.0 } else { pool.carry_over };
            out.push(PoolYear {
                pool: f,
                year: t,
                inflow_yi: pool.inflow_yi[t],
                carried_in_yi,
                spent_yi: spent[[f, t]],
                left_yi: left[[f, t]],
                lapsed_yi: (1.0 - kept) * left[[f, t]],
            });
        }
    }
    out
}
