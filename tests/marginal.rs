//! One-sided marginal values hold for the step they describe: every value
//! reported for one more or one less unit of a binding resource or target
//! equals an independent cold re-solve at ±1 unit (the instance changed,
//! the plan's sites and platforms fixed), within 1e-6 relative — on
//! instances built to be degenerate, where a dual holds on one side only.
//! A value that holds over a zero-width interval is never reported as a gain.

mod common;

use approx::assert_relative_eq;
use common::*;
use qiangji::analysis::exchange::exchange_rates;
use qiangji::analysis::explain::explain_plan;
use qiangji::analysis::marginal::{
    marginal_values, Depth, MarginalValue, MarginalValues, SideSource,
};
use qiangji::analysis::probe::Probe;
use qiangji::instance::Instance;
use qiangji::model::constraints::sites::site_effort_bound;
use qiangji::model::{ColumnKey, RowKey};
use qiangji::run::{build_options, open_session, RunOptions};
use qiangji::solve::SolveStatus;

/// The objective after moving the limit of `v` by `delta` (row units),
/// solved from scratch: budgets and target levels as a changed instance,
/// talent and capacity of one year as a moved row (with the lead-site
/// bounds of that year that follow capacity). `None` without a plan.
fn resolve_cold(
    inst: &Instance,
    opts: &RunOptions,
    plan: &[f64],
    v: &MarginalValue,
    delta: f64,
) -> Option<f64> {
    let mut changed = inst.clone();
    let mut moved_row = None;
    match v.key {
        RowKey::CentralBudget { year } => changed.central_budget_yi[year] += delta,
        RowKey::ProvincialBudget { province, year } => {
            changed.provincial_budget_yi[[province, year]] += delta
        }
        RowKey::Target { target } => changed.targets[target].level += delta,
        RowKey::Talent { .. } | RowKey::Capacity { .. } | RowKey::BuildRate { .. } => {
            moved_row = Some(v.row)
        }
        other => panic!("no marginal value expected for {other:?}"),
    }
    let (mut session, layout) = open_session(&changed, opts).unwrap();
    if session.num_integers() > 0 {
        session.fix_integers(Some(plan)).unwrap();
    }
    if let Some(row) = moved_row {
        let b = layout.row_bounds[row];
        session
            .set_row_bounds(row, b.lower, b.upper + delta)
            .unwrap();
        if let RowKey::Capacity {
            area,
            province,
            year,
        } = v.key
        {
            let mut more = inst.clone();
            more.initial_capacity_cu[[area, province]] += delta;
            for (r, key) in layout.rows.iter().enumerate() {
                if let RowKey::SiteLink {
                    item,
                    province: p,
                    year: t,
                } = *key
                {
                    if t == year && p == province && inst.items[item].area == area {
                        let col = layout
                            .columns
                            .iter()
                            .position(|c| *c == ColumnKey::Site { item, province: p })
                            .unwrap();
                        session
                            .set_coefficient(r, col, -site_effort_bound(&more, item, p, t))
                            .unwrap();
                    }
                }
            }
        }
    }
    let out = session.solve().unwrap();
    (out.status == SolveStatus::Optimal).then(|| out.objective.unwrap())
}

fn cases() -> Vec<(&'static str, Instance, RunOptions)> {
    let lp = RunOptions {
        relax: true,
        ..RunOptions::default()
    };
    vec![
        (
            "degenerate_budget",
            load_dir(&fixture("degenerate_budget")),
            RunOptions::default(),
        ),
        (
            "degenerate_capacity",
            load_dir(&fixture("degenerate_capacity")),
            RunOptions::default(),
        ),
        (
            "budget_short",
            load_dir(&fixture("budget_short")),
            RunOptions::default(),
        ),
        (
            "chain_binds",
            load_dir(&fixture("chain_binds")),
            RunOptions::default(),
        ),
        (
            "site_decision",
            load_dir(&fixture("site_decision")),
            RunOptions::default(),
        ),
        (
            "programme_limits",
            load_dir(&fixture("programme_limits")),
            RunOptions::default(),
        ),
        ("demo", load_dir(&demo()), RunOptions::default()),
        ("demo, LP relaxation", load_dir(&demo()), lp),
        (
            "demo with a target it beats",
            demo_with_a_beaten_target(),
            RunOptions::default(),
        ),
    ]
}

