//! The sweep page: real spending, objective and target levels over the
//! swept parameter, with the points where the optimal basis changes.

use crate::analysis::sweep::{SweepOptions, SweepParam, SweepPoint, SweepResult};
use crate::charts::lines::{line_plot, Line, LinePlot};
use crate::charts::{colour, ChartError, REQUIRED_COLOUR};
use crate::instance::overrides::{Op, Param};
use crate::instance::Instance;

use super::super::i18n::{self as t, Lang};
use super::super::page::{Cell, LegendEntry, Page, Table};
use super::super::solve::{footer, status_label};
use super::analysis_phrase;

/// The HTML report of a sweep.
pub fn sweep_page(
    inst: &Instance,
    opts: &SweepOptions,
    result: &SweepResult,
    lang: Lang,
) -> Result<String, ChartError> {
    let param = sweep_param_label(inst, &opts.param, lang);
    let mut page = Page::new(
        lang,
        &format!("{}: {} — {}", lang.t(t::SWEEP_TITLE), inst.name, param),
    );
    page.paragraph(&how_swept(opts, result, &param, lang));
    let breaks: Vec<f64> = result.breakpoints.iter().map(|b| b.1).collect();
    page.section("money", lang.t(t::MONEY));
    money_chart(&mut page, result, &breaks, &param)?;
    page.section("targets", lang.t(t::TARGETS));
    if !inst.targets.is_empty() {
        targets_chart(&mut page, inst, opts, result, &breaks, &param)?;
    }
    points_table(&mut page, inst, opts, result, &param);
    Ok(page.finish(&footer(inst, lang)))
}

/// One sentence on the range, the points and how they were solved.
fn how_swept(opts: &SweepOptions, result: &SweepResult, param: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{} points of {param} from {} to {} ({} sweep; sites and platforms {}); every plan checked.",
            result.points.len(),
            opts.from,
            opts.to,
            result.mode,
            result.integers
        ),
        Lang::Zh => format!(
            "参数 {param} 从 {} 到 {} 共 {} 个点({}扫描；牵头地与平台：{})；每个方案均经独立校验。",
            opts.from,
            opts.to,
            result.points.len(),
            analysis_phrase(result.mode, lang),
            analysis_phrase(result.integers, lang)
        ),
    }
}

/// (value, y) of every point that has a y.
fn curve(result: &SweepResult, y: impl Fn(&SweepPoint) -> Option<f64>) -> Vec<(f64, f64)> {
    result
        .points
        .iter()
        .filter_map(|p| y(p).map(|v| (p.value, v)))
        .collect()
}

fn money_chart(
    page: &mut Page,
    result: &SweepResult,
    breaks: &[f64],
    param: &str,
) -> Result<(), ChartError> {
    let lang = page.lang();
    let money = LinePlot {
        lines: vec![
            Line {
                points: curve(result, |p| p.spend_yi),
                colour: colour(0),
                dashed: false,
            },
            Line {
                points: curve(result, |p| p.objective),
                colour: colour(1),
                dashed: true,
            },
        ],
        x_refs: breaks.to_vec(),
        y_include: vec![0.0],
        ..LinePlot::default()
    };
    page.figure(
        "sweep-money",
        &format!("{} — {param}", lang.t(t::SWEEP_MONEY_CAPTION)),
        &line_plot("sweep-money", &money)?,
        &[
            LegendEntry::swatch(lang.t(t::SPENDING), colour(0)),
            LegendEntry::dashed(lang.t(t::OBJECTIVE_YI), colour(1)),
        ],
    );
    Ok(())
}

fn targets_chart(
    page: &mut Page,
    inst: &Instance,
    opts: &SweepOptions,
    result: &SweepResult,
    breaks: &[f64],
    param: &str,
) -> Result<(), ChartError> {
    let lang = page.lang();
    // Required levels move with a target-level sweep; they are drawn only
    // when they stay put.
    let moves_levels = opts.param.param == Param::TargetLevel;
    let mut levels = LinePlot {
        x_refs: breaks.to_vec(),
        y_percent: true,
        y_refs: if moves_levels {
            Vec::new()
        } else {
            inst.targets.iter().map(|g| g.level).collect()
        },
        ..LinePlot::default()
    };
    let mut legend = Vec::new();
    for (g, target) in inst.targets.iter().enumerate() {
        levels.lines.push(Line {
            points: curve(result, |p| p.achieved.get(g).copied()),
            colour: colour(g),
            dashed: false,
        });
        legend.push(LegendEntry::swatch(
            format!("{} ({})", target.id, inst.years[target.year]),
            colour(g),
        ));
    }
    if !moves_levels {
        legend.push(LegendEntry::dashed(lang.t(t::REQUIRED), REQUIRED_COLOUR));
    }
    page.figure(
        "sweep-targets",
        &format!("{} — {param}", lang.t(t::SWEEP_TARGETS_CAPTION)),
        &line_plot("sweep-targets", &levels)?,
        &legend,
    );
    Ok(())
}

