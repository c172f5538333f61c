//! (CONT-M) continuity per instrument (docs/model.md §10), if given, for
//! every instrument m and year t > t0, with
//! Fund[m,t] = Σ_{k,p} f_m e[k,p,m,t]:
//!
//! ```text
//! Fund[m,t] ≤ (1 + g_up) · Fund[m,t−1] + ramp_m
//! Fund[m,t] ≥ (1 − g_down) · Fund[m,t−1]
//! ```
//!
//! As in (CONT), Fund[m,t] is a column defined by an equality row
//! (`mode_funding`), so each limit row has two terms.

use good_lp::Expression;

use super::continuity::limit_rows;
use super::funding_yi;
use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let Some(cont) = &inst.mode_continuity else {
        return;
    };
    let n_t = inst.years.len();
    let modes: Vec<_> = inst.model.mode_ids().collect();
    // Fund[m,t] − Σ f e = 0.
    for t in 0..n_t {
        let mut by_mode: Vec<Expression> = modes
            .iter()
            .map(|m| {
                let mut e = Expression::with_capacity(64);
                e.add_mul(1.0, c.var(c.mode_funding(m.index(), t)));
                e
            })
            .collect();
        for k in 0..inst.items.len() {
            for e in c.effort_of_item(k, t) {
                let f = funding_yi(inst, e);
                if f != 0.0 {
                    by_mode[e.mode.index()].add_mul(-f, c.var(e.col));
                }
            }
        }
        for (m, lhs) in modes.iter().zip(by_mode) {
            rows.eq(RowKey::ModeFunding { mode: *m, year: t }, lhs, 0.0);
        }
    }
    for &m in &modes {
        for t in 1..n_t {
            let now = c.var(c.mode_funding(m.index(), t));
            let before = c.var(c.mode_funding(m.index(), t - 1));
            limit_rows(
                rows,
                (now, before),
                (cont.max_growth, cont.max_decline, cont.ramp_yi[m.index()]),
                (
                    RowKey::ModeContinuityGrowth { mode: m, year: t },
                    RowKey::ModeContinuityDecline { mode: m, year: t },
                ),
            );
        }
    }
}
