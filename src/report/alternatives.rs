//! Outputs of `alternatives` (docs/model.md §11 (MGA)):
//!
//! ```text
//! DIR/optimum/                 the optimum: the files `solve` writes
//! DIR/<kind>-<id>-min|max/     each extreme plan: the same files
//! DIR/alternatives.csv         one row per direction
//! DIR/ranges_<kind>.svg        range charts (min–max bars, optimum marked)
//! DIR/report.md, report.html   the same in words a planner can forward
//! DIR/summary.json             what ran
//! ```
//!
//! Plan folders are written first, each whole; the files of DIR last.

use std::fmt::Write as _;
use std::path::Path;

use crate::analysis::alternatives::{
    AlternativesResult, Direction, DirectionKind, DirectionRange, Side, Verdict, FIRM_FLOOR_YI,
    FIRM_SHARE,
};
use crate::charts::ranges::{range_bars, RangeRow};
use crate::charts::svg::standalone;
use crate::charts::{colour, number};
use crate::instance::{Instance, Mode, Region};
use crate::output::atomic::Staging;
use crate::solve::SolverOptions;

use super::html::{self, Lang, ReportOptions};
use super::tables::num;
use super::{write_outputs, OutputError};

/// Colour of a firm range and of a contestable one.
pub(crate) fn verdict_colour(v: Verdict) -> &'static str {
    match v {
        Verdict::Firm => colour(2),
        Verdict::Contestable => colour(1),
    }
}

/// The verdict in the report's language.
pub(crate) fn verdict_word(v: Verdict, lang: Lang) -> &'static str {
    match (v, lang) {
        (Verdict::Firm, Lang::En) => "firm",
        (Verdict::Contestable, Lang::En) => "contestable",
        (Verdict::Firm, Lang::Zh) => "确定",
        (Verdict::Contestable, Lang::Zh) => "可商榷",
    }
}

/// The name of a kind of direction, plural, in the report's language.
pub(crate) fn kind_name(kind: DirectionKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (DirectionKind::Area, Lang::En) => "Foundations (areas)",
        (DirectionKind::Province, Lang::En) => "Provinces",
        (DirectionKind::Region, Lang::En) => "Regions",
        (DirectionKind::Mode, Lang::En) => "Instruments",
        (DirectionKind::Item, Lang::En) => "Key items",
        (DirectionKind::Area, Lang::Zh) => "五基领域",
        (DirectionKind::Province, Lang::Zh) => "省份",
        (DirectionKind::Region, Lang::Zh) => "区域",
        (DirectionKind::Mode, Lang::Zh) => "政策工具",
        (DirectionKind::Item, Lang::Zh) => "关键项目",
    }
}

/// The name of what a direction funds, in the report's language.
pub(crate) fn direction_name(inst: &Instance, d: &Direction, lang: Lang) -> String {
    match d.kind {
        DirectionKind::Area => lang.area(inst, d.index),
        DirectionKind::Province => lang.province(inst, d.index),
        DirectionKind::Region => lang.region(Region::ALL[d.index]).to_string(),
        DirectionKind::Mode => lang.mode(inst, Mode(d.index)),
        DirectionKind::Item => lang.item(inst, d.index),
    }
}

/// One sentence a planner can forward: what every near-optimal plan does
/// with this direction.
pub(crate) fn verdict_sentence(
    inst: &Instance,
    r: &DirectionRange,
    slack: f64,
    lang: Lang,
) -> String {
    let name = direction_name(inst, &r.direction, lang);
    let pct = num(100.0 * slack);
    let (min, max, opt) = (
        number(r.min.funding_yi),
        number(r.max.funding_yi),
        number(r.optimum_yi),
    );
    match (r.verdict(), lang) {
        (Verdict::Firm, Lang::En) => format!(
            "Firm: every plan costing at most {pct}% more than the least-cost plan gives {name} between {min} and {max} 亿元 (the least-cost plan: {opt} 亿元). The targets and limits fix this allocation."
        ),
        (Verdict::Contestable, Lang::En) => format!(
            "Contestable: plans costing at most {pct}% more than the least-cost plan give {name} anywhere from {min} to {max} 亿元 (the least-cost plan: {opt} 亿元). This is a free choice at almost no cost."
        ),
        (Verdict::Firm, Lang::Zh) => format!(
            "确定：所有成本不超过最低成本方案{pct}%的方案给予{name}的资金都在{min}至{max}亿元之间(最低成本方案：{opt}亿元)。目标和约束决定了这项分配。"
        ),
        (Verdict::Contestable, Lang::Zh) => format!(
            "可商榷：成本不超过最低成本方案{pct}%的方案给予{name}的资金可在{min}至{max}亿元之间(最低成本方案：{opt}亿元)。这是几乎不增加成本的自由选择。"
        ),
    }
}

