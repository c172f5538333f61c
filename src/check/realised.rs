//! Realised self-sufficiency never falls below the model's level
//! (docs/model.md §7): `sreal[k,t] ≥ s[k,t]` for every item and year.

use super::Context;
use crate::readback::realise::realised_levels;

pub fn check(c: &mut Context) {
    let (inst, plan) = (c.inst, c.plan);
    let realised = realised_levels(inst, plan);
    for (k, item) in inst.items.iter().enumerate() {
        for t in 0..inst.years.len() {
            c.r.at_least(
                || format!("realised sreal({},{}) ≥ s", item.id, inst.years[t]),
                realised[[k, t]],
                plan.model_level(inst, k, t),
                1.0,
            );
        }
    }
}
