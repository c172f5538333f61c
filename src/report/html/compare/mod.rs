//! Pages that compare plans: a batch of scenarios side by side
//! ([`comparison_page`]) and what changed between two plans ([`diff_page`]).
//! They take plain views, filled by the command that ran the scenarios, so
//! that this module needs nothing but numbers and names.

pub mod examples;

use crate::charts::bars::{diverging_hbars, stacked_hbars, BarRow, BarSeries};
use crate::charts::{number, percent, ChartError};

use super::i18n::{self as t, Lang};
use super::money::payer_series;
use super::page::{Cell, Page, Table};
pub use crate::analysis::compare::diff::{
    Breakdown, Change, ChangeSubject, Headline, TargetChange, TotalRow, TotalsTable,
};
use crate::report::diff_zh::breakdown_title;

/// A target the scenarios are compared on.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetColumn {
    pub id: String,
    pub year: i32,
    /// Required level (share) in the base instance.
    pub level: f64,
}

/// How one scenario fares on one target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetOutcome {
    /// Realised group level in the target year (share).
    pub level: f64,
    /// Shortfall (share); 0 when met.
    pub shortfall: f64,
}

/// One scenario of a batch.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScenarioRow {
    pub name: String,
    /// Solver status id (`optimal`, `infeasible`, …) or why it failed.
    pub status: String,
    pub objective_yi: Option<f64>,
    /// Real spending over the horizon, central [亿元].
    pub central_yi: Option<f64>,
    /// Real spending over the horizon, provincial [亿元].
    pub provincial_yi: Option<f64>,
    /// Shortfall penalty of the objective [亿元, a modelling device, not money].
    pub penalty_yi: Option<f64>,
    /// One entry per [`ComparisonView::targets`]; `None` without a plan.
    pub targets: Vec<Option<TargetOutcome>>,
    /// Designated national lead sites ("item — province"), as shown.
    pub lead_sites: Vec<String>,
}

/// A batch of scenarios to compare.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ComparisonView {
    /// Title of the page (e.g. the batch file's name).
    pub title: String,
    /// One paragraph under the title (what the batch varies), may be empty.
    pub description: String,
    pub targets: Vec<TargetColumn>,
    pub scenarios: Vec<ScenarioRow>,
    /// Footer line (what wrote the page, from which instance).
    pub footer: String,
}

/// What changed from one plan to another, in the order of every diff
/// output: inputs, spending totals, sites and platforms, targets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DiffView {
    pub title: String,
    /// Names of the two plans.
    pub before: String,
    pub after: String,
    /// What differs in the inputs, one sentence each.
    pub inputs: Vec<String>,
    /// Spending tables, rows largest change first.
    pub spending: Vec<TotalsTable>,
    /// Lead sites and platforms.
    pub sites: Vec<Change>,
    pub targets: Vec<TargetChange>,
    /// The changed limits in words, indexed by the other parts.
    pub limits: Vec<String>,
    /// The shortfall penalty (not money).
    pub penalty: Option<Headline>,
    pub footer: String,
}

/// Bars shown per chart; the tables list everything.
const CHART_ROWS: usize = 20;

/// The HTML page comparing a batch of scenarios: real spending (central and
/// provincial, the penalty apart), the level reached on every target, and a
/// table with status, objective and lead sites.
pub fn comparison_page(view: &ComparisonView, lang: Lang) -> Result<String, ChartError> {
    let mut page = Page::new(
        lang,
        &format!("{}: {}", lang.t(t::COMPARISON_TITLE), view.title),
    );
    if !view.description.is_empty() {
        page.paragraph(&view.description);
    }
    page.section("spending", lang.t(t::REAL_SPENDING));
    let (series, legend) = payer_series(lang);
    let penalty = lang.t(t::PENALTY_SHORT);
    let rows: Vec<BarRow> = view
        .scenarios
        .iter()
        .map(|s| BarRow {
            label: s.name.clone(),
            values: vec![s.central_yi.unwrap_or(0.0), s.provincial_yi.unwrap_or(0.0)],
            note: match (s.central_yi, s.penalty_yi) {
                (None, _) => status_word(&s.status, lang),
                (Some(_), Some(p)) if p > 0.0 => format!("{penalty}: {}", number(p)),
                _ => String::new(),
            },
            faded: s.central_yi.is_none(),
        })
        .collect();
    page.figure(
        "comparison-spending",
        lang.t(t::SCENARIO_SPEND_CAPTION),
        &stacked_hbars(&rows, &series, lang.t(t::YI)),
        &legend,
    );
    if !view.targets.is_empty() {
        page.section("targets", lang.t(t::TARGETS));
        let rows = target_bars(view, lang);
        page.figure(
            "comparison-targets",
            lang.t(t::SCENARIO_TARGET_CAPTION),
            &stacked_hbars(
                &rows,
                &[BarSeries {
                    name: lang.t(t::REALISED).into(),
                    colour: "#009E73",
                }],
                "%",
            ),
            &[],
        );
    }
    page.section("scenarios", lang.t(t::SCENARIO_TABLE));
    page.table(&scenario_table(view, lang));
    Ok(page.finish(&view.footer))
}

