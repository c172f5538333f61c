//! Exchange rates — points of a target group per extra 亿元 of central
//! budget, per k FTE of talent and per platform — hold for the one-unit step
//! they describe where it buys most: each equals the rise of the group's
//! frontier in a cold re-solve of the changed instance, no other place buys
//! more, and the hand-derived values of tests/fixtures/exchange hold (where
//! the duals promise four times as much).

mod common;

use approx::assert_relative_eq;
use common::*;
use qiangji::analysis::exchange::{GroupRates, RateSource};
use qiangji::analysis::explain::explain_plan;
use qiangji::analysis::marginal::Depth;
use qiangji::instance::Instance;
use qiangji::model::ColumnKey;
use qiangji::run::{open_session, RunOptions};

/// The most target `g`'s group can reach in its year [points], solved from
/// scratch: the plan's sites and platforms fixed, other targets kept at the
/// plan's shortfalls, spending not counted.
fn frontier_cold(inst: &Instance, opts: &RunOptions, plan: &[f64], g: usize) -> f64 {
    let (mut session, layout) = open_session(inst, opts).unwrap();
    if session.num_integers() > 0 {
        session.fix_integers(Some(plan)).unwrap();
    }
    let target = &inst.targets[g];
    let total = inst.group_weight(&target.items);
    let mut z = Vec::new();
    for (col, key) in layout.columns.iter().enumerate() {
        let cost = match *key {
            ColumnKey::Segment { item, year, .. }
                if year == target.year && target.items.contains(&item) =>
            {
                let w = 100.0 * inst.items[item].weight_yi / total;
                z.push((col, w));
                -w
            }
            _ => 0.0,
        };
        session.set_column_cost(col, cost).unwrap();
        if let ColumnKey::Shortfall { target: h } = *key {
            if h != g {
                session.set_column_bounds(col, 0.0, plan[col]).unwrap();
            }
        }
    }
    let out = session.solve().unwrap();
    100.0 * inst.initial_group_level(&target.items)
        + z.iter().map(|&(col, w)| w * out.columns[col]).sum::<f64>()
}

fn rates(inst: &Instance, opts: &RunOptions) -> (Vec<GroupRates>, Vec<f64>) {
    let base = solve(inst, opts);
    let plan = base.outcome.columns.clone();
    let explained = explain_plan(inst, opts, &plan, Depth::Full).unwrap();
    (explained.exchange.groups, plan)
}

/// Every rate equals the frontier's rise at its best place, and no place
/// of that resource buys more.
fn check_against_cold(name: &str, inst: &Instance, opts: &RunOptions) -> usize {
    let (groups, plan) = rates(inst, opts);
    let mut checked = 0;
    for r in &groups {
        let g = r.target;
        let frontier = frontier_cold(inst, opts, &plan, g);
        assert_relative_eq!(r.frontier_points, frontier, max_relative = 1e-7);
        // The largest rise of the frontier over the places a resource can grow.
        let best = |grow: &dyn Fn(usize, &mut Instance), places: usize| -> f64 {
            (0..places)
                .map(|place| {
                    let mut changed = inst.clone();
                    grow(place, &mut changed);
                    frontier_cold(&changed, opts, &plan, g) - frontier
                })
                .fold(0.0, f64::max)
        };
        let (n_t, n_p, n_a) = (inst.years.len(), inst.provinces.len(), inst.areas.len());
        let kappa = inst.model.platform_capacity_cu;
        let mut expected = vec![(
            r.central_budget.points_per_unit,
            best(&|t, i| i.central_budget_yi[t] += 1.0, n_t),
        )];
        // Talent: +1 k FTE in every year of one province (exact as an
        // instance change when talent does not grow).
        if inst.provinces.iter().all(|p| p.talent_growth == 0.0) {
            expected.push((
                r.talent.points_per_unit,
                best(&|p, i| i.provinces[p].talent_kfte += 1.0, n_p),
            ));
        }
        expected.push((
            r.platform.points_per_unit,
            best(
                &|ap, i| i.initial_capacity_cu[[ap / n_p, ap % n_p]] += kappa,
                n_a * n_p,
            ),
        ));
        for (reported, cold) in expected {
            assert_relative_eq!(reported.unwrap(), cold, max_relative = 1e-6, epsilon = 1e-7);
        }
        for rate in [&r.central_budget, &r.talent, &r.platform] {
            assert_eq!(
                rate.unsettled_bound, 0.0,
                "{name}: a full run settles every place"
            );
        }
        checked += 1;
    }
    checked
}

#[test]
fn rates_equal_cold_resolves_where_they_buy_most() {
    let exchange = load_dir(&fixture("exchange"));
    let mut short_of_money = exchange.clone();
    short_of_money.central_budget_yi = vec![1.0; 2];
    let mut checked = 0;
    checked += check_against_cold("exchange", &exchange, &RunOptions::default());
    checked += check_against_cold(
        "exchange, central budget 1",
        &short_of_money,
        &RunOptions::default(),
    );
    checked += check_against_cold("demo", &load_dir(&demo()), &RunOptions::default());
    assert!(checked >= 3);
}

/// tests/fixtures/exchange, derived in its instance.toml.
#[test]
fn the_exchange_fixture_has_the_hand_derived_rates() {
    let inst = load_dir(&fixture("exchange"));
    let (groups, _) = rates(&inst, &RunOptions::default());
    let r = &groups[0];
    assert_relative_eq!(r.plan_points, 50.0, max_relative = 1e-9);
    assert_relative_eq!(r.frontier_points, 67.5, max_relative = 1e-9);
    assert_eq!(r.central_budget.points_per_unit, Some(0.0));
    assert_eq!(r.central_budget.source, RateSource::ZeroDual);
    assert_eq!(r.talent.points_per_unit, Some(0.0));
    assert_relative_eq!(
        r.platform.points_per_unit.unwrap(),
        3.5,
        max_relative = 1e-9
    );
    assert_eq!(r.platform.best_place.as_deref(), Some("components in p1"));
    assert_eq!(
        r.platform.source,
        RateSource::Resolve,
        "the dual (14) overstates it"
    );

    // Short of central money (1 亿元 a year): e_c ≤ 2, e_e = 2, 64 points;
    // one more 亿元 in 2024 lifts e_c to 2.5 (capacity), e_e to 1.75: +3.5.
    let mut short = inst.clone();
    short.central_budget_yi = vec![1.0; 2];
    let (groups, _) = rates(&short, &RunOptions::default());
    let r = &groups[0];
    assert_relative_eq!(r.frontier_points, 64.0, max_relative = 1e-9);
    assert_relative_eq!(
        r.central_budget.points_per_unit.unwrap(),
        3.5,
        max_relative = 1e-9
    );
    assert_eq!(r.central_budget.best_place.as_deref(), Some("2024"));
    assert_eq!(r.platform.points_per_unit, Some(0.0));
}
