//! The cost–self-sufficiency frontier (docs/model.md §11 (FR)): for a
//! target g, the least cost of reaching each level of it with that target
//! hard (the ε-constraint method; the other targets' penalties left out, so
//! that the cost is this target's alone), or the highest level each central
//! budget allows. Every point is a warm re-solve of a live model moved by the
//! sweep's overrides (`target_level`, `central_budget`), and every plan is
//! checked independently.
//!
//! Where the optimal basis changes between two levels of an LP, the kink of
//! the cost curve is found exactly: the two points' tangents (value and
//! dual) meet at a level that is solved; if the cost there lies on the
//! tangent it is the breakpoint, otherwise both halves are searched again.
//! With a count target, or sites re-optimised, every point is a MIP: the
//! breakpoints are then the solved points where the marginal cost changes.

use std::time::Instant;

use crate::analysis::live::LiveModel;
use crate::analysis::sweep::{values, SweepParam};
use crate::check::CheckOptions;
use crate::instance::overrides::{Op, Override};
use crate::instance::{Instance, ObjectiveWeights, TargetMetric};
use crate::model::{ColumnKey, RowKey};
use crate::plan::Plan;
use crate::readback::plan::plan_from_columns;
use crate::readback::realise::group_level;
use crate::run::{objective_for, solve_instance, RunOptions};
use crate::solve::{Basis, Outcome, SolveStatus};

use super::AnalysisError;

/// What the frontier moves along.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Axis {
    /// Levels of the target (shares, as `target_level` takes them).
    Level,
    /// The central budget, scaled (`Op::Scale`: 1 = as given) or with an
    /// amount added to every year (`Op::Add`, 亿元/yr).
    Budget(Op),
}

/// How a frontier is traced.
#[derive(Debug, Clone)]
pub struct FrontierOptions {
    /// Id of the target g.
    pub target: String,
    pub axis: Axis,
    pub from: f64,
    pub to: f64,
    /// Grid points, both ends included (≥ 2).
    pub points: usize,
    /// Re-optimise sites and platforms at every point (a MIP each).
    pub reoptimise_sites: bool,
    pub run: RunOptions,
}

/// Why a point was solved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointKind {
    /// A point of the grid asked for.
    Grid,
    /// A kink found between two grid points.
    Breakpoint,
    /// The most the lags, ceilings and held decisions allow.
    Stop,
}

impl PointKind {
    pub fn id(self) -> &'static str {
        match self {
            PointKind::Grid => "grid",
            PointKind::Breakpoint => "breakpoint",
            PointKind::Stop => "stop",
        }
    }
}

/// One point of the frontier.
#[derive(Debug, Clone)]
pub struct FrontierPoint {
    /// The level (share) or the budget value.
    pub x: f64,
    pub kind: PointKind,
    pub status: SolveStatus,
    /// Level of the target the plan reaches (share).
    pub level: Option<f64>,
    /// What is minimised [亿元]: the model's objective without the other
    /// targets' penalties (with the min-cost preset, discounted spending).
    pub objective_yi: Option<f64>,
    /// Real spending of the plan [亿元, undiscounted].
    pub spend_yi: Option<f64>,
    /// ∂objective/∂x from the LP's dual (per share of level, or per unit of
    /// the budget axis); `None` for a MIP.
    pub slope: Option<f64>,
    /// Change of real spending per percentage point of level from the
    /// previous point [亿元/point] (level axis), or of level in points per
    /// unit of budget from the previous point (budget axis).
    pub marginal: Option<f64>,
    /// The marginal changes here: a breakpoint of the frontier.
    pub breakpoint: bool,
    pub max_violation: f64,
    #[doc(hidden)]
    pub basis: Option<Basis>,
}

/// A traced frontier.
pub struct FrontierResult {
    pub target: usize,
    pub axis: Axis,
    /// Points in order of x (grid, breakpoints and the stop).
    pub points: Vec<FrontierPoint>,
    /// Highest level of the target any plan reaches (with the decisions held
    /// as for the frontier), at the base budgets (level axis).
    pub stop_level: Option<f64>,
    /// Every point an LP (breakpoints found exactly between grid points).
    pub lp: bool,
    /// A phrase on sites and platforms.
    pub sites: &'static str,
    pub solves: usize,
    pub total_s: f64,
}

/// Relative tolerance for "the cost lies on the tangent" and "the slope changed".
const KINK_TOL: f64 = 1e-6;
/// At most this many re-solves are spent on the kinks between two grid points.
const MAX_REFINE: usize = 24;

