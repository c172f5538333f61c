//! Near-optimal plans and the cost frontier (docs/model.md §11 (MGA), (FR))
//! against hand derivations: docs/alternatives-derivation.md and
//! docs/frontier-derivation.md.

mod common;

use approx::assert_relative_eq;
use common::*;
use qiangji::analysis::alternatives::{
    run_alternatives, AlternativesOptions, AlternativesResult, DirectionKind, Verdict,
};
use qiangji::analysis::frontier::{run_frontier, Axis, FrontierOptions, PointKind};
use qiangji::instance::overrides::Op;
use qiangji::run::RunOptions;
use qiangji::solve::SolveStatus;

fn alternatives(jobs: usize) -> AlternativesResult {
    let inst = load_dir(&fixture("alternatives_twin"));
    let opts = AlternativesOptions {
        slack: 0.02,
        kinds: DirectionKind::ALL.to_vec(),
        jobs,
        reoptimise_sites: false,
        run: RunOptions::default(),
    };
    run_alternatives(&inst, &opts).unwrap()
}

/// (min, max, verdict) of one direction.
fn range(result: &AlternativesResult, kind: DirectionKind, id: &str) -> (f64, f64, Verdict) {
    let r = result
        .ranges
        .iter()
        .find(|r| r.direction.kind == kind && r.direction.id == id)
        .unwrap_or_else(|| panic!("no direction {kind:?} {id}"));
    (r.min.funding_yi, r.max.funding_yi, r.verdict())
}

#[test]
fn alternatives_match_hand_derivation() {
    let result = alternatives(2);
    assert_relative_eq!(result.z_star, 50.0, epsilon = 1e-7);
    assert_relative_eq!(result.bound, 51.0, epsilon = 1e-7);
    // Underfunding a target by x effort costs 100x of penalty and saves x:
    // at most 1/99 within the slack.
    let short = 1.0 / 99.0;
    let expect = [
        (
            DirectionKind::Province,
            "north",
            20.0 - short,
            51.0,
            Verdict::Contestable,
        ),
        (
            DirectionKind::Province,
            "south",
            0.0,
            31.0,
            Verdict::Contestable,
        ),
        (
            DirectionKind::Region,
            "east",
            20.0 - short,
            51.0,
            Verdict::Contestable,
        ),
        (
            DirectionKind::Region,
            "west",
            0.0,
            31.0,
            Verdict::Contestable,
        ),
        (
            DirectionKind::Item,
            "alloy",
            30.0 - short,
            31.0,
            Verdict::Firm,
        ),
        (
            DirectionKind::Item,
            "bearing",
            20.0 - short,
            21.0,
            Verdict::Firm,
        ),
        (
            DirectionKind::Area,
            "materials",
            50.0 - short,
            51.0,
            Verdict::Firm,
        ),
        (
            DirectionKind::Mode,
            "enterprise",
            50.0 - short,
            51.0,
            Verdict::Firm,
        ),
        (DirectionKind::Mode, "national", 0.0, 0.0, Verdict::Firm),
    ];
    for (kind, id, min, max, verdict) in expect {
        let (lo, hi, v) = range(&result, kind, id);
        assert_relative_eq!(lo, min, epsilon = 1e-6);
        assert_relative_eq!(hi, max, epsilon = 1e-6);
        assert_eq!(v, verdict, "{kind:?} {id}");
    }
    // Only regions with provinces are directions; every instrument is one.
    assert_eq!(result.ranges.len(), 1 + 2 + 2 + 3 + 2);
}

#[test]
fn every_extreme_is_checked_within_the_slack_and_brackets_the_optimum() {
    let result = alternatives(1);
    for r in &result.ranges {
        for e in [&r.min, &r.max] {
            assert!(e.check.passed);
            assert!(e.objective_yi <= result.bound + 1e-6, "{:?}", r.direction);
        }
        assert!(r.min.funding_yi <= r.optimum_yi + 1e-6);
        assert!(r.max.funding_yi >= r.optimum_yi - 1e-6);
    }
    // The same ranges whatever the number of parallel jobs.
    let parallel = alternatives(2);
    for (a, b) in result.ranges.iter().zip(&parallel.ranges) {
        assert_eq!(a.direction, b.direction);
        assert_relative_eq!(a.min.funding_yi, b.min.funding_yi, epsilon = 1e-7);
        assert_relative_eq!(a.max.funding_yi, b.max.funding_yi, epsilon = 1e-7);
    }
}

#[test]
fn a_zero_slack_leaves_a_degenerate_choice_open_and_nothing_else() {
    let inst = load_dir(&fixture("alternatives_twin"));
    let opts = AlternativesOptions {
        slack: 0.0,
        kinds: vec![DirectionKind::Province, DirectionKind::Item],
        jobs: 1,
        reoptimise_sites: false,
        run: RunOptions::default(),
    };
    let result = run_alternatives(&inst, &opts).unwrap();
    let (lo, hi, v) = range(&result, DirectionKind::Province, "south");
    assert_relative_eq!(lo, 0.0, epsilon = 1e-6);
    assert_relative_eq!(hi, 30.0, epsilon = 1e-6);
    assert_eq!(v, Verdict::Contestable);
    let (lo, hi, v) = range(&result, DirectionKind::Item, "bearing");
    assert_relative_eq!(lo, 20.0, epsilon = 1e-6);
    assert_relative_eq!(hi, 20.0, epsilon = 1e-6);
    assert_eq!(v, Verdict::Firm);
}

