//! Pages of the studies built on many solves: a sweep (spending, objective
//! and target levels over one parameter), a tornado (each parameter group
//! moved alone) and Monte Carlo (fan charts of target levels and the
//! probability each target is met).

use crate::analysis::distribution::{target_distributions, Quantiles};
use crate::analysis::montecarlo::{MonteCarloOptions, MonteCarloResult};
use crate::analysis::sweep::{GainScope, SweepOptions, SweepParam, SweepResult};
use crate::analysis::tornado::{Kpis, TornadoRow};
use crate::instance::Instance;
use crate::report::charts::bars::{diverging_hbars, stacked_hbars, BarRow, BarSeries};
use crate::report::charts::lines::{line_plot, Band, Line, LinePlot, Marker};
use crate::report::charts::{colour, percent, ChartError};

use super::i18n::{self as t, Lang};
use super::page::{Cell, LegendEntry, Page, Table};
use super::solve::{footer, status_label};
use super::sufficiency::target_groups;

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
    page.paragraph(&match lang {
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
    });
    let breaks: Vec<f64> = result.breakpoints.iter().map(|b| b.1).collect();
    page.section("money", lang.t(t::MONEY));
    let spend: Vec<(f64, f64)> = result
        .points
        .iter()
        .filter_map(|p| p.spend_yi.map(|s| (p.value, s)))
        .collect();
    let objective: Vec<(f64, f64)> = result
        .points
        .iter()
        .filter_map(|p| p.objective.map(|o| (p.value, o)))
        .collect();
    let money = LinePlot {
        lines: vec![
            Line {
                points: spend,
                colour: colour(0),
                dashed: false,
            },
            Line {
                points: objective,
                colour: colour(1),
                dashed: true,
            },
        ],
        x_refs: breaks.clone(),
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
    page.section("targets", lang.t(t::TARGETS));
    let moves_levels = matches!(opts.param, SweepParam::TargetLevel { .. });
    let mut levels = LinePlot {
        x_refs: breaks,
        y_percent: true,
        // Required levels move with a target-level sweep; they are drawn
        // only when they stay put.
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
            points: result
                .points
                .iter()
                .filter_map(|p| p.achieved.get(g).map(|&a| (p.value, a)))
                .collect(),
            colour: colour(g),
            dashed: false,
        });
        legend.push(LegendEntry::swatch(
            format!("{} ({})", target.id, inst.years[target.year]),
            colour(g),
        ));
    }
    if !moves_levels {
        legend.push(LegendEntry::dashed(lang.t(t::REQUIRED), "#c82828"));
    }
    if !inst.targets.is_empty() {
        page.figure(
            "sweep-targets",
            &format!("{} — {param}", lang.t(t::SWEEP_TARGETS_CAPTION)),
            &line_plot("sweep-targets", &levels)?,
            &legend,
        );
    }
    let mut headers = vec![
        format!("{} ({param})", lang.t(t::VALUE)),
        lang.t(t::STATUS).to_string(),
        lang.t(t::OBJECTIVE_YI).to_string(),
        lang.t(t::SPENDING).to_string(),
    ];
    for target in &inst.targets {
        headers.push(format!("{} {}", target.id, lang.t(t::ACHIEVED)));
        headers.push(format!("{} {}", target.id, lang.t(t::SHORTFALL)));
    }
    headers.push(lang.t(t::BASIS_CHANGED).into());
    page.table(&Table {
        caption: lang.t(t::SWEEP_POINTS).into(),
        headers,
        rows: result
            .points
            .iter()
            .map(|p| {
                let mut cells = vec![
                    Cell::num(p.value),
                    Cell::text(status_label(p.status, lang)),
                    Cell::opt(p.objective),
                    Cell::opt(p.spend_yi),
                ];
                for g in 0..inst.targets.len() {
                    cells.push(p.achieved.get(g).map_or(Cell::text("–"), |&a| Cell::pct(a)));
                    cells.push(
                        p.shortfall
                            .get(g)
                            .map_or(Cell::text("–"), |&u| Cell::pct(u)),
                    );
                }
                cells.push(Cell::text(lang.t(if p.basis_changed {
                    t::YES
                } else {
                    t::NO
                })));
                cells
            })
            .collect(),
        folded: false,
    });
    Ok(page.finish(&footer(inst, lang)))
}

/// The swept parameter with its unit, in the report's language.
fn sweep_param_label(inst: &Instance, param: &SweepParam, lang: Lang) -> String {
    if lang == Lang::En {
        return param.label();
    }
    match param {
        SweepParam::CentralBudget => "中央预算(倍数)".into(),
        SweepParam::ProvincialBudget => "地方预算(倍数)".into(),
        SweepParam::Talent => "人才(倍数)".into(),
        SweepParam::TargetLevel { target: Some(t) } => format!("目标水平[{t}](份额)"),
        SweepParam::TargetLevel { target: None } => "全部目标水平(倍数)".into(),
        SweepParam::Gain { scope } => match scope {
            GainScope::All => "增益(倍数)".into(),
            GainScope::Area(a) => format!("增益[{}](倍数)", lang.area_by_id(inst, a)),
            GainScope::Item(k) => format!("增益[{}](倍数)", lang.item_by_id(inst, k)),
        },
    }
}