/// Traces the frontier.
pub fn run_frontier(
    base: &Instance,
    opts: &FrontierOptions,
) -> Result<FrontierResult, AnalysisError> {
    let started = Instant::now();
    let g = validate(base, opts)?;
    let count = base.targets[g].metric == TargetMetric::Count;
    let optimum = solve_instance(base, &opts.run)?;
    if optimum.plan.is_none() {
        return Err(AnalysisError::no_plan(optimum.outcome.status));
    }
    let is_mip = optimum.size.integers > 0 && !opts.run.relax;
    let lp = !is_mip || (!count && !opts.reoptimise_sites);
    let sites = match (is_mip, opts.reoptimise_sites) {
        (false, _) => "none in this model",
        (true, true) => "re-optimised at every point (a MIP each)",
        (true, false) if count => {
            "held at the optimum's values; the count target's assured items chosen at every point (a MIP each)"
        }
        (true, false) => "held at the optimum's values (every point an LP)",
    };
    let hold = Hold {
        columns: (is_mip && !opts.reoptimise_sites).then(|| optimum.outcome.columns.clone()),
        all_integers: lp,
    };
    let (weights, _) = objective_for(base, opts.run.objective_preset.as_deref())?;
    let mut tracer = Tracer::open(base, opts, g, &hold, weights)?;
    let stop_level = match opts.axis {
        Axis::Level => Some(tracer.reach(&[])?.map_err(AnalysisError::no_plan)?.0),
        Axis::Budget(_) => None,
    };
    let mut points = Vec::new();
    for x in values(opts.from, opts.to, opts.points) {
        points.push(tracer.point(x, PointKind::Grid, stop_level)?);
    }
    if let Some(stop) = stop_level.filter(|s| *s > opts.from && *s < opts.to) {
        points.push(tracer.point(stop, PointKind::Stop, stop_level)?);
        points.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    if lp {
        let found = tracer.refine(&points, stop_level)?;
        points.extend(found);
        points.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    mark(&mut points, opts.axis);
    Ok(FrontierResult {
        target: g,
        axis: opts.axis,
        points,
        stop_level,
        lp,
        sites,
        solves: tracer.solves,
        total_s: started.elapsed().as_secs_f64(),
    })
}

fn validate(base: &Instance, opts: &FrontierOptions) -> Result<usize, AnalysisError> {
    let g = base
        .targets
        .iter()
        .position(|t| t.id == opts.target)
        .ok_or_else(|| {
            let known: Vec<&str> = base.targets.iter().map(|t| t.id.as_str()).collect();
            AnalysisError::Invalid(format!(
                "--target {}: no such target; the instance has {}",
                crate::quote::quote(&opts.target),
                known.join(", ")
            ))
        })?;
    if opts.points < 2 {
        return Err(AnalysisError::Invalid(
            "--points must be at least 2 (both ends included)".into(),
        ));
    }
    if !(opts.from.is_finite() && opts.to.is_finite() && opts.from < opts.to) {
        return Err(AnalysisError::Invalid(format!(
            "the range must be two finite numbers, the first below the second; got {} to {}",
            opts.from, opts.to
        )));
    }
    if opts.axis == Axis::Level && (opts.from < 0.0 || opts.to > 1.0) {
        return Err(AnalysisError::Invalid(format!(
            "--from and --to are levels of the target as shares in [0, 1] (0.7 = 70%); got {} to {}",
            opts.from, opts.to
        )));
    }
    Ok(g)
}

/// Which decisions stay at the optimum's values.
struct Hold {
    /// The optimum's columns, when sites and platforms are held.
    columns: Option<Vec<f64>>,
    /// Hold every integer column (an LP); otherwise sites and platforms only.
    all_integers: bool,
}

/// The two live models a frontier re-solves: the least cost with the target
/// hard at a level, and the highest level of the target.
struct Tracer<'a> {
    base: &'a Instance,
    opts: &'a FrontierOptions,
    g: usize,
    weights: ObjectiveWeights,
    cost: LiveModel,
    level: LiveModel,
    level_row: usize,
    cost_row: usize,
    solves: usize,
}

impl<'a> Tracer<'a> {
    fn open(
        base: &'a Instance,
        opts: &'a FrontierOptions,
        g: usize,
        hold: &Hold,
        weights: ObjectiveWeights,
    ) -> Result<Tracer<'a>, AnalysisError> {
        let mut cost = LiveModel::open(base, &opts.run)?;
        let mut level = LiveModel::open(base, &opts.run)?;
        for live in [&mut cost, &mut level] {
            hold_decisions(live, hold)?;
            // The target is hard: its shortfall is fixed at 0.
            let u = column_of(live, ColumnKey::Shortfall { target: g })?;
            live.session.set_column_bounds(u, 0.0, 0.0)?;
        }
        // The cost of this target alone: the other targets' shortfalls are
        // free, so that their penalties do not trade against spending.
        for h in (0..base.targets.len()).filter(|&h| h != g) {
            let u = column_of(&cost, ColumnKey::Shortfall { target: h })?;
            cost.session.set_column_cost(u, 0.0)?;
        }
        // The highest level: the target's own left side is the objective
        // and its row is free.
        for (j, c) in level.layout.costs.clone().iter().enumerate() {
            if *c != 0.0 {
                level.session.set_column_cost(j, 0.0)?;
            }
        }
        for (j, coefficient) in level_terms(base, &level, g) {
            level.session.set_column_cost(j, -coefficient)?;
        }
        let row = |live: &LiveModel| {
            live.layout
                .rows
                .iter()
                .position(|r| *r == RowKey::Target { target: g })
                .expect("every target has a row")
        };
        let (level_row, cost_row) = (row(&level), row(&cost));
        level
            .session
            .set_row_bounds(level_row, f64::NEG_INFINITY, f64::INFINITY)?;
        Ok(Tracer {
            base,
            opts,
            g,
            weights,
            cost,
            level,
            level_row,
            cost_row,
            solves: 0,
        })
    }

    fn budget_override(&self, x: f64) -> Option<Override> {
        match self.opts.axis {
            Axis::Level => None,
            Axis::Budget(op) => Some(
                SweepParam::parse("central_budget", op)
                    .expect("central_budget is a numeric parameter")
                    .override_at(x),
            ),
        }
    }

    fn level_override(&self, level: f64) -> Override {
        SweepParam::parse(
            &format!("target_level[target={}]", self.opts.target),
            Op::Set,
        )
        .expect("target_level is a numeric parameter")
        .override_at(level)
    }

    /// The highest level of the target with `overrides` in force (share),
    /// and ∂level/∂x along a budget axis from the LP's duals; the solve's
    /// status when no plan meets the other limits (a budget too small for
    /// the held lead sites' minimum effort).
    fn reach(
        &mut self,
        overrides: &[Override],
    ) -> Result<Result<(f64, Option<f64>), SolveStatus>, AnalysisError> {
        // The level is what is sought: the checker's instance asks for none.
        let mut asked = overrides.to_vec();
        asked.push(self.level_override(0.0));
        self.level.set_overrides(&asked)?;
        // A refresh must not give the target row its bound back.
        self.level
            .session
            .set_row_bounds(self.level_row, f64::NEG_INFINITY, f64::INFINITY)?;
        let outcome = self.level.solve()?;
        self.solves += 1;
        if !outcome.has_solution {
            return Ok(Err(outcome.status));
        }
        let (plan, _) = checked(
            &self.level,
            &self.opts.run,
            self.weights,
            &outcome,
            false,
            || "at the highest level of the target".into(),
        )?;
        let reached = target_level_of(self.level.instance(), &plan, self.g);
        Ok(Ok((reached, self.budget_slope(&outcome))))
    }

    /// ∂(highest level)/∂x: the level is the objective's negative, and x
    /// moves every year's central budget row (scaled: by its base value).
    fn budget_slope(&self, outcome: &Outcome) -> Option<f64> {
        let Axis::Budget(op) = self.opts.axis else {
            return None;
        };
        if outcome.row_duals.len() != self.level.layout.rows.len() {
            return None;
        }
        let mut slope = 0.0;
        let mut any = false;
        for (key, dual) in self.level.layout.rows.iter().zip(&outcome.row_duals) {
            if let RowKey::CentralBudget { year } = key {
                any = true;
                let per_unit = match op {
                    Op::Scale => self.base.central_budget_yi[*year],
                    _ => 1.0,
                };
                slope -= dual * per_unit;
            }
        }
        any.then_some(slope)
    }

    /// Solves one point: the least cost at level x (level axis), or the
    /// highest level at budget x and the least cost of reaching it.
    fn point(
        &mut self,
        x: f64,
        kind: PointKind,
        stop: Option<f64>,
    ) -> Result<FrontierPoint, AnalysisError> {
        let budget: Vec<Override> = self.budget_override(x).into_iter().collect();
        let mut level = x;
        let mut slope = None;
        if let Axis::Budget(_) = self.opts.axis {
            match self.reach(&budget)? {
                Ok(reached) => (level, slope) = reached,
                Err(status) => return Ok(unsolved(x, kind, status)),
            }
        } else if stop.is_some_and(|s| x > s + 1e-9) {
            return Ok(unsolved(x, kind, SolveStatus::Infeasible));
        }
        // Just under the highest level, so that rounding never makes it infeasible.
        let asked = if kind == PointKind::Stop || !budget.is_empty() {
            level - 1e-9
        } else {
            level
        };
        let mut overrides = budget;
        overrides.push(self.level_override(asked));
        self.cost.set_overrides(&overrides)?;
        let outcome = self.cost.solve()?;
        self.solves += 1;
        let mut p = unsolved(x, kind, outcome.status);
        if !outcome.has_solution {
            return Ok(p);
        }
        let (plan, violation) = checked(
            &self.cost,
            &self.opts.run,
            self.weights,
            &outcome,
            self.cost.instance().targets.len() == 1,
            || format!("at {x}"),
        )?;
        p.level = Some(target_level_of(self.cost.instance(), &plan, self.g));
        p.objective_yi = outcome.objective;
        p.spend_yi = Some(crate::plan::total_spend_yi(self.cost.instance(), &plan));
        p.max_violation = violation;
        p.slope = match self.opts.axis {
            Axis::Level => (outcome.row_duals.len() == self.cost.layout.rows.len())
                .then(|| outcome.row_duals[self.cost_row]),
            Axis::Budget(_) => slope,
        };
        p.basis = match self.opts.axis {
            Axis::Level => outcome.basis,
            Axis::Budget(_) => None,
        };
        Ok(p)
    }

    /// The kinks between consecutive solved points whose bases differ.
    fn refine(
        &mut self,
        points: &[FrontierPoint],
        stop: Option<f64>,
    ) -> Result<Vec<FrontierPoint>, AnalysisError> {
        let mut found = Vec::new();
        for pair in points.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let differs = match self.opts.axis {
                Axis::Level => a.basis.is_some() && b.basis.is_some() && a.basis != b.basis,
                // The budget axis has no basis of its own: a change of slope says it.
                Axis::Budget(_) => true,
            };
            if differs {
                let mut budget = MAX_REFINE;
                self.kinks(a.clone(), b.clone(), stop, &mut budget, &mut found)?;
            }
        }
        Ok(found)
    }

    /// Where the tangents at `a` and `b` meet: a kink if the curve passes
    /// through it, else both halves are searched.
    fn kinks(
        &mut self,
        a: FrontierPoint,
        b: FrontierPoint,
        stop: Option<f64>,
        budget: &mut usize,
        found: &mut Vec<FrontierPoint>,
    ) -> Result<(), AnalysisError> {
        let axis = self.opts.axis;
        let (Some(fa), Some(fb), Some(sa), Some(sb)) =
            (a.value(axis), b.value(axis), a.slope, b.slope)
        else {
            return Ok(());
        };
        let scale = fa.abs().max(fb.abs()).max(1.0);
        if (sa - sb).abs() <= KINK_TOL * sa.abs().max(sb.abs()).max(1.0) || *budget == 0 {
            return Ok(());
        }
        let x = (fb - fa + sa * a.x - sb * b.x) / (sa - sb);
        let width = (b.x - a.x).abs();
        if !(x > a.x + 1e-9 * width.max(1.0) && x < b.x - 1e-9 * width.max(1.0)) {
            return Ok(());
        }
        *budget -= 1;
        let p = self.point(x, PointKind::Breakpoint, stop)?;
        let Some(fx) = p.value(axis) else {
            return Ok(());
        };
        let on_tangent = (fx - (fa + sa * (x - a.x))).abs() <= KINK_TOL * scale;
        found.push(p.clone());
        if !on_tangent {
            self.kinks(a, p.clone(), stop, budget, found)?;
            self.kinks(p, b, stop, budget, found)?;
        }
        Ok(())
    }
}

