//! report.md: a readable summary a planner can forward — targets met or
//! missed, where the money goes, binding resources and what one more unit of
//! each is worth.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::instance::{Instance, Mode};
use crate::plan::spend_by_year;
use crate::readback::duals::most_valuable_resources;
use crate::readback::realise::group_level;
use crate::run::RunResult;

use super::tables::TargetRow;

fn yi(v: f64) -> String {
    format!("{v:.2}")
}

fn pct(share: f64) -> String {
    format!("{:.1}%", 100.0 * share)
}

pub fn report(inst: &Instance, result: &RunResult, targets: &[TargetRow]) -> String {
    let mut md = String::new();
    let o = &result.outcome;
    let _ = writeln!(md, "# qiangji plan: {}\n", inst.name);
    if !inst.description.is_empty() {
        let _ = writeln!(md, "{}\n", inst.description);
    }
    let _ = writeln!(
        md,
        "Horizon {}–{}, {} items in {} areas, {} provinces. Objective: `{}`{}.\n",
        inst.years[0],
        inst.years[inst.years.len() - 1],
        inst.items.len(),
        inst.areas.len(),
        inst.provinces.len(),
        result.objective_preset,
        if result.build.relax {
            " (LP relaxation)"
        } else {
            ""
        }
    );
    let _ = writeln!(md, "## Status\n");
    let _ = writeln!(
        md,
        "- Solver status: **{}** — {}.",
        o.status.id(),
        o.status.explain()
    );
    if let Some(obj) = o.objective {
        let _ = writeln!(md, "- Objective: {} 亿元.", yi(obj));
    }
    if let (Some(gap), true) = (o.mip_gap, result.size.integers > 0) {
        let bound = o
            .best_bound
            .map(|b| format!(", best bound {}", yi(b)))
            .unwrap_or_default();
        let _ = writeln!(md, "- MIP gap: {:.4}%{}.", 100.0 * gap, bound);
    }
    if let Some(check) = &result.check {
        let _ = writeln!(
            md,
            "- Independent check: **{}** ({} checks, largest violation {:.2e}).",
            if check.passed { "passed" } else { "FAILED" },
            check.checks,
            check.max_violation
        );
    }
    let Some(plan) = &result.plan else {
        let _ = writeln!(md, "\nNo plan is available.");
        return md;
    };

    let _ = writeln!(md, "\n## Targets\n");
    if targets.is_empty() {
        let _ = writeln!(md, "The instance sets no targets.");
    } else {
        let _ = writeln!(md, "| target | group | year | required | achieved | realised | shortfall | met | marginal cost (亿元 per point) |");
        let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|");
        for t in targets {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                t.id,
                t.group,
                t.year,
                pct(t.level),
                pct(t.achieved),
                pct(t.achieved_realised),
                pct(t.shortfall),
                if t.met { "yes" } else { "**no**" },
                t.dual_yi_per_point
                    .map(|d| format!("{d:.3}"))
                    .unwrap_or_else(|| "–".into())
            );
        }
        let _ = writeln!(md, "\n*Achieved* is the level the target row sees; *realised* is what the plan's effort achieves (MODEL.md §7) and is never lower. The marginal cost is what raising the target by one point would add to the objective.");
    }

    let spend = spend_by_year(inst, plan);
    let total: f64 = spend.iter().map(|s| s.total_yi()).sum();
    let central: f64 = spend.iter().map(|s| s.central_yi()).sum();
    let _ = writeln!(md, "\n## Where the money goes\n");
    let _ = writeln!(
        md,
        "Total spending {} 亿元 over the horizon: central {} 亿元, provincial {} 亿元.\n",
        yi(total),
        yi(central),
        yi(total - central)
    );
    let mut by_area: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    let mut by_province: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    let mut by_mode: BTreeMap<Mode, (f64, f64)> = BTreeMap::new();
    for e in &plan.effort {
        let m = inst.model.mode(e.mode);
        let c = m.central_share * m.funding_yi_per_effort * e.effort;
        let p = (1.0 - m.central_share) * m.funding_yi_per_effort * e.effort;
        for entry in [
            by_area
                .entry(inst.areas[inst.items[e.item].area].id.clone())
                .or_default(),
            by_province
                .entry(inst.provinces[e.province].id.clone())
                .or_default(),
            by_mode.entry(e.mode).or_default(),
        ] {
            entry.0 += c;
            entry.1 += p;
        }
    }
    let table = |md: &mut String, title: &str, rows: Vec<(String, (f64, f64))>| {
        let mut rows: Vec<_> = rows
            .into_iter()
            .filter(|(_, (c, p))| c + p > 1e-9)
            .collect();
        rows.sort_by(|a, b| {
            (b.1 .0 + b.1 .1)
                .total_cmp(&(a.1 .0 + a.1 .1))
                .then(a.0.cmp(&b.0))
        });
        let _ = writeln!(
            md,
            "| {title} | central 亿元 | provincial 亿元 | total 亿元 |"
        );
        let _ = writeln!(md, "|---|---|---|---|");
        for (name, (c, p)) in rows {
            let _ = writeln!(md, "| {name} | {} | {} | {} |", yi(c), yi(p), yi(c + p));
        }
        let _ = writeln!(md);
    };
    let _ = writeln!(md, "Project funding by foundation:\n");
    table(&mut md, "area", by_area.into_iter().collect());
    let _ = writeln!(md, "By province:\n");
    table(&mut md, "province", by_province.into_iter().collect());
    explain_provinces(&mut md, inst, result, plan);
    let _ = writeln!(md, "By instrument:\n");
    table(
        &mut md,
        "mode",
        by_mode
            .into_iter()
            .map(|(m, v)| (inst.model.mode_id(m).to_string(), v))
            .collect(),
    );
    let _ = writeln!(md, "By year (including platforms and training):\n");
    let _ = writeln!(
        md,
        "| year | central 亿元 | provincial 亿元 | platforms 亿元 | training 亿元 | total 亿元 |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|");
    for (t, s) in spend.iter().enumerate() {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            inst.years[t],
            yi(s.central_yi()),
            yi(s.provincial_yi()),
            yi(s.platforms_central_yi + s.platforms_provincial_yi),
            yi(s.training_yi),
            yi(s.total_yi())
        );
    }

    let designated: Vec<String> = plan
        .sites
        .iter()
        .filter(|s| s.value >= 0.5)
        .map(|s| {
            let item = &inst.items[s.item];
            format!(
                "{} in {} (advantage {:.2})",
                item.id,
                inst.provinces[s.province].id,
                inst.adv(s.item, s.province)
            )
        })
        .collect();
    let _ = writeln!(md, "\n## National lead sites\n");
    if designated.is_empty() {
        let _ = writeln!(md, "No national lead site is designated.");
    } else {
        for d in designated {
            let _ = writeln!(md, "- {d}");
        }
    }

    let _ = writeln!(md, "\n## What one more unit is worth\n");
    if result.duals.is_empty() {
        let _ = writeln!(md, "No duals are available for this solve.");
    } else {
        let top = most_valuable_resources(inst, &result.duals, 5);
        if top.is_empty() {
            let _ = writeln!(md, "No budget, talent or capacity limit binds: more of any resource would not improve the objective.");
        } else {
            let _ = writeln!(
                md,
                "The five most valuable extra resources (objective improvement for one more unit in every year where the resource binds):\n"
            );
            for r in top {
                let years: Vec<String> = r.years.iter().map(i32::to_string).collect();
                let _ = writeln!(
                    md,
                    "- {}: {:.4} {} (binding in {})",
                    r.description,
                    r.value_per_unit,
                    r.unit,
                    years.join(", ")
                );
            }
        }
        // Rows whose limit has a price: binding with a non-zero dual.
        let priced: BTreeMap<&str, usize> = result
            .duals
            .iter()
            .filter(|d| d.binding && d.dual.abs() > 1e-9)
            .fold(BTreeMap::new(), |mut m, d| {
                *m.entry(d.key.family()).or_insert(0) += 1;
                m
            });
        let list: Vec<String> = priced.iter().map(|(f, n)| format!("{f} ({n})")).collect();
        let _ = writeln!(
            md,
            "\nBinding rows with a price, by family: {}.",
            if list.is_empty() {
                "none".into()
            } else {
                list.join(", ")
            }
        );
        if result.size.integers > 0 {
            let _ = writeln!(md, "\nDuals of this MIP come from the LP with every site and platform decision fixed at its optimal value.");
        }
    }

    let realised = result
        .realised
        .as_ref()
        .expect("realised levels accompany a plan");
    let _ = writeln!(md, "\n## Realised self-sufficiency by foundation\n");
    let last = inst.years.len() - 1;
    let _ = writeln!(
        md,
        "| area | initial | {} | {} |",
        inst.years[0], inst.years[last]
    );
    let _ = writeln!(md, "|---|---|---|---|");
    for (a, area) in inst.areas.iter().enumerate() {
        let items = inst.items_in_area(a);
        if items.is_empty() {
            continue;
        }
        let base = inst.initial_group_level(&items);
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            area.id,
            pct(base),
            pct(group_level(inst, &items, realised, 0)),
            pct(group_level(inst, &items, realised, last))
        );
    }
    if result.build.objective.cost_weight == 0.0 {
        let _ = writeln!(md, "\nNote: this objective does not price spending, so among plans with the same self-sufficiency the solver picked one; the spending shown is not the unique answer.");
    }
    md
}

