//! One-sided marginal values (docs/model.md §8): for every binding resource
//! (central and provincial budgets, talent, platform capacity) and every
//! target, what one more unit and one less unit change in the objective,
//! each with the interval over which that value holds.
//!
//! At a degenerate optimum a dual is the slope on one side only, or on
//! neither over any useful step, so each side is established on its own:
//!
//! 1. from ranging, when the one-unit step stays inside the interval over
//!    which the dual holds (the value then holds over that whole interval);
//! 2. exactly zero, when the step relaxes limits whose duals are all zero
//!    (the objective cannot fall further: a convex function with a zero
//!    subgradient on that side);
//! 3. exactly zero for a target the plan beats by more than the step: the
//!    plan meets the moved target too, so it stays optimal (lowering a
//!    target relaxes a limit that does not bind; raising it by less than
//!    the margin cuts off no better plan than this one);
//! 4. otherwise from a warm re-solve of the plan's LP at the one-unit step
//!    (the value then holds for that step, as a secant).
//!
//! Targets the plan meets exactly or misses are re-solved on both sides, so
//! that the change in real spending is reported apart from the change in
//! shortfall penalty.
//! A side that was not measured keeps the bound the dual gives it: a gain of
//! at most |dual|, or a cost of at least |dual|; it is never shown as a value.

use std::time::Instant;

use crate::instance::{Instance, ObjectiveWeights};
use crate::model::RowKey;
use crate::readback::objective::objective_terms;
use crate::readback::plan::plan_from_columns;
use crate::solve::Outcome;

use super::probe::{Measured, Probe, Step};
use super::AnalysisError;

/// How much re-solving a run may spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// `solve`: every target both ways, ranging everywhere, and re-solves
    /// for the "one more unit" side of the most valuable resources only
    /// (at most [`QUICK_RESOLVES`]), enough to rank the top [`TOP_RESOURCES`].
    Quick,
    /// `sensitivity`: every side of every binding resource and target.
    Full,
}

/// Re-solves `solve` spends on resources (targets aside).
pub const QUICK_RESOLVES: usize = 24;

/// How many of the most valuable resources a report ranks.
pub const TOP_RESOURCES: usize = 5;

/// Where a one-sided value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideSource {
    /// The dual, inside its ranging interval: exact over that interval.
    Ranging,
    /// The step relaxes limits whose duals are all zero: exactly no change.
    ZeroDual,
    /// A target the plan beats by more than the step: the plan still meets
    /// the moved target, so it stays optimal: exactly no change.
    Slack,
    /// A re-solve of the plan's LP at the one-unit step: exact for that step.
    Resolve,
    /// The re-solve at the step has no plan (e.g. one less unit of a hard limit).
    NoPlan,
    /// Not measured (`solve` measures the most valuable resources only); the
    /// dual bound still holds.
    NotMeasured,
}

impl SideSource {
    pub fn id(self) -> &'static str {
        match self {
            SideSource::Ranging => "ranging",
            SideSource::ZeroDual => "zero_dual",
            SideSource::Slack => "slack",
            SideSource::Resolve => "resolve",
            SideSource::NoPlan => "no_plan",
            SideSource::NotMeasured => "not_measured",
        }
    }
}

/// The objective change of one one-unit step.
#[derive(Debug, Clone, PartialEq)]
pub struct OneSide {
    /// Objective after the step minus before [亿元 of objective]; `None`
    /// when not measured or when the step leaves no plan.
    pub objective_change: Option<f64>,
    /// The value holds while the limit stays between these two values
    /// (亿元, k FTE, cu, platforms, or a target's level as a share).
    pub holds_from: f64,
    pub holds_to: f64,
    pub source: SideSource,
    /// |dual| × step, with the lead-site bounds the step moves: the most a
    /// relaxing step can gain, the least a tightening step costs [亿元].
    pub dual_bound: f64,
    /// For a re-solved step: change of discounted real spending, of the
    /// shortfall penalty, and of mean self-sufficiency [亿元, 亿元, points].
    pub spend_change_yi: Option<f64>,
    pub penalty_change_yi: Option<f64>,
    pub sufficiency_change_points: Option<f64>,
}

