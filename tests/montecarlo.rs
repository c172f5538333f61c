//! Monte Carlo: reproducible for a seed whatever the workers, consistent with
//! the base plan at zero variation, and drawing factors with mean 1.

mod common;

use std::collections::BTreeMap;

use approx::assert_relative_eq;
use common::*;
use qiangji::analysis::montecarlo::{quantile, run_montecarlo, unit_lognormal, MonteCarloOptions};
use qiangji::run::RunOptions;
use rand::SeedableRng;
use rand_distr::Distribution;

fn opts(samples: usize, cv: f64, workers: usize, evaluate_plan: bool) -> MonteCarloOptions {
    MonteCarloOptions {
        samples,
        cv,
        seed: 42,
        uncertain_budgets: true,
        evaluate_plan,
        workers,
        run: RunOptions::default(),
    }
}

#[test]
fn samples_are_reproducible_whatever_the_number_of_workers() {
    let inst = load_dir(&demo());
    let a = run_montecarlo(&inst, &opts(24, 0.3, 1, false)).unwrap();
    let b = run_montecarlo(&inst, &opts(24, 0.3, 3, false)).unwrap();
    for (x, y) in a.samples.iter().zip(&b.samples) {
        assert_eq!(x.index, y.index);
        assert_relative_eq!(
            x.objective.unwrap(),
            y.objective.unwrap(),
            max_relative = 1e-9
        );
        assert_eq!(x.met, y.met);
    }
    let spread: Vec<f64> = a.samples.iter().map(|s| s.objective.unwrap()).collect();
    assert!(
        spread.iter().any(|o| (o - spread[0]).abs() > 1e-6),
        "samples differ"
    );
}

#[test]
fn zero_variation_reproduces_the_base_plan() {
    let inst = load_dir(&demo());
    let r = run_montecarlo(&inst, &opts(5, 0.0, 2, false)).unwrap();
    for s in &r.samples {
        assert_relative_eq!(s.objective.unwrap(), r.base_objective, max_relative = 1e-9);
        assert!(s.met.iter().all(|m| *m));
    }
    let e = run_montecarlo(&inst, &opts(5, 0.0, 2, true)).unwrap();
    assert!(e.samples.iter().all(|s| s.met.iter().all(|m| *m)));
}

#[test]
fn a_plan_made_exactly_for_the_target_is_at_risk_under_uncertainty() {
    // The demo plan reaches its 60% exactly, so lower gains miss it: the
    // probability of meeting it with the base plan is well below one.
    let inst = load_dir(&demo());
    let r = run_montecarlo(&inst, &opts(200, 0.2, 2, true)).unwrap();
    let p = r.samples.iter().filter(|s| s.met[0]).count() as f64 / 200.0;
    assert!(p > 0.1 && p < 0.9, "P(met) = {p}");
}

#[test]
fn factors_have_mean_one_and_the_given_variation() {
    let d = unit_lognormal(0.2);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let xs: Vec<f64> = (0..40_000).map(|_| d.sample(&mut rng)).collect();
    let mean = xs.iter().sum::<f64>() / xs.len() as f64;
    let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64).sqrt();
    assert_relative_eq!(mean, 1.0, max_relative = 0.01);
    assert_relative_eq!(sd / mean, 0.2, max_relative = 0.05);
    assert_relative_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.5), 3.0);
    assert_relative_eq!(quantile(&[1.0, 2.0], 0.25), 1.25);
}

#[test]
fn montecarlo_command_writes_quantiles_and_probabilities() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("mc");
    run_ok([
        "montecarlo",
        demo().to_str().unwrap(),
        "--samples",
        "20",
        "--cv",
        "0.2",
        "--seed",
        "3",
        "--out",
        out.to_str().unwrap(),
    ]);
    for f in [
        "samples.csv",
        "quantiles.csv",
        "probability_met.csv",
        "report.md",
        "summary.json",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    assert_eq!(
        std::fs::read_to_string(out.join("samples.csv"))
            .unwrap()
            .lines()
            .count(),
        21
    );
}

