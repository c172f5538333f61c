//! The solver session: the only place that drives HiGHS. It owns a live
//! model that can be solved, modified in place and re-solved warm from the
//! previous basis, and reads back solutions and duals by position.

use std::ffi::{CStr, CString};
use std::path::Path;
use std::time::Instant;

use good_lp::SolverModel;
use highs::{HighsSolutionStatus, Model, SolvedModel};
use highs_sys::HighsInt;

use super::basis::{read_basis, Basis};
use super::options::{LpAlgorithm, Presolve, SimplexStrategy, SolverOptions};
use super::ranging::{read_ranging, Ranging};
use super::status::SolveStatus;
use super::SolveError;
use crate::instance::Instance;
use crate::model::columns::IntegerColumn;
use crate::model::numerics::snap;
use crate::model::Formulation;

/// Where the duals of a solution come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DualSource {
    /// The LP itself (no integer columns, or `--relax`).
    Lp,
    /// The LP with every integer decision fixed at its optimal value.
    FixedIntegerLp,
    /// No duals (no solution, or the fixed LP failed).
    Unavailable,
}

impl DualSource {
    pub fn id(self) -> &'static str {
        match self {
            DualSource::Lp => "lp",
            DualSource::FixedIntegerLp => "lp_with_integers_fixed",
            DualSource::Unavailable => "unavailable",
        }
    }
}

/// What one solve produced, by solver position.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: SolveStatus,
    /// A primal feasible plan is available (optimal, or an incumbent at a limit).
    pub has_solution: bool,
    /// Objective including the constant term [亿元]; `None` without a plan.
    pub objective: Option<f64>,
    /// Best bound on the objective (MIP) [亿元].
    pub best_bound: Option<f64>,
    /// Relative MIP gap; 0 for an LP.
    pub mip_gap: Option<f64>,
    pub columns: Vec<f64>,
    pub row_activity: Vec<f64>,
    /// ∂objective/∂(row bound), in the row's units; see [`DualSource`].
    pub row_duals: Vec<f64>,
    pub column_duals: Vec<f64>,
    pub dual_source: DualSource,
    pub solve_time_s: f64,
    pub simplex_iterations: i64,
    /// Ranging at the optimal basis (of the LP with integers fixed, for a
    /// MIP), when the session was asked for it.
    pub ranging: Option<Ranging>,
    /// The optimal basis of an LP solve (where it changes along a sweep;
    /// which rows are basic, for ranging).
    pub basis: Option<Basis>,
}

/// A live HiGHS model with the formulation's metadata.
pub struct Session {
    model: Option<Model>,
    integer: Vec<IntegerColumn>,
    /// HiGHS `threads` option of this session (0 = HiGHS's choice).
    threads: u32,
    n_cols: usize,
    n_rows: usize,
    objective_constant: f64,
    want_ranging: bool,
    /// Fix integer columns at these values and solve the LP (sweeps that keep
    /// design decisions fixed).
    fixed_integers: Option<Vec<f64>>,
    /// Integer columns are continuous for now (an LP relaxation).
    integrality_relaxed: bool,
}

/// HiGHS's own version string, e.g. "1.14.0".
pub fn highs_version() -> String {
    // SAFETY: Highs_version returns a pointer to a static NUL-terminated string.
    unsafe { CStr::from_ptr(highs_sys::Highs_version()) }
        .to_string_lossy()
        .into_owned()
}

thread_local! {
    /// Threads of the HiGHS task scheduler owned by this OS thread, once one
    /// exists (HiGHS ≥ 1.16 keeps one scheduler per calling thread).
    static SCHEDULER_THREADS: std::cell::Cell<Option<u32>> = const { std::cell::Cell::new(None) };
}

