//! `infeasibility.md` and `infeasibility.json`: why a solve has no plan, by
//! meaning — the conflicting targets, resources and rules, the bounds
//! involved, what `qiangji check` found, and what to try next.

use std::fmt::Write;

use serde_json::{json, Value};

use super::rerun::Rerun;
use crate::analysis::infeasibility::{Infeasibility, Reach, TargetReach};
use crate::instance::Instance;
use crate::readback::infeasibility::{
    year_ranges, Conflict, ConflictGroup, ConflictKind, ConflictLimit,
};

use super::tables::num;

/// A conflict limit in words, with its unit.
pub fn limit_text(limit: &ConflictLimit) -> String {
    match limit {
        ConflictLimit::AtMost {
            lowest,
            highest,
            unit,
        } => {
            if (highest - lowest).abs() <= 1e-9 * highest.abs().max(1.0) {
                format!("≤ {} {unit}", num(*lowest))
            } else {
                format!("≤ {}–{} {unit}", num(*lowest), num(*highest))
            }
        }
        ConflictLimit::AtLeast { group, level, year } => {
            format!("{group} ≥ {:.1}% in {year}", 100.0 * level)
        }
        ConflictLimit::Rule(text) => text.clone(),
    }
}

/// "central budget 2024–2025 (≤ 1.5 亿元 per year)".
fn phrase(g: &ConflictGroup) -> String {
    let years = if g.years.is_empty() || g.kind == ConflictKind::Target {
        // A target names its own year in its limit.
        String::new()
    } else {
        format!(" {}", year_ranges(&g.years))
    };
    let limit = limit_text(&g.limit);
    if limit.is_empty() {
        format!("{}{years}", g.subject)
    } else {
        format!("{}{years} ({limit})", g.subject)
    }
}

