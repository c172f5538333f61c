//! (CONT-M) continuity per instrument and (END) the end of the horizon
//! (docs/model.md §10): hand-solved optima (derivations in
//! docs/end-and-continuity-derivation.md), HiGHS alone on the export, the
//! checker on corrupted plans, and bad input.

mod common;

use std::fs;
use std::path::Path;

use approx::assert_relative_eq;
use common::*;
use qiangji::check::{check_plan, CheckOptions};
use qiangji::instance::{load, Continuity, Instance, LoadOptions};
use qiangji::model::RowKey;
use qiangji::plan::totals::funding_by_mode_year;
use qiangji::run::RunOptions;

/// Funding of instrument `mode` in each year of the plan [亿元].
fn mode_funding(inst: &Instance, plan: &qiangji::plan::Plan, mode: &str) -> Vec<f64> {
    let m = inst.model.mode_by_id(mode).unwrap().index();
    funding_by_mode_year(inst, plan)
        .row(m)
        .iter()
        .map(|s| s.total_yi())
        .collect()
}

/// instrument_continuity: without continuity 25/6 + 5 = 9.166667; with the
/// per-instrument rule the chain programme cannot stop after 2024
/// (25/6 × 2.44 = 61/6) and enterprise money is split 2024/2025 so that its
/// decline stays within 20% (5 + 0.8 × 20/9): 305/18 = 16.944444. The same
/// rule per area allows switching instruments: 671/54 = 12.425926.
#[test]
fn continuity_per_instrument_keeps_an_instrument_from_stopping() {
    let inst = load_dir(&fixture("instrument_continuity"));
    assert!(inst.mode_continuity.is_some() && inst.continuity.is_none());
    let r = solve(&inst, &RunOptions::default());
    assert_relative_eq!(objective(&r), 305.0 / 18.0, max_relative = 1e-8);
    let plan = r.plan.as_ref().unwrap();
    let chain = mode_funding(&inst, plan, "chain");
    assert_relative_eq!(chain[0], 25.0 / 6.0, max_relative = 1e-8);
    assert_relative_eq!(chain[1], 0.8 * 25.0 / 6.0, max_relative = 1e-8);
    assert_relative_eq!(chain[2], 0.64 * 25.0 / 6.0, max_relative = 1e-8);
    let enterprise = mode_funding(&inst, plan, "enterprise");
    assert_relative_eq!(enterprise[0], 25.0 / 9.0, max_relative = 1e-8);
    assert_relative_eq!(enterprise[1], 20.0 / 9.0, max_relative = 1e-8);
    assert!(r
        .duals
        .iter()
        .any(|d| matches!(d.key, RowKey::ModeContinuityDecline { .. }) && d.binding));

    let mut free = inst.clone();
    free.mode_continuity = None;
    assert_relative_eq!(
        objective(&solve(&free, &RunOptions::default())),
        25.0 / 6.0 + 5.0,
        max_relative = 1e-8
    );
    let mut per_area = free;
    per_area.continuity = Some(Continuity {
        max_growth: 0.5,
        max_decline: 0.2,
        ramp_yi: vec![10.0],
    });
    assert_relative_eq!(
        objective(&solve(&per_area, &RunOptions::default())),
        671.0 / 54.0,
        max_relative = 1e-8
    );
}

/// horizon_end: the 2026 target needs 3 effort units by 2025; with the
/// horizon's end valued at 20 亿元 per share (ω_end 0.002 × 100 × λ 100),
/// each effort unit of 2026 buys 0.1 share after 2026 worth 2 亿元 for 1
/// 亿元, up to the ceiling: 7 units, objective 3 + 7 − 20 × 0.7 = −4. With
/// "none" the last year is not funded: objective 3.
#[test]
fn valuing_the_horizon_end_keeps_funding_the_last_year() {
    let inst = load_dir(&fixture("horizon_end"));
    assert_eq!(inst.horizon_end.map(|h| h.weight), Some(0.002));
    assert_relative_eq!(inst.end_value_per_share(0), 20.0, max_relative = 1e-12);
    let r = solve(&inst, &RunOptions::default());
    assert_relative_eq!(objective(&r), -4.0, max_relative = 1e-8);
    let plan = r.plan.as_ref().unwrap();
    let spent = mode_funding(&inst, plan, "enterprise");
    assert_relative_eq!(spent[0] + spent[1], 3.0, max_relative = 1e-8);
    assert_relative_eq!(spent[2], 7.0, max_relative = 1e-8);
    let after = qiangji::readback::objective::bought_after_horizon(&inst, plan);
    assert_relative_eq!(after[0].share, 0.7, max_relative = 1e-8);
    assert_relative_eq!(after[0].realised_share, 0.7, max_relative = 1e-8);
    assert_relative_eq!(after[0].value_yi, 14.0, max_relative = 1e-8);
    let terms = r.objective_terms.unwrap();
    assert_relative_eq!(terms.horizon_end_term_yi, -14.0, max_relative = 1e-8);

    let mut none = inst.clone();
    none.horizon_end = None;
    let r = solve(&none, &RunOptions::default());
    assert_relative_eq!(objective(&r), 3.0, max_relative = 1e-8);
    let spent = mode_funding(&none, r.plan.as_ref().unwrap(), "enterprise");
    assert!(
        spent[2].abs() < 1e-9,
        "the last year is not funded: {spent:?}"
    );
}