#[test]
fn a_kept_plan_under_drawn_budgets_reports_how_far_it_overruns_them() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("mc");
    run_ok([
        "montecarlo",
        demo().to_str().unwrap(),
        "--samples",
        "40",
        "--cv",
        "0.3",
        "--seed",
        "5",
        "--evaluate-plan",
        "--uncertain-budgets",
        "--out",
        out.to_str().unwrap(),
    ]);
    let samples = std::fs::read_to_string(out.join("samples.csv")).unwrap();
    let header: Vec<&str> = samples.lines().next().unwrap().split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "budget_overrun_yi")
        .expect("an overrun column");
    let overruns: Vec<f64> = samples
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(col).unwrap().parse().unwrap())
        .collect();
    assert_eq!(overruns.len(), 40);
    assert!(overruns.iter().all(|o| *o >= 0.0));
    // Budgets drawn 30% around the base ones: some samples cut a budget the
    // plan uses, others leave room.
    assert!(overruns.iter().any(|o| *o > 1e-6), "{overruns:?}");
    assert!(std::fs::read_to_string(out.join("quantiles.csv"))
        .unwrap()
        .contains("budget_overrun,亿元,40,"));
    assert!(std::fs::read_to_string(out.join("report.md"))
        .unwrap()
        .contains("The base plan fits the drawn budgets in"));
}

/// A re-planned run states both probabilities from the same draws: the
/// kept-plan column equals what `--evaluate-plan` finds with the same seed,
/// and equals the share of `base_plan_kept_met` samples; each carries its
/// standard error, and report.md and the printed summary name both.
#[test]
fn a_replanned_run_also_says_how_often_the_kept_plan_meets_each_target() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |name: &str, extra: &[&str]| {
        let out = tmp.path().join(name);
        let mut args: Vec<String> = ["montecarlo", demo().to_str().unwrap()]
            .into_iter()
            .chain(["--samples", "30", "--cv", "0.4", "--seed", "11", "--out"])
            .chain([out.to_str().unwrap()])
            .map(str::to_string)
            .collect();
        args.extend(extra.iter().map(|s| s.to_string()));
        let printed = String::from_utf8(run_ok(args).stdout).unwrap();
        (out, printed)
    };
    let (replanned, printed) = run("replanned", &[]);
    let (kept, _) = run("kept", &["--evaluate-plan"]);
    let rows = |dir: &std::path::Path, file: &str| -> Vec<BTreeMap<String, String>> {
        let mut r = csv::Reader::from_path(dir.join(file)).unwrap();
        let headers = r.headers().unwrap().clone();
        r.records()
            .map(|rec| {
                let rec = rec.unwrap();
                headers
                    .iter()
                    .map(str::to_string)
                    .zip(rec.iter().map(str::to_string))
                    .collect()
            })
            .collect()
    };
    let p_replanned = rows(&replanned, "probability_met.csv");
    let p_kept = rows(&kept, "probability_met.csv");
    let samples = rows(&replanned, "samples.csv");
    assert_eq!(p_replanned.len(), p_kept.len());
    for (r, k) in p_replanned.iter().zip(&p_kept) {
        assert_eq!(r["plans"], "re-planned per draw");
        assert_eq!(k["plans"], "base plan kept");
        let f = |m: &BTreeMap<String, String>, c: &str| m[c].parse::<f64>().unwrap();
        approx::assert_abs_diff_eq!(
            f(r, "probability_met_base_plan_kept"),
            f(k, "probability_met"),
            epsilon = 1e-9
        );
        let id = &r["target"];
        let kept_met = samples
            .iter()
            .filter(|s| s[&format!("base_plan_kept_met_{id}")] == "true")
            .count() as f64
            / 30.0;
        approx::assert_abs_diff_eq!(
            f(r, "probability_met_base_plan_kept"),
            kept_met,
            epsilon = 1e-9
        );
        let p = f(r, "probability_met");
        approx::assert_abs_diff_eq!(
            f(r, "standard_error"),
            (p * (1.0 - p) / 30.0).sqrt(),
            epsilon = 1e-6
        );
    }
    let md = std::fs::read_to_string(replanned.join("report.md")).unwrap();
    assert!(
        md.contains("probability met, re-planned per draw | probability met, base plan kept"),
        "{md}"
    );
    assert!(
        printed.contains("re-planned per draw;") && printed.contains("with the base plan kept"),
        "{printed}"
    );
}
