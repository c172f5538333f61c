//! Tornado: one parameter group at a time moved by ±delta, every variant
//! re-solved (with sites and platforms fixed at the base plan) and checked;
//! the change of each KPI, sorted by impact.

use rayon::prelude::*;

use crate::instance::{Instance, Mode};
use crate::run::{solve_instance, solve_instance_with, RunOptions, RunResult};

/// A group of parameters moved together.
#[derive(Debug, Clone, PartialEq)]
pub enum TornadoGroup {
    CentralBudget,
    ProvincialBudget,
    Talent,
    PlatformCapacity,
    /// Gains of the items of an area.
    Gain(usize),
    /// Initial self-sufficiency of the items of an area.
    InitialShare(usize),
    /// Funding per effort unit of a mode.
    ModeCost(Mode),
}

impl TornadoGroup {
    pub fn all(inst: &Instance) -> Vec<TornadoGroup> {
        let mut g = vec![
            TornadoGroup::CentralBudget,
            TornadoGroup::ProvincialBudget,
            TornadoGroup::Talent,
            TornadoGroup::PlatformCapacity,
        ];
        for a in 0..inst.areas.len() {
            if inst.items.iter().any(|i| i.area == a) {
                g.push(TornadoGroup::Gain(a));
                g.push(TornadoGroup::InitialShare(a));
            }
        }
        g.extend(inst.model.mode_ids().map(TornadoGroup::ModeCost));
        g
    }

    pub fn label(&self, inst: &Instance) -> String {
        match self {
            TornadoGroup::CentralBudget => "central budget".into(),
            TornadoGroup::ProvincialBudget => "provincial budgets".into(),
            TornadoGroup::Talent => "talent".into(),
            TornadoGroup::PlatformCapacity => "initial platform capacity".into(),
            TornadoGroup::Gain(a) => format!("gains: {}", inst.areas[*a].id),
            TornadoGroup::InitialShare(a) => format!("initial shares: {}", inst.areas[*a].id),
            TornadoGroup::ModeCost(m) => format!("cost per effort: {}", inst.model.mode_id(*m)),
        }
    }

    /// The instance with this group multiplied by `factor`.
    pub fn apply(&self, base: &Instance, factor: f64) -> Instance {
        let mut inst = base.clone();
        match self {
            TornadoGroup::CentralBudget => {
                inst.central_budget_yi.iter_mut().for_each(|b| *b *= factor)
            }
            TornadoGroup::ProvincialBudget => {
                inst.provincial_budget_yi.mapv_inplace(|b| b * factor)
            }
            TornadoGroup::Talent => inst
                .provinces
                .iter_mut()
                .for_each(|p| p.talent_kfte *= factor),
            TornadoGroup::PlatformCapacity => inst.initial_capacity_cu.mapv_inplace(|c| c * factor),
            TornadoGroup::Gain(a) => inst
                .items
                .iter_mut()
                .filter(|i| i.area == *a)
                .for_each(|i| i.gain_per_effort *= factor),
            TornadoGroup::InitialShare(a) => {
                for item in inst.items.iter_mut().filter(|i| i.area == *a) {
                    item.s0 = (item.s0 * factor).clamp(0.0, item.smax);
                }
                // Keep every chain link satisfiable from the start (an input rule).
                for &k in &base.chain_order {
                    for link in base.links.iter().filter(|l| l.item == k) {
                        let cap = inst.items[link.needs].s0 + link.max_lead;
                        if inst.items[k].s0 > cap {
                            inst.items[k].s0 = cap;
                        }
                    }
                }
            }
            TornadoGroup::ModeCost(m) => {
                inst.model.modes[m.index()].funding_yi_per_effort *= factor
            }
        }
        inst
    }
}

/// KPIs of one solve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kpis {
    /// [亿元]
    pub objective: f64,
    /// Total spending over the horizon [亿元].
    pub spend_yi: f64,
    /// Σ of target shortfalls [points].
    pub shortfall_points: f64,
}

fn kpis(inst: &Instance, r: &RunResult) -> Option<Kpis> {
    let plan = r.plan.as_ref()?;
    Some(Kpis {
        objective: r.outcome.objective?,
        spend_yi: crate::plan::spend_by_year(inst, plan)
            .iter()
            .map(|s| s.total_yi())
            .sum(),
        shortfall_points: 100.0 * plan.shortfall.iter().map(|u| u.max(0.0)).sum::<f64>(),
    })
}

#[derive(Debug, Clone)]
pub struct TornadoRow {
    pub group: String,
    pub low: Option<Kpis>,
    pub high: Option<Kpis>,
}

impl TornadoRow {
    /// Largest absolute change of the objective over the two variants [亿元].
    pub fn impact(&self, base: &Kpis) -> f64 {
        [self.low, self.high]
            .iter()
            .flatten()
            .map(|k| (k.objective - base.objective).abs())
            .fold(0.0, f64::max)
    }
}

pub use super::AnalysisError as TornadoError;

/// Runs the tornado; rows come sorted by impact on the objective, largest first.
pub fn run_tornado(
    base: &Instance,
    delta: f64,
    run: &RunOptions,
    workers: usize,
) -> Result<(Kpis, Vec<TornadoRow>), TornadoError> {
    if !(delta > 0.0 && delta < 1.0) {
        return Err(TornadoError::Invalid(format!(
            "--delta must be in (0, 1), got {delta}"
        )));
    }
    let base_run = solve_instance(base, run)?;
    let base_kpis = kpis(base, &base_run).ok_or(TornadoError::no_plan(base_run.outcome.status))?;
    let fixed = (base_run.size.integers > 0).then(|| base_run.outcome.columns.clone());
    let groups = TornadoGroup::all(base);
    let variants: Vec<(usize, f64)> = (0..groups.len())
        .flat_map(|g| [(g, 1.0 - delta), (g, 1.0 + delta)])
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers.max(1))
        .build()
        .map_err(|e| TornadoError::Invalid(e.to_string()))?;
    let results: Vec<Result<Option<Kpis>, TornadoError>> = pool.install(|| {
        variants
            .par_iter()
            .map(|&(g, factor)| {
                let inst = groups[g].apply(base, factor);
                let r = solve_instance_with(&inst, run, fixed.as_deref())?;
                if let Some(check) = r.check.as_ref().filter(|c| !c.passed) {
                    let what = check
                        .violations
                        .first()
                        .map(|v| v.what.clone())
                        .unwrap_or_default();
                    return Err(TornadoError::Check {
                        context: format!("for `{}` × {factor}", groups[g].label(base)),
                        what,
                    });
                }
                Ok(kpis(&inst, &r))
            })
            .collect()
    });
    let mut results = results.into_iter();
    let mut rows = Vec::new();
    for g in &groups {
        let low = results.next().expect("two variants per group")?;
        let high = results.next().expect("two variants per group")?;
        rows.push(TornadoRow {
            group: g.label(base),
            low,
            high,
        });
    }
    rows.sort_by(|a, b| {
        b.impact(&base_kpis)
            .total_cmp(&a.impact(&base_kpis))
            .then(a.group.cmp(&b.group))
    });
    Ok((base_kpis, rows))
}
