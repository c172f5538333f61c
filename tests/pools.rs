//! (POOL) funding pools, docs/model.md §10: the hand-solved revolving pool
//! of docs/pools-derivation.md, one use-it-or-lose-it pool that pays for
//! everything giving the optimum of `[central_budget_yi]`, the checker
//! rejecting plans that break a pool's rules, and HiGHS alone on the export.

mod common;

use std::fs;
use std::path::Path;

use approx::assert_relative_eq;
use common::*;
use qiangji::check::check_plan;
use qiangji::model::RowKey;
use qiangji::run::RunOptions;

/// A copy of instance folder `from` in `to`, with `edit` applied to its instance.toml.
fn copy_with(from: &Path, to: &Path, edit: impl Fn(&str) -> String) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    let model = from.join("instance.toml");
    let text = fs::read_to_string(model).unwrap();
    // Model paths are relative to the instance folder: make them absolute.
    let text = text
        .lines()
        .map(|l| match l.strip_prefix("model = \"") {
            Some(rest) => format!(
                "model = \"{}\"",
                from.join(rest.trim_end_matches('"')).display()
            ),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(to.join("instance.toml"), edit(&text)).unwrap();
}

/// docs/pools-derivation.md: with κ = 1 the 30 亿元 of 2024 wait for 2025,
/// where all 40 亿元 are spent at δ = 0.8: 32 of discounted spending plus
/// 10 points short × 2 = 20 of penalty.
#[test]
fn a_revolving_pool_carries_its_inflow_into_the_next_year() {
    let inst = load_dir(&fixture("pool_revolving"));
    let r = solve(&inst, &RunOptions::default());
    assert_relative_eq!(objective(&r), 52.0, max_relative = 1e-8);
    let plan = r.plan.as_ref().unwrap();
    assert_relative_eq!(plan.pool_left_yi[[0, 0]], 30.0, max_relative = 1e-8);
    assert!(plan.pool_left_yi[[0, 1]].abs() < 1e-8);
    let paid_2025: f64 = plan
        .pool_funding
        .iter()
        .filter(|x| x.year == 1)
        .map(|x| x.funding_yi)
        .sum();
    assert_relative_eq!(paid_2025, 40.0, max_relative = 1e-8);
    for year in [0, 1] {
        let d = dual(&r, |k| *k == RowKey::PoolBalance { pool: 0, year });
        assert_relative_eq!(d, -1.2, max_relative = 1e-7);
    }
}

/// The same pool with κ = 0: 30 亿元 must be spent in 2024 at full price
/// and 10 in 2025 at 0.8: 30 + 8 + 20 = 58; one more 亿元 in 2024 saves
/// 2 − 1 = 1, in 2025 2 − 0.8 = 1.2.
#[test]
fn use_it_or_lose_it_spends_each_year_its_own_inflow() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lapsing");
    copy_with(&fixture("pool_revolving"), &dir, |t| {
        t.replace("carry_over = 1.0", "carry_over = 0.0")
    });
    let r = solve(&load_dir(&dir), &RunOptions::default());
    assert_relative_eq!(objective(&r), 58.0, max_relative = 1e-8);
    let d = |year| dual(&r, |k| *k == RowKey::PoolBalance { pool: 0, year });
    assert_relative_eq!(d(0), -1.0, max_relative = 1e-7);
    assert_relative_eq!(d(1), -1.2, max_relative = 1e-7);
}

/// `[central_budget_yi]` is one pool that pays for everything with κ = 0:
/// written as such a pool, every instance with a central budget keeps its
/// optimum (platforms, lead sites and instruments included).
#[test]
fn one_lapsing_pool_for_everything_is_the_central_budget() {
    let instances = [
        demo(),
        fixture("budget_short"),
        fixture("chain_binds"),
        fixture("degenerate_budget"),
        fixture("degenerate_capacity"),
        fixture("exchange"),
        fixture("instruments_as_data"),
        fixture("programme_limits"),
        fixture("site_decision"),
    ];
    let tmp = tempfile::tempdir().unwrap();
    for (n, from) in instances.iter().enumerate() {
        let dir = tmp.path().join(n.to_string());
        copy_with(from, &dir, |t| {
            assert!(t.contains("[central_budget_yi]"), "{}", from.display());
            t.replace(
                "[central_budget_yi.by_year]",
                "[pools.all.inflow_yi.by_year]",
            )
            .replace(
                "[central_budget_yi]",
                "[pools.all]\ncarry_over = 0.0\n[pools.all.inflow_yi]",
            )
        });
        let with_pool = load_dir(&dir);
        assert_eq!(with_pool.pools.len(), 1);
        let base = load_dir(from);
        assert_eq!(with_pool.central_budget_yi, base.central_budget_yi);
        let (a, b) = (
            solve(&base, &RunOptions::default()),
            solve(&with_pool, &RunOptions::default()),
        );
        assert_relative_eq!(objective(&a), objective(&b), max_relative = 1e-7);
    }
}

