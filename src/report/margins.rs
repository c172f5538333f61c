//! Marginal values and exchange rates as a planner reads them:
//! `marginal_values.csv` (one row per limit and side), `exchange_rates.csv`
//! (one row per target group and resource), their part of `summary.json`
//! and of `report.md`. Every value states its unit, the step it holds for
//! and how it was established; a side that was not measured shows only the
//! bound its dual gives, never a value.

use std::fmt::Write;

use super::html::i18n::{self as t, Lang};
use super::rerun::Rerun;
use crate::analysis::exchange::{ExchangeRates, GroupRates, OtherYear, ResourceRate, YearLink};
use crate::analysis::explain::Explanation;
use crate::analysis::marginal::{Depth, MarginalValue, MarginalValues, OneSide, SideSource};
use crate::instance::Instance;
use crate::model::RowKey;
use crate::results::summary;

use super::tables::{bound_text, csv_bytes, keys_text, num};
use super::OutputError;

/// The limit a marginal value moves, by name: "central budget 2024",
/// "talent in p1 2025", "components platform capacity in p1 2024", "target x_2026".
pub fn limit_name(inst: &Instance, key: &RowKey) -> String {
    limit_name_in(inst, key, Lang::En)
}

/// [`limit_name`] in `lang`: in Chinese "中央预算 2024 年", "华东 人才 2025 年",
/// with the instance's Chinese names of provinces and areas.
pub fn limit_name_in(inst: &Instance, key: &RowKey, lang: Lang) -> String {
    let year = key.year(inst).map(|t| inst.years[t]).unwrap_or_default();
    if lang == Lang::Zh {
        return limit_name_zh(inst, key, year);
    }
    let prov = |p: usize| inst.provinces[p].id.as_str();
    match *key {
        RowKey::CentralBudget { .. } => format!("central budget {year}"),
        RowKey::ProvincialBudget { province, .. } => {
            format!("provincial budget of {} {year}", prov(province))
        }
        RowKey::Talent { province, .. } => format!("talent in {} {year}", prov(province)),
        RowKey::Capacity { area, province, .. } => format!(
            "{} platform capacity in {} {year}",
            inst.areas[area].id,
            prov(province)
        ),
        RowKey::BuildRate { province, .. } => {
            format!("platform build rate in {} {year}", prov(province))
        }
        RowKey::Target { target } => format!("target {}", inst.targets[target].id),
        RowKey::PoolBalance { pool, .. } => {
            format!("inflow of pool {} {year}", inst.pools[pool].id)
        }
        RowKey::TrainingBudget { province, .. } => {
            format!("training budget of {} {year}", prov(province))
        }
        RowKey::TrainingFloor { province, .. } => {
            format!("training floor of {} {year}", prov(province))
        }
        other => other.name(inst),
    }
}

fn limit_name_zh(inst: &Instance, key: &RowKey, year: i32) -> String {
    let prov = |p: usize| Lang::Zh.province(inst, p);
    match *key {
        RowKey::CentralBudget { .. } => format!("中央预算 {year} 年"),
        RowKey::ProvincialBudget { province, .. } => {
            format!("{} 地方预算 {year} 年", prov(province))
        }
        RowKey::Talent { province, .. } => format!("{} 人才 {year} 年", prov(province)),
        RowKey::Capacity { area, province, .. } => format!(
            "{} {} 平台能力 {year} 年",
            prov(province),
            Lang::Zh.area(inst, area)
        ),
        RowKey::BuildRate { province, .. } => {
            format!("{} 平台建设速度 {year} 年", prov(province))
        }
        RowKey::Target { target } => format!("目标 {}", inst.targets[target].id),
        RowKey::PoolBalance { pool, .. } => {
            format!("资金池 {} 流入 {year} 年", inst.pools[pool].id)
        }
        RowKey::TrainingBudget { province, .. } => {
            format!("{} 培训预算上限 {year} 年", prov(province))
        }
        RowKey::TrainingFloor { province, .. } => {
            format!("{} 培训预算下限 {year} 年", prov(province))
        }
        other => format!("`{}`", other.name(inst)),
    }
}

