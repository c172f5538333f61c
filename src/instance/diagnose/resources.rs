//! Inputs that can never matter (warnings):
//!
//! - a province that can never receive money: every instrument that may
//!   work there lacks a budget, talent or platform capacity in every year;
//! - an area without platform capacity anywhere, none buildable in time,
//!   while some instrument for its items needs capacity;
//! - an item no instrument may address (advantage 0 everywhere, or only
//!   lead-site instruments and no eligible province), or that no resource
//!   can ever fund;
//! - a lead site whose minimum effort no budget of the horizon can pay.

use std::collections::BTreeMap;

use super::locate::Locator;
use super::reach::{self, Blocked};
use super::{finding, Diagnostic, Severity};
use crate::instance::read::{ADVANTAGE, ITEMS, ITEM_ADVANTAGE, MANIFEST, PLATFORMS, PROVINCES};
use crate::instance::Instance;

pub(super) fn check(inst: &Instance, at: &Locator, found: &mut Vec<Diagnostic>) {
    provinces_that_never_receive_money(inst, at, found);
    areas_without_capacity(inst, found);
    items_without_instruments(inst, at, found);
    unaffordable_lead_sites(inst, at, found);
}

/// The file and field a planner edits to lift a block in province `p`.
fn remedy(block: Blocked, inst: &Instance, p: usize) -> (String, &'static str, String) {
    let prov = &inst.provinces[p];
    match block {
        Blocked::Capacity => (
            PROVINCES.into(),
            "max_new_platforms",
            format!(
                "add capacity rows for {} in {PLATFORMS}, or allow new platforms (`max_new_platforms` is {}{})",
                prov.id,
                prov.max_new_platforms,
                if inst.model.platform_capacity_cu > 0.0 { "" } else { "; the model file's platforms add no capacity" }
            ),
        ),
        Blocked::Talent => (
            PROVINCES.into(),
            "talent_kfte",
            format!("give {} talent (`talent_kfte` is {})", prov.id, prov.talent_kfte),
        ),
        Blocked::ProvincialBudget => (
            PROVINCES.into(),
            "budget_yi",
            format!("give {} a provincial budget (`budget_yi`, or provincial_budgets.csv)", prov.id),
        ),
        Blocked::CentralBudget => (
            MANIFEST.into(),
            "central_budget_yi",
            "give the years a central budget (`central_budget_yi`)".into(),
        ),
    }
}

fn provinces_that_never_receive_money(inst: &Instance, at: &Locator, found: &mut Vec<Diagnostic>) {
    for (p, prov) in inst.provinces.iter().enumerate() {
        let mut blocks: BTreeMap<Blocked, usize> = BTreeMap::new();
        let mut any_allowed = false;
        let mut any_possible = false;
        for k in 0..inst.items.len() {
            let a = inst.items[k].area;
            for m in inst
                .model
                .mode_ids()
                .filter(|&m| inst.effort_allowed(k, p, m))
            {
                any_allowed = true;
                for t in 0..inst.years.len() {
                    match reach::blocked(inst, m, a, p, t) {
                        Some(b) => *blocks.entry(b).or_default() += 1,
                        None => any_possible = true,
                    }
                }
            }
        }
        // A province where no item's industry sits is not a mistake.
        if !any_allowed || any_possible {
            continue;
        }
        let (main, _) = blocks
            .iter()
            .max_by_key(|(_, n)| **n)
            .expect("blocked somewhere");
        let (file, field, fix) = remedy(*main, inst, p);
        let line = if file == PROVINCES {
            at.province(&prov.id)
        } else {
            at.manifest_key("central_budget_yi", "default")
        };
        let causes: Vec<&str> = blocks.keys().map(|b| b.describe()).collect();
        found.push(finding(
            Severity::Warning,
            &file,
            line,
            field,
            None,
            format!(
                "province {} can never receive money: every instrument that may work there meets {} in every year; its budget, talent and capacity rows are useless. To fund it, {fix}",
                prov.id,
                causes.join(" or ")
            ),
        ));
    }
}

