//! (CH) chain: for every link (k, k′, γ) and year t, s[k,t] ≤ s[k′,t] + γ,
//! i.e. Σ_j z[k,j,t] − Σ_j z[k′,j,t] ≤ γ + s0_k′ − s0_k (with drift, the
//! base levels b_k′,t and b_k,t of docs/model.md §10 (PIPE) in place of s0).

use good_lp::Expression;

use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let n_j = inst.model.response_multipliers.len();
    for (l, link) in inst.links.iter().enumerate() {
        for t in 0..inst.years.len() {
            let rhs =
                link.max_lead + inst.base_level(link.needs, t) - inst.base_level(link.item, t);
            let mut lhs = Expression::with_capacity(2 * n_j);
            for j in 0..n_j {
                lhs.add_mul(1.0, c.var(c.segment(link.item, j, t)));
                lhs.add_mul(-1.0, c.var(c.segment(link.needs, j, t)));
            }
            rows.leq(RowKey::Chain { link: l, year: t }, lhs, rhs);
        }
    }
}