/// A case's status in the page's language: a solver status by its name,
/// a batch state (`failed`, `missing`, …) by its own.
pub fn status_word(status: &str, lang: Lang) -> String {
    match (lang, super::solve::solver_status(status), status) {
        (Lang::En, _, _) => status.to_string(),
        (_, Some(s), _) => super::solve::status_label(s, lang).to_string(),
        (_, None, "failed") => "失败".into(),
        (_, None, "missing") => "缺失".into(),
        (_, None, "interrupted") => "被中断".into(),
        (_, None, "input_error") => "输入错误".into(),
        _ => status.to_string(),
    }
}

/// One bar per target and scenario: the level reached, faded when short.
fn target_bars(view: &ComparisonView, lang: Lang) -> Vec<BarRow> {
    let mut rows = Vec::new();
    for (g, target) in view.targets.iter().enumerate() {
        for s in &view.scenarios {
            let outcome = s.targets.get(g).copied().flatten();
            let required = format!("{} {}", lang.t(t::REQUIRED), percent(target.level));
            rows.push(BarRow {
                label: format!("{} ({}) — {}", target.id, target.year, s.name),
                values: vec![100.0 * outcome.map_or(0.0, |o| o.level)],
                note: match outcome {
                    Some(o) if o.shortfall > 0.0 => format!(
                        "{} · {} {}",
                        percent(o.level),
                        lang.t(t::SHORTFALL),
                        percent(o.shortfall)
                    ),
                    Some(o) => format!("{} · {required}", percent(o.level)),
                    None => status_word(&s.status, lang),
                },
                faded: outcome.is_none_or(|o| o.shortfall > 0.0),
            });
        }
    }
    rows
}

/// The table of every scenario: status, money, each target's level and
/// shortfall, and its lead sites.
fn scenario_table(view: &ComparisonView, lang: Lang) -> Table {
    let mut headers: Vec<String> = [
        t::SCENARIO,
        t::STATUS,
        t::OBJECTIVE_YI,
        t::CENTRAL_YI,
        t::PROVINCIAL_YI,
        t::PENALTY_SHORT,
    ]
    .iter()
    .map(|h| lang.t(*h).to_string())
    .collect();
    for target in &view.targets {
        headers.push(format!(
            "{} ({}) {}",
            target.id,
            target.year,
            lang.t(t::REALISED)
        ));
        headers.push(format!("{} {}", target.id, lang.t(t::SHORTFALL)));
    }
    headers.push(lang.t(t::LEAD_SITE_NAMES).into());
    Table {
        caption: lang.t(t::SCENARIO_TABLE).into(),
        headers,
        rows: view
            .scenarios
            .iter()
            .map(|s| {
                let mut cells = vec![
                    Cell::text(&s.name),
                    Cell::text(status_word(&s.status, lang)),
                    Cell::opt(s.objective_yi),
                    Cell::opt(s.central_yi),
                    Cell::opt(s.provincial_yi),
                    Cell::opt(s.penalty_yi),
                ];
                for g in 0..view.targets.len() {
                    match s.targets.get(g).copied().flatten() {
                        Some(o) => {
                            cells.push(Cell::pct(o.level));
                            cells.push(if o.shortfall > 0.0 {
                                Cell::Alert(percent(o.shortfall))
                            } else {
                                Cell::pct(0.0)
                            });
                        }
                        None => cells.extend([Cell::text("–"), Cell::text("–")]),
                    }
                }
                cells.push(Cell::text(s.lead_sites.join(lang.t(t::LIST_SEPARATOR))));
                cells
            })
            .collect(),
        folded: false,
    }
}

