//! (CT) count targets (docs/model.md §10): the hand-solved instance of
//! docs/count-target-derivation.md, its export, its checker rules and its
//! pre-solve diagnosis.

mod common;

use std::fs;

use approx::assert_relative_eq;
use common::*;
use qiangji::check::check_plan;
use qiangji::instance::diagnose::{diagnose, Severity};
use qiangji::model::{ResponseForm, RowKey};
use qiangji::run::RunOptions;
use qiangji::solve::SolveStatus;

/// Chip to 50% (its first segment, 0.2/(0.02·2.25) effort units, national
/// in east) and bearing to 60% (0.1/(0.03·1.5), enterprise in east), both
/// spent in 2025 (discounted once); alloy (0.2 to climb, 5.98 effort units)
/// is left unfunded.
const CHIP_EFFORT: f64 = 0.2 / (0.02 * 2.25);
const BEARING_EFFORT: f64 = 0.1 / (0.03 * 1.5);

fn expected_objective() -> f64 {
    (CHIP_EFFORT + BEARING_EFFORT) / 1.03
}

fn item_effort(inst: &qiangji::instance::Instance, plan: &qiangji::plan::Plan, id: &str) -> f64 {
    plan.effort
        .iter()
        .filter(|e| inst.items[e.item].id == id)
        .map(|e| e.effort)
        .sum()
}

fn assured(inst: &qiangji::instance::Instance, plan: &qiangji::plan::Plan, id: &str) -> f64 {
    plan.assured
        .iter()
        .find(|a| inst.items[a.item].id == id)
        .expect("every item of a count target has a[k,g]")
        .value
}

#[test]
fn count_target_assures_the_two_cheapest_items() {
    let inst = load_dir(&fixture("count_target"));
    for form in [ResponseForm::Stock, ResponseForm::Direct] {
        let r = solve(
            &inst,
            &RunOptions {
                response_form: form,
                ..RunOptions::default()
            },
        );
        assert_eq!(r.outcome.status, SolveStatus::Optimal);
        assert_relative_eq!(objective(&r), expected_objective(), max_relative = 1e-7);
        let plan = r.plan.as_ref().unwrap();
        assert_relative_eq!(
            item_effort(&inst, plan, "chip"),
            CHIP_EFFORT,
            max_relative = 1e-6
        );
        assert_relative_eq!(
            item_effort(&inst, plan, "bearing"),
            BEARING_EFFORT,
            max_relative = 1e-6
        );
        assert!(
            item_effort(&inst, plan, "alloy") < 1e-7,
            "alloy is unfunded"
        );
        assert_eq!(assured(&inst, plan, "chip"), 1.0);
        assert_eq!(assured(&inst, plan, "bearing"), 1.0);
        assert_eq!(assured(&inst, plan, "alloy"), 0.0);
        assert!(plan.shortfall[0] < 1e-9, "two of three meets 60%");
        // Realised levels count the same two items: chip at 50%, bearing at 60%.
        let realised = r.realised.as_ref().unwrap();
        let (count, size) = qiangji::readback::realise::assured_count(&inst, 0, realised, 2);
        assert_eq!((count, size), (2, 3));
        // The weighted mean of the same plan: (40·0.5 + 30·0.6 + 30·0.4)/100.
        let weighted =
            qiangji::readback::realise::group_level(&inst, &inst.targets[0].items, realised, 2);
        assert_relative_eq!(weighted, 0.50, max_relative = 1e-6);
    }
}

/// The LP relaxation pays for each fractional a[k,g] its share of the climb
/// from s0: bearing whole (2.22 effort units) and 0.8 of chip's (0.8 ×
/// 4.44), the cheapest per unit of a; a relaxation that counted s0 would
/// meet the level for free.
#[test]
fn count_target_relaxation_pays_for_the_climb() {
    let inst = load_dir(&fixture("count_target"));
    let r = solve(&inst, &relaxed());
    assert_relative_eq!(
        objective(&r),
        (BEARING_EFFORT + 0.8 * CHIP_EFFORT) / 1.03,
        max_relative = 1e-7
    );
}

#[test]
fn exported_count_target_solves_to_the_same_optimum() {
    let tmp = tempfile::tempdir().unwrap();
    let mps = tmp.path().join("count.mps");
    let lp = tmp.path().join("count.lp");
    run_ok([
        "export".as_ref(),
        fixture("count_target").as_os_str(),
        "--mps".as_ref(),
        mps.as_os_str(),
        "--lp".as_ref(),
        lp.as_os_str(),
    ]);
    assert_relative_eq!(solve_file(&mps), expected_objective(), max_relative = 1e-7);
    assert_relative_eq!(solve_file(&lp), expected_objective(), max_relative = 1e-7);
    let text = fs::read_to_string(&mps).unwrap();
    assert!(text.contains("a(alloy,core_count_2026)"), "a[k,g] is named");
    assert!(
        text.contains("CT_assured(core_count_2026,alloy,2026)"),
        "the assured rows are named"
    );
    assert!(text.contains("G_target(core_count_2026,2026)"));
}