impl FrontierPoint {
    /// What the frontier traces at this point: the least objective (level
    /// axis) or the highest level (budget axis).
    pub fn value(&self, axis: Axis) -> Option<f64> {
        match axis {
            Axis::Level => self.objective_yi,
            Axis::Budget(_) => self.level,
        }
    }
}

/// A point without a plan.
fn unsolved(x: f64, kind: PointKind, status: SolveStatus) -> FrontierPoint {
    FrontierPoint {
        x,
        kind,
        status,
        level: None,
        objective_yi: None,
        spend_yi: None,
        slope: None,
        marginal: None,
        breakpoint: false,
        max_violation: 0.0,
        basis: None,
    }
}

/// Marginals from the previous point and the breakpoints: the solved points
/// where the marginal changes.
fn mark(points: &mut [FrontierPoint], axis: Axis) {
    let solved: Vec<usize> = (0..points.len())
        .filter(|&i| points[i].spend_yi.is_some())
        .collect();
    for w in solved.windows(2) {
        let (a, b) = (&points[w[0]], &points[w[1]]);
        let marginal = match axis {
            Axis::Level => {
                let points_gained = 100.0 * (b.x - a.x);
                (points_gained > 0.0).then(|| {
                    (b.spend_yi.unwrap_or(0.0) - a.spend_yi.unwrap_or(0.0)) / points_gained
                })
            }
            Axis::Budget(_) => {
                let dx = b.x - a.x;
                (dx > 0.0).then(|| 100.0 * (b.level.unwrap_or(0.0) - a.level.unwrap_or(0.0)) / dx)
            }
        };
        points[w[1]].marginal = marginal;
    }
    for w in solved.windows(3) {
        let slope = |i: usize, j: usize| {
            let (a, b) = (&points[i], &points[j]);
            Some((b.value(axis)? - a.value(axis)?) / (b.x - a.x))
        };
        if let (Some(left), Some(right)) = (slope(w[0], w[1]), slope(w[1], w[2])) {
            let scale = left.abs().max(right.abs()).max(1.0);
            points[w[1]].breakpoint = (left - right).abs() > 1e3 * KINK_TOL * scale;
        }
    }
}

