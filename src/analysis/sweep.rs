//! Parametric sweeps: one parameter moved over a range, each point solved by
//! changing the live model in place and re-solving warm from the previous
//! basis (or, with `cold`, rebuilt from scratch as an oracle). Every point's
//! plan is checked independently; points where the optimal basis changes are
//! reported as breakpoints.

use std::time::Instant;

use crate::analysis::live::LiveModel;

use crate::instance::overrides::{
    apply_all, parse_set, selected_values, Op, Override, Param, Selector,
};
use crate::instance::Instance;
use crate::model::RowKey;
use crate::readback::realise::group_level;
use crate::run::{open_session, RunOptions};
use crate::solve::{Basis, Outcome, SolveStatus};

/// What a sweep moves: any parameter an override can change, with the same
/// selectors, and whether the swept values are multipliers of the base
/// values (`scale`), the values themselves (`set`) or amounts added (`add`).
#[derive(Debug, Clone, PartialEq)]
pub struct SweepParam {
    pub param: Param,
    pub selector: Selector,
    pub op: Op,
}

impl SweepParam {
    /// Parses `PARAM[SELECTORS]` (the `--set` syntax without the value).
    pub fn parse(text: &str, op: Op) -> Result<SweepParam, String> {
        let symbol = match op {
            Op::Set => "=",
            Op::Scale => "*=",
            Op::Add => "+=",
        };
        let probe = parse_set(&format!("{text}{symbol}0")).map_err(|e| {
            e.iter()
                .map(|e| e.rule.clone())
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        if !probe.param.is_numeric() {
            return Err(format!(
                "{} is not a number and cannot be swept",
                probe.param
            ));
        }
        Ok(SweepParam {
            param: probe.param,
            selector: probe.selector,
            op,
        })
    }

    /// The override that puts the parameter at `value`.
    pub fn override_at(&self, value: f64) -> Override {
        Override::numeric(
            self.param,
            self.selector.clone(),
            self.op,
            value,
            &format!("sweep point {value}"),
        )
    }

    /// A label for outputs that says what the values are, e.g.
    /// `gain[area=software] (× base value)`.
    pub fn label(&self) -> String {
        let name = self.override_at(0.0).target();
        let unit = self.param.spec().unit;
        match self.op {
            Op::Scale => format!("{name} (× base value)"),
            Op::Set => format!("{name} (value, {unit})"),
            Op::Add => format!("{name} (+ amount, {unit})"),
        }
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
    /// The swept value as `--op` reads it (a multiplier for `scale`).
    pub value: f64,
    /// The parameter at this point in its own unit: the sum of the selected
    /// elements' values where they add up (a budget over its years), else
    /// their mean (a target's level) ([`Param::sums_over_selection`]).
    pub value_in_unit: f64,
    /// How many elements the selector picks.
    pub elements: usize,
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
    let overrides: Vec<Override> = grid.iter().map(|&v| opts.param.override_at(v)).collect();
    // Every point is validated before any solve.
    let instances: Vec<Instance> = overrides
        .iter()
        .map(|o| apply_all(base, std::slice::from_ref(o)))
        .collect::<Result<_, _>>()
        .map_err(crate::run::RunError::Input)?;
    let in_unit = overrides
        .iter()
        .map(|o| in_unit(base, o))
        .collect::<Result<Vec<_>, _>>()?;

    // Integer decisions: fixed at the base plan unless re-optimised.
    let mut live = LiveModel::open(base, &opts.run)?;
    let is_mip = live.session.num_integers() > 0;
    let fixed: Option<Vec<f64>> = if is_mip && !opts.reoptimise_integers {
        let base_outcome = live.solve()?;
        if !base_outcome.has_solution {
            return Err(SweepError::no_plan(base_outcome.status));
        }
        live.fix_integers(&base_outcome.columns)?;
        Some(base_outcome.columns)
    } else {
        None
    };
    let base_layout = live.layout.clone();
    let integers = match (is_mip, &fixed) {
        (false, _) => "none",
        (true, Some(_)) => "fixed at the base plan",
        (true, None) => "re-optimised at every point",
    };

    let mut points = Vec::with_capacity(opts.points);
    let mut previous_basis: Option<Basis> = None;
    for (((&value, inst), ov), &in_unit) in
        grid.iter().zip(&instances).zip(&overrides).zip(&in_unit)
    {
        let t0 = Instant::now();
        let (outcome, layout) = if opts.cold {
            let (mut session, layout) = open_session(inst, &opts.run)?;
            if let Some(f) = &fixed {
                session.fix_integers(Some(&fixed_by_meaning(&base_layout, f, &layout)))?;
            }
            (session.solve()?, layout)
        } else {
            live.set_overrides(std::slice::from_ref(ov))?;
            (live.solve()?, live.layout.clone())
        };
        let solve_s = t0.elapsed().as_secs_f64();
        let basis_changed = match (&previous_basis, &outcome.basis) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        };
        if outcome.basis.is_some() {
            previous_basis = outcome.basis.clone();
        }
        let (weights, _) = crate::run::objective_for(inst, opts.run.objective_preset.as_deref())?;
        let ctx = PointContext {
            inst,
            layout: &layout,
            run: &opts.run,
            weights,
            in_unit,
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

/// The elements `ov` selects and the parameter's value on them in its own
/// unit: summed where the values add up, else their mean.
fn in_unit(base: &Instance, ov: &Override) -> Result<(usize, f64), SweepError> {
    let (elements, total) = selected_values(base, ov)
        .map_err(|e| crate::run::RunError::Input(crate::instance::InputErrors(vec![e])))?;
    let value = if ov.param.sums_over_selection() {
        total
    } else {
        total / elements.max(1) as f64
    };
    Ok((elements, value))
}

/// Integer values of a base plan carried over, by meaning, to a model of
/// another structure (columns it does not have are fixed at 0).
fn fixed_by_meaning(
    base: &crate::model::Layout,
    values: &[f64],
    layout: &crate::model::Layout,
) -> Vec<f64> {
    let by_key: std::collections::HashMap<_, _> = base.columns.iter().zip(values).collect();
    layout
        .columns
        .iter()
        .map(|k| by_key.get(k).map_or(0.0, |v| **v))
        .collect()
}

/// What reading a point needs besides its outcome.
struct PointContext<'a> {
    inst: &'a Instance,
    layout: &'a crate::model::Layout,
    run: &'a RunOptions,
    /// Objective weights of the point's instance.
    weights: crate::instance::ObjectiveWeights,
    /// Elements selected and the parameter's value in its unit.
    in_unit: (usize, f64),
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
        value_in_unit: ctx.in_unit.1,
        elements: ctx.in_unit.0,
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
        ..
    } = *ctx;
    let (plan, check) = super::checked_plan(inst, layout, run, weights, outcome, || {
        format!("at {value}")
    })?;
    p.max_violation = check.max_violation;
    p.spend_yi = Some(crate::plan::total_spend_yi(inst, &plan));
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