/// Makes this thread's HiGHS scheduler match the thread count about to be
/// used. HiGHS refuses to run ("the scheduler has already been initialized to
/// use N threads") when one OS thread solves first with one count and then
/// with another, which rayon workers running mixed jobs do; the scheduler is
/// reset in between. `0` is HiGHS's automatic choice.
fn prepare_thread_scheduler(threads: u32) {
    SCHEDULER_THREADS.with(|current| {
        if let Some(previous) = current.get() {
            if previous != threads {
                // SAFETY: called on the thread that owns the scheduler, between
                // solves: no HiGHS run is in progress on this thread.
                unsafe { highs_sys::Highs_resetThreadScheduler(1) };
            }
        }
        current.set(Some(threads));
    });
}

/// A column's or row's name, with the draw it belongs to in a model of
/// several draws (`_w3`: draw 3), so that every name stays unique.
fn drawn_name(name: String, draw: Option<&u32>) -> String {
    match draw {
        Some(&d) if d > 0 => format!("{name}_w{d}"),
        _ => name,
    }
}

fn check_call(status: HighsInt, what: &str) -> Result<(), SolveError> {
    if status == highs_sys::kHighsStatusError {
        Err(SolveError::Highs(format!("{what} failed")))
    } else {
        Ok(())
    }
}

impl Session {
    /// Loads a formulation into HiGHS, names its rows and columns after their
    /// meaning, and applies the options.
    pub fn new(
        form: Formulation,
        inst: &Instance,
        options: &SolverOptions,
    ) -> Result<Session, SolveError> {
        let n_cols = form.columns.keys.len();
        let n_rows = form.rows.len();
        // The formulation is solver-neutral, so its rows reach HiGHS here
        // rather than while they are built: on a model ten times the national
        // size this moved about 0.6 s from build to pass and added about 0.5 s
        // and 10% peak memory (export) to the two together.
        let mut problem = form.problem.using(good_lp::solvers::highs::highs);
        for constraint in form.constraints {
            problem.add_constraint(constraint);
        }
        let mut model = problem
            .try_into_inner()
            .map_err(|e| SolveError::Highs(format!("building the model: {e}")))?;
        let mut session = Session {
            model: None,
            integer: form.columns.integer.clone(),
            threads: options.threads.unwrap_or(0),
            n_cols,
            n_rows,
            objective_constant: form.objective_constant,
            want_ranging: false,
            fixed_integers: None,
            integrality_relaxed: false,
        };
        if options.verbose {
            model.set_option("output_flag", true);
            model.set_option("log_to_console", true);
        } else {
            model.make_quiet();
        }
        set_options(&mut model, options)?;
        let ptr = model.as_mut_ptr();
        // SAFETY: `ptr` is the live Highs object owned by `model`, not being
        // solved; the flag is a process-wide static.
        unsafe { super::interrupt::install_interrupt_callback(ptr, crate::interrupt::flag())? };
        // SAFETY: `ptr` is the live Highs object owned by `model`, which
        // outlives these calls; the C strings live until each call returns.
        unsafe {
            check_call(
                highs_sys::Highs_changeObjectiveOffset(ptr, form.objective_constant),
                "setting the objective offset",
            )?;
            for (col, key) in form.columns.keys.iter().enumerate() {
                let name = drawn_name(key.name(inst), form.draw_of_column.get(col));
                let name = CString::new(name).map_err(|e| SolveError::Highs(e.to_string()))?;
                check_call(
                    highs_sys::Highs_passColName(ptr, col as HighsInt, name.as_ptr()),
                    "naming a column",
                )?;
            }
            for (row, key) in form.rows.iter().enumerate() {
                let name = drawn_name(key.name(inst), form.draw_of_row.get(row));
                let name = CString::new(name).map_err(|e| SolveError::Highs(e.to_string()))?;
                check_call(
                    highs_sys::Highs_passRowName(ptr, row as HighsInt, name.as_ptr()),
                    "naming a row",
                )?;
            }
        }
        session.model = Some(model);
        Ok(session)
    }

    fn model_mut(&mut self) -> Result<&mut Model, SolveError> {
        self.model.as_mut().ok_or_else(|| {
            SolveError::Highs("the solver session was lost after an earlier failure".into())
        })
    }

