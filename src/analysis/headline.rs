//! The finding of a solve as a programme officer reads it first: real
//! spending, the headline targets counted apart from item floors, and for
//! every missed target whether it is out of reach whatever the budget (the
//! checker's reach diagnosis) or underfunded, with what the missing points
//! would cost at the plan's exchange rate of central budget. report.md,
//! report.html, summary.json and the printed summary all read this one value.

use crate::instance::diagnose::reach::OutOfReach;
use crate::instance::Instance;
use crate::run::findings::{Findings, MetCount, TargetKind};

use super::case::Analyses;
use super::exchange::{GroupRates, RateSource};

/// Level within which a group counts as reaching a target's level (share).
const REACH_TOLERANCE: f64 = 1e-6;

/// What a solve found, in the order a reader needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    /// Real spending over the horizon, undiscounted [亿元].
    pub spend_total_yi: f64,
    pub spend_central_yi: f64,
    pub spend_provincial_yi: f64,
    /// Headline (group) targets met, and item floors met.
    pub headline_targets: MetCount,
    pub item_floors: MetCount,
    /// Every missed target with its verdict: headline targets first, then
    /// item floors, each in instance order.
    pub missed: Vec<Missed>,
}

/// A missed target and why it is missed.
#[derive(Debug, Clone, PartialEq)]
pub struct Missed {
    /// Index into `Instance::targets`.
    pub target: usize,
    pub kind: TargetKind,
    /// Level required and achieved (shares).
    pub level: f64,
    pub achieved: f64,
    pub verdict: Verdict,
}

/// Why a target is missed.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// No plan can reach the level by the target year, whatever the budget.
    OutOfReach(OutOfReach),
    /// Within reach, but the resources as they stand do not get there.
    Underfunded(Result<MissingCost, NotEstimated>),
    /// The budgets could reach the level, but each further point costs more
    /// than the target's shortfall penalty, so the plan pays the penalty.
    DearerThanPenalty {
        /// The most the group can reach with the plan's resources (share).
        frontier: f64,
        penalty_yi_per_point: f64,
    },
}

/// The cost of the missing points, from the plan's exchange rate of central
/// budget (docs/sensitivity.md): a rate at the margin, which can only fall
/// as the budget grows, so the cost is a lower estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingCost {
    /// The most the group can reach with the plan's resources (share).
    pub frontier: f64,
    /// Central budget one more point needs at the margin [亿元 per point].
    pub yi_per_point: f64,
    /// The year where one more 亿元 buys most.
    pub best_place: Option<String>,
    /// Central budget the points between the frontier and the level need at
    /// that rate [亿元].
    pub more_budget_yi: f64,
}

/// Why the cost of an underfunded target's missing points is not estimated.
#[derive(Debug, Clone, PartialEq)]
pub enum NotEstimated {
    /// The run was asked not to explain its plan (`--no-explain`).
    NotExplained,
    /// The explanation failed (its message).
    ExplanationFailed(String),
    /// The quick explanation did not rate this target (or ran out of time
    /// before measuring its rate of central budget).
    NotRated,
    /// More central budget buys no point: provincial budgets, talent or
    /// platform capacity limit the group first.
    BudgetBuysNothing {
        /// The most the group can reach with the plan's resources (share).
        frontier: f64,
    },
}

/// The headline finding of a solved plan, with the analyses computed for it.
pub fn headline(inst: &Instance, found: &Findings, analyses: &Analyses) -> Headline {
    let mut missed: Vec<Missed> = found
        .targets
        .iter()
        .enumerate()
        .filter(|(_, row)| !row.met)
        .map(|(g, row)| Missed {
            target: g,
            kind: found.target_kinds[g],
            level: row.level,
            achieved: row.achieved,
            verdict: verdict(inst, found, analyses, g),
        })
        .collect();
    // Stable: instance order within each kind.
    missed.sort_by_key(|m| m.kind != TargetKind::Headline);
    Headline {
        spend_total_yi: found.spend.total_yi,
        spend_central_yi: found.spend.central_yi,
        spend_provincial_yi: found.spend.provincial_yi,
        headline_targets: found.met_of_kind(TargetKind::Headline),
        item_floors: found.met_of_kind(TargetKind::ItemFloor),
        missed,
    }
}

fn verdict(inst: &Instance, found: &Findings, analyses: &Analyses, g: usize) -> Verdict {
    if let Some(beyond) = &found.out_of_reach[g] {
        return Verdict::OutOfReach(beyond.clone());
    }
    let rates = match (&analyses.explanation, &analyses.explanation_error) {
        (Some(ex), _) => ex.exchange.groups.iter().find(|r| r.target == g),
        (None, Some(e)) => {
            return Verdict::Underfunded(Err(NotEstimated::ExplanationFailed(e.clone())))
        }
        (None, None) => return Verdict::Underfunded(Err(NotEstimated::NotExplained)),
    };
    let Some(rates) = rates else {
        return Verdict::Underfunded(Err(NotEstimated::NotRated));
    };
    let level = inst.targets[g].level;
    let frontier = rates.frontier_points / 100.0;
    if frontier >= level - REACH_TOLERANCE {
        return Verdict::DearerThanPenalty {
            frontier,
            penalty_yi_per_point: inst.targets[g].penalty_yi_per_point,
        };
    }
    Verdict::Underfunded(missing_cost(rates, level))
}

/// What the points between the frontier and `level` cost in central budget.
fn missing_cost(rates: &GroupRates, level: f64) -> Result<MissingCost, NotEstimated> {
    let frontier = rates.frontier_points / 100.0;
    let budget = &rates.central_budget;
    if budget.source == RateSource::NotMeasured {
        // The quick explanation ran out of time before measuring it.
        return Err(NotEstimated::NotRated);
    }
    match budget.points_per_unit {
        Some(points) if points > 1e-9 => Ok(MissingCost {
            frontier,
            yi_per_point: 1.0 / points,
            best_place: budget.best_place.clone(),
            more_budget_yi: (100.0 * level - rates.frontier_points) / points,
        }),
        _ => Err(NotEstimated::BudgetBuysNothing { frontier }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::case::solve_case;
    use crate::run::RunOptions;

    #[test]
    fn the_demo_meets_its_one_headline_target_and_has_no_floor() {
        let inst = crate::testing::tiny_instance();
        let case = solve_case(&inst, &RunOptions::default(), None).unwrap();
        let found = case.result.findings.as_ref().unwrap();
        let h = headline(&inst, found, &case.analyses);
        assert_eq!(h.headline_targets, MetCount { met: 1, total: 1 });
        assert_eq!(h.item_floors, MetCount { met: 0, total: 0 });
        assert!(h.missed.is_empty());
        approx::assert_abs_diff_eq!(
            h.spend_central_yi + h.spend_provincial_yi,
            h.spend_total_yi,
            epsilon = 1e-9
        );
    }
}