fn frontier(from: f64, to: f64, points: usize) -> qiangji::analysis::frontier::FrontierResult {
    let inst = load_dir(&fixture("frontier_two_items"));
    let opts = FrontierOptions {
        target: "core_2025".into(),
        axis: Axis::Level,
        from,
        to,
        points,
        reoptimise_sites: false,
        run: RunOptions::default(),
    };
    run_frontier(&inst, &opts).unwrap()
}

#[test]
fn frontier_matches_hand_derivation() {
    let result = frontier(0.25, 0.65, 5);
    assert!(result.lp);
    assert_relative_eq!(result.stop_level.unwrap(), 0.7, epsilon = 1e-7);
    let breakpoints: Vec<_> = result.points.iter().filter(|p| p.breakpoint).collect();
    assert_eq!(breakpoints.len(), 1, "{:#?}", result.points);
    let bp = breakpoints[0];
    assert_eq!(bp.kind, PointKind::Breakpoint);
    assert_relative_eq!(bp.x, 0.4, epsilon = 1e-9);
    assert_relative_eq!(bp.spend_yi.unwrap(), 20.0, epsilon = 1e-7);
    let cost = |l: f64| {
        if l <= 0.4 {
            100.0 * (l - 0.2)
        } else {
            20.0 + 200.0 * (l - 0.4)
        }
    };
    for p in &result.points {
        assert_eq!(p.status, SolveStatus::Optimal);
        assert_relative_eq!(p.spend_yi.unwrap(), cost(p.x), epsilon = 1e-6);
        assert_relative_eq!(p.level.unwrap(), p.x, epsilon = 1e-8);
        if let Some(m) = p.marginal {
            let expected = if p.x <= 0.4 + 1e-9 { 1.0 } else { 2.0 };
            assert_relative_eq!(m, expected, epsilon = 1e-6);
        }
    }
}

#[test]
fn frontier_stops_where_the_ceilings_do() {
    let result = frontier(0.3, 0.9, 4);
    let stop: Vec<_> = result
        .points
        .iter()
        .filter(|p| p.kind == PointKind::Stop)
        .collect();
    assert_eq!(stop.len(), 1);
    assert_relative_eq!(stop[0].spend_yi.unwrap(), 80.0, epsilon = 1e-5);
    let beyond = result.points.iter().find(|p| p.x > 0.75).unwrap();
    assert!(beyond.spend_yi.is_none());
    assert_eq!(beyond.status, SolveStatus::Infeasible);
}

#[test]
fn budget_frontier_rises_with_the_central_budget() {
    let inst = load_dir(&demo());
    let opts = FrontierOptions {
        target: "core_2026".into(),
        axis: Axis::Budget(Op::Scale),
        from: 0.0,
        to: 1.5,
        points: 4,
        reoptimise_sites: false,
        run: RunOptions::default(),
    };
    let result = run_frontier(&inst, &opts).unwrap();
    let levels: Vec<f64> = result.points.iter().filter_map(|p| p.level).collect();
    assert!(levels.len() >= 4);
    for w in levels.windows(2) {
        assert!(w[1] >= w[0] - 1e-9, "{levels:?}");
    }
    // The central money adds reach: chip's national instrument is central.
    assert!(levels.last().unwrap() > &(levels[0] + 0.01), "{levels:?}");
}

#[test]
fn count_target_frontier_solves_each_point_as_a_mip() {
    let inst = load_dir(&fixture("count_target"));
    let opts = FrontierOptions {
        target: "core_count_2026".into(),
        axis: Axis::Level,
        from: 0.3,
        to: 1.0,
        points: 3,
        reoptimise_sites: false,
        run: RunOptions::default(),
    };
    let result = run_frontier(&inst, &opts).unwrap();
    assert!(!result.lp);
    let grid: Vec<_> = result
        .points
        .iter()
        .filter(|p| p.kind == PointKind::Grid)
        .collect();
    assert_eq!(grid.len(), 3);
    // A count target moves in whole items: a third of the items each.
    for p in result.points.iter().filter(|p| p.level.is_some()) {
        let items = 3.0 * p.level.unwrap();
        assert_relative_eq!(items, items.round(), epsilon = 1e-6);
        assert!(p.level.unwrap() >= p.x - 1e-9);
    }
}

