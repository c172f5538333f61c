//! A rolling plan, made as a ministry makes it: five-year plan by five-year
//! plan (docs/model.md §10, (END)). Window w decides its own N years and sees
//! N more; the decisions of its own years are then fixed before the next
//! window is solved, and the last window runs to tN. The rolling plan is set
//! beside the perfect-foresight plan (the ordinary solve): the cost of myopia.
//!
//! Every window solves the full model on one session. What a window cannot
//! see is given no value, not cut away: a target whose year lies beyond the
//! window's sight has no penalty (and, under `--hard-targets`, may fall
//! short), and neither the shares of later years (ω_suff) nor the share
//! bought after the horizon (END) count. Spending in those years still costs,
//! so the solver funds nothing there beyond what continuity forces: a window
//! pays the commitments its own spending creates. Effort, new platforms and
//! training of a decided year are fixed at the window's values; a lead site
//! designated by a window stays designated (a later window may add sites).
//! The last window sees every year with the full objective, so its optimum
//! is the rolling plan under the instance's own objective and is read back
//! and checked as any solve.

use std::time::Instant;

use super::case::{solve_case, Analyses, Case};
use super::marginal::Depth;
use super::AnalysisError;
use crate::instance::Instance;
use crate::model::{ColumnKey, Layout};
use crate::plan::{spend_by_year, Spend};
use crate::readback::plan::plan_from_columns;
use crate::readback::realise::realised_levels;
use crate::readback::targets::target_rows;
use crate::run::{checked_result, model_size, open_model, RunOptions, RunResult, Solved, Timings};
use crate::solve::{Outcome, Session, SolveError};

/// The rolling plan beside the perfect-foresight plan.
#[derive(Debug, Clone)]
pub struct Rolling {
    /// N: the years each window decides.
    pub window_years: usize,
    pub windows: Vec<Window>,
    pub rolling: PlanSummary,
    pub perfect: PlanSummary,
}

/// One window of a rolling plan.
#[derive(Debug, Clone)]
pub struct Window {
    /// Calendar years the window decided (first, last).
    pub decided: (i32, i32),
    /// Calendar years the window saw (first, last).
    pub seen: (i32, i32),
    /// The window's own objective: the full plan's costs, values only of what it saw [亿元].
    pub objective_yi: f64,
    /// Real (undiscounted) spending of the decided years in the rolling plan [亿元].
    pub real_spend_yi: f64,
    /// Every target (instance order) as the plan stood after this window.
    pub targets: Vec<TargetReach>,
}

/// A target's level reached by the plan after a window, beside the perfect-foresight plan.
#[derive(Debug, Clone)]
pub struct TargetReach {
    pub id: String,
    pub year: i32,
    /// θ_g (share).
    pub level: f64,
    /// S[g] of the plan as it stood after the window (share).
    pub rolling: f64,
    /// S[g] of the perfect-foresight plan (share).
    pub perfect: f64,
}

impl TargetReach {
    /// max(0, θ − S) of the rolling plan (share).
    pub fn rolling_shortfall(&self) -> f64 {
        (self.level - self.rolling).max(0.0)
    }

    /// max(0, θ − S) of the perfect-foresight plan (share).
    pub fn perfect_shortfall(&self) -> f64 {
        (self.level - self.perfect).max(0.0)
    }
}

/// What the cost-of-myopia table and chart show of one plan.
#[derive(Debug, Clone)]
pub struct PlanSummary {
    /// The instance's objective [亿元].
    pub objective_yi: f64,
    /// Real (undiscounted) spending over the horizon [亿元].
    pub real_spend_yi: f64,
    /// Σ_g 100 λ_g u[g] [亿元].
    pub penalty_yi: f64,
    pub targets_met: usize,
    /// Real spending by year [亿元], in horizon order.
    pub spend_by_year_yi: Vec<f64>,
}

impl PlanSummary {
    fn of(result: &RunResult) -> Option<PlanSummary> {
        let found = result.findings.as_ref()?;
        Some(PlanSummary {
            objective_yi: result.outcome.objective?,
            real_spend_yi: found.spend.total_yi,
            penalty_yi: result.objective_terms.as_ref()?.shortfall_penalty_yi,
            targets_met: found.targets_met(),
            spend_by_year_yi: found.spend_by_year.iter().map(Spend::total_yi).collect(),
        })
    }
}

