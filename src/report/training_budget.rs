//! (TB) the training budget (docs/model.md §10 (TB)) as
//! `training_budget.csv` and a section of report.md: every province-year
//! with a cap or a floor, the training spent there, the limit it binds at,
//! and what one more 亿元 of cap gains (or one 亿元 less of floor saves),
//! from the one-sided marginal values where they were measured.

use std::fmt::Write;

use super::tables::{csv_bytes, num};
use super::OutputError;
use crate::analysis::marginal::MarginalValues;
use crate::instance::Instance;
use crate::model::RowKey;
use crate::plan::Plan;
use crate::readback::training_budget::{training_limits, TrainingBinds, TrainingLimit};

/// The measured objective gain of relaxing the binding limit by 1 亿元 —
/// one more of cap, one less of floor [亿元].
fn relaxing_gain(limit: &TrainingLimit, marginal: Option<&MarginalValues>) -> Option<f64> {
    let (province, year) = (limit.province, limit.year);
    let m = marginal?;
    match limit.binds? {
        TrainingBinds::Cap => m
            .of_row(&RowKey::TrainingBudget { province, year })?
            .gain_of_one_more(),
        TrainingBinds::Floor => m
            .of_row(&RowKey::TrainingFloor { province, year })?
            .less
            .objective_change
            .map(|c| -c),
    }
}

/// training_budget.csv: one row per province-year with a cap or a floor.
pub fn csv(
    inst: &Instance,
    plan: &Plan,
    marginal: Option<&MarginalValues>,
) -> Result<Vec<u8>, OutputError> {
    let rows = training_limits(inst, plan)
        .iter()
        .map(|l| {
            let prov = &inst.provinces[l.province];
            vec![
                prov.id.clone(),
                prov.region.id().to_string(),
                inst.years[l.year].to_string(),
                num(l.spent_yi),
                l.cap_yi.map(num).unwrap_or_default(),
                num(l.floor_yi),
                l.binds.map(TrainingBinds::id).unwrap_or_default().into(),
                relaxing_gain(l, marginal).map(num).unwrap_or_default(),
            ]
        })
        .collect();
    csv_bytes(
        &[
            "province",
            "region",
            "year",
            "training_yi",
            "cap_yi",
            "floor_yi",
            "binds",
            "gain_of_relaxing_1_yi",
        ],
        rows,
    )
}

/// The report.md section: where the cap or floor binds, with the value of
/// relaxing it by 1 亿元 where measured.
pub fn markdown(inst: &Instance, plan: &Plan, marginal: Option<&MarginalValues>) -> String {
    let limits = training_limits(inst, plan);
    let binding: Vec<&TrainingLimit> = limits.iter().filter(|l| l.binds.is_some()).collect();
    let mut md = String::from("\n## Training budget\n\n");
    if binding.is_empty() {
        let _ = writeln!(
            md,
            "No training cap or floor binds ({} province-years have one; training_budget.csv).",
            limits.len()
        );
        return md;
    }
    let _ = writeln!(
        md,
        "Training spending sits at its cap or floor in {} of {} province-years with one (all in training_budget.csv):\n",
        binding.len(),
        limits.len()
    );
    let _ = writeln!(
        md,
        "| province | year | training 亿元 | binds at | objective gain of relaxing it by 1 亿元 |"
    );
    let _ = writeln!(md, "|---|---|---:|---|---:|");
    for l in binding {
        let gain = relaxing_gain(l, marginal)
            .map_or_else(|| "not measured".into(), |g| format!("{g:.2} 亿元"));
        let _ = writeln!(
            md,
            "| {} | {} | {:.2} | {} | {gain} |",
            inst.provinces[l.province].id,
            inst.years[l.year],
            l.spent_yi,
            l.binds.map(TrainingBinds::id).unwrap_or_default(),
        );
    }
    md
}
