//! Why a province receives no project funding: the causes a planner can check
//! against the data — its industry is absent, it has no platform capacity,
//! talent or provincial money for the instruments open to it, it cannot host
//! a national lead site, or in every funded foundation its advantage is below
//! that of the least advantaged province the plan does fund there (the
//! marginal funded province), so the same effort goes further elsewhere.

use crate::instance::Instance;
use crate::tolerances::PRINT_ZERO;

use super::totals::funding_by_area_province;
use super::Plan;

/// One cause of a province's receiving nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// No item's industry is there (advantage 0 for every item).
    NoIndustry,
    /// Effort needs platform capacity and the province has none in any area
    /// open to it, and builds none.
    NoCapacity,
    /// Effort needs talent and the province has none in any year.
    NoTalent,
    /// Every instrument open to it needs provincial co-funding and its
    /// provincial budget is zero in every year.
    NoProvincialBudget,
    /// Its provincial budget is zero in every year, so of the instruments
    /// open to it only those without co-funding remain (listed), and the
    /// plan spends them where they buy more.
    OnlyCentralInstruments { modes: Vec<String> },
    /// Its advantage is below the eligibility threshold of the lead-site
    /// instruments for every item that could use one.
    IneligibleForLeadSites { best_advantage: f64, threshold: f64 },
    /// In every foundation funded anywhere, its advantage is below that of
    /// the marginal funded province; the closest case is given.
    LowerAdvantage {
        area: usize,
        advantage: f64,
        marginal_province: usize,
        marginal_advantage: f64,
    },
    /// None of the causes above: given budgets and limits the plan meets its
    /// targets more cheaply elsewhere.
    CheaperElsewhere,
}

/// A province without project funding and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unfunded {
    pub province: usize,
    pub reasons: Vec<Reason>,
}

/// Every province whose project funding over the horizon is zero, in instance
/// order, with the reasons that apply (never empty).
pub fn unfunded_provinces(inst: &Instance, plan: &Plan) -> Vec<Unfunded> {
    let funding = funding_by_area_province(inst, plan);
    let funded = |a: usize, p: usize| funding[[a, p]].total_yi() > PRINT_ZERO;
    (0..inst.provinces.len())
        .filter(|&p| (0..inst.areas.len()).all(|a| !funded(a, p)))
        .map(|p| Unfunded {
            province: p,
            reasons: reasons(inst, plan, p, &funded),
        })
        .collect()
}

/// Best advantage of province `p` for the items of area `a` that some
/// instrument may work on there (0 when none may).
fn best_open_advantage(inst: &Instance, a: usize, p: usize) -> f64 {
    inst.items_in_area(a)
        .into_iter()
        .filter(|&k| inst.model.mode_ids().any(|m| inst.effort_allowed(k, p, m)))
        .map(|k| inst.adv(k, p))
        .fold(0.0, f64::max)
}

fn reasons(
    inst: &Instance,
    plan: &Plan,
    p: usize,
    funded: &dyn Fn(usize, usize) -> bool,
) -> Vec<Reason> {
    let model = &inst.model;
    let open: Vec<(usize, crate::instance::Mode)> = (0..inst.items.len())
        .flat_map(|k| model.mode_ids().map(move |m| (k, m)))
        .filter(|&(k, m)| inst.effort_allowed(k, p, m))
        .collect();
    let mut out = Vec::new();
    if (0..inst.items.len()).all(|k| inst.adv(k, p) <= 0.0) {
        out.push(Reason::NoIndustry);
        return out;
    }
    let lead_site_items: Vec<usize> = (0..inst.items.len())
        .filter(|&k| {
            inst.adv(k, p) > 0.0
                && model
                    .mode_ids()
                    .any(|m| model.mode(m).lead_sites && model.is_allowed(inst.items[k].tier, m))
        })
        .collect();
    if !lead_site_items.is_empty()
        && lead_site_items
            .iter()
            .all(|&k| !inst.is_site_candidate(k, p))
    {
        out.push(Reason::IneligibleForLeadSites {
            best_advantage: lead_site_items
                .iter()
                .map(|&k| inst.adv(k, p))
                .fold(0.0, f64::max),
            threshold: model.national_eligibility_threshold,
        });
    }
    if open.is_empty() {
        return out;
    }
    let builds_platforms = plan
        .new_platforms
        .index_axis(ndarray::Axis(1), p)
        .iter()
        .any(|&n| n > PRINT_ZERO);
    let needs_capacity = open
        .iter()
        .all(|&(_, m)| model.mode(m).capacity_cu_per_effort > 0.0);
    let has_capacity = open
        .iter()
        .any(|&(k, _)| inst.initial_capacity_cu[[inst.items[k].area, p]] > 0.0);
    if needs_capacity && !has_capacity && !builds_platforms {
        out.push(Reason::NoCapacity);
    }
    let needs_talent = open
        .iter()
        .all(|&(_, m)| model.mode(m).talent_kfte_per_effort > 0.0);
    let has_talent = (0..inst.years.len()).any(|t| inst.base_talent_kfte(p, t) > 0.0);
    if needs_talent && !has_talent {
        out.push(Reason::NoTalent);
    }
    let needs_provincial_money = open.iter().all(|&(_, m)| model.mode(m).central_share < 1.0);
    let has_budget = inst
        .provincial_budget_yi
        .row(p)
        .iter()
        .any(|&b| b > PRINT_ZERO);
    if needs_provincial_money && !has_budget {
        out.push(Reason::NoProvincialBudget);
    } else if !has_budget {
        let mut modes: Vec<String> = open
            .iter()
            .filter(|&&(_, m)| model.mode(m).central_share >= 1.0)
            .map(|&(_, m)| model.mode_id(m).to_string())
            .collect();
        modes.sort();
        modes.dedup();
        out.push(Reason::OnlyCentralInstruments { modes });
    }
    if let Some(lower) = lower_advantage(inst, p, funded) {
        out.push(lower);
    }
    let blocking = out
        .iter()
        .any(|r| !matches!(r, Reason::IneligibleForLeadSites { .. }));
    if !blocking {
        out.push(Reason::CheaperElsewhere);
    }
    out
}

