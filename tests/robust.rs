//! `robust`: the sample-average plan of docs/model.md §11 (ROB). The
//! two-item instance of docs/robust-derivation.md, the model's agreement with
//! the deterministic one when every draw is the same, the independent check
//! of the robust plan, and bad input.

mod common;

use approx::assert_relative_eq;
use common::*;
use qiangji::analysis::robust::{run_robust, RobustRun, RobustRunOptions, RobustStart};
use qiangji::check::check_plan;
use qiangji::instance::Instance;
use qiangji::model::robust::{CvarBound, RobustOptions};
use qiangji::run::RunOptions;

fn options(samples: usize, cv: f64, robust: RobustOptions) -> RobustRunOptions {
    RobustRunOptions {
        samples,
        cv,
        seed: 1,
        robust,
        validation_samples: 10 * samples,
        evpi_draws: 0,
        workers: 2,
        run: RunOptions::default(),
    }
}

fn two_items() -> Instance {
    load_dir(&fixture("robust_two_items"))
}

fn reliable(p: f64) -> RobustOptions {
    RobustOptions {
        reliability: Some(p),
        cvar: None,
    }
}

fn probability(run: &RobustRun, robust: bool, out_of_sample: bool) -> f64 {
    let plan = match robust {
        true => &run.study.robust,
        false => &run.study.deterministic,
    };
    let judged = match out_of_sample {
        true => &plan.out_of_sample,
        false => &plan.in_sample,
    };
    judged.outcomes.targets[0].probability_met
}

#[test]
fn two_items_the_robust_plan_meets_its_target_in_nine_draws_of_ten_at_a_higher_cost() {
    let inst = two_items();
    let run = run_robust(&inst, &options(100, 0.2, reliable(0.9))).unwrap();
    let study = &run.study;
    // The deterministic plan buys the target exactly at the mean gain: a
    // draw meets it when the effort-weighted gain factor is at least 1, a
    // little less often than half the time (the lognormal's median is below
    // its mean; docs/robust-derivation.md).
    assert_relative_eq!(study.deterministic.real_spend_yi, 6.0, epsilon = 1e-6);
    let det = probability(&run, false, true);
    assert!((0.35..=0.55).contains(&det), "deterministic P(met) {det}");
    // The robust plan meets it in 90 of the 100 draws it was made for, and in
    // at least 85% of 1000 fresh draws.
    assert_relative_eq!(probability(&run, true, false), 0.9, epsilon = 1e-12);
    let robust = probability(&run, true, true);
    assert!(robust >= 0.85, "robust P(met) out of sample {robust}");
    assert_eq!(study.robust.out_of_sample.outcomes.samples, 1000);
    // At a higher cost: about 6 / q, q the 10% quantile of the mean factor.
    assert!(
        study.robust.real_spend_yi > 6.3,
        "{}",
        study.robust.real_spend_yi
    );
    assert!(
        study.robust.real_spend_yi < 8.5,
        "{}",
        study.robust.real_spend_yi
    );
    assert_eq!(study.draws_to_meet, Some(90));
    // The robust plan's expected shortfall out of sample is smaller.
    let shortfall = |p: &qiangji::analysis::robust::PlanJudgement| {
        p.out_of_sample.expected_shortfall_points[0].value
    };
    assert!(shortfall(&study.robust) < shortfall(&study.deterministic) / 3.0);
}

#[test]
fn with_every_draw_the_same_the_robust_plan_is_the_deterministic_optimum() {
    // cv = 0: every draw is the base instance, so (ROB) is S copies of the
    // second stage under one plan and its optimum is the deterministic one.
    for inst in [load_dir(&demo()), two_items()] {
        let det = solve(&inst, &RunOptions::default());
        let run = run_robust(&inst, &options(3, 0.0, RobustOptions::default())).unwrap();
        assert_relative_eq!(
            run.study.robust_objective_yi,
            objective(&det),
            max_relative = 1e-6
        );
        assert_relative_eq!(objective(&run.result), objective(&det), max_relative = 1e-6);
        // Every draw alike: the deterministic sites are optimal, and the LP
        // relaxation of (ROB) proves it as it proves the deterministic MIP's.
        assert_ne!(run.study.start, RobustStart::Own);
        assert_relative_eq!(run.study.vss.value, 0.0, epsilon = 1e-6);
    }
}

