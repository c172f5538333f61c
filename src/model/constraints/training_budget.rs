//! (TB) training budget, docs/model.md §10, for every province p and year t
//! given a cap or a floor (`[[training_budget_yi]]`, the `training_budget`
//! and `training_floor` overrides):
//!
//! ```text
//! tr[p,t] ≤ TBmax_pt        (family training_budget)
//! tr[p,t] ≥ TBmin_pt        (family training_floor, where TBmin_pt > 0)
//! ```
//!
//! Rows rather than column bounds, so that each limit has its dual, its
//! one-sided marginal value and a name in the MPS/LP export
//! (`TB_training_budget(sichuan,2027)`). Without training columns (ψ = 0)
//! a cap limits nothing and no row is written; a floor there is an input
//! error.

use good_lp::Expression;

use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let tb = &inst.training_budget;
    for p in 0..inst.provinces.len() {
        for (t, &col) in c.training[p].iter().enumerate() {
            let spend = || {
                let mut lhs = Expression::with_capacity(1);
                lhs.add_mul(1.0, c.var(col));
                lhs
            };
            let (province, year) = (p, t);
            if let Some(cap) = tb.cap(p, t) {
                rows.leq(RowKey::TrainingBudget { province, year }, spend(), cap);
            }
            let floor = tb.floor(p, t);
            if floor > 0.0 {
                rows.geq(RowKey::TrainingFloor { province, year }, spend(), floor);
            }
        }
    }
}
