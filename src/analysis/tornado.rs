//! Tornado: one parameter group at a time moved by ±delta, every variant
//! re-solved (with sites and platforms fixed at the base plan) and checked;
//! the change of each KPI, sorted by impact.

use rayon::prelude::*;

use crate::analysis::live::LiveModel;
use crate::instance::overrides::{Op, Override, Param, Selector};
use crate::instance::{Instance, Mode};
use crate::run::{solve_instance, RunOptions, RunResult};

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

    /// The overrides that move this group by `factor`.
    pub fn overrides(&self, base: &Instance, factor: f64) -> Vec<Override> {
        let context = format!("tornado: {} × {factor}", self.label(base));
        let scale = |param: Param, selector: Selector| {
            Override::numeric(param, selector, Op::Scale, factor, &context)
        };
        match self {
            TornadoGroup::CentralBudget => vec![scale(Param::CentralBudget, Selector::default())],
            TornadoGroup::ProvincialBudget => {
                vec![scale(Param::ProvincialBudget, Selector::default())]
            }
            TornadoGroup::Talent => vec![scale(Param::Talent, Selector::default())],
            TornadoGroup::PlatformCapacity => {
                vec![scale(Param::PlatformCapacity, Selector::default())]
            }
            TornadoGroup::Gain(a) => vec![scale(
                Param::Gain,
                Selector {
                    area: Some(vec![base.areas[*a].id.clone()]),
                    ..Selector::default()
                },
            )],
            TornadoGroup::InitialShare(a) => initial_share_overrides(base, *a, factor, &context),
            TornadoGroup::ModeCost(m) => vec![scale(
                Param::FundingPerEffort,
                Selector {
                    mode: Some(vec![base.model.mode_id(*m).to_string()]),
                    ..Selector::default()
                },
            )],
        }
    }
}

/// s0 of the items of area `a` times `factor`, kept within [0, smax] and so
/// that every chain link stays satisfiable at the start (an input rule):
/// one `set` per item whose value changes.
fn initial_share_overrides(base: &Instance, a: usize, factor: f64, context: &str) -> Vec<Override> {
    let mut s0: Vec<f64> = base.items.iter().map(|i| i.s0).collect();
    for (k, item) in base.items.iter().enumerate() {
        if item.area == a {
            s0[k] = (item.s0 * factor).clamp(0.0, item.smax);
        }
    }
    for &k in &base.chain_order {
        for link in base.links.iter().filter(|l| l.item == k) {
            s0[k] = s0[k].min(s0[link.needs] + link.max_lead);
        }
    }
    base.items
        .iter()
        .zip(s0)
        .filter(|(item, v)| *v != item.s0)
        .map(|(item, v)| {
            Override::numeric(
                Param::S0,
                Selector {
                    item: Some(vec![item.id.clone()]),
                    ..Selector::default()
                },
                Op::Set,
                v,
                context,
            )
        })
        .collect()
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

impl Kpis {
    /// Each KPI minus the base's.
    pub fn change_from(&self, base: &Kpis) -> Kpis {
        Kpis {
            objective: self.objective - base.objective,
            spend_yi: self.spend_yi - base.spend_yi,
            shortfall_points: self.shortfall_points - base.shortfall_points,
        }
    }
}

fn kpis(inst: &Instance, r: &RunResult) -> Option<Kpis> {
    Some(kpis_of(inst, r.plan.as_ref()?, r.outcome.objective?))
}

fn kpis_of(inst: &Instance, plan: &crate::plan::Plan, objective: f64) -> Kpis {
    Kpis {
        objective,
        spend_yi: crate::plan::total_spend_yi(inst, plan),
        shortfall_points: 100.0 * plan.shortfall.iter().map(|u| u.max(0.0)).sum::<f64>(),
    }
}

/// One parameter group moved down and up; `None` where the variant has no plan.
#[derive(Debug, Clone)]
pub struct TornadoRow {
    pub group: String,
    pub low: Option<Kpis>,
    pub high: Option<Kpis>,
    /// Each variant's KPIs minus the base's.
    pub low_change: Option<Kpis>,
    pub high_change: Option<Kpis>,
}

impl TornadoRow {
    fn new(group: String, low: Option<Kpis>, high: Option<Kpis>, base: &Kpis) -> TornadoRow {
        TornadoRow {
            group,
            low,
            high,
            low_change: low.map(|k| k.change_from(base)),
            high_change: high.map(|k| k.change_from(base)),
        }
    }

    /// Largest absolute change of the objective over the two variants [亿元].
    pub fn impact(&self) -> f64 {
        [self.low_change, self.high_change]
            .iter()
            .flatten()
            .map(|k| k.objective.abs())
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
    // Each worker keeps one live model with the base plan's sites and
    // platforms fixed, and moves it from variant to variant.
    let results: Vec<Result<Option<Kpis>, TornadoError>> = pool.install(|| {
        variants
            .par_iter()
            .map_init(
                || -> Result<LiveModel, TornadoError> {
                    let mut live = LiveModel::open(base, run)?;
                    if let Some(f) = &fixed {
                        live.fix_integers(f)?;
                    }
                    Ok(live)
                },
                |live, &(g, factor)| {
                    let live = live.as_mut().map_err(|e| {
                        TornadoError::Solve(crate::solve::SolveError::Highs(format!(
                            "a worker could not build its model: {e}"
                        )))
                    })?;
                    live.set_overrides(&groups[g].overrides(base, factor))?;
                    let outcome = live.solve()?;
                    let inst = live.instance();
                    if !outcome.has_solution {
                        return Ok(None);
                    }
                    let (weights, _) =
                        crate::run::objective_for(inst, run.objective_preset.as_deref())?;
                    let (plan, _) =
                        super::checked_plan(inst, &live.layout, run, weights, &outcome, || {
                            format!("for `{}` × {factor}", groups[g].label(base))
                        })?;
                    Ok(Some(kpis_of(
                        inst,
                        &plan,
                        outcome.objective.unwrap_or(f64::NAN),
                    )))
                },
            )
            .collect()
    });
    let mut results = results.into_iter();
    let mut rows = Vec::new();
    for g in &groups {
        let low = results.next().expect("two variants per group")?;
        let high = results.next().expect("two variants per group")?;
        rows.push(TornadoRow::new(g.label(base), low, high, &base_kpis));
    }
    rows.sort_by(|a, b| {
        b.impact()
            .total_cmp(&a.impact())
            .then(a.group.cmp(&b.group))
    });
    Ok((base_kpis, rows))
}
