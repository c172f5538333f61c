//! Hand-solved instances pin the formulation: each optimum is derived on
//! paper in the comments and checked with `approx`.

mod common;

use approx::assert_relative_eq;
use common::*;
use qiangji::model::{ResponseForm, RowKey};
use qiangji::run::RunOptions;
use qiangji::solve::{DualSource, LpAlgorithm, SolveStatus, SolverOptions};

/// Demo instance (docs/demo-derivation.md): target binds.
///
/// Best effective effort per 亿元 for each item: chip 2.25 (national in east:
/// η 1.5 × adv 1.5), bearing 1.5 (enterprise in east), alloy 1.56 (chain in
/// west: 1.2 × 1.3). Reaching 60% needs Σ w Δs = 100 × (0.60 − 0.39) = 21
/// weighted points. Cheapest first (亿元 per weighted unit = 1/(best·gain·μ_j·w)):
/// chip seg 1 (0.556, 8 units), bearing seg 1 (0.741, 4.5), alloy seg 1
/// (0.855, 4.5), chip seg 2 (0.926, the last 4 units). All spent in 2025 (one
/// year before the target, discounted once). Objective =
/// (8/1.8 + 4/1.08 + 4.5/1.35 + 4.5/1.17)/1.03.
#[test]
fn demo_optimum_matches_hand_derivation() {
    let inst = load_dir(&demo());
    let chip_effort = 8.0 / 1.8 + 4.0 / 1.08;
    let bearing_effort = 4.5 / 1.35;
    let alloy_effort = 4.5 / 1.17;
    let expected = (chip_effort + bearing_effort + alloy_effort) / 1.03;
    for form in [ResponseForm::Stock, ResponseForm::Direct] {
        let r = solve(
            &inst,
            &RunOptions {
                response_form: form,
                ..RunOptions::default()
            },
        );
        assert_eq!(r.outcome.status, SolveStatus::Optimal);
        assert_relative_eq!(objective(&r), expected, max_relative = 1e-7);
        let plan = r.plan.as_ref().unwrap();
        let effort = |item: &str, prov: &str, mode: &str, year: i32| -> f64 {
            let mode = inst.model.mode_by_id(mode).unwrap();
            plan.effort
                .iter()
                .filter(|e| {
                    inst.items[e.item].id == item
                        && inst.provinces[e.province].id == prov
                        && e.mode == mode
                        && inst.years[e.year] == year
                })
                .map(|e| e.effort)
                .sum()
        };
        assert_relative_eq!(
            effort("chip", "east", "national", 2025),
            chip_effort,
            max_relative = 1e-6
        );
        assert_relative_eq!(
            effort("bearing", "east", "enterprise", 2025),
            bearing_effort,
            max_relative = 1e-6
        );
        assert_relative_eq!(
            effort("alloy", "west", "chain", 2025),
            alloy_effort,
            max_relative = 1e-6
        );
        let chip = inst.items.iter().position(|i| i.id == "chip").unwrap();
        let east = inst.provinces.iter().position(|p| p.id == "east").unwrap();
        assert!(plan.is_site(chip, east), "chip is designated in east");
        // The target binds: one more point costs the marginal segment (chip seg 2)
        // per weighted unit, 0.926/1.03 亿元 (Σw = 100 units per unit share).
        let d = dual(&r, |k| matches!(k, RowKey::Target { .. }));
        assert_relative_eq!(
            d / 100.0,
            (1.0 / (2.25 * 0.02 * 0.6 * 40.0)) / 1.03,
            max_relative = 1e-6
        );
        assert_eq!(r.outcome.dual_source, DualSource::FixedIntegerLp);
    }
}

/// chain_binds: chip (s0 0.3, gain 0.1) may lead eda (s0 0.4, gain 0.05) by
/// 0.1. The target chip ≥ 0.6 in 2025 forces eda ≥ 0.5: effort 0.3/0.1 = 3
/// on chip plus 0.1/0.05 = 2 on eda, one 亿元 each, no discounting → 5.
/// Without the link it would cost 3. Loosening the link by ε saves ε/0.05,
/// so the link's dual is −20 亿元 per unit share of allowed lead.
#[test]
fn chain_link_binds() {
    let inst = load_dir(&fixture("chain_binds"));
    let r = solve(&inst, &RunOptions::default());
    assert_relative_eq!(objective(&r), 5.0, max_relative = 1e-8);
    let d = dual(&r, |k| matches!(k, RowKey::Chain { year: 1, .. }));
    assert_relative_eq!(d, -20.0, max_relative = 1e-7);
    // The target's marginal cost: one more unit share needs 10 on chip and 20 on eda.
    let g = dual(&r, |k| matches!(k, RowKey::Target { .. }));
    assert_relative_eq!(g, 30.0, max_relative = 1e-7);
}

