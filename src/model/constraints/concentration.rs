//! (CAP) provincial concentration, if given, for every province p and year t:
//!
//! ```text
//! Σ_{k,m} σ_m f_m e[k,p,m,t] ≤ χ · Σ_{k,p′,m} σ_m f_m e[k,p′,m,t]
//! ```
//!
//! The year's central project funding is a column defined by one equality
//! row (`central_funding`), so each cap row holds one province's effort
//! columns and that column, not every effort column of the year.

use good_lp::Expression;

use super::central_funding_yi;
use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let Some(chi) = inst.concentration else {
        return;
    };
    for t in 0..inst.years.len() {
        let total_col = c.var(c.central_funding[t]);
        let mut total = Expression::with_capacity(256);
        total.add_mul(1.0, total_col);
        for p in 0..inst.provinces.len() {
            let mut share = Expression::with_capacity(32);
            let mut any = false;
            for e in c.effort_of_province(p, t) {
                let central = central_funding_yi(inst, e);
                if central != 0.0 {
                    share.add_mul(central, c.var(e.col));
                    total.add_mul(-central, c.var(e.col));
                    any = true;
                }
            }
            if any {
                share.add_mul(-chi, total_col);
                rows.leq(
                    RowKey::Concentration {
                        province: p,
                        year: t,
                    },
                    share,
                    0.0,
                );
            }
        }
        rows.eq(RowKey::CentralFunding { year: t }, total, 0.0);
    }
}