    fn raw(&mut self) -> Result<*mut std::ffi::c_void, SolveError> {
        Ok(self.model_mut()?.as_mut_ptr())
    }

    pub fn num_columns(&self) -> usize {
        self.n_cols
    }

    pub fn num_rows(&self) -> usize {
        self.n_rows
    }

    pub fn num_integers(&self) -> usize {
        self.integer.len()
    }

    /// Nonzeros of the constraint matrix.
    pub fn num_nonzeros(&mut self) -> Result<usize, SolveError> {
        let ptr = self.raw()?;
        // SAFETY: `ptr` is the live Highs object owned by the session.
        Ok(unsafe { highs_sys::Highs_getNumNz(ptr) }.max(0) as usize)
    }

    /// Also compute ranging after each optimal solve.
    pub fn enable_ranging(&mut self, on: bool) {
        self.want_ranging = on;
    }

    /// Keeps every integer column fixed at `values` (by solver column), so the
    /// session solves an LP; `None` restores the MIP.
    pub fn fix_integers(&mut self, values: Option<&[f64]>) -> Result<(), SolveError> {
        let integer = self.integer.clone();
        let model = self.model_mut()?;
        match values {
            Some(v) => set_integers_fixed(model, &integer, v)?,
            None => restore_integers(model, &integer)?,
        }
        self.fixed_integers = values.map(<[f64]>::to_vec);
        Ok(())
    }

    /// The integer columns (sites, platforms) with their bounds.
    pub fn integer_columns(&self) -> &[IntegerColumn] {
        &self.integer
    }

    /// Makes the integer columns continuous, keeping their bounds (the LP
    /// relaxation), or integer again.
    pub fn relax_integrality(&mut self, relaxed: bool) -> Result<(), SolveError> {
        let kind = if relaxed {
            highs_sys::kHighsVarTypeContinuous
        } else {
            highs_sys::kHighsVarTypeInteger
        };
        let integer = self.integer.clone();
        let ptr = self.raw()?;
        for ic in &integer {
            // SAFETY: `ptr` is the live Highs object; columns come from the
            // formulation that built it.
            check_call(
                unsafe { highs_sys::Highs_changeColIntegrality(ptr, ic.col as HighsInt, kind) },
                "changing integrality",
            )?;
        }
        self.integrality_relaxed = relaxed;
        Ok(())
    }

    /// A plan (every column's value) the next MIP solve starts from: HiGHS
    /// checks it and, when feasible, uses it as its first incumbent.
    pub fn set_start(&mut self, columns: &[f64]) -> Result<(), SolveError> {
        if columns.len() != self.n_cols {
            return Err(SolveError::Highs(format!(
                "a start plan needs {} column values, got {}",
                self.n_cols,
                columns.len()
            )));
        }
        let ptr = self.raw()?;
        // SAFETY: `ptr` is the live Highs object; `columns` has one value per
        // column; HiGHS accepts null for the row values and duals.
        check_call(
            unsafe {
                highs_sys::Highs_setSolution(
                    ptr,
                    columns.as_ptr(),
                    std::ptr::null(),
                    std::ptr::null(),
                    std::ptr::null(),
                )
            },
            "passing a start plan",
        )
    }

    /// Turns HiGHS's own primal heuristics (RINS, RENS, feasibility jump,
    /// root reduced-cost fixing) on or off. With a good start plan they only
    /// spend time looking for what is already known.
    pub fn set_primal_heuristics(&mut self, on: bool) -> Result<(), SolveError> {
        let model = self.model_mut()?;
        let bad = |name: &str| SolveError::Highs(format!("HiGHS rejected option {name}"));
        for name in [
            "mip_heuristic_run_rins",
            "mip_heuristic_run_rens",
            "mip_heuristic_run_root_reduced_cost",
            "mip_heuristic_run_feasibility_jump",
        ] {
            model.try_set_option(name, on).map_err(|_| bad(name))?;
        }
        model
            .try_set_option("mip_heuristic_effort", if on { 0.05 } else { 0.0 })
            .map_err(|_| bad("mip_heuristic_effort"))
    }