/// site_decision: item x (s0 0, gain 0.1) needs effective effort 6 by 2025.
/// National at province a (adv 2.0): 1.5 × 2 = 3 per effort → 2 effort, but a
/// designated site must receive at least 10 → 10. Chain at a: 1.2 × 2 = 2.4 →
/// 2.5. Province b (adv 1.0) is not eligible for a national site. The MIP
/// picks chain at a: 2.5. The LP relaxation designates a fraction y ≤ 0.2 of a
/// site and uses national effort 2 → 2.0.
#[test]
fn national_site_decision_matters() {
    let inst = load_dir(&fixture("site_decision"));
    let mip = solve(&inst, &RunOptions::default());
    assert_relative_eq!(objective(&mip), 2.5, max_relative = 1e-8);
    let plan = mip.plan.as_ref().unwrap();
    assert!(!plan.is_site(0, 0), "no site is designated");
    assert_eq!(
        mip.size.integers, 1,
        "one candidate site (province b is ineligible)"
    );
    let lp = solve(&inst, &relaxed());
    assert_relative_eq!(objective(&lp), 2.0, max_relative = 1e-8);
    let y = lp.plan.as_ref().unwrap().sites[0].value;
    assert!(y > 0.0 && y <= 0.2 + 1e-9, "fractional site {y}");
}

/// With a small minimum site effort, the national site wins: 2 effort at a.
#[test]
fn national_site_is_designated_when_cheap() {
    let mut inst = load_dir(&fixture("site_decision"));
    inst.items[0].min_site_effort = 1.0;
    let r = solve(&inst, &RunOptions::default());
    assert_relative_eq!(objective(&r), 2.0, max_relative = 1e-8);
    assert!(r.plan.as_ref().unwrap().is_site(0, 0));
}

/// budget_short: y (s0 0.2, gain 0.1) must reach 0.6 but the province has only
/// 2 亿元 in 2024 (effort in 2025 acts too late). Each 亿元 removes 10 points
/// of shortfall worth 10 亿元 of penalty (λ = 1 per point), so the plan spends
/// both: level 0.4, shortfall 0.2 → 100 × 1 × 0.2 = 20, plus 2 spent → 22.
/// Duals: budget 2024 −9 (saves 10, costs 1); target +100 per unit share.
#[test]
fn budget_binds_and_shortfall_is_priced() {
    let inst = load_dir(&fixture("budget_short"));
    let r = solve(&inst, &RunOptions::default());
    assert_relative_eq!(objective(&r), 22.0, max_relative = 1e-8);
    assert_relative_eq!(
        r.plan.as_ref().unwrap().shortfall[0],
        0.2,
        max_relative = 1e-8
    );
    let budget = dual(&r, |k| {
        matches!(k, RowKey::ProvincialBudget { year: 0, .. })
    });
    assert_relative_eq!(budget, -9.0, max_relative = 1e-7);
    let target = dual(&r, |k| matches!(k, RowKey::Target { .. }));
    assert_relative_eq!(target, 100.0, max_relative = 1e-7);
    assert_eq!(r.outcome.dual_source, DualSource::Lp);
}

/// Interior point with crossover reaches the same vertex: the optimum (22),
/// the budget dual (−9) and the target dual (+100) of `budget_shortfall`'s
/// derivation, with a basis for ranging; the LP relaxation of site_decision
/// (2.0) too.
#[test]
fn interior_point_gives_the_hand_derived_optimum_and_duals() {
    let ipm = |relax: bool| RunOptions {
        relax,
        ranging: true,
        solver: SolverOptions {
            lp_algorithm: LpAlgorithm::Ipm,
            ..SolverOptions::default()
        },
        ..RunOptions::default()
    };
    let inst = load_dir(&fixture("budget_short"));
    let r = solve(&inst, &ipm(false));
    assert_relative_eq!(objective(&r), 22.0, max_relative = 1e-8);
    assert_eq!(
        r.outcome.simplex_iterations, 0,
        "no simplex: interior point ran"
    );
    let budget = dual(&r, |k| {
        matches!(k, RowKey::ProvincialBudget { year: 0, .. })
    });
    assert_relative_eq!(budget, -9.0, max_relative = 1e-7);
    let target = dual(&r, |k| matches!(k, RowKey::Target { .. }));
    assert_relative_eq!(target, 100.0, max_relative = 1e-7);
    assert!(
        r.outcome.ranging.is_some(),
        "crossover leaves a basis for ranging"
    );
    let lp = solve(&load_dir(&fixture("site_decision")), &ipm(true));
    assert_relative_eq!(objective(&lp), 2.0, max_relative = 1e-8);
}

