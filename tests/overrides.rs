//! Every parameter an override can change, every selector, the three
//! operations and composition order, checked on the demo instance
//! (items alloy, bearing, chip; provinces east and west; 2024–2026).

mod common;

use approx::assert_relative_eq;
use common::*;
use qiangji::instance::overrides::scenarios::parse_scenarios;
use qiangji::instance::overrides::{apply_all, parse_set, Param};
use qiangji::instance::{Instance, Region, Tier};

fn with(base: &Instance, sets: &[&str]) -> Instance {
    let overrides: Vec<_> = sets.iter().map(|s| parse_set(s).unwrap()).collect();
    apply_all(base, &overrides).unwrap_or_else(|e| panic!("{sets:?}: {e}"))
}

fn fails(base: &Instance, set: &str) -> String {
    let o = parse_set(set).unwrap();
    apply_all(base, &[o]).unwrap_err().to_string()
}

fn item(inst: &Instance, id: &str) -> usize {
    inst.items.iter().position(|i| i.id == id).unwrap()
}

fn province(inst: &Instance, id: &str) -> usize {
    inst.provinces.iter().position(|p| p.id == id).unwrap()
}

#[test]
fn budgets_talent_and_capacity_by_province_region_and_year() {
    let base = load_dir(&demo());
    let (east, west) = (province(&base, "east"), province(&base, "west"));
    let i = with(&base, &["central_budget[from=2025]*=0.5"]);
    assert_eq!(i.central_budget_yi[0], base.central_budget_yi[0]);
    assert_relative_eq!(i.central_budget_yi[2], 0.5 * base.central_budget_yi[2]);
    let i = with(&base, &["central_budget[year=2024]=7"]);
    assert_eq!(i.central_budget_yi[0], 7.0);
    assert_eq!(i.central_budget_yi[1], base.central_budget_yi[1]);
    let i = with(&base, &["provincial_budget[province=west,to=2025]+=3"]);
    assert_relative_eq!(
        i.provincial_budget_yi[[west, 1]],
        base.provincial_budget_yi[[west, 1]] + 3.0
    );
    assert_eq!(
        i.provincial_budget_yi[[west, 2]],
        base.provincial_budget_yi[[west, 2]]
    );
    assert_eq!(
        i.provincial_budget_yi[[east, 0]],
        base.provincial_budget_yi[[east, 0]]
    );
    let i = with(
        &base,
        &["talent[region=west]*=2", "talent_growth[province=east]=0.1"],
    );
    assert_relative_eq!(
        i.provinces[west].talent_kfte,
        2.0 * base.provinces[west].talent_kfte
    );
    assert_eq!(i.provinces[east].talent_growth, 0.1);
    let i = with(
        &base,
        &[
            "platform_capacity[area=materials,province=east]+=4",
            "max_new_platforms[province=west]=3",
        ],
    );
    let materials = base.areas.iter().position(|a| a.id == "materials").unwrap();
    assert_relative_eq!(
        i.initial_capacity_cu[[materials, east]],
        base.initial_capacity_cu[[materials, east]] + 4.0
    );
    assert_eq!(i.provinces[west].max_new_platforms, 3);
    assert!(fails(&base, "max_new_platforms[province=west]=2.5").contains("whole number"));
    assert!(fails(&base, "central_budget*=-1").contains("scale factor must be ≥ 0"));
}

#[test]
fn items_by_id_area_and_tier() {
    let base = load_dir(&demo());
    let chip = item(&base, "chip");
    let i = with(
        &base,
        &[
            "gain[tier=stranglehold]*=0.5",
            "s0[item=chip]=0.1",
            "smax[area=materials]=0.8",
            "weight[item=bearing|alloy]+=5",
        ],
    );
    assert_relative_eq!(
        i.items[chip].gain_per_effort,
        0.5 * base.items[chip].gain_per_effort
    );
    assert_eq!(i.items[chip].s0, 0.1);
    assert_eq!(i.items[item(&base, "alloy")].smax, 0.8);
    assert_relative_eq!(
        i.items[item(&base, "bearing")].weight_yi,
        base.items[item(&base, "bearing")].weight_yi + 5.0
    );
    assert_eq!(i.items[chip].weight_yi, base.items[chip].weight_yi);
    let i = with(
        &base,
        &[
            "effect_lag[item=chip]=2",
            "max_sites[item=chip]=1",
            "min_site_effort[area=components]=3",
        ],
    );
    assert_eq!(i.items[chip].effect_lag_years, 2);
    assert_eq!(i.items[chip].max_sites, 1);
    assert_eq!(i.items[item(&base, "bearing")].min_site_effort, 3.0);
    // Item-level advantage: the item's own row starts from its area's index.
    let i = with(&base, &["advantage[item=chip,province=west]=2"]);
    assert_eq!(i.adv(chip, province(&base, "west")), 2.0);
    assert_eq!(
        i.adv(chip, province(&base, "east")),
        base.adv(chip, province(&base, "east"))
    );
    let i = with(&base, &["advantage[area=components,region=east]*=1.1"]);
    assert_relative_eq!(i.adv(chip, 0), 1.1 * base.adv(chip, 0));
    assert!(fails(&base, "s0[item=chip]=0.95").contains("exceed smax"));
    assert!(fails(&base, "gain[tier=general,area=materials]*=2").contains("selects nothing"));
}

