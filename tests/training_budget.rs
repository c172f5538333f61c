//! (TB) the training budget, docs/model.md §10: the hand-solved cap of
//! docs/training-budget-derivation.md, its floor, the `training_budget` and
//! `training_floor` overrides by region and year, the marginal value of one
//! more 亿元 of cap, the checker rejecting a plan that breaks either limit,
//! the rows by name in the export, and the outputs that say where it binds.

mod common;

use std::fs;

use approx::assert_relative_eq;
use common::*;
use qiangji::analysis::explain::explain_plan;
use qiangji::analysis::marginal::Depth;
use qiangji::check::check_plan;
use qiangji::instance::overrides::{apply_all, parse_set};
use qiangji::instance::Instance;
use qiangji::model::RowKey;
use qiangji::run::RunOptions;

fn with(base: &Instance, sets: &[&str]) -> Instance {
    let overrides: Vec<_> = sets.iter().map(|s| parse_set(s).unwrap()).collect();
    apply_all(base, &overrides).unwrap_or_else(|e| panic!("{sets:?}: {e}"))
}

fn fails(base: &Instance, set: &str) -> String {
    apply_all(base, &[parse_set(set).unwrap()])
        .unwrap_err()
        .to_string()
}

/// The fixture without its cap: no limit anywhere.
fn uncapped() -> Instance {
    let mut inst = load_dir(&fixture("training_cap"));
    inst.training_budget = qiangji::instance::TrainingBudget::none(1, 3);
    inst
}

/// Uncapped, 25 亿元 of training in 2024 staff 25 effort units in 2025 and
/// 25 in 2026: the 50 points at 1.5 亿元 each, objective 75. A cap of 10 a
/// year gives 20 points at 1.5 and 10 at 2 (training in 2025), 50 亿元, and
/// leaves 20 points short: 100 of penalty, objective 150.
#[test]
fn a_binding_training_cap_raises_the_optimum_by_the_derived_amount() {
    let free = solve(&uncapped(), &RunOptions::default());
    assert_relative_eq!(objective(&free), 75.0, max_relative = 1e-8);
    assert!(!free
        .duals
        .iter()
        .any(|d| matches!(d.key, RowKey::TrainingBudget { .. })));

    let inst = load_dir(&fixture("training_cap"));
    let r = solve(&inst, &RunOptions::default());
    assert_relative_eq!(objective(&r), 150.0, max_relative = 1e-8);
    let plan = r.plan.as_ref().unwrap();
    assert_relative_eq!(plan.training_yi[[0, 0]], 10.0, max_relative = 1e-8);
    assert_relative_eq!(plan.training_yi[[0, 1]], 10.0, max_relative = 1e-8);
    assert!(plan.training_yi[[0, 2]].abs() < 1e-8);
    assert_relative_eq!(plan.shortfall[0], 0.2, max_relative = 1e-8);
    // One more 亿元 of 2024 training staffs 2025 and 2026: 2 points (10 of
    // penalty) for 3 亿元; in 2025 it staffs 2026 only: 1 point for 2.
    let d = |year| dual(&r, |k| *k == RowKey::TrainingBudget { province: 0, year });
    assert_relative_eq!(d(0), -7.0, max_relative = 1e-7);
    assert_relative_eq!(d(1), -3.0, max_relative = 1e-7);
    assert!(d(2).abs() < 1e-9);

    // A cap that never binds changes nothing.
    let loose = with(&inst, &["training_budget=1000"]);
    assert_relative_eq!(
        objective(&solve(&loose, &RunOptions::default())),
        75.0,
        max_relative = 1e-8
    );
}

/// The one-sided marginal values price one more 亿元 of cap where it binds,
/// in 亿元, by a re-solve or ranging that agrees with the derivation.
#[test]
fn one_more_yi_of_training_budget_is_worth_what_the_derivation_says() {
    let inst = load_dir(&fixture("training_cap"));
    let opts = RunOptions::default();
    let base = solve(&inst, &opts);
    let m = explain_plan(&inst, &opts, &base.outcome.columns, Depth::Full)
        .unwrap()
        .marginal;
    let cap = |year| {
        m.of_row(&RowKey::TrainingBudget { province: 0, year })
            .unwrap_or_else(|| panic!("cap of year {year} has a marginal value"))
    };
    assert_eq!(cap(0).unit, "亿元");
    assert_relative_eq!(cap(0).gain_of_one_more().unwrap(), 7.0, max_relative = 1e-7);
    assert_relative_eq!(cap(1).gain_of_one_more().unwrap(), 3.0, max_relative = 1e-7);
    assert!(m
        .of_row(&RowKey::TrainingBudget {
            province: 0,
            year: 2
        })
        .is_none());
}

