//! Explained infeasibility: an instance infeasible by construction
//! (tests/fixtures/infeasible_budget, derivation in its instance.toml) is
//! reported with exactly the conflict it was built with, by meaning; `relax`
//! finds the hand-computed smallest extra budget.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use approx::assert_relative_eq;
use common::*;
use qiangji::analysis::infeasibility::{explain_infeasibility, Reach};
use qiangji::readback::infeasibility::{ConflictKind, ConflictLimit};
use qiangji::run::RunOptions;
use qiangji::solve::SolveStatus;

fn hard() -> RunOptions {
    RunOptions {
        hard_targets: true,
        ..RunOptions::default()
    }
}

#[test]
fn the_conflict_built_into_the_fixture_is_reported_exactly() {
    let inst = load_dir(&fixture("infeasible_budget"));
    let r = solve(&inst, &hard());
    assert_eq!(r.outcome.status, SolveStatus::Infeasible);
    let inf = explain_infeasibility(&inst, &hard()).unwrap();
    assert_eq!(inf.relaxation_status, SolveStatus::Infeasible);
    assert!(inf.diagnostics.is_empty(), "{:?}", inf.diagnostics);
    // 3 亿元 buy 3 effort units: x reaches 0.2 + 0.3 = 0.5, 10 points short.
    match &inf.reach {
        Reach::ShortOf(list) => {
            assert_eq!(list.len(), 1, "{list:?}");
            assert_eq!(list[0].target, 0);
            assert_relative_eq!(list[0].reached, 0.5, epsilon = 1e-7);
            assert_relative_eq!(list[0].short, 0.1, epsilon = 1e-7);
        }
        other => panic!("expected a shortfall, got {other:?}"),
    }
    let conflict = inf.conflict.expect("a conflict");
    assert!(conflict.irreducible);
    let seen: Vec<(ConflictKind, &str, Vec<i32>, Vec<&str>)> = conflict
        .groups
        .iter()
        .map(|g| {
            (
                g.kind,
                g.subject.as_str(),
                g.years.clone(),
                g.members.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                ConflictKind::Target,
                "target x_2026",
                vec![2026],
                vec!["G_target(x_2026,2026)"]
            ),
            (
                ConflictKind::Resource,
                "central budget",
                vec![2024, 2025],
                vec!["BC_central_budget(2024)", "BC_central_budget(2025)"]
            ),
            (
                ConflictKind::Response,
                "response of item x",
                vec![2024, 2025, 2026],
                vec![
                    "R_response(x,2026)",
                    "R_stock(x,2024)",
                    "R_stock(x,2025)",
                    "R_stock(x,2026)"
                ]
            ),
            (
                ConflictKind::Bound,
                "shortfall of target x_2026",
                vec![],
                vec!["u(x_2026)"]
            ),
        ]
    );
    assert_eq!(
        conflict.groups[0].limit,
        ConflictLimit::AtLeast {
            group: "x".into(),
            level: 0.6,
            year: 2026
        }
    );
    assert_eq!(
        conflict.groups[1].limit,
        ConflictLimit::AtMost {
            lowest: 1.5,
            highest: 1.5,
            unit: "亿元 per year"
        }
    );
}

#[test]
fn solve_writes_the_explanation_and_exits_4() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let run = qiangji()
        .arg("solve")
        .arg(fixture("infeasible_budget"))
        .args(["--hard-targets", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(4));
    let headline = "Target x_2026 (x ≥ 60.0% in 2026) cannot be met together with the central budget 2024–2025 (≤ 1.5 亿元 per year). Also part of the conflict: response of item x 2024–2026 (effort counts only after the effect lag, with diminishing returns); shortfall of target x_2026 (fixed at 0 by --hard-targets).";
    let md = fs::read_to_string(out.join("infeasibility.md")).unwrap();
    assert!(md.contains(headline), "{md}");
    assert!(md.contains("an irreducible infeasible subset"));
    assert!(String::from_utf8_lossy(&run.stdout).contains(headline));
    assert!(
        String::from_utf8_lossy(&run.stdout).contains(
            "out of reach       target x_2026 (x ≥ 60.0% in 2026) reaches 50.0%: 10.0 points short"
        ),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    assert!(
        md.contains("| x_2026 | x ≥ 60.0% in 2026 | 50.0% | 10.0 points |"),
        "{md}"
    );
    assert!(String::from_utf8_lossy(&run.stderr).contains("infeasibility.md explains"));
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("infeasibility.json")).unwrap()).unwrap();
    assert_eq!(json["conflict"]["irreducible"], true);
    assert_eq!(json["conflict"]["groups"][1]["family"], "central_budget");
    assert_eq!(
        json["conflict"]["groups"][1]["members"],
        serde_json::json!(["BC_central_budget(2024)", "BC_central_budget(2025)"])
    );
    // Without --hard-targets the same instance has a plan (with a shortfall)
    // and no explanation is written.
    let soft = tmp.path().join("soft");
    run_ok([
        "solve",
        fixture("infeasible_budget").to_str().unwrap(),
        "--out",
        soft.to_str().unwrap(),
    ]);
    assert!(!soft.join("infeasibility.md").exists());
}

