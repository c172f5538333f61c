//! (BC) central budget — for every t:
//!
//! ```text
//! Σ_{k,p,m} σ_m f_m e[k,p,m,t] + σplat φ Σ_{a,p} n[a,p,t]  ≤  Bc_t
//! ```
//!
//! (BP) provincial budget — for every p, t:
//!
//! ```text
//! Σ_{k,m} (1−σ_m) f_m e[k,p,m,t] + (1−σplat) φ Σ_a n[a,p,t] + tr[p,t]  ≤  Bp_pt
//! ```

use super::Context;
use crate::plan::{new_platforms_by_province, spend_by_year};

pub fn central(c: &mut Context) {
    let inst = c.inst;
    let spend = spend_by_year(inst, c.plan);
    for (t, (s, &budget)) in spend.iter().zip(&inst.central_budget_yi).enumerate() {
        let central = s.central_yi();
        c.r.at_most(
            || format!("BC central_budget({})", inst.years[t]),
            central,
            budget,
            central.max(budget),
        );
    }
}

pub fn provincial(c: &mut Context) {
    let (inst, plan) = (c.inst, c.plan);
    let model = &inst.model;
    let new = new_platforms_by_province(plan);
    let platform_share = (1.0 - model.platform_central_share) * model.platform_cost_yi;
    for (p, prov) in inst.provinces.iter().enumerate() {
        for t in 0..inst.years.len() {
            let used = c.used.provincial_yi[[p, t]]
                + platform_share * new[[p, t]]
                + plan.training_yi[[p, t]];
            let budget = inst.provincial_budget_yi[[p, t]];
            c.r.at_most(
                || format!("BP provincial_budget({},{})", prov.id, inst.years[t]),
                used,
                budget,
                used.max(budget),
            );
        }
    }
}