/// Keeps sites and platforms (or every integer decision) at the optimum's values.
fn hold_decisions(live: &mut LiveModel, hold: &Hold) -> Result<(), AnalysisError> {
    let Some(columns) = &hold.columns else {
        return Ok(());
    };
    if hold.all_integers {
        live.session.fix_integers(Some(columns))?;
        return Ok(());
    }
    let held: Vec<(usize, f64)> = live
        .layout
        .columns
        .iter()
        .enumerate()
        .filter(|(_, k)| matches!(k, ColumnKey::Site { .. } | ColumnKey::NewPlatforms { .. }))
        .map(|(j, _)| (j, columns[j].round()))
        .collect();
    for (j, v) in held {
        live.session.set_column_bounds(j, v, v)?;
    }
    Ok(())
}

fn column_of(live: &LiveModel, key: ColumnKey) -> Result<usize, AnalysisError> {
    live.layout
        .columns
        .iter()
        .position(|k| *k == key)
        .ok_or_else(|| AnalysisError::Invalid(format!("the model has no column {key:?}")))
}

/// The columns of target g's level and their coefficients: weighted shares
/// of the group's segments in the target's year, or 1/|K_g| per assured item.
fn level_terms(inst: &Instance, live: &LiveModel, g: usize) -> Vec<(usize, f64)> {
    let target = &inst.targets[g];
    let total = inst.group_weight(&target.items);
    live.layout
        .columns
        .iter()
        .enumerate()
        .filter_map(|(j, key)| match (target.metric, key) {
            (TargetMetric::Weighted, ColumnKey::Segment { item, year, .. })
                if *year == target.year && target.items.contains(item) =>
            {
                Some((j, inst.items[*item].weight_yi / total))
            }
            (TargetMetric::Count, ColumnKey::Assured { target: t, .. }) if *t == g => {
                Some((j, 1.0 / target.items.len() as f64))
            }
            _ => None,
        })
        .collect()
}

