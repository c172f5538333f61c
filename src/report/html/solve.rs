//! The page of one solve (`solve`, `sensitivity`): status, key figures,
//! targets, then one section per question a planner asks, each a chart with
//! the same numbers in a table beneath.

use crate::analysis::case::Analyses;
use crate::analysis::headline::{Headline, Verdict};
use crate::charts::{number, ChartError};
use crate::instance::Instance;
use crate::report::headline;
use crate::run::findings::{Findings, TargetKind};
use crate::run::RunResult;
use crate::solve::SolveStatus;

use super::i18n::{self as t, Lang};
use super::page::{Cell, Page, Table};
use super::{marginal, money, pools, resources, sufficiency};

/// The HTML report of a solve; `headline` is the finding of its plan, when
/// there is one, and opens the page. `threshold_notes` name the target
/// groups whose items below their R&D threshold gain nothing from one more
/// unit (docs/model.md §10 (THR)), one line each. From `analyses`: with a
/// rolling plan, its cost of myopia follows the plan's own sections, a
/// robust plan its study, and the marginal values give the training
/// budget's section the value of relaxing a cap or floor.
pub fn solve_page(
    inst: &Instance,
    result: &RunResult,
    threshold_notes: &[String],
    analyses: &Analyses,
    headline: Option<&Headline>,
    lang: Lang,
) -> Result<String, ChartError> {
    let marginal_values = analyses.explanation.as_ref().map(|e| &e.marginal);
    let title = format!("{}: {}", lang.t(t::PLAN_TITLE), inst.name);
    let mut page = Page::new(lang, &title);
    intro(&mut page, inst, result);
    let (Some(found), Some(headline)) = (&result.findings, headline) else {
        status(&mut page, result);
        page.note(lang.t(t::NO_PLAN));
        return Ok(page.finish(&footer(inst, lang)));
    };
    finding(&mut page, inst, headline);
    targets_section(&mut page, inst, found);
    solver_section(&mut page, result);
    sufficiency::section(&mut page, inst, found)?;
    money::money_section(&mut page, inst, found)?;
    pools::section(&mut page, inst, found);
    crate::report::horizon_end::html_section(&mut page, inst, result);
    if let Some(plan) = &result.plan {
        crate::report::training_budget::html_section(&mut page, inst, plan, marginal_values);
    }
    money::provinces_section(&mut page, inst, found);
    resources::lead_sites_section(&mut page, inst, found);
    resources::platforms_section(&mut page, inst, found)?;
    resources::talent_section(&mut page, inst, found);
    let values = marginal::rows(inst, &found.resource_values, lang);
    marginal::section(&mut page, &values, result.outcome.ranging.is_some());
    if let Some(rolling) = &analyses.rolling {
        crate::report::rolling::html_section(&mut page, inst, rolling)?;
    }
    if let Some(study) = &analyses.robust {
        crate::report::robust::html_section(&mut page, inst, study)?;
    }
    notes(&mut page, inst, result, threshold_notes);
    Ok(page.finish(&footer(inst, lang)))
}

/// The solver status whose id (`optimal`, …) is `id`, if any.
pub fn solver_status(id: &str) -> Option<SolveStatus> {
    [
        SolveStatus::Optimal,
        SolveStatus::Infeasible,
        SolveStatus::Unbounded,
        SolveStatus::InfeasibleOrUnbounded,
        SolveStatus::TimeLimit,
        SolveStatus::OtherLimit,
        SolveStatus::SolverError,
    ]
    .into_iter()
    .find(|s| s.id() == id)
}

/// A solver status in a word or two, for tables.
pub fn status_label(status: SolveStatus, lang: Lang) -> &'static str {
    match lang {
        Lang::En => status.id(),
        Lang::Zh => match status {
            SolveStatus::Optimal => "最优",
            SolveStatus::Infeasible => "不可行",
            SolveStatus::Unbounded => "无界",
            SolveStatus::InfeasibleOrUnbounded => "不可行或无界",
            SolveStatus::TimeLimit => "达到时间上限",
            SolveStatus::OtherLimit => "达到求解器上限",
            SolveStatus::SolverError => "求解器出错",
        },
    }
}

/// A solver status in the report's language, with what it means.
pub fn status_text(status: SolveStatus, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} — {}", status.id(), status.explain()),
        Lang::Zh => match status {
            SolveStatus::Optimal => "最优：方案为最优解",
            SolveStatus::Infeasible => "不可行：没有方案满足全部约束",
            SolveStatus::Unbounded => "无界：目标函数无下界，请检查目标权重",
            SolveStatus::InfeasibleOrUnbounded => "不可行或无界",
            SolveStatus::TimeLimit => "达到时间上限：所示为已找到的最优方案及其间隙",
            SolveStatus::OtherLimit => "在证明最优前达到求解器上限",
            SolveStatus::SolverError => "求解器出错",
        }
        .to_string(),
    }
}

fn intro(page: &mut Page, inst: &Instance, result: &RunResult) {
    let lang = page.lang();
    if !lang.description(inst).is_empty() {
        page.paragraph(lang.description(inst));
    }
    let mut meta = format!(
        "{} {}–{} · {} {} · {} {} · {} {} · {}: {}",
        lang.t(t::HORIZON),
        inst.years[0],
        inst.years[inst.years.len() - 1],
        inst.items.len(),
        lang.t(t::ITEMS),
        inst.areas.len(),
        lang.t(t::AREAS),
        inst.provinces.len(),
        lang.t(t::PROVINCES),
        lang.t(t::OBJECTIVE_PRESET),
        lang.preset(inst, &result.objective_preset)
    );
    if result.build.relax {
        meta.push_str(&format!(" · {}", lang.t(t::RELAXED)));
    }
    page.paragraph(&meta);
}

