//! Near-optimal plans (docs/model.md §11 (MGA)): with `z*` the optimum's
//! objective and a slack `ε`, every plan whose objective is at most
//! `z* + ε·|z*|` is "almost as good"; for each direction (an area, a
//! province, a region, an instrument, an item) the least and the most
//! project funding such a plan can give it. Each direction is solved in a
//! session of its own (the model, one row bounding the model's objective,
//! the direction's funding as the objective), so directions run in parallel.
//! Every extreme plan is checked independently, and its objective is
//! recomputed from the plan and held to the slack.

use std::time::Instant;

use rayon::prelude::*;

use crate::check::{CheckOptions, CheckReport};
use crate::instance::{Instance, Mode, ObjectiveWeights, Region};
use crate::model::ColumnKey;
use crate::plan::totals::effort_funding;
use crate::plan::Plan;
use crate::readback::plan::plan_from_columns;
use crate::run::{
    checked_result, objective_for, open_model, solve_instance, RunOptions, RunResult, Solved,
    Timings,
};
use crate::solve::{DualSource, Outcome, SolveError, SolveStatus};
use crate::tolerances::OBJ_REL_TOL;

use super::AnalysisError;

/// A kind of direction along which near-optimal plans are explored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DirectionKind {
    Area,
    Province,
    Region,
    Mode,
    Item,
}

impl DirectionKind {
    /// Every kind, in the order outputs list them.
    pub const ALL: [DirectionKind; 5] = [
        DirectionKind::Area,
        DirectionKind::Province,
        DirectionKind::Region,
        DirectionKind::Mode,
        DirectionKind::Item,
    ];

    /// The id used on the command line and in alternatives.csv.
    pub fn id(self) -> &'static str {
        match self {
            DirectionKind::Area => "area",
            DirectionKind::Province => "province",
            DirectionKind::Region => "region",
            DirectionKind::Mode => "mode",
            DirectionKind::Item => "item",
        }
    }

    /// The kind named `id`, if any.
    pub fn parse(id: &str) -> Option<DirectionKind> {
        DirectionKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// One direction: the project funding of an area, province, region,
/// instrument or item over the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct Direction {
    pub kind: DirectionKind,
    /// Index into the instance's areas, provinces, `Region::ALL`, the
    /// model's instruments or the items.
    pub index: usize,
    /// The id of what is funded (area id, province id, region id, …).
    pub id: String,
}

impl Direction {
    /// Whether effort on (item, province, mode) counts toward this direction.
    pub fn includes(&self, inst: &Instance, item: usize, province: usize, mode: Mode) -> bool {
        match self.kind {
            DirectionKind::Area => inst.items[item].area == self.index,
            DirectionKind::Province => province == self.index,
            DirectionKind::Region => inst.provinces[province].region == Region::ALL[self.index],
            DirectionKind::Mode => mode.index() == self.index,
            DirectionKind::Item => item == self.index,
        }
    }
}

/// Every direction of the kinds asked for, in instance order (regions
/// without a province are left out).
pub fn directions(inst: &Instance, kinds: &[DirectionKind]) -> Vec<Direction> {
    let mut out = Vec::new();
    for kind in DirectionKind::ALL {
        if !kinds.contains(&kind) {
            continue;
        }
        let ids: Vec<(usize, String)> = match kind {
            DirectionKind::Area => inst
                .areas
                .iter()
                .map(|a| a.id.clone())
                .enumerate()
                .collect(),
            DirectionKind::Province => inst
                .provinces
                .iter()
                .map(|p| p.id.clone())
                .enumerate()
                .collect(),
            DirectionKind::Region => Region::ALL
                .iter()
                .enumerate()
                .filter(|(_, r)| inst.provinces.iter().any(|p| p.region == **r))
                .map(|(i, r)| (i, r.id().to_string()))
                .collect(),
            DirectionKind::Mode => inst
                .model
                .modes
                .iter()
                .map(|m| m.id.clone())
                .enumerate()
                .collect(),
            DirectionKind::Item => inst
                .items
                .iter()
                .map(|k| k.id.clone())
                .enumerate()
                .collect(),
        };
        out.extend(
            ids.into_iter()
                .map(|(index, id)| Direction { kind, index, id }),
        );
    }
    out
}

