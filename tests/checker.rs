//! The independent checker catches deliberately corrupted plans.

mod common;

use common::*;
use qiangji::check::check_plan;
use qiangji::run::RunOptions;

#[test]
fn a_solved_plan_passes() {
    let inst = load_dir(&demo());
    let r = solve(&inst, &RunOptions::default());
    let report = check_plan(
        &inst,
        r.plan.as_ref().unwrap(),
        &check_options(&inst),
        r.outcome.objective,
    );
    assert!(report.passed);
    assert!(report.max_violation < 1e-9);
    assert!(report.checks > 100);
}

#[test]
fn overspending_the_central_budget_is_caught() {
    let inst = load_dir(&demo());
    let r = solve(&inst, &RunOptions::default());
    let mut plan = r.plan.clone().unwrap();
    // Chip's national effort in 2025 is paid centrally: push it past Bc = 20.
    let national = inst.model.mode_by_id("national").unwrap();
    let e = plan
        .effort
        .iter_mut()
        .find(|e| e.effort > 1.0 && e.mode == national)
        .unwrap();
    e.effort += 15.0;
    let report = check_plan(&inst, &plan, &check_options(&inst), None);
    assert!(!report.passed);
    assert!(
        report
            .violations
            .iter()
            .any(|v| v.what.starts_with("BC central_budget(2025)")),
        "{:?}",
        report.violations
    );
    assert!(report.max_violation >= 3.0 - 1e-6);
}

#[test]
fn an_unearned_self_sufficiency_gain_is_caught() {
    let inst = load_dir(&demo());
    let r = solve(&inst, &RunOptions::default());
    let mut plan = r.plan.clone().unwrap();
    // Remove the effort behind bearing's gain: the response row must fail.
    for e in plan
        .effort
        .iter_mut()
        .filter(|e| inst.items[e.item].id == "bearing")
    {
        e.effort = 0.0;
    }
    let report = check_plan(&inst, &plan, &check_options(&inst), None);
    assert!(!report.passed);
    assert!(
        report
            .violations
            .iter()
            .any(|v| v.what.starts_with("R response(bearing,2026)")),
        "{:?}",
        report.violations
    );
}

#[test]
fn fractional_sites_wrong_objective_and_hidden_shortfall_are_caught() {
    let inst = load_dir(&demo());
    let r = solve(&inst, &RunOptions::default());
    let mut plan = r.plan.clone().unwrap();
    plan.sites[0].value = 0.5;
    let report = check_plan(
        &inst,
        &plan,
        &check_options(&inst),
        Some(r.outcome.objective.unwrap() - 1.0),
    );
    assert!(report
        .violations
        .iter()
        .any(|v| v.what.starts_with("integrality of y(chip,east)")));
    assert!(report
        .violations
        .iter()
        .any(|v| v.what.starts_with("objective")));

    let mut plan = r.plan.clone().unwrap();
    // Claim a segment gain without lowering anything else: the target row still
    // holds, but the shortfall no longer matches the accounting if raised.
    plan.shortfall[0] = 0.05;
    let report = check_plan(&inst, &plan, &check_options(&inst), None);
    assert!(
        report
            .violations
            .iter()
            .any(|v| v.what.starts_with("G shortfall accounting")),
        "{:?}",
        report.violations
    );
}

#[test]
fn effort_in_a_forbidden_mode_is_caught() {
    let inst = load_dir(&demo());
    let r = solve(&inst, &RunOptions::default());
    let mut plan = r.plan.clone().unwrap();
    let mut e = plan.effort[0];
    // bearing is `general`: only enterprise effort is allowed.
    e.item = 1;
    e.mode = inst.model.mode_by_id("national").unwrap();
    e.effort = 1.0;
    plan.effort.push(e);
    let report = check_plan(&inst, &plan, &check_options(&inst), None);
    assert!(report
        .violations
        .iter()
        .any(|v| v.what.contains("not an allowed instrument")));
}
