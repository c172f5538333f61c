//! One module per constraint family of docs/model.md §5, each named after it.

pub mod central_budget;
pub mod chain;
pub mod concentration;
pub mod continuity;
pub mod count_targets;
pub mod drift;
pub mod horizon_end;
pub mod mode_continuity;
pub mod platforms;
pub mod pools;
pub mod provincial_budget;
pub mod regional_floor;
pub mod response;
pub mod sites;
pub mod talent;
pub mod targets;
pub mod thresholds;
pub mod training_budget;

use good_lp::Expression;

use crate::instance::Instance;

use super::columns::{Columns, EffortColumn};

/// η_m · adv_kp: effective effort per effort unit.
pub fn effectiveness(inst: &Instance, e: &EffortColumn) -> f64 {
    inst.model.mode(e.mode).productivity * inst.adv(e.item, e.province)
}

/// σ_m f_m: central funding per effort unit [亿元].
pub fn central_funding_yi(inst: &Instance, e: &EffortColumn) -> f64 {
    let m = inst.model.mode(e.mode);
    m.central_share * m.funding_yi_per_effort
}

/// f_m: project funding per effort unit, central and provincial [亿元].
pub fn funding_yi(inst: &Instance, e: &EffortColumn) -> f64 {
    inst.model.mode(e.mode).funding_yi_per_effort
}

/// (1−σ_m) f_m: provincial funding per effort unit [亿元].
pub fn provincial_funding_yi(inst: &Instance, e: &EffortColumn) -> f64 {
    let m = inst.model.mode(e.mode);
    (1.0 - m.central_share) * m.funding_yi_per_effort
}

/// Moves to the left-hand side what has arrived by year `t` from yearly
/// columns that take `lag` years to act (trained talent, built platforms):
/// −`per_unit` × each column of a year t′ ≤ t − lag.
pub fn subtract_arrived(
    lhs: &mut Expression,
    c: &Columns,
    yearly: &[usize],
    lag: usize,
    t: usize,
    per_unit: f64,
) {
    for (t_prev, &col) in yearly.iter().enumerate() {
        if t_prev + lag > t {
            break;
        }
        lhs.add_mul(-per_unit, c.var(col));
    }
}

/// What a row's right-hand side leaves out of the limit as the instance
/// states it: a target row holds its level net of the group's base share, a
/// chain row its lead net of both items' base levels, a drift ceiling smax
/// net of the base level. Added to the right-hand side (and to either end of
/// its ranging interval) it gives the limit in the user's terms; 0 for rows
/// whose right-hand side is the limit itself.
pub fn limit_offset(inst: &Instance, key: &crate::model::RowKey) -> f64 {
    use crate::instance::TargetMetric;
    use crate::model::RowKey;
    match *key {
        RowKey::Target { target } => {
            let target = &inst.targets[target];
            match target.metric {
                TargetMetric::Weighted => inst.base_group_level(&target.items, target.year),
                TargetMetric::Count => 0.0,
            }
        }
        RowKey::Chain { link, year } => {
            let link = &inst.links[link];
            inst.base_level(link.item, year) - inst.base_level(link.needs, year)
        }
        RowKey::DriftCeiling { item, year } => inst.base_level(item, year),
        _ => 0.0,
    }
}
