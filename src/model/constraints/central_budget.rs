//! (BC) central budget, for every year t:
//!
//! ```text
//! Σ_{k,p,m} σ_m f_m e[k,p,m,t] + σplat φ Σ_{a,p} n[a,p,t]  ≤  Bc_t
//! ```

use good_lp::Expression;

use super::central_funding_yi;
use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

/// Bc_t: the right-hand side of year `t` [亿元].
pub fn rhs(inst: &Instance, t: usize) -> f64 {
    inst.central_budget_yi[t]
}

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let model = &inst.model;
    let platform_central_yi = model.platform_central_share * model.platform_cost_yi;
    for t in 0..inst.years.len() {
        let mut lhs = Expression::with_capacity(64);
        for k in 0..inst.items.len() {
            for e in c.effort_of_item(k, t) {
                let coef = central_funding_yi(inst, e);
                if coef != 0.0 {
                    lhs.add_mul(coef, c.var(e.col));
                }
            }
        }
        if platform_central_yi != 0.0 {
            for cols in c.new_platforms.values() {
                lhs.add_mul(platform_central_yi, c.var(cols[t]));
            }
        }
        rows.leq(RowKey::CentralBudget { year: t }, lhs, rhs(inst, t));
    }
}
