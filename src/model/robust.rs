//! (ROB) the sample-average plan of docs/model.md §11: one set of
//! first-stage decisions (e, y, n, tr, and the columns that only sum them)
//! shared by S draws of the uncertain parameters, each draw with its own
//! second-stage columns (z_ω, Q_ω, u_ω, and a, b, z_post where the
//! instance has them) and its own response and target rows:
//!
//! ```text
//! Σ_j z_ω[k,j,t] / (gain_kω μ_j) ≤ Q_ω[k,t]        S_ω[g] + u_ω[g] ≥ θ_g
//! minimise  ω_cost Σ_t δ^(t−t0) Spend_t + (1/S) Σ_ω Σ_g 100 λ_g u_ω[g]
//! ```
//!
//! (−ω_suff Suff and the value of the share bought after tN are averaged
//! over the draws the same way.) The rows of a draw are those of the
//! deterministic model, built by the same constraint families from the
//! draw's instance with the draw's columns in force ([`Columns::swap_draw`]).
//!
//! Optional, per target g:
//!
//! ```text
//! chance:  u_ω[g] ≤ (1 − v_ω,g) θ_g,  Σ_ω v_ω,g ≥ ⌈p S⌉          (v binary)
//! CVaR:    ξ_ω,g ≥ 100 u_ω[g] − η_g,  η_g + Σ_ω ξ_ω,g / ((1 − β) S) ≤ ε
//! ```
//!
//! the CVaR bound reading the shortfall in points: the mean shortfall of the
//! worst (1 − β) share of the draws is at most ε points (Rockafellar–Uryasev).

use good_lp::{Expression, ProblemVariables};

use super::columns::{Columns, DrawColumns};
use super::index::{ColumnKey, RobustColumn, RobustRow, RowKey};
use super::numerics::Numerics;
use super::objective::{objective_constant, Terms};
use super::{add_draw_rows, add_first_stage_rows, BuildOptions, Formulation, RowSink};
use crate::instance::Instance;

/// A bound on the conditional value at risk of every target's shortfall.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CvarBound {
    /// β in (0, 1): the share of draws left out of the tail.
    pub beta: f64,
    /// ε ≥ 0: the most the tail's mean shortfall may be [points].
    pub epsilon_points: f64,
}

/// What (ROB) asks of the targets beyond pricing their expected shortfall.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RobustOptions {
    /// p in (0, 1]: every target met in at least ⌈p S⌉ draws.
    pub reliability: Option<f64>,
    /// Every target's CVaR of shortfall bounded.
    pub cvar: Option<CvarBound>,
}

impl RobustOptions {
    /// ⌈p S⌉: the draws in which a target must be met, for `samples` draws.
    pub fn draws_to_meet(&self, samples: usize) -> Option<usize> {
        // A hair below the product keeps p S that is whole in floating
        // point from rounding up to the next draw (0.9 · 10 = 9.000…02).
        self.reliability
            .map(|p| ((p * samples as f64) - 1e-9).ceil().max(0.0) as usize)
    }
}

/// The built sample-average model, with where each draw's columns are.
pub struct RobustFormulation {
    pub form: Formulation,
    /// Per draw, its second-stage columns.
    pub draws: Vec<DrawColumns>,
    /// Per draw and target, v_ω,g (empty without a reliability).
    pub met: Vec<Vec<usize>>,
}

/// The columns of (ROB) beyond the deterministic model's.
struct RobustColumns {
    /// Per draw, its second-stage columns.
    own: Vec<DrawColumns>,
    /// Per draw and target: v_ω,g and ξ_ω,g (empty when not asked for).
    met: Vec<Vec<usize>>,
    excess: Vec<Vec<usize>>,
    /// Per target: η_g (empty without a CVaR bound).
    var_level: Vec<usize>,
    /// Draw of every column, counted from 1 (0: shared).
    draw_of_column: Vec<u32>,
}

/// Builds (ROB) for the draws `draws` (instances of the same programme that
/// differ only in the uncertain parameters of the response: every
/// first-stage row is taken from the first).
pub fn build_robust(
    draws: &[Instance],
    opts: &BuildOptions,
    robust: &RobustOptions,
) -> RobustFormulation {
    assert!(!draws.is_empty(), "(ROB) needs at least one draw");
    let first = &draws[0];
    let mut pv = ProblemVariables::new();
    let mut numerics = Numerics::default();
    let mut columns = Columns::create(first, opts, &mut pv, &mut numerics);
    let extra = create_columns(&mut columns, draws, opts, robust, &mut pv, &mut numerics);

    let weight = 1.0 / draws.len() as f64;
    let mut terms = Terms::new(&columns);
    for (draw, cols) in draws.iter().zip(&extra.own) {
        let in_force = columns.swap_draw(cols.clone());
        terms.shortfalls(draw, &columns, weight);
        columns.swap_draw(in_force);
    }
    terms.spending(first, opts, &columns);
    for (draw, cols) in draws.iter().zip(&extra.own) {
        let in_force = columns.swap_draw(cols.clone());
        terms.shares(draw, opts, &columns, weight);
        columns.swap_draw(in_force);
    }
    let (objective, costs) = terms.finish(&columns, &mut numerics);
    let problem = pv.minimise(objective);

    let mut rows = RowSink::new(numerics);
    let draw_of_row = add_rows(&mut rows, &mut columns, draws, opts, robust, &extra);
    RobustFormulation {
        form: Formulation {
            problem,
            constraints: rows.constraints,
            columns,
            rows: rows.keys,
            row_bounds: rows.bounds,
            costs,
            objective_constant: objective_constant(first, &opts.objective),
            options: *opts,
            numerics: rows.numerics,
            draw_of_column: extra.draw_of_column,
            draw_of_row,
        },
        draws: extra.own,
        met: extra.met,
    }
}