/// The demo with a second target on the first target's group and year, 5
/// points lower: the plan beats it by 5 points.
fn demo_with_a_beaten_target() -> Instance {
    let mut inst = load_dir(&demo());
    let mut lower = inst.targets[0].clone();
    lower.id = "beaten".into();
    lower.level -= 0.05;
    inst.targets.push(lower);
    inst
}

/// A target the plan beats by more than a point is worth exactly nothing
/// either way without a re-solve (source `slack`), over the margin up and
/// all the way down; the cold re-solves of the test above confirm the zeros.
#[test]
fn a_target_the_plan_beats_is_worth_nothing_either_way() {
    let inst = demo_with_a_beaten_target();
    for depth in [Depth::Quick, Depth::Full] {
        let (values, _, _) = values_of(&inst, &RunOptions::default(), depth);
        let beaten = values
            .values
            .iter()
            .find(|v| v.key == RowKey::Target { target: 1 })
            .expect("every target has values");
        for side in [&beaten.more, &beaten.less] {
            assert_eq!(side.source, SideSource::Slack, "{depth:?}");
            assert_eq!(side.objective_change, Some(0.0));
            assert_eq!(side.spend_change_yi, Some(0.0));
        }
        assert_relative_eq!(beaten.more.holds_to, inst.targets[0].level, epsilon = 1e-6);
        assert_eq!(beaten.less.holds_from, f64::NEG_INFINITY);
        // The binding target itself is still re-solved.
        let binding = values
            .values
            .iter()
            .find(|v| v.key == RowKey::Target { target: 0 })
            .unwrap();
        assert_eq!(binding.more.source, SideSource::Resolve);
    }
}

fn values_of(inst: &Instance, opts: &RunOptions, depth: Depth) -> (MarginalValues, Vec<f64>, f64) {
    let base = solve(inst, opts);
    let plan = base.outcome.columns.clone();
    let values = explain_plan(inst, opts, &plan, depth).unwrap().marginal;
    (values, plan, base.outcome.objective.unwrap())
}

#[test]
fn every_one_sided_value_equals_a_cold_resolve_at_one_unit() {
    let mut compared = 0;
    let mut one_sided = 0;
    for (name, inst, opts) in cases() {
        let (values, plan, base) = values_of(&inst, &opts, Depth::Full);
        assert!(!values.values.is_empty(), "{name}: nothing binds");
        for v in &values.values {
            for (side, delta) in [(&v.more, v.step), (&v.less, -v.step)] {
                let cold = resolve_cold(&inst, &opts, &plan, v, delta);
                let what = format!("{name}: {:?} {delta:+}", v.key);
                match side.source {
                    SideSource::NotMeasured => panic!("{what}: a full run measures every side"),
                    SideSource::NoPlan => assert!(cold.is_none(), "{what}: has a plan cold"),
                    _ => {
                        let cold = cold.unwrap_or_else(|| panic!("{what}: no plan cold"));
                        let change = side.objective_change.expect("measured");
                        assert_relative_eq!(
                            change,
                            cold - base,
                            max_relative = 1e-6,
                            epsilon = 1e-7
                        );
                        // Inside the interval it claims, the value is linear.
                        assert!(side.holds_from <= v.limit.min(v.limit + delta) + 1e-9);
                        assert!(side.holds_to >= v.limit.max(v.limit + delta) - 1e-9);
                        compared += 1;
                    }
                }
            }
            // Linear through the limit: one more unit changes the objective
            // by minus what one less does. One-sided: it does not, or one
            // side has no plan at all.
            match (v.more.objective_change, v.less.objective_change) {
                (Some(more), Some(less)) if (more + less).abs() <= 1e-6 => {}
                _ => one_sided += 1,
            }
        }
    }
    assert!(compared >= 20, "compared {compared}");
    assert!(
        one_sided >= 3,
        "only {one_sided} limits are one-sided: the cases are not degenerate"
    );
}