fn join(parts: &[String]) -> String {
    match parts.len() {
        0 => String::new(),
        1 => parts[0].clone(),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

/// Phrases for groups, naming many places of one limit together:
/// "provincial budget of 29 provinces (anhui, beijing, chongqing, fujian, …)
/// 2022–2024 (≤ 1.403–49.023 亿元 per year)".
fn phrases(groups: &[&ConflictGroup]) -> Vec<String> {
    let mut by_what: Vec<(&str, Vec<&ConflictGroup>)> = Vec::new();
    for g in groups {
        match by_what.iter_mut().find(|(w, _)| *w == g.what) {
            Some((_, list)) => list.push(g),
            None => by_what.push((g.what, vec![g])),
        }
    }
    let mut out = Vec::new();
    for (what, list) in by_what {
        if list.len() < MANY_PLACES {
            out.extend(list.iter().map(|g| phrase(g)));
            continue;
        }
        if list.iter().any(|g| g.place.is_none()) {
            // Many limits of one kind without a place (chain links): the
            // first two in words, the rest counted; the table has them all.
            out.extend(list[..2].iter().map(|g| phrase(g)));
            out.push(format!(
                "{} more {what} limits (listed in the table)",
                list.len() - 2
            ));
            continue;
        }
        let places: Vec<&str> = list.iter().filter_map(|g| g.place.as_deref()).collect();
        let shown = if places.len() > 4 {
            format!("{}, …", places[..4].join(", "))
        } else {
            places.join(", ")
        };
        let mut years: Vec<i32> = list.iter().flat_map(|g| g.years.iter().copied()).collect();
        years.sort_unstable();
        years.dedup();
        let limit = merged_limit(&list);
        let noun = match what {
            "response" | "ceiling" | "national lead sites" => "items",
            "platform capacity" => "areas and provinces",
            "lead site" => "items and provinces",
            "programme continuity" => "areas",
            _ => "provinces",
        };
        out.push(format!(
            "{what} of {} {noun} ({shown}) {}{}",
            places.len(),
            year_ranges(&years),
            if limit.is_empty() {
                String::new()
            } else {
                format!(" ({limit})")
            }
        ));
    }
    out
}

/// Places of one limit named together from this many on.
const MANY_PLACES: usize = 3;

/// One limit text for many places: a range of the values for resources,
/// the shared rule otherwise.
fn merged_limit(list: &[&ConflictGroup]) -> String {
    let mut lowest = f64::INFINITY;
    let mut highest = f64::NEG_INFINITY;
    let mut unit = "";
    for g in list {
        match &g.limit {
            ConflictLimit::AtMost {
                lowest: lo,
                highest: hi,
                unit: u,
            } => {
                lowest = lowest.min(*lo);
                highest = highest.max(*hi);
                unit = u;
            }
            other => {
                let text = limit_text(other);
                let shared = list.iter().all(|g| limit_text(&g.limit) == text);
                return if shared {
                    text
                } else {
                    "each at its own limit".into()
                };
            }
        }
    }
    limit_text(&ConflictLimit::AtMost {
        lowest,
        highest,
        unit,
    })
}

/// The conflict in one or two sentences: which targets cannot be met
/// together with which limits, then the rest of the conflict (decisions
/// that merely cannot be negative are left to the table).
pub fn headline(conflict: &Conflict) -> String {
    let of = |kinds: &[ConflictKind]| -> Vec<String> {
        let groups: Vec<&ConflictGroup> = conflict
            .groups
            .iter()
            .filter(|g| kinds.contains(&g.kind) && !g.obvious)
            .collect();
        phrases(&groups)
    };
    let targets = of(&[ConflictKind::Target]);
    let limits = of(&[ConflictKind::Resource, ConflictKind::Policy]);
    let rest = of(&[ConflictKind::Response, ConflictKind::Bound]);
    let mut text = match (targets.is_empty(), limits.is_empty()) {
        (false, false) => format!(
            "{} cannot be met together with the {}.",
            capitalise(&join(&targets)),
            join(&limits)
        ),
        (false, true) => format!(
            "{} cannot be met by any plan, whatever the resources.",
            capitalise(&join(&targets))
        ),
        (true, false) => format!("These limits cannot all hold at once: {}.", join(&limits)),
        (true, true) => "The conflict involves only the model's own rules:".to_string(),
    };
    if !rest.is_empty() {
        let _ = write!(text, " Also part of the conflict: {}.", rest.join("; "));
    }
    text
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// What the relaxation's outcome means when it found no conflict.
fn without_conflict(inf: &Infeasibility) -> &'static str {
    use crate::solve::SolveStatus as S;
    match inf.relaxation_status {
        S::Optimal => {
            "The LP relaxation (lead sites and platforms fractional) has a plan: the conflict lies in whole-number decisions — a designated lead site must receive its minimum effort, platforms come whole. Lower `min_site_effort` in items.csv or allow more sites, or solve with --relax to see the fractional plan."
        }
        S::Unbounded => "The LP relaxation is unbounded: check the objective weights.",
        _ => "HiGHS could not isolate a conflicting subset (see search_note in infeasibility.json).",
    }
}

/// "all ≥ 70.0% in 2030": a target's group, level and year, worded as the
/// target limit of a conflict.
pub fn target_text(inst: &Instance, target: usize) -> String {
    let t = &inst.targets[target];
    limit_text(&ConflictLimit::AtLeast {
        group: t.group.clone(),
        level: t.level,
        year: inst.years[t.year],
    })
}

/// "target core (components+materials ≥ 70.0% in 2025) reaches 57.7%: 12.3 points short".
pub fn reach_line(inst: &Instance, r: &TargetReach) -> String {
    format!(
        "target {} ({}) reaches {:.1}%: {:.1} points short",
        inst.targets[r.target].id,
        target_text(inst, r.target),
        100.0 * r.reached,
        100.0 * r.short
    )
}

/// The section on how far the targets are out of reach (empty when not measured).
fn reach_section(inst: &Instance, reach: &Reach, rerun: &Rerun) -> String {
    let mut md = String::new();
    match reach {
        Reach::NotMeasured => return md,
        Reach::ShortOf(list) => {
            let _ = writeln!(md, "## How far the targets are out of reach\n");
            let _ = writeln!(md, "With every resource used as well as the LP relaxation allows (lead sites and platforms may be fractional, so a whole-number plan falls at least this short), the targets cannot all be met. The least shortfall, each target weighted by its penalty per point, is:\n");
            let _ = writeln!(md, "| target | required | reached | short by |");
            let _ = writeln!(md, "|---|---|---|---|");
            for r in list {
                let _ = writeln!(
                    md,
                    "| {} | {} | {:.1}% | {:.1} points |",
                    inst.targets[r.target].id,
                    target_text(inst, r.target),
                    100.0 * r.reached,
                    100.0 * r.short
                );
            }
            let _ = writeln!(md, "\nEvery other target can be met. Lowering these targets to what they reach gives the LP relaxation a plan; `{}` finds the least change of budgets, talent or targets for the whole-number plan.\n", rerun.command("relax", &["--by", "all"]));
        }
        Reach::NotTheTargets => {
            let _ = writeln!(md, "## How far the targets are out of reach\n");
            let _ = writeln!(md, "Not a question of targets: even with every target free to fall short there is no plan. The conflict lies among the other limits.\n");
        }
        Reach::Unknown(note) => {
            let _ = writeln!(
                md,
                "(How far the targets are out of reach was not measured: {note}.)\n"
            );
        }
    }
    md
}

fn reach_json(inst: &Instance, reach: &Reach) -> Value {
    let (measured, targets, note) = match reach {
        Reach::NotMeasured => ("not_measured", Vec::new(), None),
        Reach::ShortOf(list) => (
            "short_of",
            list.iter()
                .map(|r| {
                    json!({
                        "target": inst.targets[r.target].id,
                        "required_share": inst.targets[r.target].level,
                        "reached_share": r.reached,
                        "short_points": 100.0 * r.short,
                    })
                })
                .collect(),
            None,
        ),
        Reach::NotTheTargets => ("not_the_targets", Vec::new(), None),
        Reach::Unknown(note) => ("unknown", Vec::new(), Some(note.clone())),
    };
    json!({"measured": measured, "targets": targets, "note": note})
}

/// infeasibility.md.
/// Every command it suggests repeats the run's instance and model options
/// (`rerun`), so that following it finds this run's conflict.
pub fn markdown(inst: &Instance, inf: &Infeasibility, rerun: &Rerun) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Why there is no plan: {}\n", inst.name);
    md.push_str(&reach_section(inst, &inf.reach, rerun));
    if inf.reach != Reach::NotMeasured {
        let _ = writeln!(md, "## Which limits conflict\n");
    }
    match &inf.conflict {
        Some(conflict) => {
            let _ = writeln!(md, "{}\n", headline(conflict));
            let _ = writeln!(
                md,
                "This is {} of the LP relaxation (lead sites and platforms may be fractional), so it holds for every plan: {}\n",
                if conflict.irreducible {
                    "an irreducible infeasible subset"
                } else {
                    "an infeasible subset (HiGHS could not prove it irreducible, so it may hold more than needed)"
                },
                if conflict.irreducible {
                    "relax any one of these limits and the rest can be met together."
                } else {
                    "relaxing some of these limits is enough."
                }
            );
            let _ = writeln!(md, "| kind | what | years | limit |");
            let _ = writeln!(md, "|---|---|---|---|");
            for g in &conflict.groups {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} |",
                    g.kind.id(),
                    g.subject,
                    year_ranges(&g.years),
                    limit_text(&g.limit)
                );
            }
            let _ = writeln!(
                md,
                "\nThe solver's rows and columns behind each line are listed in infeasibility.json (names as in `qiangji export`)."
            );
        }
        None => {
            let _ = writeln!(md, "{}", without_conflict(inf));
            if let Some(note) = &inf.search_note {
                let _ = writeln!(md, "\n({note}.)");
            }
        }
    }
    let _ = writeln!(md, "\n## What `{}` finds\n", rerun.command("check", &[]));
    if inf.diagnostics.is_empty() {
        let _ = writeln!(md, "Nothing: every target is within reach of some instrument, and every input can matter. The conflict is one of amounts (budgets, talent, capacity), not of structure.");
    } else {
        for d in &inf.diagnostics {
            let _ = writeln!(md, "- {d}");
        }
    }
    let _ = writeln!(md, "\n## What to try\n");
    let _ = writeln!(md, "- `{}` (or `--by talent`, `targets`, `all`): the smallest extra central budget per year, extra talent per province and year, or lowering of target levels that gives the hard-target plan a solution.", rerun.command("relax", &["--by", "budget"]));
    let _ = writeln!(md, "- Solve without `--hard-targets`: the plan then prices each shortfall at the target's penalty instead of failing.");
    md
}