    /// Sets the algorithm of the next LP solves (HiGHS option `solver`;
    /// interior point runs crossover so that the plan has a basis).
    /// `None` gives HiGHS its own choice back.
    pub fn set_lp_algorithm(&mut self, algorithm: Option<LpAlgorithm>) -> Result<(), SolveError> {
        let name = match algorithm {
            None | Some(LpAlgorithm::Auto) => "choose",
            Some(LpAlgorithm::Simplex) => "simplex",
            Some(LpAlgorithm::Ipm) => "ipm",
        };
        self.set_option("solver", name)?;
        self.set_option("run_crossover", "on")
    }

    /// Interior point without crossover, for an LP whose primal values alone
    /// are wanted: no basis follows, so no ranging or warm re-solve after
    /// it. On the targets' reach LP (spending free, shortfall priced) it is
    /// 5–10 times faster than dual simplex, which the zero costs leave
    /// degenerate (docs/performance.md).
    pub fn set_interior_point_without_crossover(&mut self) -> Result<(), SolveError> {
        self.set_option("solver", "ipm")?;
        self.set_option("run_crossover", "off")
    }

    /// Sets the relative MIP gap of the next solves.
    pub fn set_mip_gap(&mut self, gap: f64) -> Result<(), SolveError> {
        self.model_mut()?
            .try_set_option("mip_rel_gap", gap)
            .map_err(|_| SolveError::Highs("HiGHS rejected option mip_rel_gap".into()))
    }

    /// Sets the wall-clock limit of the next solves [s]. HiGHS 1.16 counts
    /// it for LPs on one clock over every solve of the session (not per
    /// solve), so on a fresh session it limits all LP solves together; its
    /// MIP solver counts it from the start of each MIP solve.
    pub fn set_time_limit(&mut self, seconds: f64) -> Result<(), SolveError> {
        self.model_mut()?
            .try_set_option("time_limit", seconds)
            .map_err(|_| SolveError::Highs("HiGHS rejected option time_limit".into()))
    }

    /// Limits the next LP solve alone to `seconds` of wall-clock time: the
    /// session's clock so far plus `seconds` (see [`Session::set_time_limit`];
    /// not for a MIP solve, which has a clock of its own).
    pub fn limit_next_solve(&mut self, seconds: f64) -> Result<(), SolveError> {
        let ptr = self.raw()?;
        // SAFETY: `ptr` is the live HiGHS instance this session owns.
        let so_far = unsafe { highs_sys::Highs_getRunTime(ptr) };
        self.set_time_limit(so_far + seconds)
    }

    /// Solves as [`Session::solve`] without the session's time limit, which
    /// is put back afterwards: for an LP that only reads back a plan already
    /// found (HiGHS counts LP time on the session's clock, which a long run
    /// has already passed).
    pub fn solve_without_time_limit(&mut self) -> Result<Outcome, SolveError> {
        let limit = time_limit_of(self.model_mut()?);
        self.set_time_limit(f64::INFINITY)?;
        let outcome = self.solve();
        if self.model.is_some() {
            self.set_time_limit(limit)?;
        }
        outcome
    }