/// Four decimals, never "-0.0000".
fn fixed4(v: f64) -> String {
    if v.abs() < 5e-5 {
        "0.0000".into()
    } else {
        format!("{v:.4}")
    }
}

fn opt(v: Option<f64>) -> String {
    v.map(num).unwrap_or_default()
}

/// marginal_values.csv: every binding resource and every target, one row
/// per side (one more unit, one less unit).
pub fn marginal_csv(inst: &Instance, m: &MarginalValues) -> Result<Vec<u8>, OutputError> {
    let mut rows = Vec::new();
    for v in &m.values {
        for (side, s) in [("more", &v.more), ("less", &v.less)] {
            rows.push(vec![
                v.key.family().to_string(),
                keys_text(inst, &v.key),
                v.key
                    .year(inst)
                    .map(|t| inst.years[t].to_string())
                    .unwrap_or_default(),
                side.to_string(),
                format!("1 {}", v.unit),
                num(v.limit),
                num(v.dual),
                opt(s.objective_change),
                s.source.id().to_string(),
                bound_text(s.holds_from),
                bound_text(s.holds_to),
                num(s.dual_bound),
                opt(s.spend_change_yi),
                opt(s.penalty_change_yi),
            ]);
        }
    }
    rows.sort();
    csv_bytes(
        &[
            "family",
            "keys",
            "year",
            "side",
            "step",
            "limit",
            "dual",
            "objective_change_yi",
            "source",
            "holds_from",
            "holds_to",
            "dual_bound_yi",
            "spend_change_yi",
            "penalty_change_yi",
        ],
        rows,
    )
}

/// One link between two years in words, for money of year `y` and a target
/// of year `ty`.
fn link_text(inst: &Instance, link: YearLink, y: i32, ty: i32, lang: Lang) -> String {
    if lang == Lang::Zh {
        return link_text_zh(inst, link, y, ty);
    }
    let later = y > ty;
    let pct = |share: f64| format!("{}%", num(100.0 * share));
    let continuity = |who: &str, growth: f64, decline: f64| {
        if later {
            format!("continuity links each year's spending to the next ({who} may fall by at most {} a year), so spending more by {ty} keeps spending up through {y}, which {y}'s budget pays", pct(decline))
        } else {
            format!("continuity links each year's spending to the next ({who} may grow by at most {} a year plus its ramp), so spending more in {ty} needs spending built up from {y}", pct(growth))
        }
    };
    match link {
        YearLink::Accumulation => format!("effort accumulates and takes effect after its item's lag, so spending in {y} still raises the {ty} level"),
        YearLink::Continuity => {
            let c = inst.continuity.as_ref();
            continuity("an area's funding", c.map_or(0.0, |c| c.max_growth), c.map_or(0.0, |c| c.max_decline))
        }
        YearLink::ModeContinuity => {
            let c = inst.mode_continuity.as_ref();
            continuity("an instrument's funding", c.map_or(0.0, |c| c.max_growth), c.map_or(0.0, |c| c.max_decline))
        }
        YearLink::Pools if later => format!("pools carry unspent money from year to year, so more money in {y} frees money kept for it to be spent by {ty}"),
        YearLink::Pools => format!("pools carry unspent money forward, so money of {y} can be spent by {ty}"),
        YearLink::OtherTargets => format!("the other targets are held at their planned levels, so money of {y} can take over part of their spending and free what this group needs"),
        YearLink::OtherLimits => "the years are tied through other limits of the plan's LP (lead sites and platforms as planned)".into(),
    }
}

