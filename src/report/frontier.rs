//! Outputs of `frontier` (docs/model.md §11 (FR)): frontier.csv,
//! frontier.svg, report.md, report.html and summary.json.

use std::fmt::Write as _;
use std::path::Path;

use crate::analysis::frontier::{Axis, FrontierOptions, FrontierPoint, FrontierResult};
use crate::charts::lines::{line_plot, Line, LinePlot, Marker};
use crate::charts::svg::standalone;
use crate::charts::{colour, number, ChartError, REQUIRED_COLOUR};
use crate::instance::overrides::Op;
use crate::instance::Instance;
use crate::output::atomic::Staging;

use super::html::{self, Lang, ReportOptions};
use super::tables::num;
use super::OutputError;

fn opt(v: Option<f64>) -> String {
    v.map(num).unwrap_or_default()
}

/// What x is, for headers and captions.
pub(crate) fn axis_label(axis: Axis, lang: Lang) -> &'static str {
    match (axis, lang) {
        (Axis::Level, Lang::En) => "level of the target (%)",
        (Axis::Level, Lang::Zh) => "目标水平(%)",
        (Axis::Budget(Op::Add), Lang::En) => "central budget added to every year (亿元/yr)",
        (Axis::Budget(Op::Add), Lang::Zh) => "每年增加的中央预算(亿元/年)",
        (Axis::Budget(_), Lang::En) => "central budget (× as given)",
        (Axis::Budget(_), Lang::Zh) => "中央预算(相对给定值的倍数)",
    }
}

/// The unit of the marginal column.
pub(crate) fn marginal_label(axis: Axis, lang: Lang) -> &'static str {
    match (axis, lang) {
        (Axis::Level, Lang::En) => "marginal real spending (亿元 per point)",
        (Axis::Level, Lang::Zh) => "边际实际支出(亿元/百分点)",
        (Axis::Budget(_), Lang::En) => "marginal level (points per unit of budget)",
        (Axis::Budget(_), Lang::Zh) => "边际水平(百分点/预算单位)",
    }
}

/// x as shown: a level in percent, a budget as it is.
pub(crate) fn shown_x(axis: Axis, x: f64) -> f64 {
    match axis {
        Axis::Level => 100.0 * x,
        Axis::Budget(_) => x,
    }
}

/// frontier.csv: one row per solved (or unreachable) point, in order of x.
pub fn frontier_csv(result: &FrontierResult) -> String {
    let x = match result.axis {
        Axis::Level => "level",
        Axis::Budget(Op::Add) => "central_budget_added_yi_per_year",
        Axis::Budget(_) => "central_budget_scale",
    };
    let marginal = match result.axis {
        Axis::Level => "marginal_cost_yi_per_point",
        Axis::Budget(_) => "marginal_points_per_unit",
    };
    let mut out = format!(
        "{x},level_reached,real_spending_yi,objective_yi,{marginal},breakpoint,point,status,max_violation\n"
    );
    for p in &result.points {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{:.3e}",
            num(p.x),
            opt(p.level),
            opt(p.spend_yi),
            opt(p.objective_yi),
            opt(p.marginal),
            if p.breakpoint { "yes" } else { "no" },
            p.kind.id(),
            p.status.id(),
            p.max_violation
        );
    }
    out
}

/// The frontier as a line plot: real spending over level (level axis), or
/// level over budget (budget axis); breakpoints marked, the stop as a
/// vertical line. `None` when no point has a plan.
pub(crate) fn frontier_plot(result: &FrontierResult) -> Option<LinePlot> {
    let y = |p: &FrontierPoint| match result.axis {
        Axis::Level => p.spend_yi,
        Axis::Budget(_) => p.level,
    };
    let points: Vec<(f64, f64)> = result
        .points
        .iter()
        .filter_map(|p| y(p).map(|v| (shown_x(result.axis, p.x), v)))
        .collect();
    if points.is_empty() {
        return None;
    }
    let markers = result
        .points
        .iter()
        .filter(|p| p.breakpoint)
        .filter_map(|p| {
            y(p).map(|v| Marker {
                x: shown_x(result.axis, p.x),
                y: v,
                colour: REQUIRED_COLOUR,
                filled: true,
            })
        })
        .collect();
    Some(LinePlot {
        lines: vec![Line {
            points,
            colour: colour(0),
            dashed: false,
        }],
        markers,
        x_refs: result
            .stop_level
            .map(|s| vec![100.0 * s])
            .unwrap_or_default(),
        y_percent: result.axis != Axis::Level,
        y_include: vec![0.0],
        ..LinePlot::default()
    })
}

