//! (TB) the training budget (docs/model.md §10 (TB)) as
//! `training_budget.csv` and a section of report.md: every province-year
//! with a cap or a floor, the training spent there, the limit it binds at,
//! and what one more 亿元 of cap gains (or one 亿元 less of floor saves),
//! from the one-sided marginal values where they were measured.

use std::fmt::Write;

use super::html::i18n::{self as t, Lang, Text};
use super::html::page::{Cell, Page, Table};
use super::tables::{csv_bytes, num};
use super::OutputError;
use crate::analysis::marginal::MarginalValues;
use crate::instance::Instance;
use crate::model::RowKey;
use crate::plan::Plan;
use crate::readback::training_budget::{training_limits, TrainingBinds, TrainingLimit};
use crate::results::summary;

/// The measured objective gain of relaxing the binding limit by 1 亿元 —
/// one more of cap, one less of floor [亿元].
fn relaxing_gain(limit: &TrainingLimit, marginal: Option<&MarginalValues>) -> Option<f64> {
    let (province, year) = (limit.province, limit.year);
    let m = marginal?;
    match limit.binds? {
        TrainingBinds::Cap => m
            .of_row(&RowKey::TrainingBudget { province, year })?
            .gain_of_one_more(),
        TrainingBinds::Floor => m
            .of_row(&RowKey::TrainingFloor { province, year })?
            .less
            .objective_change
            .map(|c| -c),
    }
}

/// summary.json's `training_budget`: the rows of training_budget.csv, when
/// the instance gives a cap or a floor.
pub fn summary_rows(
    inst: &Instance,
    plan: &Plan,
    marginal: Option<&MarginalValues>,
) -> Option<Vec<summary::TrainingBudget>> {
    if !inst.training_budget.is_given() {
        return None;
    }
    let round = |v: f64| (v * 1e9).round() / 1e9;
    Some(
        training_limits(inst, plan)
            .iter()
            .map(|l| {
                let prov = &inst.provinces[l.province];
                summary::TrainingBudget {
                    binds: l.binds.map(|b| b.id().to_string()),
                    cap_yi: l.cap_yi,
                    floor_yi: l.floor_yi,
                    gain_of_relaxing_1_yi: relaxing_gain(l, marginal).map(round),
                    province: prov.id.clone(),
                    region: prov.region.id().to_string(),
                    training_yi: round(l.spent_yi),
                    year: inst.years[l.year],
                }
            })
            .collect(),
    )
}

/// The report.html section: every province-year with a cap or a floor,
/// the training spent, the limit it binds at and the gain of relaxing it.
pub fn html_section(
    page: &mut Page,
    inst: &Instance,
    plan: &Plan,
    marginal: Option<&MarginalValues>,
) {
    if !inst.training_budget.is_given() {
        return;
    }
    let lang = page.lang();
    let limits = training_limits(inst, plan);
    let bound = limits.iter().filter(|l| l.binds.is_some()).count();
    page.section("training-budget", lang.t(SECTION));
    page.paragraph(&match lang {
        Lang::En => format!(
            "Training spending sits at its cap or floor in {bound} of {} province-years with one (docs/model.md §10 (TB)); training_budget.csv has the same rows.",
            limits.len()
        ),
        Lang::Zh => format!(
            "在设有培训支出上限或下限的 {} 个省份年份中，有 {bound} 个恰在上限或下限(docs/model.md §10 (TB))；training_budget.csv 含相同各行。",
            limits.len()
        ),
    });
    let rows = limits
        .iter()
        .map(|l| {
            vec![
                Cell::text(lang.province(inst, l.province)),
                Cell::text(lang.region(inst.provinces[l.province].region)),
                Cell::text(inst.years[l.year].to_string()),
                Cell::num(l.spent_yi),
                l.cap_yi.map_or(Cell::text("–"), Cell::num),
                Cell::num(l.floor_yi),
                Cell::text(l.binds.map_or("–", |b| binds_word(b, lang))),
                relaxing_gain(l, marginal).map_or(Cell::text(lang.t(NOT_MEASURED)), Cell::num),
            ]
        })
        .collect();
    page.table(&Table {
        caption: lang.t(TABLE_CAPTION).into(),
        headers: [
            t::PROVINCE,
            t::REGION,
            t::YEAR,
            TRAINING_YI,
            CAP_YI,
            FLOOR_YI,
            BINDS_AT,
            GAIN_YI,
        ]
        .iter()
        .map(|&h| lang.t(h).to_string())
        .collect(),
        rows,
        folded: limits.len() > 12,
    });
}