#[test]
fn targets_instruments_policy_and_objective() {
    let base = load_dir(&demo());
    let i = with(
        &base,
        &[
            "target_level[target=core_2026]=0.7",
            "target_penalty=50",
            "target_year[target=core_2026]=2025",
        ],
    );
    assert_eq!(i.targets[0].level, 0.7);
    assert_eq!(i.targets[0].penalty_yi_per_point, 50.0);
    assert_eq!(i.years[i.targets[0].year], 2025);
    assert!(fails(&base, "target_year=2031").contains("outside the horizon"));
    let chain = base.model.mode_by_id("chain").unwrap();
    let i = with(
        &base,
        &[
            "funding_per_effort[mode=chain]*=1.5",
            "talent_per_effort[mode=chain]=0.1",
            "capacity_per_effort[mode=chain]=2",
            "central_share[mode=chain]=0.4",
            "productivity[mode=chain]+=0.3",
        ],
    );
    let m = i.model.mode(chain);
    assert_relative_eq!(
        m.funding_yi_per_effort,
        1.5 * base.model.mode(chain).funding_yi_per_effort
    );
    assert_eq!(
        (
            m.talent_kfte_per_effort,
            m.capacity_cu_per_effort,
            m.central_share
        ),
        (0.1, 2.0, 0.4)
    );
    assert_relative_eq!(m.productivity, base.model.mode(chain).productivity + 0.3);
    let i = with(&base, &["allowed_modes[tier=stranglehold]=chain"]);
    assert!(!i.model.is_allowed(
        Tier::Stranglehold,
        base.model.mode_by_id("national").unwrap()
    ));
    assert!(i.model.is_allowed(Tier::Stranglehold, chain));
    assert!(fails(&base, "allowed_modes[tier=general]=rocket").contains("unknown instrument"));
    let i = with(
        &base,
        &[
            "eligibility_threshold=2",
            "regional_floor[region=west]=0.3",
            "concentration_cap=0.6",
            "continuity={max_growth=0.3,max_decline=0.2,ramp_yi=5}",
            "continuity_ramp[area=materials]=9",
            "training_yield=0.2",
            "training_lag=1",
            "platform_size=3",
            "platform_cost*=2",
            "platform_central_share=0.2",
            "platform_lag=1",
            "discount_rate=0.05",
        ],
    );
    assert_eq!(i.model.national_eligibility_threshold, 2.0);
    let floor = i.regional_floor.as_ref().unwrap();
    assert_eq!(
        (floor.regions.as_slice(), floor.min_share),
        (&[Region::West][..], 0.3)
    );
    assert_eq!(i.concentration, Some(0.6));
    let c = i.continuity.as_ref().unwrap();
    let materials = base.areas.iter().position(|a| a.id == "materials").unwrap();
    assert_eq!(
        (
            c.max_growth,
            c.max_decline,
            c.ramp_yi[materials],
            c.ramp_yi[1 - materials]
        ),
        (0.3, 0.2, 9.0, 5.0)
    );
    assert_eq!(
        (i.model.training_kfte_per_yi, i.model.training_lag_years),
        (0.2, 1)
    );
    assert_eq!(
        (
            i.model.platform_capacity_cu,
            i.model.platform_central_share,
            i.model.platform_lag_years
        ),
        (3.0, 0.2, 1)
    );
    assert_relative_eq!(i.model.platform_cost_yi, 2.0 * base.model.platform_cost_yi);
    assert_eq!(i.model.discount_rate, 0.05);
    assert!(fails(&base, "continuity_growth=0.1").contains("no continuity rule"));
    let i = with(&base, &["objective=max-sufficiency"]);
    assert_eq!(i.objective_preset, "max-sufficiency");
    let i = with(&base, &["cost_weight=2", "sufficiency_weight=5"]);
    assert_eq!(
        (i.objective.cost_weight, i.objective_preset.as_str()),
        (2.0, "custom")
    );
    assert_eq!(i.objective.sufficiency_weight, 5.0);
    assert!(fails(&base, "cost_weight=0").contains("cannot both be 0"));
    assert!(fails(&base, "objective=fastest").contains("unknown objective preset"));
    let i = with(
        &base,
        &[
            "training_budget[province=east]=2",
            "training_budget[region=west,from=2025]=3",
            "training_budget[region=west]*=2",
            "training_floor[province=west,year=2026]=1",
        ],
    );
    let (east, west) = (province(&base, "east"), province(&base, "west"));
    let tb = &i.training_budget;
    assert_eq!(tb.cap(east, 0), Some(2.0));
    assert_eq!(tb.cap(west, 0), None, "no limit doubled stays no limit");
    assert_eq!((tb.cap(west, 1), tb.cap(west, 2)), (Some(6.0), Some(6.0)));
    assert_eq!((tb.floor(west, 2), tb.floor(west, 1)), (1.0, 0.0));
    assert!(fails(&base, "training_budget[region=west]*=2").contains("no cap to start from"));
    assert!(
        fails(&base, "training_floor[province=east]=11").contains("above its provincial budget")
    );
    let i = with(&base, &["target_assured_at[target=core_2026]=0.7"]);
    assert_eq!(i.targets[0].assured_at, 0.7);
    assert!(fails(&base, "target_assured_at=0").contains("(0, 1]"));
    // Every parameter of the catalogue is covered above.
    let covered = [
        "central_budget",
        "provincial_budget",
        "talent",
        "talent_growth",
        "platform_capacity",
        "max_new_platforms",
        "advantage",
        "s0",
        "smax",
        "gain",
        "weight",
        "effect_lag",
        "max_sites",
        "min_site_effort",
        "target_level",
        "target_year",
        "target_penalty",
        "funding_per_effort",
        "talent_per_effort",
        "capacity_per_effort",
        "central_share",
        "productivity",
        "allowed_modes",
        "eligibility_threshold",
        "regional_floor",
        "concentration_cap",
        "continuity",
        "continuity_growth",
        "continuity_decline",
        "continuity_ramp",
        "training_yield",
        "training_lag",
        "platform_size",
        "platform_cost",
        "platform_central_share",
        "platform_lag",
        "discount_rate",
        "objective",
        "cost_weight",
        "sufficiency_weight",
        // Solved against the hand-derived optima in tests/pools.rs
        // (overrides_reach_pool_inflow_and_carry_over).
        "pool_inflow",
        "pool_carry_over",
        "target_assured_at",
        // Solved against the hand-derived optima in tests/training_budget.rs
        // (the_training_budget_in_the_west_doubles_by_region,
        // a_training_floor_costs_what_it_forces), and here on the demo.
        "training_budget",
        "training_floor",
    ];
    assert_eq!(Param::names().len(), covered.len());
    for name in Param::names() {
        assert!(covered.contains(&name), "{name} has no test here");
    }
}