/// The same instance with hard targets has no feasible plan.
#[test]
fn hard_targets_can_be_infeasible() {
    let inst = load_dir(&fixture("budget_short"));
    let r = qiangji::run::solve_instance(
        &inst,
        &RunOptions {
            hard_targets: true,
            ..RunOptions::default()
        },
    )
    .unwrap();
    assert!(matches!(
        r.outcome.status,
        SolveStatus::Infeasible | SolveStatus::InfeasibleOrUnbounded
    ));
    assert!(r.plan.is_none());
}

/// The stock (sparse) and direct (reference) forms of (R) give the same
/// optimum on every hand-solved instance, MIP and LP.
#[test]
fn stock_and_direct_response_forms_agree() {
    for dir in [
        demo(),
        fixture("chain_binds"),
        fixture("site_decision"),
        fixture("budget_short"),
    ] {
        let inst = load_dir(&dir);
        for relax in [false, true] {
            let stock = solve(
                &inst,
                &RunOptions {
                    relax,
                    ..RunOptions::default()
                },
            );
            let direct = solve(
                &inst,
                &RunOptions {
                    relax,
                    response_form: ResponseForm::Direct,
                    ..RunOptions::default()
                },
            );
            assert_relative_eq!(objective(&stock), objective(&direct), max_relative = 1e-8);
        }
    }
}

/// LP duals equal the finite-difference slope of the objective.
#[test]
fn lp_duals_match_finite_differences() {
    let inst = load_dir(&fixture("budget_short"));
    let base = solve(&inst, &RunOptions::default());
    let eps = 1e-3;
    let mut bumped = inst.clone();
    bumped.provincial_budget_yi[[0, 0]] += eps;
    let after = solve(&bumped, &RunOptions::default());
    let slope = (objective(&after) - objective(&base)) / eps;
    let d = dual(&base, |k| {
        matches!(k, RowKey::ProvincialBudget { year: 0, .. })
    });
    assert_relative_eq!(slope, d, max_relative = 1e-6);
}

/// max-sufficiency spends the budgets: with ω_cost = 0 the plan raises y as far
/// as the 2 亿元 allow (0.4 in 2025).
#[test]
fn max_sufficiency_uses_the_budget() {
    let inst = load_dir(&fixture("budget_short"));
    let r = solve(
        &inst,
        &RunOptions {
            objective_preset: Some("max-sufficiency".into()),
            ..RunOptions::default()
        },
    );
    let realised = r.realised.as_ref().unwrap();
    assert_relative_eq!(realised[[0, 1]], 0.4, max_relative = 1e-8);
}

/// Realised self-sufficiency is never below the model's level (docs/model.md §7).
#[test]
fn realised_levels_dominate_model_levels() {
    for dir in [
        demo(),
        fixture("chain_binds"),
        fixture("site_decision"),
        fixture("budget_short"),
    ] {
        let inst = load_dir(&dir);
        let r = solve(&inst, &RunOptions::default());
        let plan = r.plan.as_ref().unwrap();
        let realised = r.realised.as_ref().unwrap();
        for k in 0..inst.items.len() {
            for t in 0..inst.years.len() {
                assert!(realised[[k, t]] >= plan.model_level(&inst, k, t) - 1e-9);
            }
        }
    }
}

/// instruments_as_data: a fourth instrument (`demonstration`, η 2.0, half
/// central) defined only in the fixture's model file, item-level advantage and
/// a per-item effect lag. No discounting, one response segment, gain 0.1.
///
/// y (shortboard, adv 1 in a and b, lag 1): 0.6/0.1 = 6 effective effort by
/// 2025, cheapest through demonstration (2.0 per 亿元) → 3 亿元 in 2024.
/// z (general): its own geography gives adv 0.5 in a and 0 in b (b is not
/// listed), so only a works: demonstration 2.0 × 0.5 = 1.0 per 亿元 → 3 亿元;
/// its lag of 0 lets 2024 effort count for the 2024 target. Optimum 6.
/// Without the fourth instrument y would cost 6/1.2 = 5 and z 3/0.5 = 6; with
/// the area index instead of z's own (adv 1) z would cost 1.5.
#[test]
fn a_fourth_instrument_item_geography_and_item_lags() {
    let dir = fixture("instruments_as_data");
    let inst = load_dir(&dir);
    assert_eq!(inst.model.modes.len(), 4);
    let demonstration = inst.model.mode_by_id("demonstration").unwrap();
    let r = solve(&inst, &RunOptions::default());
    assert_relative_eq!(objective(&r), 6.0, max_relative = 1e-9);
    let plan = r.plan.as_ref().unwrap();
    for e in plan.effort.iter().filter(|e| e.effort > 1e-9) {
        assert_eq!(e.mode, demonstration, "only demonstration is used");
        assert_eq!(inst.years[e.year], 2024);
        assert_eq!(inst.provinces[e.province].id, "a");
    }
    let z = 1;
    assert_eq!(inst.adv(z, 1), 0.0, "z's industry is not in b");
    assert!(
        !plan.effort.iter().any(|e| e.item == z && e.province == 1),
        "no effort column for z in b"
    );

    // Without its own lag z's 2024 target is out of reach: shortfall 0.3.
    let mut lagged = inst.clone();
    lagged.items[z].effect_lag_years = 1;
    let r = solve(&lagged, &RunOptions::default());
    assert_relative_eq!(
        r.plan.as_ref().unwrap().shortfall[1],
        0.3,
        max_relative = 1e-9
    );

    // With the area index for z (adv 1 everywhere) z costs 1.5.
    let mut area_only = inst.clone();
    area_only.item_advantage[z] = None;
    assert_relative_eq!(
        objective(&solve(&area_only, &RunOptions::default())),
        4.5,
        max_relative = 1e-9
    );
}