/// The solver's status, gap and check in words.
fn status(page: &mut Page, result: &RunResult) {
    for line in headline::solver_lines(result, page.lang()) {
        page.paragraph(&line);
    }
}

/// The finding first: spending, headline targets apart from item floors,
/// and the verdict on every missed target.
fn finding(page: &mut Page, inst: &Instance, h: &Headline) {
    let lang = page.lang();
    let verdicts: Vec<(String, String, String, bool)> = h
        .missed
        .iter()
        .map(|m| {
            let line = headline::missed_line(inst, m, lang);
            (
                line.subject,
                line.verdict,
                line.detail,
                matches!(m.verdict, Verdict::OutOfReach(_)),
            )
        })
        .collect();
    page.finding(
        lang.t(t::FINDING),
        &[
            headline::spending_line(inst, h, lang),
            headline::targets_line(h, lang),
        ],
        &verdicts,
    );
}

/// The objective in its parts and the solver's status, in words, below the targets.
fn solver_section(page: &mut Page, result: &RunResult) {
    let lang = page.lang();
    page.section("solver", lang.t(t::OBJECTIVE_AND_SOLVER));
    if let Some(terms) = &result.objective_terms {
        let yi = |v: f64| format!("{} {}", number(v), lang.t(t::YI));
        let mut cards = vec![
            (
                lang.t(t::DISCOUNTED_SPENDING).to_string(),
                yi(terms.discounted_spend_yi),
                String::new(),
            ),
            (
                lang.t(t::PENALTY).to_string(),
                yi(terms.shortfall_penalty_yi),
                String::new(),
            ),
        ];
        if let Some(objective) = result.outcome.objective {
            cards.push((
                lang.t(t::OBJECTIVE).to_string(),
                yi(objective),
                String::new(),
            ));
        }
        page.cards(&cards);
        page.paragraph(lang.t(t::OBJECTIVE_NOTE));
    }
    status(page, result);
}

fn targets_section(page: &mut Page, inst: &Instance, found: &Findings) {
    let lang = page.lang();
    page.section("targets", lang.t(t::TARGETS));
    let rows = found
        .targets
        .iter()
        .zip(&found.target_kinds)
        .map(|(r, kind)| {
            let id = if r.metric == "count" {
                format!("{}{}", r.id, lang.t(t::COUNT_MARK))
            } else {
                r.id.clone()
            };
            let m = &r.measures;
            vec![
                Cell::text(id),
                Cell::text(lang.t(match kind {
                    TargetKind::Headline => t::HEADLINE_KIND,
                    TargetKind::ItemFloor => t::ITEM_FLOOR_KIND,
                })),
                Cell::text(lang.group(inst, &r.group)),
                Cell::text(r.year.to_string()),
                Cell::pct(r.level),
                Cell::pct(r.achieved),
                Cell::pct(r.achieved_realised),
                Cell::pct(r.shortfall),
                if r.met {
                    Cell::text(lang.t(t::YES))
                } else {
                    Cell::Alert(lang.t(t::NO).into())
                },
                Cell::opt(r.dual_yi_per_point),
                Cell::pct(m.weighted),
                Cell::Number {
                    shown: format!(
                        "{} / {} ({})",
                        m.assured,
                        m.items,
                        crate::charts::percent(m.count_share())
                    ),
                    value: m.count_share(),
                },
            ]
        })
        .collect();
    page.table(&Table {
        caption: lang.t(t::TARGETS).into(),
        headers: [
            t::TARGET,
            t::TARGET_KIND,
            t::GROUP,
            t::YEAR,
            t::REQUIRED,
            t::ACHIEVED,
            t::REALISED,
            t::SHORTFALL,
            t::MET,
            t::TARGET_SLOPE,
            t::WEIGHTED_MEAN,
            t::ITEMS_ASSURED,
        ]
        .iter()
        .map(|h| lang.t(*h).to_string())
        .collect(),
        rows,
        folded: false,
    });
    page.paragraph(lang.t(t::TARGETS_NOTE));
    page.paragraph(lang.t(t::MEASURES_NOTE));
}

fn notes(page: &mut Page, inst: &Instance, result: &RunResult, threshold_notes: &[String]) {
    let lang = page.lang();
    page.section("notes", lang.t(t::NOTES));
    page.paragraph(lang.t(t::UNITS_NOTE));
    if !threshold_notes.is_empty() {
        page.paragraph(lang.t(t::THRESHOLD_NOTE));
        for n in threshold_notes {
            page.paragraph(n);
        }
    }
    if result.size.integers > 0 && !result.duals.is_empty() {
        page.paragraph(lang.t(t::MIP_DUALS));
    }
    if result.build.objective.cost_weight == 0.0 {
        page.note(lang.t(t::UNIQUE_SPEND_NOTE));
    }
    page.table(&Table {
        caption: lang.t(t::INSTANCE_FILES).into(),
        headers: vec![lang.t(t::FILE).into(), "sha256".into()],
        rows: inst
            .file_hashes
            .iter()
            .map(|(f, h)| vec![Cell::text(f), Cell::text(h)])
            .chain(std::iter::once(vec![
                Cell::text(inst.model_path.display().to_string()),
                Cell::text(&inst.model_hash),
            ]))
            .collect(),
        folded: true,
    });
}

/// The footer: what wrote the page, from which instance and model.
pub fn footer(inst: &Instance, lang: Lang) -> String {
    format!(
        "{} {} · HiGHS {} · {} · {} {}",
        lang.t(t::GENERATED_BY),
        env!("CARGO_PKG_VERSION"),
        crate::solve::highs_version(),
        inst.name,
        lang.t(t::MODEL_FILE_WORD),
        inst.model.name
    )
}
