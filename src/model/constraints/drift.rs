//! (PIPE) drift (docs/model.md §10): an item's level without programme
//! money is b_k,t = min(smax_k, s0_k + drift_k (t − t0)), and
//! `s[k,t] = b_k,t + Σ_j z[k,j,t] ≤ smax_k`. The segment widths stay
//! (smax − s0)/nJ, so the ceiling needs its own row where drift has raised
//! the base above s0:
//!
//! ```text
//! Σ_j z[k,j,t] ≤ smax_k − b_k,t      (drift_ceiling, only where b_k,t > s0_k)
//! ```

use good_lp::Expression;

use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let n_j = inst.model.response_multipliers.len();
    for (k, item) in inst.items.iter().enumerate() {
        for t in 0..inst.years.len() {
            let base = inst.base_level(k, t);
            if base <= item.s0 {
                continue;
            }
            let mut lhs = Expression::with_capacity(n_j);
            for j in 0..n_j {
                lhs.add_mul(1.0, c.var(c.segment(k, j, t)));
            }
            rows.leq(
                RowKey::DriftCeiling { item: k, year: t },
                lhs,
                item.smax - base,
            );
        }
    }
}