/// The legend of the chart.
pub(crate) fn legend(axis: Axis, lang: Lang) -> Vec<(String, &'static str)> {
    let line = match (axis, lang) {
        (Axis::Level, Lang::En) => "least real spending (亿元)",
        (Axis::Level, Lang::Zh) => "最低实际支出(亿元)",
        (Axis::Budget(_), Lang::En) => "highest level of the target",
        (Axis::Budget(_), Lang::Zh) => "目标最高水平",
    };
    let bp = match lang {
        Lang::En => "breakpoint (the marginal changes)",
        Lang::Zh => "转折点(边际变化处)",
    };
    vec![(line.into(), colour(0)), (bp.into(), REQUIRED_COLOUR)]
}

/// The how-it-ran paragraph.
pub(crate) fn how_run(inst: &Instance, result: &FrontierResult, lang: Lang) -> String {
    let target = &inst.targets[result.target].id;
    let exact = match (result.lp, lang) {
        (true, Lang::En) => "every point is an LP; between two points where the optimal basis changes, the kink is found exactly (the points' tangents meet there and the cost there lies on them)",
        (false, Lang::En) => "every point is a MIP, so the breakpoints are the solved points where the marginal changes (not located between them)",
        (true, Lang::Zh) => "每个点均为线性规划；在最优基变化的两点之间，转折点被精确求出(两点切线的交点，且该处成本落在切线上)",
        (false, Lang::Zh) => "每个点均为混合整数规划，转折点为边际发生变化的已求解点(不在点间定位)",
    };
    let stop = result.stop_level.map(|s| number(100.0 * s));
    match lang {
        Lang::En => format!(
            "Target {target}, hard (its shortfall fixed at 0); the other targets are left out (their penalties set to 0), so the cost is this target's alone. The model's objective (discounted spending with the min-cost preset) is minimised and the plan's real spending (undiscounted, central plus provincial) reported. Lead sites and platforms: {}; {exact}. {} solves, every plan checked independently ({:.1} s).{}",
            result.sites,
            result.solves,
            result.total_s,
            stop.map(|s| format!(" The frontier stops at {s}%: the most the lags, ceilings, budgets and held decisions allow.")).unwrap_or_default()
        ),
        Lang::Zh => format!(
            "目标 {target} 为硬约束(缺口固定为0)；其他目标不计(罚金设为0)，成本仅为该目标的成本。最小化模型目标(成本最小预设下为贴现支出)，报告方案的实际支出(未贴现，中央加地方)。牵头地与平台：{}；{exact}。共求解 {} 次，每个方案均经独立校验({:.1} 秒)。{}",
            result.sites,
            result.solves,
            result.total_s,
            stop.map(|s| format!("前沿止于 {s}%：时滞、上限、预算和固定决策所允许的最高水平。")).unwrap_or_default()
        ),
    }
}

/// Sentences on the breakpoints and the marginal between them.
pub(crate) fn breakpoint_sentences(result: &FrontierResult, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let solved: Vec<&FrontierPoint> = result
        .points
        .iter()
        .filter(|p| p.spend_yi.is_some())
        .collect();
    for p in solved.iter().filter(|p| p.breakpoint) {
        let x = number(shown_x(result.axis, p.x));
        let before = p.marginal.map(number).unwrap_or_else(|| "–".into());
        let after = solved
            .iter()
            .find(|q| q.x > p.x)
            .and_then(|q| q.marginal)
            .map(number)
            .unwrap_or_else(|| "–".into());
        out.push(match (result.axis, lang) {
            (Axis::Level, Lang::En) => format!("At {x}% the marginal cost changes from {before} to {after} 亿元 per point."),
            (Axis::Level, Lang::Zh) => format!("在 {x}% 处，边际成本由每百分点 {before} 亿元变为 {after} 亿元。"),
            (Axis::Budget(_), Lang::En) => format!("At {x} the marginal level changes from {before} to {after} points per unit of budget."),
            (Axis::Budget(_), Lang::Zh) => format!("在 {x} 处，边际水平由每预算单位 {before} 个百分点变为 {after} 个百分点。"),
        });
    }
    out
}

