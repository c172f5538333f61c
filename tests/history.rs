//! Hand-solved instances of docs/model.md §10 (THR) and (PIPE), derived in
//! docs/history-derivation.md: a threshold that delays an item's first
//! share, and pipeline effort and drift that lift shares before any new
//! money can act. Both response forms, the exported model solved by HiGHS
//! alone, and the checker rejecting plans that break the new rows.

mod common;

use approx::{assert_abs_diff_eq, assert_relative_eq};
use common::*;
use qiangji::check::{check_plan, CheckOptions};
use qiangji::instance::Instance;
use qiangji::model::{ResponseForm, RowKey};
use qiangji::plan::Plan;
use qiangji::readback::realise::{share_sources, threshold_passed_years};
use qiangji::run::{MipStart, RunOptions};
use qiangji::solve::SolveStatus;

fn both_forms() -> [RunOptions; 2] {
    [ResponseForm::Stock, ResponseForm::Direct].map(|form| RunOptions {
        response_form: form,
        ..RunOptions::default()
    })
}

fn check_options(inst: &Instance) -> CheckOptions {
    CheckOptions {
        relax: false,
        hard_targets: false,
        objective: inst.objective,
        optimal: true,
    }
}

/// Exports a fixture's MIP as LP and MPS; both files give `expected`.
fn exported_optimum_is(fixture_name: &str, expected: f64, names: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let (lp, mps) = (tmp.path().join("m.lp"), tmp.path().join("m.mps"));
    run_ok([
        "export".as_ref(),
        fixture(fixture_name).as_os_str(),
        "--lp".as_ref(),
        lp.as_os_str(),
        "--mps".as_ref(),
        mps.as_os_str(),
    ]);
    assert_relative_eq!(solve_model_file(&lp), expected, max_relative = 1e-7);
    assert_relative_eq!(solve_model_file(&mps), expected, max_relative = 1e-7);
    let text = std::fs::read_to_string(&lp).unwrap();
    for name in names {
        assert!(text.contains(name), "the export names {name}");
    }
}

/// x (Θ = 2, 1.5 effort a year, no lag): Q = 1.5, 3, 4.5 and
/// x = 0.1, 0.1 + 0.1·1, 0.1 + 0.1·2.5. Objective = −1e4 · 100 · 0.65/3.
#[test]
fn a_threshold_delays_the_first_share() {
    let inst = load_dir(&fixture("threshold_delay"));
    let expected = -1e4 * 100.0 * (0.1 + 0.2 + 0.35) / 3.0;
    for opts in both_forms() {
        let r = solve(&inst, &opts);
        assert_eq!(r.outcome.status, SolveStatus::Optimal);
        assert_relative_eq!(objective(&r), expected, max_relative = 1e-7);
        let plan = r.plan.as_ref().unwrap();
        for (t, level) in [0.1, 0.2, 0.35].into_iter().enumerate() {
            assert_abs_diff_eq!(plan.model_level(&inst, 0, t), level, epsilon = 1e-7);
            assert_abs_diff_eq!(r.realised.as_ref().unwrap()[[0, t]], level, epsilon = 1e-7);
        }
        for (t, passed) in [0.0, 1.0, 1.0].into_iter().enumerate() {
            assert_abs_diff_eq!(plan.threshold_passed[[0, t]], passed, epsilon = 1e-6);
        }
        assert_eq!(threshold_passed_years(&inst, plan), vec![Some(Some(2025))]);
    }
    // The same money without the threshold: 0.25, 0.40, 0.55 from 2024 on.
    let mut without = inst.clone();
    without.items[0].rd_threshold = 0.0;
    let r = solve(&without, &RunOptions::default());
    assert_relative_eq!(
        objective(&r),
        -1e4 * 100.0 * (0.25 + 0.4 + 0.55) / 3.0,
        max_relative = 1e-7
    );
}

/// The structured MIP start keeps working with threshold binaries: it hands
/// HiGHS a plan, and the optimum is the one HiGHS finds from scratch.
#[test]
fn the_structured_start_handles_threshold_binaries() {
    let inst = load_dir(&fixture("threshold_delay"));
    let structured = solve(&inst, &RunOptions::default());
    let alone = solve(
        &inst,
        &RunOptions {
            mip_start: MipStart::None,
            ..RunOptions::default()
        },
    );
    let start = structured.mip_start.expect("the structured start ran");
    assert!(start.incumbent.is_finite());
    assert_relative_eq!(
        objective(&structured),
        objective(&alone),
        max_relative = 1e-9
    );
}

#[test]
fn the_threshold_export_solves_to_the_same_optimum() {
    exported_optimum_is(
        "threshold_delay",
        -1e4 * 100.0 * (0.1 + 0.2 + 0.35) / 3.0,
        &[
            "b(x,2025)",
            "THR_threshold_order(x,2024)",
            "THR_threshold_gate(x,2026)",
        ],
    );
}

