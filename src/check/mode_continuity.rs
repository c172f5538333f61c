//! (CONT-M) continuity per instrument (docs/model.md §10), if given — for
//! every instrument m and t > t0, with `Fund[m,t] = Σ_{k,p} f_m e[k,p,m,t]`:
//!
//! ```text
//! Fund[m,t] ≤ (1 + g_up) · Fund[m,t−1] + ramp_m
//! Fund[m,t] ≥ (1 − g_down) · Fund[m,t−1]
//! ```

use super::Context;
use crate::plan::totals::funding_by_mode_year;

pub fn check(c: &mut Context) {
    let inst = c.inst;
    let Some(cont) = &inst.mode_continuity else {
        return;
    };
    let fund = funding_by_mode_year(inst, c.plan).mapv(|s| s.total_yi());
    for m in inst.model.mode_ids() {
        let (i, id) = (m.index(), inst.model.mode_id(m));
        for t in 1..inst.years.len() {
            let (now, before) = (fund[[i, t]], fund[[i, t - 1]]);
            let cap = (1.0 + cont.max_growth) * before + cont.ramp_yi[i];
            c.r.at_most(
                || format!("CONT-M mode_continuity_growth({id},{})", inst.years[t]),
                now,
                cap,
                now.max(cap),
            );
            let floor = (1.0 - cont.max_decline) * before;
            c.r.at_least(
                || format!("CONT-M mode_continuity_decline({id},{})", inst.years[t]),
                now,
                floor,
                now.max(floor),
            );
        }
    }
}
