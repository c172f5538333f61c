//! `infeasibility.md` and `infeasibility.json`: why a solve has no plan, by
//! meaning — the conflicting targets, resources and rules, the bounds
//! involved, what `qiangji check` found, and what to try next.

use std::fmt::Write;

use serde_json::{json, Value};

use crate::analysis::infeasibility::Infeasibility;
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

/// The conflict in one or two sentences: which targets cannot be met
/// together with which limits, then the rest of the conflict.
pub fn headline(conflict: &Conflict) -> String {
    let of = |kinds: &[ConflictKind]| -> Vec<String> {
        conflict
            .groups
            .iter()
            .filter(|g| kinds.contains(&g.kind))
            .map(phrase)
            .collect()
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
        _ => "HiGHS could not isolate a conflicting subset in the time allowed.",
    }
}

/// infeasibility.md.
pub fn markdown(inst: &Instance, inf: &Infeasibility) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Why there is no plan: {}\n", inst.name);
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
        }
    }
    let _ = writeln!(md, "\n## What `qiangji check` finds\n");
    if inf.diagnostics.is_empty() {
        let _ = writeln!(md, "Nothing: every target is within reach of some instrument, and every input can matter. The conflict is one of amounts (budgets, talent, capacity), not of structure.");
    } else {
        for d in &inf.diagnostics {
            let _ = writeln!(md, "- {d}");
        }
    }
    let _ = writeln!(md, "\n## What to try\n");
    let _ = writeln!(md, "- `qiangji relax {} --by budget` (or `talent`, `targets`, `all`): the smallest extra central budget per year, extra talent per province and year, or lowering of target levels that gives the hard-target plan a solution.", inst.root.display());
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
pub fn json(inf: &Infeasibility) -> Value {
    json!({
        "relaxation_status": inf.relaxation_status.id(),
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
    })
}
