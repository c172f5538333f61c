//! Parametric sweeps: one parameter moved over a range, each point solved by
//! changing the live model in place and re-solving warm from the previous
//! basis (or, with `cold`, rebuilt from scratch as an oracle). Every point's
//! plan is checked independently; points where the optimal basis changes are
//! reported as breakpoints.

use std::time::Instant;

use crate::analysis::live::LiveModel;
use crate::instance::Instance;
use crate::model::RowKey;
use crate::plan::spend_by_year;
use crate::readback::realise::group_level;
use crate::run::{open_session, RunOptions};
use crate::solve::{Outcome, SolveStatus};

/// Which parameter a sweep moves.
#[derive(Debug, Clone, PartialEq)]
pub enum SweepParam {
    /// Scale on every year's central budget (1 = base).
    CentralBudget,
    /// Scale on every provincial budget.
    ProvincialBudget,
    /// Scale on the talent every province has.
    Talent,
    /// Level of one target (a share), or, for all targets, a scale on every level.
    TargetLevel { target: Option<String> },
    /// Scale on gains: all items, the items of an area, or one item.
    Gain { scope: GainScope },
}

#[derive(Debug, Clone, PartialEq)]
pub enum GainScope {
    All,
    Area(String),
    Item(String),
}

impl SweepParam {
    /// Parses a parameter name with its optional scope.
    pub fn parse(
        name: &str,
        target: Option<&str>,
        area: Option<&str>,
        item: Option<&str>,
    ) -> Result<SweepParam, String> {
        Ok(match name {
            "central-budget" => SweepParam::CentralBudget,
            "provincial-budget" => SweepParam::ProvincialBudget,
            "talent" => SweepParam::Talent,
            "target-level" => SweepParam::TargetLevel { target: target.map(str::to_string) },
            "gain" => SweepParam::Gain {
                scope: match (area, item) {
                    (Some(a), None) => GainScope::Area(a.to_string()),
                    (None, Some(i)) => GainScope::Item(i.to_string()),
                    (None, None) => GainScope::All,
                    (Some(_), Some(_)) => return Err("give --area or --item, not both".into()),
                },
            },
            other => {
                return Err(format!(
                    "unknown parameter `{other}`; expected central-budget, provincial-budget, talent, target-level or gain"
                ))
            }
        })
    }

    /// A label for outputs, e.g. `gain[area=software]`.
    pub fn label(&self) -> String {
        match self {
            SweepParam::CentralBudget => "central-budget (scale)".into(),
            SweepParam::ProvincialBudget => "provincial-budget (scale)".into(),
            SweepParam::Talent => "talent (scale)".into(),
            SweepParam::TargetLevel { target: Some(t) } => format!("target-level[{t}] (share)"),
            SweepParam::TargetLevel { target: None } => "target-level[all] (scale)".into(),
            SweepParam::Gain {
                scope: GainScope::All,
            } => "gain (scale)".into(),
            SweepParam::Gain {
                scope: GainScope::Area(a),
            } => format!("gain[area={a}] (scale)"),
            SweepParam::Gain {
                scope: GainScope::Item(i),
            } => format!("gain[item={i}] (scale)"),
        }
    }

