//! The national instance: coverage of the sourced data and the calibration
//! facts of instances/china-2025/README.md, pinned so that recalibration
//! cannot silently break them. (Each solve takes about half a minute.)

mod common;

use std::collections::BTreeSet;

use common::*;
use qiangji::instance::Tier;
use qiangji::model::RowKey;
use qiangji::run::RunOptions;
use qiangji::solve::SolveStatus;

fn national() -> std::path::PathBuf {
    repo().join("instances/china-2025")
}

#[test]
fn covers_provinces_areas_tiers_and_links() {
    let inst = load_dir(&national());
    assert_eq!(inst.provinces.len(), 31);
    assert!(inst.items.len() >= 30);
    let areas: BTreeSet<usize> = inst.items.iter().map(|i| i.area).collect();
    assert_eq!(areas.len(), 5, "items in all five foundations");
    for tier in Tier::ALL {
        assert!(
            inst.items.iter().any(|i| i.tier == tier),
            "{tier} items exist"
        );
    }
    assert!(inst.links.len() >= 10);
    let core = inst.targets.iter().find(|t| t.id == "core_2025").unwrap();
    assert_eq!(inst.years[core.year], 2025);
    approx::assert_relative_eq!(core.level, 0.70);
    assert_eq!(inst.years.first(), Some(&2022));
    assert_eq!(inst.years.last(), Some(&2035));
}

#[test]
fn the_2025_target_is_met_binds_and_depends_on_the_central_budget() {
    let inst = load_dir(&national());
    let base = solve(&inst, &RunOptions::default());
    assert_eq!(base.outcome.status, SolveStatus::Optimal);
    let core = inst
        .targets
        .iter()
        .position(|t| t.id == "core_2025")
        .unwrap();
    let plan = base.plan.as_ref().unwrap();
    assert!(
        plan.shortfall[core] < 1e-6,
        "2025 target met under base budgets"
    );
    let target_dual = dual(&base, |k| *k == RowKey::Target { target: core });
    let central_binds =
        (0..3).any(|t| dual(&base, |k| *k == RowKey::CentralBudget { year: t }) < -1e-6);
    assert!(target_dual > 1e-6 || central_binds, "the 2025 target binds");
    assert!(central_binds, "the central budget is scarce before 2025");

    let mut cut = inst.clone();
    for b in cut.central_budget_yi.iter_mut() {
        *b *= 0.7;
    }
    let after = solve(&cut, &RunOptions::default());
    let short = after.plan.as_ref().unwrap().shortfall[core];
    let higher = objective(&after) > 1.05 * objective(&base);
    assert!(
        short > 1e-4 || higher,
        "a 30% cut shows: shortfall {short}, objective {} vs {}",
        objective(&after),
        objective(&base)
    );
}
