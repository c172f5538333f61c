//! The diff's sentences and names in Chinese, for `qiangji diff --lang zh`:
//! the same facts as the English words of
//! [`crate::analysis::compare::diff`], which diff.csv keeps whatever the
//! language. Ids (provinces, items, areas, targets, scenarios) stay ids: a
//! diff reads output folders, not the instance.

use super::html::i18n::{self as t, Lang};
use crate::analysis::compare::diff::{
    readable, Breakdown, ChangeSubject, Effect, InputChange, InputKind, LimitChange, TargetChange,
    Worth,
};
use crate::instance::Region;
use crate::results::units::DualUnit;

/// The title of a spending table.
pub fn breakdown_title(by: Breakdown, lang: Lang) -> String {
    match lang {
        Lang::En => by.title().to_string(),
        Lang::Zh => match by {
            Breakdown::Overall => "实际支出：中央与地方",
            Breakdown::Region => "按区域的项目资金(中央+地方)",
            Breakdown::Province => "按省份的项目资金(中央+地方)",
            Breakdown::Year => "按年份的实际支出(项目、培训、平台)",
            Breakdown::Instrument => "按工具的项目资金(中央+地方)",
            Breakdown::Area => "按基础领域的项目资金(中央+地方)",
        }
        .to_string(),
    }
}

/// A row key of a spending table: the overall rows, regions and the three
/// instruments of docs/model.md §1 by name; other keys are ids.
pub fn total_key(by: Breakdown, key: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return key.to_string();
    }
    match (by, key) {
        (Breakdown::Overall, "real spending") => lang.t(t::REAL_SPENDING).into(),
        (Breakdown::Overall, "central") => lang.t(t::CENTRAL).into(),
        (Breakdown::Overall, "provincial") => lang.t(t::PROVINCIAL).into(),
        (Breakdown::Region, _) => region(key, lang),
        (Breakdown::Instrument, _) => instrument(key, lang),
        _ => key.to_string(),
    }
}

fn region(id: &str, lang: Lang) -> String {
    Region::parse(id).map_or_else(|| id.to_string(), |r| lang.region(r).to_string())
}

fn instrument(id: &str, lang: Lang) -> String {
    match id {
        "national" => lang.t(t::NATIONAL_MODE).into(),
        "chain" => lang.t(t::CHAIN_MODE).into(),
        "enterprise" => lang.t(t::ENTERPRISE_MODE).into(),
        other => other.to_string(),
    }
}

/// A change of lead sites or platforms in words, and its unit.
pub fn change_words(
    subject: &ChangeSubject,
    description: &str,
    unit: &str,
    lang: Lang,
) -> (String, String) {
    if lang == Lang::En {
        return (description.to_string(), unit.to_string());
    }
    match subject {
        ChangeSubject::LeadSite {
            item,
            province,
            designated,
        } => (
            format!(
                "{province} 的 {item} 国家牵头地{}",
                if *designated {
                    "新确定"
                } else {
                    "被取消"
                }
            ),
            "个牵头地".into(),
        ),
        ChangeSubject::Platforms { area, province } => {
            (format!("{province} 的 {area} 新建平台"), "个平台".into())
        }
    }
}

/// What an input change is, in a sentence.
pub fn input_sentence(i: &InputChange, before: &str, after: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return i.sentence(before, after);
    }
    let side = |v: &str| {
        if v.is_empty() {
            "无".to_string()
        } else {
            format!("`{v}`")
        }
    };
    match i.kind {
        InputKind::Scenario => format!(
            "情景 `{}` 仅在 {} 中应用",
            i.name,
            if i.after.is_empty() { before } else { after }
        ),
        InputKind::Override => format!(
            "`--set {}`：{before} 中为{}，{after} 中为{}",
            i.name,
            side(&i.before),
            side(&i.after)
        ),
        InputKind::ModelFile => format!(
            "模型文件不同：{before} 中为{}，{after} 中为{}",
            side(&i.before),
            side(&i.after)
        ),
        InputKind::InstanceFile => format!(
            "实例文件 {} 不同：{before} 中为{}，{after} 中为{}",
            i.name.trim_start_matches("instance file "),
            side(&i.before),
            side(&i.after)
        ),
    }
}

/// A row family of duals.csv by name (its id when it has none here).
fn family(id: &str) -> &str {
    match id {
        "stock" => "效应存量",
        "response" => "响应",
        "chain" => "链式配套",
        "central_budget" => "中央预算",
        "provincial_budget" => "地方预算",
        "talent" => "人才",
        "platform_capacity" => "平台能力",
        "build_rate" => "平台建设速度",
        "site_link" => "牵头地关联",
        "site_count" => "牵头地数量",
        "site_minimum" => "牵头地最低投入",
        "target" => "目标",
        "regional_floor" => "区域支出下限",
        "area_funding" => "领域资金",
        "continuity_growth" => "领域资金增长上限",
        "continuity_decline" => "领域资金下降下限",
        "central_funding" => "中央资金",
        "concentration" => "中央资金集中度上限",
        "pool_split" => "资金池分配",
        "pool_platform_split" => "资金池平台分配",
        "pool_balance" => "资金池平衡",
        "assured" => "自主保障判定",
        "threshold_order" => "研发门槛顺序",
        "threshold_gate" => "研发门槛",
        "drift_ceiling" => "自然增长上限",
        "mode_funding" => "工具资金",
        "mode_continuity_growth" => "工具资金增长上限",
        "mode_continuity_decline" => "工具资金下降下限",
        "response_after_horizon" => "规划期后响应",
        "segment_after_horizon" => "规划期后响应分段",
        other => other,
    }
}