fn link_text_zh(inst: &Instance, link: YearLink, y: i32, ty: i32) -> String {
    let later = y > ty;
    let pct = |share: f64| format!("{}%", num(100.0 * share));
    let continuity = |who: &str, growth: f64, decline: f64| {
        if later {
            format!("项目连续性把每年的支出与下一年相连({who}每年至多下降 {})，因此到 {ty} 年多支出，就要把支出维持到 {y} 年，由 {y} 年的预算支付", pct(decline))
        } else {
            format!("项目连续性把每年的支出与下一年相连({who}每年至多增长 {} 加其爬坡量)，因此在 {ty} 年多支出，需要从 {y} 年起逐步增加支出", pct(growth))
        }
    };
    match link {
        YearLink::Accumulation => format!(
            "投入逐年累积，并在该项目的滞后期后生效，因此 {y} 年的支出仍能提高 {ty} 年的水平"
        ),
        YearLink::Continuity => {
            let c = inst.continuity.as_ref();
            continuity(
                "一个领域的资金",
                c.map_or(0.0, |c| c.max_growth),
                c.map_or(0.0, |c| c.max_decline),
            )
        }
        YearLink::ModeContinuity => {
            let c = inst.mode_continuity.as_ref();
            continuity(
                "一种工具的资金",
                c.map_or(0.0, |c| c.max_growth),
                c.map_or(0.0, |c| c.max_decline),
            )
        }
        YearLink::Pools if later => format!(
            "资金池逐年结转未用资金，因此 {y} 年多一些资金，可释放为其预留的资金，在 {ty} 年前使用"
        ),
        YearLink::Pools => format!("资金池向后结转未用资金，因此 {y} 年的资金可在 {ty} 年前使用"),
        YearLink::OtherTargets => format!(
            "其他目标保持在规划水平，因此 {y} 年的资金可承担其部分支出，腾出本目标范围所需资金"
        ),
        YearLink::OtherLimits => {
            "这两年通过方案线性规划的其他约束相连(牵头地与平台按方案固定)".into()
        }
    }
}

/// Why a target's rate cites money of another year, e.g. "2030 money for a
/// 2025 target: continuity links each year's spending to the next (…)".
pub fn other_year_text(inst: &Instance, other: &OtherYear) -> String {
    other_year_text_in(inst, other, Lang::En)
}

/// [`other_year_text`] in `lang`.
pub fn other_year_text_in(inst: &Instance, other: &OtherYear, lang: Lang) -> String {
    let (y, ty) = (inst.years[other.year], inst.years[other.target_year]);
    let reasons: Vec<String> = other
        .links
        .iter()
        .map(|&link| link_text(inst, link, y, ty, lang))
        .collect();
    match lang {
        Lang::En => format!("{y} money for a {ty} target: {}", reasons.join("; ")),
        Lang::Zh => format!("{ty} 年的目标用 {y} 年的资金：{}", reasons.join("；")),
    }
}

fn rate_row(inst: &Instance, g: &GroupRates, resource: &str, r: &ResourceRate) -> Vec<String> {
    vec![
        inst.targets[g.target].id.clone(),
        inst.targets[g.target].group.clone(),
        inst.years[inst.targets[g.target].year].to_string(),
        resource.to_string(),
        r.unit.to_string(),
        opt(r.points_per_unit),
        r.best_place.clone().unwrap_or_default(),
        r.source.id().to_string(),
        num(r.unsettled_bound),
        num(g.plan_points),
        num(g.frontier_points),
        num(g.ceiling_points),
        r.other_year.as_ref().map_or_else(String::new, |o| {
            o.links.iter().map(|l| l.id()).collect::<Vec<_>>().join("+")
        }),
        r.other_year
            .as_ref()
            .map_or_else(String::new, |o| other_year_text(inst, o)),
    ]
}