/// Why the leading provinces get the money: their advantage in the areas they
/// are funded for, and the limits that bind there (rows with a price).
fn explain_provinces(
    md: &mut String,
    inst: &Instance,
    result: &RunResult,
    plan: &crate::plan::Plan,
) {
    use crate::model::RowKey;
    let mut funding = vec![0.0; inst.provinces.len()];
    let mut areas: Vec<std::collections::BTreeSet<usize>> =
        vec![Default::default(); inst.provinces.len()];
    for e in plan.effort.iter().filter(|e| e.effort > 1e-9) {
        funding[e.province] += inst.model.mode(e.mode).funding_yi_per_effort * e.effort;
        areas[e.province].insert(inst.items[e.item].area);
    }
    let mut order: Vec<usize> = (0..inst.provinces.len())
        .filter(|&p| funding[p] > 1e-9)
        .collect();
    order.sort_by(|&a, &b| funding[b].total_cmp(&funding[a]).then(a.cmp(&b)));
    if order.is_empty() {
        return;
    }
    let _ = writeln!(md, "Why these provinces (advantage index in the funded areas, 1 = national average; limits that bind there):\n");
    for &p in order.iter().take(5) {
        let adv: Vec<String> = areas[p]
            .iter()
            .map(|&a| format!("{} {:.2}", inst.areas[a].id, inst.advantage[[a, p]]))
            .collect();
        let mut limits: BTreeMap<&str, Vec<i32>> = BTreeMap::new();
        for d in result
            .duals
            .iter()
            .filter(|d| d.binding && d.dual.abs() > 1e-9)
        {
            let (label, prov, t) = match d.key {
                RowKey::ProvincialBudget { province, year } => {
                    ("provincial budget", province, year)
                }
                RowKey::Talent { province, year } => ("talent", province, year),
                RowKey::Capacity { province, year, .. } => ("platform capacity", province, year),
                RowKey::BuildRate { province, year } => ("platform build rate", province, year),
                _ => continue,
            };
            if prov == p {
                limits.entry(label).or_default().push(inst.years[t]);
            }
        }
        let limits: Vec<String> = limits
            .into_iter()
            .map(|(l, mut ys)| {
                ys.sort_unstable();
                ys.dedup();
                let ys: Vec<String> = ys.iter().map(i32::to_string).collect();
                format!("{l} ({})", ys.join(", "))
            })
            .collect();
        let _ = writeln!(
            md,
            "- **{}** ({} 亿元): advantage {}; {}",
            inst.provinces[p].id,
            yi(funding[p]),
            adv.join(", "),
            if limits.is_empty() {
                "no local limit binds".to_string()
            } else {
                format!("binding: {}", limits.join("; "))
            }
        );
    }
    let _ = writeln!(md);
}
