//! Tornado: each group moved alone, impacts sorted, a hand-checked change.

mod common;

use approx::assert_relative_eq;
use common::*;
use qiangji::analysis::tornado::run_tornado;
use qiangji::run::RunOptions;

#[test]
fn tornado_ranks_groups_and_prices_a_mode_cost_change() {
    let inst = load_dir(&demo());
    let (base, rows) = run_tornado(&inst, 0.2, &RunOptions::default(), 2).unwrap();
    assert_relative_eq!(
        base.objective,
        (8.0 / 1.8 + 4.0 / 1.08 + 4.5 / 1.35 + 4.5 / 1.17) / 1.03,
        max_relative = 1e-7
    );
    // 4 resource groups + gains and initial shares for 2 areas + 3 mode costs.
    assert_eq!(rows.len(), 11);
    let impacts: Vec<f64> = rows.iter().map(|r| r.impact()).collect();
    assert!(
        impacts.windows(2).all(|w| w[0] >= w[1]),
        "sorted by impact: {impacts:?}"
    );
    // +20% on national funding: chip stays national in east (1.5·1.5/1.2 =
    // 1.875 > chain's 1.8 per 亿元), so the objective rises by 20% of the
    // national spending, discounted once.
    let national = rows
        .iter()
        .find(|r| r.group == "cost per effort: national")
        .unwrap();
    let national_effort = 8.0 / 1.8 + 4.0 / 1.08;
    assert_relative_eq!(
        national.high.unwrap().objective - base.objective,
        0.2 * national_effort / 1.03,
        max_relative = 1e-7
    );
    // The row carries that change, for every output to show.
    assert_relative_eq!(
        national.high_change.unwrap().objective,
        0.2 * national_effort / 1.03,
        max_relative = 1e-7
    );
    // Budgets do not bind in the demo: moving them changes nothing.
    let central = rows.iter().find(|r| r.group == "central budget").unwrap();
    assert_relative_eq!(central.impact(), 0.0, epsilon = 1e-9);
}

#[test]
fn tornado_command_writes_table_and_chart() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("t");
    run_ok([
        "tornado",
        demo().to_str().unwrap(),
        "--delta",
        "0.2",
        "--out",
        out.to_str().unwrap(),
    ]);
    let csv = std::fs::read_to_string(out.join("tornado.csv")).unwrap();
    assert_eq!(csv.lines().count(), 2 + 2 * 11);
    assert!(std::fs::read_to_string(out.join("tornado.svg"))
        .unwrap()
        .starts_with("<svg"));
    assert_eq!(
        exit_code([
            "tornado",
            demo().to_str().unwrap(),
            "--delta",
            "1.5",
            "--out",
            tmp.path().join("x").to_str().unwrap(),
        ]),
        Some(2)
    );
}