/// The check of the optimal plan with a[`item`, g] set to `value`.
fn check_with_assured(item: &str, value: f64) -> qiangji::check::CheckReport {
    let inst = load_dir(&fixture("count_target"));
    let r = solve(&inst, &RunOptions::default());
    let mut plan = r.plan.clone().unwrap();
    let k = inst.items.iter().position(|i| i.id == item).unwrap();
    plan.assured.iter_mut().find(|a| a.item == k).unwrap().value = value;
    check_plan(&inst, &plan, &check_options(&inst), None)
}

#[test]
fn counting_an_item_below_its_threshold_is_caught() {
    let report = check_with_assured("alloy", 1.0);
    assert!(!report.passed);
    let whats: Vec<&str> = report.violations.iter().map(|v| v.what.as_str()).collect();
    assert!(
        whats.contains(&"CT assured(core_count_2026,alloy)"),
        "{whats:?}"
    );
    assert!(whats.iter().any(|w| w.starts_with(
        "CT count_target(core_count_2026): items counted ≤ items whose realised share"
    )));
}

#[test]
fn a_count_short_of_the_level_without_shortfall_is_caught() {
    let report = check_with_assured("chip", 0.0);
    assert!(!report.passed);
    assert!(
        report
            .violations
            .iter()
            .any(|v| v.what == "CT count_target(core_count_2026)"
                && (v.amount - (0.6 - 1.0 / 3.0)).abs() < 1e-9),
        "{:?}",
        report.violations
    );
}

/// Copies the fixture with `edit` applied to one of its files.
fn variant(file: &str, edit: impl Fn(String) -> String) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("count_target");
    fs::create_dir_all(&dir).unwrap();
    for entry in fs::read_dir(fixture("count_target")).unwrap() {
        let entry = entry.unwrap();
        let text = fs::read_to_string(entry.path()).unwrap();
        let text = if entry.file_name() == file {
            edit(text)
        } else {
            text
        };
        fs::write(dir.join(entry.file_name()), text).unwrap();
    }
    let model = repo().join("models/default.toml");
    let manifest = dir.join("instance.toml");
    let text = fs::read_to_string(&manifest)
        .unwrap()
        .replace("../../../models/default.toml", model.to_str().unwrap());
    fs::write(manifest, text).unwrap();
    (tmp, dir)
}

#[test]
fn items_whose_ceiling_is_below_their_threshold_make_the_level_impossible() {
    // Alloy is assured at 90% but can reach only 85% (smax): two of three
    // items can ever count, and the level asks for all three.
    let (_tmp, dir) = variant("instance.toml", |t| {
        t.replace("level = 0.60", "level = 1.0")
    });
    let items = fs::read_to_string(dir.join("items.csv"))
        .unwrap()
        .replace("0.025,0.6,", "0.025,0.9,");
    fs::write(dir.join("items.csv"), items).unwrap();
    let found = diagnose(&load_dir(&dir));
    let errors: Vec<_> = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{found:?}");
    let e = &errors[0].at;
    assert_eq!(e.file, "instance.toml");
    assert_eq!(e.field.as_deref(), Some("targets.level"));
    assert_eq!(e.line, Some(19));
    assert!(
        e.rule.contains("count target `core_count_2026`"),
        "{}",
        e.rule
    );
    assert!(e.rule.contains("only 2 can ever reach it"), "{}", e.rule);
    assert!(
        e.rule.contains("alloy (assured at 90.0%; at most 85.0%)"),
        "{}",
        e.rule
    );
}

#[test]
fn a_target_year_inside_the_lags_is_diagnosed_for_count_targets() {
    // In 2024 nothing has taken effect (lag 1), no item is assured at its
    // initial share, and the level needs two.
    let (_tmp, dir) = variant("instance.toml", |t| t.replace("year = 2026", "year = 2024"));
    let found = diagnose(&load_dir(&dir));
    let errors: Vec<_> = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{found:?}");
    assert_eq!(errors[0].at.field.as_deref(), Some("targets.year"));
    assert!(
        errors[0].at.rule.contains("only 0 can reach it by 2024"),
        "{}",
        errors[0].at.rule
    );
}

#[test]
fn count_target_dual_is_reported_under_the_target_row() {
    let inst = load_dir(&fixture("count_target"));
    let r = solve(&inst, &RunOptions::default());
    assert!(r
        .duals
        .iter()
        .any(|d| matches!(d.key, RowKey::Assured { .. })));
}

/// `qiangji solve` on the fixture into `out` with `extra` arguments; its summary.json.
fn solve_fixture(out: &std::path::Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "solve".into(),
        fixture("count_target").into_os_string(),
        "--out".into(),
        out.as_os_str().to_owned(),
    ];
    args.extend(extra.iter().map(std::ffi::OsString::from));
    run_ok(args);
    serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap()
}

