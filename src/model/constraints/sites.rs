//! (SITE) national lead sites, for every national item k and eligible province p:
//!
//! ```text
//! e[k,p,national,t] ≤ Ē_kpt · y[k,p]        (every year t)
//! Σ_p y[k,p] ≤ S_k
//! Σ_t e[k,p,national,t] ≥ Emin_k · y[k,p]
//! ```
//!
//! Ē_kpt is the smallest bound implied by other rows, so it cuts off nothing:
//! national effort can never exceed what the central budget (BC), the
//! provincial budget (BP) or the platform capacity (C) of that year allows.

use good_lp::Expression;

use crate::instance::{Instance, Mode};
use crate::model::{Columns, RowKey, RowSink};

/// Largest national effort that items of `area` can receive in province `p`
/// and year `t` under (BC), (BP) and (C) [effort units].
pub fn national_effort_bound(inst: &Instance, area: usize, p: usize, t: usize) -> f64 {
    let model = &inst.model;
    let m = model.mode(Mode::National);
    let mut bound = f64::INFINITY;
    let central = m.central_share * m.funding_yi_per_effort;
    if central > 0.0 {
        bound = bound.min(inst.central_budget_yi[t] / central);
    }
    let provincial = (1.0 - m.central_share) * m.funding_yi_per_effort;
    if provincial > 0.0 {
        bound = bound.min(inst.provincial_budget_yi[[p, t]] / provincial);
    }
    if m.capacity_cu_per_effort > 0.0 {
        let build_years = (t + 1).saturating_sub(model.platform_lag_years) as f64;
        let max_new = inst.provinces[p].max_new_platforms as f64 * build_years;
        let capacity = inst.initial_capacity_cu[[area, p]] + model.platform_capacity_cu * max_new;
        bound = bound.min(capacity / m.capacity_cu_per_effort);
    }
    bound
}

pub fn add(rows: &mut RowSink, inst: &Instance, c: &Columns) {
    let n_t = inst.years.len();
    for (k, item) in inst.items.iter().enumerate() {
        let mut count = Expression::with_capacity(4);
        let mut any = false;
        for p in 0..inst.provinces.len() {
            let Some(&site) = c.site.get(&(k, p)) else {
                continue;
            };
            any = true;
            count.add_mul(1.0, c.var(site));
            let mut total = Expression::with_capacity(n_t + 1);
            for t in 0..n_t {
                let Some(e) = c
                    .effort_of_item(k, t)
                    .find(|e| e.province == p && e.mode == Mode::National)
                else {
                    continue;
                };
                let bound = national_effort_bound(inst, item.area, p, t);
                let mut link = Expression::with_capacity(2);
                link.add_mul(1.0, c.var(e.col));
                link.add_mul(-bound, c.var(site));
                rows.leq(
                    RowKey::SiteLink {
                        item: k,
                        province: p,
                        year: t,
                    },
                    link,
                    0.0,
                );
                total.add_mul(1.0, c.var(e.col));
            }
            if item.min_site_effort > 0.0 {
                total.add_mul(-item.min_site_effort, c.var(site));
                rows.geq(
                    RowKey::SiteMinimum {
                        item: k,
                        province: p,
                    },
                    total,
                    0.0,
                );
            }
        }
        if any {
            rows.leq(RowKey::SiteCount { item: k }, count, item.max_sites as f64);
        }
    }
}
