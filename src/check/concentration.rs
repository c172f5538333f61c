//! (CAP) provincial concentration, if given — for every p and t:
//! `Σ_{k,m} σ_m f_m e[k,p,m,t] ≤ χ · Σ_{k,p′,m} σ_m f_m e[k,p′,m,t]`.

use super::Context;

pub fn check(c: &mut Context) {
    let inst = c.inst;
    let Some(chi) = inst.concentration else {
        return;
    };
    for t in 0..inst.years.len() {
        let total: f64 = c.used.central_yi.column(t).sum();
        for (p, prov) in inst.provinces.iter().enumerate() {
            c.r.at_most(
                || format!("CAP concentration({},{})", prov.id, inst.years[t]),
                c.used.central_yi[[p, t]],
                chi * total,
                total,
            );
        }
    }
}
