//! (C) platform capacity, for every area a, province p and year t:
//!
//! ```text
//! Σ_{k: a(k)=a} Σ_m c_m e[k,p,m,t]  ≤  C0_ap + κ Σ_{t′ ≤ t−Lc} n[a,p,t′]
//! ```
//!
//! (N) platform build rate, for every province p and year t: Σ_a n[a,p,t] ≤ Nmax_p.

use good_lp::Expression;

use super::subtract_arrived;
use crate::instance::Instance;
use crate::model::{Columns, RowKey, RowSink};

/// C0_ap: the right-hand side of the capacity rows of area `a` in province `p` [cu].
pub fn capacity_rhs(inst: &Instance, a: usize, p: usize) -> f64 {
    inst.initial_capacity_cu[[a, p]]
}

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    add_capacity(rows, inst, c);
    add_build_rate(rows, inst, c);
}

fn add_capacity(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let model = &inst.model;
    let n_a = inst.areas.len();
    for p in 0..inst.provinces.len() {
        for t in 0..inst.years.len() {
            let mut by_area: Vec<Option<Expression>> = vec![None; n_a];
            for e in c.effort_of_province(p, t) {
                let cap = model.mode(e.mode).capacity_cu_per_effort;
                if cap != 0.0 {
                    let a = inst.items[e.item].area;
                    by_area[a]
                        .get_or_insert_with(|| Expression::with_capacity(16))
                        .add_mul(cap, c.var(e.col));
                }
            }
            for (a, lhs) in by_area.into_iter().enumerate() {
                let Some(mut lhs) = lhs else { continue };
                if let Some(cols) = c.new_platforms.get(&(a, p)) {
                    let (lag, kappa) = (model.platform_lag_years, model.platform_capacity_cu);
                    subtract_arrived(&mut lhs, c, cols, lag, t, kappa);
                }
                rows.leq(
                    RowKey::Capacity {
                        area: a,
                        province: p,
                        year: t,
                    },
                    lhs,
                    capacity_rhs(inst, a, p),
                );
            }
        }
    }
}

fn add_build_rate(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    for (p, prov) in inst.provinces.iter().enumerate() {
        for t in 0..inst.years.len() {
            let mut lhs = Expression::with_capacity(inst.areas.len());
            let mut any = false;
            for a in 0..inst.areas.len() {
                if let Some(cols) = c.new_platforms.get(&(a, p)) {
                    lhs.add_mul(1.0, c.var(cols[t]));
                    any = true;
                }
            }
            if any {
                rows.leq(
                    RowKey::BuildRate {
                        province: p,
                        year: t,
                    },
                    lhs,
                    prov.max_new_platforms as f64,
                );
            }
        }
    }
}