/// training_budget.csv: one row per province-year with a cap or a floor.
pub fn csv(
    inst: &Instance,
    plan: &Plan,
    marginal: Option<&MarginalValues>,
) -> Result<Vec<u8>, OutputError> {
    let rows = training_limits(inst, plan)
        .iter()
        .map(|l| {
            let prov = &inst.provinces[l.province];
            vec![
                prov.id.clone(),
                prov.region.id().to_string(),
                inst.years[l.year].to_string(),
                num(l.spent_yi),
                l.cap_yi.map(num).unwrap_or_default(),
                num(l.floor_yi),
                l.binds.map(TrainingBinds::id).unwrap_or_default().into(),
                relaxing_gain(l, marginal).map(num).unwrap_or_default(),
            ]
        })
        .collect();
    csv_bytes(
        &[
            "province",
            "region",
            "year",
            "training_yi",
            "cap_yi",
            "floor_yi",
            "binds",
            "gain_of_relaxing_1_yi",
        ],
        rows,
    )
}

/// The report.md section: where the cap or floor binds, with the value of
/// relaxing it by 1 亿元 where measured.
pub fn markdown(
    inst: &Instance,
    plan: &Plan,
    marginal: Option<&MarginalValues>,
    lang: Lang,
) -> String {
    let limits = training_limits(inst, plan);
    let binding: Vec<&TrainingLimit> = limits.iter().filter(|l| l.binds.is_some()).collect();
    let mut md = format!("\n## {}\n\n", lang.t(SECTION));
    let (bound, all) = (binding.len(), limits.len());
    if binding.is_empty() {
        let _ = match lang {
            Lang::En => writeln!(
                md,
                "No training cap or floor binds ({all} province-years have one; training_budget.csv)."
            ),
            Lang::Zh => writeln!(
                md,
                "培训支出上限或下限均未起作用(共 {all} 个省份年份设有上限或下限；见 training_budget.csv)。"
            ),
        };
        return md;
    }
    let _ = match lang {
        Lang::En => writeln!(
            md,
            "Training spending sits at its cap or floor in {bound} of {all} province-years with one (all in training_budget.csv):\n",
        ),
        Lang::Zh => writeln!(
            md,
            "在设有上限或下限的 {all} 个省份年份中，有 {bound} 个的培训支出恰在上限或下限(全部见 training_budget.csv)：\n",
        ),
    };
    let _ = writeln!(md, "{}", lang.t(MD_HEADER));
    let _ = writeln!(md, "|---|---|---:|---|---:|");
    for l in binding {
        let gain = relaxing_gain(l, marginal).map_or_else(
            || lang.t(NOT_MEASURED).to_string(),
            |g| format!("{g:.2} 亿元"),
        );
        let _ = writeln!(
            md,
            "| {} | {} | {:.2} | {} | {gain} |",
            province_name(inst, l.province, lang),
            inst.years[l.year],
            l.spent_yi,
            l.binds.map_or("", |b| binds_name(b, lang)),
        );
    }
    md
}

const SECTION: Text = Text::new("Training budget", "培训预算");
const MD_HEADER: Text = Text::new(
    "| province | year | training 亿元 | binds at | objective gain of relaxing it by 1 亿元 |",
    "| 省份 | 年份 | 培训支出 亿元 | 起作用的限值 | 放宽 1 亿元的目标函数改善 |",
);
const NOT_MEASURED: Text = Text::new("not measured", "未测算");

/// The province's id in English (as training_budget.csv writes it), its
/// Chinese name in Chinese.
fn province_name(inst: &Instance, p: usize, lang: Lang) -> String {
    match lang {
        Lang::En => inst.provinces[p].id.clone(),
        Lang::Zh => lang.province(inst, p),
    }
}

/// Which limit binds: the csv's id in English (`cap`, `floor`), a word in Chinese.
fn binds_name(binds: TrainingBinds, lang: Lang) -> &'static str {
    match (lang, binds) {
        (Lang::En, b) => b.id(),
        (Lang::Zh, TrainingBinds::Cap) => "上限",
        (Lang::Zh, TrainingBinds::Floor) => "下限",
    }
}

/// Which limit binds, as a word of the page.
fn binds_word(binds: TrainingBinds, lang: Lang) -> &'static str {
    match (lang, binds) {
        (Lang::En, TrainingBinds::Cap) => "cap",
        (Lang::En, TrainingBinds::Floor) => "floor",
        (Lang::Zh, b) => binds_name(b, lang),
    }
}

const TABLE_CAPTION: Text = Text::new(
    "Training spending and its cap or floor by province and year (亿元)",
    "按省份和年份的培训支出及其上限或下限(亿元)",
);
const TRAINING_YI: Text = Text::new("training (亿元)", "培训支出(亿元)");
const CAP_YI: Text = Text::new("cap (亿元)", "上限(亿元)");
const FLOOR_YI: Text = Text::new("floor (亿元)", "下限(亿元)");
const BINDS_AT: Text = Text::new("binds at", "起作用的限值");
const GAIN_YI: Text = Text::new(
    "objective gain of relaxing it by 1 亿元",
    "放宽 1 亿元的目标函数改善(亿元)",
);