/// degenerate_budget, derived in its instance.toml.
#[test]
fn the_degenerate_budget_has_the_hand_derived_values() {
    let inst = load_dir(&fixture("degenerate_budget"));
    let (values, _, _) = values_of(&inst, &RunOptions::default(), Depth::Full);
    let budget = values
        .values
        .iter()
        .find(|v| {
            v.key
                == RowKey::ProvincialBudget {
                    province: 0,
                    year: 0,
                }
        })
        .expect("the 2024 budget binds");
    assert_eq!(budget.more.objective_change, Some(0.0));
    assert_relative_eq!(
        budget.less.objective_change.unwrap(),
        9.0,
        max_relative = 1e-9
    );
    let target = values.of_target(0).unwrap();
    assert_relative_eq!(
        target.more.objective_change.unwrap(),
        1.0,
        max_relative = 1e-9
    );
    assert_relative_eq!(
        target.more.penalty_change_yi.unwrap(),
        1.0,
        max_relative = 1e-9
    );
    assert!(
        target.more.spend_change_yi.unwrap().abs() < 1e-9,
        "no more money exists"
    );
    assert_relative_eq!(
        target.less.objective_change.unwrap(),
        -0.1,
        max_relative = 1e-9
    );
    assert_relative_eq!(
        target.less.spend_change_yi.unwrap(),
        -0.1,
        max_relative = 1e-9
    );
    // The dual (0.1 亿元 per point, from 10 per unit share) holds only below:
    // above the target the interval has zero width and the value is 1.
    assert_relative_eq!(target.dual, 10.0, max_relative = 1e-9);
    assert!(
        values.most_valuable(5).is_empty(),
        "more budget buys nothing"
    );
}

