//! (THR) R&D threshold (docs/model.md §10), for every item k with Θ_k > 0
//! and year t, with b[k,t] ∈ {0,1} (threshold passed by t):
//!
//! ```text
//! b[k,t] ≤ b[k,t+1]                                (threshold_order)
//! Σ_j z[k,j,t] ≤ (smax_k − s0_k) · b[k,t]          (threshold_gate)
//! Σ_j z[k,j,t] / (gain_k μ_j) ≤ Q[k,t] − Θ_k b[k,t]  (in the response row, response.rs)
//! ```

use good_lp::Expression;

use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let n_j = inst.model.response_multipliers.len();
    let n_t = inst.years.len();
    for (k, item) in inst.items.iter().enumerate() {
        if !inst.has_threshold(k) {
            continue;
        }
        let passed = &c.threshold[k];
        for t in 0..n_t.saturating_sub(1) {
            let mut lhs = Expression::with_capacity(2);
            lhs.add_mul(1.0, c.var(passed[t]));
            lhs.add_mul(-1.0, c.var(passed[t + 1]));
            rows.leq(RowKey::ThresholdOrder { item: k, year: t }, lhs, 0.0);
        }
        for (t, &b) in passed.iter().enumerate() {
            let mut lhs = Expression::with_capacity(n_j + 1);
            for j in 0..n_j {
                lhs.add_mul(1.0, c.var(c.segment(k, j, t)));
            }
            lhs.add_mul(-(item.smax - item.s0), c.var(b));
            rows.leq(RowKey::ThresholdGate { item: k, year: t }, lhs, 0.0);
        }
    }
}
