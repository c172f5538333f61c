//! Pages that compare plans: a batch of scenarios side by side
//! ([`comparison_page`]) and what changed between two plans ([`diff_page`]).
//! They take plain views, filled by the command that ran the scenarios, so
//! that this module needs nothing but numbers and names.

pub mod examples;

use std::collections::BTreeMap;

use crate::charts::bars::{diverging_hbars, stacked_hbars, BarRow, BarSeries};
use crate::charts::{number, percent, ChartError};

use super::i18n::{self as t, Lang};
use super::money::payer_series;
use super::page::{Cell, Page, Table};
pub use crate::analysis::compare::diff::{Change, Headline};

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

/// What changed from one plan to another.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DiffView {
    pub title: String,
    /// Names of the two plans.
    pub before: String,
    pub after: String,
    pub headlines: Vec<Headline>,
    /// In any order; the page ranks them by size within each unit.
    pub changes: Vec<Change>,
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
                (None, _) => s.status.clone(),
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
                    None => s.status.clone(),
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
                    Cell::text(&s.status),
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

/// The HTML page of what changed between two plans: headline numbers, then
/// the changes ranked by size within each unit, each with the constraints
/// that explain it.
pub fn diff_page(view: &DiffView, lang: Lang) -> Result<String, ChartError> {
    let mut page = Page::new(lang, &format!("{}: {}", lang.t(t::DIFF_TITLE), view.title));
    page.paragraph(&format!(
        "{}: {} → {}: {}",
        lang.t(t::BEFORE),
        view.before,
        lang.t(t::AFTER),
        view.after
    ));
    if !view.headlines.is_empty() {
        page.cards(
            &view
                .headlines
                .iter()
                .map(|h| {
                    (
                        h.label.clone(),
                        format!("{} → {} {}", number(h.before), number(h.after), h.unit),
                        format!("{} {}", signed(h.after - h.before), h.unit),
                    )
                })
                .collect::<Vec<_>>(),
        );
    }
    let mut by_unit: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for c in &view.changes {
        by_unit.entry(c.unit.as_str()).or_default().push(c);
    }
    for (i, (unit, mut changes)) in by_unit.into_iter().enumerate() {
        changes.sort_by(|a, b| {
            b.size()
                .abs()
                .total_cmp(&a.size().abs())
                .then(a.description.cmp(&b.description))
        });
        let id = format!("diff-{}", i + 1);
        page.section(&id, &format!("{} ({unit})", lang.t(t::CHANGE)));
        let rows: Vec<BarRow> = changes
            .iter()
            .take(CHART_ROWS)
            .map(|c| BarRow {
                label: c.description.clone(),
                values: vec![c.size()],
                note: format!("{} → {}", number(c.before), number(c.after)),
                faded: false,
            })
            .collect();
        page.figure(
            &id,
            &format!("{} ({unit})", lang.t(t::DIFF_CAPTION)),
            &diverging_hbars(
                &rows,
                &[BarSeries {
                    name: lang.t(t::CHANGE).into(),
                    colour: "#0072B2",
                }],
                unit,
            ),
            &[],
        );
        page.table(&Table {
            caption: format!("{} ({unit})", lang.t(t::CHANGE)),
            headers: vec![
                lang.t(t::CHANGE).into(),
                lang.t(t::BEFORE).into(),
                lang.t(t::AFTER).into(),
                "Δ".into(),
                lang.t(t::EXPLAINED_BY).into(),
            ],
            rows: changes
                .iter()
                .map(|c| {
                    vec![
                        Cell::text(&c.description),
                        Cell::num(c.before),
                        Cell::num(c.after),
                        Cell::num(c.size()),
                        Cell::text(c.explained_by.join(lang.t(t::LIST_SEPARATOR))),
                    ]
                })
                .collect(),
            folded: changes.len() > CHART_ROWS,
        });
    }
    Ok(page.finish(&view.footer))
}

fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", number(v))
    } else {
        number(v)
    }
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
        assert!(html.contains("infeasible"));
    }

    #[test]
    fn the_diff_page_ranks_changes_by_size_within_each_unit() {
        let html = diff_page(&examples::diff(), Lang::En).unwrap();
        // Three units, three charts.
        for id in ["diff-1", "diff-2", "diff-3"] {
            assert!(html.contains(&format!(r#"data-chart="{id}""#)), "{id}");
        }
        let shanghai = html.find("集成电路 上海 central funding").unwrap();
        let jiangsu = html.find("基础材料 江苏 provincial funding").unwrap();
        assert!(
            shanghai < jiangsu,
            "the 130 亿元 change ranks above the 50 亿元 one"
        );
        assert!(html.contains("central budget 2023 binds (BC)"));
        assert!(html.contains("2,370 → 1,955 亿元"));
    }
}
