//! Marginal values of resources, one-sided where they are known to hold.
//!
//! A dual is the slope of the objective at the current right-hand side. It is
//! "what one more unit is worth" only if the slope holds for a whole unit
//! above the current bound, and "what one unit less costs" only if it holds
//! for a whole unit below. Ranging (`qiangji sensitivity`) gives the interval
//! over which it holds; without ranging neither side is known, and a report
//! must show the slope as a slope at the current point only.

use crate::model::RowKey;

use super::duals::DualRow;
use super::ranging::RowRange;

/// The marginal value of one resource row (a budget, talent, platform
/// capacity or build rate in one year).
#[derive(Debug, Clone, PartialEq)]
pub struct MarginalValue {
    pub key: RowKey,
    /// −dual: objective decrease per unit added, at the current point
    /// [亿元 of objective per unit of the resource].
    pub slope: f64,
    /// Objective decrease from one more unit, when the slope holds over it.
    pub up: Option<f64>,
    /// Objective increase from one unit less, when the slope holds over it.
    pub down: Option<f64>,
    /// Right-hand-side interval over which the slope holds, when ranged.
    pub interval: Option<(f64, f64)>,
}

/// Rows whose right-hand side is a resource a planner can add to.
pub fn is_resource(key: &RowKey) -> bool {
    matches!(
        key,
        RowKey::CentralBudget { .. }
            | RowKey::ProvincialBudget { .. }
            | RowKey::Talent { .. }
            | RowKey::Capacity { .. }
            | RowKey::BuildRate { .. }
            | RowKey::PoolBalance { .. }
            | RowKey::TrainingBudget { .. }
    )
}

/// Marginal values of every priced resource row, largest slope first. A
/// resource is in units of its row (亿元, k FTE, cu, platforms), so one unit
/// is a step of 1 in its right-hand side.
pub fn marginal_values(duals: &[DualRow], ranges: &[RowRange]) -> Vec<MarginalValue> {
    const ONE_UNIT: f64 = 1.0;
    let mut out: Vec<MarginalValue> = duals
        .iter()
        .filter(|d| is_resource(&d.key) && d.dual.abs() > 1e-9)
        .map(|d| {
            let slope = -d.dual;
            let range = ranges.iter().find(|r| r.key == d.key);
            let holds = |width: f64| width >= ONE_UNIT;
            MarginalValue {
                key: d.key,
                slope,
                up: range
                    .filter(|r| holds(r.rhs_upper - r.rhs))
                    .map(|_| slope * ONE_UNIT),
                down: range
                    .filter(|r| holds(r.rhs - r.rhs_lower))
                    .map(|_| slope * ONE_UNIT),
                interval: range.map(|r| (r.rhs_lower, r.rhs_upper)),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.slope
            .abs()
            .total_cmp(&a.slope.abs())
            .then(format!("{:?}", a.key).cmp(&format!("{:?}", b.key)))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dual(key: RowKey, dual: f64) -> DualRow {
        DualRow {
            key,
            dual,
            activity: 0.0,
            slack: 0.0,
            binding: true,
        }
    }

    fn range(key: RowKey, rhs: f64, lower: f64, upper: f64) -> RowRange {
        RowRange {
            key,
            rhs,
            limit_offset: 0.0,
            dual: 0.0,
            rhs_lower: lower,
            rhs_upper: upper,
            objective_at_lower: 0.0,
            objective_at_upper: 0.0,
        }
    }

    #[test]
    fn a_side_is_shown_only_where_the_slope_holds_for_a_whole_unit() {
        let budget = RowKey::CentralBudget { year: 0 };
        let talent = RowKey::Talent {
            province: 0,
            year: 1,
        };
        let unranged = RowKey::CentralBudget { year: 2 };
        let target = RowKey::Target { target: 0 };
        let duals = [
            dual(budget, -0.5),
            dual(talent, -2.0),
            dual(unranged, -0.1),
            dual(target, 3.0),
        ];
        // The budget's slope holds 10 亿元 up but only 0.3 down; talent's
        // holds 0.2 k FTE up and 5 down.
        let ranges = [
            range(budget, 20.0, 19.7, 30.0),
            range(talent, 1.0, -4.0, 1.2),
        ];
        let values = marginal_values(&duals, &ranges);
        assert_eq!(values.len(), 3, "targets are not resources");
        assert_eq!(values[0].key, talent);
        assert_eq!((values[0].up, values[0].down), (None, Some(2.0)));
        assert_eq!(values[1].key, budget);
        assert_eq!((values[1].up, values[1].down), (Some(0.5), None));
        assert_eq!(values[1].interval, Some((19.7, 30.0)));
        assert_eq!(values[2].key, unranged);
        assert_eq!(
            (values[2].up, values[2].down, values[2].interval),
            (None, None, None)
        );
        approx::assert_abs_diff_eq!(values[2].slope, 0.1);
    }
}