    /// Solves (warm from the previous basis when the model was solved
    /// before), and for a MIP re-solves the LP with integers fixed for duals.
    pub fn solve(&mut self) -> Result<Outcome, SolveError> {
        let started = Instant::now();
        prepare_thread_scheduler(self.threads);
        let model = self.model.take().ok_or_else(|| {
            SolveError::Highs("the solver session was lost after an earlier failure".into())
        })?;
        let solved = model
            .try_solve()
            .map_err(|e| SolveError::Highs(format!("HiGHS could not solve the model: {e:?}")))?;
        if solved.status() == highs::HighsModelStatus::ReachedInterrupt
            && crate::interrupt::requested()
        {
            // Keep the model usable; the caller stops and says what did not finish.
            self.model = Some(Model::from(solved));
            return Err(SolveError::Interrupted);
        }
        let status = SolveStatus::from_highs(solved.status());
        let has_solution = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
        let solution = solved.get_solution();
        let is_mip =
            !self.integer.is_empty() && self.fixed_integers.is_none() && !self.integrality_relaxed;
        let (mip_gap, best_bound) = if is_mip {
            (
                solved.mip_gap(),
                solved.double_info_value(c"mip_dual_bound").ok(),
            )
        } else {
            (0.0, None)
        };
        let simplex_iterations = solved.simplex_iteration_count();
        let objective = has_solution.then(|| solved.objective_value());
        let mut outcome = Outcome {
            status,
            has_solution,
            objective,
            best_bound: best_bound.filter(|b| b.is_finite()),
            mip_gap: has_solution.then_some(mip_gap).filter(|g| g.is_finite()),
            columns: solution.columns().to_vec(),
            row_activity: solution.rows().to_vec(),
            row_duals: Vec::new(),
            column_duals: Vec::new(),
            dual_source: DualSource::Unavailable,
            solve_time_s: 0.0,
            simplex_iterations,
            ranging: None,
            basis: None,
        };
        let mut model: Model = Model::from(solved);
        if has_solution && status == SolveStatus::Optimal {
            if is_mip {
                match fixed_integer_duals(
                    &mut model,
                    &self.integer,
                    &outcome.columns,
                    self.want_ranging,
                    (self.n_cols, self.n_rows),
                ) {
                    Ok(Some((row_duals, column_duals, ranging))) => {
                        outcome.row_duals = row_duals;
                        outcome.column_duals = column_duals;
                        outcome.ranging = ranging;
                        outcome.dual_source = DualSource::FixedIntegerLp;
                    }
                    // The fixed LP ended otherwise than optimal: the plan
                    // stands without duals, the model is intact.
                    Ok(None) => outcome.dual_source = DualSource::Unavailable,
                    Err(_) => {
                        // The fixed LP may have left a placeholder in place of
                        // the model: refuse later solves rather than solve it.
                        outcome.dual_source = DualSource::Unavailable;
                        outcome.solve_time_s = started.elapsed().as_secs_f64();
                        return Ok(outcome);
                    }
                }
            } else {
                outcome.row_duals = solution.dual_rows().to_vec();
                outcome.column_duals = solution.dual_columns().to_vec();
                outcome.dual_source = if self.fixed_integers.is_some() {
                    DualSource::FixedIntegerLp
                } else if self.integrality_relaxed {
                    DualSource::Unavailable
                } else {
                    DualSource::Lp
                };
                let ptr = model.as_mut_ptr();
                // SAFETY: `ptr` is the live Highs object, an LP just solved to optimality.
                unsafe {
                    if self.want_ranging {
                        outcome.ranging = read_ranging(ptr, self.n_cols, self.n_rows).ok();
                    }
                    outcome.basis = read_basis(ptr, self.n_cols, self.n_rows);
                }
            }
        }
        self.model = Some(model);
        outcome.solve_time_s = started.elapsed().as_secs_f64();
        Ok(outcome)
    }

    /// Changes the bounds of a row in the live model (for warm re-solves).
    pub fn set_row_bounds(&mut self, row: usize, lower: f64, upper: f64) -> Result<(), SolveError> {
        // Residue is cleaned here as at build time (`model::numerics`).
        let (lower, upper) = (snap(lower, 1.0), snap(upper, 1.0));
        let ptr = self.raw()?;
        // SAFETY: `ptr` is the live Highs object; `row` < number of rows is checked by HiGHS.
        check_call(
            unsafe { highs_sys::Highs_changeRowBounds(ptr, row as HighsInt, lower, upper) },
            "changing row bounds",
        )
    }

