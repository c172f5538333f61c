//! The plan of a solve, read from solver columns by their meaning: the one
//! place that turns positions into a [`Plan`], so that the plan itself and
//! the checker never depend on the formulation.

use ndarray::{Array2, Array3};

use crate::instance::Instance;
use crate::model::ColumnKey;
use crate::plan::{EffortValue, Plan, SiteValue};

/// Reads a plan from solver column values and their meaning (`keys[i]` is
/// the meaning of `values[i]`).
pub fn plan_from_columns(inst: &Instance, keys: &[ColumnKey], values: &[f64]) -> Plan {
    let (n_a, n_p, n_t, n_k) = (
        inst.areas.len(),
        inst.provinces.len(),
        inst.years.len(),
        inst.items.len(),
    );
    let n_j = inst.model.response_multipliers.len();
    let mut plan = Plan {
        effort: Vec::new(),
        sites: Vec::new(),
        new_platforms: Array3::zeros((n_a, n_p, n_t)),
        training_yi: Array2::zeros((n_p, n_t)),
        segments: Array3::zeros((n_k, n_j, n_t)),
        shortfall: vec![0.0; inst.targets.len()],
        segments_after_horizon: Array2::zeros((n_k, n_j)),
    };
    for (key, &v) in keys.iter().zip(values) {
        match *key {
            ColumnKey::Effort {
                item,
                province,
                mode,
                year,
            } => plan.effort.push(EffortValue {
                item,
                province,
                mode,
                year,
                effort: v,
            }),
            ColumnKey::Site { item, province } => plan.sites.push(SiteValue {
                item,
                province,
                value: v,
            }),
            ColumnKey::NewPlatforms {
                area,
                province,
                year,
            } => plan.new_platforms[[area, province, year]] = v,
            ColumnKey::Training { province, year } => plan.training_yi[[province, year]] = v,
            ColumnKey::Segment {
                item,
                segment,
                year,
            } => plan.segments[[item, segment, year]] = v,
            // Auxiliary sums, recomputed from effort wherever needed.
            ColumnKey::Stock { .. }
            | ColumnKey::AreaFunding { .. }
            | ColumnKey::CentralFunding { .. } => {}
            ColumnKey::Shortfall { target } => plan.shortfall[target] = v,
            ColumnKey::ModeFunding { .. } => {}
            ColumnKey::SegmentAfterHorizon { item, segment } => {
                plan.segments_after_horizon[[item, segment]] = v
            }
        }
    }
    plan
}
