//! (BP) provincial budget, for every province p and year t:
//!
//! ```text
//! Σ_{k,m} (1−σ_m) f_m e[k,p,m,t] + (1−σplat) φ Σ_a n[a,p,t] + tr[p,t]  ≤  Bp_pt
//! ```

use good_lp::Expression;

use super::provincial_funding_yi;
use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

/// Bp_pt: the right-hand side of province `p` in year `t` [亿元].
pub fn rhs(inst: &Instance, p: usize, t: usize) -> f64 {
    inst.provincial_budget_yi[[p, t]]
}

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let model = &inst.model;
    let platform_provincial_yi = (1.0 - model.platform_central_share) * model.platform_cost_yi;
    for p in 0..inst.provinces.len() {
        for t in 0..inst.years.len() {
            let mut lhs = Expression::with_capacity(32);
            for e in c.effort_of_province(p, t) {
                let coef = provincial_funding_yi(inst, e);
                if coef != 0.0 {
                    lhs.add_mul(coef, c.var(e.col));
                }
            }
            if platform_provincial_yi != 0.0 {
                for a in 0..inst.areas.len() {
                    if let Some(cols) = c.new_platforms.get(&(a, p)) {
                        lhs.add_mul(platform_provincial_yi, c.var(cols[t]));
                    }
                }
            }
            if let Some(&col) = c.training[p].get(t) {
                lhs.add_mul(1.0, c.var(col));
            }
            rows.leq(
                RowKey::ProvincialBudget {
                    province: p,
                    year: t,
                },
                lhs,
                rhs(inst, p, t),
            );
        }
    }
}
