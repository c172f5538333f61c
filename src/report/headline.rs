//! The finding of a solve in words, in English or Chinese: the lines that
//! open report.md, report.html and the printed summary (real spending, the
//! headline targets apart from item floors, and why each missed target is
//! missed), and the solver's figures in plain words for further down.

use crate::analysis::headline::{Headline, Missed, MissingCost, NotEstimated, Verdict};
use crate::charts::{number, percent};
use crate::instance::diagnose::reach::{BeyondReach, OutOfReach};
use crate::instance::Instance;
use crate::run::findings::{MetCount, TargetKind};
use crate::run::RunResult;

use super::html::i18n::Lang;

/// Largest number of item names a line lists before it counts them instead.
const NAMED_ITEMS: usize = 4;

/// A very small non-negative number as people write it: `0`, or
/// `3.1 × 10⁻¹¹` (for the checker's largest violation).
pub fn tiny(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return if v == 0.0 { "0".into() } else { v.to_string() };
    }
    if v.abs() >= 0.01 {
        return number(v);
    }
    let exponent = v.abs().log10().floor() as i32;
    let mantissa = v / 10f64.powi(exponent);
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digits: String = exponent
        .unsigned_abs()
        .to_string()
        .chars()
        .map(|c| SUPERSCRIPTS[c.to_digit(10).unwrap_or(0) as usize])
        .collect();
    format!("{mantissa:.1} × 10⁻{digits}")
}

fn yi(v: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} 亿元", number(v)),
        Lang::Zh => format!("{}亿元", number(v)),
    }
}

/// "Real spending: …" — total, central and provincial, undiscounted.
pub fn spending_line(inst: &Instance, h: &Headline, lang: Lang) -> String {
    let (first, last) = (inst.years[0], inst.years[inst.years.len() - 1]);
    match lang {
        Lang::En => format!(
            "Real spending: {} over {first}–{last} (central {}, provincial {}), undiscounted.",
            yi(h.spend_total_yi, lang),
            yi(h.spend_central_yi, lang),
            yi(h.spend_provincial_yi, lang)
        ),
        Lang::Zh => format!(
            "实际支出：{first}–{last}年共{}(中央{}，地方{})，未贴现。",
            yi(h.spend_total_yi, lang),
            yi(h.spend_central_yi, lang),
            yi(h.spend_provincial_yi, lang)
        ),
    }
}

/// "Headline targets met 0 / 4; item floors met 34 / 34."
pub fn targets_line(h: &Headline, lang: Lang) -> String {
    let count = |c: MetCount| format!("{} / {}", c.met, c.total);
    let (headline, floors) = (h.headline_targets, h.item_floors);
    match lang {
        Lang::En => {
            let mut parts = Vec::new();
            if headline.total > 0 || floors.total == 0 {
                parts.push(format!("Headline targets met {}", count(headline)));
            }
            if floors.total > 0 {
                let floors = format!("item floors met {}", count(floors));
                parts.push(if parts.is_empty() {
                    format!("I{}", &floors[1..])
                } else {
                    floors
                });
            }
            format!("{}.", parts.join("; "))
        }
        Lang::Zh => {
            let mut parts = Vec::new();
            if headline.total > 0 || floors.total == 0 {
                parts.push(format!("总体目标达成 {}", count(headline)));
            }
            if floors.total > 0 {
                parts.push(format!("单项底线达成 {}", count(floors)));
            }
            format!("{}。", parts.join("；"))
        }
    }
}

/// One missed target in words: the target, its verdict (out of reach,
/// underfunded, …) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct MissedLine {
    pub subject: String,
    pub verdict: String,
    pub detail: String,
}

impl MissedLine {
    /// The line as one sentence.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("{}: {} — {}.", self.subject, self.verdict, self.detail),
            Lang::Zh => format!("{}：{}——{}。", self.subject, self.verdict, self.detail),
        }
    }
}

/// The verdict of one missed target: the target, then out of reach or
/// underfunded and why.
pub fn missed_line(inst: &Instance, m: &Missed, lang: Lang) -> MissedLine {
    let target = &inst.targets[m.target];
    let year = inst.years[target.year];
    let group = lang.group(inst, &target.group);
    let floor = m.kind == TargetKind::ItemFloor;
    let subject = match lang {
        Lang::En => format!(
            "{}{} ({group}, {} required in {year}, {} reached)",
            if floor { "item floor " } else { "" },
            target.id,
            percent(m.level),
            percent(m.achieved)
        ),
        Lang::Zh => format!(
            "{}{}({group}，{year}年要求{}，实现{})",
            if floor { "单项底线 " } else { "" },
            target.id,
            percent(m.level),
            percent(m.achieved)
        ),
    };
    let (verdict, detail) = match &m.verdict {
        Verdict::OutOfReach(beyond) => out_of_reach(inst, beyond, year, lang),
        Verdict::Underfunded(Ok(cost)) => underfunded(cost, m.level, year, lang),
        Verdict::Underfunded(Err(why)) => not_estimated(why, year, lang),
        Verdict::DearerThanPenalty {
            frontier,
            penalty_yi_per_point,
        } => match lang {
            Lang::En => (
                "within the budgets but dearer than its penalty".to_string(),
                format!(
                    "the resources could take the group to {} in {year}, but each further point costs more than the shortfall penalty of {} a point, so the plan pays the penalty instead",
                    percent(*frontier),
                    yi(*penalty_yi_per_point, lang)
                ),
            ),
            Lang::Zh => (
                "预算可及但代价高于罚项".to_string(),
                format!(
                    "现有资源可使该范围{year}年达到{}，但每多一个百分点的成本高于每百分点{}的缺口罚项，方案选择承担罚项",
                    percent(*frontier),
                    yi(*penalty_yi_per_point, lang)
                ),
            ),
        },
    };
    MissedLine {
        subject,
        verdict,
        detail,
    }
}