/// The checker re-verifies the pool rules from the plan alone: a pool that
/// pays for what it may not, a balance that does not add up, and central
/// funding not paid in full are each rejected.
#[test]
fn the_checker_rejects_plans_that_break_a_pool() {
    let inst = load_dir(&fixture("pool_revolving"));
    let r = solve(&inst, &RunOptions::default());
    let plan = r.plan.clone().unwrap();
    assert!(check_plan(&inst, &plan, &check_options(&inst), None).passed);

    let mut narrow = inst.clone();
    narrow.pools[0].tiers = Some(vec![qiangji::instance::Tier::General]);
    let report = check_plan(&narrow, &plan, &check_options(&narrow), None);
    assert!(!report.passed);
    assert!(report.worst.unwrap().contains("pool_eligibility(fund,y,p1"));

    let mut unbalanced = plan.clone();
    unbalanced.pool_left_yi[[0, 0]] = 20.0;
    let report = check_plan(&inst, &unbalanced, &check_options(&inst), None);
    assert!(!report.passed);
    assert!(report
        .violations
        .iter()
        .any(|v| v.what.contains("pool_balance(fund,2024)")));

    let mut unpaid = plan;
    for x in unpaid.pool_funding.iter_mut().filter(|x| x.year == 1) {
        x.funding_yi -= 5.0;
    }
    let report = check_plan(&inst, &unpaid, &check_options(&inst), None);
    assert!(report
        .violations
        .iter()
        .any(|v| v.what.contains("pool_split(y,p1,central,2025)")));
}

/// The exported model names the pool rows and columns, and HiGHS alone on
/// it reaches the hand-derived optimum.
#[test]
fn the_exported_pool_model_solves_to_the_same_optimum() {
    let tmp = tempfile::tempdir().unwrap();
    let lp = tmp.path().join("pool.lp");
    run_ok([
        "export".as_ref(),
        fixture("pool_revolving").as_os_str(),
        "--lp".as_ref(),
        lp.as_os_str(),
    ]);
    let text = fs::read_to_string(&lp).unwrap();
    for name in [
        "POOL_pool_balance(fund,2025)",
        "POOL_pool_split(y,p1,central,2024)",
        "left(fund,2024)",
        "x(fund,y,p1,central,2025)",
    ] {
        assert!(text.contains(name), "{name} in the LP file");
    }
    let obj = solve_file(&lp);
    assert_relative_eq!(obj, 52.0, max_relative = 1e-8);
}

/// A solve writes each pool's account and the pool of every central 亿元.
#[test]
fn pool_outputs_account_for_every_yi() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    run_ok([
        "solve",
        fixture("pool_revolving").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let pools = fs::read_to_string(out.join("pools.csv")).unwrap();
    assert!(
        pools.contains("fund,2024,30,0,0,30,0,-1.2,-1.2,30,40,ranging"),
        "{pools}"
    );
    assert!(pools.contains("fund,2025,10,30,40,0,0,-1.2,"), "{pools}");
    let spending = fs::read_to_string(out.join("pool_spending.csv")).unwrap();
    assert!(spending.contains("fund,2025,y,p1,central,40"), "{spending}");
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["pools"][0]["spent_yi"].as_f64(), Some(40.0));
    let report = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("## Funding pools"));
    // report.html: the pools table, with the marginal value of one more 亿元
    // of inflow (the balance row's dual, −1.2 in 2024 and 2025).
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains(r#"<section id="pools">"#), "pools section");
    let row_2024 = [
        "<td>fund</td><td>2024</td>",
        r#"<td class="num" data-v="30">30.0</td>"#,
        r#"<td class="num" data-v="-1.2">"#,
    ];
    for cell in row_2024 {
        assert!(html.contains(cell), "{cell} in report.html");
    }
    assert!(html.contains("marginal value (亿元 of objective per 亿元 of inflow)"));
    let plain = tmp.path().join("demo");
    run_ok([
        "solve",
        demo().to_str().unwrap(),
        "--out",
        plain.to_str().unwrap(),
    ]);
    assert!(!plain.join("pools.csv").exists(), "no pools, no pools.csv");
    let html = fs::read_to_string(plain.join("report.html")).unwrap();
    assert!(
        !html.contains(r#"id="pools""#),
        "no pools, no pools section"
    );
}

/// `--set` and scenarios reach pool inflows and carry-over with the central
/// budget's selectors plus `pool`: 10 亿元 more in 2025 buy the 10 missing
/// points at 0.8 each (objective 50 × 0.8 = 40); without carry-over the
/// optimum is the lapsing one (58); `central_budget` names the pools instead.
#[test]
fn overrides_reach_pool_inflow_and_carry_over() {
    let objective_with = |set: &str| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("plan");
        run_ok([
            "solve",
            fixture("pool_revolving").to_str().unwrap(),
            "--set",
            set,
            "--out",
            out.to_str().unwrap(),
        ]);
        let summary: serde_json::Value =
            serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
        summary["objective"].as_f64().unwrap()
    };
    assert_relative_eq!(
        objective_with("pool_inflow[pool=fund,year=2025]+=10"),
        40.0,
        max_relative = 1e-8
    );
    assert_relative_eq!(
        objective_with("pool_carry_over[pool=fund]=0"),
        58.0,
        max_relative = 1e-8
    );
    let refused = qiangji()
        .args(["solve", fixture("pool_revolving").to_str().unwrap()])
        .args(["--set", "central_budget*=2", "--out"])
        .arg(tempfile::tempdir().unwrap().path().join("plan"))
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("pool_inflow"));
    let unknown = qiangji()
        .args(["solve", fixture("pool_revolving").to_str().unwrap()])
        .args(["--set", "pool_inflow[pool=fnd]*=2", "--out"])
        .arg(tempfile::tempdir().unwrap().path().join("plan"))
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("did you mean `fund`"));
}
