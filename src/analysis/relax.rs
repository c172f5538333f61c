//! The smallest change that gives the hard-target plan a solution: extra
//! central budget per year, extra talent per province and year, or lower
//! target levels — whichever kinds the planner allows, weighted against each
//! other.
//!
//! It is the elastic form of the same formulation (HiGHS's feasibility
//! relaxation): every row of an allowed kind may be violated at a price
//! (its weight per unit), every other row and every bound must hold, and
//! the total price is minimised, with whole lead sites and platforms. The
//! answer is then verified: the hard-target model with exactly those
//! changes is solved again and must have a plan — for budgets and target
//! levels as a changed instance whose plan passes the independent check.

use std::time::Instant;

use super::AnalysisError;
use crate::instance::Instance;
use crate::model::RowKey;
use crate::quote::code;
use crate::run::{open_session, solve_instance, RunOptions};
use crate::solve::SolveStatus;

/// A kind of limit `relax` may move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelaxKind {
    /// The central budget of each year (BC) [亿元].
    Budget,
    /// Talent of each province and year (H) [k FTE].
    Talent,
    /// Target levels (G) [points].
    Targets,
}

impl RelaxKind {
    pub const ALL: [RelaxKind; 3] = [RelaxKind::Budget, RelaxKind::Talent, RelaxKind::Targets];

    pub fn id(self) -> &'static str {
        match self {
            RelaxKind::Budget => "budget",
            RelaxKind::Talent => "talent",
            RelaxKind::Targets => "targets",
        }
    }

    /// Unit of a change of this kind.
    pub fn unit(self) -> &'static str {
        match self {
            RelaxKind::Budget => "亿元",
            RelaxKind::Talent => "k FTE",
            RelaxKind::Targets => "points",
        }
    }

    pub fn parse(s: &str) -> Option<RelaxKind> {
        RelaxKind::ALL.into_iter().find(|k| k.id() == s)
    }

    /// The kind of a row, if `relax` can move it.
    fn of_row(key: &RowKey) -> Option<RelaxKind> {
        match key {
            RowKey::CentralBudget { .. } => Some(RelaxKind::Budget),
            RowKey::Talent { .. } => Some(RelaxKind::Talent),
            RowKey::Target { .. } => Some(RelaxKind::Targets),
            _ => None,
        }
    }

    /// Row units per unit of change: target rows are shares, changes are points.
    fn row_units_per_unit(self) -> f64 {
        match self {
            RelaxKind::Targets => 0.01,
            RelaxKind::Budget | RelaxKind::Talent => 1.0,
        }
    }
}

/// What one unit of each kind of change costs in the minimised total
/// (default 1 each: 1 亿元 = 1 k FTE = 1 point).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RelaxWeights {
    pub budget_per_yi: f64,
    pub talent_per_kfte: f64,
    pub targets_per_point: f64,
}

impl Default for RelaxWeights {
    fn default() -> Self {
        RelaxWeights {
            budget_per_yi: 1.0,
            talent_per_kfte: 1.0,
            targets_per_point: 1.0,
        }
    }
}

impl RelaxWeights {
    pub fn of(&self, kind: RelaxKind) -> f64 {
        match kind {
            RelaxKind::Budget => self.budget_per_yi,
            RelaxKind::Talent => self.talent_per_kfte,
            RelaxKind::Targets => self.targets_per_point,
        }
    }

    /// Reads `budget=1,talent=2,targets=50` (any subset; others stay 1).
    pub fn parse(text: &str) -> Result<RelaxWeights, String> {
        let mut w = RelaxWeights::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("{}: write KIND=WEIGHT, e.g. talent=2", code(part)))?;
            let kind = RelaxKind::parse(name.trim()).ok_or_else(|| {
                format!("{}: the kinds are budget, talent and targets", code(name))
            })?;
            let value: f64 = value
                .trim()
                .parse()
                .map_err(|_| format!("{}: the weight must be a number", code(part)))?;
            if !(value.is_finite() && value > 0.0) {
                return Err(format!(
                    "{}: the weight must be a positive number",
                    code(part)
                ));
            }
            match kind {
                RelaxKind::Budget => w.budget_per_yi = value,
                RelaxKind::Talent => w.talent_per_kfte = value,
                RelaxKind::Targets => w.targets_per_point = value,
            }
        }
        Ok(w)
    }
}

/// One limit the answer moves.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitChange {
    pub kind: RelaxKind,
    pub key: RowKey,
    /// The limit now: budget [亿元/yr], talent before training [k FTE],
    /// target level (share).
    pub current: f64,
    /// The limit the answer needs, in the same unit.
    pub needed: f64,
    /// The change in the kind's unit (亿元, k FTE, points), positive: more
    /// budget or talent, a lower target.
    pub amount: f64,
}

