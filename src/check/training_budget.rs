//! (TB) training budget, docs/model.md §10 — for every p, t with a cap or
//! a floor:
//!
//! ```text
//! tr[p,t] ≤ TBmax_pt        tr[p,t] ≥ TBmin_pt
//! ```

use super::Context;

pub fn check(c: &mut Context) {
    let (inst, plan) = (c.inst, c.plan);
    let tb = &inst.training_budget;
    for (p, prov) in inst.provinces.iter().enumerate() {
        for (t, year) in inst.years.iter().enumerate() {
            let spent = plan.training_yi[[p, t]];
            if let Some(cap) = tb.cap(p, t) {
                c.r.at_most(
                    || format!("TB training_budget({},{year})", prov.id),
                    spent,
                    cap,
                    spent.max(cap),
                );
            }
            let floor = tb.floor(p, t);
            if floor > 0.0 {
                c.r.at_least(
                    || format!("TB training_floor({},{year})", prov.id),
                    spent,
                    floor,
                    spent.max(floor),
                );
            }
        }
    }
}