/// Both one-sided values of one limit.
#[derive(Debug, Clone, PartialEq)]
pub struct MarginalValue {
    pub key: RowKey,
    /// Solver row.
    pub row: usize,
    /// The planner's unit of one step: 亿元, k FTE, cu, platform, point.
    pub unit: &'static str,
    /// One unit in the row's units (0.01 share per point for targets).
    pub step: f64,
    /// The limit now: a resource's bound (亿元, k FTE, cu, platforms), a
    /// target's level (share).
    pub limit: f64,
    /// The dual of the plan's LP [亿元 of objective per row unit].
    pub dual: f64,
    /// One unit more: a resource added, a target raised a point.
    pub more: OneSide,
    /// One unit less: a resource removed, a target lowered a point.
    pub less: OneSide,
}

impl MarginalValue {
    pub fn is_target(&self) -> bool {
        matches!(self.key, RowKey::Target { .. })
    }

    /// Objective improvement of one more unit of a resource [亿元], when measured.
    pub fn gain_of_one_more(&self) -> Option<f64> {
        self.more.objective_change.map(|c| -c)
    }
}

/// Every one-sided value of a solve.
#[derive(Debug, Clone)]
pub struct MarginalValues {
    pub values: Vec<MarginalValue>,
    pub depth: Depth,
    /// The plan's LP is the MIP with sites and platforms fixed.
    pub integers_fixed: bool,
    /// Warm re-solves made [count] and wall-clock time [s].
    pub resolves: usize,
    pub elapsed_s: f64,
}

impl MarginalValues {
    /// Resources whose one more unit improves the objective, most valuable
    /// first, measured values only.
    pub fn most_valuable(&self, n: usize) -> Vec<&MarginalValue> {
        most_valuable(&self.values, n)
    }

    /// The largest gain one more unit of an unmeasured resource could have
    /// (its dual bound); 0 when every "one more" side is measured.
    pub fn unmeasured_gain_bound(&self) -> f64 {
        self.values
            .iter()
            .filter(|v| !v.is_target() && v.more.source == SideSource::NotMeasured)
            .map(|v| v.more.dual_bound)
            .fold(0.0, f64::max)
    }

    /// The `n` most valuable resources, and what the unmeasured ones could
    /// be worth at most.
    pub fn most_valuable_summary(&self, n: usize) -> MostValuable {
        let top: Vec<MarginalValue> = self.most_valuable(n).into_iter().cloned().collect();
        let unmeasured_bound = self.unmeasured_gain_bound();
        let last = top.last().and_then(|v| v.gain_of_one_more()).unwrap_or(0.0);
        MostValuable {
            unmeasured: self
                .values
                .iter()
                .filter(|v| !v.is_target() && v.more.source == SideSource::NotMeasured)
                .count(),
            complete: unmeasured_bound <= last + 1e-12,
            unmeasured_bound,
            top,
        }
    }

    pub fn of_target(&self, target: usize) -> Option<&MarginalValue> {
        self.of_row(&RowKey::Target { target })
    }

    /// The measured value of one row's limit, if it was measured.
    pub fn of_row(&self, key: &RowKey) -> Option<&MarginalValue> {
        self.values.iter().find(|v| &v.key == key)
    }
}

/// The most valuable extra resources of a plan, as a report ranks them.
#[derive(Debug, Clone)]
pub struct MostValuable {
    /// Resources whose measured one more unit improves the objective most,
    /// most valuable first.
    pub top: Vec<MarginalValue>,
    /// Binding resources whose "one more unit" side was not measured.
    pub unmeasured: usize,
    /// The largest gain one more unit of one of them could have (its dual
    /// bound) [亿元]; 0 when there are none.
    pub unmeasured_bound: f64,
    /// No unmeasured resource can beat the last of `top`: the ranking is complete.
    pub complete: bool,
}