/// Both measures reach every output; `target_assured_at` raises chip's
/// threshold to 60% (8.148 effort units), so bearing and alloy become the
/// cheapest pair: (2.222 + 5.983)/1.03.
#[test]
fn outputs_show_both_measures_and_a_scenario_moves_the_threshold() {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("base");
    let summary = solve_fixture(&base, &[]);
    let t = &summary["targets"][0];
    assert_eq!(t["metric"], "count");
    assert_eq!(t["count_assured"], 2);
    assert_eq!(t["count_items"], 3);
    assert_relative_eq!(
        t["count_share"].as_f64().unwrap(),
        2.0 / 3.0,
        max_relative = 1e-6
    );
    assert_relative_eq!(
        t["weighted_level"].as_f64().unwrap(),
        0.5,
        max_relative = 1e-6
    );
    let targets = fs::read_to_string(base.join("targets.csv")).unwrap();
    assert!(
        targets
            .lines()
            .next()
            .unwrap()
            .ends_with("metric,weighted_realised,count_assured,count_items,count_share"),
        "{targets}"
    );
    assert!(targets.contains(",count,0.5,2,3,0.666667"), "{targets}");
    let groups = fs::read_to_string(base.join("target_groups.csv")).unwrap();
    // Every year of the group, both measures.
    assert_eq!(groups.lines().count(), 1 + 3);
    assert!(groups.contains("core_count_2026,components+materials,2026,count,0.5,2,3,0.666667\n"));
    assert!(
        groups.contains("core_count_2026,components+materials,2024,count,0.39,0,3,0\n"),
        "before any effort acts no item is at its threshold: {groups}"
    );
    let report = fs::read_to_string(base.join("report.md")).unwrap();
    assert!(report.contains("| core_count_2026 (count) |"), "{report}");
    assert!(report.contains("| 50.0% | 2 of 3 (66.7%) |"), "{report}");
    let html = fs::read_to_string(base.join("report.html")).unwrap();
    assert!(
        html.contains("<td>core_count_2026 (count)</td>"),
        "count target marked"
    );
    assert!(
        html.contains(r#"<td class="num" data-v="0.6666666666666666">2 / 3 (66.7%)</td>"#),
        "items assured in report.html"
    );
    assert!(html.contains("items assured (realised)"));

    // comparison.csv carries both measures of every target.
    let folder = qiangji::results::read_folder(&base).unwrap();
    let row = qiangji::analysis::compare::comparison::case_row(&folder, "base", "base");
    let comparison = qiangji::analysis::compare::comparison::Comparison {
        targets: vec![("core_count_2026".into(), 2026, 0.6)],
        rows: vec![row],
    };
    let csv = String::from_utf8(comparison.csv().unwrap()).unwrap();
    let (header, line) = csv.split_once('\n').unwrap();
    let column = |name: &str| {
        let i = header.split(',').position(|h| h == name).expect(name);
        line.split(',').nth(i).unwrap().to_string()
    };
    assert_eq!(column("core_count_2026_weighted_share"), "0.5");
    assert_eq!(column("core_count_2026_items_assured"), "2");
    assert_eq!(column("core_count_2026_items_in_group"), "3");

    // diff names the change of items assured: a level of 30% needs one
    // item, the cheapest (bearing).
    let one = tmp.path().join("one");
    solve_fixture(&one, &["--set", "target_level[target=core_count_2026]=0.3"]);
    let out = tmp.path().join("diff");
    run_ok([
        "diff".as_ref(),
        base.as_os_str(),
        one.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let diff = fs::read_to_string(out.join("diff.csv")).unwrap();
    let assured = diff
        .lines()
        .find(|l| l.contains("target core_count_2026 (2026): items assured"))
        .unwrap_or_else(|| panic!("items assured in diff.csv: {diff}"));
    assert!(assured.contains(",items,2,1,"), "{assured}");

    let moved = tmp.path().join("moved");
    let summary = solve_fixture(
        &moved,
        &["--set", "target_assured_at[target=core_count_2026]=0.6"],
    );
    let alloy = 0.15 / (0.025 * 1.56) + 0.05 / (0.025 * 0.6 * 1.56);
    assert_relative_eq!(
        summary["objective"].as_f64().unwrap(),
        (BEARING_EFFORT + alloy) / 1.03,
        max_relative = 1e-6
    );
}

/// A sweep holds the base plan's integer decisions — lead sites, platforms
/// and the items it counts as assured — so its point at × 1 is the solved
/// plan itself: the same objective, not one that counts no item as assured.
#[test]
fn a_sweep_holds_the_items_the_plan_counts_as_assured() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sweep");
    run_ok([
        "sweep",
        fixture("count_target").to_str().unwrap(),
        "--param",
        "central_budget",
        "--op",
        "scale",
        "--from",
        "1",
        "--to",
        "2",
        "--steps",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    let csv = fs::read_to_string(out.join("sweep.csv")).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let objective = header.iter().position(|c| *c == "objective_yi").unwrap();
    let objectives: Vec<f64> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(objective).unwrap().parse().unwrap())
        .collect();
    assert_eq!(objectives.len(), 2, "{csv}");
    // More budget than the plan spends changes nothing.
    for got in objectives {
        assert_relative_eq!(got, expected_objective(), max_relative = 1e-6);
    }
}