    /// The instance with the parameter at `value`.
    pub fn apply(&self, base: &Instance, value: f64) -> Result<Instance, String> {
        if !value.is_finite() {
            return Err(format!("parameter value must be finite, got {value}"));
        }
        let mut inst = base.clone();
        let non_negative = |v: f64| {
            if v >= 0.0 {
                Ok(())
            } else {
                Err(format!("a scale must be ≥ 0, got {v}"))
            }
        };
        match self {
            SweepParam::CentralBudget => {
                non_negative(value)?;
                inst.central_budget_yi.iter_mut().for_each(|b| *b *= value);
            }
            SweepParam::ProvincialBudget => {
                non_negative(value)?;
                inst.provincial_budget_yi.mapv_inplace(|b| b * value);
            }
            SweepParam::Talent => {
                non_negative(value)?;
                inst.provinces
                    .iter_mut()
                    .for_each(|p| p.talent_kfte *= value);
            }
            SweepParam::TargetLevel { target: Some(id) } => {
                if !(0.0..=1.0).contains(&value) {
                    return Err(format!("a target level is a share in [0, 1], got {value}"));
                }
                let g = inst
                    .targets
                    .iter_mut()
                    .find(|t| &t.id == id)
                    .ok_or_else(|| format!("unknown target `{id}`"))?;
                g.level = value;
            }
            SweepParam::TargetLevel { target: None } => {
                non_negative(value)?;
                inst.targets
                    .iter_mut()
                    .for_each(|t| t.level = (t.level * value).min(1.0));
            }
            SweepParam::Gain { scope } => {
                if value <= 0.0 {
                    return Err(format!("a gain scale must be > 0, got {value}"));
                }
                let area = match scope {
                    GainScope::Area(a) => Some(
                        base.areas
                            .iter()
                            .position(|x| &x.id == a)
                            .ok_or_else(|| format!("unknown area `{a}`"))?,
                    ),
                    _ => None,
                };
                if let GainScope::Item(i) = scope {
                    if !base.items.iter().any(|x| &x.id == i) {
                        return Err(format!("unknown item `{i}`"));
                    }
                }
                for item in inst.items.iter_mut() {
                    let hit = match scope {
                        GainScope::All => true,
                        GainScope::Area(_) => Some(item.area) == area,
                        GainScope::Item(i) => &item.id == i,
                    };
                    if hit {
                        item.gain_per_effort *= value;
                    }
                }
            }
        }
        Ok(inst)
    }
}

/// How a sweep is run.
#[derive(Debug, Clone)]
pub struct SweepOptions {
    pub param: SweepParam,
    pub from: f64,
    pub to: f64,
    /// Number of points, both ends included (≥ 2).
    pub points: usize,
    /// Rebuild the model at every point instead of modifying it in place.
    pub cold: bool,
    /// Re-solve the MIP at every point; otherwise sites and platforms stay
    /// fixed at the base plan and each point is an LP.
    pub reoptimise_integers: bool,
    pub run: RunOptions,
}

/// One point of a sweep.
#[derive(Debug, Clone)]
pub struct SweepPoint {
    pub value: f64,
    pub status: SolveStatus,
    pub objective: Option<f64>,
    pub spend_yi: Option<f64>,
    /// Per target (instance order): achieved level and shortfall (shares).
    pub achieved: Vec<f64>,
    pub shortfall: Vec<f64>,
    /// Σ_t dual of the central budget rows [亿元 of objective per 亿元 added to every year].
    pub central_budget_dual_sum: Option<f64>,
    /// The optimal basis differs from the previous point's.
    pub basis_changed: bool,
    pub max_violation: f64,
    pub solve_s: f64,
}

pub struct SweepResult {
    pub points: Vec<SweepPoint>,
    /// (previous value, value) pairs between which the optimal basis changed.
    pub breakpoints: Vec<(f64, f64)>,
    pub integers: &'static str,
    pub mode: &'static str,
    pub total_s: f64,
}

pub use super::AnalysisError as SweepError;

pub fn values(from: f64, to: f64, points: usize) -> Vec<f64> {
    (0..points)
        .map(|i| from + (to - from) * i as f64 / (points - 1) as f64)
        .collect()
}