/// The `n` resources whose measured one more unit improves the objective
/// most, most valuable first.
fn most_valuable(values: &[MarginalValue], n: usize) -> Vec<&MarginalValue> {
    let mut gains: Vec<&MarginalValue> = values
        .iter()
        .filter(|v| !v.is_target() && v.gain_of_one_more().is_some_and(|g| g > 1e-9))
        .collect();
    gains.sort_by(|a, b| {
        b.gain_of_one_more()
            .unwrap_or(0.0)
            .total_cmp(&a.gain_of_one_more().unwrap_or(0.0))
            .then(a.row.cmp(&b.row))
    });
    gains.truncate(n);
    gains
}

/// The planner's unit and its size in row units, for rows with a marginal
/// value; `None` for rows that are not a resource or a target.
fn unit_of(key: &RowKey, integers_fixed: bool) -> Option<(&'static str, f64)> {
    match key {
        RowKey::CentralBudget { .. } | RowKey::ProvincialBudget { .. } => Some(("亿元", 1.0)),
        // One more 亿元 of a pool's inflow in a year (docs/model.md §10 (POOL)).
        RowKey::PoolBalance { .. } => Some(("亿元", 1.0)),
        RowKey::Talent { .. } => Some(("k FTE", 1.0)),
        RowKey::Capacity { .. } => Some(("cu", 1.0)),
        // With platforms fixed at the plan, the build rate moves nothing.
        RowKey::BuildRate { .. } if !integers_fixed => Some(("platform", 1.0)),
        RowKey::Target { .. } => Some(("point", 0.01)),
        // One more 亿元 of a province's training cap or floor in a year
        // (docs/model.md §10 (TB)).
        RowKey::TrainingBudget { .. } | RowKey::TrainingFloor { .. } => Some(("亿元", 1.0)),
        _ => None,
    }
}

/// The instance with the limit of `key` moved by `delta`, when lead-site
/// bounds depend on it (budgets and capacity).
fn changed_instance(inst: &Instance, key: &RowKey, delta: f64) -> Option<Instance> {
    let mut changed = inst.clone();
    match *key {
        RowKey::CentralBudget { year } => changed.central_budget_yi[year] += delta,
        RowKey::PoolBalance { pool, year } => {
            changed.pools[pool].inflow_yi[year] += delta;
            changed.central_budget_yi[year] += delta;
        }
        RowKey::ProvincialBudget { province, year } => {
            changed.provincial_budget_yi[[province, year]] += delta
        }
        // Ē of every year uses the initial capacity of its area and province.
        RowKey::Capacity { area, province, .. } => {
            changed.initial_capacity_cu[[area, province]] += delta
        }
        _ => return None,
    }
    Some(changed)
}

/// A side waiting for a re-solve.
struct Pending {
    value: usize,
    more: bool,
    step: Step,
}

/// Objective parts of a solved LP: discounted spending, penalty [亿元],
/// mean self-sufficiency [points].
fn parts(
    inst: &Instance,
    probe: &Probe,
    weights: &ObjectiveWeights,
    out: &Outcome,
) -> (f64, f64, f64) {
    let plan = plan_from_columns(inst, &probe.layout.columns, &out.columns);
    let t = objective_terms(inst, &plan, weights);
    (
        t.discounted_spend_yi,
        t.shortfall_penalty_yi,
        t.sufficiency_points,
    )
}

/// Computes the one-sided values of every binding resource and every
/// target of the plan open in `probe`.
pub fn marginal_values(
    probe: &mut Probe,
    weights: &ObjectiveWeights,
    depth: Depth,
) -> Result<MarginalValues, AnalysisError> {
    let started = Instant::now();
    let resolves_before = probe.resolves;
    let inst = probe.instance().clone();
    let integers_fixed = probe.base.dual_source == crate::solve::DualSource::FixedIntegerLp;
    let mut values = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    for (row, key) in probe.layout.rows.clone().iter().enumerate() {
        let Some(limit) = LimitRow::of(probe, &inst, row, key, integers_fixed) else {
            continue;
        };
        let [more, less] = [true, false].map(|more| {
            let (side, step) = limit.side(probe, &inst, more);
            if let Some(step) = step {
                pending.push(Pending {
                    value: values.len(),
                    more,
                    step,
                });
            }
            side
        });
        values.push(MarginalValue {
            key: *key,
            row,
            unit: limit.unit,
            step: limit.size,
            limit: limit.limit + limit.shown,
            dual: limit.dual,
            more,
            less,
        });
    }
    let resolver = Resolver::new(&inst, probe, weights);
    resolver.measure_pending(probe, &mut values, pending, depth)?;
    Ok(MarginalValues {
        values,
        depth,
        integers_fixed,
        resolves: probe.resolves - resolves_before,
        elapsed_s: started.elapsed().as_secs_f64(),
    })
}

