//! The (CT) fields of a `[[targets]]` entry (docs/model.md §10): which
//! measure its level applies to, and the share at which an item counts as
//! assured.

use crate::instance::error::Collector;
use crate::instance::manifest::TargetEntry;
use crate::instance::ranges;
use crate::instance::TargetMetric;

/// `assured_at` when a target does not give one (share).
pub const DEFAULT_ASSURED_AT: f64 = 0.5;

/// The entry's metric (default weighted) and `assured_at` (default
/// [`DEFAULT_ASSURED_AT`]); an invalid value is recorded and the default
/// returned, so that the entry's other errors are still found.
pub fn metric_and_threshold(
    entry: &TargetEntry,
    line: &impl Fn(&str) -> Option<usize>,
    errs: &mut Collector,
) -> (TargetMetric, f64) {
    let metric = match entry.metric.as_deref() {
        None | Some("weighted") => TargetMetric::Weighted,
        Some("count") => TargetMetric::Count,
        Some(other) => {
            errs.at(
                line("metric"),
                "targets.metric",
                other,
                "must be \"weighted\" (demand-weighted mean share) or \"count\" (share of items assured)",
            );
            TargetMetric::Weighted
        }
    };
    let assured_at = entry.assured_at.unwrap_or(DEFAULT_ASSURED_AT);
    if !ranges::CEILING_SHARE.contains(assured_at) {
        errs.at(
            line("assured_at"),
            "targets.assured_at",
            assured_at,
            "must be a share in (0, 1]: the share at which an item counts as assured",
        );
    }
    (metric, assured_at)
}