/// The fixture is 1 亿元 short in 2024–2025 together (4 effort units needed,
/// 2 × 1.5 available; 2026's budget acts too late), so the smallest extra
/// central budget is 1 亿元, placed in 2024 or 2025. Lowering the target
/// instead: 3 亿元 buy 3 × 0.1 = 0.3 share, so 60% must fall to 50%, 10
/// points. At 0.05 per point, 10 points (0.5) beat 1 亿元 (1).
#[test]
fn relax_finds_the_hand_computed_minimum() {
    use approx::assert_relative_eq;
    use qiangji::analysis::relax::{relax, RelaxKind, RelaxWeights};
    use qiangji::model::RowKey;

    let inst = load_dir(&fixture("infeasible_budget"));
    let by_budget = relax(
        &inst,
        &[RelaxKind::Budget],
        RelaxWeights::default(),
        &hard(),
    )
    .unwrap();
    assert!(by_budget.verified && by_budget.checked);
    assert_relative_eq!(by_budget.total(RelaxKind::Budget), 1.0, max_relative = 1e-7);
    for c in &by_budget.changes {
        let RowKey::CentralBudget { year } = c.key else {
            panic!("only budgets move: {c:?}")
        };
        assert!(inst.years[year] <= 2025, "2026's budget cannot help");
        assert_relative_eq!(c.needed - c.current, c.amount, max_relative = 1e-9);
    }
    assert_relative_eq!(
        by_budget.verify_objective.unwrap(),
        4.0,
        max_relative = 1e-7
    );

    let by_targets = relax(
        &inst,
        &[RelaxKind::Targets],
        RelaxWeights::default(),
        &hard(),
    )
    .unwrap();
    assert!(by_targets.verified && by_targets.checked);
    assert_relative_eq!(
        by_targets.total(RelaxKind::Targets),
        10.0,
        max_relative = 1e-7
    );
    assert_relative_eq!(by_targets.changes[0].needed, 0.5, max_relative = 1e-7);

    let cheap_points = RelaxWeights::parse("targets=0.05").unwrap();
    let traded = relax(&inst, &RelaxKind::ALL, cheap_points, &hard()).unwrap();
    assert_relative_eq!(traded.total(RelaxKind::Targets), 10.0, max_relative = 1e-7);
    assert!(traded.total(RelaxKind::Budget).abs() < 1e-9);
    assert_relative_eq!(traded.weighted_total, 0.5, max_relative = 1e-7);
    let dear_points = RelaxWeights::parse("targets=0.2").unwrap();
    let traded = relax(&inst, &RelaxKind::ALL, dear_points, &hard()).unwrap();
    assert_relative_eq!(traded.total(RelaxKind::Budget), 1.0, max_relative = 1e-7);

    // Talent is not what is missing here: no talent row exists to move.
    let by_talent = relax(
        &inst,
        &[RelaxKind::Talent],
        RelaxWeights::default(),
        &hard(),
    )
    .unwrap();
    assert!(!by_talent.verified);
}

#[test]
fn relax_command_prints_and_writes_the_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("relax");
    let run = run_ok([
        "relax",
        fixture("infeasible_budget").to_str().unwrap(),
        "--by",
        "budget",
        "--out",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("total extra central budget") && stdout.contains(" 1 亿元"),
        "{stdout}"
    );
    let csv = fs::read_to_string(out.join("relaxation.csv")).unwrap();
    assert!(csv.starts_with("kind,family,keys,year,current,needed,change,unit\n"));
    assert!(csv.contains(",1.5,2.5,1,亿元 per year"), "{csv}");
    // Nothing to relax: a feasible instance says so.
    let run = run_ok(["relax", demo().to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&run.stdout).contains("no change is needed"));
    // A change of the wrong kind cannot help: exit status 4.
    assert_eq!(
        exit_code([
            "relax",
            fixture("infeasible_budget").to_str().unwrap(),
            "--by",
            "talent"
        ]),
        Some(4)
    );
    assert_eq!(
        exit_code(["relax", demo().to_str().unwrap(), "--weights", "money=2"]),
        Some(2)
    );
}

