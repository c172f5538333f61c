//! qiangji (强基): allocation of funding, talent and platform capacity across
//! China's five industrial foundations, key items, provinces and years, so that
//! self-sufficiency targets are met at least cost (MODEL.md).

pub mod instance;
pub mod model;
pub mod solve;
pub mod tolerances;
pub mod analysis;
pub mod check;
pub mod plan;
pub mod report;
pub mod run;
#[cfg(test)]
pub(crate) mod testing;
