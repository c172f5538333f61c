//! The rolling plan (`solve --rolling N`) as written: `rolling.csv`, one row
//! per window, and the "Cost of myopia" section of report.md and
//! report.html (a table and a chart of real spending by year, rolling plan
//! beside perfect foresight). Every number comes from
//! [`crate::analysis::rolling`]; this module formats only.

use std::fmt::Write as _;

use crate::analysis::rolling::{PlanSummary, Rolling};
use crate::charts::lines::{line_plot, Line, LinePlot};
use crate::charts::{colour, ChartError};
use crate::instance::Instance;
use crate::output::OutputError;

use super::html::i18n::{Lang, Text};
use super::html::page::{Cell, LegendEntry, Page, Table};
use super::tables::{csv_bytes, num};

/// `rolling.csv`: per window, the years it decided and saw, its objective,
/// the real spending of its decided years, and per target the level the plan
/// reached as it stood after the window beside the perfect-foresight plan's,
/// and the shortfall of each (shares).
pub fn csv(rolling: &Rolling) -> Result<Vec<u8>, OutputError> {
    let mut header: Vec<String> = [
        "window",
        "decided_from",
        "decided_to",
        "seen_from",
        "seen_to",
        "window_objective_yi",
        "real_spend_decided_yi",
    ]
    .map(String::from)
    .to_vec();
    let targets = rolling.windows.first().map_or(&[][..], |w| &w.targets[..]);
    for g in targets {
        for column in [
            "level_rolling",
            "level_perfect",
            "shortfall_rolling",
            "shortfall_perfect",
        ] {
            header.push(format!("{}_{column}", g.id));
        }
    }
    let rows = rolling
        .windows
        .iter()
        .enumerate()
        .map(|(w, window)| {
            let mut row = vec![
                (w + 1).to_string(),
                window.decided.0.to_string(),
                window.decided.1.to_string(),
                window.seen.0.to_string(),
                window.seen.1.to_string(),
                num(window.objective_yi),
                num(window.real_spend_yi),
            ];
            for g in &window.targets {
                row.extend([
                    num(g.rolling),
                    num(g.perfect),
                    num(g.rolling_shortfall()),
                    num(g.perfect_shortfall()),
                ]);
            }
            row
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv_bytes(&header, rows)
}

const MYOPIA: Text = Text::new("Cost of myopia", "短视的代价");
const ROLLING: Text = Text::new("Rolling plan", "滚动规划");
const PERFECT: Text = Text::new("Perfect foresight", "完全预见");
const MEASURE: Text = Text::new("Measure", "指标");
const OBJECTIVE: Text = Text::new("Objective [亿元]", "目标函数值 [亿元]");
const REAL_SPEND: Text = Text::new("Real spending [亿元]", "实际支出 [亿元]");
const PENALTY: Text = Text::new("Shortfall penalty [亿元]", "缺口惩罚 [亿元]");
const TARGETS_MET: Text = Text::new("Targets met", "达成目标数");
const SPEND_CHART: Text = Text::new(
    "Real spending by year [亿元]: rolling plan (solid) and perfect foresight (dashed)",
    "逐年实际支出 [亿元]：滚动规划（实线）与完全预见（虚线）",
);
const TABLE_CAPTION: Text = Text::new(
    "The rolling plan beside the plan made with perfect foresight",
    "滚动规划与完全预见规划的比较",
);

/// What the section says about the windows, in the page's language.
fn windows_text(rolling: &Rolling, zh: bool) -> String {
    let list: Vec<String> = rolling
        .windows
        .iter()
        .map(|w| {
            format!(
                "{}–{} ({} {}–{})",
                w.decided.0,
                w.decided.1,
                if zh { "视野" } else { "seeing" },
                w.seen.0,
                w.seen.1
            )
        })
        .collect();
    if zh {
        format!(
            "按每 {} 年一个窗口逐期规划，每个窗口决定本期并预见下一期，本期决策随即固定：{}。",
            rolling.window_years,
            list.join("；")
        )
    } else {
        format!(
            "Planned {} year(s) at a time, each window deciding its own years while seeing the next ones, its decisions then fixed: {}.",
            rolling.window_years,
            list.join("; ")
        )
    }
}

fn rows(rolling: &Rolling) -> Vec<(Text, String, String)> {
    let pair = |f: fn(&PlanSummary) -> String| (f(&rolling.rolling), f(&rolling.perfect));
    let objective = pair(|s| num(s.objective_yi));
    let spend = pair(|s| num(s.real_spend_yi));
    let penalty = pair(|s| num(s.penalty_yi));
    let met = pair(|s| s.targets_met.to_string());
    vec![
        (OBJECTIVE, objective.0, objective.1),
        (REAL_SPEND, spend.0, spend.1),
        (PENALTY, penalty.0, penalty.1),
        (TARGETS_MET, met.0, met.1),
    ]
}

/// The "Cost of myopia" section of report.md.
pub fn markdown(rolling: &Rolling, lang: Lang) -> String {
    let mut md = format!(
        "\n## {}\n\n{}\n\n",
        lang.t(MYOPIA),
        windows_text(rolling, lang == Lang::Zh)
    );
    let _ = writeln!(
        md,
        "| {} | {} | {} |",
        lang.t(MEASURE),
        lang.t(ROLLING),
        lang.t(PERFECT)
    );
    let _ = writeln!(md, "|---|---:|---:|");
    for (label, rolling_value, perfect_value) in rows(rolling) {
        let _ = writeln!(
            md,
            "| {} | {rolling_value} | {perfect_value} |",
            lang.t(label)
        );
    }
    let _ = writeln!(md, "\n{}", lang.t(MD_BY_WINDOW));
    md
}

const MD_BY_WINDOW: Text = Text::new(
    "Window by window, and every target's level under both plans: rolling.csv.",
    "逐窗口结果及两种方案下各目标的水平：rolling.csv。",
);

/// The "Cost of myopia" section of report.html: the table and the chart of
/// real spending by year.
pub fn html_section(page: &mut Page, inst: &Instance, rolling: &Rolling) -> Result<(), ChartError> {
    let lang = page.lang();
    page.section("myopia", lang.t(MYOPIA));
    page.paragraph(&windows_text(rolling, lang == Lang::Zh));
    page.table(&Table {
        caption: lang.t(TABLE_CAPTION).into(),
        headers: vec![
            lang.t(MEASURE).into(),
            lang.t(ROLLING).into(),
            lang.t(PERFECT).into(),
        ],
        rows: rows(rolling)
            .into_iter()
            .map(|(label, r, p)| vec![Cell::text(lang.t(label)), Cell::text(r), Cell::text(p)])
            .collect(),
        folded: false,
    });
    let points = |by_year: &[f64]| -> Vec<(f64, f64)> {
        inst.years
            .iter()
            .zip(by_year)
            .map(|(&y, &v)| (f64::from(y), v))
            .collect()
    };
    let plot = LinePlot {
        lines: vec![
            Line {
                points: points(&rolling.rolling.spend_by_year_yi),
                colour: colour(0),
                dashed: false,
            },
            Line {
                points: points(&rolling.perfect.spend_by_year_yi),
                colour: colour(1),
                dashed: true,
            },
        ],
        x_refs: rolling
            .windows
            .iter()
            .skip(1)
            .map(|w| f64::from(w.decided.0))
            .collect(),
        x_years: true,
        y_include: vec![0.0],
        ..LinePlot::default()
    };
    page.figure(
        "myopia-spending",
        lang.t(SPEND_CHART),
        &line_plot("myopia-spending", &plot)?,
        &[
            LegendEntry::swatch(lang.t(ROLLING), colour(0)),
            LegendEntry::dashed(lang.t(PERFECT), colour(1)),
        ],
    );
    Ok(())
}
