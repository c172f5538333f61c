//! Warm sweeps (live model modified in place) give the same objectives as
//! cold rebuilds at every point, and breakpoints are where the basis changes.

mod common;

use approx::assert_relative_eq;
use common::*;
use qiangji::analysis::sweep::{run_sweep, SweepOptions, SweepParam};
use qiangji::generate::{generate, GenerateOptions};
use qiangji::instance::overrides::Op;
use qiangji::run::RunOptions;

fn p(text: &str, op: Op) -> SweepParam {
    SweepParam::parse(text, op).unwrap()
}

fn compare(
    inst: &qiangji::instance::Instance,
    param: SweepParam,
    from: f64,
    to: f64,
    points: usize,
    reoptimise_integers: bool,
) {
    let opts = |cold| SweepOptions {
        param: param.clone(),
        from,
        to,
        points,
        cold,
        reoptimise_integers,
        run: RunOptions::default(),
    };
    let warm = run_sweep(inst, &opts(false)).unwrap();
    let cold = run_sweep(inst, &opts(true)).unwrap();
    assert_eq!(warm.points.len(), points);
    for (w, c) in warm.points.iter().zip(&cold.points) {
        assert_eq!(w.status, c.status, "{:?} at {}", param, w.value);
        match (w.objective, c.objective) {
            (Some(a), Some(b)) => assert_relative_eq!(a, b, max_relative = 1e-7, epsilon = 1e-9),
            (None, None) => {}
            other => panic!("{param:?} at {}: {other:?}", w.value),
        }
    }
}

#[test]
fn warm_equals_cold_on_hand_solved_instances() {
    let demo = load_dir(&demo());
    compare(&demo, p("central_budget", Op::Scale), 0.2, 1.5, 7, false);
    compare(&demo, p("provincial_budget", Op::Scale), 0.1, 1.2, 6, false);
    compare(&demo, p("talent", Op::Scale), 0.05, 1.0, 5, false);
    compare(
        &demo,
        p("target_level[target=core_2026]", Op::Set),
        0.45,
        0.75,
        7,
        false,
    );
    compare(&demo, p("target_level", Op::Add), -0.1, 0.05, 4, false);
    compare(&demo, p("gain", Op::Scale), 0.5, 2.0, 6, false);
    compare(
        &demo,
        p("gain[area=materials]", Op::Scale),
        0.5,
        2.0,
        4,
        false,
    );
    compare(&demo, p("gain[item=chip]", Op::Scale), 0.5, 2.0, 4, false);
    let short = load_dir(&fixture("budget_short"));
    compare(
        &short,
        p("provincial_budget", Op::Scale),
        0.0,
        3.0,
        13,
        false,
    );
    let chain = load_dir(&fixture("chain_binds"));
    compare(&chain, p("gain[item=eda]", Op::Scale), 0.2, 3.0, 8, false);
    let site = load_dir(&fixture("site_decision"));
    compare(&site, p("central_budget", Op::Scale), 0.01, 1.0, 5, true);
}

#[test]
fn warm_equals_cold_on_a_generated_instance() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("g");
    generate(&GenerateOptions::new(12, 6, 6, 5), &dir).unwrap();
    let inst = load_dir(&dir);
    compare(&inst, p("central_budget", Op::Scale), 0.5, 1.5, 5, false);
    compare(
        &inst,
        p("gain[area=components]", Op::Scale),
        0.7,
        1.3,
        4,
        false,
    );
}

#[test]
fn breakpoints_are_where_the_budget_stops_binding() {
    // budget_short: every extra 亿元 of the 2 亿元 budget saves 9 until the
    // budget reaches 4 (scale 2), where the target is met; beyond it the plan
    // no longer changes.
    let inst = load_dir(&fixture("budget_short"));
    let opts = SweepOptions {
        param: p("provincial_budget", Op::Scale),
        from: 0.5,
        to: 3.0,
        points: 6,
        cold: false,
        reoptimise_integers: false,
        run: RunOptions::default(),
    };
    let r = run_sweep(&inst, &opts).unwrap();
    let objectives: Vec<f64> = r.points.iter().map(|p| p.objective.unwrap()).collect();
    for (o, e) in objectives.iter().zip([31.0, 22.0, 13.0, 4.0, 4.0, 4.0]) {
        assert_relative_eq!(*o, e, max_relative = 1e-9);
    }
    assert_eq!(r.breakpoints, vec![(2.0, 2.5)]);
    assert_relative_eq!(r.points[0].central_budget_dual_sum.unwrap(), 0.0);
}

