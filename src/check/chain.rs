//! (CH) chain — for every link (k, k′, γ) and t: `s[k,t] ≤ s[k′,t] + γ`.

use super::Context;

pub fn check(c: &mut Context) {
    let (inst, plan) = (c.inst, c.plan);
    for link in &inst.links {
        for t in 0..inst.years.len() {
            let s_item = plan.model_level(inst, link.item, t);
            let s_needs = plan.model_level(inst, link.needs, t);
            c.r.at_most(
                || {
                    format!(
                        "CH chain({},{},{})",
                        inst.items[link.item].id, inst.items[link.needs].id, inst.years[t]
                    )
                },
                s_item,
                s_needs + link.max_lead,
                1.0,
            );
        }
    }
}
