//! Duals and ranging: every reported dual equals the finite-difference slope
//! of the objective inside its ranging interval, and the intervals are where
//! the slope changes (re-solved just inside and just outside).

mod common;

use approx::assert_relative_eq;
use common::*;
use qiangji::instance::Instance;
use qiangji::run::{open_session, solve_instance, RunOptions, RunResult};
use qiangji::solve::{Session, SolveStatus};

fn lp_options() -> RunOptions {
    RunOptions {
        relax: true,
        ranging: true,
        ..RunOptions::default()
    }
}

fn lp_cases() -> Vec<(String, Instance)> {
    [
        demo(),
        fixture("chain_binds"),
        fixture("budget_short"),
        fixture("site_decision"),
    ]
    .into_iter()
    .map(|d| (d.display().to_string(), load_dir(&d)))
    .collect()
}

/// Objective after moving the binding bound of row `row` to `rhs` (None if infeasible).
fn objective_at(session: &mut Session, result: &RunResult, row: usize, rhs: f64) -> Option<f64> {
    let b = result.layout.row_bounds[row];
    let upper_binds =
        b.upper.is_finite() && (b.upper - result.outcome.row_activity[row]).abs() < 1e-7;
    if upper_binds {
        session.set_row_bounds(row, b.lower, rhs).unwrap();
    } else {
        session.set_row_bounds(row, rhs, b.upper).unwrap();
    }
    let out = session.solve().unwrap();
    session.set_row_bounds(row, b.lower, b.upper).unwrap();
    (out.status == SolveStatus::Optimal).then(|| out.objective.unwrap())
}

#[test]
fn duals_equal_finite_difference_slopes_inside_their_ranges() {
    let mut checked = 0;
    for (name, inst) in lp_cases() {
        let base = solve_instance(&inst, &lp_options()).unwrap();
        let base_obj = base.outcome.objective.unwrap();
        let (mut session, _) = open_session(&inst, &lp_options()).unwrap();
        session.solve().unwrap();
        for r in &base.row_ranges {
            let row = base.layout.rows.iter().position(|k| *k == r.key).unwrap();
            let eps = 1e-4 * r.rhs.abs().max(1.0);
            let (step, inside) = if r.rhs + eps <= r.rhs_upper {
                (eps, true)
            } else {
                (-eps, r.rhs - eps >= r.rhs_lower)
            };
            if !inside {
                continue;
            }
            let obj = objective_at(&mut session, &base, row, r.rhs + step)
                .expect("feasible inside the range");
            let slope = (obj - base_obj) / step;
            assert_relative_eq!(slope, r.dual, max_relative = 1e-6, epsilon = 1e-7);
            checked += 1;
        }
        assert!(!base.row_ranges.is_empty(), "{name} has binding rows");
    }
    assert!(checked >= 4, "checked {checked} duals");
}

#[test]
fn ranging_intervals_are_where_the_slope_changes() {
    let mut checked = 0;
    for (_, inst) in lp_cases() {
        let base = solve_instance(&inst, &lp_options()).unwrap();
        let base_obj = base.outcome.objective.unwrap();
        let (mut session, _) = open_session(&inst, &lp_options()).unwrap();
        session.solve().unwrap();
        for r in &base.row_ranges {
            let row = base.layout.rows.iter().position(|k| *k == r.key).unwrap();
            for end in [r.rhs_upper, r.rhs_lower] {
                let width = (end - r.rhs).abs();
                if !end.is_finite() || width < 1e-6 {
                    continue;
                }
                let dir = (end - r.rhs).signum();
                let predicted = |rhs: f64| base_obj + r.dual * (rhs - r.rhs);
                // Just inside: the dual still holds.
                let inside = end - dir * 0.01 * width;
                let obj = objective_at(&mut session, &base, row, inside).expect("feasible inside");
                assert_relative_eq!(obj, predicted(inside), max_relative = 1e-6, epsilon = 1e-6);
                // Just outside: it no longer does (or the model becomes infeasible).
                let outside = end + dir * 0.05 * width.max(0.1);
                if let Some(obj) = objective_at(&mut session, &base, row, outside) {
                    assert!(
                        (obj - predicted(outside)).abs() > 1e-7 * obj.abs().max(1.0),
                        "{:?}: slope unchanged past {end}",
                        r.key
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 3, "checked {checked} interval ends");
}

#[test]
fn cost_ranges_bound_the_plan() {
    let inst = load_dir(&demo());
    let base = solve_instance(&inst, &lp_options()).unwrap();
    let plan_of = |s: &mut Session| s.solve().unwrap().columns;
    let (mut session, layout) = open_session(&inst, &lp_options()).unwrap();
    let base_cols = plan_of(&mut session);
    let mut checked = 0;
    for c in &base.cost_ranges {
        let col = layout.columns.iter().position(|k| *k == c.key).unwrap();
        for end in [c.cost_upper, c.cost_lower] {
            if !end.is_finite() || (end - c.cost).abs() < 1e-6 {
                continue;
            }
            let width = (end - c.cost).abs();
            let dir = (end - c.cost).signum();
            session
                .set_column_cost(col, end - dir * 0.01 * width)
                .unwrap();
            let inside = plan_of(&mut session);
            session
                .set_column_cost(col, end + dir * 0.05 * width.max(0.1))
                .unwrap();
            let outside = plan_of(&mut session);
            session.set_column_cost(col, c.cost).unwrap();
            let same = |a: &[f64]| a.iter().zip(&base_cols).all(|(x, y)| (x - y).abs() < 1e-6);
            assert!(
                same(&inside),
                "{:?}: plan changed inside its cost range",
                c.key
            );
            assert!(!same(&outside), "{:?}: plan unchanged past {end}", c.key);
            checked += 1;
        }
    }
    assert!(checked >= 2, "checked {checked}");
}

#[test]
fn sensitivity_command_writes_ranging_and_names_valuable_resources() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("s");
    let run = qiangji()
        .arg("sensitivity")
        .arg(fixture("budget_short"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let ranging = std::fs::read_to_string(out.join("ranging.csv")).unwrap();
    assert!(
        ranging.contains("rhs,provincial_budget,province=p1,2024,2,-9,0,4,40,4"),
        "{ranging}"
    );
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        report.contains("provincial budget of p1 2024: one more 亿元 saves 9.0000 亿元 (ranging: holds for limits 2–4); one less costs 9.0000 亿元 (ranging: holds for limits 0–2)"),
        "{report}"
    );
}
