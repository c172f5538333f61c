//! Stopping a HiGHS run from outside: HiGHS 1.16 polls a user callback during
//! simplex, interior-point and MIP solves; ours raises HiGHS's interrupt as
//! soon as a flag is set (by SIGINT/SIGTERM, see [`crate::interrupt`]). The
//! run then ends with model status "interrupted" (`ReachedInterrupt`), which
//! the status mapping treats as an early stop, never as optimal.

use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};

use highs_sys::{HighsCallbackDataIn, HighsCallbackDataOut, HighsInt};

use super::SolveError;

/// The callback types that can interrupt a run.
const INTERRUPT_CALLBACKS: [HighsInt; 3] = [
    highs_sys::kHighsCallbackSimplexInterrupt,
    highs_sys::kHighsCallbackIpmInterrupt,
    highs_sys::kHighsCallbackMipInterrupt,
];

/// Called by HiGHS on the solving thread; `user` is the flag installed below.
unsafe extern "C" fn raise_interrupt_when_flagged(
    _callback_type: c_int,
    _message: *const c_char,
    _data_out: *const HighsCallbackDataOut,
    data_in: *mut HighsCallbackDataIn,
    user: *mut c_void,
) {
    if user.is_null() || data_in.is_null() {
        return;
    }
    // SAFETY: `user` is the `&'static AtomicBool` passed to Highs_setCallback
    // by `install_interrupt_callback`, valid for the whole process.
    let flag = unsafe { &*(user as *const AtomicBool) };
    if flag.load(Ordering::Relaxed) {
        // SAFETY: HiGHS passes a valid, writable input block to interrupt callbacks.
        unsafe { (*data_in).user_interrupt = 1 };
    }
}

/// Makes the HiGHS instance `highs` stop its next run (or the one in
/// progress) once `flag` is set. Pass [`crate::interrupt::flag`] to stop on
/// SIGINT/SIGTERM.
///
/// # Safety
/// `highs` must be a live `Highs` object (e.g. `highs::Model::as_mut_ptr`)
/// that is not being solved on another thread during this call.
pub unsafe fn install_interrupt_callback(
    highs: *mut c_void,
    flag: &'static AtomicBool,
) -> Result<(), SolveError> {
    let user = flag as *const AtomicBool as *mut c_void;
    // SAFETY: `highs` is live by the caller's promise; the callback and its
    // data (`'static`) outlive the Highs object.
    let set =
        unsafe { highs_sys::Highs_setCallback(highs, Some(raise_interrupt_when_flagged), user) };
    check(set, "installing the interrupt callback")?;
    for kind in INTERRUPT_CALLBACKS {
        // SAFETY: as above; `kind` is one of HiGHS's callback type constants.
        check(
            unsafe { highs_sys::Highs_startCallback(highs, kind) },
            "starting the interrupt callback",
        )?;
    }
    Ok(())
}

fn check(status: HighsInt, what: &str) -> Result<(), SolveError> {
    if status == highs_sys::kHighsStatusError {
        Err(SolveError::Highs(format!("{what} failed")))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use highs::{HighsModelStatus, RowProblem, Sense};

    /// A knapsack-like MIP big enough that HiGHS calls its callbacks.
    fn model() -> highs::Model {
        let mut pb = RowProblem::default();
        let n = 60;
        let cols: Vec<_> = (0..n)
            .map(|i| pb.add_integer_column(1.0 + (i % 7) as f64, 0..=1))
            .collect();
        for r in 0..8 {
            let row: Vec<_> = cols
                .iter()
                .enumerate()
                .map(|(i, &c)| (c, 3.0 + ((i * (r + 3)) % 11) as f64))
                .collect();
            pb.add_row(..=40.0 + r as f64, row);
        }
        let mut model = pb.optimise(Sense::Maximise);
        model.make_quiet();
        model.set_option("presolve", "off");
        model.set_option("threads", 1);
        model
    }

    #[test]
    fn a_set_flag_stops_the_run_as_interrupted() {
        static STOP: AtomicBool = AtomicBool::new(true);
        let mut m = model();
        // SAFETY: `m` is live and not being solved.
        unsafe { install_interrupt_callback(m.as_mut_ptr(), &STOP) }.unwrap();
        let solved = m.solve();
        assert_eq!(solved.status(), HighsModelStatus::ReachedInterrupt);
    }

    #[test]
    fn an_unset_flag_changes_nothing() {
        static GO_ON: AtomicBool = AtomicBool::new(false);
        let mut m = model();
        // SAFETY: as above.
        unsafe { install_interrupt_callback(m.as_mut_ptr(), &GO_ON) }.unwrap();
        assert_eq!(m.solve().status(), HighsModelStatus::Optimal);
    }
}