#[test]
fn sweep_command_writes_csv_breakpoints_and_chart() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sweep");
    run_ok([
        "sweep",
        fixture("budget_short").to_str().unwrap(),
        "--param",
        "provincial_budget",
        "--op",
        "scale",
        "--from",
        "0.5",
        "--to",
        "3",
        "--steps",
        "6",
        "--out",
        out.to_str().unwrap(),
    ]);
    let csv = std::fs::read_to_string(out.join("sweep.csv")).unwrap();
    assert!(csv.starts_with("value,value_in_unit,unit,over_selection,status,objective_yi,spend_yi,central_budget_dual_sum,achieved_y_2025,shortfall_y_2025,basis_changed"));
    assert_eq!(csv.lines().count(), 7);
    assert_eq!(
        std::fs::read_to_string(out.join("breakpoints.csv")).unwrap(),
        "from_value,to_value\n2,2.5\n"
    );
    let svg = std::fs::read_to_string(out.join("sweep.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("polyline"));
    // The page shows each point in the parameter's unit beside the
    // multiplier, as sweep.csv does: the provincial budgets summed.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("in the parameter&#39;s unit (亿元/yr, sum over"),
        "no column"
    );
    for line in csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let (multiplier, in_unit): (f64, f64) =
            (cells[0].parse().unwrap(), cells[1].parse().unwrap());
        assert!(in_unit > multiplier, "{line}");
        let row = format!(r#"<tr><td class="num" data-v="{multiplier}">"#);
        let beside = &html[html.find(&row).expect("a row per point")..];
        let next_cell = &beside[row.len()..];
        let next_cell = &next_cell[next_cell.find("<td").unwrap()..];
        let shown: f64 = next_cell
            .strip_prefix(r#"<td class="num" data-v=""#)
            .and_then(|rest| rest.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{line}: {}", &next_cell[..80]));
        assert!((shown - in_unit).abs() < 1e-6, "{line}: {shown}");
    }
    assert_eq!(
        exit_code([
            "sweep",
            demo().to_str().unwrap(),
            "--param",
            "weather",
            "--op",
            "scale",
            "--from",
            "0",
            "--to",
            "1",
            "--steps",
            "3",
            "--out",
            tmp.path().join("x").to_str().unwrap(),
        ]),
        Some(2)
    );
}

#[test]
fn the_live_model_updates_in_place_or_rebuilds_and_agrees_with_a_fresh_model() {
    use qiangji::analysis::live::{LiveModel, Refresh};
    use qiangji::instance::overrides::{apply_all, parse_set};
    let inst = load_dir(&demo());
    let mut live = LiveModel::open(&inst, &RunOptions::default()).unwrap();
    live.solve().unwrap();
    for (text, expected) in [
        ("central_budget[year=2025]=5", Refresh::InPlace),
        ("provincial_budget[province=west]*=0.5", Refresh::InPlace),
        ("gain[item=chip]*=1.3", Refresh::InPlace),
        ("target_level[target=core_2026]=0.55", Refresh::InPlace),
        ("s0[item=alloy]=0.3", Refresh::Rebuilt),
        ("funding_per_effort[mode=chain]*=1.2", Refresh::Rebuilt),
    ] {
        let ov = parse_set(text).unwrap();
        assert_eq!(
            live.set_overrides(std::slice::from_ref(&ov)).unwrap(),
            expected,
            "{text}"
        );
        let warm = live.solve().unwrap().objective.unwrap();
        let fresh = solve(&apply_all(&inst, &[ov]).unwrap(), &RunOptions::default());
        assert_relative_eq!(warm, objective(&fresh), max_relative = 1e-7);
    }
    // Back to the base instance.
    live.set_overrides(&[]).unwrap();
    let base = objective(&solve(&inst, &RunOptions::default()));
    assert_relative_eq!(
        live.solve().unwrap().objective.unwrap(),
        base,
        max_relative = 1e-7
    );
}

#[test]
fn one_province_budget_and_any_scenario_parameter_can_be_swept() {
    let inst = load_dir(&demo());
    compare(
        &inst,
        p("provincial_budget[province=east]", Op::Set),
        2.0,
        12.0,
        6,
        false,
    );
    compare(&inst, p("s0[item=alloy]", Op::Add), -0.1, 0.1, 5, false);
    compare(
        &inst,
        p("funding_per_effort[mode=enterprise]", Op::Scale),
        0.8,
        1.2,
        3,
        false,
    );
    assert!(SweepParam::parse("allowed_modes[tier=general]", Op::Set)
        .unwrap_err()
        .contains("cannot be swept"));
    assert_eq!(
        p("gain[area=materials]", Op::Scale).label(),
        "gain[area=materials] (× base value)"
    );
    assert_eq!(
        p("target_level[target=core_2026]", Op::Set).label(),
        "target_level[target=core_2026] (value, share)"
    );
}