/// The HTML page of what changed between two plans, in the order of every
/// diff output: the inputs that differ, real spending totals (overall, by
/// region, province, year, instrument, area; largest change first), lead
/// sites and platforms, then each target's level (in %) with the limits
/// related to it.
pub fn diff_page(view: &DiffView, lang: Lang) -> Result<String, ChartError> {
    let mut page = Page::new(lang, &format!("{}: {}", lang.t(t::DIFF_TITLE), view.title));
    page.paragraph(&format!(
        "{}: {} → {}: {}",
        lang.t(t::BEFORE),
        view.before,
        lang.t(t::AFTER),
        view.after
    ));
    page.section("diff-inputs", lang.t(t::DIFF_INPUTS));
    if view.inputs.is_empty() {
        page.paragraph(lang.t(t::DIFF_SAME_INPUTS));
    }
    for sentence in &view.inputs {
        page.paragraph(sentence);
    }
    page.section("diff-spending", lang.t(t::DIFF_SPENDING));
    for table in &view.spending {
        spending_part(&mut page, view, table, lang)?;
    }
    page.section("diff-sites", lang.t(t::DIFF_SITES));
    page.table(&Table {
        caption: lang.t(t::DIFF_SITES).into(),
        headers: change_headers(view, lang),
        rows: view
            .sites
            .iter()
            .map(|c| {
                vec![
                    Cell::text(format!("{} ({})", c.description, c.unit)),
                    Cell::num(c.before),
                    Cell::num(c.after),
                    Cell::num(c.size()),
                    Cell::text(""),
                    Cell::text(because(view, &c.because, lang)),
                ]
            })
            .collect(),
        folded: false,
    });
    targets_part(&mut page, view, lang)?;
    Ok(page.finish(&view.footer))
}

fn change_headers(view: &DiffView, lang: Lang) -> Vec<String> {
    vec![
        lang.t(t::CHANGE).into(),
        view.before.clone(),
        view.after.clone(),
        "Δ".into(),
        "Δ %".into(),
        lang.t(t::EXPLAINED_BY).into(),
    ]
}

fn because(view: &DiffView, limits: &[usize], lang: Lang) -> String {
    limits
        .iter()
        .filter_map(|&i| view.limits.get(i).cloned())
        .collect::<Vec<_>>()
        .join(lang.t(t::LIST_SEPARATOR))
}

/// One spending table; the province and year tables also as a chart.
fn spending_part(
    page: &mut Page,
    view: &DiffView,
    table: &TotalsTable,
    lang: Lang,
) -> Result<(), ChartError> {
    let chart = match table.by {
        Breakdown::Province => Some("diff-province"),
        Breakdown::Year => Some("diff-year"),
        _ => None,
    };
    if let Some(id) = chart {
        let rows: Vec<BarRow> = table
            .rows
            .iter()
            .take(CHART_ROWS)
            .map(|r| BarRow {
                label: r.key.clone(),
                values: vec![r.change()],
                note: format!("{} → {}", number(r.before), number(r.after)),
                faded: false,
            })
            .collect();
        page.figure(
            id,
            &format!(
                "{} — {}",
                breakdown_title(table.by, lang),
                lang.t(t::DIFF_CAPTION)
            ),
            &diverging_hbars(
                &rows,
                &[BarSeries {
                    name: lang.t(t::CHANGE).into(),
                    colour: "#0072B2",
                }],
                lang.t(t::YI),
            ),
            &[],
        );
    }
    page.table(&Table {
        caption: format!("{} ({})", breakdown_title(table.by, lang), lang.t(t::YI)),
        headers: change_headers(view, lang),
        rows: table
            .rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(&r.key),
                    Cell::num(r.before),
                    Cell::num(r.after),
                    Cell::num(r.change()),
                    r.change_pct()
                        .map_or(Cell::text("–"), |p| Cell::pct(p / 100.0)),
                    Cell::text(because(view, &r.because, lang)),
                ]
            })
            .collect(),
        folded: table.rows.len() > CHART_ROWS,
    });
    Ok(())
}

