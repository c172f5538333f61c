//! The formulation of docs/model.md §4–§6 on good_lp, one function per constraint
//! family (in `constraints/`), with an index from meaning to column and row.
//! The formulation names no solver: `solve::Session` hands it to HiGHS.

pub mod columns;
pub mod constraints;
pub mod index;
pub mod numerics;
mod objective;
pub mod refresh;
pub mod robust;

use good_lp::variable::UnsolvedProblem;
use good_lp::{Constraint, Expression, IntoAffineExpression, ProblemVariables};

pub use columns::{Columns, DrawColumns, EffortColumn};
pub use index::{ColumnKey, RobustColumn, RobustRow, RowKey};
pub use numerics::Numerics;
pub use objective::{objective_constant, shortfall_cost};

use crate::instance::{Instance, ObjectiveWeights};

/// How the response rows (R) sum earlier effort (docs/model.md §5 (R), "Implementation": stock or dense form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResponseForm {
    /// Cumulative effort as stock variables Q[k,t]: every row O(1) in |T|.
    #[default]
    Stock,
    /// The reference form: each (R) row sums all earlier effort columns.
    Direct,
}

/// Choices that change the formulation itself.
#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    /// Solve the LP relaxation: sites and platforms become continuous.
    pub relax: bool,
    /// Fix every shortfall u[g] at zero.
    pub hard_targets: bool,
    /// Objective weights (from the instance, or a preset chosen on the command line).
    pub objective: ObjectiveWeights,
    pub response_form: ResponseForm,
}

impl BuildOptions {
    pub fn for_instance(inst: &Instance) -> BuildOptions {
        BuildOptions {
            relax: false,
            hard_targets: false,
            objective: inst.objective,
            response_form: ResponseForm::default(),
        }
    }
}

/// Bounds of a row: lower ≤ Σ a·x ≤ upper (infinite where absent).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowBounds {
    pub lower: f64,
    pub upper: f64,
}

/// Rows being added to the problem, with their meaning and bounds.
pub struct RowSink {
    constraints: Vec<Constraint>,
    pub keys: Vec<RowKey>,
    pub bounds: Vec<RowBounds>,
    /// Ranges of what reached the problem, and how much residue was snapped.
    numerics: Numerics,
}

impl RowSink {
    /// No rows yet; `numerics` holds what the columns and the objective measured.
    fn new(numerics: Numerics) -> RowSink {
        RowSink {
            constraints: Vec::new(),
            keys: Vec::new(),
            bounds: Vec::new(),
            numerics,
        }
    }

    /// Every row goes through here, so this is where a row's coefficients
    /// and bounds are cleaned of floating-point residue (see [`numerics`])
    /// and measured, before they reach the solver.
    fn push(&mut self, key: RowKey, lhs: Expression, lower: f64, upper: f64) {
        let scale = (&lhs)
            .linear_coefficients()
            .fold(0.0_f64, |m, (_, a)| m.max(a.abs()));
        let has_residue = (&lhs)
            .linear_coefficients()
            .any(|(_, a)| a != 0.0 && numerics::snap(a, scale) == 0.0);
        let lhs = if has_residue {
            // Rebuilt only when needed: a clean row keeps the exact term
            // order good_lp would have passed, and with it the solver's path.
            let mut clean = Expression::with_capacity(0);
            for (var, a) in (&lhs).linear_coefficients() {
                let a = self.numerics.matrix_value(a, scale);
                if a != 0.0 {
                    clean.add_mul(a, var);
                }
            }
            clean + lhs.constant()
        } else {
            for (_, a) in (&lhs).linear_coefficients() {
                self.numerics.matrix_value(a, scale);
            }
            lhs
        };
        let lower = self.numerics.rhs_value(lower, scale);
        let upper = self.numerics.rhs_value(upper, scale);
        let constraint = if lower == upper {
            lhs.eq(upper)
        } else if upper.is_finite() {
            lhs.leq(upper)
        } else {
            lhs.geq(lower)
        };
        // A row's position is the number of rows before it.
        self.constraints.push(constraint);
        self.keys.push(key);
        self.bounds.push(RowBounds { lower, upper });
    }

    /// Adds `lhs ≤ rhs` (lhs has no constant term).
    pub fn leq(&mut self, key: RowKey, lhs: Expression, rhs: f64) {
        self.push(key, lhs, f64::NEG_INFINITY, rhs);
    }

    /// Adds `lhs ≥ rhs`.
    pub fn geq(&mut self, key: RowKey, lhs: Expression, rhs: f64) {
        self.push(key, lhs, rhs, f64::INFINITY);
    }

    /// Adds `lhs = rhs`.
    pub fn eq(&mut self, key: RowKey, lhs: Expression, rhs: f64) {
        self.push(key, lhs, rhs, rhs);
    }
}

/// Meaning and bounds of every column and row, kept beside a solver session
/// to read results by meaning.
#[derive(Debug, Clone)]
pub struct Layout {
    pub columns: Vec<ColumnKey>,
    pub rows: Vec<RowKey>,
    pub row_bounds: Vec<RowBounds>,
    /// Objective coefficient of each column.
    pub costs: Vec<f64>,
}