/// What the plan's LP says about one limit with a marginal value.
struct LimitRow {
    row: usize,
    key: RowKey,
    unit: &'static str,
    /// One unit in row units.
    size: f64,
    is_target: bool,
    limit: f64,
    dual: f64,
    ranging: Option<(f64, f64)>,
    /// What turns the row's limit into the one reported: a target row holds
    /// the level net of the group's initial share; values are reported
    /// against the level itself.
    shown: f64,
}

impl LimitRow {
    /// The row's facts, or `None` for a row that is not a resource or a
    /// target, or a resource that does not bind.
    fn of(
        probe: &Probe,
        inst: &Instance,
        row: usize,
        key: &RowKey,
        integers_fixed: bool,
    ) -> Option<LimitRow> {
        let (unit, size) = unit_of(key, integers_fixed)?;
        let is_target = matches!(key, RowKey::Target { .. });
        if !is_target && !probe.binds(row) {
            return None;
        }
        let limit = probe.limit(row);
        let shown = match *key {
            RowKey::Target { target } => inst.targets[target].level - limit,
            _ => 0.0,
        };
        Some(LimitRow {
            row,
            key: *key,
            unit,
            size,
            is_target,
            limit,
            dual: probe.dual(row),
            ranging: probe.ranging(row),
            shown,
        })
    }

    /// One side, settled without a re-solve where rules 1–3 of the module
    /// apply; otherwise the side keeps its dual bound and the step to
    /// re-solve is returned with it.
    fn side(&self, probe: &Probe, inst: &Instance, more: bool) -> (OneSide, Option<Step>) {
        let (row, limit, shown, target) = (self.row, self.limit, self.shown, self.is_target);
        let delta = if more { self.size } else { -self.size };
        let changed = changed_instance(inst, &self.key, delta);
        let step = probe.step(&[(row, delta)], changed.as_ref(), self.key.year(inst));
        let dual_bound = probe.dual_bound(&step);
        // Resources relax upwards; a target or a floor relaxes when lowered.
        let lowered_relaxes = target || matches!(self.key, RowKey::TrainingFloor { .. });
        let relaxing = more != lowered_relaxes;
        let covered = !probe.moves_site_bounds(&step)
            && self.ranging.is_some_and(|(dn, up)| {
                let tol = 1e-9 * limit.abs().max(1.0);
                limit + delta >= dn - tol && limit + delta <= up + tol
            });
        let (from, to) = match (covered, self.ranging) {
            (true, Some((_, up))) if more => (limit, up),
            (true, Some((dn, _))) => (dn, limit),
            _ => (limit.min(limit + delta), limit.max(limit + delta)),
        };
        let mut side = OneSide {
            objective_change: None,
            holds_from: from + shown,
            holds_to: to + shown,
            source: SideSource::NotMeasured,
            dual_bound,
            spend_change_yi: None,
            penalty_change_yi: None,
            sufficiency_change_points: None,
        };
        let margin = if target { probe.slack(row) } else { 0.0 };
        if target && margin > self.size * (1.0 + 1e-9) {
            // The plan beats the target by more than a point: it meets
            // the moved target as well, and nothing changes, up to the
            // margin above and all the way down.
            side.objective_change = Some(0.0);
            side.spend_change_yi = Some(0.0);
            side.penalty_change_yi = Some(0.0);
            side.sufficiency_change_points = Some(0.0);
            side.source = SideSource::Slack;
            if more {
                side.holds_to = limit + margin + shown;
            } else {
                side.holds_from = f64::NEG_INFINITY;
            }
        } else if covered && !target {
            side.objective_change = Some(self.dual * delta);
            side.source = SideSource::Ranging;
        } else if relaxing && dual_bound <= 1e-12 && !target {
            side.objective_change = Some(0.0);
            side.source = SideSource::ZeroDual;
            if !probe.moves_site_bounds(&step) {
                // Relaxing further cannot help either.
                if more {
                    side.holds_to = f64::INFINITY;
                } else {
                    side.holds_from = f64::NEG_INFINITY;
                }
            }
        } else {
            return (side, Some(step));
        }
        (side, None)
    }
}

