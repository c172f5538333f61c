//! The optimal basis of an LP solve: which columns and rows are basic. Kept
//! opaque so that callers compare bases (where an optimal basis changes
//! along a sweep) and ask about one row, without HiGHS's status numbers.

use highs_sys::HighsInt;

/// Basis status of every column, then every row, of one solve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basis {
    n_cols: usize,
    statuses: Vec<HighsInt>,
}

impl Basis {
    /// Whether `row`'s slack is in the basis: the row does not sit at a
    /// bound that the optimum depends on (its dual is zero).
    ///
    /// # Panics
    /// If `row` is not a row of the solve.
    pub fn is_row_basic(&self, row: usize) -> bool {
        self.statuses[self.n_cols + row] == highs_sys::kHighsBasisStatusBasic
    }
}

/// Reads the basis of the model last solved in `ptr`; `None` when HiGHS has
/// none (no simplex basis, e.g. interior point without crossover).
///
/// # Safety
/// `ptr` must be a live Highs object with `n_cols` columns and `n_rows` rows.
pub(super) unsafe fn read_basis(
    ptr: *mut std::ffi::c_void,
    n_cols: usize,
    n_rows: usize,
) -> Option<Basis> {
    let mut cols = vec![0 as HighsInt; n_cols];
    let mut rows = vec![0 as HighsInt; n_rows];
    // SAFETY: buffers sized as the caller guarantees.
    let status = unsafe { highs_sys::Highs_getBasis(ptr, cols.as_mut_ptr(), rows.as_mut_ptr()) };
    if status == highs_sys::kHighsStatusError {
        return None;
    }
    cols.extend(rows);
    Some(Basis {
        n_cols,
        statuses: cols,
    })
}