/// The level of target g a plan reaches, by the target's own measure (share).
pub fn target_level_of(inst: &Instance, plan: &Plan, g: usize) -> f64 {
    let target = &inst.targets[g];
    match target.metric {
        TargetMetric::Weighted => {
            group_level(inst, &target.items, &plan.model_levels(inst), target.year)
        }
        TargetMetric::Count => {
            let assured: f64 = plan
                .assured
                .iter()
                .filter(|a| a.target == g)
                .map(|a| a.value)
                .sum();
            assured / target.items.len() as f64
        }
    }
}

/// Reads a live model's plan back and checks it against the live instance;
/// the solver's objective is compared only where it is the model's own.
fn checked(
    live: &LiveModel,
    run: &RunOptions,
    weights: ObjectiveWeights,
    outcome: &Outcome,
    model_objective: bool,
    context: impl FnOnce() -> String,
) -> Result<(Plan, f64), AnalysisError> {
    let inst = live.instance();
    let plan = plan_from_columns(inst, &live.layout.columns, &outcome.columns);
    let options = CheckOptions {
        relax: run.relax,
        hard_targets: run.hard_targets,
        objective: weights,
        optimal: model_objective && outcome.status == SolveStatus::Optimal,
    };
    let claimed = if model_objective {
        outcome.objective
    } else {
        None
    };
    let check = super::passed_check(inst, &plan, &options, claimed, context)?;
    Ok((plan, check.max_violation))
}
