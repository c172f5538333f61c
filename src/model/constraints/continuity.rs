//! (CONT) programme continuity, if given, for every area a and year t > t0,
//! with Fund[a,t] = Σ_{k: a(k)=a} Σ_{p,m} f_m e[k,p,m,t]:
//!
//! ```text
//! Fund[a,t] ≤ (1 + g_up) · Fund[a,t−1] + ramp_a
//! Fund[a,t] ≥ (1 − g_down) · Fund[a,t−1]
//! ```
//!
//! Fund[a,t] is a column defined by an equality row (`area_funding`), so each
//! continuity row has two terms instead of every effort column of two years.

use good_lp::{Expression, Variable};

use super::funding_yi;
use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let Some(cont) = &inst.continuity else {
        return;
    };
    let n_t = inst.years.len();
    let n_a = inst.areas.len();
    // Fund[a,t] − Σ f e = 0.
    for t in 0..n_t {
        let mut by_area: Vec<Expression> = (0..n_a)
            .map(|a| {
                let mut e = Expression::with_capacity(64);
                e.add_mul(1.0, c.var(c.area_funding(a, t)));
                e
            })
            .collect();
        for k in 0..inst.items.len() {
            let a = inst.items[k].area;
            for e in c.effort_of_item(k, t) {
                let f = funding_yi(inst, e);
                if f != 0.0 {
                    by_area[a].add_mul(-f, c.var(e.col));
                }
            }
        }
        for (a, lhs) in by_area.into_iter().enumerate() {
            rows.eq(RowKey::AreaFunding { area: a, year: t }, lhs, 0.0);
        }
    }
    for a in 0..n_a {
        for t in 1..n_t {
            let (now, before) = (c.var(c.area_funding(a, t)), c.var(c.area_funding(a, t - 1)));
            limit_rows(
                rows,
                (now, before),
                (cont.max_growth, cont.max_decline, growth_rhs(inst, a)),
                (
                    RowKey::ContinuityGrowth { area: a, year: t },
                    RowKey::ContinuityDecline { area: a, year: t },
                ),
            );
        }
    }
}

/// The two continuity rows of one funding column against the year before:
/// `now − (1+g_up) before ≤ ramp` and `now − (1−g_down) before ≥ 0`; shared
/// by (CONT) and (CONT-M).
pub fn limit_rows(
    rows: &mut RowSink,
    (now, before): (Variable, Variable),
    (max_growth, max_decline, ramp): (f64, f64, f64),
    (growth_key, decline_key): (RowKey, RowKey),
) {
    let mut growth = Expression::with_capacity(2);
    growth.add_mul(1.0, now);
    growth.add_mul(-(1.0 + max_growth), before);
    rows.leq(growth_key, growth, ramp);
    let mut decline = Expression::with_capacity(2);
    decline.add_mul(1.0, now);
    decline.add_mul(-(1.0 - max_decline), before);
    rows.geq(decline_key, decline, 0.0);
}

/// ramp_a: the right-hand side of the growth row of area `a` [亿元].
pub fn growth_rhs(inst: &Instance, a: usize) -> f64 {
    inst.continuity.as_ref().map_or(0.0, |c| c.ramp_yi[a])
}
