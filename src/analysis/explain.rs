//! What a solve explains about its plan: one-sided marginal values of every
//! binding resource and target, and exchange rates of every target group,
//! both measured on one probe of the plan's LP.

use std::time::Instant;

use super::exchange::{exchange_rates, ExchangeRates};
use super::marginal::{marginal_values, Depth, MarginalValues, MostValuable, TOP_RESOURCES};
use super::probe::Probe;
use super::AnalysisError;
use crate::instance::Instance;
use crate::run::{build_options, RunOptions};

/// Re-solves each exchange-rate search may spend in a quick run.
pub const QUICK_RATE_RESOLVES: usize = 3;

/// Targets a quick run rates (group targets first).
pub const QUICK_RATED_TARGETS: usize = 8;

/// A quick run stops re-solving after this many times the time the plan's
/// LP took from scratch, within [`QUICK_MIN_S`] and [`QUICK_MAX_S`]; a
/// re-solve running at that moment is stopped by HiGHS's own time limit.
/// What is left keeps its dual bounds and is marked as cut short. The national
/// instance's quick explanation (12 s) stays well inside it; on a generated
/// instance ten times larger, whose re-solves cost seconds each, the
/// unlimited explanation took 5–8 minutes against a 5 s solve. Only a run
/// that reaches the limit depends on the machine's speed.
pub const QUICK_TIME_FACTOR: f64 = 10.0;

/// Largest model (columns) whose explanation runs on two probes at once.
/// Above it one probe answers both questions: a second copy of a large LP
/// would more than double the run's memory (measured: 0.66 GB with one
/// probe, 1.35 GB with two, on a generated instance of 261,553 columns,
/// where HiGHS alone needs 0.41 GB).
pub const PARALLEL_MAX_COLUMNS: usize = 100_000;

/// The least time a quick explanation gets [s].
pub const QUICK_MIN_S: f64 = 60.0;

/// The most time a quick explanation gets [s]: ten times a 100-times-national
/// LP's solve would be an hour; `--no-explain` skips it, `sensitivity` has
/// no limit.
pub const QUICK_MAX_S: f64 = 600.0;

/// Marginal values and exchange rates of one plan.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub marginal: MarginalValues,
    /// The most valuable extra resources among `marginal` (at most
    /// [`TOP_RESOURCES`]).
    pub most_valuable: MostValuable,
    pub exchange: ExchangeRates,
    /// Solves made in all (the plan's LP once per probe, frontiers,
    /// re-solves) [count].
    pub solves: usize,
    /// Simplex iterations of the re-solves [count].
    pub iterations: u64,
    /// A quick explanation reached its time limit: some sides that would
    /// have been re-solved keep their dual bounds, some targets are not rated.
    pub cut_short: bool,
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
    // Marginal values and exchange rates are independent questions to the
    // same LP. Up to PARALLEL_MAX_COLUMNS each gets a probe of its own and
    // both run at once (the second core otherwise idles during a single
    // solve); above, one probe answers both in turn, so that memory stays
    // one copy of the LP. Each probe is deterministic: the answers do not
    // depend on which way they were computed.
    let (marginal, exchange, work) = if plan_columns.len() <= PARALLEL_MAX_COLUMNS {
        let (marginal, exchange) = rayon::join(
            || -> Result<(MarginalValues, ProbeWork), AnalysisError> {
                let mut probe = open_probe(inst, opts, plan_columns, depth)?;
                let marginal = marginal_values(&mut probe, &build.objective, depth)?;
                Ok((marginal, ProbeWork::of(&probe)))
            },
            || -> Result<(ExchangeRates, ProbeWork), AnalysisError> {
                let mut probe = open_probe(inst, opts, plan_columns, depth)?;
                let exchange = rates(&mut probe, inst, opts.hard_targets, depth)?;
                Ok((exchange, ProbeWork::of(&probe)))
            },
        );
        let (marginal, m_work) = marginal?;
        let (exchange, e_work) = exchange?;
        (marginal, exchange, m_work.and(e_work))
    } else {
        let mut probe = open_probe(inst, opts, plan_columns, depth)?;
        let marginal = marginal_values(&mut probe, &build.objective, depth)?;
        let exchange = rates(&mut probe, inst, opts.hard_targets, depth)?;
        (marginal, exchange, ProbeWork::of(&probe))
    };
    Ok(Explanation {
        most_valuable: marginal.most_valuable_summary(TOP_RESOURCES),
        marginal,
        exchange,
        solves: work.solves,
        iterations: work.iterations,
        cut_short: work.cut_short,
        elapsed_s: started.elapsed().as_secs_f64(),
    })
}

/// What a probe's answers cost.
struct ProbeWork {
    /// The plan's LP once, and every re-solve.
    solves: usize,
    iterations: u64,
    cut_short: bool,
}

impl ProbeWork {
    fn of(probe: &Probe) -> ProbeWork {
        ProbeWork {
            solves: probe.resolves + 1,
            iterations: probe.iterations,
            cut_short: probe.limited,
        }
    }

    /// Two probes' work together.
    fn and(self, other: ProbeWork) -> ProbeWork {
        ProbeWork {
            solves: self.solves + other.solves,
            iterations: self.iterations + other.iterations,
            cut_short: self.cut_short || other.cut_short,
        }
    }
}

/// A probe of the plan, its work limited for a quick explanation.
fn open_probe<'a>(
    inst: &'a Instance,
    opts: &RunOptions,
    plan_columns: &[f64],
    depth: Depth,
) -> Result<Probe<'a>, AnalysisError> {
    let mut probe = Probe::open(inst, opts, plan_columns)?;
    if depth == Depth::Quick {
        let mut seconds =
            (QUICK_TIME_FACTOR * probe.base_solve_s()).clamp(QUICK_MIN_S, QUICK_MAX_S);
        // A run with a time limit keeps to what is left of it.
        if let Some(limit) = opts.solver.time_limit_s {
            seconds = seconds.min(limit);
        }
        probe.limit_time(seconds);
    }
    Ok(probe)
}

/// Exchange rates at `depth`. A quick run rates at most
/// [`QUICK_RATED_TARGETS`] targets: those on groups of items (the
/// programme's headline targets) first, then single items, in file order;
/// `sensitivity` rates every target.
fn rates(
    probe: &mut Probe,
    inst: &Instance,
    hard_targets: bool,
    depth: Depth,
) -> Result<ExchangeRates, AnalysisError> {
    match depth {
        Depth::Quick => {
            let mut order: Vec<&crate::instance::Target> = inst.targets.iter().collect();
            order.sort_by_key(|t| t.items.len() == 1);
            let rated: Vec<&str> = order
                .iter()
                .take(QUICK_RATED_TARGETS)
                .map(|t| t.id.as_str())
                .collect();
            exchange_rates(probe, hard_targets, QUICK_RATE_RESOLVES, |t| {
                rated.contains(&t.id.as_str())
            })
        }
        Depth::Full => exchange_rates(probe, hard_targets, usize::MAX, |_| true),
    }
}
