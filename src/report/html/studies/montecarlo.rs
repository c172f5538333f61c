//! The Monte Carlo page: fan charts of each target group's realised level,
//! the probability that each target is met, and quantiles of the outcomes.

use crate::analysis::distribution::{Quantiles, TargetDistribution};
use crate::analysis::montecarlo::{MonteCarloOptions, MonteCarloResult};
use crate::charts::bars::{stacked_hbars, BarRow, BarSeries};
use crate::charts::lines::{line_plot, Band, Line, LinePlot, Marker};
use crate::charts::{colour, percent, ChartError, REQUIRED_COLOUR};
use crate::instance::Instance;

use super::super::i18n::{self as t, Lang};
use super::super::page::{Cell, LegendEntry, Page, Table};
use super::super::solve::footer;
use super::analysis_phrase;

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
    page.paragraph(&how_drawn(opts, result, lang));
    let distributions = &result.outcomes.targets;
    page.section("targets", lang.t(t::TARGETS));
    if result.replanned {
        page.paragraph(lang.t(t::TWO_PROBABILITIES));
    }
    fan_charts(&mut page, inst, distributions)?;
    probability_chart(&mut page, inst, result);
    targets_table(&mut page, inst, result);
    page.section("outcomes", lang.t(t::QUANTILES));
    outcomes_table(&mut page, result);
    Ok(page.finish(&footer(inst, lang)))
}

/// One sentence on what was drawn and how each sample was solved.
fn how_drawn(opts: &MonteCarloOptions, result: &MonteCarloResult, lang: Lang) -> String {
    let budgets = match (opts.uncertain_budgets, lang) {
        (false, _) => "",
        (true, Lang::En) => " and budgets",
        (true, Lang::Zh) => "与预算",
    };
    match lang {
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
    }
}

/// One fan chart per target group over its target years: 5–95% and
/// 25–75% bands, the median, and the required levels.
fn fan_charts(
    page: &mut Page,
    inst: &Instance,
    distributions: &[TargetDistribution],
) -> Result<(), ChartError> {
    let lang = page.lang();
    for (i, group) in inst.target_groups().iter().enumerate() {
        let label = lang.group(inst, &group.group);
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
                colour: REQUIRED_COLOUR,
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
            &format!("{} — {}", label, lang.t(t::FAN_CAPTION)),
            &line_plot(&id, &plot)?,
            &[
                LegendEntry::swatch(&label, colour(i)),
                LegendEntry::swatch(lang.t(t::REQUIRED), REQUIRED_COLOUR),
            ],
        );
    }
    Ok(())
}

/// One bar per target (two when every draw was re-planned: re-planned and
/// base plan kept), each noting its estimate's standard error.
fn probability_chart(page: &mut Page, inst: &Instance, result: &MonteCarloResult) {
    let lang = page.lang();
    let bar = |label: String, p: f64, se: f64| BarRow {
        label,
        values: vec![100.0 * p],
        note: format!("{} ± {:.1}", percent(p), 196.0 * se),
        faded: false,
    };
    let mut bars = Vec::new();
    for d in &result.outcomes.targets {
        let target = &inst.targets[d.target];
        let label = format!("{} ({})", target.id, inst.years[target.year]);
        if result.replanned {
            bars.push(bar(
                format!("{label} — {}", lang.t(t::PROBABILITY_REPLANNED)),
                d.probability_met,
                d.standard_error(),
            ));
            bars.push(bar(
                format!("{label} — {}", lang.t(t::PROBABILITY_KEPT)),
                d.probability_met_kept,
                d.standard_error_kept(),
            ));
        } else {
            bars.push(bar(label, d.probability_met, d.standard_error()));
        }
    }
    if bars.is_empty() {
        return;
    }
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

/// Samples, mean and quantiles, as shares or as numbers; dashes without samples.
fn quantile_cells(q: Option<Quantiles>, as_share: bool) -> Vec<Cell> {
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
}

/// `first` headers followed by those of [`quantile_cells`].
fn quantile_headers(first: Vec<String>, lang: Lang) -> Vec<String> {
    let mut headers = first;
    headers.extend(
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
    headers
}

fn targets_table(page: &mut Page, inst: &Instance, result: &MonteCarloResult) {
    let lang = page.lang();
    let mut headers = quantile_headers(
        vec![
            lang.t(t::TARGET).into(),
            lang.t(t::YEAR).into(),
            lang.t(t::REQUIRED).into(),
        ],
        lang,
    );
    let probability = |which: &str| format!("{} — {which}", lang.t(t::PROBABILITY_MET));
    let error = lang.t(t::STANDARD_ERROR).to_string();
    if result.replanned {
        headers.push(probability(lang.t(t::PROBABILITY_REPLANNED)));
        headers.push(error.clone());
    }
    headers.push(probability(lang.t(t::PROBABILITY_KEPT)));
    headers.push(error);
    page.table(&Table {
        caption: lang.t(t::TARGETS).into(),
        headers,
        rows: result
            .outcomes
            .targets
            .iter()
            .map(|d| {
                let target = &inst.targets[d.target];
                let mut cells = vec![
                    Cell::text(&target.id),
                    Cell::text(inst.years[target.year].to_string()),
                    Cell::pct(target.level),
                ];
                cells.extend(quantile_cells(d.level, true));
                if result.replanned {
                    cells.push(Cell::pct(d.probability_met));
                    cells.push(Cell::num(100.0 * d.standard_error()));
                }
                cells.push(Cell::pct(d.probability_met_kept));
                cells.push(Cell::num(100.0 * d.standard_error_kept()));
                cells
            })
            .collect(),
        folded: false,
    });
}

fn outcomes_table(page: &mut Page, result: &MonteCarloResult) {
    let lang = page.lang();
    let outcome = |label: t::Text, quantiles: Option<Quantiles>| {
        let mut cells = vec![Cell::text(lang.t(label))];
        cells.extend(quantile_cells(quantiles, false));
        cells
    };
    page.table(&Table {
        caption: lang.t(t::QUANTILES).into(),
        headers: quantile_headers(vec![String::new()], lang),
        rows: vec![
            outcome(t::OBJECTIVE_YI, result.outcomes.objective),
            outcome(t::SPENDING, result.outcomes.spend),
        ],
        folded: false,
    });
}