/// Project funding (central plus provincial, f_m·e) a plan gives a
/// direction over the horizon [亿元].
pub fn direction_funding_yi(inst: &Instance, plan: &Plan, dir: &Direction) -> f64 {
    plan.effort
        .iter()
        .filter(|e| dir.includes(inst, e.item, e.province, e.mode))
        .map(|e| effort_funding(inst, e).total_yi())
        .sum()
}

/// Share of the larger of the optimum's funding and [`FIRM_FLOOR_YI`]
/// within which a direction's range counts as firm.
pub const FIRM_SHARE: f64 = 0.10;
/// Smallest scale the firm rule measures a range against [亿元]: a
/// direction the optimum barely funds is not called contestable for a
/// range of a few 千万元.
pub const FIRM_FLOOR_YI: f64 = 1.0;

/// What every near-optimal plan does with a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every near-optimal plan funds it within a narrow band.
    Firm,
    /// Near-optimal plans fund it very differently.
    Contestable,
}

impl Verdict {
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Firm => "firm",
            Verdict::Contestable => "contestable",
        }
    }
}

/// The documented rule: firm when `max − min ≤ FIRM_SHARE · max(optimum, FIRM_FLOOR_YI)`.
pub fn verdict(optimum_yi: f64, min_yi: f64, max_yi: f64) -> Verdict {
    if max_yi - min_yi <= FIRM_SHARE * optimum_yi.max(FIRM_FLOOR_YI) {
        Verdict::Firm
    } else {
        Verdict::Contestable
    }
}

/// How sites and platforms were treated in the extreme plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sites {
    /// The model has no integer decisions.
    NoIntegers,
    /// Kept at the optimum's values: every extreme is an LP.
    Held,
    /// Chosen again for every extreme: every extreme is a MIP.
    Reoptimised,
}

impl Sites {
    /// A phrase for outputs ("sites and platforms …").
    pub fn describe(self) -> &'static str {
        match self {
            Sites::NoIntegers => "none in this model (every extreme is an LP)",
            Sites::Held => "held at the optimum's values (every extreme is an LP)",
            Sites::Reoptimised => "re-optimised for every extreme (a MIP each)",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Sites::NoIntegers => "none",
            Sites::Held => "held",
            Sites::Reoptimised => "reoptimised",
        }
    }
}

/// How the near-optimal plans are explored.
#[derive(Debug, Clone)]
pub struct AlternativesOptions {
    /// ε: the objective may exceed the optimum's by ε·|z*|.
    pub slack: f64,
    pub kinds: Vec<DirectionKind>,
    /// Directions solved at once (one solver thread each).
    pub jobs: usize,
    /// Re-optimise sites and platforms (MIP) instead of holding them.
    pub reoptimise_sites: bool,
    pub run: RunOptions,
}

/// One extreme plan of a direction: checked, within the slack.
#[derive(Debug, Clone)]
pub struct ExtremePlan {
    /// The direction's project funding in this plan [亿元].
    pub funding_yi: f64,
    /// The model's objective recomputed from the plan [亿元].
    pub objective_yi: f64,
    /// Real spending of the plan [亿元, undiscounted].
    pub spend_yi: f64,
    /// The solve, by solver position (duals cleared: they belong to the
    /// direction's objective, not to the model's).
    pub outcome: Outcome,
    pub check: CheckReport,
}

/// The range of one direction over the near-optimal plans.
#[derive(Debug, Clone)]
pub struct DirectionRange {
    pub direction: Direction,
    /// The optimum's funding of the direction [亿元].
    pub optimum_yi: f64,
    pub min: ExtremePlan,
    pub max: ExtremePlan,
}

impl DirectionRange {
    /// max − min [亿元].
    pub fn range_yi(&self) -> f64 {
        self.max.funding_yi - self.min.funding_yi
    }

    pub fn verdict(&self) -> Verdict {
        verdict(self.optimum_yi, self.min.funding_yi, self.max.funding_yi)
    }

    /// The output folder of one extreme, e.g. `area-materials-max`.
    pub fn folder(&self, side: Side) -> String {
        format!(
            "{}-{}-{}",
            self.direction.kind.id(),
            self.direction.id,
            side.id()
        )
    }
}

