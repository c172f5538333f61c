//! report.md: a readable summary a planner can forward — targets met or
//! missed, where the money goes, binding resources and what one more unit of
//! each is worth.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::instance::Instance;
use crate::plan::spend_by_year;
use crate::readback::realise::group_level;
use crate::readback::spending::{spending, Payers};
use crate::run::RunResult;

use super::margins::{exchange_section, lower_cell, raise_cell, worth_section};
use super::tables::TargetRow;
use super::Analyses;

fn yi(v: f64) -> String {
    format!("{v:.2}")
}

fn pct(share: f64) -> String {
    format!("{:.1}%", 100.0 * share)
}

/// The objective as its parts, with `decimals` digits: ω_cost × discounted
/// real spending + shortfall penalty (a device) − ω_suff × mean
/// self-sufficiency (a weight on points), each named.
pub fn objective_in_parts(result: &RunResult, decimals: usize) -> String {
    let w = &result.build.objective;
    let Some(terms) = &result.objective_terms else {
        return String::new();
    };
    let discounted = terms.discounted_real_spend_yi;
    let f = |v: f64| format!("{v:.decimals$}");
    let spending = if w.cost_weight == 1.0 {
        format!("discounted spending {} 亿元", f(discounted))
    } else {
        format!(
            "{} × discounted spending {} 亿元",
            w.cost_weight,
            f(discounted)
        )
    };
    let mut text = format!(
        "{spending} + shortfall penalty {} 亿元 (not money)",
        f(terms.shortfall_penalty_yi)
    );
    if w.sufficiency_weight > 0.0 {
        text.push_str(&format!(
            " − {} × mean self-sufficiency {} points (a weight on points, not money)",
            w.sufficiency_weight,
            f(terms.sufficiency_points)
        ));
    }
    text
}