/// exchange_rates.csv: points of each target group per extra unit of each resource.
pub fn exchange_csv(inst: &Instance, e: &ExchangeRates) -> Result<Vec<u8>, OutputError> {
    let mut rows = Vec::new();
    let thresholds = inst.has_thresholds();
    for g in &e.groups {
        for (resource, rate) in [
            ("central_budget", &g.central_budget),
            ("talent", &g.talent),
            ("platform", &g.platform),
        ] {
            let mut row = rate_row(inst, g, resource, rate);
            if thresholds {
                row.push(threshold_note(inst, g));
            }
            rows.push(row);
        }
    }
    let mut header = vec![
        "target",
        "group",
        "year",
        "resource",
        "per_unit",
        "points_per_unit",
        "best_place",
        "source",
        "unsettled_bound_points",
        "plan_points",
        "frontier_points",
        "ceiling_points",
        "other_year_links",
        "why_other_year",
    ];
    if thresholds {
        header.push("note");
    }
    csv_bytes(&header, rows)
}

/// (THR) what an extra unit cannot buy: items of the group still below their
/// R&D threshold in the target year gain 0 points from it.
pub fn threshold_note(inst: &Instance, g: &GroupRates) -> String {
    threshold_note_in(inst, g, Lang::En)
}

fn threshold_note_in(inst: &Instance, g: &GroupRates, lang: Lang) -> String {
    if g.below_threshold.is_empty() {
        return String::new();
    }
    let items: Vec<String> = g
        .below_threshold
        .iter()
        .map(|&k| match lang {
            Lang::En => inst.items[k].id.clone(),
            Lang::Zh => lang.item(inst, k),
        })
        .collect();
    let year = inst.years[inst.targets[g.target].year];
    match lang {
        Lang::En => format!(
            "0 points per extra unit from {}: below the R&D threshold in {year}",
            items.join(", ")
        ),
        Lang::Zh => format!(
            "{}每增加一个单位均为 0 个百分点：{year} 年仍低于研发门槛",
            items.join("、")
        ),
    }
}

/// (THR) one line per target group with items below their R&D threshold:
/// "target: 0 points per extra unit from …" (empty without such items).
pub fn threshold_notes(inst: &Instance, e: &ExchangeRates, lang: Lang) -> Vec<String> {
    let colon = lang.t(t::MD_COLON);
    e.groups
        .iter()
        .filter(|g| !g.below_threshold.is_empty())
        .map(|g| {
            format!(
                "{}{colon}{}",
                inst.targets[g.target].id,
                threshold_note_in(inst, g, lang)
            )
        })
        .collect()
}

fn side(s: &OneSide) -> summary::Side {
    summary::Side {
        dual_bound_yi: s.dual_bound,
        holds_from: s.holds_from.is_finite().then_some(s.holds_from),
        holds_to: s.holds_to.is_finite().then_some(s.holds_to),
        objective_change_yi: s.objective_change,
        penalty_change_yi: s.penalty_change_yi,
        source: s.source.id().into(),
        spend_change_yi: s.spend_change_yi,
        sufficiency_change_points: s.sufficiency_change_points,
    }
}

fn rate(inst: &Instance, r: &ResourceRate) -> summary::Rate {
    summary::Rate {
        other_year: r.other_year.as_ref().map(|o| summary::OtherYear {
            year: inst.years[o.year],
            target_year: inst.years[o.target_year],
            links: o.links.iter().map(|l| l.id().to_string()).collect(),
            why: other_year_text(inst, o),
        }),
        best_place: r.best_place.clone(),
        places_resolved: r.tried,
        points_per_unit: r.points_per_unit,
        source: r.source.id().into(),
        unit: r.unit.to_string(),
        unsettled_bound_points: r.unsettled_bound,
    }
}

/// The `marginal_values` part of summary.json.
pub fn marginal_values(inst: &Instance, ex: &Explanation) -> summary::MarginalValues {
    let m = &ex.marginal;
    summary::MarginalValues {
        // A quick explanation that reached its time limit (docs/sensitivity.md).
        cut_short: ex.cut_short,
        depth: match m.depth {
            Depth::Quick => "quick",
            Depth::Full => "full",
        }
        .into(),
        lp: if m.integers_fixed {
            "lp_with_integers_fixed"
        } else {
            "lp"
        }
        .into(),
        values: m
            .values
            .iter()
            .map(|v| summary::MarginalValue {
                dual: v.dual,
                dual_unit: v.key.dual_unit(),
                family: v.key.family().into(),
                keys: keys_text(inst, &v.key),
                limit: limit_name(inst, &v.key),
                limit_value: v.limit,
                one_less: side(&v.less),
                one_more: side(&v.more),
                step: format!("1 {}", v.unit),
                year: v.key.year(inst).map(|t| inst.years[t]),
            })
            .collect(),
    }
}