/// Solves `inst` as a rolling plan of `window_years`-year windows and, as
/// the yardstick, by perfect foresight. The case returned is the rolling
/// plan, read back and checked against the full instance, with
/// [`Analyses::rolling`] set. With `window_years` ≥ the horizon there is one
/// window: the ordinary solve (explained at `depth`). A rolling plan is not
/// explained: re-solving its LP would undo the fixing of earlier windows.
pub fn solve_rolling(
    inst: &Instance,
    opts: &RunOptions,
    window_years: usize,
    depth: Option<Depth>,
) -> Result<Case, AnalysisError> {
    if window_years == 0 {
        return Err(AnalysisError::Invalid(
            "--rolling: must be a whole number ≥ 1".into(),
        ));
    }
    let n_years = inst.years.len();
    if window_years >= n_years {
        let mut case = solve_case(inst, opts, depth)?;
        let perfect = summary_of(&case.result)?;
        let window = Window {
            decided: (inst.years[0], inst.years[n_years - 1]),
            seen: (inst.years[0], inst.years[n_years - 1]),
            objective_yi: perfect.objective_yi,
            real_spend_yi: perfect.real_spend_yi,
            targets: reach(
                inst,
                &case.result.outcome.columns,
                &case.result.layout,
                None,
            ),
        };
        case.analyses.rolling = Some(Rolling {
            window_years,
            windows: vec![window],
            rolling: perfect.clone(),
            perfect,
        });
        return Ok(case);
    }
    let perfect_case = solve_case(inst, opts, None)?;
    let perfect = summary_of(&perfect_case.result)?;
    let perfect_columns = (
        &perfect_case.result.layout,
        &perfect_case.result.outcome.columns,
    );
    let (result, windows) = roll(inst, opts, window_years, perfect_columns)?;
    let rolling = summary_of(&result)?;
    Ok(Case {
        result,
        analyses: Analyses {
            rolling: Some(Rolling {
                window_years,
                windows,
                rolling,
                perfect,
            }),
            ..Analyses::default()
        },
    })
}

fn summary_of(result: &RunResult) -> Result<PlanSummary, AnalysisError> {
    if let Some(check) = result.check.as_ref().filter(|c| !c.passed) {
        return Err(AnalysisError::Check {
            context: "of the rolling plan's yardstick (perfect foresight)".into(),
            what: check
                .violations
                .first()
                .map_or_else(String::new, |v| v.what.clone()),
        });
    }
    PlanSummary::of(result).ok_or_else(|| AnalysisError::no_plan(result.outcome.status))
}

/// The window loop on one session of the full model; returns the last
/// window's solve, read back and checked, and every window's record.
fn roll(
    inst: &Instance,
    opts: &RunOptions,
    window_years: usize,
    perfect: (&Layout, &Vec<f64>),
) -> Result<(RunResult, Vec<Window>), AnalysisError> {
    let started = Instant::now();
    let mut opened = open_model(inst, opts)?;
    let size = model_size(&mut opened.session)?;
    let layout = &opened.layout;
    let last = inst.years.len() - 1;
    let mut windows = Vec::new();
    let mut start = 0;
    loop {
        let decided_to = (start + window_years - 1).min(last);
        let seen_to = (start + 2 * window_years - 1).min(last);
        value_until(
            &mut opened.session,
            inst,
            layout,
            seen_to,
            opts.hard_targets,
        )?;
        let outcome = opened.session.solve()?;
        if !outcome.has_solution {
            return Err(AnalysisError::WindowNoPlan {
                years: format!("{}–{}", inst.years[start], inst.years[decided_to]),
                status: outcome.status.id(),
                meaning: outcome.status.explain(),
            });
        }
        let plan = plan_from_columns(inst, &layout.columns, &outcome.columns);
        let spend = spend_by_year(inst, &plan);
        windows.push(Window {
            decided: (inst.years[start], inst.years[decided_to]),
            seen: (inst.years[start], inst.years[seen_to]),
            objective_yi: outcome.objective.unwrap_or(f64::NAN),
            real_spend_yi: spend[start..=decided_to].iter().map(Spend::total_yi).sum(),
            targets: reach(inst, &outcome.columns, layout, Some(perfect)),
        });
        if decided_to == last {
            let timings = Timings {
                solve_s: started.elapsed().as_secs_f64(),
                ..Timings::default()
            };
            let solved = Solved {
                layout: opened.layout.clone(),
                outcome,
                mip_start: None,
                size,
                numerics: opened.numerics.clone(),
            };
            drop(opened.session);
            let result = checked_result(inst, &opened.build, opened.preset, solved, timings);
            return Ok((result, windows));
        }
        fix_decided(&mut opened.session, layout, &outcome, start..=decided_to)?;
        start = decided_to + 1;
    }
}