/// The rule that names a range firm or contestable, in words.
pub(crate) fn rule_sentence(lang: Lang) -> String {
    let share = number(100.0 * FIRM_SHARE);
    let floor = number(FIRM_FLOOR_YI);
    match lang {
        Lang::En => format!(
            "A direction is firm when its range (most minus least funding over the near-optimal plans) is at most {share}% of the larger of the least-cost plan's funding and {floor} 亿元; otherwise it is contestable. Funding is project funding (central plus provincial, f·e) over the horizon in 亿元; platforms and training are not counted in any direction."
        ),
        Lang::Zh => format!(
            "若某方向的区间(近优方案中最多与最少资金之差)不超过最低成本方案资金与{floor}亿元两者较大者的{share}%，则为确定，否则为可商榷。资金指规划期内项目资金(中央加地方，f·e)，单位亿元；平台与培训支出不计入任何方向。"
        ),
    }
}

/// The how-it-ran paragraph: the optimum, the slack, sites and platforms.
pub(crate) fn how_run(result: &AlternativesResult, lang: Lang) -> String {
    let sites = match (result.sites, lang) {
        (s, Lang::En) => s.describe().to_string(),
        (crate::analysis::alternatives::Sites::NoIntegers, Lang::Zh) => {
            "模型中无(每个极端方案均为线性规划)".into()
        }
        (crate::analysis::alternatives::Sites::Held, Lang::Zh) => {
            "固定为最优方案的取值(每个极端方案均为线性规划)".into()
        }
        (crate::analysis::alternatives::Sites::Reoptimised, Lang::Zh) => {
            "每个极端方案重新优化(各为一个混合整数规划)".into()
        }
    };
    match lang {
        Lang::En => format!(
            "Optimum objective z* = {} 亿元 (real spending plus shortfall penalty, as the model counts it). Near-optimal plans: objective at most z* + {}·|z*| = {} 亿元. Lead sites and platforms: {sites}. {} directions, two extreme plans each, every plan checked independently ({:.1} s).",
            number(result.z_star),
            num(result.slack),
            number(result.bound),
            result.ranges.len(),
            result.total_s
        ),
        Lang::Zh => format!(
            "最优目标值 z* = {} 亿元(模型口径：实际支出加缺口罚金)。近优方案：目标值不超过 z* + {}·|z*| = {} 亿元。牵头地与平台：{sites}。共 {} 个方向，每个方向两个极端方案，均经独立校验({:.1} 秒)。",
            number(result.z_star),
            num(result.slack),
            number(result.bound),
            result.ranges.len(),
            result.total_s
        ),
    }
}

/// The range chart of one kind of direction, rows in instance order.
pub(crate) fn range_rows(
    inst: &Instance,
    result: &AlternativesResult,
    kind: DirectionKind,
    lang: Lang,
) -> Vec<RangeRow> {
    result
        .ranges
        .iter()
        .filter(|r| r.direction.kind == kind)
        .map(|r| RangeRow {
            label: direction_name(inst, &r.direction, lang),
            min: r.min.funding_yi,
            max: r.max.funding_yi,
            mark: r.optimum_yi,
            colour: verdict_colour(r.verdict()),
            note: verdict_word(r.verdict(), lang).to_string(),
        })
        .collect()
}

/// Kinds present in the result, in output order.
pub(crate) fn kinds(result: &AlternativesResult) -> Vec<DirectionKind> {
    DirectionKind::ALL
        .into_iter()
        .filter(|k| result.ranges.iter().any(|r| r.direction.kind == *k))
        .collect()
}

/// Legend of the range charts.
pub(crate) fn legend(lang: Lang) -> Vec<(String, &'static str)> {
    let optimum = match lang {
        Lang::En => "least-cost plan (black tick)",
        Lang::Zh => "最低成本方案(黑色刻度)",
    };
    vec![
        (
            verdict_word(Verdict::Firm, lang).to_string(),
            verdict_colour(Verdict::Firm),
        ),
        (
            verdict_word(Verdict::Contestable, lang).to_string(),
            verdict_colour(Verdict::Contestable),
        ),
        (optimum.to_string(), crate::charts::ranges::MARK_COLOUR),
    ]
}

/// alternatives.csv: one row per direction.
pub fn alternatives_csv(result: &AlternativesResult) -> String {
    let mut out = String::from(
        "direction_kind,direction,unit,optimum,min,max,range,verdict,objective_at_min_yi,objective_at_max_yi,plan_min,plan_max,sites\n",
    );
    for r in &result.ranges {
        let _ = writeln!(
            out,
            "{},{},亿元,{},{},{},{},{},{},{},{},{},{}",
            r.direction.kind.id(),
            r.direction.id,
            num(r.optimum_yi),
            num(r.min.funding_yi),
            num(r.max.funding_yi),
            num(r.range_yi()),
            r.verdict().id(),
            num(r.min.objective_yi),
            num(r.max.objective_yi),
            r.folder(Side::Min),
            r.folder(Side::Max),
            result.sites.id()
        );
    }
    out
}