/// The `exchange_rates` part of summary.json.
pub fn exchange_rates(inst: &Instance, ex: &Explanation) -> summary::ExchangeRates {
    let m = &ex.marginal;
    summary::ExchangeRates {
        groups: ex
            .exchange
            .groups
            .iter()
            .map(|g| {
                let target = m.of_target(g.target);
                let spec = &inst.targets[g.target];
                let thresholds = inst.has_thresholds();
                summary::GroupRates {
                    below_rd_threshold: thresholds.then(|| {
                        g.below_threshold
                            .iter()
                            .map(|&k| inst.items[k].id.clone())
                            .collect()
                    }),
                    note: thresholds.then(|| threshold_note(inst, g)),
                    ceiling_points: g.ceiling_points,
                    frontier_points: g.frontier_points,
                    group: spec.group.clone(),
                    plan_points: g.plan_points,
                    points_per_kfte_talent: rate(inst, &g.talent),
                    points_per_platform: rate(inst, &g.platform),
                    points_per_yi_central_budget: rate(inst, &g.central_budget),
                    target: spec.id.clone(),
                    year: inst.years[spec.year],
                    yi_per_point_down_saving: target
                        .and_then(|t| t.less.objective_change.map(|c| -c)),
                    yi_per_point_down_spending: target.and_then(|t| t.less.spend_change_yi),
                    yi_per_point_up: target.and_then(|t| t.more.objective_change),
                    yi_per_point_up_penalty: target.and_then(|t| t.more.penalty_change_yi),
                    yi_per_point_up_spending: target.and_then(|t| t.more.spend_change_yi),
                }
            })
            .collect(),
        not_rated_time_limit: ex
            .exchange
            .not_rated
            .iter()
            .map(|&g| inst.targets[g].id.clone())
            .collect(),
    }
}

/// A side in words: "0.4123 亿元 (ranging, holds 198.66–198.81)".
fn side_text(s: &OneSide, more_is_gain: bool, relaxing: bool, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match (s.source, s.objective_change) {
        (SideSource::NoPlan, _) => lang.t(t::MD_NO_PLAN_STEP).into(),
        (SideSource::NotMeasured, _) if zh => format!(
            "{} {:.4} 亿元(对偶界；由 `qiangji sensitivity` 测算)",
            if relaxing { "至多" } else { "至少" },
            s.dual_bound
        ),
        (SideSource::NotMeasured, _) => format!(
            "{} {:.4} 亿元 (dual bound; measured by `qiangji sensitivity`)",
            if relaxing { "at most" } else { "at least" },
            s.dual_bound
        ),
        (source, Some(change)) => {
            let value = if more_is_gain { -change } else { change };
            let (from, to) = (bound_text(s.holds_from), bound_text(s.holds_to));
            let how = match (source, zh) {
                (SideSource::Ranging, false) => format!("ranging: holds for limits {from}–{to}"),
                (SideSource::Ranging, true) => format!("灵敏度区间：约束在 {from}–{to} 内成立"),
                (SideSource::ZeroDual, _) => lang.t(t::MD_ZERO_DUAL).into(),
                (SideSource::Slack, false) => {
                    format!("exact: the plan beats this target; holds for levels up to {to}")
                }
                (SideSource::Slack, true) => {
                    format!("精确：方案超过该目标；在水平不超过 {to} 时成立")
                }
                _ => lang.t(t::MD_RESOLVED).into(),
            };
            match lang {
                Lang::En => format!("{} 亿元 ({how})", fixed4(value)),
                Lang::Zh => format!("{} 亿元({how})", fixed4(value)),
            }
        }
        (_, None) => "–".into(),
    }
}