/// Gives value only to what a window sees (years up to `seen_to`, an index
/// into the horizon): a later target has no penalty (and may fall short
/// under hard targets), a later share and the share bought after the
/// horizon count nothing. With `seen_to` the last year, the model is the
/// instance's own again.
fn value_until(
    session: &mut Session,
    inst: &Instance,
    layout: &Layout,
    seen_to: usize,
    hard_targets: bool,
) -> Result<(), SolveError> {
    let sees_all = seen_to + 1 == inst.years.len();
    for (col, key) in layout.columns.iter().enumerate() {
        let seen = match *key {
            ColumnKey::Shortfall { target } => {
                let seen = inst.targets[target].year <= seen_to;
                if hard_targets {
                    let upper = if seen { 0.0 } else { f64::INFINITY };
                    session.set_column_bounds(col, 0.0, upper)?;
                }
                seen
            }
            ColumnKey::Segment { year, .. } => year <= seen_to,
            ColumnKey::SegmentAfterHorizon { .. } => sees_all,
            _ => continue,
        };
        let cost = if seen { layout.costs[col] } else { 0.0 };
        session.set_column_cost(col, cost)?;
    }
    Ok(())
}

/// Fixes the decisions of the years in `decided` (indices into the horizon)
/// at the window's values, and keeps every designated lead site designated.
fn fix_decided(
    session: &mut Session,
    layout: &Layout,
    outcome: &Outcome,
    decided: std::ops::RangeInclusive<usize>,
) -> Result<(), SolveError> {
    for (col, key) in layout.columns.iter().enumerate() {
        let value = outcome.columns[col];
        match *key {
            ColumnKey::Effort { year, .. }
            | ColumnKey::NewPlatforms { year, .. }
            | ColumnKey::Training { year, .. }
                if decided.contains(&year) =>
            {
                session.set_column_bounds(col, value, value)?;
            }
            ColumnKey::Site { .. } if value > 0.5 => session.set_column_bounds(col, 1.0, 1.0)?,
            _ => {}
        }
    }
    Ok(())
}

/// Every target's level under the plan `columns` (of `layout`), beside the
/// perfect-foresight plan's (the same plan when `perfect` is `None`).
fn reach(
    inst: &Instance,
    columns: &[f64],
    layout: &Layout,
    perfect: Option<(&Layout, &Vec<f64>)>,
) -> Vec<TargetReach> {
    let levels = |layout: &Layout, columns: &[f64]| -> Vec<f64> {
        let plan = plan_from_columns(inst, &layout.columns, columns);
        let realised = realised_levels(inst, &plan);
        target_rows(inst, &plan, &plan.model_levels(inst), &realised, &[])
            .iter()
            .map(|row| row.achieved)
            .collect()
    };
    let rolling = levels(layout, columns);
    let perfect = match perfect {
        Some((layout, columns)) => levels(layout, columns),
        None => rolling.clone(),
    };
    inst.targets
        .iter()
        .zip(rolling.iter().zip(&perfect))
        .map(|(g, (&rolling, &perfect))| TargetReach {
            id: g.id.clone(),
            year: inst.years[g.year],
            level: g.level,
            rolling,
            perfect,
        })
        .collect()
}
