//! (H) talent, for every province p and year t:
//!
//! ```text
//! Σ_{k,m} h_m e[k,p,m,t]  ≤  H0_p (1+g_p)^(t−t0) + ψ Σ_{t′ ≤ t−Lh} tr[p,t′]
//! ```

use good_lp::Expression;

use super::subtract_arrived;
use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

/// H0_p (1+g_p)^(t−t0): the right-hand side of province `p` in year `t` [k FTE].
pub fn rhs(inst: &Instance, p: usize, t: usize) -> f64 {
    inst.base_talent_kfte(p, t)
}

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let model = &inst.model;
    for p in 0..inst.provinces.len() {
        for t in 0..inst.years.len() {
            let mut lhs = Expression::with_capacity(32);
            let mut uses_talent = false;
            for e in c.effort_of_province(p, t) {
                let h = model.mode(e.mode).talent_kfte_per_effort;
                if h != 0.0 {
                    lhs.add_mul(h, c.var(e.col));
                    uses_talent = true;
                }
            }
            if !uses_talent {
                continue;
            }
            let (lag, psi) = (model.training_lag_years, model.training_kfte_per_yi);
            subtract_arrived(&mut lhs, c, &c.training[p], lag, t, psi);
            rows.leq(
                RowKey::Talent {
                    province: p,
                    year: t,
                },
                lhs,
                rhs(inst, p, t),
            );
        }
    }
}