fn item_names(inst: &Instance, items: &[usize], lang: Lang) -> String {
    if items.len() > NAMED_ITEMS {
        return match lang {
            Lang::En => format!("{} of its items", items.len()),
            Lang::Zh => format!("其中{}个项目", items.len()),
        };
    }
    let names: Vec<String> = items.iter().map(|&k| lang.item(inst, k)).collect();
    names.join(match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    })
}

fn out_of_reach(inst: &Instance, beyond: &OutOfReach, year: i32, lang: Lang) -> (String, String) {
    let most = percent(beyond.most);
    let why = match (&beyond.why, lang) {
        (BeyondReach::Ceilings, Lang::En) => {
            "the level is above its items' ceilings (smax), whatever the year or budget".to_string()
        }
        (BeyondReach::Ceilings, Lang::Zh) => {
            "要求高于其项目自给率上限(smax)，与年份和预算无关".to_string()
        }
        (BeyondReach::Lags { items, first_year }, _) => {
            let longest = items.iter().map(|&(_, lag)| lag).max().unwrap_or(0);
            let ids: Vec<usize> = items.iter().map(|&(k, _)| k).collect();
            let names = item_names(inst, &ids, lang);
            let t0 = inst.years[0];
            let longest = match lang {
                Lang::En if longest == 1 => "1 year".to_string(),
                Lang::En => format!("{longest} years"),
                Lang::Zh => format!("{longest}年"),
            };
            match (lang, first_year) {
                (Lang::En, Some(y)) => format!(
                    "effort from {t0} cannot take effect by {year} on {names} (effect lags up to {longest}); the lags allow the level from {y} at the earliest"
                ),
                (Lang::En, None) => format!(
                    "effort from {t0} cannot take effect by {year} on {names} (effect lags up to {longest})"
                ),
                (Lang::Zh, Some(y)) => format!(
                    "{t0}年起的投入到{year}年还不能在{names}上见效(见效滞后最长{longest})；最早{y}年方可达到"
                ),
                (Lang::Zh, None) => format!(
                    "{t0}年起的投入到{year}年还不能在{names}上见效(见效滞后最长{longest})"
                ),
            }
        }
        (BeyondReach::Resources { items }, Lang::En) => format!(
            "no province has the budget, talent or platform capacity to fund {} early enough",
            item_names(inst, items, lang)
        ),
        (BeyondReach::Resources { items }, Lang::Zh) => format!(
            "没有省份具备及早资助{}所需的预算、人才或平台能力",
            item_names(inst, items, lang)
        ),
    };
    match lang {
        Lang::En => (
            "out of reach".to_string(),
            format!("the most any plan can reach in {year} is {most}: {why}"),
        ),
        Lang::Zh => (
            "无法达到".to_string(),
            format!("任何方案在{year}年最多达到{most}：{why}"),
        ),
    }
}

fn underfunded(cost: &MissingCost, level: f64, year: i32, lang: Lang) -> (String, String) {
    let points = 100.0 * (level - cost.frontier);
    let place = cost.best_place.as_deref().unwrap_or("");
    match lang {
        Lang::En => (
            "underfunded".to_string(),
            format!(
            "with the plan's resources the group reaches at most {} in {year}; at today's rate one more point needs about {} of central budget{}, so the {:.1} points from there to {} need roughly {} or more",
            percent(cost.frontier),
            yi(cost.yi_per_point, lang),
            if place.is_empty() { String::new() } else { format!(" (spent in {place})") },
            points,
            percent(level),
            yi(cost.more_budget_yi, lang)
        ),
        ),
        Lang::Zh => (
            "资金不足".to_string(),
            format!(
            "以方案现有资源，该范围{year}年最多达到{}；按当前边际，每多一个百分点约需中央预算{}{}，补足到{}的{:.1}个百分点约需{}或更多",
            percent(cost.frontier),
            yi(cost.yi_per_point, lang),
            if place.is_empty() { String::new() } else { format!("({place}年投入)") },
            percent(level),
            points,
            yi(cost.more_budget_yi, lang)
        ),
        ),
    }
}

