//! (POOL) funding pools (docs/model.md §10): when an instance gives pools,
//! they replace (BC). The central funding of every effort column is split
//! over the pools that may pay it (family `pool_split`), the central cost of
//! the year's new platforms over the pools that pay platforms (family
//! `pool_platform_split`), and every pool balances its money each year
//! (family `pool_balance`):
//!
//! ```text
//! σ_m f_m e[k,p,m,t]         = Σ_{f eligible} x[f,k,p,m,t]
//! σplat φ Σ_{a,p} n[a,p,t]   = Σ_{f pays platforms} xp[f,t]
//! Σ x[f,·,t] + xp[f,t] + left[f,t] − κ_f left[f,t−1] = B_f,t      (left[f,t0−1] = 0)
//! ```
//!
//! An effort column no pool may pay keeps a split row with no pool on its
//! right: its central funding, and with it the column, is 0.

use good_lp::Expression;

use super::central_funding_yi;
use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

/// B_f,t: the right-hand side of pool `f`'s balance in year `t` [亿元].
pub fn rhs(inst: &Instance, pool: usize, t: usize) -> f64 {
    inst.pools[pool].inflow_yi[t]
}

/// Adds the split and balance rows of every pool.
pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    effort_split(rows, inst, c);
    platform_split(rows, inst, c);
    balance(rows, inst, c);
}

fn effort_split(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    for (entry, e) in c.effort.iter().enumerate() {
        let coef = central_funding_yi(inst, e);
        if coef == 0.0 {
            continue;
        }
        let mut lhs = Expression::with_capacity(1 + c.pool_funding[entry].len());
        lhs.add_mul(coef, c.var(e.col));
        for &(_, col) in &c.pool_funding[entry] {
            lhs.add_mul(-1.0, c.var(col));
        }
        let key = RowKey::PoolSplit {
            item: e.item,
            province: e.province,
            mode: e.mode,
            year: e.year,
        };
        rows.eq(key, lhs, 0.0);
    }
}

fn platform_split(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let model = &inst.model;
    let platform_central_yi = model.platform_central_share * model.platform_cost_yi;
    if platform_central_yi == 0.0 || c.new_platforms.is_empty() {
        return;
    }
    let mut places: Vec<&(usize, usize)> = c.new_platforms.keys().collect();
    places.sort();
    for t in 0..inst.years.len() {
        let mut lhs = Expression::with_capacity(places.len() + inst.pools.len());
        for place in &places {
            lhs.add_mul(platform_central_yi, c.var(c.new_platforms[place][t]));
        }
        for cols in c.pool_platform.iter().filter(|cols| !cols.is_empty()) {
            lhs.add_mul(-1.0, c.var(cols[t]));
        }
        rows.eq(RowKey::PoolPlatformSplit { year: t }, lhs, 0.0);
    }
}

fn balance(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let n_t = inst.years.len();
    // Spending columns of each pool by year, gathered in one pass.
    let mut spent: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); n_t]; inst.pools.len()];
    for (entry, e) in c.effort.iter().enumerate() {
        for &(f, col) in &c.pool_funding[entry] {
            spent[f][e.year].push(col);
        }
    }
    for (f, pool) in inst.pools.iter().enumerate() {
        for (t, paid) in spent[f].iter().enumerate() {
            let mut lhs = Expression::with_capacity(paid.len() + 3);
            for &col in paid {
                lhs.add_mul(1.0, c.var(col));
            }
            if let Some(&col) = c.pool_platform[f].get(t) {
                lhs.add_mul(1.0, c.var(col));
            }
            lhs.add_mul(1.0, c.var(c.pool_left[f][t]));
            if t > 0 && pool.carry_over != 0.0 {
                lhs.add_mul(-pool.carry_over, c.var(c.pool_left[f][t - 1]));
            }
            rows.eq(
                RowKey::PoolBalance { pool: f, year: t },
                lhs,
                rhs(inst, f, t),
            );
        }
    }
}
