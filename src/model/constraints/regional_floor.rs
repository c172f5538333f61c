//! (REG) regional floor, if given, for every year t:
//!
//! ```text
//! Σ_{k, p∈R, m} σ_m f_m e[k,p,m,t] ≥ ρ_R · Σ_{k,p,m} σ_m f_m e[k,p,m,t]
//! ```
//!
//! written as Σ_{p∈R} (1−ρ) σ f e − Σ_{p∉R} ρ σ f e ≥ 0.

use good_lp::Expression;

use super::central_funding_yi;
use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let Some(floor) = &inst.regional_floor else {
        return;
    };
    for t in 0..inst.years.len() {
        let mut lhs = Expression::with_capacity(64);
        let mut any = false;
        for (p, prov) in inst.provinces.iter().enumerate() {
            let inside = floor.regions.contains(&prov.region);
            for e in c.effort_of_province(p, t) {
                let central = central_funding_yi(inst, e);
                if central == 0.0 {
                    continue;
                }
                any = true;
                let coef = if inside {
                    (1.0 - floor.min_share) * central
                } else {
                    -floor.min_share * central
                };
                lhs.add_mul(coef, c.var(e.col));
            }
        }
        if any {
            rows.geq(RowKey::RegionalFloor { year: t }, lhs, 0.0);
        }
    }
}