/// degenerate_capacity: talent and capacity of p2 bind at 0 together.
#[test]
fn a_zero_width_dual_is_never_a_gain() {
    let inst = load_dir(&fixture("degenerate_capacity"));
    for depth in [Depth::Quick, Depth::Full] {
        let (values, _, _) = values_of(&inst, &RunOptions::default(), depth);
        let p2: Vec<&MarginalValue> = values
            .values
            .iter()
            .filter(|v| {
                matches!(
                    v.key,
                    RowKey::Talent {
                        province: 1,
                        year: 0
                    } | RowKey::Capacity {
                        province: 1,
                        year: 0,
                        ..
                    }
                )
            })
            .collect();
        assert_eq!(p2.len(), 2, "talent and capacity of p2 in 2024 bind");
        let priced = p2.iter().filter(|v| v.dual.abs() > 0.5).count();
        assert!(
            priced >= 1,
            "the solver prices at least one of them: {p2:?}"
        );
        for v in &p2 {
            assert_eq!(v.gain_of_one_more(), Some(0.0), "{:?}", v.key);
            assert_ne!(v.more.source, SideSource::Ranging);
            if depth == Depth::Full {
                assert_eq!(
                    v.less.source,
                    SideSource::NoPlan,
                    "effort cannot be negative"
                );
            }
        }
        assert!(values.most_valuable(5).is_empty());
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    run_ok([
        "solve",
        fixture("degenerate_capacity").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(!report.contains("talent in p2:"), "{report}");
}

/// `solve` measures less, but what it reports agrees with the full run.
#[test]
fn a_quick_run_reports_a_subset_of_the_full_values() {
    for (name, inst, opts) in cases() {
        let (quick, _, _) = values_of(&inst, &opts, Depth::Quick);
        let (full, _, _) = values_of(&inst, &opts, Depth::Full);
        assert_eq!(quick.values.len(), full.values.len(), "{name}");
        for (q, f) in quick.values.iter().zip(&full.values) {
            for (qs, fs) in [(&q.more, &f.more), (&q.less, &f.less)] {
                if let Some(qc) = qs.objective_change {
                    assert_relative_eq!(
                        qc,
                        fs.objective_change.unwrap(),
                        max_relative = 1e-9,
                        epsilon = 1e-12
                    );
                } else if qs.source == SideSource::NotMeasured {
                    // The dual bound of an unmeasured side holds.
                    let fc = fs.objective_change.unwrap_or(f64::INFINITY).abs();
                    if std::ptr::eq(qs, &q.more) != q.is_target() {
                        assert!(fc <= qs.dual_bound + 1e-9, "{name}: gain above its bound");
                    } else {
                        assert!(fc >= qs.dual_bound - 1e-9, "{name}: cost below its bound");
                    }
                }
            }
        }
        let top = |v: &MarginalValues| -> Vec<RowKey> {
            v.most_valuable(5).iter().map(|m| m.key).collect()
        };
        assert_eq!(top(&quick), top(&full), "{name}: the ranking differs");
    }
}

/// budget_short (tests/hand_solved.rs): 2 亿元 spent, 20 points of shortfall
/// penalty (λ = 1 per point), objective 22. The outputs keep real money
/// apart from the penalty, give the objective as its parts and carry the
/// one-sided values and exchange rates.
#[test]
fn outputs_report_spending_apart_from_the_penalty() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let run = run_ok([
        "solve",
        fixture("budget_short").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("objective          22 亿元 = discounted spending 2.0000 亿元 + shortfall penalty 20.0000 亿元 (not money)"),
        "{stdout}"
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["spend_yi"]["total"], 2.0);
    assert_eq!(summary["objective_terms"]["shortfall_penalty_yi"], 20.0);
    assert_eq!(
        summary["spend_yi"]["effort_by_province"]["p1"]["provincial"],
        2.0
    );
    let group = &summary["exchange_rates"]["groups"][0];
    // The target is short: one more point costs its penalty, 1 亿元, and no money.
    assert_eq!(group["yi_per_point_up_penalty"], 1.0);
    assert_eq!(group["yi_per_point_up_spending"], 0.0);
    assert_eq!(group["points_per_platform"]["source"], "not_applicable");
    let budget = summary["marginal_values"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["limit"] == "provincial budget of p1 2024")
        .expect("the binding budget");
    assert_eq!(budget["one_more"]["objective_change_yi"], -9.0);
    assert_eq!(budget["one_more"]["source"], "ranging");
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    for text in [
        "Objective (what the solver minimises): 22.00 亿元 = discounted spending 2.00 亿元 + shortfall penalty 20.00 亿元 (not money)",
        "Real spending 2.00 亿元 over the horizon, undiscounted",
        "## Exchange rates",
        "| y_2025 | 40.00 | 40.00 |",
        // The finding: a one-item target is a floor, and central money
        // (which no instrument here uses) buys nothing.
        "- Item floors met 0 / 1.",
        "underfunded (within reach) — what the missing points cost is not estimated: with the plan's resources the group reaches at most 40.0% in 2025, and more central budget alone buys no point",
    ] {
        assert!(report.contains(text), "report.md lacks {text:?}:\n{report}");
    }
    let csv = std::fs::read_to_string(out.join("marginal_values.csv")).unwrap();
    assert!(
        csv.contains("provincial_budget,province=p1,2024,more,1 亿元,2,-9,-9,ranging,2,4,9,,"),
        "{csv}"
    );
    assert!(out.join("exchange_rates.csv").is_file());
    // targets.csv: the dual (1 亿元 per point) and both one-sided values —
    // here equal, and penalty only: no money changes; then both measures of
    // the group (weighted 40%, its one item below the 50% assurance threshold).
    let targets = std::fs::read_to_string(out.join("targets.csv")).unwrap();
    assert!(
        targets.ends_with(",false,1,1,0,1,0,weighted,0.4,0,1,0\n"),
        "{targets}"
    );
}

/// programme_limits (tests/hand_solved.rs): continuity keeps 0.64 of the
/// 2024 programme (2.604167 亿元, with the concentration cap) in 2026, whose
/// effect (lag 1) falls after the horizon: 1.666667 亿元 that buys nothing
/// inside it. The report names it as the cost of continuity.
#[test]
fn spending_after_the_horizon_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    run_ok([
        "solve",
        fixture("programme_limits").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let late = summary["spend_yi"]["effect_after_horizon"]["total"]
        .as_f64()
        .unwrap();
    assert_relative_eq!(late, 0.64 * 2.5 / 0.96, max_relative = 1e-6);
    let by_year = &summary["spend_yi"]["effect_after_horizon_by_year"];
    assert_eq!(by_year[2]["year"], 2026);
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        report.contains("Spending whose effect falls after 2026")
            && report.contains("honest cost of keeping programmes funded")
    );
}

/// A probe whose time is spent starts no re-solve: every side that needs
/// one keeps its dual bound (not_measured), targets are left unrated, and
/// the probe says it was cut short. Exact answers that need no solve
/// (ranging, zero duals, slack) are still given.
#[test]
fn a_spent_time_limit_leaves_sides_at_their_dual_bounds() {
    let inst = demo_with_a_beaten_target();
    let opts = RunOptions::default();
    let base = solve(&inst, &opts);
    let mut probe = Probe::open(&inst, &opts, &base.outcome.columns).unwrap();
    probe.limit_time(0.0);
    let (build, _) = build_options(&inst, &opts).unwrap();
    let values = marginal_values(&mut probe, &build.objective, Depth::Quick).unwrap();
    assert_eq!(probe.resolves, 0, "no re-solve after the limit");
    assert!(probe.limited);
    let mut not_measured = 0;
    for v in &values.values {
        for side in [&v.more, &v.less] {
            assert_ne!(side.source, SideSource::Resolve);
            if side.source == SideSource::NotMeasured {
                assert!(side.objective_change.is_none());
                assert!(side.dual_bound.is_finite());
                not_measured += 1;
            }
        }
    }
    assert!(
        not_measured >= 2,
        "the binding target's sides are left to their bounds"
    );
    let slack = values.of_target(1).unwrap();
    assert_eq!(slack.more.source, SideSource::Slack);
    let rates = exchange_rates(&mut probe, false, 3, |_| true).unwrap();
    assert!(rates.groups.is_empty());
    assert_eq!(rates.not_rated, vec![0, 1]);
}

/// HiGHS counts its time limit on one clock over every solve of a session:
/// after a full solve, a limit shorter than that solve stops a warm
/// re-solve at once. `limit_next_solve` gives the next solve its own
/// allowance (what each re-solve of an explanation gets before its
/// deadline), and that re-solve finishes.
#[test]
fn a_re_solve_gets_its_own_time_allowance() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("g");
    qiangji::generate::generate(
        &qiangji::generate::GenerateOptions {
            levels: qiangji::generate::Levels::Policy,
            ..qiangji::generate::GenerateOptions::new(60, 40, 10, 1)
        },
        &dir,
    )
    .unwrap();
    let inst = load_dir(&dir);
    let (mut session, layout) = open_session(&inst, &relaxed()).unwrap();
    let started = std::time::Instant::now();
    let first = session.solve().unwrap();
    assert_eq!(first.status, SolveStatus::Optimal);
    let took = started.elapsed().as_secs_f64();
    // Another objective (costs reweighted), which needs simplex iterations:
    // HiGHS checks its clock only while iterating.
    for (col, cost) in layout.costs.iter().enumerate() {
        let factor = 1.0 + 0.25 * (col % 5) as f64;
        session.set_column_cost(col, cost * factor).unwrap();
    }
    session.set_time_limit(0.5 * took).unwrap();
    let stopped = session.solve().unwrap();
    assert_eq!(
        stopped.status,
        SolveStatus::TimeLimit,
        "one clock per session"
    );
    session.limit_next_solve(600.0).unwrap();
    let finished = session.solve().unwrap();
    assert_eq!(finished.status, SolveStatus::Optimal);
}