fn points_table(
    page: &mut Page,
    inst: &Instance,
    opts: &SweepOptions,
    result: &SweepResult,
    param: &str,
) {
    let lang = page.lang();
    let elements = result.points.first().map_or(1, |p| p.elements);
    let in_unit = format!(
        "{} ({}{}{})",
        lang.t(VALUE_IN_UNIT),
        unit_in(opts.param.param.spec().unit, lang),
        lang.t(t::MD_COMMA),
        crate::report::sweep::over_selection_in(opts, elements, lang)
    );
    let mut headers = vec![
        format!("{} ({param})", lang.t(t::VALUE)),
        in_unit,
        lang.t(t::STATUS).to_string(),
        lang.t(t::OBJECTIVE_YI).to_string(),
        lang.t(t::SPENDING).to_string(),
    ];
    for target in &inst.targets {
        headers.push(format!("{} {}", target.id, lang.t(t::ACHIEVED)));
        headers.push(format!("{} {}", target.id, lang.t(t::SHORTFALL)));
    }
    headers.push(lang.t(t::BASIS_CHANGED).into());
    let share = |v: Option<&f64>| v.map_or(Cell::text("–"), |&v| Cell::pct(v));
    page.table(&Table {
        caption: lang.t(t::SWEEP_POINTS).into(),
        headers,
        rows: result
            .points
            .iter()
            .map(|p| {
                let mut cells = vec![
                    Cell::num(p.value),
                    Cell::num(p.value_in_unit),
                    Cell::text(status_label(p.status, lang)),
                    Cell::opt(p.objective),
                    Cell::opt(p.spend_yi),
                ];
                for g in 0..inst.targets.len() {
                    cells.push(share(p.achieved.get(g)));
                    cells.push(share(p.shortfall.get(g)));
                }
                let changed = if p.basis_changed { t::YES } else { t::NO };
                cells.push(Cell::text(lang.t(changed)));
                cells
            })
            .collect(),
        folded: false,
    });
}

const VALUE_IN_UNIT: t::Text = t::Text::new("in the parameter's unit", "按参数自身单位");

/// A parameter's unit as the catalogue writes it, in `lang`.
fn unit_in(unit: &'static str, lang: Lang) -> &'static str {
    if lang == Lang::En {
        return unit;
    }
    match unit {
        "share" => "份额",
        "share/yr" => "份额/年",
        "亿元/yr" => "亿元/年",
        "years" => "年",
        "year" => "年份",
        "k FTE" => "千人",
        "platforms/yr" => "个平台/年",
        "亿元 per point" => "亿元/百分点",
        "亿元 per effort unit" => "亿元/投入单位",
        "share per effort unit" => "份额/投入单位",
        "weight" => "权重",
        "sites" => "个牵头地",
        other => other,
    }
}

/// The swept parameter with its unit, in the report's language.
fn sweep_param_label(inst: &Instance, param: &SweepParam, lang: Lang) -> String {
    if lang == Lang::En {
        return param.label();
    }
    let sel = &param.selector;
    let mut parts: Vec<String> = Vec::new();
    for a in sel.area.iter().flatten() {
        parts.push(lang.area_by_id(inst, a));
    }
    for k in sel.item.iter().flatten() {
        parts.push(lang.item_by_id(inst, k));
    }
    for list in [
        &sel.tier,
        &sel.province,
        &sel.region,
        &sel.mode,
        &sel.target,
    ]
    .into_iter()
    .flatten()
    {
        parts.extend(list.iter().cloned());
    }
    match (sel.from, sel.to) {
        (Some(a), Some(b)) if a == b => parts.push(format!("{a}年")),
        (Some(a), Some(b)) => parts.push(format!("{a}–{b}年")),
        (Some(a), None) => parts.push(format!("{a}年起")),
        (None, Some(b)) => parts.push(format!("至{b}年")),
        (None, None) => {}
    }
    let name = param.param.name_zh();
    let name = if parts.is_empty() {
        name.to_string()
    } else {
        format!("{name}[{}]", parts.join("，"))
    };
    let unit = unit_in(param.param.spec().unit, lang);
    match param.op {
        Op::Scale => format!("{name}(倍数)"),
        Op::Set => format!("{name}(取值，{unit})"),
        Op::Add => format!("{name}(增加量，{unit})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_swept_parameter_is_named_in_chinese() {
        let inst = crate::testing::tiny_instance();
        let gain = SweepParam::parse("gain[area=materials]", Op::Scale).unwrap();
        assert_eq!(
            sweep_param_label(&inst, &gain, Lang::Zh),
            "增益[基础材料](倍数)"
        );
        assert_eq!(sweep_param_label(&inst, &gain, Lang::En), gain.label());
    }
}
