//! (SITE) lead sites, for every item k with lead-site instruments M_site and
//! every candidate province p (adv_kp ≥ θnat):
//!
//! ```text
//! Σ_{m∈M_site} e[k,p,m,t] ≤ Ē_kpt · y[k,p]        (every year t)
//! Σ_p y[k,p] ≤ S_k
//! Σ_t Σ_{m∈M_site} e[k,p,m,t] ≥ Emin_k · y[k,p]
//! ```
//!
//! Ē_kpt is the smallest bound implied by other rows, so it cuts off nothing:
//! lead-site effort can never exceed what the central budget (BC, and the
//! shares of it that (CAP) and (REG) leave to a province), the provincial
//! budget (BP), the platform capacity (C) or the talent (H, with all possible
//! training) of that year allows. The tighter Ē, the stronger the LP
//! relaxation of the site decisions.

use good_lp::Expression;

use crate::instance::{Instance, Mode};
use crate::model::{Columns, RowKey, RowSink};

/// Lead-site instruments item `k` may use in province `p`.
pub fn site_modes(inst: &Instance, k: usize, p: usize) -> Vec<Mode> {
    inst.model
        .mode_ids()
        .filter(|&m| inst.model.mode(m).lead_sites && inst.effort_allowed(k, p, m))
        .collect()
}

/// The resources one effort unit of instrument `m` on an item of `area` uses
/// in province `p` and year `t`, as (coefficient, most that can ever be
/// available to it):
/// - central budget (BC) — with pools (POOL), all the pools' money that can
///   reach year t — and under (CAP) only χ of it, under (REG) only 1−ρ of
///   it outside the floor's regions;
/// - provincial budget (BP);
/// - platform capacity (C) with every platform the build rate allows;
/// - talent (H) with the whole provincial budget of every earlier year spent
///   on training that has matured.
///
/// Every other term of those rows is non-negative, so no feasible plan gives
/// the instrument more.
fn resources(inst: &Instance, m: Mode, area: usize, p: usize, t: usize) -> [(f64, f64); 4] {
    let model = &inst.model;
    let params = model.mode(m);
    let build_years = (t + 1).saturating_sub(model.platform_lag_years) as f64;
    let max_new = inst.provinces[p].max_new_platforms as f64 * build_years;
    let capacity = inst.initial_capacity_cu[[area, p]] + model.platform_capacity_cu * max_new;
    let reach = inst.central_reach_yi(t);
    let mut central = reach;
    if let Some(chi) = inst.concentration {
        central *= chi;
    }
    if let Some(floor) = &inst.regional_floor {
        if !floor.regions.contains(&inst.provinces[p].region) {
            central = central.min((1.0 - floor.min_share) * reach);
        }
    }
    let trainable: f64 = (0..=t)
        .filter(|&t2| t2 + model.training_lag_years <= t)
        .map(|t2| inst.provincial_budget_yi[[p, t2]])
        .sum();
    let talent = inst.base_talent_kfte(p, t) + model.training_kfte_per_yi * trainable;
    [
        (params.central_share * params.funding_yi_per_effort, central),
        (
            (1.0 - params.central_share) * params.funding_yi_per_effort,
            inst.provincial_budget_yi[[p, t]],
        ),
        (params.capacity_cu_per_effort, capacity),
        (params.talent_kfte_per_effort, talent),
    ]
}

/// Ē_kpt: the largest lead-site effort item `k` can receive in province `p`
/// and year `t` under (BC), (BP), (C), (H), (CAP) and (REG) [effort units].
/// A resource every site instrument uses bounds their sum jointly; otherwise
/// each instrument's own bound is added.
pub fn site_effort_bound(inst: &Instance, k: usize, p: usize, t: usize) -> f64 {
    let area = inst.items[k].area;
    let modes = site_modes(inst, k, p);
    if modes.is_empty() {
        return 0.0;
    }
    let per_mode: Vec<[(f64, f64); 4]> = modes
        .iter()
        .map(|&m| resources(inst, m, area, p, t))
        .collect();
    let mut joint = f64::INFINITY;
    for r in 0..4 {
        let smallest = per_mode
            .iter()
            .map(|res| res[r].0)
            .fold(f64::INFINITY, f64::min);
        if smallest > 0.0 {
            joint = joint.min(per_mode[0][r].1 / smallest);
        }
    }
    let separate: f64 = per_mode
        .iter()
        .map(|res| {
            res.iter()
                .filter(|(coef, _)| *coef > 0.0)
                .map(|(coef, cap)| cap / coef)
                .fold(f64::INFINITY, f64::min)
        })
        .sum();
    joint.min(separate)
}

/// S_k: the right-hand side of item `k`'s site count.
pub fn count_rhs(inst: &Instance, k: usize) -> f64 {
    inst.items[k].max_sites as f64
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
                let mut link = Expression::with_capacity(3);
                let mut has_effort = false;
                for e in c
                    .effort_of_item(k, t)
                    .filter(|e| e.province == p && inst.model.mode(e.mode).lead_sites)
                {
                    link.add_mul(1.0, c.var(e.col));
                    total.add_mul(1.0, c.var(e.col));
                    has_effort = true;
                }
                if !has_effort {
                    continue;
                }
                link.add_mul(-site_effort_bound(inst, k, p, t), c.var(site));
                rows.leq(
                    RowKey::SiteLink {
                        item: k,
                        province: p,
                        year: t,
                    },
                    link,
                    0.0,
                );
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
            rows.leq(RowKey::SiteCount { item: k }, count, count_rhs(inst, k));
        }
    }
}
