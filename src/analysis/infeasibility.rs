//! Why an instance has no plan: the pre-solve diagnostics of the instance,
//! and an irreducible infeasible subset of the LP relaxation, read by
//! meaning ("target x_2026 cannot be met together with the central budget
//! 2024–2025").
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
use crate::readback::infeasibility::{conflict_by_meaning, Conflict};
use crate::run::{open_session, RunOptions};
use crate::solve::iis::IIS_TIME_LIMIT_S;
use crate::solve::SolveStatus;

/// The explanation of a solve without a plan.
#[derive(Debug, Clone)]
pub struct Infeasibility {
    /// Status of the LP relaxation of the same formulation.
    pub relaxation_status: SolveStatus,
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
    let conflict = if matches!(
        outcome.status,
        SolveStatus::Infeasible | SolveStatus::InfeasibleOrUnbounded
    ) {
        // A run with a time limit keeps to it: the search gets what the
        // relaxation left of it (at least a second, to report something).
        let limit = opts.solver.time_limit_s.map_or(IIS_TIME_LIMIT_S, |t| {
            (t - started.elapsed().as_secs_f64()).clamp(1.0, IIS_TIME_LIMIT_S)
        });
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
        conflict,
        diagnostics,
        search_s: started.elapsed().as_secs_f64(),
        search_note,
    })
}
