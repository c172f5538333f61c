//! Outputs of a sweep: sweep.csv, breakpoints.csv and sweep.svg.

use std::path::Path;

use crate::analysis::sweep::{SweepOptions, SweepResult};
use crate::instance::Instance;

use super::html::{self, i18n, ReportOptions};
use super::tables::num;
use super::OutputError;
use crate::charts::lines::{line_plot, Line, LinePlot};
use crate::charts::{colour, svg::standalone};
use crate::output::atomic::Staging;

/// A text field of a hand-joined CSV row, quoted when it holds a comma or a quote.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn opt(v: Option<f64>) -> String {
    v.map(num).unwrap_or_default()
}

/// How a point's `value_in_unit` gathers the selected elements: `one value`,
/// `sum over N` (amounts that add up) or `mean over N`.
fn over_selection(opts: &SweepOptions, elements: usize) -> String {
    over_selection_in(opts, elements, i18n::Lang::En)
}

/// [`over_selection`] in `lang` (sweep.csv keeps the English).
pub(crate) fn over_selection_in(opts: &SweepOptions, elements: usize, lang: i18n::Lang) -> String {
    let sums = opts.param.param.sums_over_selection();
    match (lang, elements, sums) {
        (i18n::Lang::En, 1, _) => "one value".into(),
        (i18n::Lang::En, n, true) => format!("sum over {n}"),
        (i18n::Lang::En, n, false) => format!("mean over {n}"),
        (i18n::Lang::Zh, 1, _) => "单一取值".into(),
        (i18n::Lang::Zh, n, true) => format!("{n} 项之和"),
        (i18n::Lang::Zh, n, false) => format!("{n} 项平均"),
    }
}

/// sweep.csv: one row per point; `value` as `--op` reads it (a multiplier for
/// `scale`) and beside it the parameter in its own unit.
pub fn sweep_csv(inst: &Instance, opts: &SweepOptions, result: &SweepResult) -> String {
    let mut header = vec![
        "value".to_string(),
        "value_in_unit".into(),
        "unit".into(),
        "over_selection".into(),
        "status".into(),
        "objective_yi".into(),
        "spend_yi".into(),
        "central_budget_dual_sum".into(),
    ];
    for t in &inst.targets {
        header.push(format!("achieved_{}", t.id));
        header.push(format!("shortfall_{}", t.id));
    }
    header.extend([
        "basis_changed".into(),
        "max_violation".into(),
        "solve_s".into(),
    ]);
    let mut out = header.join(",");
    out.push('\n');
    for p in &result.points {
        let mut row = vec![
            num(p.value),
            num(p.value_in_unit),
            csv_field(opts.param.param.spec().unit),
            over_selection(opts, p.elements),
            p.status.id().to_string(),
            opt(p.objective),
            opt(p.spend_yi),
            opt(p.central_budget_dual_sum),
        ];
        for g in 0..inst.targets.len() {
            row.push(p.achieved.get(g).copied().map(num).unwrap_or_default());
            row.push(p.shortfall.get(g).copied().map(num).unwrap_or_default());
        }
        row.extend([
            p.basis_changed.to_string(),
            format!("{:.3e}", p.max_violation),
            format!("{:.4}", p.solve_s),
        ]);
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

pub fn write_sweep(
    dir: &Path,
    inst: &Instance,
    opts: &SweepOptions,
    result: &SweepResult,
    report: ReportOptions,
) -> Result<(), OutputError> {
    let mut staging = Staging::new(dir, "sweep")?;
    staging.write("sweep.csv", sweep_csv(inst, opts, result).as_bytes())?;
    let mut bp = String::from("from_value,to_value\n");
    for (a, b) in &result.breakpoints {
        bp.push_str(&format!("{},{}\n", num(*a), num(*b)));
    }
    staging.write("breakpoints.csv", bp.as_bytes())?;
    if let Some(svg) = sweep_svg(inst, opts, result, report.lang)? {
        staging.write("sweep.svg", svg.as_bytes())?;
    }
    if report.format.html() {
        let page = html::sweep_page(inst, opts, result, report.lang)?;
        staging.write(html::HTML_FILE, page.as_bytes())?;
    }
    let summary = serde_json::json!({
        "instance": inst.name,
        "parameter": opts.param.label(),
        "from": opts.from,
        "to": opts.to,
        "points": opts.points,
        "mode": result.mode,
        "integers": result.integers,
        "breakpoints": result.breakpoints,
        "total_s": result.total_s,
        "all_points_checked": true,
    });
    staging.write_summary(&summary)?;
    staging.commit()
}

/// sweep.svg: the objective over the swept parameter, with the points where
/// the optimal basis changes; `None` when no point has a plan.
fn sweep_svg(
    inst: &Instance,
    opts: &SweepOptions,
    result: &SweepResult,
    lang: i18n::Lang,
) -> Result<Option<String>, OutputError> {
    let points: Vec<(f64, f64)> = result
        .points
        .iter()
        .filter_map(|p| p.objective.map(|o| (p.value, o)))
        .collect();
    if points.is_empty() {
        return Ok(None);
    }
    let plot = LinePlot {
        lines: vec![Line {
            points,
            colour: colour(0),
            dashed: false,
        }],
        x_refs: result.breakpoints.iter().map(|b| b.1).collect(),
        ..LinePlot::default()
    };
    let chart = line_plot("sweep", &plot)?;
    let title = format!("{}: {}", inst.name, opts.param.label());
    let legend = [(lang.t(i18n::OBJECTIVE_YI).to_string(), colour(0))];
    Ok(Some(standalone(&title, &legend, &chart)))
}