fn not_estimated(why: &NotEstimated, year: i32, lang: Lang) -> (String, String) {
    let reason = match (why, lang) {
        (NotEstimated::NotExplained, Lang::En) => {
            "this run was not explained (--no-explain; qiangji sensitivity measures it)".to_string()
        }
        (NotEstimated::NotExplained, Lang::Zh) => {
            "本次运行未作解释(--no-explain；可用 qiangji sensitivity 测算)".to_string()
        }
        (NotEstimated::ExplanationFailed(e), Lang::En) => {
            format!("the explanation failed ({e})")
        }
        (NotEstimated::ExplanationFailed(e), Lang::Zh) => format!("解释计算失败({e})"),
        (NotEstimated::NotRated, Lang::En) => {
            "the quick explanation did not rate this target (qiangji sensitivity rates every one)"
                .to_string()
        }
        (NotEstimated::NotRated, Lang::Zh) => {
            "快速解释未测算该目标(qiangji sensitivity 测算全部目标)".to_string()
        }
        (NotEstimated::BudgetBuysNothing { frontier }, Lang::En) => format!(
            "with the plan's resources the group reaches at most {} in {year}, and more central budget alone buys no point: provincial budgets, talent or platform capacity limit it first",
            percent(*frontier)
        ),
        (NotEstimated::BudgetBuysNothing { frontier }, Lang::Zh) => format!(
            "以方案现有资源该范围{year}年最多达到{}，仅增加中央预算不能提高：地方预算、人才或平台能力先成为约束",
            percent(*frontier)
        ),
    };
    match lang {
        Lang::En => (
            "underfunded (within reach)".to_string(),
            format!("what the missing points cost is not estimated: {reason}"),
        ),
        Lang::Zh => (
            "资金不足(可以达到)".to_string(),
            format!("补足缺口的成本未估算：{reason}"),
        ),
    }
}

/// The finding as lines: spending, targets met, one line per missed target.
pub fn lines(inst: &Instance, h: &Headline, lang: Lang) -> Vec<String> {
    let mut lines = vec![spending_line(inst, h, lang), targets_line(h, lang)];
    lines.extend(
        h.missed
            .iter()
            .map(|m| missed_line(inst, m, lang).text(lang)),
    );
    lines
}

/// The solver's status, its gap and the independent check in plain words,
/// with their figures labelled.
pub fn solver_lines(result: &RunResult, lang: Lang) -> Vec<String> {
    let o = &result.outcome;
    let mut lines = vec![match lang {
        Lang::En => format!("Solver status: {} — {}.", o.status.id(), o.status.explain()),
        Lang::Zh => format!("求解状态：{}。", super::html::status_text(o.status, lang)),
    }];
    if let (Some(gap), true) = (o.mip_gap, result.size.integers > 0) {
        let bound = o.best_bound.map(|b| yi(b, lang)).unwrap_or_default();
        lines.push(match lang {
            Lang::En => format!(
                "Optimality: the plan's objective is proven within {:.4}% of the best possible (MIP gap; best bound {bound}).",
                100.0 * gap
            ),
            Lang::Zh => format!(
                "最优性：方案目标函数值与可能的最优值相差不超过{:.4}%(混合整数间隙；最优界{bound})。",
                100.0 * gap
            ),
        });
    }
    if let Some(check) = &result.check {
        let exact = check.max_violation == 0.0;
        lines.push(match (lang, check.passed) {
            (Lang::En, true) if exact => format!(
                "Independent check: passed — {} conditions re-computed from the instance all hold exactly.",
                check.checks
            ),
            (Lang::Zh, true) if exact => format!(
                "独立校验：通过——依据实例重新计算的{}项条件全部严格满足。",
                check.checks
            ),
            (Lang::En, true) => format!(
                "Independent check: passed — {} conditions re-computed from the instance all hold (largest violation {}, rounding).",
                check.checks,
                tiny(check.max_violation)
            ),
            (Lang::En, false) => format!(
                "Independent check: FAILED — largest violation {}.",
                tiny(check.max_violation)
            ),
            (Lang::Zh, true) => format!(
                "独立校验：通过——依据实例重新计算的{}项条件全部满足(最大违反量{}，属舍入误差)。",
                check.checks,
                tiny(check.max_violation)
            ),
            (Lang::Zh, false) => format!(
                "独立校验：未通过——最大违反量{}。",
                tiny(check.max_violation)
            ),
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_numbers_are_written_for_people() {
        assert_eq!(tiny(0.0), "0");
        assert_eq!(tiny(2.5e-11), "2.5 × 10⁻¹¹");
        assert_eq!(tiny(9.24e-13), "9.2 × 10⁻¹³");
        assert_eq!(tiny(0.5), "0.50");
    }
}
