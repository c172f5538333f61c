//! report.md: a readable summary a planner can forward — targets met or
//! missed, where the money goes, binding resources and what one more unit of
//! each is worth. Every number comes from the run's findings and the
//! analyses; this module only writes them.

use std::fmt::Write;

use crate::instance::Instance;
use crate::readback::spending::Payers;
use crate::run::findings::Findings;
use crate::run::RunResult;

use super::headline;
use super::html::Lang;
use super::margins::{exchange_section, lower_cell, raise_cell, worth_section};
use super::rerun::Rerun;
use super::Analyses;
use crate::analysis::headline::Headline;

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
    if terms.horizon_end_term_yi != 0.0 {
        text.push_str(&format!(
            " − value of the share bought after the horizon {} 亿元 (not money)",
            f(-terms.horizon_end_term_yi)
        ));
    }
    text
}

/// report.md of a solve, with the analyses computed for it.
/// `headline` is the finding of the plan, when there is one; `rerun` the
/// run's options, which every suggested command repeats.
pub fn report(
    inst: &Instance,
    result: &RunResult,
    analyses: &Analyses,
    headline: Option<&Headline>,
    rerun: &Rerun,
) -> String {
    let mut md = String::new();
    heading(&mut md, inst, result);
    let (Some(found), Some(headline)) = (&result.findings, headline) else {
        status(&mut md, result);
        let _ = writeln!(md, "\nNo plan is available.");
        return md;
    };
    finding(&mut md, inst, headline);
    targets(&mut md, found, analyses);
    rd_thresholds(&mut md, inst, found);
    status(&mut md, result);
    money(&mut md, inst, found);
    if !found.pools.is_empty() {
        md.push_str(&super::pools::pools_markdown(inst, found));
    }
    lead_sites(&mut md, inst, found);
    worth(&mut md, inst, found, analyses, rerun);
    sufficiency(&mut md, inst, result, found);
    if let (true, Some(plan)) = (inst.training_budget.is_given(), result.plan.as_ref()) {
        let marginal = analyses.explanation.as_ref().map(|e| &e.marginal);
        md.push_str(&super::training_budget::markdown(inst, plan, marginal));
    }
    if let Some(line) = super::horizon_end::markdown_line(inst, result) {
        let _ = write!(md, "\n{line}");
    }
    if let Some(rolling) = &analyses.rolling {
        md.push_str(&super::rolling::markdown(rolling));
    }
    if let Some(study) = &analyses.robust {
        md.push_str(&super::robust::markdown(inst, study));
    }
    md
}

fn heading(md: &mut String, inst: &Instance, result: &RunResult) {
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
}

/// What a programme officer reads first: real spending, the headline
/// targets apart from item floors, and why each missed target is missed.
fn finding(md: &mut String, inst: &Instance, headline: &Headline) {
    let _ = writeln!(md, "## Finding\n");
    for line in headline::lines(inst, headline, Lang::En) {
        let _ = writeln!(md, "- {line}");
    }
}

/// The objective, the penalty and the solver's status, in words, below the finding.
fn status(md: &mut String, result: &RunResult) {
    let o = &result.outcome;
    let _ = writeln!(md, "\n## Objective and solver\n");
    if let (Some(obj), Some(_)) = (o.objective, &result.findings) {
        let _ = writeln!(
            md,
            "- Objective (what the solver minimises): {} 亿元 = {}. The penalty prices missed targets; it is a modelling device, not money.",
            yi(obj),
            objective_in_parts(result, 2)
        );
    } else if let Some(obj) = o.objective {
        let _ = writeln!(md, "- Objective: {} 亿元.", yi(obj));
    }
    for line in headline::solver_lines(result, Lang::En) {
        let _ = writeln!(md, "- {line}");
    }
}