/// Every target's level in both plans (as %), then per target the limits
/// related to it.
fn targets_part(page: &mut Page, view: &DiffView, lang: Lang) -> Result<(), ChartError> {
    page.section("diff-targets", lang.t(t::DIFF_TARGETS));
    if let Some(p) = &view.penalty {
        page.paragraph(&format!(
            "{}: {} → {} {}",
            p.label,
            number(p.before),
            number(p.after),
            p.unit
        ));
    }
    let rows: Vec<BarRow> = view
        .targets
        .iter()
        .map(|g| BarRow {
            label: format!("{} ({})", g.id, g.year),
            values: vec![g.points()],
            note: format!("{} → {}", percent(g.level_before), percent(g.level_after)),
            faded: g.shortfall_after > 0.0,
        })
        .collect();
    page.figure(
        "diff-targets",
        lang.t(t::DIFF_TARGETS_CAPTION),
        &diverging_hbars(
            &rows,
            &[BarSeries {
                name: lang.t(t::CHANGE).into(),
                colour: "#009E73",
            }],
            lang.t(t::POINTS),
        ),
        &[],
    );
    page.table(&Table {
        caption: lang.t(t::DIFF_TARGETS).into(),
        headers: vec![
            lang.t(t::TARGETS).into(),
            format!("{} {}", lang.t(t::REQUIRED), view.before),
            format!("{} {}", lang.t(t::REQUIRED), view.after),
            format!("{} {}", lang.t(t::REALISED), view.before),
            format!("{} {}", lang.t(t::REALISED), view.after),
            lang.t(t::POINTS).into(),
            format!("{} {}", lang.t(t::WEIGHTED_MEAN), view.before),
            format!("{} {}", lang.t(t::WEIGHTED_MEAN), view.after),
            format!("{} {}", lang.t(t::ITEMS_ASSURED), view.before),
            format!("{} {}", lang.t(t::ITEMS_ASSURED), view.after),
        ],
        rows: view
            .targets
            .iter()
            .map(|g| {
                let assured = |n: Option<usize>| match (n, g.items) {
                    (Some(n), Some(of)) => Cell::text(format!("{n} / {of}")),
                    _ => Cell::text("–"),
                };
                let weighted = |w: Option<f64>| w.map_or(Cell::text("–"), Cell::pct);
                vec![
                    Cell::text(format!("{} ({})", g.id, g.year)),
                    Cell::pct(g.required_before),
                    Cell::pct(g.required_after),
                    Cell::pct(g.level_before),
                    Cell::pct(g.level_after),
                    Cell::num(g.points()),
                    weighted(g.weighted_before),
                    weighted(g.weighted_after),
                    assured(g.assured_before),
                    assured(g.assured_after),
                ]
            })
            .collect(),
        folded: false,
    });
    for g in &view.targets {
        if g.limits.is_empty() {
            continue;
        }
        page.paragraph(&format!(
            "{} ({}), {}:",
            g.id,
            g.year,
            lang.t(t::DIFF_RELATED_LIMITS)
        ));
        for &i in &g.limits {
            if let Some(sentence) = view.limits.get(i) {
                page.note(sentence);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comparison_page_shows_every_scenario_and_the_penalty_apart() {
        let view = examples::comparison();
        let html = comparison_page(&view, Lang::Zh).unwrap();
        for id in ["comparison-spending", "comparison-targets"] {
            assert!(html.contains(&format!(r#"data-chart="{id}""#)), "{id}");
        }
        for s in &view.scenarios {
            assert!(html.contains(&s.name), "{}", s.name);
        }
        // The cut scenario misses the 2025 target by 2.1 points, shown as an alert.
        assert!(html.contains(r#"<td class="alert">2.1%</td>"#));
        // Real spending and the penalty are apart: the penalty is a note, not a bar.
        assert!(html.contains("罚项(亿元，非资金): 2,100"));
        assert!(html.contains("集成电路 — 上海；光刻胶 — 江苏"));
        assert!(html.contains("<td>不可行</td>") && !html.contains("infeasible"));
    }

    #[test]
    fn the_diff_page_leads_with_inputs_and_totals_and_shows_shares_in_percent() {
        let html = diff_page(&examples::diff(), Lang::En).unwrap();
        let at = |needle: &str| {
            html.find(needle)
                .unwrap_or_else(|| panic!("{needle} missing"))
        };
        // Inputs, spending, sites and platforms, targets: in that order.
        let order = [
            at(r#"<section id="diff-inputs">"#),
            at(r#"<section id="diff-spending">"#),
            at(r#"<section id="diff-sites">"#),
            at(r#"<section id="diff-targets">"#),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        for id in ["diff-province", "diff-year", "diff-targets"] {
            assert!(html.contains(&format!(r#"data-chart="{id}""#)), "{id}");
        }
        assert!(at("`*=0.7`") < at("2,370"));
        // Shares as % (never 0.37 → 0.62), the change in % of the first plan.
        assert!(html.contains(r#"<td class="num" data-v="0.62">62.0%</td>"#));
        assert!(!html.contains(">0.62<") && !html.contains(">0.37<"));
        assert!(html.contains(">-31.0%</td>"), "上海: 420 → 290 亿元");
        // Only the limits of each target, in words.
        assert!(html.contains("core_2030 (2030), limits related to this target that changed:"));
        assert!(html.contains("would save 2.40 亿元"));
    }
}
