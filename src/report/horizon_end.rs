//! (END) what the plan buys after the horizon (docs/model.md §10), as
//! `after_horizon.csv`, the `after_horizon` rows of summary.json and a line
//! of report.md, and a section of report.html. The numbers come from
//! `readback::objective`.

use super::html::i18n::{self, Lang, Text};
use super::html::page::{Cell, Page, Table};
use super::tables::{csv_bytes, num};
use super::OutputError;
use crate::charts::bars::{stacked_hbars, BarRow, BarSeries};
use crate::charts::number;
use crate::instance::Instance;
use crate::plan::Plan;
use crate::readback::objective::bought_after_horizon;
use crate::results::summary::AfterHorizon;
use crate::run::RunResult;

/// after_horizon.csv: per item, the value of one point after tN, the points
/// the model buys after tN, what the effort realises after tN, and the value.
pub fn csv(inst: &Instance, plan: &Plan) -> Result<Vec<u8>, OutputError> {
    let rows = bought_after_horizon(inst, plan)
        .iter()
        .enumerate()
        .map(|(k, b)| {
            vec![
                inst.items[k].id.clone(),
                num(inst.end_value_per_share(k) / 100.0),
                num(100.0 * b.share),
                num(100.0 * b.realised_share),
                num(b.value_yi),
            ]
        })
        .collect();
    csv_bytes(
        &[
            "item",
            "value_yi_per_point",
            "bought_after_horizon_points",
            "realised_after_horizon_points",
            "value_yi",
        ],
        rows,
    )
}

/// summary.json `after_horizon`, when the instance values the horizon's end.
pub fn summary_rows(inst: &Instance, result: &RunResult) -> Option<Vec<AfterHorizon>> {
    inst.horizon_end?;
    let plan = result.plan.as_ref()?;
    Some(
        bought_after_horizon(inst, plan)
            .iter()
            .enumerate()
            .map(|(k, b)| AfterHorizon {
                item: inst.items[k].id.clone(),
                bought_points: 100.0 * b.share,
                realised_points: 100.0 * b.realised_share,
                value_yi: b.value_yi,
            })
            .collect(),
    )
}

/// The report.md line: points bought after the horizon in all, realised,
/// and their value in the objective.
pub fn markdown_line(inst: &Instance, result: &RunResult, lang: Lang) -> Option<String> {
    let rows = summary_rows(inst, result)?;
    let sum = |f: fn(&AfterHorizon) -> f64| rows.iter().map(f).sum::<f64>();
    let last = inst.years[inst.years.len() - 1];
    let (bought, realised, value) = (
        sum(|r| r.bought_points),
        sum(|r| r.realised_points),
        sum(|r| r.value_yi),
    );
    let items = rows.iter().filter(|r| r.bought_points > 1e-9).count();
    Some(match lang {
        Lang::En => format!(
            "Bought after the horizon (effect after {last}, valued at ω_end × the last target's penalty, discounted to {last}): {bought:.2} points over {items} items (realised {realised:.2}), worth {value:.2} 亿元 in the objective (a device, not money); by item in after_horizon.csv.\n",
        ),
        Lang::Zh => format!(
            "规划期后购得(效果在 {last} 年之后，按 ω_end × 最后一个目标的每百分点罚项定价，贴现至 {last} 年)：{items} 个关键项目共 {bought:.2} 个百分点(实际实现 {realised:.2})，在目标函数中价值 {value:.2} 亿元(建模手段，并非资金)；分项目数据见 after_horizon.csv。\n",
        ),
    })
}

const SECTION: Text = Text::new("Bought after the horizon", "规划期后购得");
const CHART_CAPTION: Text = Text::new(
    "Points of self-sufficiency each item's end-of-horizon stock still buys after the last year (model, points)",
    "各关键项目规划期末效应存量在末年之后仍可购得的自给率(模型，百分点)",
);
const BOUGHT: Text = Text::new("bought after the horizon (points)", "规划期后购得(百分点)");
const REALISED_AFTER: Text = Text::new(
    "realised after the horizon (points)",
    "规划期后实际实现(百分点)",
);
const VALUE_PER_POINT: Text = Text::new("value (亿元 per point)", "价值(亿元/百分点)");
const VALUE: Text = Text::new(
    "value in the objective (亿元, not money)",
    "目标函数中的价值(亿元，非资金)",
);
const NOTE: Text = Text::new(
    "The instance values the end of the horizon ([horizon_end] value = \"penalty\"): the share the effort of the last years still buys after them lowers the objective at ω_end × the last target's penalty per point, discounted to the last year (docs/model.md §10 (END)). A modelling device, not money; by item in after_horizon.csv.",
    "本实例为规划期末定价([horizon_end] value = \"penalty\")：末年投入在规划期后仍可购得的自给率，按 ω_end × 最后一个目标的每百分点罚项、贴现至末年计入目标函数(docs/model.md §10 (END))。这是建模手段，并非资金；分项目数据见 after_horizon.csv。",
);

/// The page's section "bought after the horizon", per item, when the
/// instance values the horizon's end (`[horizon_end] value = "penalty"`).
pub fn html_section(page: &mut Page, inst: &Instance, result: &RunResult) {
    let Some(rows) = summary_rows(inst, result) else {
        return;
    };
    let lang = page.lang();
    page.section("after-horizon", lang.t(SECTION));
    let bars: Vec<BarRow> = rows
        .iter()
        .enumerate()
        .map(|(k, r)| BarRow {
            label: lang.item(inst, k),
            values: vec![r.bought_points],
            note: format!("{} {}", number(r.value_yi), lang.t(i18n::YI)),
            faded: r.bought_points <= 1e-9,
        })
        .collect();
    page.figure(
        "after-horizon",
        lang.t(CHART_CAPTION),
        &stacked_hbars(
            &bars,
            &[BarSeries {
                name: lang.t(BOUGHT).into(),
                colour: "#56B4E9",
            }],
            lang.t(i18n::POINTS),
        ),
        &[],
    );
    page.table(&Table {
        caption: lang.t(SECTION).into(),
        headers: vec![
            lang.t(i18n::ITEM).into(),
            lang.t(VALUE_PER_POINT).into(),
            lang.t(BOUGHT).into(),
            lang.t(REALISED_AFTER).into(),
            lang.t(VALUE).into(),
        ],
        rows: rows
            .iter()
            .enumerate()
            .map(|(k, r)| {
                vec![
                    Cell::text(lang.item(inst, k)),
                    Cell::num(inst.end_value_per_share(k) / 100.0),
                    Cell::num(r.bought_points),
                    Cell::num(r.realised_points),
                    Cell::num(r.value_yi),
                ]
            })
            .collect(),
        folded: rows.len() > 20,
    });
    page.paragraph(lang.t(NOTE));
}
