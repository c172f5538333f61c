//! (R) response with diminishing returns, for every item k and year t:
//!
//! ```text
//! Σ_j z[k,j,t] / (gain_k μ_j)  ≤  Σ_{t′ ≤ t−L_k} Σ_{p,m} η_m adv_kp e[k,p,m,t′]
//! ```
//!
//! In the stock form the right side is Q[k,t] with
//! Q[k,t] = Q[k,t−1] + Σ_{p,m} η_m adv_kp e[k,p,m,t−L_k], keeping rows O(1) in |T|.
//!
//! docs/model.md §10: pipeline effort spent before t0 (PIPE) is a constant
//! of Q (the stock row's right side, or the dense row's), and an item with
//! an R&D threshold Θ_k (THR) reads `Σ_j z/(gain μ_j) ≤ Q[k,t] − Θ_k b[k,t]`.

use good_lp::Expression;

use super::effectiveness;
use crate::instance::Instance;
use crate::model::{Columns, ResponseForm, RowKey, RowSink};

/// Effort needed per unit of z on each segment: 1/(gain_k μ_j).
pub fn segment_effort_cost(inst: &Instance, k: usize, j: usize) -> f64 {
    1.0 / (inst.items[k].gain_per_effort * inst.model.response_multipliers[j])
}

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns, form: ResponseForm) {
    let n_j = inst.model.response_multipliers.len();
    for k in 0..inst.items.len() {
        let lag = inst.effect_lag(k);
        for t in 0..inst.years.len() {
            let mut lhs = Expression::with_capacity(n_j + 1);
            for j in 0..n_j {
                lhs.add_mul(segment_effort_cost(inst, k, j), c.var(c.segment(k, j, t)));
            }
            if inst.has_threshold(k) {
                lhs.add_mul(inst.items[k].rd_threshold, c.var(c.threshold[k][t]));
            }
            let mut rhs = 0.0;
            match form {
                ResponseForm::Stock => {
                    let mut stock = Expression::with_capacity(8);
                    stock.add_mul(1.0, c.var(c.stock(k, t)));
                    if t > 0 {
                        stock.add_mul(-1.0, c.var(c.stock(k, t - 1)));
                    }
                    if t >= lag {
                        for e in c.effort_of_item(k, t - lag) {
                            stock.add_mul(-effectiveness(inst, e), c.var(e.col));
                        }
                    }
                    rows.eq(
                        RowKey::Stock { item: k, year: t },
                        stock,
                        inst.pipeline_arriving(k, t),
                    );
                    lhs.add_mul(-1.0, c.var(c.stock(k, t)));
                }
                ResponseForm::Direct => {
                    rhs = inst.pipeline_arrived(k, t);
                    for t_prev in 0..=t {
                        if t_prev + lag > t {
                            break;
                        }
                        for e in c.effort_of_item(k, t_prev) {
                            lhs.add_mul(-effectiveness(inst, e), c.var(e.col));
                        }
                    }
                }
            }
            rows.leq(RowKey::Response { item: k, year: t }, lhs, rhs);
        }
    }
}