fn limit_json(limit: &ConflictLimit) -> Value {
    match limit {
        ConflictLimit::AtMost {
            lowest,
            highest,
            unit,
        } => json!({"at_most_lowest": lowest, "at_most_highest": highest, "unit": unit}),
        ConflictLimit::AtLeast { group, level, year } => {
            json!({"group": group, "at_least_share": level, "year": year})
        }
        ConflictLimit::Rule(text) => json!({ "rule": text }),
    }
}

/// infeasibility.json.
pub fn json(inst: &Instance, inf: &Infeasibility) -> Value {
    json!({
        "relaxation_status": inf.relaxation_status.id(),
        "target_reach": reach_json(inst, &inf.reach),
        "conflict": inf.conflict.as_ref().map(|c| json!({
            "headline": headline(c),
            "irreducible": c.irreducible,
            "groups": c.groups.iter().map(|g| json!({
                "kind": g.kind.id(),
                "family": g.family,
                "subject": g.subject,
                "years": g.years,
                "limit": limit_json(&g.limit),
                "limit_text": limit_text(&g.limit),
                "members": g.members,
            })).collect::<Vec<_>>(),
        })),
        "explanation_without_conflict": inf.conflict.is_none().then(|| without_conflict(inf)),
        "diagnostics": inf.diagnostics.iter().map(|d| json!({
            "severity": d.severity.id(),
            "file": d.at.file,
            "line": d.at.line,
            "field": d.at.field,
            "value": d.at.value,
            "message": d.at.rule,
        })).collect::<Vec<_>>(),
        "search_s": inf.search_s,
        "search_note": inf.search_note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(
        kind: ConflictKind,
        what: &'static str,
        place: Option<&str>,
        limit: ConflictLimit,
    ) -> ConflictGroup {
        ConflictGroup {
            kind,
            family: what,
            subject: match place {
                Some(p) => format!("{what} of {p}"),
                None => what.to_string(),
            },
            what,
            place: place.map(str::to_string),
            obvious: matches!(&limit, ConflictLimit::Rule(r) if r == "cannot be negative"),
            years: vec![2024, 2025],
            limit,
            members: vec![],
        }
    }

    #[test]
    fn many_places_of_one_limit_are_named_together_and_non_negativity_is_left_out() {
        let budget = |p: &str, v: f64| {
            group(
                ConflictKind::Resource,
                "provincial budget",
                Some(p),
                ConflictLimit::AtMost {
                    lowest: v,
                    highest: v,
                    unit: "亿元 per year",
                },
            )
        };
        let conflict = Conflict {
            groups: vec![
                group(
                    ConflictKind::Target,
                    "target",
                    None,
                    ConflictLimit::AtLeast {
                        group: "x".into(),
                        level: 0.6,
                        year: 2025,
                    },
                ),
                budget("a", 1.0),
                budget("b", 2.0),
                budget("c", 1.5),
                group(
                    ConflictKind::Bound,
                    "bound",
                    None,
                    ConflictLimit::Rule("cannot be negative".into()),
                ),
            ],
            irreducible: true,
        };
        assert_eq!(
            headline(&conflict),
            "Target (x ≥ 60.0% in 2025) cannot be met together with the provincial budget of 3 provinces (a, b, c) 2024–2025 (≤ 1–2 亿元 per year)."
        );
    }
}