/// Which end of a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Min,
    Max,
}

impl Side {
    pub fn id(self) -> &'static str {
        match self {
            Side::Min => "min",
            Side::Max => "max",
        }
    }
}

/// The optimum and every direction's range.
pub struct AlternativesResult {
    /// The optimum, checked.
    pub optimum: RunResult,
    /// z*: the optimum's objective [亿元].
    pub z_star: f64,
    /// z* + ε·|z*|: the most any near-optimal plan's objective may be [亿元].
    pub bound: f64,
    pub slack: f64,
    pub sites: Sites,
    pub ranges: Vec<DirectionRange>,
    /// Seconds spent on the optimum (the model's own solve).
    pub optimum_s: f64,
    pub total_s: f64,
}

impl AlternativesResult {
    /// How many directions are firm.
    pub fn firm_count(&self) -> usize {
        self.ranges
            .iter()
            .filter(|r| r.verdict() == Verdict::Firm)
            .count()
    }

    /// One extreme plan as a run result, so that it is written with the
    /// files `solve` writes: the plan, read back and checked; its objective
    /// is the model's, recomputed from the plan; no duals.
    pub fn extreme_result(&self, inst: &Instance, range: &DirectionRange, side: Side) -> RunResult {
        let extreme = match side {
            Side::Min => &range.min,
            Side::Max => &range.max,
        };
        let solved = Solved {
            layout: self.optimum.layout.clone(),
            outcome: extreme.outcome.clone(),
            mip_start: None,
            size: self.optimum.size,
            numerics: self.optimum.numerics.clone(),
        };
        let mut result = checked_result(
            inst,
            &self.optimum.build,
            self.optimum.objective_preset.clone(),
            solved,
            Timings::default(),
        );
        // The check that counts is the one made for a near-optimal plan: its
        // shortfalls need not equal the gaps, as an optimum's must.
        result.check = Some(extreme.check.clone());
        result
    }
}

/// Solves the optimum, then both extremes of every direction.
pub fn run_alternatives(
    base: &Instance,
    opts: &AlternativesOptions,
) -> Result<AlternativesResult, AnalysisError> {
    if !(opts.slack.is_finite() && opts.slack >= 0.0) {
        return Err(AnalysisError::Invalid(format!(
            "--slack must be a number ≥ 0 (a share of the optimum's objective, e.g. 0.02), got {}",
            opts.slack
        )));
    }
    let started = Instant::now();
    let optimum = solve_instance(base, &opts.run)?;
    if optimum.plan.is_none() {
        return Err(AnalysisError::no_plan(optimum.outcome.status));
    }
    if let Some(check) = optimum.check.as_ref().filter(|c| !c.passed) {
        return Err(AnalysisError::rejected("of the optimum".into(), check));
    }
    let optimum_s = started.elapsed().as_secs_f64();
    let z_star = optimum.outcome.objective.unwrap_or(f64::NAN);
    let bound = z_star + opts.slack * z_star.abs();
    let sites = match (
        optimum.size.integers > 0 && !opts.run.relax,
        opts.reoptimise_sites,
    ) {
        (false, _) => Sites::NoIntegers,
        (true, false) => Sites::Held,
        (true, true) => Sites::Reoptimised,
    };
    let dirs = directions(base, &opts.kinds);
    let (weights, _) = objective_for(base, opts.run.objective_preset.as_deref())?;
    let job = Job {
        inst: base,
        opts,
        optimum: &optimum,
        bound,
        sites,
        weights,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build()
        .map_err(|e| AnalysisError::Invalid(e.to_string()))?;
    let ranges = pool.install(|| {
        dirs.par_iter()
            .map(|d| job.range(d))
            .collect::<Result<Vec<_>, _>>()
    })?;
    Ok(AlternativesResult {
        optimum,
        z_star,
        bound,
        slack: opts.slack,
        sites,
        ranges,
        optimum_s,
        total_s: started.elapsed().as_secs_f64(),
    })
}

/// What every direction's solves share.
struct Job<'a> {
    inst: &'a Instance,
    opts: &'a AlternativesOptions,
    optimum: &'a RunResult,
    bound: f64,
    sites: Sites,
    weights: ObjectiveWeights,
}

