//! The tornado page: the change of the objective and of real spending when
//! each parameter group moves down and up alone, largest impact first.

use crate::analysis::tornado::{Kpis, TornadoRow};
use crate::charts::bars::{diverging_hbars, BarRow, BarSeries};
use crate::charts::ChartError;
use crate::instance::Instance;

use super::super::i18n::{self as t, Lang};
use super::super::page::{Cell, LegendEntry, Page, Table};
use super::super::solve::footer;

/// A tornado group's label in the report's language. The analysis labels
/// groups in English (`gains: software`); the known forms are translated
/// here and any other label is shown as it is.
fn tornado_label(inst: &Instance, label: &str, lang: Lang) -> String {
    let area = |id: &str| lang.area_by_id(inst, id);
    let mode = |id: &str| {
        inst.model
            .mode_by_id(id)
            .map_or(id.to_string(), |m| lang.mode(inst, m))
    };
    let zh = lang == Lang::Zh;
    let pick = |en: &str, zh_text: &str| {
        if zh {
            zh_text.to_string()
        } else {
            en.to_string()
        }
    };
    match label {
        "central budget" => pick(label, "中央预算"),
        "provincial budgets" => pick(label, "地方预算"),
        "talent" => pick(label, "人才"),
        "initial platform capacity" => pick(label, "初始平台能力"),
        _ => {
            if let Some(a) = label.strip_prefix("gains: ") {
                format!("{}: {}", pick("gains", "增益"), area(a))
            } else if let Some(a) = label.strip_prefix("initial shares: ") {
                format!("{}: {}", pick("initial shares", "初始自给率"), area(a))
            } else if let Some(m) = label.strip_prefix("cost per effort: ") {
                format!("{}: {}", pick("cost per effort", "单位投入成本"), mode(m))
            } else {
                label.to_string()
            }
        }
    }
}

/// The two bars of a tornado row: the group moved down and up by `delta`.
pub fn tornado_series(delta: f64) -> Vec<BarSeries> {
    let pct = 100.0 * delta;
    vec![
        BarSeries {
            name: format!("−{pct:.0}%"),
            colour: "#D55E00",
        },
        BarSeries {
            name: format!("+{pct:.0}%"),
            colour: "#0072B2",
        },
    ]
}

/// The HTML report of a tornado.
pub fn tornado_page(
    inst: &Instance,
    delta: f64,
    base: &Kpis,
    rows: &[TornadoRow],
    lang: Lang,
) -> Result<String, ChartError> {
    let mut page = Page::new(
        lang,
        &format!("{}: {}", lang.t(t::TORNADO_TITLE), inst.name),
    );
    let pct = 100.0 * delta;
    page.paragraph(&match lang {
        Lang::En => format!(
            "Each parameter group moved by −{pct:.0}% and +{pct:.0}% alone, lead sites and platforms fixed at the base plan; base objective {} 亿元, base spending {} 亿元.",
            crate::charts::number(base.objective),
            crate::charts::number(base.spend_yi)
        ),
        Lang::Zh => format!(
            "每个参数组单独下调 {pct:.0}% 和上调 {pct:.0}%，牵头地与平台固定为基准方案；基准目标函数值 {} 亿元，基准支出 {} 亿元。",
            crate::charts::number(base.objective),
            crate::charts::number(base.spend_yi)
        ),
    });
    let series = tornado_series(delta);
    let legend: Vec<LegendEntry> = series
        .iter()
        .map(|s| LegendEntry::swatch(&s.name, s.colour))
        .collect();
    let labels: Vec<String> = rows
        .iter()
        .map(|r| tornado_label(inst, &r.group, lang))
        .collect();
    let no_plan = lang.t(t::NO_SOLUTION);
    let bars = |kpi: fn(&Kpis) -> f64| -> Vec<BarRow> {
        rows.iter()
            .zip(&labels)
            .map(|(r, label)| {
                let change = |k: Option<Kpis>| k.map_or(0.0, |k| kpi(&k));
                BarRow {
                    label: label.clone(),
                    values: vec![change(r.low_change), change(r.high_change)],
                    note: if r.low.is_none() || r.high.is_none() {
                        no_plan.to_string()
                    } else {
                        String::new()
                    },
                    faded: false,
                }
            })
            .collect()
    };
    page.section("objective", lang.t(t::OBJECTIVE));
    page.figure(
        "tornado-objective",
        lang.t(t::TORNADO_OBJECTIVE_CAPTION),
        &diverging_hbars(&bars(|k| k.objective), &series, "亿元"),
        &legend,
    );
    page.section("spending", lang.t(t::REAL_SPENDING));
    page.figure(
        "tornado-spending",
        lang.t(t::TORNADO_SPEND_CAPTION),
        &diverging_hbars(&bars(|k| k.spend_yi), &series, "亿元"),
        &legend,
    );
    let mut table_rows = vec![kpi_row(
        lang.t(t::BASE),
        "1",
        Some((*base, base.change_from(base))),
    )];
    for (r, label) in rows.iter().zip(&labels) {
        let low = r.low.zip(r.low_change);
        let high = r.high.zip(r.high_change);
        table_rows.push(kpi_row(label, &format!("{}", 1.0 - delta), low));
        table_rows.push(kpi_row(label, &format!("{}", 1.0 + delta), high));
    }
    page.table(&Table {
        caption: lang.t(t::TORNADO_TABLE).into(),
        headers: vec![
            lang.t(t::PARAMETER).into(),
            "×".into(),
            lang.t(t::OBJECTIVE_YI).into(),
            format!("Δ {}", lang.t(t::OBJECTIVE_YI)),
            lang.t(t::SPENDING).into(),
            format!("Δ {}", lang.t(t::SPENDING)),
            lang.t(t::SHORTFALL_POINTS).into(),
            format!("Δ {}", lang.t(t::SHORTFALL_POINTS)),
        ],
        rows: table_rows,
        folded: false,
    });
    Ok(page.finish(&footer(inst, lang)))
}

/// A table row: the KPIs of a variant and their change from the base.
fn kpi_row(label: &str, factor: &str, k: Option<(Kpis, Kpis)>) -> Vec<Cell> {
    let mut cells = vec![Cell::text(label), Cell::text(factor)];
    match k {
        Some((k, change)) => cells.extend([
            Cell::num(k.objective),
            Cell::num(change.objective),
            Cell::num(k.spend_yi),
            Cell::num(change.spend_yi),
            Cell::num(k.shortfall_points),
            Cell::num(change.shortfall_points),
        ]),
        None => cells.extend((0..6).map(|_| Cell::text("–"))),
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_labels_are_translated_with_the_instance_names() {
        let inst = crate::testing::tiny_instance();
        assert_eq!(
            tornado_label(&inst, "gains: components", Lang::Zh),
            "增益: 基础零部件和元器件"
        );
        assert_eq!(
            tornado_label(&inst, "cost per effort: chain", Lang::Zh),
            "单位投入成本: 链式协同"
        );
        assert_eq!(
            tornado_label(&inst, "central budget", Lang::En),
            "central budget"
        );
        assert_eq!(
            tornado_label(&inst, "something new", Lang::Zh),
            "something new"
        );
    }
}