/// Runs a sweep.
pub fn run_sweep(base: &Instance, opts: &SweepOptions) -> Result<SweepResult, SweepError> {
    if opts.points < 2 {
        return Err(SweepError::Invalid(
            "--steps must be at least 2 (the number of points, ends included)".into(),
        ));
    }
    if !opts.from.is_finite() || !opts.to.is_finite() {
        return Err(SweepError::Invalid(
            "--from and --to must be finite numbers".into(),
        ));
    }
    let started = Instant::now();
    let grid = values(opts.from, opts.to, opts.points);
    let instances: Vec<Instance> = grid
        .iter()
        .map(|&v| opts.param.apply(base, v))
        .collect::<Result<_, _>>()
        .map_err(SweepError::Invalid)?;

    let (weights, _) = crate::run::objective_for(base, opts.run.objective_preset.as_deref())?;
    // Integer decisions: fixed at the base plan unless re-optimised.
    let mut live = LiveModel::open(base, &opts.run)?;
    let is_mip = live.session.num_integers() > 0;
    let fixed: Option<Vec<f64>> = if is_mip && !opts.reoptimise_integers {
        let base_outcome = live.solve()?;
        if !base_outcome.has_solution {
            return Err(SweepError::no_plan(base_outcome.status));
        }
        live.session.fix_integers(Some(&base_outcome.columns))?;
        Some(base_outcome.columns)
    } else {
        None
    };
    let integers = match (is_mip, &fixed) {
        (false, _) => "none",
        (true, Some(_)) => "fixed at the base plan",
        (true, None) => "re-optimised at every point",
    };

    let mut points = Vec::with_capacity(opts.points);
    let mut previous_basis: Option<Vec<highs_sys::HighsInt>> = None;
    for (&value, inst) in grid.iter().zip(&instances) {
        let t0 = Instant::now();
        let outcome = if opts.cold {
            let (mut session, _) = open_session(inst, &opts.run)?;
            if let Some(f) = &fixed {
                session.fix_integers(Some(f))?;
            }
            session.solve()?
        } else {
            live.set_instance(inst)?;
            live.solve()?
        };
        let solve_s = t0.elapsed().as_secs_f64();
        let basis_changed = match (&previous_basis, &outcome.basis) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        };
        if outcome.basis.is_some() {
            previous_basis = outcome.basis.clone();
        }
        let ctx = PointContext {
            inst,
            layout: &live.layout,
            run: &opts.run,
            weights,
        };
        points.push(point(&ctx, value, &outcome, basis_changed, solve_s)?);
    }
    let breakpoints = points
        .windows(2)
        .filter(|w| w[1].basis_changed)
        .map(|w| (w[0].value, w[1].value))
        .collect();
    Ok(SweepResult {
        points,
        breakpoints,
        integers,
        mode: if opts.cold { "cold" } else { "warm" },
        total_s: started.elapsed().as_secs_f64(),
    })
}

/// What reading a point needs besides its outcome.
struct PointContext<'a> {
    inst: &'a Instance,
    layout: &'a crate::model::Layout,
    run: &'a RunOptions,
    /// Objective weights: the swept parameters never change them.
    weights: crate::instance::ObjectiveWeights,
}

fn point(
    ctx: &PointContext,
    value: f64,
    outcome: &Outcome,
    basis_changed: bool,
    solve_s: f64,
) -> Result<SweepPoint, SweepError> {
    let mut p = SweepPoint {
        value,
        status: outcome.status,
        objective: outcome.objective,
        spend_yi: None,
        achieved: Vec::new(),
        shortfall: Vec::new(),
        central_budget_dual_sum: None,
        basis_changed,
        max_violation: 0.0,
        solve_s,
    };
    if !outcome.has_solution {
        return Ok(p);
    }
    let PointContext {
        inst,
        layout,
        run,
        weights,
    } = *ctx;
    let (plan, check) = super::checked_plan(inst, layout, run, weights, outcome, || {
        format!("at {value}")
    })?;
    p.max_violation = check.max_violation;
    p.spend_yi = Some(
        spend_by_year(inst, &plan)
            .iter()
            .map(|s| s.total_yi())
            .sum(),
    );
    let levels = plan.model_levels(inst);
    for (g, target) in inst.targets.iter().enumerate() {
        p.achieved
            .push(group_level(inst, &target.items, &levels, target.year));
        p.shortfall.push(plan.shortfall[g].max(0.0));
    }
    if !outcome.row_duals.is_empty() {
        p.central_budget_dual_sum = Some(
            layout
                .rows
                .iter()
                .zip(&outcome.row_duals)
                .filter(|(k, _)| matches!(k, RowKey::CentralBudget { .. }))
                .map(|(_, d)| d)
                .sum(),
        );
    }
    Ok(p)
}
