//! Hand-solved instances of docs/model.md §10 (THR) and (PIPE), derived in
//! docs/history-derivation.md: a threshold that delays an item's first
//! share, and pipeline effort and drift that lift shares before any new
//! money can act. Both response forms, the exported model solved by HiGHS
//! alone, and the checker rejecting plans that break the new rows.

mod common;

use approx::{assert_abs_diff_eq, assert_relative_eq};
use common::*;
use qiangji::check::check_plan;
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
    assert_relative_eq!(solve_file(&lp), expected, max_relative = 1e-7);
    assert_relative_eq!(solve_file(&mps), expected, max_relative = 1e-7);
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

/// Copies a fixture into `dir`.
fn fixture_copy(name: &str, dir: &std::path::Path) {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(fixture(name)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
}

#[test]
fn outputs_show_thresholds_and_where_shares_come_from() {
    let tmp = tempfile::tempdir().unwrap();
    // A 2024 target on x without penalty: the optimum is unchanged, and x
    // is below its threshold in 2024, so no extra unit buys points there.
    let inst = tmp.path().join("thr");
    fixture_copy("threshold_delay", &inst);
    let mut toml = std::fs::read_to_string(inst.join("instance.toml")).unwrap();
    toml.push_str(
        "\n[[targets]]\nid = \"x_2024\"\nitems = [\"x\"]\nyear = 2024\nlevel = 0.15\npenalty_yi_per_point = 0\n",
    );
    std::fs::write(inst.join("instance.toml"), toml).unwrap();
    let out = tmp.path().join("thr_out");
    run_ok([
        "solve".as_ref(),
        inst.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["rd_thresholds"][0]["item"], "x");
    assert_eq!(summary["rd_thresholds"][0]["passed_year"], 2025);
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        report.contains(
            "- x: threshold 2 effort units of cumulative effective effort, passed in 2025"
        ),
        "{report}"
    );
    let rates = std::fs::read_to_string(out.join("exchange_rates.csv")).unwrap();
    assert!(rates.lines().next().unwrap().ends_with(",note"), "{rates}");
    assert!(
        rates.contains("0 points per extra unit from x: below the R&D threshold in 2024"),
        "{rates}"
    );
    // The same note where a planner reads the exchange rates: report.md,
    // report.html and summary.json's typed exchange rates.
    let note = "x_2024: 0 points per extra unit from x: below the R&D threshold in 2024";
    assert!(report.contains(&format!("- {note}.")), "{report}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains(&note.replace('&', "&amp;")),
        "report.html carries the threshold note"
    );
    let group = &summary["exchange_rates"]["groups"][0];
    assert_eq!(group["below_rd_threshold"][0], "x");
    assert_eq!(
        group["note"],
        "0 points per extra unit from x: below the R&D threshold in 2024"
    );

    let out = tmp.path().join("pipe_out");
    run_ok([
        "solve".as_ref(),
        fixture("pipeline_drift").as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let table = std::fs::read_to_string(out.join("self_sufficiency.csv")).unwrap();
    let header = table.lines().next().unwrap();
    assert!(
        header.contains(",from_drift,from_pipeline,from_plan,"),
        "{header}"
    );
    let row = |prefix: &str| -> Vec<f64> {
        let line = table.lines().find(|l| l.starts_with(prefix)).unwrap();
        line.split(',')
            .skip(3)
            .map(|v| v.parse().unwrap())
            .collect()
    };
    // initial, realised, model, from_drift, from_pipeline, from_plan
    let y = row("item,y,2026,");
    for (got, want) in y.iter().zip([0.1, 0.35, 0.35, 0.0, 0.15, 0.1]) {
        assert_abs_diff_eq!(*got, want, epsilon = 1e-9);
    }
    let z = row("item,z,2025,");
    for (got, want) in z.iter().zip([0.2, 0.25, 0.25, 0.05, 0.0, 0.0]) {
        assert_abs_diff_eq!(*got, want, epsilon = 1e-9);
    }
}