fn targets(md: &mut String, found: &Findings, analyses: &Analyses) {
    let _ = writeln!(md, "\n## Targets\n");
    if found.targets.is_empty() {
        let _ = writeln!(md, "The instance sets no targets.");
        return;
    }
    let marginal = analyses.explanation.as_ref().map(|e| &e.marginal);
    let _ = writeln!(md, "| target | group | year | required | achieved | realised | shortfall | met | +1 point costs 亿元 (spending, penalty) | −1 point saves 亿元 (spending) | weighted mean (realised) | items assured (realised) |");
    let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (g, t) in found.targets.iter().enumerate() {
        let v = marginal.and_then(|m| m.of_target(g));
        let (up, down) = (raise_cell(v, true), lower_cell(v));
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {up} | {down} | {} | {} of {} ({}) |",
            if t.metric == "count" {
                format!("{} (count)", t.id)
            } else {
                t.id.clone()
            },
            t.group,
            t.year,
            pct(t.level),
            pct(t.achieved),
            pct(t.achieved_realised),
            pct(t.shortfall),
            if t.met { "yes" } else { "**no**" },
            pct(t.measures.weighted),
            t.measures.assured,
            t.measures.items,
            pct(t.measures.count_share()),
        );
    }
    let _ = writeln!(md, "\n*Achieved* is the level the target row sees; *realised* is what the plan's effort achieves (docs/model.md §7) and is never lower. The last two columns are one-sided: the objective change when the level is raised or lowered by one point, each re-solved with lead sites and platforms as planned; in brackets the change of discounted real spending and of the shortfall penalty (not money). Every group is shown by both measures: its demand-weighted mean share and the items at or above their assurance threshold (`assured_at`); a target marked *(count)* sets its level on the share of items assured, the others on the weighted mean.");
}

/// A table of central and provincial money, rows in `order`.
fn payers_table<'a>(
    md: &mut String,
    title: &str,
    name: impl Fn(usize) -> &'a str,
    payers: &[Payers],
    order: &[usize],
) {
    let _ = writeln!(
        md,
        "| {title} | central 亿元 | provincial 亿元 | total 亿元 |"
    );
    let _ = writeln!(md, "|---|---|---|---|");
    for &i in order {
        let p = &payers[i];
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            name(i),
            yi(p.central_yi),
            yi(p.provincial_yi),
            yi(p.total_yi())
        );
    }
    let _ = writeln!(md);
}

fn money(md: &mut String, inst: &Instance, found: &Findings) {
    let _ = writeln!(md, "\n## Where the money goes\n");
    let _ = writeln!(
        md,
        "Real spending {} 亿元 over the horizon, undiscounted: central {} 亿元, provincial {} 亿元 (the shortfall penalty is not spending).\n",
        yi(found.spend.total_yi),
        yi(found.spend.central_yi),
        yi(found.spend.provincial_yi)
    );
    let breakdown = &found.spending;
    let _ = writeln!(md, "Project funding by foundation:\n");
    payers_table(
        md,
        "area",
        |a| &inst.areas[a].id,
        &breakdown.by_area,
        &found.areas_by_spending,
    );
    let _ = writeln!(md, "By province:\n");
    payers_table(
        md,
        "province",
        |p| &inst.provinces[p].id,
        &breakdown.by_province,
        &found.provinces_by_spending,
    );
    leading_provinces(md, inst, found);
    let _ = writeln!(md, "By instrument:\n");
    payers_table(
        md,
        "mode",
        |m| &inst.model.modes[m].id,
        &breakdown.by_mode,
        &found.modes_by_spending,
    );
    by_year(md, inst, found);
    after_horizon(md, inst, found);
}

fn by_year(md: &mut String, inst: &Instance, found: &Findings) {
    let _ = writeln!(md, "By year (including platforms and training):\n");
    let _ = writeln!(
        md,
        "| year | central 亿元 | provincial 亿元 | platforms 亿元 | training 亿元 | total 亿元 |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|");
    for (t, s) in found.spend_by_year.iter().enumerate() {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            inst.years[t],
            yi(s.central_yi()),
            yi(s.provincial_yi()),
            yi(s.platforms_yi()),
            yi(s.training_yi),
            yi(s.total_yi())
        );
    }
}

fn after_horizon(md: &mut String, inst: &Instance, found: &Findings) {
    let late = found.spending.after_horizon();
    let late_years: Vec<String> = found
        .spending
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
}