/// The built problem, ready to hand to a solver session.
pub struct Formulation {
    /// Columns and objective, as good_lp holds them for any solver.
    pub problem: UnsolvedProblem,
    /// Every row in position order (row i is `constraints[i]`, meaning `rows[i]`).
    pub constraints: Vec<Constraint>,
    pub columns: Columns,
    pub rows: Vec<RowKey>,
    pub row_bounds: Vec<RowBounds>,
    /// Objective coefficient of each column [亿元 per unit].
    pub costs: Vec<f64>,
    /// Objective terms that do not depend on any column (the s0 part of Suff) [亿元].
    pub objective_constant: f64,
    pub options: BuildOptions,
    /// Coefficient ranges of what is passed to the solver.
    pub numerics: Numerics,
    /// For a model of several draws (docs/model.md §11 (ROB)): the draw each
    /// column and row belongs to, counted from 1 (0: shared by all draws),
    /// so that the solver's names stay unique. Empty otherwise.
    pub draw_of_column: Vec<u32>,
    pub draw_of_row: Vec<u32>,
}

impl Formulation {
    /// Meaning, bounds and costs of every row and column.
    pub fn layout(&self) -> Layout {
        Layout {
            columns: self.columns.keys.clone(),
            rows: self.rows.clone(),
            row_bounds: self.row_bounds.clone(),
            costs: self.costs.clone(),
        }
    }
}

/// The rows of docs/model.md §5 and §10 that hold first-stage decisions
/// only (money, talent, platforms, sites, where central money goes,
/// continuity, training budgets): under (ROB, §11) one copy serves every draw.
fn add_first_stage_rows(rows: &mut RowSink, inst: &Instance, columns: &Columns) {
    if inst.pools.is_empty() {
        constraints::central_budget::add(rows, inst, columns);
    } else {
        constraints::pools::add(rows, inst, columns);
    }
    constraints::provincial_budget::add(rows, inst, columns);
    constraints::talent::add(rows, inst, columns);
    constraints::platforms::add(rows, inst, columns);
    constraints::sites::add(rows, inst, columns);
    constraints::regional_floor::add(rows, inst, columns);
    constraints::continuity::add(rows, inst, columns);
    constraints::concentration::add(rows, inst, columns);
    constraints::mode_continuity::add(rows, inst, columns);
    constraints::training_budget::add(rows, inst, columns);
}

/// The rows that read the response and the targets (R, CH, G, CT, THR,
/// PIPE, END): under (ROB, §11) each draw has its own, built from its
/// instance and its second-stage columns in force in `columns`.
fn add_draw_rows(rows: &mut RowSink, draw: &Instance, columns: &Columns, form: ResponseForm) {
    constraints::response::add(rows, draw, columns, form);
    constraints::chain::add(rows, draw, columns);
    constraints::targets::add(rows, draw, columns);
    constraints::count_targets::add(rows, draw, columns);
    constraints::thresholds::add(rows, draw, columns);
    constraints::drift::add(rows, draw, columns);
    constraints::horizon_end::add(rows, draw, columns);
}

/// Builds the formulation of docs/model.md §4–§6 for an instance.
pub fn build(inst: &Instance, opts: &BuildOptions) -> Formulation {
    let mut pv = ProblemVariables::new();
    let mut numerics = Numerics::default();
    let columns = Columns::create(inst, opts, &mut pv, &mut numerics);
    let (objective, costs) = objective::objective(inst, opts, &columns, &mut numerics);
    let problem = pv.minimise(objective);
    let mut rows = RowSink::new(numerics);
    constraints::response::add(&mut rows, inst, &columns, opts.response_form);
    constraints::chain::add(&mut rows, inst, &columns);
    // Pools, when given, are the central money (docs/model.md §10 (POOL));
    // without them (BC) is written exactly as it always was.
    if inst.pools.is_empty() {
        constraints::central_budget::add(&mut rows, inst, &columns);
    } else {
        constraints::pools::add(&mut rows, inst, &columns);
    }
    constraints::provincial_budget::add(&mut rows, inst, &columns);
    constraints::talent::add(&mut rows, inst, &columns);
    constraints::platforms::add(&mut rows, inst, &columns);
    constraints::sites::add(&mut rows, inst, &columns);
    constraints::targets::add(&mut rows, inst, &columns);
    constraints::regional_floor::add(&mut rows, inst, &columns);
    constraints::continuity::add(&mut rows, inst, &columns);
    constraints::concentration::add(&mut rows, inst, &columns);
    constraints::count_targets::add(&mut rows, inst, &columns);
    constraints::thresholds::add(&mut rows, inst, &columns);
    constraints::drift::add(&mut rows, inst, &columns);
    constraints::mode_continuity::add(&mut rows, inst, &columns);
    constraints::horizon_end::add(&mut rows, inst, &columns);
    constraints::training_budget::add(&mut rows, inst, &columns);
    Formulation {
        problem,
        constraints: rows.constraints,
        columns,
        rows: rows.keys,
        row_bounds: rows.bounds,
        costs,
        objective_constant: objective_constant(inst, &opts.objective),
        options: *opts,
        numerics: rows.numerics,
        draw_of_column: Vec::new(),
        draw_of_row: Vec::new(),
    }
}