fn areas_without_capacity(inst: &Instance, found: &mut Vec<Diagnostic>) {
    let last = inst.years.len() - 1;
    for (a, area) in inst.areas.iter().enumerate() {
        let items = inst.items_in_area(a);
        let needing: Vec<&str> = inst
            .model
            .mode_ids()
            .filter(|&m| {
                inst.model.mode(m).capacity_cu_per_effort > 0.0
                    && items
                        .iter()
                        .any(|&k| (0..inst.provinces.len()).any(|p| inst.effort_allowed(k, p, m)))
            })
            .map(|m| inst.model.mode_id(m))
            .collect();
        if needing.is_empty() {
            continue;
        }
        if (0..inst.provinces.len()).any(|p| reach::capacity_possible(inst, a, p, last)) {
            continue;
        }
        found.push(finding(
            Severity::Warning,
            PLATFORMS,
            None,
            "capacity_cu",
            None,
            format!(
                "area {} has no platform capacity in any province and no new platform can be in service before {}: instruments {} can never work on its items; add capacity rows for {} in {PLATFORMS}, or allow new platforms in {PROVINCES} (`max_new_platforms`)",
                area.id,
                inst.years[last],
                needing.join(", "),
                area.id,
            ),
        ));
    }
}

fn items_without_instruments(inst: &Instance, at: &Locator, found: &mut Vec<Diagnostic>) {
    for (k, item) in inst.items.iter().enumerate() {
        let line = at.item(&item.id);
        let allowed = (0..inst.provinces.len())
            .any(|p| inst.model.mode_ids().any(|m| inst.effort_allowed(k, p, m)));
        if !allowed {
            let best_adv = (0..inst.provinces.len())
                .map(|p| inst.adv(k, p))
                .fold(0.0, f64::max);
            let modes: Vec<&str> = inst
                .model
                .mode_ids()
                .filter(|&m| inst.model.is_allowed(item.tier, m))
                .map(|m| inst.model.mode_id(m))
                .collect();
            let (file, field, message) = if best_adv <= 0.0 {
                let file = if inst.item_advantage[k].is_some() {
                    ITEM_ADVANTAGE
                } else {
                    ADVANTAGE
                };
                (
                    file,
                    "advantage",
                    format!(
                        "item {} can receive no effort: its advantage is 0 in every province, so no instrument may work on it; give it a positive advantage where its industry is",
                        item.id
                    ),
                )
            } else {
                (
                    ITEMS,
                    "tier",
                    format!(
                        "item {} can receive no effort: the instruments for tier {} ({}) work only through lead sites, which need advantage ≥ {}, and its best province has {best_adv}; change its `tier`, or its advantage",
                        item.id,
                        item.tier,
                        modes.join(", "),
                        inst.model.national_eligibility_threshold
                    ),
                )
            };
            let line = if file == ITEMS { line } else { None };
            found.push(finding(Severity::Warning, file, line, field, None, message));
            continue;
        }
        if !(0..inst.years.len()).any(|t| reach::effort_possible(inst, k, t)) {
            found.push(finding(
                Severity::Warning,
                ITEMS,
                line,
                "id",
                Some(item.id.clone()),
                format!(
                    "item {} can receive no effort in any year: wherever an instrument may work on it, a budget, talent or platform capacity it needs is zero (see the province and area warnings); its response rows are useless",
                    item.id
                ),
            ));
        }
    }
}

fn unaffordable_lead_sites(inst: &Instance, at: &Locator, found: &mut Vec<Diagnostic>) {
    let central_total: f64 = inst.central_budget_yi.iter().sum();
    for (k, item) in inst.items.iter().enumerate() {
        let candidates: Vec<usize> = (0..inst.provinces.len())
            .filter(|&p| inst.is_site_candidate(k, p))
            .collect();
        if candidates.is_empty() || item.min_site_effort <= 0.0 {
            continue;
        }
        if candidates
            .iter()
            .any(|&p| reach::site_minimum_affordable(inst, k, p))
        {
            continue;
        }
        // The cheapest lead-site instrument's central cost of the minimum.
        let central_need = inst
            .model
            .mode_ids()
            .filter(|&m| inst.model.mode(m).lead_sites && inst.model.is_allowed(item.tier, m))
            .map(|m| {
                let params = inst.model.mode(m);
                item.min_site_effort * params.central_share * params.funding_yi_per_effort
            })
            .fold(f64::INFINITY, f64::min);
        found.push(finding(
            Severity::Warning,
            ITEMS,
            at.item(&item.id),
            "min_site_effort",
            Some(item.min_site_effort.to_string()),
            format!(
                "no lead site of item {} can ever be designated: its minimum effort costs {central_need:.4} 亿元 of central money (the horizon's central budget is {central_total:.4} 亿元) or more provincial money than a candidate province has over the horizon; lower `min_site_effort`, or raise the budgets",
                item.id
            ),
        ));
    }
}