#[test]
fn alternatives_command_writes_plan_folders_diff_can_compare() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("alt");
    let out_s = out.to_str().unwrap();
    run_ok([
        "alternatives",
        fixture("alternatives_twin").to_str().unwrap(),
        "--directions",
        "province,item",
        "--jobs",
        "2",
        "--out",
        out_s,
    ]);
    let names = entries(&out);
    for name in [
        "alternatives.csv",
        "optimum",
        "province-south-min",
        "province-south-max",
        "item-bearing-max",
        "ranges_province.svg",
        "ranges_item.svg",
        "report.md",
        "report.html",
        "summary.json",
    ] {
        assert!(
            names.contains(&name.to_string()),
            "{name} missing: {names:?}"
        );
    }
    assert!(!names.iter().any(|n| n.starts_with("area-")));
    let csv = std::fs::read_to_string(out.join("alternatives.csv")).unwrap();
    assert!(csv.starts_with("direction_kind,direction,unit,optimum,min,max,range,verdict,"));
    assert!(csv.contains("province,south,亿元,"));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("Contestable: plans costing at most 2% more"),
        "{md}"
    );
    assert!(md.contains("Firm: every plan"));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("chart-ranges-province"));
    let allocation =
        std::fs::read_to_string(out.join("province-south-max/allocation.csv")).unwrap();
    assert!(allocation.contains("south"));
    let diff = run_ok([
        "diff",
        out.join("province-south-min").to_str().unwrap(),
        out.join("province-south-max").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&diff.stdout).contains("What changed"));
    // Again into the same folder: qiangji's own output is replaced.
    run_ok([
        "alternatives",
        fixture("alternatives_twin").to_str().unwrap(),
        "--directions",
        "province",
        "--lang",
        "zh",
        "--out",
        out_s,
    ]);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("可商榷"), "{md}");
}

#[test]
fn frontier_command_writes_csv_chart_and_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("fr");
    run_ok([
        "frontier",
        fixture("frontier_two_items").to_str().unwrap(),
        "--target",
        "core_2025",
        "--from",
        "0.25",
        "--to",
        "0.65",
        "--points",
        "5",
        "--lang",
        "zh",
        "--out",
        out.to_str().unwrap(),
    ]);
    let csv = std::fs::read_to_string(out.join("frontier.csv")).unwrap();
    assert!(csv.starts_with(
        "level,level_reached,real_spending_yi,objective_yi,marginal_cost_yi_per_point,breakpoint,point,status"
    ));
    assert!(
        csv.contains("\n0.4,0.4,20,20,1,yes,breakpoint,optimal,"),
        "{csv}"
    );
    assert!(out.join("frontier.svg").is_file());
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("边际成本由每百分点 1 亿元变为 2 亿元") || md.contains("转折点"),
        "{md}"
    );
}

#[test]
fn bad_options_exit_2_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("none");
    let o = out.to_str().unwrap();
    let twin = fixture("alternatives_twin");
    let two = fixture("frontier_two_items");
    let cases: Vec<Vec<&str>> = vec![
        vec![
            "alternatives",
            twin.to_str().unwrap(),
            "--directions",
            "county",
            "--out",
            o,
        ],
        vec![
            "alternatives",
            twin.to_str().unwrap(),
            "--slack",
            "-0.1",
            "--out",
            o,
        ],
        vec![
            "frontier",
            two.to_str().unwrap(),
            "--target",
            "core_2025",
            "--out",
            o,
        ],
        vec![
            "frontier",
            two.to_str().unwrap(),
            "--target",
            "nope",
            "--from",
            "0.3",
            "--to",
            "0.5",
            "--out",
            o,
        ],
        vec![
            "frontier",
            two.to_str().unwrap(),
            "--target",
            "core_2025",
            "--budget",
            "2..1",
            "--out",
            o,
        ],
        vec![
            "frontier",
            two.to_str().unwrap(),
            "--target",
            "core_2025",
            "--from",
            "0.5",
            "--to",
            "0.3",
            "--out",
            o,
        ],
    ];
    for args in cases {
        assert_eq!(exit_code(&args), Some(2), "{args:?}");
        assert!(!out.exists(), "{args:?} wrote {}", out.display());
    }
}

#[test]
fn frontier_of_a_target_set_out_of_reach_still_traces_its_reachable_levels() {
    use qiangji::analysis::sweep::SweepParam;
    let base = load_dir(&fixture("frontier_two_items"));
    let level = SweepParam::parse("target_level[target=core_2025]", Op::Set)
        .unwrap()
        .override_at(0.9);
    let inst = qiangji::instance::overrides::apply_all(&base, &[level]).unwrap();
    let opts = FrontierOptions {
        target: "core_2025".into(),
        axis: Axis::Level,
        from: 0.25,
        to: 0.65,
        points: 3,
        reoptimise_sites: false,
        run: RunOptions::default(),
    };
    let result = run_frontier(&inst, &opts).unwrap();
    assert_relative_eq!(result.stop_level.unwrap(), 0.7, epsilon = 1e-7);
    let at = |x: f64| {
        result
            .points
            .iter()
            .find(|p| (p.x - x).abs() < 1e-9)
            .unwrap()
    };
    assert_relative_eq!(at(0.45).spend_yi.unwrap(), 30.0, epsilon = 1e-6);
}