    /// Changes the bounds of a column in the live model.
    pub fn set_column_bounds(
        &mut self,
        col: usize,
        lower: f64,
        upper: f64,
    ) -> Result<(), SolveError> {
        let (lower, upper) = (snap(lower, 1.0), snap(upper, 1.0));
        let ptr = self.raw()?;
        // SAFETY: as in `set_row_bounds`.
        check_call(
            unsafe { highs_sys::Highs_changeColBounds(ptr, col as HighsInt, lower, upper) },
            "changing column bounds",
        )
    }

    /// Appends a row `lower ≤ Σ value·x[col] ≤ upper` to the live model and
    /// returns its position (after every row of the formulation). Studies
    /// that bound the model's own objective (near-optimal plans) add it;
    /// outcomes then carry one row value more than the layout names, so
    /// duals are not read back by meaning from such a session.
    pub fn add_row(
        &mut self,
        entries: &[(usize, f64)],
        lower: f64,
        upper: f64,
    ) -> Result<usize, SolveError> {
        let (lower, upper) = (snap(lower, 1.0), snap(upper, 1.0));
        let index: Vec<HighsInt> = entries.iter().map(|(c, _)| *c as HighsInt).collect();
        let value: Vec<f64> = entries.iter().map(|(_, v)| *v).collect();
        let ptr = self.raw()?;
        // SAFETY: `ptr` is the live Highs object; `index` and `value` have the
        // same length and name columns of this model.
        check_call(
            unsafe {
                highs_sys::Highs_addRow(
                    ptr,
                    lower,
                    upper,
                    index.len() as HighsInt,
                    index.as_ptr(),
                    value.as_ptr(),
                )
            },
            "adding a row",
        )?;
        self.n_rows += 1;
        Ok(self.n_rows - 1)
    }

    /// Changes the objective coefficient of a column in the live model.
    pub fn set_column_cost(&mut self, col: usize, cost: f64) -> Result<(), SolveError> {
        let cost = snap(cost, 1.0);
        let ptr = self.raw()?;
        // SAFETY: as in `set_row_bounds`.
        check_call(
            unsafe { highs_sys::Highs_changeColCost(ptr, col as HighsInt, cost) },
            "changing a cost",
        )
    }

    /// Changes one coefficient of the constraint matrix in the live model.
    pub fn set_coefficient(
        &mut self,
        row: usize,
        col: usize,
        value: f64,
    ) -> Result<(), SolveError> {
        let value = snap(value, 1.0);
        let ptr = self.raw()?;
        // SAFETY: as in `set_row_bounds`.
        check_call(
            unsafe { highs_sys::Highs_changeCoeff(ptr, row as HighsInt, col as HighsInt, value) },
            "changing a coefficient",
        )
    }

    /// An irreducible infeasible subset of the live model (of its LP
    /// relaxation, for a MIP), by solver position; empty when the model is
    /// feasible. The search stops after `time_limit_s` seconds. See
    /// [`super::iis::compute_iis`].
    pub fn iis(&mut self, time_limit_s: f64) -> Result<super::iis::Iis, SolveError> {
        let (n_cols, n_rows) = (self.n_cols, self.n_rows);
        prepare_thread_scheduler(self.threads);
        let ptr = self.raw()?;
        // SAFETY: `ptr` is the live Highs object with the session's dimensions.
        unsafe { super::iis::compute_iis(ptr, n_cols, n_rows, time_limit_s) }
    }

    /// The least weighted violation of row bounds that makes the live model
    /// feasible (one penalty per row; negative = the row must hold). See
    /// [`super::iis::feasibility_relaxation`].
    pub fn feasibility_relaxation(
        &mut self,
        row_penalty: &[f64],
    ) -> Result<super::iis::ElasticSolution, SolveError> {
        let (n_cols, n_rows) = (self.n_cols, self.n_rows);
        prepare_thread_scheduler(self.threads);
        let ptr = self.raw()?;
        // SAFETY: `ptr` is the live Highs object with the session's dimensions.
        unsafe { super::iis::feasibility_relaxation(ptr, n_cols, n_rows, row_penalty) }
    }