/// How a limit reads: "2024年 east 的地方预算".
pub fn limit_what(l: &LimitChange, lang: Lang) -> String {
    if lang == Lang::En {
        return l.what();
    }
    limit_name(&l.family, &l.keys, &l.year, lang)
}

/// A limit by meaning, in Chinese: its row family (`central_budget`), its
/// keys as duals.csv writes them (`province=east;…`) and its year ("" for
/// the whole horizon).
pub fn limit_name(family_id: &str, keys: &str, year: &str, lang: Lang) -> String {
    let mut whose = Vec::new();
    let mut of = Vec::new();
    let pairs = keys
        .split(';')
        .filter_map(|k| k.split_once('='))
        .filter(|(_, v)| !v.is_empty());
    for (name, value) in pairs {
        match name {
            "province" => whose.push(value.to_string()),
            "region" => whose.push(region(value, lang)),
            "area" => of.push(format!("领域 {value}")),
            "item" => of.push(format!("项目 {value}")),
            "needs" => of.push(format!("所需 {value}")),
            "target" if family_id != "target" => of.push(format!("目标 {value}")),
            "target" => of.push(value.to_string()),
            "mode" => of.push(instrument(value, lang)),
            "pool" => of.push(format!("资金池 {value}")),
            "segment" => of.push(format!("第{value}段")),
            _ => of.push(value.to_string()),
        }
    }
    let mut s = String::new();
    if !year.is_empty() {
        s.push_str(&format!("{year}年"));
    }
    if !whose.is_empty() {
        s.push_str(&format!("{} 的", whose.join("、")));
    }
    s.push_str(family(family_id));
    if !of.is_empty() {
        s.push_str(&format!("({})", of.join("，")));
    }
    s
}

/// The unit one more step of a limit is counted in.
pub fn step(unit: DualUnit) -> &'static str {
    match unit {
        DualUnit::Budget
        | DualUnit::RegionalSpending
        | DualUnit::Funding
        | DualUnit::RampAllowance
        | DualUnit::RequiredFunding
        | DualUnit::AllowedCentralFunding
        | DualUnit::CentralFunding
        | DualUnit::PoolInflow => "亿元",
        DualUnit::Talent => "千人",
        DualUnit::Capacity => "能力单位",
        DualUnit::Platform => "个平台",
        DualUnit::TargetPoint | DualUnit::TargetShare => "个百分点",
        DualUnit::Site => "个牵头地",
        DualUnit::EffortUnit => "个投入单位",
        DualUnit::EffectiveEffort => "个有效投入单位",
        DualUnit::AllowedLeadShare
        | DualUnit::ItemShare
        | DualUnit::Share
        | DualUnit::SegmentWidth => "个单位份额",
        DualUnit::ThresholdIndicator => "个门槛指示单位",
    }
}

fn worth(w: &Worth) -> String {
    let bound = |word: &'static str| if w.measured { "" } else { word };
    match w.effect {
        Effect::Saves => format!(
            "可使目标函数减少{}{}亿元",
            bound("至多"),
            readable(w.amount_yi)
        ),
        Effect::Costs => format!(
            "会使目标函数增加{}{}亿元",
            bound("至少"),
            readable(w.amount_yi)
        ),
        Effect::Nothing => "不改变目标函数".into(),
    }
}

/// A limit's sentence a planner can forward, every value unsigned.
pub fn limit_sentence(l: &LimitChange, before: &str, after: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return l.sentence(before, after);
    }
    let one_more = format!("{}每增加1{}", limit_what(l, lang), step(l.unit));
    match (l.worth_before, l.worth_after) {
        (None, Some(w)) => format!(
            "{one_more}，在 {after} 中{}(该约束在 {after} 中起作用，在 {before} 中不起作用)",
            worth(&w)
        ),
        (Some(w), None) => format!(
            "{one_more}，在 {before} 中{}(该约束在 {before} 中起作用，在 {after} 中不再起作用)",
            worth(&w)
        ),
        (Some(b), Some(a)) => format!(
            "{one_more}，在 {before} 中{}，在 {after} 中{}",
            worth(&b),
            worth(&a)
        ),
        (None, None) => limit_what(l, lang),
    }
}

/// How a target's level moved, in words.
pub fn level_words(t: &TargetChange, lang: Lang) -> String {
    if lang == Lang::En {
        return super::diff::level_words(t);
    }
    let points = t.points();
    if points > 0.05 {
        format!("上升{points:.1}个百分点")
    } else if points < -0.05 {
        format!("下降{:.1}个百分点", -points)
    } else {
        "不变".into()
    }
}
