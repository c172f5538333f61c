//! Lead sites the LP proves, before branch-and-bound: with a good incumbent
//! in hand, each of its designated sites is tried closed in the LP
//! relaxation. When even the relaxation with that site closed costs at
//! least the incumbent, no plan without the site beats the incumbent, so
//! the site is fixed open for the rest of the search. Each fix raises the
//! relaxation's bound, which makes the next proof easier, so the sites are
//! tried in rounds until a round fixes none.
//!
//! This is branching on one site and pruning one side by its bound, done
//! where the model's structure says it pays: most of the national
//! instance's integrality gap sits in a few items' site choices (one item,
//! integrated circuits, holds nine tenths of it), and HiGHS's cuts close it
//! slowly. With those sites fixed the final MIP is small. The final bound is
//! still a proof for the whole MIP: every pruned side's bound is at least
//! the incumbent, which is at least the final plan's objective.
//!
//! Deterministic for a given model and incumbent.

use std::time::Instant;

use super::incumbent::{candidates, Incumbent};
use crate::instance::Instance;
use crate::model::Layout;
use crate::solve::{Session, SolveError, SolveStatus};

/// Rounds over the incumbent's sites; each after the first only retries
/// sites a previous round could not fix.
const ROUNDS: usize = 3;

/// What the proofs fixed.
#[derive(Debug, Clone, Default)]
pub struct SiteFixing {
    /// Site columns fixed open (their bounds are [1, 1] until [`release`]).
    pub fixed: Vec<usize>,
    /// Designated sites of the incumbent that were tried.
    pub tried: usize,
    /// LP solves spent.
    pub lp_solves: usize,
}

/// Fixes open every designated site of `incumbent` whose closing the LP
/// relaxation proves no better than the incumbent, until `deadline` (the
/// run's time limit). `session` holds the MIP
/// and is left holding it, with the fixed sites' bounds at [1, 1].
pub fn fix_proven_sites(
    session: &mut Session,
    layout: &Layout,
    inst: &Instance,
    incumbent: &Incumbent,
    deadline: Option<Instant>,
) -> Result<SiteFixing, SolveError> {
    let designated: Vec<usize> = candidates(inst, layout)
        .iter()
        .map(|c| c.y)
        .filter(|&y| incumbent.columns[y] > 0.5)
        .collect();
    let mut fixing = SiteFixing {
        tried: designated.len(),
        ..SiteFixing::default()
    };
    if designated.is_empty() {
        return Ok(fixing);
    }
    session.relax_integrality(true)?;
    let result = prove(
        session,
        &designated,
        incumbent.objective,
        deadline,
        &mut fixing,
    );
    session.relax_integrality(false)?;
    if let Err(e) = result {
        // A failed proof fixes nothing: put every site back.
        release(session, &fixing)?;
        return Err(e);
    }
    Ok(fixing)
}

fn prove(
    session: &mut Session,
    designated: &[usize],
    incumbent: f64,
    deadline: Option<Instant>,
    fixing: &mut SiteFixing,
) -> Result<(), SolveError> {
    for _round in 0..ROUNDS {
        let mut fixed_in_round = false;
        for &y in designated {
            if fixing.fixed.contains(&y) {
                continue;
            }
            // Past the run's time limit a proof's LP would stop unsolved and
            // prove nothing: the sites left stay free.
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return Ok(());
            }
            session.set_column_bounds(y, 0.0, 0.0)?;
            let closed = session.solve()?;
            fixing.lp_solves += 1;
            // No plan with the site closed, or none cheaper than the
            // incumbent: the site stays open in every better plan.
            let bound = match closed.status {
                SolveStatus::Infeasible => f64::INFINITY,
                SolveStatus::Optimal => closed.objective.unwrap_or(f64::NEG_INFINITY),
                _ => f64::NEG_INFINITY,
            };
            if bound >= incumbent {
                session.set_column_bounds(y, 1.0, 1.0)?;
                fixing.fixed.push(y);
                fixed_in_round = true;
            } else {
                session.set_column_bounds(y, 0.0, 1.0)?;
            }
        }
        if !fixed_in_round {
            break;
        }
    }
    Ok(())
}

/// Puts the fixed sites' bounds back to [0, 1].
pub fn release(session: &mut Session, fixing: &SiteFixing) -> Result<(), SolveError> {
    for &y in &fixing.fixed {
        session.set_column_bounds(y, 0.0, 1.0)?;
    }
    Ok(())
}
