//! (SITE) national lead sites — for every item k with lead-site instruments
//! and every candidate province p:
//!
//! ```text
//! Σ_{m∈M_site} e[k,p,m,t] ≤ Ē_kpt · y[k,p]          (every year t)
//! Σ_p y[k,p] ≤ S_k
//! Σ_t Σ_{m∈M_site} e[k,p,m,t] ≥ Emin_k · y[k,p]
//! ```
//!
//! Ē_kpt is recomputed here, not taken from the formulation, so the check
//! stays independent: the most lead-site effort that the central budget
//! (BC), the provincial budget (BP) and the platform capacity (C, with every
//! platform the build rate allows) leave room for. The formulation's Ē
//! (docs/model.md, SITE) is tighter still — it also counts talent (H) and the
//! shares (CAP) and (REG) leave a province — so this check is the weaker
//! bound: it never rejects a plan the model allows, and on a MIP plan (y
//! whole) both bounds say the same thing, since any site effort is within
//! the other families' rows, which are checked on their own.

use std::collections::HashMap;

use super::{CheckOptions, Context};
use crate::instance::Instance;
use crate::plan::lead_site_effort;

pub fn check(c: &mut Context, opts: &CheckOptions) {
    let (inst, plan) = (c.inst, c.plan);
    let mut designated: HashMap<(usize, usize), f64> = HashMap::new();
    let mut count = vec![None::<f64>; inst.items.len()];
    for s in &plan.sites {
        designated.insert((s.item, s.province), s.value);
        *count[s.item].get_or_insert(0.0) += s.value;
    }
    for (k, n) in count.iter().enumerate() {
        if let Some(n) = n {
            c.r.at_most(
                || format!("SITE site_count({})", inst.items[k].id),
                *n,
                inst.items[k].max_sites as f64,
                1.0,
            );
        }
    }
    for ((k, p), by_year) in lead_site_effort(inst, plan) {
        let item = &inst.items[k];
        let prov = &inst.provinces[p].id;
        let y = designated.get(&(k, p)).copied().unwrap_or(0.0);
        for (t, &effort) in by_year.iter().enumerate() {
            let bound = largest_site_effort(inst, k, p, t) * y;
            let year = inst.years[t];
            c.r.at_most(
                || format!("SITE site_link({},{prov},{year})", item.id),
                effort,
                bound,
                effort.max(bound),
            );
            if !opts.relax && y < 0.5 {
                c.r.at_most(
                    || {
                        format!(
                            "SITE lead-site effort at undesignated site ({},{prov},{year})",
                            item.id
                        )
                    },
                    effort,
                    0.0,
                    1.0,
                );
            }
        }
        let total: f64 = by_year.iter().sum();
        c.r.at_least(
            || format!("SITE site_minimum({},{prov})", item.id),
            total,
            item.min_site_effort * y,
            total.max(item.min_site_effort),
        );
    }
}

/// Ē_kpt [effort units]: each lead-site instrument m alone may reach at most
/// min over the resources r it uses of (most of r ever available) / (its use
/// of r per effort unit); all of them together at most (most of r) / (the
/// smallest use of r among them) for a resource every one uses. The bound is
/// the smaller of the sum of the first and the second.
fn largest_site_effort(inst: &Instance, k: usize, p: usize, t: usize) -> f64 {
    let model = &inst.model;
    let area = inst.items[k].area;
    let build_years = (t + 1).saturating_sub(model.platform_lag_years) as f64;
    let most_capacity = inst.initial_capacity_cu[[area, p]]
        + model.platform_capacity_cu * inst.provinces[p].max_new_platforms as f64 * build_years;
    let available = [
        inst.central_budget_yi[t],
        inst.provincial_budget_yi[[p, t]],
        most_capacity,
    ];
    let uses: Vec<[f64; 3]> = model
        .mode_ids()
        .filter(|&m| model.mode(m).lead_sites && inst.effort_allowed(k, p, m))
        .map(|m| {
            let params = model.mode(m);
            [
                params.central_share * params.funding_yi_per_effort,
                (1.0 - params.central_share) * params.funding_yi_per_effort,
                params.capacity_cu_per_effort,
            ]
        })
        .collect();
    if uses.is_empty() {
        return 0.0;
    }
    let alone: f64 = uses
        .iter()
        .map(|u| {
            (0..3)
                .filter(|&r| u[r] > 0.0)
                .map(|r| available[r] / u[r])
                .fold(f64::INFINITY, f64::min)
        })
        .sum();
    let together = (0..3)
        .filter_map(|r| {
            let least = uses.iter().map(|u| u[r]).fold(f64::INFINITY, f64::min);
            (least > 0.0).then(|| available[r] / least)
        })
        .fold(f64::INFINITY, f64::min);
    alone.min(together)
}
