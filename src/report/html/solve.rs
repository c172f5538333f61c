//! The page of one solve (`solve`, `sensitivity`): status, key figures,
//! targets, then one section per question a planner asks, each a chart with
//! the same numbers in a table beneath.

use crate::analysis::rolling::Rolling;
use crate::charts::{number, ChartError};
use crate::instance::Instance;
use crate::readback::targets::TargetRow;
use crate::run::findings::Findings;
use crate::run::RunResult;
use crate::solve::SolveStatus;

use super::i18n::{self as t, Lang};
use super::page::{Cell, Page, Table};
use super::{marginal, money, pools, resources, sufficiency};

/// The HTML report of a solve; `threshold_notes` name the target groups
/// whose items below their R&D threshold gain nothing from one more unit
/// (docs/model.md §10 (THR)), one line each. With a rolling plan, its cost
/// of myopia follows the plan's own sections.
pub fn solve_page(
    inst: &Instance,
    result: &RunResult,
    threshold_notes: &[String],
    rolling: Option<&Rolling>,
    lang: Lang,
) -> Result<String, ChartError> {
    let title = format!("{}: {}", lang.t(t::PLAN_TITLE), inst.name);
    let mut page = Page::new(lang, &title);
    intro(&mut page, inst, result);
    let Some(found) = &result.findings else {
        page.note(lang.t(t::NO_PLAN));
        return Ok(page.finish(&footer(inst, lang)));
    };
    key_figures(&mut page, result, found);
    targets_section(&mut page, inst, &found.targets);
    sufficiency::section(&mut page, inst, found)?;
    money::money_section(&mut page, inst, found)?;
    pools::section(&mut page, inst, found);
    money::provinces_section(&mut page, inst, found);
    resources::lead_sites_section(&mut page, inst, found);
    resources::platforms_section(&mut page, inst, found)?;
    resources::talent_section(&mut page, inst, found);
    let values = marginal::rows(inst, &found.resource_values, lang);
    marginal::section(&mut page, &values, result.outcome.ranging.is_some());
    if let Some(rolling) = rolling {
        crate::report::rolling::html_section(&mut page, inst, rolling)?;
    }
    notes(&mut page, inst, result, threshold_notes);
    Ok(page.finish(&footer(inst, lang)))
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
    if !inst.description.is_empty() {
        page.paragraph(&inst.description);
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
        result.objective_preset
    );
    if result.build.relax {
        meta.push_str(&format!(" · {}", lang.t(t::RELAXED)));
    }
    page.paragraph(&meta);
    let mut status = format!(
        "{}: {}",
        lang.t(t::STATUS),
        status_text(result.outcome.status, lang)
    );
    if let (Some(gap), true) = (result.outcome.mip_gap, result.size.integers > 0) {
        status.push_str(&format!(" · {} {:.4}%", lang.t(t::MIP_GAP), 100.0 * gap));
    }
    if let Some(check) = &result.check {
        let verdict = lang.t(if check.passed { t::PASSED } else { t::FAILED });
        status.push_str(&match lang {
            Lang::En => format!(
                " · {}: {verdict} ({} checks, largest violation {:.2e})",
                lang.t(t::CHECK),
                check.checks,
                check.max_violation
            ),
            Lang::Zh => format!(
                " · {}：{verdict}({} 项检查，最大违反量 {:.2e})",
                lang.t(t::CHECK),
                check.checks,
                check.max_violation
            ),
        });
    }
    page.paragraph(&status);
}

fn key_figures(page: &mut Page, result: &RunResult, found: &Findings) {
    let lang = page.lang();
    let Some(terms) = &result.objective_terms else {
        return;
    };
    let yi = |v: f64| format!("{} {}", number(v), lang.t(t::YI));
    let spend = &found.spend;
    let mut cards = vec![
        (
            lang.t(t::REAL_SPENDING).to_string(),
            yi(spend.total_yi),
            format!(
                "{} {} · {} {}",
                lang.t(t::CENTRAL),
                number(spend.central_yi),
                lang.t(t::PROVINCIAL),
                number(spend.provincial_yi)
            ),
        ),
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
    cards.push((
        lang.t(t::TARGETS_MET).to_string(),
        format!("{} / {}", found.targets_met(), found.targets.len()),
        String::new(),
    ));
    cards.push((
        lang.t(t::LEAD_SITES_COUNT).to_string(),
        found.lead_sites.len().to_string(),
        String::new(),
    ));
    page.cards(&cards);
}

fn targets_section(page: &mut Page, inst: &Instance, targets: &[TargetRow]) {
    let lang = page.lang();
    page.section("targets", lang.t(t::TARGETS));
    let rows = targets
        .iter()
        .map(|r| {
            let id = if r.metric == "count" {
                format!("{}{}", r.id, lang.t(t::COUNT_MARK))
            } else {
                r.id.clone()
            };
            let m = &r.measures;
            vec![
                Cell::text(id),
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
        headers: vec!["file".into(), "sha256".into()],
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
        "{} {} · HiGHS {} · {} · model {}",
        lang.t(t::GENERATED_BY),
        env!("CARGO_PKG_VERSION"),
        crate::solve::highs_version(),
        inst.name,
        inst.model.name
    )
}
