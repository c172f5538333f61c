//! Why an instance has no plan: the pre-solve diagnostics of the instance,
//! and an irreducible infeasible subset of the LP relaxation, read by
//! meaning ("target x_2026 cannot be met together with the central budget
//! 2024–2025").
//!
//! With `--hard-targets`, the first question is how far the targets are out
//! of reach. One more solve of the LP relaxation answers it: targets may
//! fall short, each at its penalty per point, spending is free, every other
//! limit holds, and the least penalty-weighted shortfall is found. It takes about as long
//! as the relaxation itself, so it is there in seconds even on instances
//! where the conflicting subset takes minutes.
//!
//! The subset is computed on the LP relaxation (lead sites and platforms may
//! be fractional) of the same formulation: every conflict it shows also
//! holds for the whole-number plan. When the relaxation has a plan, the
//! conflict lies in the whole-number decisions themselves (a lead site's
//! minimum effort, whole platforms), and the explanation says so.

use std::time::Instant;

use super::AnalysisError;
use crate::instance::diagnose::{diagnose, Diagnostic};
use crate::instance::Instance;
use crate::model::ColumnKey;
use crate::readback::infeasibility::{conflict_by_meaning, Conflict};
use crate::run::{open_session, RunOptions};
use crate::solve::iis::IIS_TIME_LIMIT_S;
use crate::solve::SolveStatus;

/// A target the hard-target plan cannot meet, and how far it falls short in
/// the least-shortfall plan of the LP relaxation.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetReach {
    /// Index into [`Instance::targets`].
    pub target: usize,
    /// The group's realised share in the target year in that plan [share].
    pub reached: f64,
    /// Level minus reached [share]; > 0.
    pub short: f64,
}

/// How far the targets are out of reach (`--hard-targets` only).
#[derive(Debug, Clone, PartialEq)]
pub enum Reach {
    /// Targets are soft, or the LP relaxation has a plan: nothing to measure.
    NotMeasured,
    /// Lowering these targets to what they reach gives the LP relaxation a
    /// plan; every other target is met. Lowering them less is not enough
    /// for this weighting of the targets (their penalties per point).
    ShortOf(Vec<TargetReach>),
    /// With every target free to fall short the relaxation still has no
    /// plan: the conflict lies among the other limits.
    NotTheTargets,
    /// The elastic solve did not finish (time limit, solver failure).
    Unknown(String),
}

/// The explanation of a solve without a plan.
#[derive(Debug, Clone)]
pub struct Infeasibility {
    /// Status of the LP relaxation of the same formulation.
    pub relaxation_status: SolveStatus,
    /// How far the targets are out of reach (with `--hard-targets`).
    pub reach: Reach,
    /// The conflict, by meaning, when the LP relaxation is infeasible.
    pub conflict: Option<Conflict>,
    /// What `qiangji check` finds in the instance.
    pub diagnostics: Vec<Diagnostic>,
    /// Wall-clock time of the search [s].
    pub search_s: f64,
    /// Why no conflict is shown although the relaxation is infeasible.
    pub search_note: Option<String>,
}

/// Explains why `inst`, solved with `opts`, has no plan.
pub fn explain_infeasibility(
    inst: &Instance,
    opts: &RunOptions,
) -> Result<Infeasibility, AnalysisError> {
    let started = Instant::now();
    let diagnostics = diagnose(inst);
    let relaxed = RunOptions {
        relax: true,
        ranging: false,
        ..opts.clone()
    };
    let (mut session, layout) = open_session(inst, &relaxed)?;
    let outcome = session.solve()?;
    let mut search_note = None;
    let infeasible = matches!(
        outcome.status,
        SolveStatus::Infeasible | SolveStatus::InfeasibleOrUnbounded
    );
    // A run with a time limit keeps to it: each search gets what the solves
    // before it left (at least a second, to report something).
    let left = |cap: f64| {
        opts.solver.time_limit_s.map_or(cap, |t| {
            (t - started.elapsed().as_secs_f64()).clamp(1.0, cap)
        })
    };
    let reach = if infeasible && opts.hard_targets && !inst.targets.is_empty() {
        target_reach(inst, &relaxed, left(f64::INFINITY))
    } else {
        Reach::NotMeasured
    };
    let conflict = if infeasible {
        let limit = left(IIS_TIME_LIMIT_S);
        // A search that fails or runs out of time leaves the rest of the
        // explanation (status, diagnostics) intact.
        match session.iis(limit) {
            Ok(iis) if !iis.is_empty() => Some(conflict_by_meaning(inst, &layout, &iis)),
            Ok(_) => {
                search_note = Some("HiGHS found no conflicting subset".to_string());
                None
            }
            Err(e) => {
                search_note = Some(format!(
                    "the search for a conflicting subset did not finish ({e}; limit {limit:.0} s)"
                ));
                None
            }
        }
    } else {
        None
    };
    Ok(Infeasibility {
        relaxation_status: outcome.status,
        reach,
        conflict,
        diagnostics,
        search_s: started.elapsed().as_secs_f64(),
        search_note,
    })
}

