//! The plan of a solve, read from solver columns by their meaning: the one
//! place that turns positions into a [`Plan`], so that the plan itself and
//! the checker never depend on the formulation.

use ndarray::{Array2, Array3};

use crate::instance::Instance;
use crate::model::ColumnKey;
use crate::plan::{AssuredValue, EffortValue, Plan, PoolFundingValue, SiteValue};

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
        pool_funding: Vec::new(),
        pool_platform_yi: Array2::zeros((inst.pools.len(), n_t)),
        pool_left_yi: Array2::zeros((inst.pools.len(), n_t)),
        assured: Vec::new(),
        threshold_passed: Array2::ones((n_k, n_t)),
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
            ColumnKey::PoolFunding {
                pool,
                item,
                province,
                mode,
                year,
            } => plan.pool_funding.push(PoolFundingValue {
                pool,
                item,
                province,
                mode,
                year,
                funding_yi: v,
            }),
            ColumnKey::PoolPlatformFunding { pool, year } => {
                plan.pool_platform_yi[[pool, year]] = v
            }
            ColumnKey::PoolLeft { pool, year } => plan.pool_left_yi[[pool, year]] = v,
            ColumnKey::Assured { item, target } => plan.assured.push(AssuredValue {
                item,
                target,
                value: v,
            }),
            ColumnKey::Threshold { item, year } => plan.threshold_passed[[item, year]] = v,
            ColumnKey::ModeFunding { .. } | ColumnKey::Robust { .. } => {}
            ColumnKey::SegmentAfterHorizon { item, segment } => {
                plan.segments_after_horizon[[item, segment]] = v
            }
        }
    }
    plan
}
