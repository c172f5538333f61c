//! (C) platform capacity — for every a, p, t:
//!
//! ```text
//! Σ_{k: a(k)=a} Σ_m c_m e[k,p,m,t]  ≤  C0_ap + κ Σ_{t′ ≤ t−Lc} n[a,p,t′]
//! ```
//!
//! (N) platform build rate — for every p, t: `Σ_a n[a,p,t] ≤ Nmax_p`.

use super::Context;
use crate::plan::{capacity_available_cu, new_platforms_by_province};

pub fn capacity(c: &mut Context) {
    let inst = c.inst;
    let available = capacity_available_cu(inst, c.plan);
    for ((a, p, t), &cap) in available.indexed_iter() {
        let used = c.used.capacity_cu[[a, p, t]];
        c.r.at_most(
            || {
                format!(
                    "C platform_capacity({},{},{})",
                    inst.areas[a].id, inst.provinces[p].id, inst.years[t]
                )
            },
            used,
            cap,
            used.max(cap),
        );
    }
}

pub fn build_rate(c: &mut Context) {
    let inst = c.inst;
    let new = new_platforms_by_province(c.plan);
    for ((p, t), &n) in new.indexed_iter() {
        let prov = &inst.provinces[p];
        c.r.at_most(
            || format!("N build_rate({},{})", prov.id, inst.years[t]),
            n,
            prov.max_new_platforms as f64,
            1.0,
        );
    }
}
