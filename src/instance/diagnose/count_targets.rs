//! Count targets (docs/model.md §10 (CT)) no plan can meet, or that
//! constrain nothing: fewer items can reach their assurance threshold by
//! the target year than the level needs — because of their ceilings smax
//! (and chain links), the effect lags, or resources that can never fund
//! them — or the level is already met by the initial shares (warning).

use super::locate::Locator;
use super::reach::{item_ceilings, Limits};
use super::{pct, target_finding, Diagnostic, Severity};
use crate::instance::read::ITEMS;
use crate::instance::{Instance, Target, TargetMetric};

/// Items the level needs assured: the least n with n/|K| ≥ θ.
fn needed(target: &Target) -> usize {
    let n = target.items.len() as f64;
    (target.level * n - 1e-9).ceil().max(0.0) as usize
}

/// Items of the group whose reachable level under `limits` by year index
/// `t` stays below their threshold.
fn out_of_reach(inst: &Instance, target: &Target, t: usize, limits: Limits) -> Vec<usize> {
    let ceiling = item_ceilings(inst, t, limits);
    target
        .items
        .iter()
        .copied()
        .filter(|&k| ceiling[k] < target.threshold(&inst.items[k]) - 1e-9)
        .collect()
}

/// Why each item cannot reach its threshold under `limits`, for messages.
fn why(inst: &Instance, target: &Target, items: &[usize], t: usize, limits: Limits) -> String {
    let ceiling = item_ceilings(inst, t, limits);
    items
        .iter()
        .map(|&k| {
            let item = &inst.items[k];
            let reason = match limits {
                Limits::Ceilings => format!("at most {}", pct(ceiling[k])),
                Limits::Lags => format!(
                    "lag {} years, stays at {}",
                    inst.effect_lag(k),
                    pct(ceiling[k])
                ),
                Limits::Resources => {
                    format!("no resource can fund it, stays at {}", pct(ceiling[k]))
                }
            };
            format!(
                "{} (assured at {}; {reason})",
                item.id,
                pct(target.threshold(item))
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn check(inst: &Instance, at: &Locator, found: &mut Vec<Diagnostic>) {
    for (n, target) in inst.targets.iter().enumerate() {
        if target.metric != TargetMetric::Count {
            continue;
        }
        let t = target.year;
        let year = inst.years[t];
        let size = target.items.len();
        let need = needed(target);
        let what = format!(
            "count target `{}` asks {} of the items of {} ({need} of {size}) at or above their assurance threshold in {year}",
            target.id,
            pct(target.level),
            target.group
        );
        let on = |severity, key: &str, value: String, message: String| {
            target_finding(at, n, severity, key, value, message)
        };
        let steps = [
            (Limits::Ceilings, "level", format!("can ever reach it: raise `smax` or lower `assured_at` in {ITEMS}, or lower `level`")),
            (Limits::Lags, "year", format!("can reach it by {year} (no effort takes effect before its lag from {}): move `year` later, or lower `level`", inst.years[0])),
            (Limits::Resources, "level", "can reach it with the resources the instance has: give the provinces that may work on them budget, talent or capacity, or lower `level`".into()),
        ];
        let mut impossible = false;
        for (limits, key, fix) in steps {
            let stuck = out_of_reach(inst, target, t, limits);
            let reachable = size - stuck.len();
            if reachable < need {
                found.push(on(
                    Severity::Error,
                    key,
                    if key == "year" {
                        year.to_string()
                    } else {
                        target.level.to_string()
                    },
                    format!(
                        "{what}, but only {reachable} {fix} (at most {:.4}); out of reach: {}",
                        reachable as f64 / size as f64,
                        why(inst, target, &stuck, t, limits)
                    ),
                ));
                impossible = true;
                break;
            }
        }
        if impossible {
            continue;
        }
        let initially = target
            .items
            .iter()
            .filter(|&&k| inst.items[k].s0 >= target.threshold(&inst.items[k]) - 1e-9)
            .count();
        if initially >= need {
            found.push(on(
                Severity::Warning,
                "level",
                target.level.to_string(),
                format!(
                    "{what}, already met by the initial shares ({initially} of {size} assured): the target constrains nothing; raise `level` or `assured_at`, or remove the target"
                ),
            ));
        }
    }
}