/// report.md: how it ran, the rule, and per kind a chart, a table and the
/// sentences.
pub fn markdown(inst: &Instance, result: &AlternativesResult, lang: Lang) -> String {
    let mut md = String::new();
    let title = match lang {
        Lang::En => "Near-optimal plans",
        Lang::Zh => "近优方案",
    };
    let _ = writeln!(md, "# {title}: {}\n", inst.name);
    let _ = writeln!(md, "{}\n", how_run(result, lang));
    let _ = writeln!(md, "{}\n", rule_sentence(lang));
    let header = match lang {
        Lang::En => "| direction | least-cost plan 亿元 | min 亿元 | max 亿元 | range 亿元 | verdict | plans |",
        Lang::Zh => "| 方向 | 最低成本方案 亿元 | 最少 亿元 | 最多 亿元 | 区间 亿元 | 判断 | 方案 |",
    };
    for kind in kinds(result) {
        let _ = writeln!(md, "## {}\n", kind_name(kind, lang));
        let _ = writeln!(
            md,
            "![{}](ranges_{}.svg)\n",
            kind_name(kind, lang),
            kind.id()
        );
        let _ = writeln!(md, "{header}\n|---|---:|---:|---:|---:|---|---|");
        for r in result.ranges.iter().filter(|r| r.direction.kind == kind) {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | `{}/`, `{}/` |",
                direction_name(inst, &r.direction, lang),
                number(r.optimum_yi),
                number(r.min.funding_yi),
                number(r.max.funding_yi),
                number(r.range_yi()),
                verdict_word(r.verdict(), lang),
                r.folder(Side::Min),
                r.folder(Side::Max)
            );
        }
        md.push('\n');
        for r in result.ranges.iter().filter(|r| r.direction.kind == kind) {
            let _ = writeln!(md, "- {}", verdict_sentence(inst, r, result.slack, lang));
        }
        md.push('\n');
    }
    let diff = match lang {
        Lang::En => "Each extreme plan is a folder with the files `solve` writes: `qiangji diff optimum area-<id>-min` shows what changes. Its objective is the model's, recomputed from the plan; it has no duals (the solve that found it minimised or maximised a direction's funding).",
        Lang::Zh => "每个极端方案是一个文件夹，内容与 `solve` 的输出相同：`qiangji diff optimum area-<id>-min` 显示变化。其目标值为按方案重新计算的模型目标值；没有对偶值(求得它的求解以某方向资金为目标)。",
    };
    let _ = writeln!(md, "{diff}");
    md
}

/// Writes every plan folder, then the files of DIR.
pub fn write_alternatives(
    dir: &Path,
    inst: &Instance,
    result: &mut AlternativesResult,
    solver: &SolverOptions,
    report: ReportOptions,
) -> Result<(), OutputError> {
    write_outputs(
        &dir.join("optimum"),
        inst,
        &mut result.optimum,
        solver,
        report,
    )?;
    for r in &result.ranges {
        for side in [Side::Min, Side::Max] {
            let mut run = result.extreme_result(inst, r, side);
            write_outputs(&dir.join(r.folder(side)), inst, &mut run, solver, report)?;
        }
    }
    let mut staging = Staging::new(dir, "alternatives")?;
    staging.write("alternatives.csv", alternatives_csv(result).as_bytes())?;
    let lang = report.lang;
    for kind in kinds(result) {
        let chart = range_bars(&range_rows(inst, result, kind, lang), "亿元");
        let legend = legend(lang);
        let title = format!("{}: {}", inst.name, kind_name(kind, lang));
        staging.write(
            &format!("ranges_{}.svg", kind.id()),
            standalone(&title, &legend, &chart).as_bytes(),
        )?;
    }
    if report.format.markdown() {
        staging.write("report.md", markdown(inst, result, lang).as_bytes())?;
    }
    if report.format.html() {
        let page = html::alternatives_page(inst, result, lang);
        staging.write(html::HTML_FILE, page.as_bytes())?;
    }
    let summary = serde_json::json!({
        "instance": inst.name,
        "command": "alternatives",
        "slack": result.slack,
        "optimum_objective_yi": result.z_star,
        "objective_bound_yi": result.bound,
        "sites_and_platforms": result.sites.id(),
        "directions": result.ranges.len(),
        "firm": result.firm_count(),
        "contestable": result.ranges.len() - result.firm_count(),
        "firm_rule": format!("range <= {FIRM_SHARE} * max(optimum, {FIRM_FLOOR_YI} yi)"),
        "optimum_s": result.optimum_s,
        "total_s": result.total_s,
        "all_plans_checked": true,
    });
    staging.write_summary(&summary)?;
    staging.commit()
}
