//! The independent checker: re-evaluates every bound and constraint of
//! docs/model.md §4–§6 from the instance and the plan alone — without the solver's
//! row values, and without the formulation (`model`) or the analyses — and
//! records the largest violation. A plan that fails is never reported as a
//! result.
//!
//! It mirrors the formulation: one module per constraint family, each
//! opening with its equation, in the order of docs/model.md. Quantities of
//! the plan used in several places (spending split, matured talent and
//! platforms, lead-site effort) come from [`crate::plan`], computed once.

mod bounds;
mod budgets;
mod chain;
mod concentration;
mod continuity;
mod count_targets;
mod drift;
mod horizon_end;
mod mode_continuity;
mod platforms;
mod pools;
mod realised;
mod recorder;
mod regional_floor;
mod response;
mod sites;
mod talent;
mod targets;
mod thresholds;
mod training_budget;

pub use recorder::Violation;

use crate::instance::{Instance, ObjectiveWeights};
use crate::plan::{effort_use, EffortUse, Plan};
use crate::readback::objective::objective_terms;
use crate::tolerances::OBJ_REL_TOL;
use recorder::Recorder;

/// How the plan was produced, which decides some rules.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Integrality is not required of a relaxation.
    pub relax: bool,
    /// Shortfalls must be zero.
    pub hard_targets: bool,
    pub objective: ObjectiveWeights,
    /// The solver proved optimality, so shortfalls must equal the gap to the
    /// target (a larger shortfall would be a needless penalty).
    pub optimal: bool,
}

/// Result of checking a plan.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub passed: bool,
    /// Largest absolute violation over every check (0 when nothing is violated).
    pub max_violation: f64,
    /// Where the largest violation occurred.
    pub worst: Option<String>,
    /// Every violation above tolerance, largest first (at most 50 kept).
    pub violations: Vec<Violation>,
    /// Number of individual checks made.
    pub checks: usize,
    /// Objective recomputed from the plan [亿元].
    pub objective: f64,
}

/// What every family's check reads: the instance, the plan, what its effort
/// uses (summed once), and the recorder.
struct Context<'a> {
    inst: &'a Instance,
    plan: &'a Plan,
    used: EffortUse,
    r: Recorder,
}

/// Checks `plan` against every rule; `reported_objective` is the solver's value.
pub fn check_plan(
    inst: &Instance,
    plan: &Plan,
    opts: &CheckOptions,
    reported_objective: Option<f64>,
) -> CheckReport {
    let mut c = Context {
        inst,
        plan,
        used: effort_use(inst, plan),
        r: Recorder::default(),
    };
    bounds::check(&mut c, opts);
    response::check(&mut c);
    chain::check(&mut c);
    // Pools, when given, replace (BC) (docs/model.md §10 (POOL)).
    if inst.pools.is_empty() {
        budgets::central(&mut c);
    } else {
        pools::check(&mut c);
    }
    budgets::provincial(&mut c);
    talent::check(&mut c);
    platforms::capacity(&mut c);
    platforms::build_rate(&mut c);
    sites::check(&mut c, opts);
    targets::check(&mut c, opts);
    regional_floor::check(&mut c);
    continuity::check(&mut c);
    concentration::check(&mut c);
    mode_continuity::check(&mut c);
    horizon_end::check(&mut c);
    realised::check(&mut c);
    count_targets::check(&mut c, opts);
    thresholds::check(&mut c, opts);
    drift::check(&mut c);
    training_budget::check(&mut c);
    let objective = objective_value(inst, plan, &opts.objective);
    let mut r = c.r;
    if let Some(reported) = reported_objective {
        r.checks += 1;
        let diff = (objective - reported).abs();
        let scale = objective.abs().max(reported.abs()).max(1.0);
        if diff / scale > OBJ_REL_TOL {
            r.fail(
                format!("objective: solver reports {reported}, plan gives {objective}"),
                diff,
                diff / scale,
            );
        }
    }
    r.violations.sort_by(|a, b| b.scaled.total_cmp(&a.scaled));
    r.violations.truncate(50);
    CheckReport {
        passed: r.violations.is_empty(),
        max_violation: r.max_violation,
        worst: r.worst,
        violations: r.violations,
        checks: r.checks,
        objective,
    }
}

/// The objective of docs/model.md §6 evaluated on a plan [亿元].
pub fn objective_value(inst: &Instance, plan: &Plan, weights: &ObjectiveWeights) -> f64 {
    let t = objective_terms(inst, plan, weights);
    t.shortfall_penalty_yi + t.discounted_spend_yi + t.sufficiency_term_yi + t.horizon_end_term_yi
}
