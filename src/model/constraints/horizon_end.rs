//! (END) the end of the horizon (docs/model.md §10), with
//! `[horizon_end] value = "penalty"`: the share the end-of-horizon stock
//! Q[k,tN+L_k] adds after tN, on the same response, for every item k:
//!
//! ```text
//! Σ_j z_post[k,j] / (gain_k μ_j)  ≤  Σ_{t > tN−L_k} Σ_{p,m} η_m adv_kp e[k,p,m,t]
//! z[k,j,tN] + z_post[k,j]         ≤  width_kj
//! ```
//!
//! z_post[k,j] continues each segment from where the plan's share stands in
//! tN, bought by the effort whose effect falls after tN (Q[k,tN+L_k] −
//! Q[k,tN]); the objective values it at `Instance::end_value_per_share`.

use good_lp::Expression;

use super::effectiveness;
use super::response::segment_effort_cost;
use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    if inst.horizon_end.is_none() {
        return;
    }
    let n_j = inst.model.response_multipliers.len();
    let last = inst.years.len() - 1;
    for k in 0..inst.items.len() {
        let mut lhs = Expression::with_capacity(n_j + 8);
        for j in 0..n_j {
            lhs.add_mul(
                segment_effort_cost(inst, k, j),
                c.var(c.segment_after_horizon(k, j)),
            );
        }
        for t in inst.years_effective_after_horizon(k) {
            for e in c.effort_of_item(k, t) {
                lhs.add_mul(-effectiveness(inst, e), c.var(e.col));
            }
        }
        rows.leq(RowKey::ResponseAfterHorizon { item: k }, lhs, 0.0);
        let width = inst.segment_width(k);
        for j in 0..n_j {
            let mut room = Expression::with_capacity(2);
            room.add_mul(1.0, c.var(c.segment(k, j, last)));
            room.add_mul(1.0, c.var(c.segment_after_horizon(k, j)));
            rows.leq(
                RowKey::SegmentAfterHorizon {
                    item: k,
                    segment: j,
                },
                room,
                width,
            );
        }
    }
}