/// Re-solves the sides left pending (rule 4), against the plan's own
/// objective parts.
struct Resolver<'a> {
    inst: &'a Instance,
    weights: &'a ObjectiveWeights,
    /// The plan's discounted spending, penalty and sufficiency.
    base: (f64, f64, f64),
    base_objective: f64,
}

impl<'a> Resolver<'a> {
    fn new(inst: &'a Instance, probe: &Probe, weights: &'a ObjectiveWeights) -> Self {
        Resolver {
            inst,
            weights,
            base: parts(inst, probe, weights, &probe.base),
            base_objective: probe.base_objective(),
        }
    }

    /// Targets first (both sides), then resources' "one more unit", most
    /// promising (largest dual bound) first — in a quick run only until the
    /// top gains are ranked — then, in a full run, their "one less unit".
    /// Past the time limit of a quick explanation, a side keeps its dual
    /// bound (not_measured).
    fn measure_pending(
        &self,
        probe: &mut Probe,
        values: &mut [MarginalValue],
        pending: Vec<Pending>,
        depth: Depth,
    ) -> Result<(), AnalysisError> {
        let (targets, resources): (Vec<Pending>, Vec<Pending>) = pending
            .into_iter()
            .partition(|p| values[p.value].is_target());
        for p in &targets {
            if probe.exhausted() {
                break;
            }
            self.measure(probe, p, values)?;
        }
        let (mut more, less): (Vec<Pending>, Vec<Pending>) =
            resources.into_iter().partition(|p| p.more);
        more.sort_by(|a, b| {
            values[b.value]
                .more
                .dual_bound
                .total_cmp(&values[a.value].more.dual_bound)
                .then(a.value.cmp(&b.value))
        });
        for (spent, p) in more.iter().enumerate() {
            if depth == Depth::Quick {
                // Stop once the top gains are known to beat every bound left
                // (the rest are sorted by that bound, largest first).
                let top = most_valuable(values, TOP_RESOURCES);
                let ranked = top.len() == TOP_RESOURCES
                    && top[TOP_RESOURCES - 1].gain_of_one_more().unwrap_or(0.0)
                        >= values[p.value].more.dual_bound;
                if ranked || spent >= QUICK_RESOLVES || probe.exhausted() {
                    break;
                }
            }
            self.measure(probe, p, values)?;
        }
        if depth == Depth::Full {
            for p in &less {
                self.measure(probe, p, values)?;
            }
        }
        Ok(())
    }

    /// Re-solves one pending side and records what it changes.
    fn measure(
        &self,
        probe: &mut Probe,
        p: &Pending,
        values: &mut [MarginalValue],
    ) -> Result<(), AnalysisError> {
        let out = probe.measure(&p.step)?;
        let v = &mut values[p.value];
        let side = if p.more { &mut v.more } else { &mut v.less };
        match out {
            Measured::Plan(out) => {
                let after = parts(self.inst, probe, self.weights, &out);
                let base = self.base;
                side.objective_change = Some(out.objective.expect("optimal") - self.base_objective);
                side.spend_change_yi = Some(after.0 - base.0);
                side.penalty_change_yi = Some(after.1 - base.1);
                side.sufficiency_change_points = Some(after.2 - base.2);
                side.source = SideSource::Resolve;
            }
            Measured::NoPlan => side.source = SideSource::NoPlan,
            // The side keeps its dual bound (not_measured); the probe
            // records that the explanation was cut short.
            Measured::CutShort => {}
        }
        Ok(())
    }
}
