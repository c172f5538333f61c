//! (H) talent — for every p, t:
//!
//! ```text
//! Σ_{k,m} h_m e[k,p,m,t]  ≤  H0_p (1+g_p)^(t−t0) + ψ Σ_{t′ ≤ t−Lh} tr[p,t′]
//! ```

use super::Context;
use crate::plan::trained_talent_kfte;

pub fn check(c: &mut Context) {
    let inst = c.inst;
    let trained = trained_talent_kfte(inst, c.plan);
    for (p, prov) in inst.provinces.iter().enumerate() {
        for t in 0..inst.years.len() {
            let available = inst.base_talent_kfte(p, t) + trained[[p, t]];
            let used = c.used.talent_kfte[[p, t]];
            c.r.at_most(
                || format!("H talent({},{})", prov.id, inst.years[t]),
                used,
                available,
                available.max(used),
            );
        }
    }
}
