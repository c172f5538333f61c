//! Each target's accounting on a plan: the level its row sees, the level
//! the plan's effort realises (docs/model.md §7), the shortfall and the
//! target row's dual. Every report and the printed summary read these rows.

use ndarray::Array2;

use crate::instance::{Instance, TargetMetric};
use crate::model::RowKey;
use crate::plan::Plan;

use super::duals::DualRow;
use super::realise::{group_level, GroupMeasures};

/// One target's accounting.
#[derive(Debug, Clone)]
pub struct TargetRow {
    pub id: String,
    pub group: String,
    pub year: i32,
    pub level: f64,
    /// S[g] from the model's levels (what the target row sees).
    pub achieved: f64,
    /// S[g] from realised levels.
    pub achieved_realised: f64,
    pub shortfall: f64,
    pub met: bool,
    /// ∂objective/∂θ_g [亿元 per point].
    pub dual_yi_per_point: Option<f64>,
    /// The measure `level`, `achieved` and `shortfall` are in: `weighted` or `count`.
    pub metric: &'static str,
    /// Both measures of the group in the target year from realised levels
    /// (docs/model.md §10 (CT)), whichever one the target uses.
    pub measures: GroupMeasures,
}

/// Every target's accounting, in instance order; `model_levels` are the
/// plan's s[k,t] and `realised` its sreal[k,t].
pub fn target_rows(
    inst: &Instance,
    plan: &Plan,
    model_levels: &Array2<f64>,
    realised: &Array2<f64>,
    duals: &[DualRow],
) -> Vec<TargetRow> {
    inst.targets
        .iter()
        .enumerate()
        .map(|(g, target)| {
            let dual = duals
                .iter()
                .find(|d| d.key == RowKey::Target { target: g })
                .map(|d| d.dual / 100.0);
            let shortfall = plan.shortfall[g].max(0.0);
            let measures = GroupMeasures::of(inst, g, realised, target.year);
            let (achieved, achieved_realised) = match target.metric {
                TargetMetric::Weighted => (
                    group_level(inst, &target.items, model_levels, target.year),
                    measures.weighted,
                ),
                // What the target row counts (Σ a/|K|), and the items the
                // realised levels assure.
                TargetMetric::Count => (
                    plan.assured
                        .iter()
                        .filter(|a| a.target == g)
                        .map(|a| a.value)
                        .sum::<f64>()
                        / target.items.len() as f64,
                    measures.count_share(),
                ),
            };
            TargetRow {
                id: target.id.clone(),
                group: target.group.clone(),
                year: inst.years[target.year],
                level: target.level,
                achieved,
                achieved_realised,
                shortfall,
                met: shortfall <= 1e-6,
                dual_yi_per_point: dual,
                metric: target.metric.id(),
                measures,
            }
        })
        .collect()
}

/// Both measures of every target's group in every year from realised
/// levels (docs/model.md §10 (CT)), targets × years.
pub fn group_measures(inst: &Instance, realised: &Array2<f64>) -> Vec<Vec<GroupMeasures>> {
    (0..inst.targets.len())
        .map(|g| {
            (0..inst.years.len())
                .map(|t| GroupMeasures::of(inst, g, realised, t))
                .collect()
        })
        .collect()
}
