//! Targets no plan can meet, or that constrain nothing:
//!
//! - the level is above the group's demand-weighted ceiling Σ w smax / Σ w
//!   (with chain links), so no amount of money reaches it;
//! - the year falls inside the effect lags: the items that could close the
//!   gap cannot change by then;
//! - the resources can never fund the items that would close the gap (every
//!   province that may work on them lacks a budget, talent or capacity);
//! - the level is already met by the initial shares (warning).
//!
//! Count targets have their own diagnosis (`count_targets`).

use std::collections::BTreeSet;

use super::locate::Locator;
use super::reach::{self, BeyondReach, OutOfReach};
use super::{pct, target_finding, Diagnostic, Severity};

/// A level a planner may write that does not exceed `share` (4 decimals,
/// rounded down, so the advice itself is never impossible).
fn at_most(share: f64) -> f64 {
    ((share * 1e4) + 1e-6).floor() / 1e4
}
use crate::instance::read::ITEMS;
use crate::instance::{Instance, Target, TargetMetric};

/// Items of the group that cannot change by the target year, for a reason.
fn items_not_moving(target: &Target, moves: impl Fn(usize) -> bool) -> Vec<usize> {
    target
        .items
        .iter()
        .copied()
        .filter(|&k| !moves(k))
        .collect()
}

/// Why item `k` can receive no effort early enough for year index `t`:
/// each distinct block, with the provinces where it applies.
fn reasons(inst: &Instance, k: usize, t: usize) -> String {
    let lag = inst.effect_lag(k);
    if t < lag {
        return "its effect lag is too long".into();
    }
    let a = inst.items[k].area;
    let mut blocks: BTreeSet<(String, &'static str)> = BTreeSet::new();
    let mut allowed_anywhere = false;
    for p in 0..inst.provinces.len() {
        for m in inst.model.mode_ids() {
            if !inst.effort_allowed(k, p, m) {
                continue;
            }
            allowed_anywhere = true;
            if inst.model.mode(m).lead_sites && !reach::site_minimum_affordable(inst, k, p) {
                blocks.insert((
                    inst.provinces[p].id.clone(),
                    "the budgets cannot pay a lead site's minimum effort",
                ));
                continue;
            }
            for t_eff in 0..=t - lag {
                if let Some(b) = reach::blocked(inst, m, a, p, t_eff) {
                    blocks.insert((inst.provinces[p].id.clone(), b.describe()));
                }
            }
        }
    }
    if !allowed_anywhere {
        return "no instrument may address it in any province (advantage 0, or lead sites only and no eligible province)".into();
    }
    let mut by_reason: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for (province, why) in blocks {
        by_reason.entry(why).or_default().push(province);
    }
    by_reason
        .into_iter()
        .map(|(why, provinces)| format!("{why} in {}", provinces.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn names(inst: &Instance, items: &[usize]) -> String {
    items
        .iter()
        .map(|&k| inst.items[k].id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn check(inst: &Instance, at: &Locator, found: &mut Vec<Diagnostic>) {
    let t0 = inst.years[0];
    for (n, target) in inst.targets.iter().enumerate() {
        if target.metric == TargetMetric::Count {
            continue;
        }
        let t = target.year;
        let year = inst.years[t];
        let level = target.level;
        let what = format!(
            "target {} asks {} of {} in {year}",
            crate::quote::code(&target.id),
            pct(level),
            target.group
        );
        let on = |severity, key: &str, value: String, message: String| {
            target_finding(at, n, severity, key, value, message)
        };
        let lagged = items_not_moving(target, |k| t >= inst.effect_lag(k));
        match reach::out_of_reach(inst, target) {
            Some(OutOfReach {
                most,
                why: BeyondReach::Ceilings,
            }) => {
                found.push(on(
                    Severity::Error,
                    "level",
                    level.to_string(),
                    format!(
                        "{what}, above the most its items can ever reach, {} (their demand-weighted ceilings smax{}): lower `level` to at most {:.4}, or raise `smax` of its items in {ITEMS}",
                        pct(most),
                        if inst.links.is_empty() { "" } else { ", capped by chain links" },
                        at_most(most)
                    ),
                ));
                continue;
            }
            Some(OutOfReach {
                most,
                why: BeyondReach::Lags { items, first_year },
            }) => {
                let lags: Vec<String> = items
                    .iter()
                    .map(|&(k, lag)| format!("{} (lag {lag} years)", inst.items[k].id))
                    .collect();
                let fix = match first_year {
                    Some(y) => format!(
                        "move `year` to {y} or later, or lower `level` to at most {:.4}",
                        at_most(most)
                    ),
                    None => "lower `level`".into(),
                };
                found.push(on(
                    Severity::Error,
                    "year",
                    year.to_string(),
                    format!(
                        "{what}, but no effort can take effect by {year} on {} (spending starts in {t0}); the most the group can reach in {year} is {}: {fix}",
                        lags.join(", "),
                        pct(most)
                    ),
                ));
                continue;
            }
            Some(OutOfReach {
                most,
                why: BeyondReach::Resources { items: stuck },
            }) => {
                let why: Vec<String> = stuck
                    .iter()
                    .map(|&k| format!("{}: {}", inst.items[k].id, reasons(inst, k, t)))
                    .collect();
                found.push(on(
                    Severity::Error,
                    "level",
                    level.to_string(),
                    format!(
                        "{what}, but the resources can never fund {} early enough ({}); the most the group can reach in {year} is {}: give those provinces the missing budget, talent or platform capacity (see the warnings below), or lower `level` to at most {:.4}",
                        names(inst, &stuck),
                        why.join(" | "),
                        pct(most),
                        at_most(most)
                    ),
                ));
                continue;
            }
            None => {}
        }
        let initial = inst.initial_group_level(&target.items);
        if !lagged.is_empty() {
            found.push(on(
                Severity::Warning,
                "year",
                year.to_string(),
                format!(
                    "{what}; items {} cannot change by {year} (their effect lag from {t0}) and count at their initial shares: if they matter, move `year` later",
                    names(inst, &lagged)
                ),
            ));
        }
        if level <= initial + 1e-9 {
            found.push(on(
                Severity::Warning,
                "level",
                level.to_string(),
                format!(
                    "{what}, already met by the initial shares ({}): the target constrains nothing; raise `level` above {:.4} or remove the target",
                    pct(initial),
                    initial
                ),
            ));
        }
    }
}
