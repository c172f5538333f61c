//! Why the leading provinces get the money: what each receives, its
//! advantage in the areas it is funded for, and the limits that bind there
//! (rows with a price).

use std::collections::{BTreeMap, BTreeSet};

use crate::instance::Instance;
use crate::model::RowKey;
use crate::plan::Plan;

use super::duals::DualRow;

/// A province among those that receive the most project funding.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadingProvince {
    pub province: usize,
    /// Σ f_m e over its effort [亿元, central and provincial].
    pub funding_yi: f64,
    /// Areas it is funded in, ascending, with its advantage index there.
    pub areas: Vec<(usize, f64)>,
    /// Its limits that bind with a price: a label ("talent") and the
    /// calendar years, ascending; labels in alphabetical order.
    pub binding: Vec<(&'static str, Vec<i32>)>,
}

/// The `n` provinces with the most project funding, largest first (ties in
/// instance order); provinces without funding are left out.
pub fn leading_provinces(
    inst: &Instance,
    plan: &Plan,
    duals: &[DualRow],
    n: usize,
) -> Vec<LeadingProvince> {
    let mut funding = vec![0.0; inst.provinces.len()];
    let mut areas: Vec<BTreeSet<usize>> = vec![Default::default(); inst.provinces.len()];
    for e in plan.effort.iter().filter(|e| e.effort > 1e-9) {
        funding[e.province] += inst.model.mode(e.mode).funding_yi_per_effort * e.effort;
        areas[e.province].insert(inst.items[e.item].area);
    }
    let mut order: Vec<usize> = (0..inst.provinces.len())
        .filter(|&p| funding[p] > 1e-9)
        .collect();
    order.sort_by(|&a, &b| funding[b].total_cmp(&funding[a]).then(a.cmp(&b)));
    order
        .into_iter()
        .take(n)
        .map(|p| LeadingProvince {
            province: p,
            funding_yi: funding[p],
            areas: areas[p]
                .iter()
                .map(|&a| (a, inst.advantage[[a, p]]))
                .collect(),
            binding: binding_limits(inst, duals, p),
        })
        .collect()
}

/// Provincial limits of province `p` that bind with a price, by label.
fn binding_limits(inst: &Instance, duals: &[DualRow], p: usize) -> Vec<(&'static str, Vec<i32>)> {
    let mut limits: BTreeMap<&'static str, Vec<i32>> = BTreeMap::new();
    for d in duals.iter().filter(|d| d.is_priced()) {
        let (label, prov, t) = match d.key {
            RowKey::ProvincialBudget { province, year } => ("provincial budget", province, year),
            RowKey::Talent { province, year } => ("talent", province, year),
            RowKey::Capacity { province, year, .. } => ("platform capacity", province, year),
            RowKey::BuildRate { province, year } => ("platform build rate", province, year),
            RowKey::TrainingBudget { province, year } => ("training budget", province, year),
            RowKey::TrainingFloor { province, year } => ("training floor", province, year),
            _ => continue,
        };
        if prov == p {
            limits.entry(label).or_default().push(inst.years[t]);
        }
    }
    limits
        .into_iter()
        .map(|(label, mut years)| {
            years.sort_unstable();
            years.dedup();
            (label, years)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::EffortValue;

    fn dual(key: RowKey, dual: f64, binding: bool) -> DualRow {
        DualRow {
            key,
            dual,
            activity: 0.0,
            slack: if binding { 0.0 } else { 1.0 },
            binding,
        }
    }

    #[test]
    fn the_funded_province_is_named_with_its_advantage_and_priced_limits() {
        let inst = crate::testing::tiny_instance();
        let national = inst.model.mode_by_id("national").unwrap();
        let enterprise = inst.model.mode_by_id("enterprise").unwrap();
        let item = |id: &str| inst.items.iter().position(|i| i.id == id).unwrap();
        let effort = |item, province, mode, effort| EffortValue {
            item,
            province,
            mode,
            year: 0,
            effort,
        };
        let plan = Plan {
            effort: vec![
                effort(item("chip"), 0, national, 5.0),
                effort(item("bearing"), 0, enterprise, 2.0),
                effort(item("alloy"), 1, enterprise, 0.0),
            ],
            sites: Vec::new(),
            new_platforms: ndarray::Array3::zeros((2, 2, 3)),
            training_yi: ndarray::Array2::zeros((2, 3)),
            segments: ndarray::Array3::zeros((3, 3, 3)),
            shortfall: vec![0.0],
            pool_funding: Vec::new(),
            pool_platform_yi: ndarray::Array2::zeros((0, 3)),
            pool_left_yi: ndarray::Array2::zeros((0, 3)),
            assured: Vec::new(),
            threshold_passed: ndarray::Array2::ones((3, 3)),
            segments_after_horizon: ndarray::Array2::zeros((3, 3)),
        };
        let duals = vec![
            dual(
                RowKey::Talent {
                    province: 0,
                    year: 1,
                },
                -0.5,
                true,
            ),
            dual(
                RowKey::Talent {
                    province: 0,
                    year: 0,
                },
                -0.3,
                true,
            ),
            // Binding without a price, or priced elsewhere: not named.
            dual(
                RowKey::ProvincialBudget {
                    province: 0,
                    year: 2,
                },
                0.0,
                true,
            ),
            dual(
                RowKey::ProvincialBudget {
                    province: 1,
                    year: 0,
                },
                -1.0,
                true,
            ),
            dual(RowKey::CentralBudget { year: 0 }, -1.0, true),
        ];
        let leading = leading_provinces(&inst, &plan, &duals, 5);
        // West has no effort above zero: it does not lead.
        assert_eq!(leading.len(), 1);
        let east = &leading[0];
        assert_eq!(east.province, 0);
        let funding =
            |m: crate::instance::Mode, e: f64| inst.model.mode(m).funding_yi_per_effort * e;
        approx::assert_abs_diff_eq!(
            east.funding_yi,
            funding(national, 5.0) + funding(enterprise, 2.0),
            epsilon = 1e-12
        );
        let components = inst.items[item("chip")].area;
        assert_eq!(
            east.areas,
            vec![(components, inst.advantage[[components, 0]])]
        );
        assert_eq!(
            east.binding,
            vec![("talent", vec![inst.years[0], inst.years[1]])]
        );
    }
}
