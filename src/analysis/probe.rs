//! A probe: the plan's LP (every lead site and platform fixed at the plan's
//! values, for a MIP) kept live, so that a planner's question "what if this
//! limit were one unit higher?" is answered by moving the limit and
//! re-solving warm — or, where ranging proves the answer, without a solve.
//!
//! A step moves the bounds of one or more rows. Where the moved limit is a
//! budget or platform capacity, it also moves the lead-site bounds Ē that
//! are derived from it (docs/model.md, SITE), so the re-solved model is
//! exactly the one a planner gets by changing the instance and solving
//! again with the same sites and platforms.
//!
//! Two facts of LP duality make many answers exact without a solve. The
//! objective, as a function of the limits, is convex and piecewise linear,
//! and the dual y of the solved basis is a subgradient; so
//!
//! - inside the ranging interval of a row the objective moves by exactly
//!   y per unit;
//! - for any step Δ, objective(b + Δ) ≥ objective(b) + yᵀΔ: relaxing limits
//!   gains at most −yᵀΔ (exactly 0 when those duals are 0), tightening
//!   them costs at least yᵀΔ.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::instance::Instance;
use crate::model::constraints::sites::site_effort_bound;
use crate::model::{ColumnKey, Layout, RowKey};
use crate::run::{open_session, RunOptions};
use crate::solve::{Outcome, Session, SimplexStrategy, SolveError, SolveStatus};

use super::AnalysisError;

/// Below this a row's slack counts as zero (in the row's units, scaled).
const BINDING_TOL: f64 = crate::tolerances::BINDING_TOL;

/// A change of limits to solve for.
#[derive(Debug, Clone, Default)]
pub struct Step {
    /// (row, new lower bound, new upper bound).
    pub rows: Vec<(usize, f64, f64)>,
    /// Right-hand-side change of each moved row, in the row's units.
    pub deltas: Vec<(usize, f64)>,
    /// (row, column, new coefficient): lead-site bounds Ē that follow a budget
    /// or capacity, on the site's column.
    pub coefficients: Vec<(usize, usize, f64)>,
}

/// What a step changes on the site-link rows, for the dual bound: the
/// right-hand side Ē·y* moves where y is fixed; a change on a free site
/// column has no such bound.
#[derive(Debug, Clone, Copy)]
struct SiteLink {
    row: usize,
    item: usize,
    province: usize,
    year: usize,
    site_col: usize,
}

/// What a re-solve at a step found.
#[derive(Debug)]
pub enum Measured {
    /// The optimum of the changed LP (boxed: an outcome holds the whole
    /// solution, the other answers nothing).
    Plan(Box<Outcome>),
    /// The changed LP has no plan (e.g. one less unit of a hard limit).
    NoPlan,
    /// The re-solve reached the explanation's time limit first.
    CutShort,
}

/// The least time a re-solve gets once the deadline is near [s].
pub const LEAST_RESOLVE_S: f64 = 1.0;

/// The plan's LP, solved, with its duals and ranging.
pub struct Probe<'a> {
    inst: &'a Instance,
    session: Session,
    pub layout: Layout,
    /// The solved plan's LP (duals, ranging, row activity).
    pub base: Outcome,
    /// The solve whose duals and ranging bound the next steps: the plan's
    /// LP, or the LP with another objective (see [`Probe::solve_with_objective`]).
    reference: Outcome,
    site_links: Vec<SiteLink>,
    /// Solver column of each column key.
    col_of: HashMap<ColumnKey, usize>,
    /// Integer columns are fixed (a MIP): site columns hold their plan value.
    integers_fixed: bool,
    /// Warm re-solves made so far.
    pub resolves: usize,
    /// Simplex iterations those re-solves took.
    pub iterations: u64,
    /// When re-solving stops, when limited.
    deadline: Option<Instant>,
    /// A question was left to its dual bound because the deadline passed.
    pub limited: bool,
}