    /// Whether the next solves presolve the model (HiGHS option `presolve`).
    pub fn set_presolve(&mut self, presolve: Presolve) -> Result<(), SolveError> {
        let value = match presolve {
            Presolve::Auto => "choose",
            Presolve::Off => "off",
        };
        self.set_option("presolve", value)
    }

    /// The simplex variant of the next LP solves (HiGHS option
    /// `simplex_strategy`: 0 lets HiGHS choose, 4 is primal simplex).
    pub fn set_simplex_strategy(&mut self, strategy: SimplexStrategy) -> Result<(), SolveError> {
        let value: i32 = match strategy {
            SimplexStrategy::Choose => 0,
            SimplexStrategy::Primal => 4,
        };
        self.set_option("simplex_strategy", value)
    }

    /// Sets a HiGHS option by name on the live model, for the solves that
    /// follow. Private: callers say what they want through the methods
    /// above, so that option names stay inside the solver layer.
    fn set_option<V: highs::HighsOptionValue>(
        &mut self,
        name: &str,
        value: V,
    ) -> Result<(), SolveError> {
        self.model_mut()?
            .try_set_option(name, value)
            .map_err(|_| SolveError::Highs(format!("HiGHS rejected option {name}")))
    }

    /// The constant term of the objective [亿元].
    pub fn objective_constant(&self) -> f64 {
        self.objective_constant
    }

    /// Writes the exact model to `path`; the format follows the extension
    /// (`.mps` or `.lp`). Written to a temporary file first, then renamed.
    pub fn write_model(&mut self, path: &Path) -> Result<(), SolveError> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext != "mps" && ext != "lp" {
            return Err(SolveError::Output(format!(
                "{}: the file name must end in .mps or .lp",
                path.display()
            )));
        }
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp = tempfile::Builder::new()
            .prefix(".qiangji-export-")
            .suffix(&format!(".{ext}"))
            .tempfile_in(dir)
            .map_err(|e| SolveError::Output(format!("{}: {e}", dir.display())))?;
        let tmp_path = tmp.path().to_path_buf();
        let c_path = CString::new(tmp_path.to_string_lossy().as_bytes())
            .map_err(|e| SolveError::Output(e.to_string()))?;
        let ptr = self.raw()?;
        // SAFETY: `ptr` is the live Highs object; `c_path` lives until the call returns.
        check_call(
            unsafe { highs_sys::Highs_writeModel(ptr, c_path.as_ptr()) },
            "writing the model",
        )?;
        tmp.persist(path)
            .map_err(|e| SolveError::Output(format!("{}: {e}", path.display())))?;
        Ok(())
    }
}

fn set_options(model: &mut Model, options: &SolverOptions) -> Result<(), SolveError> {
    let bad = |name: &str| SolveError::Highs(format!("HiGHS rejected option {name}"));
    if let Some(v) = options.time_limit_s {
        model
            .try_set_option("time_limit", v)
            .map_err(|_| bad("time_limit"))?;
    }
    if let Some(v) = options.mip_gap {
        model
            .try_set_option("mip_rel_gap", v)
            .map_err(|_| bad("mip_rel_gap"))?;
    }
    if let Some(v) = options.threads {
        model
            .try_set_option("threads", v as i32)
            .map_err(|_| bad("threads"))?;
    }
    if let Some(v) = options.seed {
        model
            .try_set_option("random_seed", v)
            .map_err(|_| bad("random_seed"))?;
    }
    Ok(())
}