/// Adds every draw's second-stage columns after the first draw's (which
/// `Columns::create` made and which stay in force), then v, ξ and η.
fn create_columns(
    columns: &mut Columns,
    draws: &[Instance],
    opts: &BuildOptions,
    robust: &RobustOptions,
    pv: &mut ProblemVariables,
    numerics: &mut Numerics,
) -> RobustColumns {
    let n_targets = draws[0].targets.len();
    let mut own = vec![columns.swap_draw(DrawColumns::default())];
    columns.swap_draw(own[0].clone());
    for draw in &draws[1..] {
        own.push(columns.add_draw(draw, opts, pv, numerics));
    }
    let mut draw_of_column = vec![0_u32; columns.vars.len()];
    for (d, cols) in own.iter().enumerate() {
        for col in draw_columns(cols) {
            draw_of_column[col] = d as u32 + 1;
        }
    }
    let mut met = vec![Vec::new(); draws.len()];
    let mut excess = vec![Vec::new(); draws.len()];
    for d in 0..draws.len() {
        for g in 0..n_targets {
            if robust.reliability.is_some() {
                let key = robust_column(g, RobustColumn::Met);
                met[d].push(columns.add_robust(pv, key, 0.0, 1.0, !opts.relax));
                draw_of_column.push(d as u32 + 1);
            }
            if robust.cvar.is_some() {
                let key = robust_column(g, RobustColumn::CvarExcess);
                excess[d].push(columns.add_robust(pv, key, 0.0, f64::INFINITY, false));
                draw_of_column.push(d as u32 + 1);
            }
        }
    }
    let mut var_level = Vec::new();
    if robust.cvar.is_some() {
        for g in 0..n_targets {
            let key = robust_column(g, RobustColumn::CvarLevel);
            var_level.push(columns.add_robust(pv, key, 0.0, f64::INFINITY, false));
            draw_of_column.push(0);
        }
    }
    RobustColumns {
        own,
        met,
        excess,
        var_level,
        draw_of_column,
    }
}

/// The first-stage rows once, every draw's own rows with its chance and
/// CVaR rows, then the rows that count over the draws; returns the draw of
/// every row (0: shared).
fn add_rows(
    rows: &mut RowSink,
    columns: &mut Columns,
    draws: &[Instance],
    opts: &BuildOptions,
    robust: &RobustOptions,
    extra: &RobustColumns,
) -> Vec<u32> {
    let first = &draws[0];
    add_first_stage_rows(rows, first, columns);
    let mut draw_of_row = vec![0_u32; rows.keys.len()];
    for (d, (draw, cols)) in draws.iter().zip(&extra.own).enumerate() {
        let in_force = columns.swap_draw(cols.clone());
        add_draw_rows(rows, draw, columns, opts.response_form);
        columns.swap_draw(in_force);
        for (g, target) in first.targets.iter().enumerate() {
            let u = cols.shortfall[g];
            if let Some(&v) = extra.met[d].get(g) {
                let mut lhs = Expression::with_capacity(2);
                lhs.add_mul(1.0, columns.var(u));
                lhs.add_mul(target.level, columns.var(v));
                rows.leq(robust_row(g, RobustRow::ChanceLink), lhs, target.level);
            }
            if let Some(&xi) = extra.excess[d].get(g) {
                let mut lhs = Expression::with_capacity(3);
                lhs.add_mul(1.0, columns.var(xi));
                lhs.add_mul(-100.0, columns.var(u));
                lhs.add_mul(1.0, columns.var(extra.var_level[g]));
                rows.geq(robust_row(g, RobustRow::CvarExcess), lhs, 0.0);
            }
        }
        draw_of_row.resize(rows.keys.len(), d as u32 + 1);
    }
    let n_draws = draws.len();
    if let Some(needed) = robust.draws_to_meet(n_draws) {
        for g in 0..first.targets.len() {
            let mut lhs = Expression::with_capacity(n_draws);
            for per_draw in &extra.met {
                lhs.add_mul(1.0, columns.var(per_draw[g]));
            }
            rows.geq(robust_row(g, RobustRow::ChanceCount), lhs, needed as f64);
        }
    }
    if let Some(cvar) = robust.cvar {
        let tail = 1.0 / ((1.0 - cvar.beta) * n_draws as f64);
        for (g, &eta) in extra.var_level.iter().enumerate() {
            let mut lhs = Expression::with_capacity(n_draws + 1);
            lhs.add_mul(1.0, columns.var(eta));
            for per_draw in &extra.excess {
                lhs.add_mul(tail, columns.var(per_draw[g]));
            }
            rows.leq(
                robust_row(g, RobustRow::CvarBound),
                lhs,
                cvar.epsilon_points,
            );
        }
    }
    draw_of_row.resize(rows.keys.len(), 0);
    draw_of_row
}

fn robust_column(target: usize, column: RobustColumn) -> ColumnKey {
    ColumnKey::Robust { target, column }
}

fn robust_row(target: usize, row: RobustRow) -> RowKey {
    RowKey::Robust { target, row }
}

/// Every column of one draw.
fn draw_columns(d: &DrawColumns) -> impl Iterator<Item = usize> + '_ {
    d.segment
        .iter()
        .chain(&d.stock)
        .chain(&d.shortfall)
        .chain(d.assured.iter().flatten())
        .chain(d.threshold.iter().flatten())
        .chain(&d.segment_after_horizon)
        .copied()
}