/// A floor in the last year buys nothing (the talent would come after the
/// horizon): it costs exactly its amount, and one 亿元 less of it saves 1.
#[test]
fn a_training_floor_costs_what_it_forces() {
    let inst = with(
        &load_dir(&fixture("training_cap")),
        &["training_floor[year=2026]=4"],
    );
    let opts = RunOptions::default();
    let r = solve(&inst, &opts);
    assert_relative_eq!(objective(&r), 154.0, max_relative = 1e-8);
    assert_relative_eq!(
        r.plan.as_ref().unwrap().training_yi[[0, 2]],
        4.0,
        max_relative = 1e-8
    );
    let m = explain_plan(&inst, &opts, &r.outcome.columns, Depth::Full)
        .unwrap()
        .marginal;
    let floor = m
        .of_row(&RowKey::TrainingFloor {
            province: 0,
            year: 2,
        })
        .unwrap();
    assert_relative_eq!(
        floor.less.objective_change.unwrap(),
        -1.0,
        max_relative = 1e-7
    );
    assert_relative_eq!(
        floor.more.objective_change.unwrap(),
        1.0,
        max_relative = 1e-7
    );
}

/// "Double the training budget in the west": every western province's cap
/// doubles (here p1: 20 a year, 40 points at 1.5 and 10 at 2, objective
/// 80, the target met); the east selects no province; a cap that does not
/// exist cannot be doubled.
#[test]
fn the_training_budget_in_the_west_doubles_by_region() {
    let base = load_dir(&fixture("training_cap"));
    let doubled = with(&base, &["training_budget[region=west]*=2"]);
    assert_eq!(doubled.training_budget.cap(0, 1), Some(20.0));
    let r = solve(&doubled, &RunOptions::default());
    assert_relative_eq!(objective(&r), 80.0, max_relative = 1e-8);
    assert!(r.plan.as_ref().unwrap().shortfall[0].abs() < 1e-8);

    let later = with(&base, &["training_budget[from=2025]+=5"]);
    assert_eq!(later.training_budget.cap(0, 0), Some(10.0));
    assert_eq!(later.training_budget.cap(0, 2), Some(15.0));

    assert!(fails(&base, "training_budget[region=east]*=2").contains("selects nothing"));
    let none = fails(&uncapped(), "training_budget[region=west]*=2");
    assert!(none.contains("has no training budget in 2024"), "{none}");
    let set = with(&uncapped(), &["training_budget[region=west,year=2025]=3"]);
    assert_eq!(set.training_budget.cap(0, 1), Some(3.0));
    assert_eq!(set.training_budget.cap(0, 0), None);

    let above = fails(&base, "training_floor=11");
    assert!(above.contains("above its cap"), "{above}");
    let neg = fails(&base, "training_budget=-1");
    assert!(neg.contains("training_budget"), "{neg}");
}

/// `sweep` moves the western caps as multipliers: half the cap (5 a year)
/// buys 10 points at 1.5 and 5 at 2 and leaves 35 short, 200; one and a half
/// (15) buys 30 at 1.5 and 15 at 2, 5 short, 100; double meets the target, 80.
#[test]
fn a_sweep_moves_the_training_budget_of_a_region() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sweep");
    run_ok([
        "sweep",
        fixture("training_cap").to_str().unwrap(),
        "--param",
        "training_budget[region=west]",
        "--op",
        "scale",
        "--from",
        "0.5",
        "--to",
        "2",
        "--steps",
        "4",
        "--out",
        out.to_str().unwrap(),
    ]);
    let csv = fs::read_to_string(out.join("sweep.csv")).unwrap();
    // By header: sweep.csv has the value in the parameter's unit beside it.
    let column = csv
        .lines()
        .next()
        .unwrap()
        .split(',')
        .position(|h| h == "objective_yi")
        .expect("an objective_yi column");
    let objectives: Vec<f64> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(column).unwrap().parse().unwrap())
        .collect();
    assert_eq!(objectives.len(), 4, "{csv}");
    for (got, want) in objectives.iter().zip([200.0, 150.0, 100.0, 80.0]) {
        assert_relative_eq!(*got, want, max_relative = 1e-8);
    }
}

/// The checker re-verifies the cap and the floor from the plan alone.
#[test]
fn the_checker_rejects_training_above_its_cap_or_below_its_floor() {
    let inst = load_dir(&fixture("training_cap"));
    let r = solve(&inst, &RunOptions::default());
    let plan = r.plan.clone().unwrap();
    assert!(check_plan(&inst, &plan, &check_options(&inst), None).passed);

    let mut over = plan.clone();
    over.training_yi[[0, 0]] = 12.0;
    let report = check_plan(&inst, &over, &check_options(&inst), None);
    assert!(!report.passed);
    assert!(report
        .violations
        .iter()
        .any(|v| v.what == "TB training_budget(p1,2024)"));

    let floored = with(&inst, &["training_floor[year=2026]=4"]);
    let report = check_plan(&floored, &plan, &check_options(&floored), None);
    assert!(report
        .violations
        .iter()
        .any(|v| v.what == "TB training_floor(p1,2026)"));
}