/// `LowerAdvantage` when, in every foundation open to `p` and funded
/// somewhere, `p`'s advantage is below the marginal funded province's; the
/// area with the smallest gap is reported.
fn lower_advantage(
    inst: &Instance,
    p: usize,
    funded: &dyn Fn(usize, usize) -> bool,
) -> Option<Reason> {
    let mut closest: Option<(f64, Reason)> = None;
    for a in 0..inst.areas.len() {
        let advantage = best_open_advantage(inst, a, p);
        if advantage <= 0.0 {
            continue;
        }
        let marginal = (0..inst.provinces.len())
            .filter(|&q| funded(a, q))
            .map(|q| (q, best_open_advantage(inst, a, q)))
            .min_by(|x, y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)));
        let Some((marginal_province, marginal_advantage)) = marginal else {
            continue;
        };
        if advantage >= marginal_advantage {
            return None;
        }
        let gap = marginal_advantage - advantage;
        if closest.as_ref().is_none_or(|(g, _)| gap < *g) {
            closest = Some((
                gap,
                Reason::LowerAdvantage {
                    area: a,
                    advantage,
                    marginal_province,
                    marginal_advantage,
                },
            ));
        }
    }
    closest.map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::Instance;
    use crate::plan::EffortValue;

    /// The demo instance with a hand-made plan that funds only the east:
    /// the chip at a national lead site and the bearing through enterprises.
    fn east_only(inst: &Instance) -> Plan {
        let national = inst.model.mode_by_id("national").unwrap();
        let enterprise = inst.model.mode_by_id("enterprise").unwrap();
        let item = |id: &str| inst.items.iter().position(|i| i.id == id).unwrap();
        let mut plan = crate::plan::Plan {
            effort: vec![
                EffortValue {
                    item: item("chip"),
                    province: 0,
                    mode: national,
                    year: 0,
                    effort: 5.0,
                },
                EffortValue {
                    item: item("bearing"),
                    province: 0,
                    mode: enterprise,
                    year: 0,
                    effort: 2.0,
                },
            ],
            sites: Vec::new(),
            new_platforms: ndarray::Array3::zeros((2, 2, 3)),
            training_yi: ndarray::Array2::zeros((2, 3)),
            segments: ndarray::Array3::zeros((3, 3, 3)),
            shortfall: vec![0.0],
            pool_funding: Vec::new(),
            pool_platform_yi: ndarray::Array2::zeros((0, 3)),
            pool_left_yi: ndarray::Array2::zeros((0, 3)),
            assured: Vec::new(),
            threshold_passed: ndarray::Array2::ones((3, 3)),
            segments_after_horizon: ndarray::Array2::zeros((3, 3)),
        };
        plan.effort.push(EffortValue {
            item: item("alloy"),
            province: 1,
            mode: enterprise,
            year: 0,
            effort: 0.0,
        });
        plan
    }

    #[test]
    fn west_has_lower_advantage_and_cannot_host_the_chip() {
        let inst = crate::testing::tiny_instance();
        let unfunded = unfunded_provinces(&inst, &east_only(&inst));
        assert_eq!(unfunded.len(), 1);
        assert_eq!(inst.provinces[unfunded[0].province].id, "west");
        // Components: west 0.8 against east 1.5; materials are funded nowhere.
        assert_eq!(
            unfunded[0].reasons,
            vec![
                Reason::IneligibleForLeadSites {
                    best_advantage: 0.8,
                    threshold: 1.2
                },
                Reason::LowerAdvantage {
                    area: 0,
                    advantage: 0.8,
                    marginal_province: 0,
                    marginal_advantage: 1.5
                }
            ]
        );
    }

    #[test]
    fn missing_capacity_talent_and_industry_are_named() {
        let mut inst = crate::testing::tiny_instance();
        inst.initial_capacity_cu.column_mut(1).fill(0.0);
        inst.provinces[1].talent_kfte = 0.0;
        let reasons = &unfunded_provinces(&inst, &east_only(&inst))[0].reasons;
        assert!(reasons.contains(&Reason::NoCapacity), "{reasons:?}");
        assert!(reasons.contains(&Reason::NoTalent), "{reasons:?}");
        assert!(!reasons.contains(&Reason::CheaperElsewhere));

        inst.advantage.column_mut(1).fill(0.0);
        let reasons = &unfunded_provinces(&inst, &east_only(&inst))[0].reasons;
        assert_eq!(reasons, &vec![Reason::NoIndustry]);
    }

    #[test]
    fn a_better_placed_unfunded_province_is_cheaper_elsewhere() {
        let mut inst = crate::testing::tiny_instance();
        // West now beats east in components and may host the chip.
        inst.advantage[[0, 1]] = 2.0;
        let reasons = &unfunded_provinces(&inst, &east_only(&inst))[0].reasons;
        assert_eq!(reasons, &vec![Reason::CheaperElsewhere]);
    }
}
