//! What a built model's rows, coefficients and costs would be for another
//! instance of the same structure — asked of the constraint modules' own
//! right-hand-side and coefficient functions, so the live model changes
//! exactly what the formulation would have built, and nothing it would not.

use super::constraints::{
    central_budget, platforms, provincial_budget, response, sites, talent, targets,
};
use super::{ColumnKey, RowBounds, RowKey};
use crate::instance::overrides::Touch;
use crate::instance::Instance;

/// The bounds of `key` for `inst`, when a change of kind `touch` can move them.
pub fn row_bounds(
    inst: &Instance,
    key: &RowKey,
    current: RowBounds,
    touch: Touch,
) -> Option<RowBounds> {
    let upper = |v: f64| RowBounds {
        lower: current.lower,
        upper: v,
    };
    match (*key, touch) {
        (RowKey::CentralBudget { year }, Touch::CentralBudget) => {
            Some(upper(central_budget::rhs(inst, year)))
        }
        (RowKey::ProvincialBudget { province, year }, Touch::ProvincialBudget) => {
            Some(upper(provincial_budget::rhs(inst, province, year)))
        }
        (RowKey::Talent { province, year }, Touch::Talent) => {
            Some(upper(talent::rhs(inst, province, year)))
        }
        (RowKey::Capacity { area, province, .. }, Touch::Capacity) => {
            Some(upper(platforms::capacity_rhs(inst, area, province)))
        }
        (RowKey::SiteCount { item }, Touch::SiteCount) => Some(upper(sites::count_rhs(inst, item))),
        (RowKey::Target { target }, Touch::TargetLevel) => Some(RowBounds {
            lower: targets::rhs(inst, target),
            upper: current.upper,
        }),
        _ => None,
    }
}

/// The coefficients of `key` for `inst` that a change of kind `touch` can
/// move, as (column, value).
pub fn coefficients(inst: &Instance, key: &RowKey, touch: Touch) -> Vec<(ColumnKey, f64)> {
    match (*key, touch) {
        (RowKey::Response { item, year }, Touch::Gain) => {
            (0..inst.model.response_multipliers.len())
                .map(|j| {
                    (
                        ColumnKey::Segment {
                            item,
                            segment: j,
                            year,
                        },
                        response::segment_effort_cost(inst, item, j),
                    )
                })
                .collect()
        }
        // Ē depends on the budgets and capacity that bound lead-site effort.
        (
            RowKey::SiteLink {
                item,
                province,
                year,
            },
            Touch::CentralBudget | Touch::ProvincialBudget | Touch::Capacity,
        ) => {
            vec![(
                ColumnKey::Site { item, province },
                -sites::site_effort_bound(inst, item, province, year),
            )]
        }
        _ => Vec::new(),
    }
}

/// The objective coefficient of `key` for `inst` when a change of kind
/// `touch` can move it (before any discounting or weights, which no live
/// change touches).
pub fn cost(inst: &Instance, key: &ColumnKey, touch: Touch) -> Option<f64> {
    match (*key, touch) {
        (ColumnKey::Shortfall { target }, Touch::TargetPenalty) => {
            Some(super::shortfall_cost(inst, target))
        }
        _ => None,
    }
}
