//! Why a model has no plan, from HiGHS: an irreducible infeasible subset
//! (`Highs_getIis`, with `iis_strategy` set so that rows are searched and
//! the subset reduced to an irreducible one) and the feasibility relaxation
//! (`Highs_feasibilityRelaxation`: the least weighted violation of chosen row
//! bounds). Neither is wrapped by the `highs` crate; both are called through
//! `highs-sys` on a session's live model. Results are by solver position;
//! `readback::infeasibility` gives them meaning.

use std::ffi::CStr;

use highs_sys::HighsInt;

use super::SolveError;

/// Seconds HiGHS may spend on one IIS search before it reports what it has,
/// when the run has no time limit of its own.
pub const IIS_TIME_LIMIT_S: f64 = 300.0;

/// Which bound of a row or column the conflict needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IisBound {
    /// The lower bound (a ≥ row, a column's lower bound).
    Lower,
    /// The upper bound (a ≤ row, a column's upper bound).
    Upper,
    /// Both bounds (an equality row or a fixed column).
    Both,
    /// The column appears in the conflicting rows, but its own bounds are not needed.
    Free,
}

impl IisBound {
    fn from_highs(status: HighsInt) -> IisBound {
        match status {
            highs_sys::kHighsIisBoundLower => IisBound::Lower,
            highs_sys::kHighsIisBoundUpper => IisBound::Upper,
            highs_sys::kHighsIisBoundBoxed => IisBound::Both,
            _ => IisBound::Free,
        }
    }
}

/// One row or column of an infeasible subset, by solver position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IisMember {
    pub index: usize,
    pub bound: IisBound,
}

/// An infeasible subset of rows and column bounds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Iis {
    pub rows: Vec<IisMember>,
    pub columns: Vec<IisMember>,
    /// HiGHS proved the subset irreducible: dropping any one member makes it
    /// feasible. Otherwise it is an infeasible subset that may hold more than needed.
    pub irreducible: bool,
}

impl Iis {
    /// No conflict was found (the model is feasible, or the search failed).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.columns.is_empty()
    }
}

fn check(status: HighsInt, what: &str) -> Result<(), SolveError> {
    if status == highs_sys::kHighsStatusError {
        Err(SolveError::Highs(format!("{what} failed")))
    } else {
        Ok(())
    }
}

/// Sets an integer option of a live Highs object.
///
/// # Safety
/// `ptr` must be a live Highs object.
unsafe fn set_int_option(
    ptr: *mut std::ffi::c_void,
    name: &CStr,
    value: HighsInt,
) -> Result<(), SolveError> {
    // SAFETY: `ptr` is live (caller's guarantee); `name` is NUL-terminated.
    check(
        unsafe { highs_sys::Highs_setIntOptionValue(ptr, name.as_ptr(), value) },
        "setting a HiGHS option",
    )
}