/// The "What one more unit is worth" section of report.md.
pub fn worth_section(
    md: &mut String,
    inst: &Instance,
    ex: &Explanation,
    rerun: &Rerun,
    lang: Lang,
) {
    let top = &ex.most_valuable;
    let fixed = ex.marginal.integers_fixed;
    let _ = match lang {
        Lang::En => writeln!(
            md,
            "One-sided values of the plan's LP{}: what one more unit of a binding resource saves, measured for that one-unit step, and what one unit less would cost. A dual that holds over a zero-width interval is not shown as a value.\n",
            if fixed {
                " (lead sites and platforms fixed as in the plan)"
            } else {
                ""
            }
        ),
        Lang::Zh => writeln!(
            md,
            "方案线性规划{}的单侧值：起作用的资源再增加一个单位可节省多少(按该一个单位的步长测算)，以及减少一个单位会多花多少。只在零宽区间内成立的对偶值不作为数值列出。\n",
            if fixed {
                "(牵头地与平台按方案固定)"
            } else {
                ""
            }
        ),
    };
    if top.top.is_empty() {
        let _ = writeln!(md, "{}", lang.t(t::MD_NOTHING_SAVES));
    } else {
        let _ = writeln!(md, "{}\n", lang.t(t::MD_MOST_VALUABLE));
        for v in &top.top {
            let name = limit_name_in(inst, &v.key, lang);
            let (more, less) = (
                side_text(&v.more, true, true, lang),
                side_text(&v.less, false, false, lang),
            );
            let _ = match lang {
                Lang::En => writeln!(
                    md,
                    "- {name}: one more {} saves {more}; one less costs {less}",
                    v.unit,
                ),
                Lang::Zh => writeln!(
                    md,
                    "- {name}：再增加 1 {} 节省 {more}；减少 1 {} 多花 {less}",
                    unit_zh(v.unit),
                    unit_zh(v.unit),
                ),
            };
        }
    }
    if top.unmeasured > 0 {
        let (n, bound, command) = (top.unmeasured, top.unmeasured_bound, rerun.sensitivity());
        let _ = match lang {
            Lang::En => writeln!(
                md,
                "\n{n} other binding resource(s) were not re-solved; by their duals none saves more than {bound:.4} 亿元 per unit{}. `{command}` measures every side (marginal_values.csv).",
                if top.complete {
                    ", so the list above is complete"
                } else {
                    ""
                },
            ),
            Lang::Zh => writeln!(
                md,
                "\n另有 {n} 项起作用的资源未重新求解；按其对偶值，每单位节省均不超过 {bound:.4} 亿元{}。`{command}` 可测算每一侧(marginal_values.csv)。",
                if top.complete {
                    "，因此以上列表是完整的"
                } else {
                    ""
                },
            ),
        };
    }
}

/// A unit of a marginal value in Chinese ("k FTE" → "千人", "cu" stays).
fn unit_zh(unit: &str) -> String {
    match unit {
        "k FTE" => "千人".into(),
        "platform" => "个平台".into(),
        "point" => "个百分点".into(),
        other => other.to_string(),
    }
}

/// Where a rate is best, as the analysis names it (a year, a province id,
/// "area in province"), with the instance's Chinese names in Chinese.
fn place_in(inst: &Instance, place: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return place.to_string();
    }
    let province = |id: &str| {
        inst.provinces
            .iter()
            .position(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| lang.province(inst, p))
    };
    match place.split_once(" in ") {
        Some((area, prov)) => format!("{}{}", province(prov), lang.area_by_id(inst, area)),
        None => province(place),
    }
}