#[test]
fn a_cvar_bound_of_zero_meets_the_target_in_every_draw() {
    let inst = two_items();
    let cvar = RobustOptions {
        reliability: None,
        cvar: Some(CvarBound {
            beta: 0.9,
            epsilon_points: 0.0,
        }),
    };
    let run = run_robust(&inst, &options(40, 0.2, cvar)).unwrap();
    assert_relative_eq!(probability(&run, true, false), 1.0);
    let loose = run_robust(&inst, &options(40, 0.2, reliable(0.9))).unwrap();
    assert!(run.study.robust.real_spend_yi > loose.study.robust.real_spend_yi);
}

#[test]
fn the_robust_plan_passes_the_independent_check_of_the_base_instance() {
    let inst = two_items();
    let run = run_robust(&inst, &options(30, 0.2, reliable(0.9))).unwrap();
    let plan = run.result.plan.as_ref().unwrap();
    assert!(run.result.check.as_ref().unwrap().passed);
    let again = check_plan(&inst, plan, &check_options(&inst), None);
    assert!(again.passed, "{:?}", again.violations);
    // The same check is not vacuous: with less budget than the plan spends,
    // it fails.
    let mut poorer = inst.clone();
    poorer.provincial_budget_yi.fill(6.0);
    let rejected = check_plan(&poorer, plan, &check_options(&poorer), None);
    assert!(!rejected.passed);
}

#[test]
fn robust_writes_the_plan_robust_csv_and_a_report_section_in_chinese() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("robust");
    let output = run_ok([
        "robust".as_ref(),
        fixture("robust_two_items").as_os_str(),
        "--samples".as_ref(),
        "20".as_ref(),
        "--reliability".as_ref(),
        "0.9".as_ref(),
        "--evpi-draws".as_ref(),
        "3".as_ref(),
        "--lang".as_ref(),
        "zh".as_ref(),
        "--out".as_ref(),
        dir.as_os_str(),
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("EVPI"), "{stdout}");
    let files = entries(&dir);
    for name in ["allocation.csv", "robust.csv", "report.md", "report.html"] {
        assert!(files.contains(&name.to_string()), "{files:?}");
    }
    let csv = std::fs::read_to_string(dir.join("robust.csv")).unwrap();
    // target × {deterministic, robust} × {in, out of sample}, and the header.
    assert_eq!(csv.lines().count(), 5);
    assert!(csv.contains("xy_2025,robust,out_of_sample,200,"), "{csv}");
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("稳健规划") && html.contains("robust-met"));
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(md.contains("## A plan that holds under uncertainty"));
}

#[test]
fn bad_robust_options_name_the_flag_and_the_rule_with_exit_status_2() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("never");
    let cases: [(&[&str], &str, &str); 6] = [
        (&["--samples", "0"], "--samples", "whole number ≥ 1"),
        (
            &["--samples", "5", "--reliability", "1.5"],
            "--reliability",
            "(0, 1]",
        ),
        (
            &["--samples", "5", "--reliability", "0"],
            "--reliability",
            "(0, 1]",
        ),
        (&["--samples", "5", "--cvar", "0.9"], "--cvar", "β:ε"),
        (
            &["--samples", "5", "--cvar", "1.2:0.5"],
            "--cvar",
            "β in (0, 1)",
        ),
        (&["--samples", "5", "--cvar", "0.9:-1"], "--cvar", "ε ≥ 0"),
    ];
    for (args, flag, rule) in cases {
        let result = qiangji()
            .arg("robust")
            .arg(fixture("robust_two_items"))
            .args(args)
            .arg("--out")
            .arg(&dir)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(flag) && stderr.contains(rule),
            "{args:?}: {stderr}"
        );
        assert!(!dir.exists(), "{args:?} wrote output");
    }
    // Fewer fresh draws than 10 × S is refused by the analysis itself.
    let result = qiangji()
        .arg("robust")
        .arg(fixture("robust_two_items"))
        .args(["--samples", "5", "--validation-samples", "20"])
        .arg("--out")
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--validation-samples"), "{stderr}");
    assert!(!dir.exists());
}