/// How a study was run (the analyses describe it in English: `warm`,
/// `fixed at the base plan`, `re-solved`, …), in the report's language;
/// a phrase not known here is shown as it is.
fn analysis_phrase(phrase: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return phrase.to_string();
    }
    match phrase {
        "warm" => "热启动",
        "cold" => "冷启动",
        "none" => "无",
        "fixed at the base plan" => "固定为基准方案",
        "re-optimised at every point" => "每点重新优化",
        "base plan re-evaluated" => "重新评估基准方案",
        "re-solved" => "逐样本重新求解",
        "re-solved (sites and platforms fixed at the base plan)" => {
            "逐样本重新求解(牵头地与平台固定为基准方案)"
        }
        other => other,
    }
    .to_string()
}

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
            crate::report::charts::number(base.objective),
            crate::report::charts::number(base.spend_yi)
        ),
        Lang::Zh => format!(
            "每个参数组单独下调 {pct:.0}% 和上调 {pct:.0}%，牵头地与平台固定为基准方案；基准目标函数值 {} 亿元，基准支出 {} 亿元。",
            crate::report::charts::number(base.objective),
            crate::report::charts::number(base.spend_yi)
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
                let change = |k: Option<Kpis>| k.map_or(0.0, |k| kpi(&k) - kpi(base));
                BarRow {
                    label: label.clone(),
                    values: vec![change(r.low), change(r.high)],
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
    let mut table_rows = vec![kpi_row(lang.t(t::BASE), "1", Some(*base), base)];
    for (r, label) in rows.iter().zip(&labels) {
        table_rows.push(kpi_row(label, &format!("{}", 1.0 - delta), r.low, base));
        table_rows.push(kpi_row(label, &format!("{}", 1.0 + delta), r.high, base));
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

fn kpi_row(label: &str, factor: &str, k: Option<Kpis>, base: &Kpis) -> Vec<Cell> {
    let mut cells = vec![Cell::text(label), Cell::text(factor)];
    match k {
        Some(k) => cells.extend([
            Cell::num(k.objective),
            Cell::num(k.objective - base.objective),
            Cell::num(k.spend_yi),
            Cell::num(k.spend_yi - base.spend_yi),
            Cell::num(k.shortfall_points),
            Cell::num(k.shortfall_points - base.shortfall_points),
        ]),
        None => cells.extend((0..6).map(|_| Cell::text("–"))),
    }
    cells
}

/// The HTML report of a Monte Carlo run.
pub fn montecarlo_page(
    inst: &Instance,
    opts: &MonteCarloOptions,
    result: &MonteCarloResult,
    lang: Lang,
) -> Result<String, ChartError> {
    let mut page = Page::new(
        lang,
        &format!("{}: {}", lang.t(t::MONTECARLO_TITLE), inst.name),
    );
    let budgets = if opts.uncertain_budgets {
        match lang {
            Lang::En => " and budgets",
            Lang::Zh => "与预算",
        }
    } else {
        ""
    };
    page.paragraph(&match lang {
        Lang::En => format!(
            "{} samples; gains{budgets} drawn as lognormal factors with mean 1 and coefficient of variation {} (seed {}); {}.",
            result.samples.len(),
            opts.cv,
            opts.seed,
            result.mode
        ),
        Lang::Zh => format!(
            "{} 个样本；增益{budgets}按均值为 1、变异系数为 {} 的对数正态因子抽样(种子 {})；{}。",
            result.samples.len(),
            opts.cv,
            opts.seed,
            analysis_phrase(result.mode, lang)
        ),
    });
    let distributions = target_distributions(inst, result);
    page.section("targets", lang.t(t::TARGETS));
    for (i, group) in target_groups(inst, lang).iter().enumerate() {
        let mut outer = Band {
            lower: Vec::new(),
            upper: Vec::new(),
            colour: colour(i),
            opacity: 0.18,
        };
        let mut inner = Band {
            opacity: 0.35,
            ..outer.clone()
        };
        let mut median = Line {
            points: Vec::new(),
            colour: colour(i),
            dashed: false,
        };
        let mut markers = Vec::new();
        for &g in &group.targets {
            let year = inst.years[inst.targets[g].year] as f64;
            markers.push(Marker {
                x: year,
                y: inst.targets[g].level,
                colour: "#c82828",
                filled: distributions[g].probability_met >= 0.5,
            });
            let Some(q) = distributions[g].level else {
                continue;
            };
            // A single target year is drawn as a short box so its band shows.
            let xs: Vec<f64> = if group.targets.len() == 1 {
                vec![year - 0.3, year + 0.3]
            } else {
                vec![year]
            };
            for x in xs {
                outer.lower.push((x, q.p05));
                outer.upper.push((x, q.p95));
                inner.lower.push((x, q.p25));
                inner.upper.push((x, q.p75));
                median.points.push((x, q.p50));
            }
        }
        if median.points.is_empty() {
            continue;
        }
        let id = format!("fan-{}", i + 1);
        let plot = LinePlot {
            lines: vec![median],
            bands: vec![outer, inner],
            markers,
            x_years: true,
            y_percent: true,
            ..LinePlot::default()
        };
        page.figure(
            &id,
            &format!("{} — {}", group.label, lang.t(t::FAN_CAPTION)),
            &line_plot(&id, &plot)?,
            &[
                LegendEntry::swatch(&group.label, colour(i)),
                LegendEntry::swatch(lang.t(t::REQUIRED), "#c82828"),
            ],
        );
    }
    let bars: Vec<BarRow> = distributions
        .iter()
        .map(|d| {
            let target = &inst.targets[d.target];
            BarRow {
                label: format!("{} ({})", target.id, inst.years[target.year]),
                values: vec![100.0 * d.probability_met],
                note: percent(d.probability_met),
                faded: false,
            }
        })
        .collect();
    if !bars.is_empty() {
        page.figure(
            "probability-met",
            lang.t(t::PROBABILITY_CAPTION),
            &stacked_hbars(
                &bars,
                &[BarSeries {
                    name: lang.t(t::PROBABILITY_MET).into(),
                    colour: "#009E73",
                }],
                "%",
            ),
            &[],
        );
    }
    let quantile_cells = |q: Option<Quantiles>, as_share: bool| -> Vec<Cell> {
        let cell = |v: f64| if as_share { Cell::pct(v) } else { Cell::num(v) };
        match q {
            Some(q) => vec![
                Cell::count(q.samples),
                cell(q.mean),
                cell(q.p05),
                cell(q.p25),
                cell(q.p50),
                cell(q.p75),
                cell(q.p95),
            ],
            None => (0..7).map(|_| Cell::text("–")).collect(),
        }
    };
    let quantile_headers = |first: &[String]| -> Vec<String> {
        let mut h = first.to_vec();
        h.extend(
            [
                lang.t(t::SAMPLES),
                lang.t(t::MEAN),
                "p05",
                "p25",
                "p50",
                "p75",
                "p95",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        h
    };
    let mut headers = quantile_headers(&[
        lang.t(t::TARGET).into(),
        lang.t(t::YEAR).into(),
        lang.t(t::REQUIRED).into(),
    ]);
    headers.push(lang.t(t::PROBABILITY_MET).into());
    page.table(&Table {
        caption: lang.t(t::TARGETS).into(),
        headers,
        rows: distributions
            .iter()
            .map(|d| {
                let target = &inst.targets[d.target];
                let mut cells = vec![
                    Cell::text(&target.id),
                    Cell::text(inst.years[target.year].to_string()),
                    Cell::pct(target.level),
                ];
                cells.extend(quantile_cells(d.level, true));
                cells.push(Cell::pct(d.probability_met));
                cells
            })
            .collect(),
        folded: false,
    });
    page.section("outcomes", lang.t(t::QUANTILES));
    let outcome = |label: t::Text, values: Vec<f64>| {
        let mut cells = vec![Cell::text(lang.t(label))];
        cells.extend(quantile_cells(Quantiles::of(values), false));
        cells
    };
    page.table(&Table {
        caption: lang.t(t::QUANTILES).into(),
        headers: quantile_headers(&[String::new()]),
        rows: vec![
            outcome(
                t::OBJECTIVE_YI,
                result.samples.iter().filter_map(|s| s.objective).collect(),
            ),
            outcome(
                t::SPENDING,
                result.samples.iter().filter_map(|s| s.spend_yi).collect(),
            ),
        ],
        folded: false,
    });
    Ok(page.finish(&footer(inst, lang)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn study_labels_are_translated_with_the_instance_names() {
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
        let gain = SweepParam::Gain {
            scope: GainScope::Area("materials".into()),
        };
        assert_eq!(
            sweep_param_label(&inst, &gain, Lang::Zh),
            "增益[基础材料](倍数)"
        );
        assert_eq!(sweep_param_label(&inst, &gain, Lang::En), gain.label());
        assert_eq!(analysis_phrase("warm", Lang::Zh), "热启动");
        assert_eq!(analysis_phrase("warm", Lang::En), "warm");
    }
}
