//! One module per constraint family of docs/model.md §5, each named after it.

pub mod central_budget;
pub mod chain;
pub mod concentration;
pub mod continuity;
pub mod platforms;
pub mod provincial_budget;
pub mod regional_floor;
pub mod response;
pub mod sites;
pub mod talent;
pub mod targets;

use crate::instance::Instance;

use super::columns::EffortColumn;

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