/// The least penalty-weighted target shortfall that gives the LP relaxation
/// a plan (see [`reachable_levels`]), as the targets' distance from reach.
fn target_reach(inst: &Instance, relaxed: &RunOptions, time_limit_s: f64) -> Reach {
    let attempt = || -> Result<Reach, AnalysisError> {
        let reached = match reachable_levels(inst, relaxed, time_limit_s)? {
            Reachable::Levels(levels) => levels,
            Reachable::NotTheTargets => return Ok(Reach::NotTheTargets),
            Reachable::Unknown(why) => return Ok(Reach::Unknown(why)),
        };
        let short: Vec<TargetReach> = reached
            .iter()
            .enumerate()
            .map(|(target, &level)| TargetReach {
                target,
                reached: level,
                short: inst.targets[target].level - level,
            })
            .filter(|r| r.short > NEGLIGIBLE_SHARE)
            .collect();
        if short.is_empty() {
            // Within tolerances every target can be met: the relaxation's
            // infeasibility is at the solver's tolerance, not in the targets.
            return Ok(Reach::Unknown(
                "with targets free to fall short, every target is met (within tolerances)".into(),
            ));
        }
        Ok(Reach::ShortOf(short))
    };
    attempt().unwrap_or_else(|e| Reach::Unknown(e.to_string()))
}

/// What the targets can reach together.
#[derive(Debug, Clone, PartialEq)]
enum Reachable {
    /// By target (instance order): the level the LP relaxation reaches, at
    /// most the target's own level [share].
    Levels(Vec<f64>),
    /// Even with every target free to fall short there is no plan: the
    /// conflict is elsewhere.
    NotTheTargets,
    /// The solve ended otherwise (a time limit, a solver failure).
    Unknown(String),
}

/// How far the targets can be met together: the LP relaxation with
/// shortfalls allowed (as without `--hard-targets`) and an objective of
/// shortfall alone, each target's at its penalty per point, spending free
/// (docs/model.md §8). The reached levels are met by one plan at once.
fn reachable_levels(
    inst: &Instance,
    opts: &RunOptions,
    time_limit_s: f64,
) -> Result<Reachable, AnalysisError> {
    let soft = RunOptions {
        relax: true,
        hard_targets: false,
        ranging: false,
        ..opts.clone()
    };
    let (mut session, layout) = open_session(inst, &soft)?;
    if time_limit_s.is_finite() {
        session.set_time_limit(time_limit_s)?;
    }
    for (col, key) in layout.columns.iter().enumerate() {
        let cost = match *key {
            // Shortfall is in share; a point is 0.01 of it. A target
            // without a penalty still counts, at the smallest weight.
            ColumnKey::Shortfall { target } => {
                100.0 * inst.targets[target].penalty_yi_per_point.max(1e-6)
            }
            _ => 0.0,
        };
        session.set_column_cost(col, cost)?;
    }
    // Only the shortfalls are read: interior point without a vertex, and
    // dual simplex if that ends otherwise than optimal.
    session.set_interior_point_without_crossover()?;
    let mut outcome = session.solve()?;
    if !(outcome.status == SolveStatus::Optimal && outcome.has_solution)
        && outcome.status != SolveStatus::TimeLimit
    {
        session.set_lp_algorithm(Some(crate::solve::LpAlgorithm::Simplex))?;
        outcome = session.solve()?;
    }
    match outcome.status {
        SolveStatus::Optimal if outcome.has_solution => {}
        SolveStatus::Infeasible => return Ok(Reachable::NotTheTargets),
        other => {
            return Ok(Reachable::Unknown(format!(
                "the solve with targets free to fall short ended {}",
                other.id()
            )))
        }
    }
    let mut levels: Vec<f64> = inst.targets.iter().map(|t| t.level).collect();
    for (col, key) in layout.columns.iter().enumerate() {
        if let ColumnKey::Shortfall { target } = *key {
            levels[target] -= outcome.columns[col].max(0.0);
        }
    }
    Ok(Reachable::Levels(levels))
}

/// Shortfalls below this [share] are solver noise (1e-6 of a point).
const NEGLIGIBLE_SHARE: f64 = 1e-8;