impl<'a> Probe<'a> {
    /// Opens the plan's LP: the formulation of `opts`, every integer column
    /// fixed at its value in `plan_columns` (the solved plan), solved with
    /// ranging.
    pub fn open(
        inst: &'a Instance,
        opts: &RunOptions,
        plan_columns: &[f64],
    ) -> Result<Probe<'a>, AnalysisError> {
        let (mut session, layout) = open_session(inst, opts)?;
        let integers_fixed = session.num_integers() > 0;
        if integers_fixed {
            session.fix_integers(Some(plan_columns))?;
        }
        session.enable_ranging(true);
        let base = session.solve()?;
        session.enable_ranging(false);
        if base.status != SolveStatus::Optimal || base.objective.is_none() {
            return Err(AnalysisError::no_plan(base.status));
        }
        let col_of: HashMap<ColumnKey, usize> = layout
            .columns
            .iter()
            .enumerate()
            .map(|(i, k)| (*k, i))
            .collect();
        let site_links = layout
            .rows
            .iter()
            .enumerate()
            .filter_map(|(row, key)| match *key {
                RowKey::SiteLink {
                    item,
                    province,
                    year,
                } => Some(SiteLink {
                    row,
                    item,
                    province,
                    year,
                    site_col: col_of[&ColumnKey::Site { item, province }],
                }),
                _ => None,
            })
            .collect();
        Ok(Probe {
            inst,
            session,
            layout,
            reference: base.clone(),
            base,
            site_links,
            col_of,
            integers_fixed,
            resolves: 0,
            iterations: 0,
            deadline: None,
            limited: false,
        })
    }

    /// Stops re-solving `seconds` from now (no new re-solve starts after).
    pub fn limit_time(&mut self, seconds: f64) {
        self.deadline = Some(Instant::now() + Duration::from_secs_f64(seconds.max(0.0)));
    }

    /// How long the plan's LP took to solve from scratch [s].
    pub fn base_solve_s(&self) -> f64 {
        self.base.solve_time_s
    }

    /// The time allowed is spent: the questions left keep their dual bounds.
    /// Records that an answer was cut short.
    pub fn exhausted(&mut self) -> bool {
        let spent = self.deadline.is_some_and(|d| Instant::now() >= d);
        self.limited |= spent;
        spent
    }

    pub fn instance(&self) -> &Instance {
        self.inst
    }

    /// The solver column of a column key.
    pub fn column(&self, key: &ColumnKey) -> usize {
        self.col_of[key]
    }

    /// The objective of the plan's LP [亿元].
    pub fn base_objective(&self) -> f64 {
        self.base.objective.expect("the probe's base is optimal")
    }

    /// The dual of `row` in the reference solve.
    pub fn dual(&self, row: usize) -> f64 {
        self.reference.row_duals.get(row).copied().unwrap_or(0.0)
    }

    /// The interval of `row`'s right-hand side over which its dual holds.
    /// Only a row at its bound in the optimal basis has one: for a basic
    /// row (zero dual, its slack in the basis) HiGHS reports the range of
    /// its activity, which says nothing about moving a limit it meets with
    /// zero slack.
    pub fn ranging(&self, row: usize) -> Option<(f64, f64)> {
        let basic = self
            .reference
            .basis
            .as_ref()
            .is_none_or(|b| b.is_row_basic(row));
        if basic {
            return None;
        }
        self.reference
            .ranging
            .as_ref()
            .map(|r| (r.row_bound_dn[row], r.row_bound_up[row]))
    }

    /// Whether `row` binds in the base solve.
    pub fn binds(&self, row: usize) -> bool {
        let b = self.layout.row_bounds[row];
        let activity = self.base.row_activity[row];
        let scale = b.upper.abs().min(b.lower.abs()).max(1.0);
        [b.upper - activity, activity - b.lower]
            .into_iter()
            .any(|s| s.is_finite() && s.abs() <= BINDING_TOL * scale)
    }

    /// How far the base solve's activity of `row` is from the limit a step
    /// moves (the upper bound of a ≤ row, the lower bound of a ≥ row), in
    /// the row's units; 0 when it meets the limit.
    pub fn slack(&self, row: usize) -> f64 {
        let b = self.layout.row_bounds[row];
        let activity = self.base.row_activity[row];
        let slack = if b.upper.is_finite() {
            b.upper - activity
        } else {
            activity - b.lower
        };
        slack.max(0.0)
    }

    /// The limit a step moves: the upper bound of a ≤ row, the lower bound
    /// of a ≥ row.
    pub fn limit(&self, row: usize) -> f64 {
        let b = self.layout.row_bounds[row];
        if b.upper.is_finite() {
            b.upper
        } else {
            b.lower
        }
    }

    /// A step moving each `(row, delta)` limit by `delta` (row units).
    /// `changed` is the instance with the same change, when the change is
    /// instance data that lead-site bounds Ē depend on (budgets, capacity);
    /// `only_year` keeps the Ē of that year index alone, for a step that
    /// moves one year's row of a limit the instance holds for all years.
    pub fn step(
        &self,
        moves: &[(usize, f64)],
        changed: Option<&Instance>,
        only_year: Option<usize>,
    ) -> Step {
        let mut step = Step::default();
        for &(row, delta) in moves {
            let b = self.layout.row_bounds[row];
            // An equality (a pool's balance) moves as a whole: its limit is
            // the amount it must equal.
            let (lower, upper) = if b.lower == b.upper {
                (b.lower + delta, b.upper + delta)
            } else if b.upper.is_finite() {
                (b.lower, b.upper + delta)
            } else {
                (b.lower + delta, b.upper)
            };
            step.rows.push((row, lower, upper));
            step.deltas.push((row, delta));
        }
        if let Some(changed) = changed {
            for link in self
                .site_links
                .iter()
                .filter(|l| only_year.is_none_or(|t| l.year == t))
            {
                let before = site_effort_bound(self.inst, link.item, link.province, link.year);
                let after = site_effort_bound(changed, link.item, link.province, link.year);
                if (after - before).abs() > 1e-12 * before.abs().max(1.0) {
                    step.coefficients.push((link.row, link.site_col, -after));
                }
            }
        }
        step
    }

    /// The most a relaxing step can lower the objective, and the least a
    /// tightening step raises it, from the duals: |yᵀΔ| over the moved rows,
    /// site-link rows included (their right-hand side moves by ΔĒ·y* where
    /// the site is fixed). Infinite when a moved Ē multiplies a free site
    /// column (the LP relaxation), where duals bound nothing.
    pub fn dual_bound(&self, step: &Step) -> f64 {
        let mut bound: f64 = step
            .deltas
            .iter()
            .map(|&(row, delta)| (self.dual(row) * delta).abs())
            .sum();
        for &(row, col, after) in &step.coefficients {
            if !self.integers_fixed {
                return f64::INFINITY;
            }
            let link = self
                .site_links
                .iter()
                .find(|l| l.row == row)
                .expect("a site link");
            let before = -site_effort_bound(self.inst, link.item, link.province, link.year);
            bound += (self.dual(row) * (before - after) * self.base.columns[col]).abs();
        }
        bound
    }

    /// Whether the step moves a lead-site bound that matters (on a site
    /// that is designated, or not fixed): then ranging of the moved row
    /// alone does not describe the step.
    pub fn moves_site_bounds(&self, step: &Step) -> bool {
        step.coefficients
            .iter()
            .any(|&(_, col, _)| !self.integers_fixed || self.base.columns[col].abs() > 1e-9)
    }

    /// Solves with the step applied, then puts the limits back.
    pub fn measure(&mut self, step: &Step) -> Result<Measured, SolveError> {
        self.apply(step, true)?;
        self.limit_next_solve()?;
        let solved = self.session.solve();
        self.apply(step, false)?;
        self.resolves += 1;
        let out = solved?;
        self.iterations += out.simplex_iterations.max(0) as u64;
        Ok(match out.status {
            SolveStatus::Optimal if out.has_solution => Measured::Plan(Box::new(out)),
            SolveStatus::TimeLimit => {
                self.limited = true;
                Measured::CutShort
            }
            _ => Measured::NoPlan,
        })
    }

    /// With a deadline, the next re-solve may run only until it (at least
    /// [`LEAST_RESOLVE_S`]): a re-solve started just before the deadline
    /// cannot run on for long past it.
    fn limit_next_solve(&mut self) -> Result<(), SolveError> {
        if let Some(deadline) = self.deadline {
            let left = deadline
                .saturating_duration_since(Instant::now())
                .as_secs_f64();
            self.session.limit_next_solve(left.max(LEAST_RESOLVE_S))?;
        }
        Ok(())
    }

    fn apply(&mut self, step: &Step, forward: bool) -> Result<(), SolveError> {
        for &(row, lower, upper) in &step.rows {
            let (lower, upper) = if forward {
                (lower, upper)
            } else {
                let b = self.layout.row_bounds[row];
                (b.lower, b.upper)
            };
            self.session.set_row_bounds(row, lower, upper)?;
        }
        for &(row, col, after) in &step.coefficients {
            let value = if forward {
                after
            } else {
                let link = self
                    .site_links
                    .iter()
                    .find(|l| l.row == row)
                    .expect("a site link");
                -site_effort_bound(self.inst, link.item, link.province, link.year)
            };
            self.session.set_coefficient(row, col, value)?;
        }
        Ok(())
    }

    /// Replaces the objective (one coefficient per column) and the bounds of
    /// some columns, and solves with ranging; that solve becomes the
    /// reference of the next steps until [`Probe::restore`].
    pub fn solve_with_objective(
        &mut self,
        costs: &[f64],
        bounds: &[(usize, f64, f64)],
    ) -> Result<Outcome, SolveError> {
        for (col, &c) in costs.iter().enumerate() {
            self.session.set_column_cost(col, c)?;
        }
        for &(col, lower, upper) in bounds {
            self.session.set_column_bounds(col, lower, upper)?;
        }
        self.session.enable_ranging(true);
        // The basis stays primal feasible when only the objective changes:
        // primal simplex continues from it (about 2.5× faster than dual
        // simplex on the national instance); steps that move limits keep
        // HiGHS's own choice.
        self.session.set_simplex_strategy(SimplexStrategy::Primal)?;
        self.limit_next_solve()?;
        let out = self.session.solve();
        self.session.set_simplex_strategy(SimplexStrategy::Choose)?;
        self.session.enable_ranging(false);
        self.resolves += 1;
        let out = out?;
        self.iterations += out.simplex_iterations.max(0) as u64;
        self.reference = out.clone();
        Ok(out)
    }

    /// Puts back the plan's objective and the given column bounds
    /// ((column, lower, upper)); the plan's LP is the reference again.
    pub fn restore(&mut self, bounds: &[(usize, f64, f64)]) -> Result<(), SolveError> {
        for col in 0..self.layout.costs.len() {
            self.session.set_column_cost(col, self.layout.costs[col])?;
        }
        for &(col, lower, upper) in bounds {
            self.session.set_column_bounds(col, lower, upper)?;
        }
        self.reference = self.base.clone();
        Ok(())
    }
}