/// Computes an irreducible infeasible subset of the model in `ptr` (for a
/// MIP, of its LP relaxation). Rows are searched first (HiGHS's elasticity
/// filter), then the subset is reduced with rows given priority, so the
/// answer names as few constraints as possible. After `time_limit_s`
/// seconds HiGHS stops and reports the subset it has, not yet irreducible.
///
/// # Safety
/// `ptr` must be a live Highs object with `n_cols` columns and `n_rows` rows.
pub unsafe fn compute_iis(
    ptr: *mut std::ffi::c_void,
    n_cols: usize,
    n_rows: usize,
    time_limit_s: f64,
) -> Result<Iis, SolveError> {
    // SAFETY: `ptr` is live (caller's guarantee).
    unsafe {
        // 6 = elasticity filter over the rows, reduced to an irreducible set
        // with rows removed first; +16 computes it for a MIP's relaxation.
        set_int_option(
            ptr,
            c"iis_strategy",
            highs_sys::kHighsIisStrategyFromLpRowPriority + 16,
        )?;
        check(
            highs_sys::Highs_setDoubleOptionValue(ptr, c"iis_time_limit".as_ptr(), time_limit_s),
            "setting the IIS time limit",
        )?;
    }
    let (mut num_col, mut num_row): (HighsInt, HighsInt) = (0, 0);
    // An IIS never holds more members than the model has rows and columns.
    let mut col_index = vec![0 as HighsInt; n_cols.max(1)];
    let mut row_index = vec![0 as HighsInt; n_rows.max(1)];
    let mut col_bound = vec![0 as HighsInt; n_cols.max(1)];
    let mut row_bound = vec![0 as HighsInt; n_rows.max(1)];
    let mut col_status = vec![0 as HighsInt; n_cols.max(1)];
    let mut row_status = vec![0 as HighsInt; n_rows.max(1)];
    // SAFETY: every buffer holds at least as many entries as HiGHS writes
    // (the IIS is a subset of the model's rows and columns).
    let status = unsafe {
        highs_sys::Highs_getIis(
            ptr,
            &mut num_col,
            &mut num_row,
            col_index.as_mut_ptr(),
            row_index.as_mut_ptr(),
            col_bound.as_mut_ptr(),
            row_bound.as_mut_ptr(),
            col_status.as_mut_ptr(),
            row_status.as_mut_ptr(),
        )
    };
    check(status, "computing an irreducible infeasible subset")?;
    let members = |index: &[HighsInt], bound: &[HighsInt], n: HighsInt| -> Vec<IisMember> {
        (0..n.max(0) as usize)
            .map(|i| IisMember {
                index: index[i] as usize,
                bound: IisBound::from_highs(bound[i]),
            })
            .collect()
    };
    let rows = members(&row_index, &row_bound, num_row);
    let columns = members(&col_index, &col_bound, num_col);
    let irreducible = !(rows.is_empty() && columns.is_empty())
        && rows
            .iter()
            .all(|m| row_status[m.index] == highs_sys::kHighsIisStatusInConflict)
        && columns
            .iter()
            .all(|m| col_status[m.index] == highs_sys::kHighsIisStatusInConflict);
    Ok(Iis {
        rows,
        columns,
        irreducible,
    })
}

/// The plan HiGHS's feasibility relaxation found: every column's value and
/// every row's activity, and the weighted violation it minimised.
#[derive(Debug, Clone)]
pub struct ElasticSolution {
    pub columns: Vec<f64>,
    pub row_activity: Vec<f64>,
    /// Σ penalty × violation over the rows allowed to move.
    pub weighted_violation: f64,
}

/// Finds the plan that violates the bounds of the rows with a non-negative
/// penalty as little as possible (Σ penalty × violation); rows with a
/// negative penalty and every column bound must hold. For a MIP the
/// integer decisions stay integer.
///
/// # Safety
/// `ptr` must be a live Highs object with `n_cols` columns and `n_rows`
/// rows, and `row_penalty` must have `n_rows` entries.
pub unsafe fn feasibility_relaxation(
    ptr: *mut std::ffi::c_void,
    n_cols: usize,
    n_rows: usize,
    row_penalty: &[f64],
) -> Result<ElasticSolution, SolveError> {
    assert_eq!(row_penalty.len(), n_rows, "one penalty per row");
    // SAFETY: `ptr` is live; `row_penalty` has one entry per row; a negative
    // global column penalty keeps every column bound (no local arrays).
    let status = unsafe {
        highs_sys::Highs_feasibilityRelaxation(
            ptr,
            -1.0,
            -1.0,
            -1.0,
            std::ptr::null(),
            std::ptr::null(),
            row_penalty.as_ptr(),
        )
    };
    check(status, "the feasibility relaxation")?;
    // HiGHS deletes its elastic columns again but leaves its solution vector
    // at the elastic model's length (at most one elastic column per row
    // bound), so the buffers leave room for them and are cut back after.
    let mut columns = vec![0.0; n_cols + 2 * n_rows + 1];
    let mut row_activity = vec![0.0; n_rows + 1];
    // SAFETY: buffers at least as long as the elastic model's solution; the
    // dual arrays are not requested.
    let status = unsafe {
        highs_sys::Highs_getSolution(
            ptr,
            columns.as_mut_ptr(),
            std::ptr::null_mut(),
            row_activity.as_mut_ptr(),
            std::ptr::null_mut(),
        )
    };
    check(status, "reading the relaxed plan")?;
    columns.truncate(n_cols);
    row_activity.truncate(n_rows);
    // SAFETY: `ptr` is live.
    let weighted_violation = unsafe { highs_sys::Highs_getObjectiveValue(ptr) };
    Ok(ElasticSolution {
        columns,
        row_activity,
        weighted_violation,
    })
}