/// report.md.
pub fn markdown(inst: &Instance, result: &FrontierResult, lang: Lang) -> String {
    let mut md = String::new();
    let title = match lang {
        Lang::En => "Cost–self-sufficiency frontier",
        Lang::Zh => "成本—自主保障前沿",
    };
    let _ = writeln!(md, "# {title}: {}\n", inst.name);
    let _ = writeln!(md, "{}\n", how_run(inst, result, lang));
    let _ = writeln!(md, "![frontier](frontier.svg)\n");
    for s in breakpoint_sentences(result, lang) {
        let _ = writeln!(md, "- {s}");
    }
    let (reached, spend, status) = match lang {
        Lang::En => ("level reached %", "real spending 亿元", "status"),
        Lang::Zh => ("达到水平 %", "实际支出 亿元", "状态"),
    };
    let bp = match lang {
        Lang::En => "breakpoint",
        Lang::Zh => "转折点",
    };
    let _ = writeln!(
        md,
        "\n| {} | {reached} | {spend} | {} | {bp} | {status} |\n|---:|---:|---:|---:|---|---|",
        axis_label(result.axis, lang),
        marginal_label(result.axis, lang)
    );
    for p in &result.points {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            number(shown_x(result.axis, p.x)),
            p.level
                .map(|l| number(100.0 * l))
                .unwrap_or_else(|| "–".into()),
            p.spend_yi.map(number).unwrap_or_else(|| "–".into()),
            p.marginal.map(number).unwrap_or_else(|| "–".into()),
            if p.breakpoint { "yes" } else { "" },
            p.status.id()
        );
    }
    md
}

/// frontier.svg.
fn frontier_svg(
    inst: &Instance,
    result: &FrontierResult,
    lang: Lang,
) -> Result<Option<String>, ChartError> {
    let Some(plot) = frontier_plot(result) else {
        return Ok(None);
    };
    let chart = line_plot("frontier", &plot)?;
    let title = format!(
        "{}: {} — {}",
        inst.name,
        inst.targets[result.target].id,
        axis_label(result.axis, lang)
    );
    Ok(Some(standalone(&title, &legend(result.axis, lang), &chart)))
}

/// Writes the frontier's folder.
pub fn write_frontier(
    dir: &Path,
    inst: &Instance,
    opts: &FrontierOptions,
    result: &FrontierResult,
    report: ReportOptions,
) -> Result<(), OutputError> {
    let mut staging = Staging::new(dir, "frontier")?;
    staging.write("frontier.csv", frontier_csv(result).as_bytes())?;
    if let Some(svg) = frontier_svg(inst, result, report.lang)? {
        staging.write("frontier.svg", svg.as_bytes())?;
    }
    if report.format.markdown() {
        staging.write("report.md", markdown(inst, result, report.lang).as_bytes())?;
    }
    if report.format.html() {
        let page = html::frontier_page(inst, result, report.lang)?;
        staging.write(html::HTML_FILE, page.as_bytes())?;
    }
    let summary = serde_json::json!({
        "instance": inst.name,
        "command": "frontier",
        "target": opts.target,
        "axis": match opts.axis { Axis::Level => "level", Axis::Budget(Op::Add) => "central_budget_add", Axis::Budget(_) => "central_budget_scale" },
        "from": opts.from,
        "to": opts.to,
        "grid_points": opts.points,
        "points": result.points.len(),
        "breakpoints": result.points.iter().filter(|p| p.breakpoint).map(|p| p.x).collect::<Vec<_>>(),
        "stop_level": result.stop_level,
        "every_point_lp": result.lp,
        "sites_and_platforms": result.sites,
        "solves": result.solves,
        "total_s": result.total_s,
        "all_points_checked": true,
    });
    staging.write_summary(&summary)?;
    staging.commit()
}