/// `qiangji export` writes both families with readable names, and HiGHS
/// alone on the files finds the optimum `solve` found.
#[test]
fn exported_families_solve_to_the_same_objective() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, optimum, names) in [
        (
            "instrument_continuity",
            305.0 / 18.0,
            [
                "CONT-M_mode_continuity_decline(chain,2025)",
                "FM(chain,2024)",
            ],
        ),
        (
            "horizon_end",
            -4.0,
            ["END_response_after_horizon(x)", "zpost(x,1)"],
        ),
    ] {
        let mps = tmp.path().join(format!("{name}.mps"));
        let lp = tmp.path().join(format!("{name}.lp"));
        let (inst, mps_arg, lp_arg) = (fixture(name), mps.clone(), lp.clone());
        run_ok([
            "export".as_ref(),
            inst.as_os_str(),
            "--mps".as_ref(),
            mps_arg.as_os_str(),
            "--lp".as_ref(),
            lp_arg.as_os_str(),
        ] as [&std::ffi::OsStr; 6]);
        assert_relative_eq!(solve_file(&mps), optimum, max_relative = 1e-7);
        assert_relative_eq!(solve_file(&lp), optimum, max_relative = 1e-7);
        let text = fs::read_to_string(&mps).unwrap();
        for n in names {
            assert!(text.contains(n), "{name}: the MPS file lacks {n}");
        }
    }
}

fn check_options(inst: &Instance) -> CheckOptions {
    CheckOptions {
        relax: false,
        hard_targets: false,
        objective: inst.objective,
        optimal: true,
    }
}

/// Violations of a plan whose check must fail, as text.
fn failed_checks(inst: &Instance, plan: &qiangji::plan::Plan) -> Vec<String> {
    let report = check_plan(inst, plan, &check_options(inst), None);
    assert!(!report.passed, "the corrupted plan passed");
    report.violations.iter().map(|v| v.what.clone()).collect()
}

#[test]
fn stopping_an_instrument_is_caught() {
    let inst = load_dir(&fixture("instrument_continuity"));
    let mut plan = solve(&inst, &RunOptions::default()).plan.unwrap();
    let chain = inst.model.mode_by_id("chain").unwrap();
    for e in plan
        .effort
        .iter_mut()
        .filter(|e| e.mode == chain && e.year > 0)
    {
        e.effort = 0.0;
    }
    let what = failed_checks(&inst, &plan);
    assert!(
        what.iter()
            .any(|w| w.starts_with("CONT-M mode_continuity_decline(chain,2025)")),
        "{what:?}"
    );
}

#[test]
fn a_share_after_the_horizon_without_the_effort_is_caught() {
    let inst = load_dir(&fixture("horizon_end"));
    let mut plan = solve(&inst, &RunOptions::default()).plan.unwrap();
    for e in plan.effort.iter_mut().filter(|e| e.year == 2) {
        e.effort = 0.0;
    }
    let what = failed_checks(&inst, &plan);
    assert!(
        what.iter()
            .any(|w| w.starts_with("END response_after_horizon(x)")),
        "{what:?}"
    );
    assert!(
        what.iter()
            .any(|w| w.starts_with("END realised level after the horizon(x)")),
        "{what:?}"
    );
    // Unvalued, the horizon's end buys nothing in the model.
    let mut none = inst.clone();
    none.horizon_end = None;
    let plan = solve(&inst, &RunOptions::default()).plan.unwrap();
    let what = failed_checks(&none, &plan);
    assert!(
        what.iter().any(|w| w.starts_with("bound zpost(x,1) ≤ 0")),
        "{what:?}"
    );
}

