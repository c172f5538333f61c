//! (REG) regional floor, if given — for every t:
//! `Σ_{k, p∈R, m} σ_m f_m e[k,p,m,t] ≥ ρ_R · Σ_{k,p,m} σ_m f_m e[k,p,m,t]`.

use super::Context;

pub fn check(c: &mut Context) {
    let inst = c.inst;
    let Some(floor) = &inst.regional_floor else {
        return;
    };
    for t in 0..inst.years.len() {
        let mut inside = 0.0;
        let mut all = 0.0;
        for (p, prov) in inst.provinces.iter().enumerate() {
            let central = c.used.central_yi[[p, t]];
            all += central;
            if floor.regions.contains(&prov.region) {
                inside += central;
            }
        }
        c.r.at_least(
            || format!("REG regional_floor({})", inst.years[t]),
            inside,
            floor.min_share * all,
            all,
        );
    }
}
