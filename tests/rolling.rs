//! `qiangji solve --rolling N`: a plan made window by window, each deciding
//! its N years with foresight of N more, beside the perfect-foresight plan.
//! The myopia fixture is derived in docs/end-and-continuity-derivation.md:
//! a 2027 target needs every provincial 亿元 of 2024–2026 (10 a year), so
//! one-year windows see it only in 2026 and fall 40 points short
//! (objective 10 + 4,000 against 30), while two-year windows see it from
//! the first and make the perfect-foresight plan.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use approx::assert_relative_eq;
use common::*;
use qiangji::analysis::rolling::solve_rolling;
use qiangji::run::RunOptions;

fn solve_cli(instance: &Path, out: &Path, rolling: &str) -> std::process::Output {
    run_ok([
        "solve".as_ref(),
        instance.as_os_str(),
        "--rolling".as_ref(),
        OsStr::new(rolling),
        "--out".as_ref(),
        out.as_os_str(),
    ] as [&OsStr; 6])
}

/// rolling.csv as rows of named fields.
fn rolling_rows(out: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = fs::read_to_string(out.join("rolling.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
    lines
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(l.split(',').map(String::from))
                .collect()
        })
        .collect()
}

fn number(row: &std::collections::HashMap<String, String>, field: &str) -> f64 {
    row[field]
        .parse()
        .unwrap_or_else(|_| panic!("{field} = {}", row[field]))
}

#[test]
fn a_window_as_long_as_the_horizon_is_the_perfect_foresight_plan() {
    for dir in [demo(), fixture("myopia")] {
        let inst = load_dir(&dir);
        let perfect = objective(&solve(&inst, &RunOptions::default()));
        let case = solve_rolling(&inst, &RunOptions::default(), inst.years.len(), None).unwrap();
        assert_relative_eq!(objective(&case.result), perfect, max_relative = 1e-7);
        let rolling = case.analyses.rolling.expect("the rolling record");
        assert_eq!(rolling.windows.len(), 1);
        assert_relative_eq!(rolling.rolling.objective_yi, perfect, max_relative = 1e-7);
    }
}

#[test]
fn short_windows_cost_at_least_perfect_foresight_and_the_plan_is_checked() {
    let inst = load_dir(&demo());
    let perfect = objective(&solve(&inst, &RunOptions::default()));
    for n in [1, 2] {
        let case = solve_rolling(&inst, &RunOptions::default(), n, None).unwrap();
        let check = case
            .result
            .check
            .as_ref()
            .expect("the rolling plan is checked");
        assert!(check.passed, "{:?}", check.violations);
        assert!(objective(&case.result) >= perfect - 1e-6 * perfect.abs());
    }
    let inst = load_dir(&fixture("myopia"));
    let one_year = solve_rolling(&inst, &RunOptions::default(), 1, None).unwrap();
    assert!(one_year.result.check.as_ref().unwrap().passed);
    assert_relative_eq!(objective(&one_year.result), 4010.0, max_relative = 1e-7);
    let two_years = solve_rolling(&inst, &RunOptions::default(), 2, None).unwrap();
    assert_relative_eq!(objective(&two_years.result), 30.0, max_relative = 1e-7);
}

#[test]
fn rolling_csv_has_one_row_per_window_with_its_years() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("rolling");
    solve_cli(&fixture("myopia"), &out, "1");
    let rows = rolling_rows(&out);
    assert_eq!(rows.len(), 4);
    for (w, row) in rows.iter().enumerate() {
        let year = (2024 + w).to_string();
        assert_eq!(row["window"], (w + 1).to_string());
        assert_eq!(row["decided_from"], year);
        assert_eq!(row["decided_to"], year);
        assert_eq!(row["seen_from"], year);
        assert_eq!(row["seen_to"], (2024 + w + 1).min(2027).to_string());
    }
    // Only the third window sees the 2027 target and spends its 10 亿元.
    let spend: Vec<f64> = rows
        .iter()
        .map(|r| number(r, "real_spend_decided_yi"))
        .collect();
    assert_eq!(spend, vec![0.0, 0.0, 10.0, 0.0]);
    let last = &rows[3];
    assert_relative_eq!(
        number(last, "window_objective_yi"),
        4010.0,
        max_relative = 1e-7
    );
    assert_relative_eq!(
        number(last, "x_2027_level_rolling"),
        0.2,
        max_relative = 1e-7
    );
    assert_relative_eq!(
        number(last, "x_2027_level_perfect"),
        0.6,
        max_relative = 1e-7
    );
    assert_relative_eq!(
        number(last, "x_2027_shortfall_rolling"),
        0.4,
        max_relative = 1e-7
    );
    assert_eq!(number(last, "x_2027_shortfall_perfect"), 0.0);
    // Every usual checked file of solve is written for the rolling plan.
    for file in ["allocation.csv", "targets.csv", "summary.json", "duals.csv"] {
        assert!(out.join(file).exists(), "{file} missing");
    }
    let targets = fs::read_to_string(out.join("targets.csv")).unwrap();
    assert!(
        targets.lines().nth(1).unwrap().contains(",false,"),
        "{targets}"
    );

    let out = tmp.path().join("two");
    solve_cli(&fixture("myopia"), &out, "2");
    let rows = rolling_rows(&out);
    let years: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["decided_from"].as_str(),
                r["decided_to"].as_str(),
                r["seen_from"].as_str(),
                r["seen_to"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        years,
        vec![
            ("2024", "2025", "2024", "2027"),
            ("2026", "2027", "2026", "2027")
        ]
    );
}

#[test]
fn the_report_compares_the_rolling_plan_with_perfect_foresight() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("rolling");
    solve_cli(&fixture("myopia"), &out, "1");
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    let section = md
        .split("## Cost of myopia")
        .nth(1)
        .expect("a Cost of myopia section");
    assert!(section.contains("| Measure | Rolling plan | Perfect foresight |"));
    assert!(
        section.contains("| Objective [亿元] | 4010 | 30 |"),
        "{section}"
    );
    assert!(section.contains("| Targets met | 0 | 1 |"), "{section}");
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("Cost of myopia"));
    assert!(html.contains("Rolling plan") && html.contains("Perfect foresight"));
    assert!(html.contains("myopia-spending"), "the spending chart");

    let plain = tmp.path().join("plain");
    run_ok([
        "solve".as_ref(),
        fixture("myopia").as_os_str(),
        "--out".as_ref(),
        plain.as_os_str(),
    ] as [&OsStr; 4]);
    assert!(!plain.join("rolling.csv").exists());
    let md = fs::read_to_string(plain.join("report.md")).unwrap();
    assert!(!md.contains("Cost of myopia"));
}

#[test]
fn bad_rolling_values_are_input_errors_naming_the_flag() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("never");
    for bad in ["0", "-1", "five", "2.5", ""] {
        let output = qiangji()
            .args(["solve".as_ref(), demo().as_os_str(), "--rolling".as_ref()])
            .arg(bad)
            .args(["--out".as_ref(), out.as_os_str()] as [&OsStr; 2])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "--rolling {bad:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("--rolling"), "{stderr}");
        assert!(!out.exists(), "nothing written for --rolling {bad:?}");
    }
    let sensitivity = exit_code([
        "sensitivity".as_ref(),
        demo().as_os_str(),
        "--rolling".as_ref(),
        "1".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ] as [&OsStr; 6]);
    assert_eq!(sensitivity, Some(2));
    assert!(!out.exists());
}