/// A copy of fixture `base` with instance.toml rewritten by `edit`: the
/// load error as text, and the line of the first line holding `marker`.
fn refused(
    base: &str,
    dir: &Path,
    edit: impl Fn(String) -> String,
    marker: &str,
) -> (String, usize) {
    fs::create_dir_all(dir).unwrap();
    for entry in fs::read_dir(fixture(base)).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    let path = dir.join("instance.toml");
    let model = fixture("simple_model.toml").display().to_string();
    let text = edit(
        fs::read_to_string(&path)
            .unwrap()
            .replace("../simple_model.toml", &model),
    );
    let line = text
        .lines()
        .position(|l| l.contains(marker))
        .expect("marker written")
        + 1;
    fs::write(&path, text).unwrap();
    match load(dir, &LoadOptions::default()) {
        Ok(_) => panic!("{base} with {marker:?} was accepted"),
        Err(e) => (e.to_string(), line),
    }
}

#[test]
fn bad_horizon_end_and_instrument_continuity_are_refused_by_file_line_and_field() {
    let tmp = tempfile::tempdir().unwrap();
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
    );
    // (fixture, text replaced, replacement, marker of the line named, fragments)
    let cases: [Case; 6] = [
        (
            "instrument_continuity",
            "ramp_yi = 10.0\n",
            "ramp_yi = 10.0\n[continuity.modes.ramp_yi_by_mode]\nlab = 5\n",
            "lab = 5",
            &[
                "field `continuity.modes.ramp_yi_by_mode.lab`",
                "unknown instrument",
            ],
        ),
        (
            "instrument_continuity",
            "ramp_yi = 10.0\n",
            "ramp_yi = 10.0\n[continuity.modes.ramp_yi_by_mode]\nchain = -5\n",
            "chain = -5",
            &[
                "field `continuity.modes.ramp_yi_by_mode.chain`",
                "must be ≥ 0",
            ],
        ),
        (
            "instrument_continuity",
            "max_decline = 0.2",
            "max_decline = 1.5",
            "max_decline = 1.5",
            &[
                "field `continuity.modes.max_decline`",
                "decline share in [0, 1]",
            ],
        ),
        (
            "instrument_continuity",
            "[continuity.modes]",
            "[continuity]\nmax_growth = 0.5\n[continuity.modes]",
            "[continuity]",
            &["field `continuity.max_decline`", "together"],
        ),
        (
            "horizon_end",
            "value = \"penalty\"",
            "value = \"salvage\"",
            "salvage",
            &["field `horizon_end.value`", "must be \"penalty\""],
        ),
        (
            "horizon_end",
            "weight = 0.002",
            "weight = -1",
            "weight = -1",
            &["field `horizon_end.weight`", "must be a weight in [0, 10]"],
        ),
    ];
    for (i, (base, from, to, marker, fragments)) in cases.into_iter().enumerate() {
        let dir = tmp.path().join(i.to_string());
        let (message, line) = refused(base, &dir, |t| t.replace(from, to), marker);
        let at = format!("instance.toml line {line}");
        for f in fragments.iter().copied().chain([at.as_str()]) {
            assert!(message.contains(f), "case {i}: {message:?} lacks {f:?}");
        }
    }
}

/// `qiangji solve` on horizon_end writes what is bought after the horizon:
/// after_horizon.csv (70 points, worth 14 亿元), summary.json and report.md.
#[test]
fn the_outputs_show_what_is_bought_after_the_horizon() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let (inst, dir) = (fixture("horizon_end"), out.clone());
    run_ok([
        "solve".as_ref(),
        inst.as_os_str(),
        "--out".as_ref(),
        dir.as_os_str(),
    ] as [&std::ffi::OsStr; 4]);
    let csv = fs::read_to_string(out.join("after_horizon.csv")).unwrap();
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(row[0], "x");
    let number = |i: usize| row[i].parse::<f64>().unwrap();
    assert_relative_eq!(number(1), 0.2, max_relative = 1e-9);
    assert_relative_eq!(number(2), 70.0, max_relative = 1e-6);
    assert_relative_eq!(number(3), 70.0, max_relative = 1e-6);
    assert_relative_eq!(number(4), 14.0, max_relative = 1e-6);
    let summary: qiangji::results::summary::Summary =
        serde_json::from_str(&fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let after = summary
        .after_horizon
        .expect("after_horizon in summary.json");
    assert_relative_eq!(after[0].bought_points, 70.0, max_relative = 1e-6);
    let report = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("Bought after the horizon"), "{report}");
}