fn rate_cell(inst: &Instance, r: &ResourceRate, lang: Lang) -> String {
    match r.points_per_unit {
        None => lang.t(t::MD_NOT_APPLICABLE).into(),
        Some(p) => {
            let place = r
                .best_place
                .as_ref()
                .map(|p| match lang {
                    Lang::En => format!(" ({p})"),
                    Lang::Zh => format!("({})", place_in(inst, p, lang)),
                })
                .unwrap_or_default();
            let unsettled = r
                .untried_could_beat()
                .map(|bound| match lang {
                    Lang::En => format!(", other places ≤ {bound:.4} untried"),
                    Lang::Zh => format!("，其他地方 ≤ {bound:.4} 未试"),
                })
                .unwrap_or_default();
            format!("{}{place}{unsettled}", fixed4(p))
        }
    }
}

/// What one more point of a target costs [亿元 of objective], with the
/// change of real spending (and of the penalty) in brackets.
pub fn raise_cell(v: Option<&MarginalValue>, with_penalty: bool, lang: Lang) -> String {
    match v {
        Some(v) => match v.more.objective_change {
            Some(c) => {
                let spend = fixed4(v.more.spend_change_yi.unwrap_or(0.0));
                if with_penalty {
                    let penalty = fixed4(v.more.penalty_change_yi.unwrap_or(0.0));
                    format!("{} ({spend}, {penalty})", fixed4(c))
                } else {
                    format!("{} ({spend})", fixed4(c))
                }
            }
            None => lang.t(t::NO_SOLUTION).into(),
        },
        None => "–".into(),
    }
}

/// What one point less of a target saves [亿元 of objective], with the
/// real spending saved in brackets.
pub fn lower_cell(v: Option<&MarginalValue>, lang: Lang) -> String {
    match v {
        Some(v) => match v.less.objective_change {
            Some(c) => format!(
                "{} ({})",
                fixed4(-c),
                fixed4(-v.less.spend_change_yi.unwrap_or(0.0))
            ),
            None => lang.t(t::NO_SOLUTION).into(),
        },
        None => "–".into(),
    }
}

/// The "Exchange rates" section of report.md.
pub fn exchange_section(md: &mut String, inst: &Instance, ex: &Explanation, lang: Lang) {
    let _ = writeln!(md, "{}\n", lang.t(t::MD_EXCHANGE_INTRO));
    let _ = writeln!(md, "{}", lang.t(t::MD_EXCHANGE_HEADER));
    let _ = writeln!(md, "|---|---|---|---|---|---|---|---|");
    for g in &ex.exchange.groups {
        let rates = ex.marginal.of_target(g.target);
        let (up, down) = (raise_cell(rates, false, lang), lower_cell(rates, lang));
        let at_ceiling = if g.at_ceiling() {
            lang.t(t::MD_AT_CEILING)
        } else {
            ""
        };
        let _ = writeln!(
            md,
            "| {} | {:.2} | {:.2}{at_ceiling} | {} | {} | {} | {up} | {down} |",
            inst.targets[g.target].id,
            g.plan_points,
            g.frontier_points,
            rate_cell(inst, &g.central_budget, lang),
            rate_cell(inst, &g.talent, lang),
            rate_cell(inst, &g.platform, lang)
        );
    }
    let colon = lang.t(t::MD_COLON);
    let stop = lang.t(t::MD_STOP);
    let other_years: Vec<String> = ex
        .exchange
        .groups
        .iter()
        .filter_map(|g| {
            let o = g.central_budget.other_year.as_ref()?;
            Some(format!(
                "- {}{colon}{}{stop}",
                inst.targets[g.target].id,
                other_year_text_in(inst, o, lang)
            ))
        })
        .collect();
    if !other_years.is_empty() {
        let _ = writeln!(md, "\n{}\n", lang.t(t::MD_OTHER_YEAR_INTRO));
        for line in other_years {
            let _ = writeln!(md, "{line}");
        }
    }
    let notes = threshold_notes(inst, &ex.exchange, lang);
    if !notes.is_empty() {
        let _ = writeln!(md, "\n{}\n", lang.t(t::MD_THRESHOLD_INTRO));
        for n in notes {
            let _ = writeln!(md, "- {n}{stop}");
        }
    }
}