impl Job<'_> {
    /// Both extremes of one direction, from a session of its own.
    fn range(&self, dir: &Direction) -> Result<DirectionRange, AnalysisError> {
        let inst = self.inst;
        let mut run = self.opts.run.clone();
        // Directions are the parallel unit: one solver thread each.
        run.solver.threads = Some(1);
        let opened = open_model(inst, &run)?;
        let (mut session, layout) = (opened.session, opened.layout);
        let start = &self.optimum.outcome.columns;
        if self.sites == Sites::Held {
            session.fix_integers(Some(start))?;
        }
        // The model's objective, bounded: Σ c·x + constant ≤ z* + ε|z*|.
        let objective_row: Vec<(usize, f64)> = layout
            .costs
            .iter()
            .enumerate()
            .filter(|(_, c)| **c != 0.0)
            .map(|(j, c)| (j, *c))
            .collect();
        session.add_row(
            &objective_row,
            f64::NEG_INFINITY,
            self.bound - session.objective_constant(),
        )?;
        for &(j, _) in &objective_row {
            session.set_column_cost(j, 0.0)?;
        }
        let funding: Vec<(usize, f64)> = layout
            .columns
            .iter()
            .enumerate()
            .filter_map(|(j, key)| match key {
                ColumnKey::Effort {
                    item,
                    province,
                    mode,
                    ..
                } if dir.includes(inst, *item, *province, *mode) => {
                    Some((j, inst.model.mode(*mode).funding_yi_per_effort))
                }
                _ => None,
            })
            .collect();
        let n_rows = layout.rows.len();
        let mut solve_side = |sign: f64, side: Side| -> Result<ExtremePlan, AnalysisError> {
            for &(j, f) in &funding {
                session.set_column_cost(j, sign * f)?;
            }
            if self.sites == Sites::Reoptimised {
                // The optimum is within the slack: a first incumbent.
                session.set_start(start)?;
            }
            let outcome = session.solve()?;
            self.extreme(dir, side, outcome, &layout.columns, n_rows)
        };
        let min = solve_side(1.0, Side::Min)?;
        let max = solve_side(-1.0, Side::Max)?;
        let optimum_plan = self.optimum.plan.as_ref().expect("the optimum has a plan");
        Ok(DirectionRange {
            direction: dir.clone(),
            optimum_yi: direction_funding_yi(inst, optimum_plan, dir),
            min,
            max,
        })
    }

    /// Reads one extreme back, checks it and holds its objective to the slack.
    fn extreme(
        &self,
        dir: &Direction,
        side: Side,
        mut outcome: Outcome,
        columns: &[ColumnKey],
        n_rows: usize,
    ) -> Result<ExtremePlan, AnalysisError> {
        let inst = self.inst;
        let context = || format!("of the {} of {} {}", side.id(), dir.kind.id(), dir.id);
        if !outcome.has_solution || outcome.status != SolveStatus::Optimal {
            return Err(SolveError::Highs(format!(
                "the near-optimal plan {} ended {} ({})",
                context(),
                outcome.status.id(),
                outcome.status.explain()
            ))
            .into());
        }
        let plan = plan_from_columns(inst, columns, &outcome.columns);
        let options = CheckOptions {
            relax: self.opts.run.relax,
            hard_targets: self.opts.run.hard_targets,
            objective: self.weights,
            optimal: false,
        };
        let check = super::passed_check(inst, &plan, &options, None, context)?;
        let scale = self.bound.abs().max(1.0);
        if check.objective > self.bound + OBJ_REL_TOL * scale {
            return Err(AnalysisError::Check {
                context: context(),
                what: format!(
                    "objective {} exceeds the slack's bound {}",
                    check.objective, self.bound
                ),
            });
        }
        outcome.objective = Some(check.objective);
        outcome.row_activity.truncate(n_rows);
        outcome.row_duals.clear();
        outcome.column_duals.clear();
        outcome.dual_source = DualSource::Unavailable;
        outcome.ranging = None;
        outcome.basis = None;
        Ok(ExtremePlan {
            funding_yi: direction_funding_yi(inst, &plan, dir),
            objective_yi: check.objective,
            spend_yi: crate::plan::total_spend_yi(inst, &plan),
            outcome,
            check,
        })
    }
}