#[test]
fn later_overrides_win_and_scenarios_compose_in_order() {
    let base = load_dir(&demo());
    let i = with(
        &base,
        &[
            "central_budget=10",
            "central_budget*=2",
            "central_budget+=1",
        ],
    );
    assert!(i.central_budget_yi.iter().all(|&b| b == 21.0));
    let f = parse_scenarios(
        "[cut]\noverrides = [{ param = \"central_budget\", set = 10 }]\n\
         [boost]\noverrides = [{ param = \"central_budget\", scale = 3 }]\n\
         [both]\nextends = [\"cut\", \"boost\"]\n\
         [reverse]\nextends = [\"boost\", \"cut\"]\n",
        "s.toml",
    )
    .unwrap();
    let apply = |names: &[&str]| {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        apply_all(&base, &f.compose(&names).unwrap())
            .unwrap()
            .central_budget_yi[0]
    };
    assert_eq!(apply(&["both"]), 30.0);
    assert_eq!(apply(&["reverse"]), 10.0);
    assert_eq!(
        apply(&["boost", "cut"]),
        10.0,
        "--scenario boost --scenario cut"
    );
    // The variant records what was applied, for summary.json.
    let i = apply_all(&base, &f.compose(&["both".into()]).unwrap()).unwrap();
    let described: Vec<String> = i.variant.overrides.iter().map(|o| o.describe()).collect();
    assert_eq!(described, vec!["central_budget=10", "central_budget*=3"]);
}

#[test]
fn overrides_are_held_to_the_ranges_of_the_files() {
    let base = load_dir(&demo());
    // A thousandfold budget is a unit slip in a file, and in an override.
    let e = fails(&base, "central_budget*=1000000");
    assert!(e.contains("must be in [0, 1e6] 亿元 per year"), "{e}");
    let e = fails(&base, "advantage[area=components]=500");
    assert!(e.contains("must be in [0, 100]"), "{e}");
    let e = fails(&base, "gain=1e-12");
    assert!(e.contains("nonzero values must be at least 1e-9"), "{e}");
    let e = fails(&base, "productivity[mode=chain]=1000");
    assert!(e.contains("must be in [0.001, 100]"), "{e}");
    // Inside the ranges the same parameters apply.
    with(&base, &["central_budget*=2", "productivity[mode=chain]=2"]);
}
