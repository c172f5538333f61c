//! Real spending of a plan by who pays and where it goes — area, province,
//! instrument, year — and the part whose effect falls after the horizon.
//! Money only: the shortfall penalty is a modelling device and never enters.

use crate::instance::Instance;
use crate::plan::{EffortValue, Plan, Spend};

/// Central and provincial money [亿元, undiscounted].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Payers {
    pub central_yi: f64,
    pub provincial_yi: f64,
}

impl Payers {
    pub fn total_yi(&self) -> f64 {
        self.central_yi + self.provincial_yi
    }

    fn add(&mut self, central: f64, provincial: f64) {
        self.central_yi += central;
        self.provincial_yi += provincial;
    }
}

/// Where a plan's money goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Spending {
    /// Project funding (effort) by area, province and instrument (mode index).
    pub by_area: Vec<Payers>,
    pub by_province: Vec<Payers>,
    pub by_mode: Vec<Payers>,
    /// Every use (effort, platforms, training) whose effect arrives after the
    /// last year — effort past its item's effect lag, platforms past the
    /// construction lag, training past the training lag — by year index.
    pub after_horizon_by_year: Vec<Payers>,
}

impl Spending {
    /// Spending whose effect falls after the horizon, in all [亿元].
    pub fn after_horizon(&self) -> Payers {
        let mut total = Payers::default();
        for p in &self.after_horizon_by_year {
            total.add(p.central_yi, p.provincial_yi);
        }
        total
    }
}

/// Funding of one effort decision: σ_m f_m e (central) and (1−σ_m) f_m e (provincial).
pub fn effort_payers(inst: &Instance, e: &EffortValue) -> Payers {
    let m = inst.model.mode(e.mode);
    Payers {
        central_yi: m.central_share * m.funding_yi_per_effort * e.effort,
        provincial_yi: (1.0 - m.central_share) * m.funding_yi_per_effort * e.effort,
    }
}

/// Indices of the entries of `payers` that spend anything, largest total
/// first, ties by `name`.
pub fn largest_first<'a>(payers: &[Payers], name: impl Fn(usize) -> &'a str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..payers.len())
        .filter(|&i| payers[i].total_yi() > 1e-9)
        .collect();
    order.sort_by(|&a, &b| {
        payers[b]
            .total_yi()
            .total_cmp(&payers[a].total_yi())
            .then(name(a).cmp(name(b)))
    });
    order
}

/// Real spending over the horizon by payer [亿元, undiscounted].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SpendTotals {
    pub total_yi: f64,
    pub central_yi: f64,
    pub provincial_yi: f64,
    /// Total discounted to the first year with the instance's rate.
    pub discounted_yi: f64,
}

/// Sums spending by year over the horizon.
pub fn spend_totals(inst: &Instance, by_year: &[Spend]) -> SpendTotals {
    SpendTotals {
        discounted_yi: by_year
            .iter()
            .enumerate()
            .map(|(t, s)| inst.discount(t) * s.total_yi())
            .sum(),
        total_yi: by_year.iter().map(Spend::total_yi).sum(),
        central_yi: by_year.iter().map(Spend::central_yi).sum(),
        provincial_yi: by_year.iter().map(Spend::provincial_yi).sum(),
    }
}

/// Spending of `plan` by area, province, instrument and year.
pub fn spending(inst: &Instance, plan: &Plan) -> Spending {
    let model = &inst.model;
    let last = inst.years.len() - 1;
    let mut s = Spending {
        by_area: vec![Payers::default(); inst.areas.len()],
        by_province: vec![Payers::default(); inst.provinces.len()],
        by_mode: vec![Payers::default(); model.modes.len()],
        after_horizon_by_year: vec![Payers::default(); inst.years.len()],
    };
    for e in &plan.effort {
        let Payers {
            central_yi: central,
            provincial_yi: provincial,
        } = effort_payers(inst, e);
        s.by_area[inst.items[e.item].area].add(central, provincial);
        s.by_province[e.province].add(central, provincial);
        s.by_mode[e.mode.index()].add(central, provincial);
        if e.year + inst.effect_lag(e.item) > last {
            s.after_horizon_by_year[e.year].add(central, provincial);
        }
    }
    for ((_, _, t), &n) in plan.new_platforms.indexed_iter() {
        if t + model.platform_lag_years > last {
            s.after_horizon_by_year[t].add(
                model.platform_central_share * model.platform_cost_yi * n,
                (1.0 - model.platform_central_share) * model.platform_cost_yi * n,
            );
        }
    }
    if model.training_kfte_per_yi > 0.0 {
        for ((_, t), &tr) in plan.training_yi.indexed_iter() {
            if t + model.training_lag_years > last {
                s.after_horizon_by_year[t].add(0.0, tr);
            }
        }
    }
    s
}
