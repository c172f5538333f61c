//! (TB) where the training budget binds (docs/model.md §10 (TB)): every
//! province and year with a cap or a floor, what the plan spends on
//! training there, and which limit it sits at.

use crate::instance::Instance;
use crate::plan::Plan;
use crate::tolerances::BINDING_TOL;

/// Which limit a province-year's training spending sits at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainingBinds {
    /// Spending equals the cap TBmax.
    Cap,
    /// Spending equals the floor TBmin.
    Floor,
}

impl TrainingBinds {
    /// The word used in the outputs.
    pub fn id(self) -> &'static str {
        match self {
            TrainingBinds::Cap => "cap",
            TrainingBinds::Floor => "floor",
        }
    }
}

/// One province-year with a training cap or floor.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingLimit {
    pub province: usize,
    /// Year index.
    pub year: usize,
    /// tr[p,t] [亿元].
    pub spent_yi: f64,
    /// TBmax [亿元], if capped.
    pub cap_yi: Option<f64>,
    /// TBmin [亿元] (0 without a floor).
    pub floor_yi: f64,
    pub binds: Option<TrainingBinds>,
}

/// Every province-year with a cap or a floor, by province then year.
pub fn training_limits(inst: &Instance, plan: &Plan) -> Vec<TrainingLimit> {
    let tb = &inst.training_budget;
    let at = |spent: f64, limit: f64| (spent - limit).abs() <= BINDING_TOL * limit.abs().max(1.0);
    let mut limits = Vec::new();
    for p in 0..inst.provinces.len() {
        for t in 0..inst.years.len() {
            let (cap_yi, floor_yi) = (tb.cap(p, t), tb.floor(p, t));
            if cap_yi.is_none() && floor_yi <= 0.0 {
                continue;
            }
            let spent_yi = plan.training_yi[[p, t]];
            let binds = if cap_yi.is_some_and(|cap| at(spent_yi, cap)) {
                Some(TrainingBinds::Cap)
            } else if floor_yi > 0.0 && at(spent_yi, floor_yi) {
                Some(TrainingBinds::Floor)
            } else {
                None
            };
            limits.push(TrainingLimit {
                province: p,
                year: t,
                spent_yi,
                cap_yi,
                floor_yi,
                binds,
            });
        }
    }
    limits
}