/// Fixes integer columns at their rounded values and makes them continuous.
fn set_integers_fixed(
    model: &mut Model,
    integer: &[IntegerColumn],
    values: &[f64],
) -> Result<(), SolveError> {
    let ptr = model.as_mut_ptr();
    // SAFETY: `ptr` is the live Highs object owned by `model`; column indices
    // come from the formulation that built it.
    unsafe {
        for ic in integer {
            let v = values[ic.col].round();
            check_call(
                highs_sys::Highs_changeColIntegrality(
                    ptr,
                    ic.col as HighsInt,
                    highs_sys::kHighsVarTypeContinuous,
                ),
                "relaxing integrality",
            )?;
            check_call(
                highs_sys::Highs_changeColBounds(ptr, ic.col as HighsInt, v, v),
                "fixing an integer",
            )?;
        }
    }
    Ok(())
}

/// Restores integrality and the original bounds of integer columns.
fn restore_integers(model: &mut Model, integer: &[IntegerColumn]) -> Result<(), SolveError> {
    let ptr = model.as_mut_ptr();
    // SAFETY: as in `set_integers_fixed`.
    unsafe {
        for ic in integer {
            check_call(
                highs_sys::Highs_changeColIntegrality(
                    ptr,
                    ic.col as HighsInt,
                    highs_sys::kHighsVarTypeInteger,
                ),
                "restoring integrality",
            )?;
            check_call(
                highs_sys::Highs_changeColBounds(ptr, ic.col as HighsInt, ic.lower, ic.upper),
                "restoring bounds",
            )?;
        }
    }
    Ok(())
}

type FixedLpDuals = (Vec<f64>, Vec<f64>, Option<Ranging>);

/// Fixes every integer column at its (rounded) value, solves the LP for
/// duals (and ranging), then restores integrality and bounds.
fn fixed_integer_duals(
    model: &mut Model,
    integer: &[IntegerColumn],
    values: &[f64],
    want_ranging: bool,
    (n_cols, n_rows): (usize, usize),
) -> Result<Option<FixedLpDuals>, SolveError> {
    set_integers_fixed(model, integer, values)?;
    // The plan is already found: the LP for its duals runs without the
    // run's time limit, which HiGHS counts for LPs on the session's clock
    // (already past it after a long MIP), and would otherwise stop it at
    // once. It is one LP, about as long as the relaxation.
    let limit = time_limit_of(model);
    model
        .try_set_option("time_limit", f64::INFINITY)
        .map_err(|_| SolveError::Highs("HiGHS rejected option time_limit".into()))?;
    let owned = std::mem::replace(model, Model::new(highs::RowProblem::default()));
    let solved: Result<SolvedModel, _> = owned.try_solve();
    let result = match solved {
        Ok(solved) => {
            let ok = solved.status() == highs::HighsModelStatus::Optimal;
            let solution = solved.get_solution();
            *model = Model::from(solved);
            ok.then(|| {
                let ranging = if want_ranging {
                    // SAFETY: the model is an LP (integers fixed and relaxed) just solved to optimality.
                    unsafe { read_ranging(model.as_mut_ptr(), n_cols, n_rows).ok() }
                } else {
                    None
                };
                (
                    solution.dual_rows().to_vec(),
                    solution.dual_columns().to_vec(),
                    ranging,
                )
            })
        }
        Err(e) => {
            return Err(SolveError::Highs(format!(
                "the LP with integers fixed failed: {e:?}"
            )))
        }
    };
    let _ = model.try_set_option("time_limit", limit);
    restore_integers(model, integer)?;
    Ok(result)
}

/// The model's `time_limit` option [s] (infinite if it cannot be read).
fn time_limit_of(model: &mut Model) -> f64 {
    let mut value = f64::INFINITY;
    // SAFETY: `model` is a live HiGHS instance and the name a valid C string.
    let status = unsafe {
        highs_sys::Highs_getDoubleOptionValue(
            model.as_mut_ptr(),
            c"time_limit".as_ptr(),
            &mut value,
        )
    };
    if status == highs_sys::kHighsStatusError {
        f64::INFINITY
    } else {
        value
    }
}
