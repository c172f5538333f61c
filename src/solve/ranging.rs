//! Ranging (HiGHS `Highs_getRanging`, which the safe crate does not wrap):
//! the interval of each row bound over which its dual holds, and of each
//! column cost over which the basis — and so the plan — stays optimal.

use highs_sys::HighsInt;

use super::SolveError;

/// Ranging of an LP at its optimal basis, by solver position.
#[derive(Debug, Clone, Default)]
pub struct Ranging {
    /// Largest objective coefficient at which the column's basis status stays optimal.
    pub col_cost_up: Vec<f64>,
    /// Smallest such coefficient.
    pub col_cost_dn: Vec<f64>,
    /// Largest row bound (right-hand side) for which the row's dual holds.
    pub row_bound_up: Vec<f64>,
    /// Objective at `row_bound_up`.
    pub row_bound_up_objective: Vec<f64>,
    /// Smallest row bound for which the dual holds.
    pub row_bound_dn: Vec<f64>,
    /// Objective at `row_bound_dn`.
    pub row_bound_dn_objective: Vec<f64>,
}

/// Reads the ranging of the LP currently solved in `ptr`.
///
/// # Safety
/// `ptr` must be a live Highs object holding an LP (no integer columns) that
/// was just solved to optimality with a basis, with `n_cols` columns and
/// `n_rows` rows.
pub unsafe fn read_ranging(
    ptr: *mut std::ffi::c_void,
    n_cols: usize,
    n_rows: usize,
) -> Result<Ranging, SolveError> {
    let mut col = [(); 16].map(|_| vec![0.0f64; n_cols]);
    let mut col_i = [(); 8].map(|_| vec![0 as HighsInt; n_cols]);
    let mut row = [(); 4].map(|_| vec![0.0f64; n_rows]);
    let mut row_i = [(); 4].map(|_| vec![0 as HighsInt; n_rows]);
    let [cu_v, cu_o, cd_v, cd_o, bu_v, bu_o, bd_v, bd_o, ..] = &mut col;
    let [cu_in, cu_out, cd_in, cd_out, bu_in, bu_out, bd_in, bd_out] = &mut col_i;
    let [ru_v, ru_o, rd_v, rd_o] = &mut row;
    let [ru_in, ru_out, rd_in, rd_out] = &mut row_i;
    // SAFETY: every buffer has the length HiGHS writes (columns or rows), as
    // the caller guarantees for `n_cols` and `n_rows`.
    let status = unsafe {
        highs_sys::Highs_getRanging(
            ptr,
            cu_v.as_mut_ptr(),
            cu_o.as_mut_ptr(),
            cu_in.as_mut_ptr(),
            cu_out.as_mut_ptr(),
            cd_v.as_mut_ptr(),
            cd_o.as_mut_ptr(),
            cd_in.as_mut_ptr(),
            cd_out.as_mut_ptr(),
            bu_v.as_mut_ptr(),
            bu_o.as_mut_ptr(),
            bu_in.as_mut_ptr(),
            bu_out.as_mut_ptr(),
            bd_v.as_mut_ptr(),
            bd_o.as_mut_ptr(),
            bd_in.as_mut_ptr(),
            bd_out.as_mut_ptr(),
            ru_v.as_mut_ptr(),
            ru_o.as_mut_ptr(),
            ru_in.as_mut_ptr(),
            ru_out.as_mut_ptr(),
            rd_v.as_mut_ptr(),
            rd_o.as_mut_ptr(),
            rd_in.as_mut_ptr(),
            rd_out.as_mut_ptr(),
        )
    };
    if status == highs_sys::kHighsStatusError {
        return Err(SolveError::Highs(
            "ranging is not available for this model".into(),
        ));
    }
    Ok(Ranging {
        col_cost_up: std::mem::take(cu_v),
        col_cost_dn: std::mem::take(cd_v),
        row_bound_up: std::mem::take(ru_v),
        row_bound_up_objective: std::mem::take(ru_o),
        row_bound_dn: std::mem::take(rd_v),
        row_bound_dn_objective: std::mem::take(rd_o),
    })
}