/// report.md of a solve, with the analyses computed for it.
pub fn report(
    inst: &Instance,
    result: &RunResult,
    targets: &[TargetRow],
    analyses: &Analyses,
) -> String {
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
    if let (Some(obj), Some(plan)) = (o.objective, &result.plan) {
        let spend = crate::plan::total_spend_yi(inst, plan);
        let _ = writeln!(
            md,
            "- Objective: {} 亿元 = {}. The penalty prices missed targets; it is a modelling device, not money.",
            yi(obj),
            objective_in_parts(result, 2)
        );
        let _ = writeln!(
            md,
            "- Real spending: {} 亿元 over the horizon, undiscounted (details below).",
            yi(spend)
        );
    } else if let Some(obj) = o.objective {
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
        let marginal = analyses.explanation.as_ref().map(|e| &e.marginal);
        let _ = writeln!(md, "| target | group | year | required | achieved | realised | shortfall | met | +1 point costs 亿元 (spending, penalty) | −1 point saves 亿元 (spending) |");
        let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|---|");
        for (g, t) in targets.iter().enumerate() {
            let v = marginal.and_then(|m| m.of_target(g));
            let (up, down) = (raise_cell(v, true), lower_cell(v));
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {up} | {down} |",
                t.id,
                t.group,
                t.year,
                pct(t.level),
                pct(t.achieved),
                pct(t.achieved_realised),
                pct(t.shortfall),
                if t.met { "yes" } else { "**no**" },
            );
        }
        let _ = writeln!(md, "\n*Achieved* is the level the target row sees; *realised* is what the plan's effort achieves (docs/model.md §7) and is never lower. The last two columns are one-sided: the objective change when the level is raised or lowered by one point, each re-solved with lead sites and platforms as planned; in brackets the change of discounted real spending and of the shortfall penalty (not money).");
    }

    rd_thresholds(&mut md, inst, plan);

    let spend = spend_by_year(inst, plan);
    let total: f64 = spend.iter().map(|s| s.total_yi()).sum();
    let central: f64 = spend.iter().map(|s| s.central_yi()).sum();
    let _ = writeln!(md, "\n## Where the money goes\n");
    let _ = writeln!(
        md,
        "Real spending {} 亿元 over the horizon, undiscounted: central {} 亿元, provincial {} 亿元 (the shortfall penalty is not spending).\n",
        yi(total),
        yi(central),
        yi(total - central)
    );
    let breakdown = spending(inst, plan);
    let pairs = |names: Vec<String>, payers: &[Payers]| -> Vec<(String, (f64, f64))> {
        names
            .into_iter()
            .zip(payers)
            .map(|(n, p)| (n, (p.central_yi, p.provincial_yi)))
            .collect()
    };
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
    table(
        &mut md,
        "area",
        pairs(
            inst.areas.iter().map(|a| a.id.clone()).collect(),
            &breakdown.by_area,
        ),
    );
    let _ = writeln!(md, "By province:\n");
    table(
        &mut md,
        "province",
        pairs(
            inst.provinces.iter().map(|p| p.id.clone()).collect(),
            &breakdown.by_province,
        ),
    );
    explain_provinces(&mut md, inst, result, plan);
    let _ = writeln!(md, "By instrument:\n");
    table(
        &mut md,
        "mode",
        pairs(
            inst.model.modes.iter().map(|m| m.id.clone()).collect(),
            &breakdown.by_mode,
        ),
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
    let late = breakdown.after_horizon();
    let late_years: Vec<String> = breakdown
        .after_horizon_by_year
        .iter()
        .enumerate()
        .filter(|(_, p)| p.total_yi() > 1e-9)
        .map(|(t, p)| format!("{} {}", inst.years[t], yi(p.total_yi())))
        .collect();
    let _ = writeln!(
        md,
        "\nSpending whose effect falls after {}: {} 亿元 (central {}, provincial {}){}. It buys nothing inside the horizon (effort past its effect lag, platforms past their construction lag, training past its lag){}.",
        inst.years[inst.years.len() - 1],
        yi(late.total_yi()),
        yi(late.central_yi),
        yi(late.provincial_yi),
        if late_years.is_empty() {
            String::new()
        } else {
            format!(", by year: {}", late_years.join(", "))
        },
        if inst.continuity.is_some() {
            "; with programme continuity on, this is the honest cost of keeping programmes funded to the end of the horizon"
        } else {
            ""
        }
    );

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
    match (&analyses.explanation, &analyses.explanation_error) {
        (Some(ex), _) => {
            worth_section(&mut md, inst, &ex.marginal);
            if ex.cut_short {
                let _ = writeln!(md, "\nThis explanation reached its time limit (ten times the plan's LP solve, at least a minute and at most ten): some values are shown by their dual bounds only and {} targets have no exchange rates. `qiangji sensitivity` measures every one.", ex.exchange.not_rated.len());
            }
        }
        (None, Some(e)) => {
            let _ = writeln!(md, "Marginal values could not be measured: {e}.");
        }
        (None, None) if analyses.explanation_skipped => {
            let _ = writeln!(md, "Not measured: this run was asked not to explain its plan (`--no-explain`). `qiangji sensitivity` measures every marginal value and exchange rate.");
        }
        (None, None) => {
            let _ = writeln!(md, "Marginal values were not computed for this run.");
        }
    }
    if let Some(ex) = &analyses.explanation {
        let _ = writeln!(md, "\n## Exchange rates\n");
        exchange_section(&mut md, inst, ex);
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
        "\nBinding rows with a non-zero dual, by family (duals.csv): {}.",
        if list.is_empty() {
            "none".into()
        } else {
            list.join(", ")
        }
    );
    if result.build.objective.sufficiency_weight > 0.0 {
        let _ = writeln!(md, "\nUnder this objective the values above are in 亿元 of objective: {} 亿元 of objective per point of mean self-sufficiency, not money.", result.build.objective.sufficiency_weight);
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

/// (THR) one line per item with an R&D threshold: when its realised
/// cumulative effective effort passes it.
fn rd_thresholds(md: &mut String, inst: &Instance, plan: &crate::plan::Plan) {
    if !inst.has_thresholds() {
        return;
    }
    let _ = writeln!(md, "\n## R&D thresholds\n");
    let passed = crate::readback::realise::threshold_passed_years(inst, plan);
    for (item, year) in inst.items.iter().zip(passed) {
        let Some(year) = year else { continue };
        let when = match year {
            Some(y) => format!("passed in {y}; no share before then"),
            None => "not passed inside the horizon: no share from the programme".into(),
        };
        let _ = writeln!(
            md,
            "- {}: threshold {} effort units of cumulative effective effort, {when}.",
            item.id, item.rd_threshold
        );
    }
}