/// tests/fixtures/exchange with platform capacity no longer short (10 cu)
/// and x required at 75% in 2025 with hard targets. Talent (1.5 k FTE) caps
/// chain effort at e_c = 3; the provincial budget (3) leaves e_e = 1.5:
/// effective 5.1 < 5.5 needed. δ more k FTE in 2024 allows e_c = 3 + 2δ and
/// e_e = 1.5 − δ, effective 5.1 + 1.4 δ: δ = 0.4/1.4 = 0.285714 k FTE, in
/// p1 in 2024 only (later talent acts too late).
#[test]
fn relax_by_talent_finds_the_hand_computed_minimum() {
    use approx::assert_relative_eq;
    use qiangji::analysis::relax::{relax, RelaxKind, RelaxWeights};
    use qiangji::model::RowKey;

    let mut inst = load_dir(&fixture("exchange"));
    inst.initial_capacity_cu[[0, 0]] = 10.0;
    inst.targets[0].level = 0.75;
    assert_eq!(
        solve(&inst, &hard()).outcome.status,
        SolveStatus::Infeasible
    );
    let r = relax(
        &inst,
        &[RelaxKind::Talent],
        RelaxWeights::default(),
        &hard(),
    )
    .unwrap();
    assert!(r.verified, "{:?}", r.verify_status);
    assert!(!r.checked, "talent per year is not instance data");
    assert_eq!(r.changes.len(), 1);
    assert_eq!(
        r.changes[0].key,
        RowKey::Talent {
            province: 0,
            year: 0
        }
    );
    assert_relative_eq!(r.total(RelaxKind::Talent), 0.4 / 1.4, max_relative = 1e-6);
    assert_relative_eq!(r.changes[0].needed, 1.5 + 0.4 / 1.4, max_relative = 1e-6);
}

/// Runs `cmd` with its output in `log`, killing it and failing the test
/// when it runs longer than `limit`: a regression fails instead of hanging.
fn run_guarded(mut cmd: Command, log: &Path, limit: Duration) -> (ExitStatus, Duration) {
    let file = fs::File::create(log).unwrap();
    let started = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .spawn()
        .unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return (status, started.elapsed());
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!(
                "{cmd:?} still running after {limit:?}; killed. Its output:\n{}",
                fs::read_to_string(log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A large infeasible LP (60 items, 40 provinces, 10 years, the policy's
/// levels: all three targets out of reach with --hard-targets) keeps to --time-limit 30 as a whole:
/// how far each target is out of reach comes from one more LP solve, the
/// search for the conflicting subset gets what is left of the limit, and
/// the run ends with exit status 4 and infeasibility.md in seconds (about
/// 15 s on a quiet 2-core machine; the subset search alone took 220 s before
/// it kept to a limit). The limit leaves room for the reach LP on a loaded
/// machine, where 10 s was not always enough for it.
/// The guard kills a run that ignores the limit, so a regression fails
/// instead of hanging.
#[test]
fn a_large_infeasible_model_is_explained_within_the_time_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let inst = tmp.path().join("generated");
    run_ok([
        "generate",
        "--items",
        "60",
        "--provinces",
        "40",
        "--years",
        "10",
        "--levels",
        "policy",
        "--out",
        inst.to_str().unwrap(),
    ]);
    let out = tmp.path().join("plan");
    let mut cmd = qiangji();
    cmd.arg("solve")
        .arg(&inst)
        .args(["--relax", "--hard-targets", "--time-limit", "30", "--out"])
        .arg(&out);
    let log = tmp.path().join("solve.log");
    let (status, took) = run_guarded(cmd, &log, Duration::from_secs(150));
    let output = fs::read_to_string(&log).unwrap();
    assert_eq!(status.code(), Some(4), "took {took:?}:\n{output}");
    let md = fs::read_to_string(out.join("infeasibility.md")).unwrap();
    assert!(md.starts_with("# Why there is no plan"), "{md}");
    assert!(
        md.contains("## How far the targets are out of reach"),
        "{md}"
    );
    // Every target is short, each by a positive amount below its level,
    // and the printed summary says so too.
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("infeasibility.json")).unwrap()).unwrap();
    let reach = &json["target_reach"];
    assert_eq!(reach["measured"], "short_of", "{reach}");
    let short: Vec<(&str, f64, f64)> = reach["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["target"].as_str().unwrap(),
                t["short_points"].as_f64().unwrap(),
                t["required_share"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(short.len(), 3, "{reach}");
    for (id, points, level) in &short {
        assert!(*points > 0.0 && *points < 100.0 * level, "{id}: {points}");
        assert!(output.contains(&format!("target {id} (")), "{output}");
    }
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["status"], "infeasible");
    assert_eq!(summary["has_plan"], false);
    eprintln!("solve took {took:?}");
}