/// y: pipeline 0.5 (2021, lag 2: in effect in 2024) and 1.0 (2023: from
/// 2025); 2024's 1 亿元 arrives in 2026. z drifts 0.2 → 0.25 → 0.3 (its
/// ceiling). Objective = 1 − 1e4 · 100 · 1.5/6 = −249999.
#[test]
fn pipeline_effort_lifts_a_share_before_new_money_acts() {
    let inst = load_dir(&fixture("pipeline_drift"));
    let y = inst.items.iter().position(|i| i.id == "y").unwrap();
    let z = inst.items.iter().position(|i| i.id == "z").unwrap();
    for opts in both_forms() {
        let r = solve(&inst, &opts);
        assert_relative_eq!(objective(&r), -249_999.0, max_relative = 1e-9);
        let plan = r.plan.as_ref().unwrap();
        let realised = r.realised.as_ref().unwrap();
        for (t, (sy, sz)) in [(0.15, 0.2), (0.25, 0.25), (0.35, 0.3)]
            .into_iter()
            .enumerate()
        {
            assert_abs_diff_eq!(plan.model_level(&inst, y, t), sy, epsilon = 1e-7);
            assert_abs_diff_eq!(realised[[y, t]], sy, epsilon = 1e-7);
            assert_abs_diff_eq!(plan.model_level(&inst, z, t), sz, epsilon = 1e-7);
            assert_abs_diff_eq!(realised[[z, t]], sz, epsilon = 1e-7);
        }
        let spent: f64 = plan.effort.iter().map(|e| e.effort).sum();
        let on_y_2024: f64 = plan
            .effort
            .iter()
            .filter(|e| e.item == y && e.year == 0)
            .map(|e| e.effort)
            .sum();
        assert_relative_eq!(spent, 1.0, max_relative = 1e-9);
        assert_relative_eq!(on_y_2024, 1.0, max_relative = 1e-9);
        let parts = share_sources(&inst, plan);
        for (t, (pipe, own)) in [(0.05, 0.0), (0.15, 0.0), (0.15, 0.1)]
            .into_iter()
            .enumerate()
        {
            assert_abs_diff_eq!(parts.from_pipeline[[y, t]], pipe, epsilon = 1e-9);
            assert_abs_diff_eq!(parts.from_plan[[y, t]], own, epsilon = 1e-9);
            assert_abs_diff_eq!(parts.from_drift[[y, t]], 0.0, epsilon = 1e-12);
            assert_abs_diff_eq!(parts.from_drift[[z, t]], 0.05 * t as f64, epsilon = 1e-9);
            assert_abs_diff_eq!(parts.from_plan[[z, t]], 0.0, epsilon = 1e-9);
        }
    }
}

#[test]
fn the_pipeline_export_solves_to_the_same_optimum() {
    exported_optimum_is(
        "pipeline_drift",
        -249_999.0,
        &["PIPE_drift_ceiling(z,2026)", "R_stock(y,2024)"],
    );
}

/// Fails unless checking `plan` against `inst` reports a violation whose
/// description starts with each of `expected`.
fn caught(inst: &Instance, plan: &Plan, expected: &[&str]) {
    let report = check_plan(inst, plan, &check_options(inst), None);
    assert!(!report.passed);
    let whats: Vec<&str> = report.violations.iter().map(|v| v.what.as_str()).collect();
    for e in expected {
        assert!(whats.iter().any(|w| w.starts_with(e)), "{e}: {whats:?}");
    }
}

#[test]
fn skipping_the_threshold_is_caught() {
    let inst = load_dir(&fixture("threshold_delay"));
    let r = solve(&inst, &RunOptions::default());
    // Claim a share in 2024 with the threshold marked passed: the gate
    // holds, but Q − Θ = 1.5 − 2 cannot pay for it.
    let mut plan = r.plan.clone().unwrap();
    plan.threshold_passed[[0, 0]] = 1.0;
    plan.segments[[0, 0, 0]] = 0.05;
    caught(&inst, &plan, &["R response(x,2024)"]);
    // A share with the threshold not passed breaks the gate.
    let mut plan = r.plan.clone().unwrap();
    plan.threshold_passed[[0, 1]] = 0.0;
    caught(&inst, &plan, &["THR threshold_gate(x,2025)"]);
    // Passed in 2025, then not passed again in 2026.
    let mut plan = r.plan.clone().unwrap();
    plan.threshold_passed[[0, 2]] = 0.0;
    caught(&inst, &plan, &["THR threshold_order(x,2025)"]);
}

#[test]
fn a_share_above_the_drifted_ceiling_is_caught() {
    let inst = load_dir(&fixture("pipeline_drift"));
    let r = solve(&inst, &RunOptions::default());
    let z = inst.items.iter().position(|i| i.id == "z").unwrap();
    let mut plan = r.plan.clone().unwrap();
    // Within z's segment width (0.1), above what drift leaves (0 in 2026).
    plan.segments[[z, 0, 2]] = 0.05;
    caught(&inst, &plan, &["PIPE drift_ceiling(z,2026)"]);
    // Without the pipeline, y's 2025 level is not paid for.
    let mut no_pipeline = inst.clone();
    no_pipeline.pipeline.iter_mut().for_each(Vec::clear);
    caught(
        &no_pipeline,
        r.plan.as_ref().unwrap(),
        &["R response(y,2025)", "realised sreal(y,2025)"],
    );
}

#[test]
fn threshold_and_drift_rows_are_reported_by_meaning() {
    let inst = load_dir(&fixture("threshold_delay"));
    let r = solve(&inst, &RunOptions::default());
    assert!(r
        .duals
        .iter()
        .any(|d| matches!(d.key, RowKey::ThresholdGate { item: 0, year: 2 })));
    let inst = load_dir(&fixture("pipeline_drift"));
    let r = solve(&inst, &RunOptions::default());
    assert!(r
        .duals
        .iter()
        .any(|d| matches!(d.key, RowKey::DriftCeiling { year: 2, .. })));
}
