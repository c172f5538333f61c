//! (CONT) programme continuity, if given — for every area a and t > t0,
//! with `Fund[a,t] = Σ_{k: a(k)=a} Σ_{p,m} f_m e[k,p,m,t]`:
//!
//! ```text
//! Fund[a,t] ≤ (1 + g_up) · Fund[a,t−1] + ramp_a
//! Fund[a,t] ≥ (1 − g_down) · Fund[a,t−1]
//! ```

use super::Context;

pub fn check(c: &mut Context) {
    let inst = c.inst;
    let Some(cont) = &inst.continuity else {
        return;
    };
    let fund = &c.used.funding_by_area_yi;
    for (a, area) in inst.areas.iter().enumerate() {
        for t in 1..inst.years.len() {
            let (now, before) = (fund[[a, t]], fund[[a, t - 1]]);
            let cap = (1.0 + cont.max_growth) * before + cont.ramp_yi[a];
            c.r.at_most(
                || format!("CONT continuity_growth({},{})", area.id, inst.years[t]),
                now,
                cap,
                now.max(cap),
            );
            let floor = (1.0 - cont.max_decline) * before;
            c.r.at_least(
                || format!("CONT continuity_decline({},{})", area.id, inst.years[t]),
                now,
                floor,
                now.max(floor),
            );
        }
    }
}