/// The smallest change, with its totals and its verification.
#[derive(Debug, Clone)]
pub struct Relaxation {
    pub kinds: Vec<RelaxKind>,
    pub weights: RelaxWeights,
    /// Every limit moved, sorted by kind, then row.
    pub changes: Vec<LimitChange>,
    /// Σ weight × amount, the quantity minimised.
    pub weighted_total: f64,
    /// The hard-target model with these changes has a plan (solved again).
    pub verified: bool,
    /// Status and objective of that verifying solve [亿元].
    pub verify_status: SolveStatus,
    pub verify_objective: Option<f64>,
    /// The verifying plan passed the independent check (possible when only
    /// budgets and target levels move; talent per year is not instance data).
    pub checked: bool,
    pub elapsed_s: f64,
}

impl Relaxation {
    /// Total change of one kind, in its unit.
    pub fn total(&self, kind: RelaxKind) -> f64 {
        self.changes
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.amount)
            .sum()
    }

    /// No change was needed: the hard-target model already has a plan.
    pub fn feasible_as_is(&self) -> bool {
        self.verified && self.changes.is_empty()
    }
}

/// Changes below this (in the kind's unit) are solver noise, not advice.
const NEGLIGIBLE: f64 = 1e-7;

/// Finds the smallest weighted change of the allowed kinds that gives the
/// hard-target plan of `inst` a solution.
pub fn relax(
    inst: &Instance,
    kinds: &[RelaxKind],
    weights: RelaxWeights,
    opts: &RunOptions,
) -> Result<Relaxation, AnalysisError> {
    if kinds.is_empty() {
        return Err(AnalysisError::Invalid(
            "relax needs at least one kind of change".into(),
        ));
    }
    let started = Instant::now();
    let hard = RunOptions {
        hard_targets: true,
        ranging: false,
        ..opts.clone()
    };
    let (mut session, layout) = open_session(inst, &hard)?;
    let penalty: Vec<f64> = layout
        .rows
        .iter()
        .map(|key| match RelaxKind::of_row(key) {
            Some(kind) if kinds.contains(&kind) => weights.of(kind) / kind.row_units_per_unit(),
            // A negative penalty: the row must hold.
            _ => -1.0,
        })
        .collect();
    let elastic = session.feasibility_relaxation(&penalty)?;
    let mut changes = Vec::new();
    let mut new_bounds = Vec::new();
    for (row, key) in layout.rows.iter().enumerate() {
        let Some(kind) = RelaxKind::of_row(key).filter(|k| kinds.contains(k)) else {
            continue;
        };
        let b = layout.row_bounds[row];
        let activity = elastic.row_activity[row];
        // Resource rows are ≤ rows (upper bound), target rows ≥ rows (lower).
        let (violation, bounds) = if b.upper.is_finite() {
            let v = activity - b.upper;
            (v, (b.lower, activity.max(b.upper)))
        } else {
            let v = b.lower - activity;
            (v, (activity.min(b.lower), b.upper))
        };
        let amount = violation / kind.row_units_per_unit();
        if amount <= NEGLIGIBLE {
            continue;
        }
        let (current, needed) = match *key {
            RowKey::Target { target } => {
                let level = inst.targets[target].level;
                (level, level - violation)
            }
            _ => (b.upper, b.upper + violation),
        };
        changes.push(LimitChange {
            kind,
            key: *key,
            current,
            needed,
            amount,
        });
        new_bounds.push((row, bounds));
    }
    changes.sort_by_key(|c| c.kind);
    let weighted_total = changes.iter().map(|c| weights.of(c.kind) * c.amount).sum();
    let verification = match changed_instance(inst, &changes) {
        // Budgets and target levels are instance data: the changed instance
        // is solved and its plan checked like any other.
        Some(changed) => {
            let run = solve_instance(&changed, &hard)?;
            let checked = run.check.as_ref().is_some_and(|c| c.passed);
            Verification {
                has_plan: run.plan.is_some() && checked,
                status: run.outcome.status,
                objective: run.outcome.objective,
                checked,
            }
        }
        // Talent of one year is not an instance parameter: the live model's
        // rows are moved instead, and the solver's answer is the proof.
        None => {
            for &(row, (lower, upper)) in &new_bounds {
                session.set_row_bounds(row, lower, upper)?;
            }
            let out = session.solve()?;
            Verification {
                has_plan: out.has_solution && out.status == SolveStatus::Optimal,
                status: out.status,
                objective: out.objective,
                checked: false,
            }
        }
    };
    Ok(Relaxation {
        kinds: kinds.to_vec(),
        weights,
        changes,
        weighted_total,
        verified: verification.has_plan,
        verify_status: verification.status,
        verify_objective: verification.objective,
        checked: verification.checked,
        elapsed_s: started.elapsed().as_secs_f64(),
    })
}

struct Verification {
    has_plan: bool,
    status: SolveStatus,
    objective: Option<f64>,
    checked: bool,
}

/// The instance with the changes applied, when every change is instance
/// data (central budgets, target levels).
fn changed_instance(inst: &Instance, changes: &[LimitChange]) -> Option<Instance> {
    let mut changed = inst.clone();
    for c in changes {
        match c.key {
            RowKey::CentralBudget { year } => changed.central_budget_yi[year] = c.needed,
            RowKey::Target { target } => changed.targets[target].level = c.needed,
            _ => return None,
        }
    }
    Some(changed)
}
