//! What a solve explains about its plan: one-sided marginal values of every
//! binding resource and target, and exchange rates of every target group,
//! both measured on one probe of the plan's LP.

use std::time::Instant;

use super::exchange::{exchange_rates, ExchangeRates};
use super::marginal::{marginal_values, Depth, MarginalValues};
use super::probe::Probe;
use super::AnalysisError;
use crate::instance::Instance;
use crate::run::{build_options, RunOptions};

/// Re-solves each exchange-rate search may spend in a quick run.
pub const QUICK_RATE_RESOLVES: usize = 3;

/// Targets a quick run rates (group targets first).
pub const QUICK_RATED_TARGETS: usize = 8;

/// Marginal values and exchange rates of one plan.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub marginal: MarginalValues,
    pub exchange: ExchangeRates,
    /// Solves made in all (the plan's LP, frontiers, re-solves) [count].
    pub solves: usize,
    /// Wall-clock time [s].
    pub elapsed_s: f64,
}

/// Opens the plan's LP (integers fixed at their values in `plan_columns`,
/// the solved plan) and measures its marginal values and exchange rates.
pub fn explain_plan(
    inst: &Instance,
    opts: &RunOptions,
    plan_columns: &[f64],
    depth: Depth,
) -> Result<Explanation, AnalysisError> {
    let started = Instant::now();
    let (build, _) = build_options(inst, opts)?;
    let mut probe = Probe::open(inst, opts, plan_columns)?;
    let marginal = marginal_values(&mut probe, &build.objective, depth)?;
    // A quick run rates at most QUICK_RATED_TARGETS targets: those on groups
    // of items (the programme's headline targets) first, then single items,
    // in file order; `sensitivity` rates every target.
    let exchange = match depth {
        Depth::Quick => {
            let mut order: Vec<&crate::instance::Target> = inst.targets.iter().collect();
            order.sort_by_key(|t| t.items.len() == 1);
            let rated: Vec<&str> = order
                .iter()
                .take(QUICK_RATED_TARGETS)
                .map(|t| t.id.as_str())
                .collect();
            exchange_rates(&mut probe, opts.hard_targets, QUICK_RATE_RESOLVES, |t| {
                rated.contains(&t.id.as_str())
            })?
        }
        Depth::Full => exchange_rates(&mut probe, opts.hard_targets, usize::MAX, |_| true)?,
    };
    Ok(Explanation {
        marginal,
        exchange,
        solves: probe.resolves + 1,
        elapsed_s: started.elapsed().as_secs_f64(),
    })
}
