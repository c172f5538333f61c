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

/// The fitted instance's findings (instances/china-2025/README.md): the 2025
/// target is out of reach — chips respond four years after the money — and
/// its shortfall is priced; the central budget is scarce before 2025; every
/// lead site sits where the item's own industry is; talent binds somewhere;
/// and a cut of the central budget raises the cost of the plan.
#[test]
fn the_fitted_plan_is_short_in_2025_scarce_in_money_and_sited_where_the_industry_is() {
    let dir = national();
    let inst = load_dir(&dir);
    let base = solve(&inst, &RunOptions::default());
    assert_eq!(base.outcome.status, SolveStatus::Optimal);
    let plan = base.plan.as_ref().unwrap();
    let core = inst
        .targets
        .iter()
        .position(|t| t.id == "core_2025")
        .unwrap();
    assert!(
        plan.shortfall[core] > 0.30,
        "core_2025 is out of reach: short by {}",
        plan.shortfall[core]
    );
    let central_binds =
        (0..3).any(|t| dual(&base, |k| *k == RowKey::CentralBudget { year: t }) < -1e-6);
    assert!(central_binds, "the central budget is scarce before 2025");
    // Lead sites: only where item_advantage.csv lists the item's industry,
    // with an advantage at or above the eligibility threshold.
    let listed = std::fs::read_to_string(dir.join("item_advantage.csv")).unwrap();
    let mut designated = 0;
    for s in plan.sites.iter().filter(|s| s.value > 0.5) {
        designated += 1;
        let (item, prov) = (&inst.items[s.item].id, &inst.provinces[s.province].id);
        assert!(
            listed
                .lines()
                .any(|l| l.starts_with(&format!("{item},{prov},"))),
            "site {item} in {prov} is not listed in item_advantage.csv"
        );
        assert!(inst.adv(s.item, s.province) >= inst.model.national_eligibility_threshold);
    }
    assert!(designated > 10, "{designated} lead sites");
    assert!(
        base.duals
            .iter()
            .any(|d| matches!(d.key, RowKey::Talent { .. }) && d.binding && d.dual < -1e-9),
        "talent binds in at least one province-year"
    );
    // Keeping the plan's sites and platforms, a 30% cut costs more.
    let mut live = qiangji::analysis::live::LiveModel::open(&inst, &RunOptions::default()).unwrap();
    live.fix_integers(&base.outcome.columns).unwrap();
    let same = live.solve().unwrap().objective.unwrap();
    approx::assert_relative_eq!(same, objective(&base), max_relative = 1e-6);
    let cut = qiangji::instance::overrides::parse_set("central_budget*=0.7").unwrap();
    live.set_overrides(&[cut]).unwrap();
    let after = live.solve().unwrap().objective.unwrap();
    assert!(after > same * 1.001, "{after} vs {same}");
}