/// The export names the rows by meaning, and HiGHS alone on it reaches the
/// hand-derived optimum.
#[test]
fn the_exported_model_names_the_training_budget_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let lp = tmp.path().join("training.lp");
    run_ok([
        "export".as_ref(),
        fixture("training_cap").as_os_str(),
        "--lp".as_ref(),
        lp.as_os_str(),
    ]);
    let text = fs::read_to_string(&lp).unwrap();
    assert!(text.contains("TB_training_budget(p1,2024)"), "{text}");
    assert_relative_eq!(solve_file(&lp), 150.0, max_relative = 1e-8);
}

/// A solve writes training_budget.csv and a report.md section that say
/// where the cap binds and what one more 亿元 there is worth; `--set` and
/// a scenario reach the parameter the same way.
#[test]
fn outputs_say_where_the_training_budget_binds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    run_ok([
        "solve",
        fixture("training_cap").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let csv = fs::read_to_string(out.join("training_budget.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "province,region,year,training_yi,cap_yi,floor_yi,binds,gain_of_relaxing_1_yi"
    );
    assert_eq!(lines[1], "p1,west,2024,10,10,0,cap,7");
    assert_eq!(lines[2], "p1,west,2025,10,10,0,cap,3");
    assert_eq!(lines[3], "p1,west,2026,0,10,0,,");
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("## Training budget"), "{md}");
    assert!(
        md.contains("| p1 | 2024 | 10.00 | cap | 7.00 亿元 |"),
        "{md}"
    );

    let scenarios = tmp.path().join("scenarios.toml");
    fs::write(
        &scenarios,
        "[west_training_x2]\ntitle = \"Double the training budget in the west\"\noverrides = [{ param = \"training_budget\", region = \"west\", scale = 2 }]\n",
    )
    .unwrap();
    let doubled = tmp.path().join("doubled");
    run_ok([
        "solve",
        fixture("training_cap").to_str().unwrap(),
        "--scenarios",
        scenarios.to_str().unwrap(),
        "--scenario",
        "west_training_x2",
        "--out",
        doubled.to_str().unwrap(),
        "--no-explain",
    ]);
    let csv = fs::read_to_string(doubled.join("training_budget.csv")).unwrap();
    assert!(csv.contains("p1,west,2024,20,20,0,cap,"), "{csv}");

    let refused = qiangji()
        .args(["solve", demo().to_str().unwrap(), "--out"])
        .arg(tmp.path().join("refused"))
        .args(["--set", "training_budget[region=west]*=2"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("--set"), "{stderr}");
    assert!(
        stderr.contains("west has no training budget in 2024"),
        "{stderr}"
    );
    assert!(!tmp.path().join("refused").exists());
}

/// summary.json carries training_budget.csv's rows as a typed part, and
/// report.html a section in English and Chinese; an instance without a
/// training cap or floor has neither.
#[test]
fn summary_and_page_carry_the_training_budget() {
    let tmp = tempfile::tempdir().unwrap();
    let solve = |name: &str, instance: &std::path::Path, lang: &str| {
        let out = tmp.path().join(name);
        run_ok([
            "solve".as_ref(),
            instance.as_os_str(),
            "--lang".as_ref(),
            lang.as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ]);
        out
    };
    let en = solve("en", &fixture("training_cap"), "en");
    let summary: qiangji::results::summary::Summary =
        serde_json::from_str(&fs::read_to_string(en.join("summary.json")).unwrap()).unwrap();
    let rows = summary.training_budget.expect("a training_budget part");
    assert_eq!(rows.len(), 3);
    let first = &rows[0];
    assert_eq!(
        (first.province.as_str(), first.region.as_str(), first.year),
        ("p1", "west", 2024)
    );
    assert_relative_eq!(first.training_yi, 10.0, epsilon = 1e-6);
    assert_eq!(first.cap_yi, Some(10.0));
    assert_eq!(first.binds.as_deref(), Some("cap"));
    assert_relative_eq!(first.gain_of_relaxing_1_yi.unwrap(), 7.0, epsilon = 1e-6);
    assert_eq!(rows[2].binds, None);
    let html = fs::read_to_string(en.join("report.html")).unwrap();
    assert!(html.contains("id=\"training-budget\""), "no section");
    assert!(html.contains("<td>cap</td>"), "no binding cap");
    assert!(html.contains("2 of 3 province-years"), "no count");

    let zh = solve("zh", &fixture("training_cap"), "zh");
    let html = fs::read_to_string(zh.join("report.html")).unwrap();
    assert!(html.contains("培训预算"), "no Chinese section");
    assert!(html.contains("<td>上限</td>"), "no Chinese binding cap");
    let md = fs::read_to_string(zh.join("report.md")).unwrap();
    assert!(md.contains("## 培训预算"), "{md}");
    assert!(md.contains("| 2024 | 10.00 | 上限 | 7.00 亿元 |"), "{md}");

    let demo_out = solve("demo", &demo(), "en");
    let json = fs::read_to_string(demo_out.join("summary.json")).unwrap();
    assert!(!json.contains("training_budget"));
    let html = fs::read_to_string(demo_out.join("report.html")).unwrap();
    assert!(!html.contains("training-budget"));
}