/// Why the leading provinces get the money: their advantage in the areas they
/// are funded for, and the limits that bind there (rows with a price).
fn leading_provinces(md: &mut String, inst: &Instance, found: &Findings) {
    if found.leading_provinces.is_empty() {
        return;
    }
    let _ = writeln!(md, "Why these provinces (advantage index in the funded areas, 1 = national average; limits that bind there):\n");
    for lead in &found.leading_provinces {
        let adv: Vec<String> = lead
            .areas
            .iter()
            .map(|&(a, advantage)| format!("{} {:.2}", inst.areas[a].id, advantage))
            .collect();
        let limits: Vec<String> = lead
            .binding
            .iter()
            .map(|(label, years)| {
                let years: Vec<String> = years.iter().map(i32::to_string).collect();
                format!("{label} ({})", years.join(", "))
            })
            .collect();
        let _ = writeln!(
            md,
            "- **{}** ({} 亿元): advantage {}; {}",
            inst.provinces[lead.province].id,
            yi(lead.funding_yi),
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

fn lead_sites(md: &mut String, inst: &Instance, found: &Findings) {
    let _ = writeln!(md, "\n## National lead sites\n");
    if found.lead_sites.is_empty() {
        let _ = writeln!(md, "No national lead site is designated.");
    }
    for s in &found.lead_sites {
        let _ = writeln!(
            md,
            "- {} in {} (advantage {:.2})",
            inst.items[s.item].id, inst.provinces[s.province].id, s.advantage
        );
    }
}

fn worth(md: &mut String, inst: &Instance, found: &Findings, analyses: &Analyses, rerun: &Rerun) {
    let _ = writeln!(md, "\n## What one more unit is worth\n");
    match (&analyses.explanation, &analyses.explanation_error) {
        (Some(ex), _) => {
            worth_section(md, inst, ex, rerun);
            if ex.cut_short {
                let _ = writeln!(md, "\nThis explanation reached its time limit (ten times the plan's LP solve, at least a minute and at most ten): some values are shown by their dual bounds only and {} targets have no exchange rates. `{}` measures every one.", ex.exchange.not_rated.len(), rerun.sensitivity());
            }
        }
        (None, Some(e)) => {
            let _ = writeln!(md, "Marginal values could not be measured: {e}.");
        }
        (None, None) if analyses.explanation_skipped => {
            let _ = writeln!(md, "Not measured: this run was asked not to explain its plan (`--no-explain`). `{}` measures every marginal value and exchange rate.", rerun.sensitivity());
        }
        (None, None) => {
            let _ = writeln!(md, "Marginal values were not computed for this run.");
        }
    }
    if let Some(ex) = &analyses.explanation {
        let _ = writeln!(md, "\n## Exchange rates\n");
        exchange_section(md, inst, ex);
    }
    let list: Vec<String> = found
        .priced_families
        .iter()
        .map(|(f, n)| format!("{f} ({n})"))
        .collect();
    let _ = writeln!(
        md,
        "\nBinding rows with a non-zero dual, by family (duals.csv): {}.",
        if list.is_empty() {
            "none".into()
        } else {
            list.join(", ")
        }
    );
    if rerun.build.objective.sufficiency_weight > 0.0 {
        let _ = writeln!(md, "\nUnder this objective the values above are in 亿元 of objective: {} 亿元 of objective per point of mean self-sufficiency, not money.", rerun.build.objective.sufficiency_weight);
    }
}

fn sufficiency(md: &mut String, inst: &Instance, result: &RunResult, found: &Findings) {
    use crate::readback::realise::GroupKind;
    let _ = writeln!(md, "\n## Realised self-sufficiency by foundation\n");
    let last = inst.years.len() - 1;
    let _ = writeln!(
        md,
        "| area | initial | {} | {} |",
        inst.years[0], inst.years[last]
    );
    let _ = writeln!(md, "|---|---|---|---|");
    for g in &found.groups {
        let GroupKind::Area(a) = g.kind else { continue };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            inst.areas[a].id,
            pct(g.initial),
            pct(g.realised[0]),
            pct(g.realised[last])
        );
    }
    if result.build.objective.cost_weight == 0.0 {
        let _ = writeln!(md, "\nNote: this objective does not price spending, so among plans with the same self-sufficiency the solver picked one; the spending shown is not the unique answer.");
    }
}

/// (THR) one line per item with an R&D threshold: when its realised
/// cumulative effective effort passes it.
fn rd_thresholds(md: &mut String, inst: &Instance, found: &Findings) {
    if !inst.has_thresholds() {
        return;
    }
    let _ = writeln!(md, "\n## R&D thresholds\n");
    for r in &found.rd_thresholds {
        let when = match r.passed_year {
            Some(y) => format!("passed in {y}; no share before then"),
            None => "not passed inside the horizon: no share from the programme".into(),
        };
        let _ = writeln!(
            md,
            "- {}: threshold {} effort units of cumulative effective effort, {when}.",
            inst.items[r.item].id, r.effort
        );
    }
}