/// programme_limits: one shortboard item x (chain only: η 1.2, half central,
/// 1 亿元 per effort unit; gain 0.1, lag 1, no discounting) must reach 0.5 in
/// 2025, i.e. 5 effective effort units spent in 2024. Province a has
/// advantage 2.0, b 1.0.
///
/// - No limits: all in a, 5/2.4 = 2.083333.
/// - (CAP) χ = 0.6: a may receive at most 0.6 of the central money, so
///   e_a ≤ 1.5 e_b; at the cap 2.4·1.5 e_b + 1.2 e_b = 4.8 e_b = 5 →
///   e_b = 1.041667, e_a = 1.5625, total 2.604167.
/// - (CONT) decline 0.2: the 2024 programme cannot stop, so 2025 and 2026
///   keep 0.8 and 0.64 of it: 2.083333 × 2.44 = 5.083333.
/// - Both: 2.604167 × 2.44 = 6.354167.
#[test]
fn continuity_and_concentration_cap() {
    let inst = load_dir(&fixture("programme_limits"));
    assert!(inst.continuity.is_some() && inst.concentration == Some(0.6));
    let cost = |continuity: bool, cap: bool| {
        let mut i = inst.clone();
        if !continuity {
            i.continuity = None;
        }
        if !cap {
            i.concentration = None;
        }
        objective(&solve(&i, &RunOptions::default()))
    };
    assert_relative_eq!(cost(false, false), 5.0 / 2.4, max_relative = 1e-8);
    assert_relative_eq!(cost(false, true), 5.0 / 4.8 * 2.5, max_relative = 1e-8);
    assert_relative_eq!(cost(true, false), 5.0 / 2.4 * 2.44, max_relative = 1e-8);
    assert_relative_eq!(
        cost(true, true),
        5.0 / 4.8 * 2.5 * 2.44,
        max_relative = 1e-8
    );
    // The decline rows bind and carry a price: cutting the allowed decline
    // share would cost more.
    let r = solve(&inst, &RunOptions::default());
    assert!(r
        .duals
        .iter()
        .any(|d| matches!(d.key, RowKey::ContinuityDecline { .. }) && d.binding));
    assert!(r
        .duals
        .iter()
        .any(|d| matches!(d.key, RowKey::Concentration { .. }) && d.binding));
}

/// A model file that leaves `lead_sites` out has no site instrument
/// (docs/model.md §2: a mode works through lead sites only when its table
/// says `lead_sites = true`, whatever its name): the national instrument then
/// works in every eligible province without designated sites, so the plan
/// designates none and costs no more than with the site rules.
#[test]
fn only_lead_sites_true_makes_a_site_instrument() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("simple_model.toml")).unwrap();
    assert!(text.contains("lead_sites = true\n"));
    let model = tmp.path().join("model.toml");
    std::fs::write(&model, text.replace("lead_sites = true\n", "")).unwrap();
    let options = qiangji::instance::LoadOptions {
        model_override: Some(model),
    };
    let implicit = qiangji::instance::load(&fixture("budget_short"), &options).unwrap();
    for m in implicit.model.mode_ids() {
        assert!(
            !implicit.model.mode(m).lead_sites,
            "{} works through lead sites without saying so",
            implicit.model.mode_id(m)
        );
    }
    let without_sites = solve(&implicit, &RunOptions::default());
    assert!(without_sites.plan.as_ref().unwrap().sites.is_empty());
    let explicit = load_dir(&fixture("budget_short"));
    assert!(explicit
        .model
        .mode_ids()
        .any(|m| explicit.model.mode(m).lead_sites));
    assert!(
        objective(&without_sites) <= objective(&solve(&explicit, &RunOptions::default())) + 1e-9
    );
}
