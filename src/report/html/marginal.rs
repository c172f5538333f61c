//! Marginal values of resources, showing only what holds: the value of one
//! more unit and of one unit less where the slope is known to hold over that
//! step, else the slope at the current point, marked as such.

use crate::charts::bars::{stacked_hbars, BarRow, BarSeries};
use crate::charts::number;
use crate::instance::Instance;
use crate::model::RowKey;
use crate::readback::marginal::MarginalValue;

use super::i18n::{self as t, Lang};
use super::page::{Cell, LegendEntry, Page, Table};

/// One resource's marginal value, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct MarginalRow {
    /// What the resource is, in the report's language ("central budget 2025").
    pub resource: String,
    /// Unit of one step of the resource ("亿元", "k FTE", "cu").
    pub unit: String,
    /// Objective decrease per unit at the current point [亿元 per unit].
    pub slope: f64,
    /// Objective decrease from one more unit, where the slope holds for it [亿元].
    pub up: Option<f64>,
    /// Objective increase from one unit less, where the slope holds for it [亿元].
    pub down: Option<f64>,
    /// Values of the resource between which the slope holds.
    pub interval: Option<(f64, f64)>,
}

/// Rows shown in the chart (the table lists them all).
const CHART_ROWS: usize = 15;

/// The marginal values of a solve's priced resource rows, as the page
/// shows them: up and down where ranging shows the slope holds a whole unit
/// that way (nothing is claimed without ranging). One-sided values from
/// elsewhere (re-solves at ±1 unit) fill the same [`MarginalRow`] fields.
pub fn rows(inst: &Instance, values: &[MarginalValue], lang: Lang) -> Vec<MarginalRow> {
    values
        .iter()
        .map(|v| {
            let (resource, unit) = describe(inst, &v.key, lang);
            MarginalRow {
                resource,
                unit: unit.to_string(),
                slope: v.slope,
                up: v.up,
                down: v.down,
                interval: v.interval,
            }
        })
        .collect()
}

/// A resource row's name and unit in the report's language.
fn describe(inst: &Instance, key: &RowKey, lang: Lang) -> (String, &'static str) {
    let year = |t: usize| inst.years[t];
    let zh = lang == Lang::Zh;
    match *key {
        RowKey::CentralBudget { year: t } => (
            if zh {
                format!("中央预算 {}年", year(t))
            } else {
                format!("central budget {}", year(t))
            },
            "亿元",
        ),
        RowKey::ProvincialBudget { province, year: t } => (
            if zh {
                format!("{} 地方预算 {}年", lang.province(inst, province), year(t))
            } else {
                format!(
                    "provincial budget, {} {}",
                    lang.province(inst, province),
                    year(t)
                )
            },
            "亿元",
        ),
        RowKey::Talent { province, year: t } => (
            if zh {
                format!("{} 人才 {}年", lang.province(inst, province), year(t))
            } else {
                format!("talent, {} {}", lang.province(inst, province), year(t))
            },
            if zh { "千人" } else { "k FTE" },
        ),
        RowKey::Capacity {
            area,
            province,
            year: t,
        } => (
            if zh {
                format!(
                    "{} {} 平台能力 {}年",
                    lang.province(inst, province),
                    lang.area(inst, area),
                    year(t)
                )
            } else {
                format!(
                    "platform capacity, {}, {} {}",
                    lang.area(inst, area),
                    lang.province(inst, province),
                    year(t)
                )
            },
            if zh { "能力单位" } else { "cu" },
        ),
        RowKey::BuildRate { province, year: t } => (
            if zh {
                format!(
                    "{} 平台建设速度 {}年",
                    lang.province(inst, province),
                    year(t)
                )
            } else {
                format!(
                    "platform build rate, {} {}",
                    lang.province(inst, province),
                    year(t)
                )
            },
            if zh { "个平台" } else { "platform" },
        ),
        _ => (key.family().to_string(), ""),
    }
}

/// The marginal-values section: a chart of the largest values and a table
/// of all. `ranged` says whether intervals were computed at all.
pub fn section(page: &mut Page, rows: &[MarginalRow], ranged: bool) {
    let lang = page.lang();
    page.section("marginal-values", lang.t(t::MARGINAL));
    if rows.is_empty() {
        page.paragraph(lang.t(t::NO_MARGINAL));
        return;
    }
    let bars: Vec<BarRow> = rows
        .iter()
        .take(CHART_ROWS)
        .map(|r| {
            let holds = r.up.is_some();
            BarRow {
                label: r.resource.clone(),
                values: vec![r.up.unwrap_or(r.slope)],
                note: format!("{} 亿元 / {}", number(r.up.unwrap_or(r.slope)), r.unit),
                faded: !holds,
            }
        })
        .collect();
    let series = [BarSeries {
        name: lang.t(t::SLOPE).into(),
        colour: "#0072B2",
    }];
    let legend = [
        LegendEntry::swatch(lang.t(t::ONE_MORE), "#0072B2"),
        LegendEntry::swatch(lang.t(t::SLOPE), "#a6c8e0"),
    ];
    page.figure(
        "marginal-values",
        lang.t(t::MARGINAL_CAPTION),
        &stacked_hbars(&bars, &series, "亿元"),
        &legend,
    );
    let not_ranged = lang.t(t::NOT_RANGED);
    let side = |v: Option<f64>| match (v, ranged) {
        (Some(v), _) => Cell::num(v),
        (None, true) => Cell::text("–"),
        (None, false) => Cell::text(not_ranged),
    };
    page.table(&Table {
        caption: lang.t(t::MARGINAL).into(),
        headers: vec![
            lang.t(t::RESOURCE).into(),
            lang.t(t::UNIT).into(),
            lang.t(t::SLOPE).into(),
            lang.t(t::ONE_MORE).into(),
            lang.t(t::ONE_LESS).into(),
            lang.t(t::HOLDS_OVER).into(),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(&r.resource),
                    Cell::text(&r.unit),
                    Cell::num(r.slope),
                    side(r.up),
                    side(r.down),
                    match r.interval {
                        Some((lo, hi)) => Cell::text(format!("[{}, {}]", bound(lo), bound(hi))),
                        None => Cell::text(if ranged { "–" } else { not_ranged }),
                    },
                ]
            })
            .collect(),
        folded: rows.len() > CHART_ROWS,
    });
}

fn bound(v: f64) -> String {
    if v.is_finite() {
        number(v)
    } else if v > 0.0 {
        "∞".into()
    } else {
        "−∞".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_do_not_hold_for_a_unit_are_marked_as_slopes() {
        let rows = vec![
            MarginalRow {
                resource: "central budget 2025".into(),
                unit: "亿元".into(),
                slope: 0.8,
                up: Some(0.8),
                down: None,
                interval: Some((150.0, f64::INFINITY)),
            },
            MarginalRow {
                resource: "talent, Beijing 2025".into(),
                unit: "k FTE".into(),
                slope: 2.5,
                up: None,
                down: None,
                interval: Some((3.9, 4.2)),
            },
        ];
        let mut page = Page::new(Lang::En, "t");
        section(&mut page, &rows, true);
        let html = page.finish("");
        assert!(html.contains("[150, ∞]"));
        // The talent value is drawn pale: it holds over 0.3 k FTE only.
        assert!(html.contains(r#"fill-opacity="0.35""#));
        assert_eq!(html.matches(r#"fill-opacity="0.35""#).count(), 1);
        assert!(!html.contains("not computed"));
    }
}
