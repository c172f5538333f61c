//! report.md: a readable summary a planner can forward — targets met or
//! missed, where the money goes, binding resources and what one more unit of
//! each is worth. Every number comes from the run's findings and the
//! analyses; this module only writes them.

use std::fmt::Write;

use crate::instance::Instance;
use crate::readback::spending::Payers;
use crate::run::findings::Findings;
use crate::run::RunResult;

use super::headline;
use super::html::i18n::{self as t, Lang};
use super::margins::{exchange_section, lower_cell, raise_cell, worth_section};
use super::rerun::Rerun;
use super::Analyses;
use crate::analysis::headline::Headline;

fn yi(v: f64) -> String {
    format!("{v:.2}")
}

fn pct(share: f64) -> String {
    format!("{:.1}%", 100.0 * share)
}

/// The objective as its parts, with `decimals` digits: ω_cost × discounted
/// real spending + shortfall penalty (a device) − ω_suff × mean
/// self-sufficiency (a weight on points), each named.
pub fn objective_in_parts(result: &RunResult, decimals: usize) -> String {
    objective_in_parts_in(result, decimals, Lang::En)
}

/// [`objective_in_parts`] in `lang`.
pub fn objective_in_parts_in(result: &RunResult, decimals: usize, lang: Lang) -> String {
    let w = &result.build.objective;
    let Some(terms) = &result.objective_terms else {
        return String::new();
    };
    let discounted = terms.discounted_real_spend_yi;
    let f = |v: f64| format!("{v:.decimals$}");
    let zh = lang == Lang::Zh;
    let spending = match (w.cost_weight == 1.0, zh) {
        (true, false) => format!("discounted spending {} 亿元", f(discounted)),
        (true, true) => format!("贴现支出 {} 亿元", f(discounted)),
        (false, false) => format!(
            "{} × discounted spending {} 亿元",
            w.cost_weight,
            f(discounted)
        ),
        (false, true) => format!("{} × 贴现支出 {} 亿元", w.cost_weight, f(discounted)),
    };
    let penalty = f(terms.shortfall_penalty_yi);
    let mut text = if zh {
        format!("{spending} + 缺口罚项 {penalty} 亿元(并非资金)")
    } else {
        format!("{spending} + shortfall penalty {penalty} 亿元 (not money)")
    };
    if w.sufficiency_weight > 0.0 {
        let (weight, points) = (w.sufficiency_weight, f(terms.sufficiency_points));
        text.push_str(&if zh {
            format!(" − {weight} × 平均自给率 {points} 个百分点(对百分点的权重，并非资金)")
        } else {
            format!(" − {weight} × mean self-sufficiency {points} points (a weight on points, not money)")
        });
    }
    if terms.horizon_end_term_yi != 0.0 {
        let value = f(-terms.horizon_end_term_yi);
        text.push_str(&if zh {
            format!(" − 规划期后购得份额的价值 {value} 亿元(并非资金)")
        } else {
            format!(" − value of the share bought after the horizon {value} 亿元 (not money)")
        });
    }
    text
}

/// report.md of a solve, with the analyses computed for it.
/// `headline` is the finding of the plan, when there is one; `rerun` the
/// run's options, which every suggested command repeats; `lang` the
/// language of every word (names from the instance's `name_zh` columns in
/// Chinese; ids stay where a file or command needs them).
pub fn report(
    inst: &Instance,
    result: &RunResult,
    analyses: &Analyses,
    headline: Option<&Headline>,
    rerun: &Rerun,
    lang: Lang,
) -> String {
    let mut md = String::new();
    let w = Md { inst, lang };
    w.heading(&mut md, result);
    let (Some(found), Some(headline)) = (&result.findings, headline) else {
        w.status(&mut md, result);
        let _ = writeln!(md, "\n{}", lang.t(t::NO_PLAN));
        return md;
    };
    w.finding(&mut md, headline);
    w.targets(&mut md, found, analyses);
    w.rd_thresholds(&mut md, found);
    w.status(&mut md, result);
    w.money(&mut md, found);
    if !found.pools.is_empty() {
        md.push_str(&super::pools::pools_markdown(inst, found, lang));
    }
    w.lead_sites(&mut md, found);
    w.worth(&mut md, found, analyses, rerun);
    w.sufficiency(&mut md, result, found);
    if let (true, Some(plan)) = (inst.training_budget.is_given(), result.plan.as_ref()) {
        let marginal = analyses.explanation.as_ref().map(|e| &e.marginal);
        md.push_str(&super::training_budget::markdown(
            inst, plan, marginal, lang,
        ));
    }
    if let Some(line) = super::horizon_end::markdown_line(inst, result, lang) {
        let _ = write!(md, "\n{line}");
    }
    if let Some(rolling) = &analyses.rolling {
        md.push_str(&super::rolling::markdown(rolling, lang));
    }
    if let Some(study) = &analyses.robust {
        md.push_str(&super::robust::markdown(inst, study));
    }
    md
}

/// The writer of report.md: the instance for names and the language.
struct Md<'a> {
    inst: &'a Instance,
    lang: Lang,
}

/// "yes"/"no" and the like: the English words of report.md, or Chinese.
fn pick(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

impl Md<'_> {
    fn area(&self, a: usize) -> String {
        match self.lang {
            Lang::En => self.inst.areas[a].id.clone(),
            Lang::Zh => self.lang.area(self.inst, a),
        }
    }

    fn province(&self, p: usize) -> String {
        match self.lang {
            Lang::En => self.inst.provinces[p].id.clone(),
            Lang::Zh => self.lang.province(self.inst, p),
        }
    }

    fn item(&self, k: usize) -> String {
        match self.lang {
            Lang::En => self.inst.items[k].id.clone(),
            Lang::Zh => self.lang.item(self.inst, k),
        }
    }

    fn mode(&self, m: usize) -> String {
        match self.lang {
            Lang::En => self.inst.model.modes[m].id.clone(),
            Lang::Zh => self.lang.mode(self.inst, crate::instance::Mode(m)),
        }
    }

    fn heading(&self, md: &mut String, result: &RunResult) {
        let (inst, lang) = (self.inst, self.lang);
        let _ = writeln!(
            md,
            "# {}{}{}\n",
            lang.t(t::MD_TITLE),
            lang.t(t::MD_COLON),
            inst.name
        );
        let description = lang.description(inst);
        if !description.is_empty() {
            let _ = writeln!(md, "{description}\n");
        }
        let (first, last) = (inst.years[0], inst.years[inst.years.len() - 1]);
        let (items, areas, provinces) = (inst.items.len(), inst.areas.len(), inst.provinces.len());
        let relaxed = result.build.relax;
        let _ = match lang {
            Lang::En => writeln!(
                md,
                "Horizon {first}–{last}, {items} items in {areas} areas, {provinces} provinces. Objective: `{}`{}.\n",
                result.objective_preset,
                if relaxed { " (LP relaxation)" } else { "" }
            ),
            Lang::Zh => writeln!(
                md,
                "规划期 {first}–{last} 年，{items} 个关键项目，{areas} 个基础领域，{provinces} 个省级地区。目标函数：{}(`{}`){}。\n",
                lang.preset(inst, &result.objective_preset),
                result.objective_preset,
                if relaxed { "，线性松弛" } else { "" }
            ),
        };
    }

    /// What a programme officer reads first: real spending, the headline
    /// targets apart from item floors, and why each missed target is missed.
    fn finding(&self, md: &mut String, headline: &Headline) {
        let _ = writeln!(md, "## {}\n", self.lang.t(t::FINDING));
        for line in headline::lines(self.inst, headline, self.lang) {
            let _ = writeln!(md, "- {line}");
        }
    }

    /// The objective, the penalty and the solver's status, in words, below the finding.
    fn status(&self, md: &mut String, result: &RunResult) {
        let lang = self.lang;
        let o = &result.outcome;
        let _ = writeln!(md, "\n## {}\n", lang.t(t::OBJECTIVE_AND_SOLVER));
        if let (Some(obj), Some(_)) = (o.objective, &result.findings) {
            let parts = objective_in_parts_in(result, 2, lang);
            let _ = match lang {
                Lang::En => writeln!(
                    md,
                    "- Objective (what the solver minimises): {} 亿元 = {parts}. The penalty prices missed targets; it is a modelling device, not money.",
                    yi(obj),
                ),
                Lang::Zh => writeln!(
                    md,
                    "- 目标函数(求解器最小化的量)：{} 亿元 = {parts}。罚项为未达成目标定价，是建模手段，并非资金。",
                    yi(obj),
                ),
            };
        } else if let Some(obj) = o.objective {
            let _ = writeln!(md, "- {}: {} 亿元.", lang.t(t::OBJECTIVE), yi(obj));
        }
        for line in headline::solver_lines(result, lang) {
            let _ = writeln!(md, "- {line}");
        }
    }

    fn targets(&self, md: &mut String, found: &Findings, analyses: &Analyses) {
        let lang = self.lang;
        let _ = writeln!(md, "\n## {}\n", lang.t(t::TARGETS));
        if found.targets.is_empty() {
            let _ = writeln!(md, "{}", lang.t(t::MD_NO_TARGETS));
            return;
        }
        let marginal = analyses.explanation.as_ref().map(|e| &e.marginal);
        let _ = writeln!(md, "{}", lang.t(t::MD_TARGETS_HEADER));
        let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (g, tg) in found.targets.iter().enumerate() {
            let v = marginal.and_then(|m| m.of_target(g));
            let (up, down) = (raise_cell(v, true, lang), lower_cell(v, lang));
            let group = match lang {
                Lang::En => tg.group.clone(),
                Lang::Zh => lang.group(self.inst, &tg.group),
            };
            let _ = writeln!(
                md,
                "| {} | {group} | {} | {} | {} | {} | {} | {} | {up} | {down} | {} | {} |",
                if tg.metric == "count" {
                    format!("{}{}", tg.id, lang.t(t::MD_COUNT_MARK))
                } else {
                    tg.id.clone()
                },
                tg.year,
                pct(tg.level),
                pct(tg.achieved),
                pct(tg.achieved_realised),
                pct(tg.shortfall),
                if tg.met {
                    lang.t(t::YES)
                } else {
                    lang.t(t::MD_NO_BOLD)
                },
                pct(tg.measures.weighted),
                pick(
                    lang,
                    format!(
                        "{} of {} ({})",
                        tg.measures.assured,
                        tg.measures.items,
                        pct(tg.measures.count_share())
                    ),
                    format!(
                        "{}/{}({})",
                        tg.measures.assured,
                        tg.measures.items,
                        pct(tg.measures.count_share())
                    ),
                ),
            );
        }
        let _ = writeln!(md, "\n{}", lang.t(t::MD_TARGETS_NOTE));
    }

    /// A table of central and provincial money, rows in `order`.
    fn payers_table(
        &self,
        md: &mut String,
        title: &str,
        name: impl Fn(usize) -> String,
        payers: &[Payers],
        order: &[usize],
    ) {
        let _ = writeln!(md, "| {title} | {} |", self.lang.t(t::MD_PAYERS_HEADER));
        let _ = writeln!(md, "|---|---|---|---|");
        for &i in order {
            let p = &payers[i];
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                name(i),
                yi(p.central_yi),
                yi(p.provincial_yi),
                yi(p.total_yi())
            );
        }
        let _ = writeln!(md);
    }

    fn money(&self, md: &mut String, found: &Findings) {
        let lang = self.lang;
        let _ = writeln!(md, "\n## {}\n", lang.t(t::MONEY));
        let (total, central, provincial) = (
            yi(found.spend.total_yi),
            yi(found.spend.central_yi),
            yi(found.spend.provincial_yi),
        );
        let _ = match lang {
            Lang::En => writeln!(
                md,
                "Real spending {total} 亿元 over the horizon, undiscounted: central {central} 亿元, provincial {provincial} 亿元 (the shortfall penalty is not spending).\n",
            ),
            Lang::Zh => writeln!(
                md,
                "规划期内实际支出 {total} 亿元(未贴现)：中央 {central} 亿元，地方 {provincial} 亿元(缺口罚项不是支出)。\n",
            ),
        };
        let breakdown = &found.spending;
        let _ = writeln!(md, "{}\n", lang.t(t::MD_BY_AREA));
        self.payers_table(
            md,
            lang.t(t::MD_AREA),
            |a| self.area(a),
            &breakdown.by_area,
            &found.areas_by_spending,
        );
        let _ = writeln!(md, "{}\n", lang.t(t::MD_BY_PROVINCE));
        self.payers_table(
            md,
            lang.t(t::PROVINCE),
            |p| self.province(p),
            &breakdown.by_province,
            &found.provinces_by_spending,
        );
        self.leading_provinces(md, found);
        let _ = writeln!(md, "{}\n", lang.t(t::MD_BY_INSTRUMENT));
        self.payers_table(
            md,
            lang.t(t::MD_MODE),
            |m| self.mode(m),
            &breakdown.by_mode,
            &found.modes_by_spending,
        );
        self.by_year(md, found);
        self.after_horizon(md, found);
    }

    fn by_year(&self, md: &mut String, found: &Findings) {
        let lang = self.lang;
        let _ = writeln!(md, "{}\n", lang.t(t::MD_BY_YEAR));
        let _ = writeln!(md, "{}", lang.t(t::MD_BY_YEAR_HEADER));
        let _ = writeln!(md, "|---|---|---|---|---|---|");
        for (y, s) in found.spend_by_year.iter().enumerate() {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} |",
                self.inst.years[y],
                yi(s.central_yi()),
                yi(s.provincial_yi()),
                yi(s.platforms_yi()),
                yi(s.training_yi),
                yi(s.total_yi())
            );
        }
    }

    fn after_horizon(&self, md: &mut String, found: &Findings) {
        let (inst, lang) = (self.inst, self.lang);
        let late = found.spending.after_horizon();
        let late_years: Vec<String> = found
            .spending
            .after_horizon_by_year
            .iter()
            .enumerate()
            .filter(|(_, p)| p.total_yi() > 1e-9)
            .map(|(y, p)| format!("{} {}", inst.years[y], yi(p.total_yi())))
            .collect();
        let last = inst.years[inst.years.len() - 1];
        let (total, central, provincial) = (
            yi(late.total_yi()),
            yi(late.central_yi),
            yi(late.provincial_yi),
        );
        let by_year = if late_years.is_empty() {
            String::new()
        } else {
            format!(
                "{}{}",
                lang.t(t::MD_LATE_BY_YEAR),
                late_years.join(lang.t(t::MD_COMMA))
            )
        };
        let continuity = if inst.continuity.is_some() {
            lang.t(t::MD_LATE_CONTINUITY)
        } else {
            ""
        };
        let _ = match lang {
            Lang::En => writeln!(
                md,
                "\nSpending whose effect falls after {last}: {total} 亿元 (central {central}, provincial {provincial}){by_year}. It buys nothing inside the horizon (effort past its effect lag, platforms past their construction lag, training past its lag){continuity}.",
            ),
            Lang::Zh => writeln!(
                md,
                "\n效果落在 {last} 年之后的支出：{total} 亿元(中央 {central}，地方 {provincial}){by_year}。它在规划期内不产生任何效果(投入超出其效果滞后期、平台超出其建设期、培训超出其滞后期){continuity}。",
            ),
        };
    }

    /// Why the leading provinces get the money: their advantage in the areas they
    /// are funded for, and the limits that bind there (rows with a price).
    fn leading_provinces(&self, md: &mut String, found: &Findings) {
        let lang = self.lang;
        if found.leading_provinces.is_empty() {
            return;
        }
        let _ = writeln!(md, "{}\n", lang.t(t::MD_WHY_THESE));
        let separator = lang.t(t::MD_COMMA);
        for lead in &found.leading_provinces {
            let adv: Vec<String> = lead
                .areas
                .iter()
                .map(|&(a, advantage)| format!("{} {:.2}", self.area(a), advantage))
                .collect();
            let limits: Vec<String> = lead
                .binding
                .iter()
                .map(|(label, years)| {
                    let years: Vec<String> = years.iter().map(i32::to_string).collect();
                    format!("{} ({})", binding_label(label, lang), years.join(", "))
                })
                .collect();
            let name = self.province(lead.province);
            let funding = yi(lead.funding_yi);
            let adv = adv.join(separator);
            let limits = limits.join(lang.t(t::LIST_SEPARATOR));
            let _ = match (lang, limits.is_empty()) {
                (Lang::En, true) => writeln!(
                    md,
                    "- **{name}** ({funding} 亿元): advantage {adv}; no local limit binds"
                ),
                (Lang::En, false) => writeln!(
                    md,
                    "- **{name}** ({funding} 亿元): advantage {adv}; binding: {limits}"
                ),
                (Lang::Zh, true) => {
                    writeln!(
                        md,
                        "- **{name}**({funding} 亿元)：优势指数 {adv}；无地方约束起作用"
                    )
                }
                (Lang::Zh, false) => writeln!(
                    md,
                    "- **{name}**({funding} 亿元)：优势指数 {adv}；起作用的约束：{limits}"
                ),
            };
        }
        let _ = writeln!(md);
    }

    fn lead_sites(&self, md: &mut String, found: &Findings) {
        let lang = self.lang;
        let _ = writeln!(md, "\n## {}\n", lang.t(t::LEAD_SITES));
        if found.lead_sites.is_empty() {
            let _ = writeln!(md, "{}", lang.t(t::NO_LEAD_SITES));
        }
        for s in &found.lead_sites {
            let (item, province) = (self.item(s.item), self.province(s.province));
            let _ = match lang {
                Lang::En => writeln!(md, "- {item} in {province} (advantage {:.2})", s.advantage),
                Lang::Zh => writeln!(md, "- {province}：{item}(优势指数 {:.2})", s.advantage),
            };
        }
    }

    fn worth(&self, md: &mut String, found: &Findings, analyses: &Analyses, rerun: &Rerun) {
        let (inst, lang) = (self.inst, self.lang);
        let _ = writeln!(md, "\n## {}\n", lang.t(t::MD_WORTH));
        match (&analyses.explanation, &analyses.explanation_error) {
            (Some(ex), _) => {
                worth_section(md, inst, ex, rerun, lang);
                if ex.cut_short {
                    let (unrated, command) = (ex.exchange.not_rated.len(), rerun.sensitivity());
                    let _ = match lang {
                        Lang::En => writeln!(md, "\nThis explanation reached its time limit (ten times the plan's LP solve, at least a minute and at most ten): some values are shown by their dual bounds only and {unrated} targets have no exchange rates. `{command}` measures every one."),
                        Lang::Zh => writeln!(md, "\n本解释达到其时间上限(方案线性规划求解时间的十倍，至少一分钟、至多十分钟)：部分数值只给出对偶界，{unrated} 个目标没有交换率。`{command}` 可全部测算。"),
                    };
                }
            }
            (None, Some(e)) => {
                let _ = match lang {
                    Lang::En => writeln!(md, "Marginal values could not be measured: {e}."),
                    Lang::Zh => writeln!(md, "无法测算边际价值：{e}。"),
                };
            }
            (None, None) if analyses.explanation_skipped => {
                let command = rerun.sensitivity();
                let _ = match lang {
                    Lang::En => writeln!(md, "Not measured: this run was asked not to explain its plan (`--no-explain`). `{command}` measures every marginal value and exchange rate."),
                    Lang::Zh => writeln!(md, "未测算：本次运行要求不解释方案(`--no-explain`)。`{command}` 可测算全部边际价值与交换率。"),
                };
            }
            (None, None) => {
                let _ = writeln!(md, "{}", lang.t(t::MD_NOT_COMPUTED));
            }
        }
        if let Some(ex) = &analyses.explanation {
            let _ = writeln!(md, "\n## {}\n", lang.t(t::MD_EXCHANGE));
            exchange_section(md, inst, ex, lang);
        }
        let list: Vec<String> = found
            .priced_families
            .iter()
            .map(|(f, n)| match lang {
                Lang::En => format!("{f} ({n})"),
                Lang::Zh => format!("`{f}`({n})"),
            })
            .collect();
        let list = if list.is_empty() {
            lang.t(t::MD_NONE).to_string()
        } else {
            list.join(lang.t(t::MD_COMMA))
        };
        let _ = match lang {
            Lang::En => writeln!(
                md,
                "\nBinding rows with a non-zero dual, by family (duals.csv): {list}."
            ),
            Lang::Zh => writeln!(md, "\n对偶值非零的起作用约束，按族(duals.csv)：{list}。"),
        };
        let weight = rerun.build.objective.sufficiency_weight;
        if weight > 0.0 {
            let _ = match lang {
                Lang::En => writeln!(md, "\nUnder this objective the values above are in 亿元 of objective: {weight} 亿元 of objective per point of mean self-sufficiency, not money."),
                Lang::Zh => writeln!(md, "\n在此目标函数下，以上数值以目标函数的亿元计：平均自给率每个百分点折合目标函数 {weight} 亿元，并非资金。"),
            };
        }
    }

    fn sufficiency(&self, md: &mut String, result: &RunResult, found: &Findings) {
        use crate::readback::realise::GroupKind;
        let (inst, lang) = (self.inst, self.lang);
        let _ = writeln!(md, "\n## {}\n", lang.t(t::MD_SUFFICIENCY));
        let last = inst.years.len() - 1;
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            lang.t(t::MD_AREA),
            lang.t(t::INITIAL),
            inst.years[0],
            inst.years[last]
        );
        let _ = writeln!(md, "|---|---|---|---|");
        for g in &found.groups {
            let GroupKind::Area(a) = g.kind else { continue };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                self.area(a),
                pct(g.initial),
                pct(g.realised[0]),
                pct(g.realised[last])
            );
        }
        if result.build.objective.cost_weight == 0.0 {
            let _ = writeln!(md, "\n{}", lang.t(t::MD_UNIQUE_SPEND_NOTE));
        }
    }

    /// (THR) one line per item with an R&D threshold: when its realised
    /// cumulative effective effort passes it.
    fn rd_thresholds(&self, md: &mut String, found: &Findings) {
        let (inst, lang) = (self.inst, self.lang);
        if !inst.has_thresholds() {
            return;
        }
        let _ = writeln!(md, "\n## {}\n", lang.t(t::MD_THRESHOLDS));
        for r in &found.rd_thresholds {
            let item = self.item(r.item);
            let _ = match (lang, r.passed_year) {
                (Lang::En, Some(y)) => writeln!(md, "- {item}: threshold {} effort units of cumulative effective effort, passed in {y}; no share before then.", r.effort),
                (Lang::En, None) => writeln!(md, "- {item}: threshold {} effort units of cumulative effective effort, not passed inside the horizon: no share from the programme.", r.effort),
                (Lang::Zh, Some(y)) => writeln!(md, "- {item}：门槛为累计有效投入 {} 个投入单位，{y} 年越过；此前不计份额。", r.effort),
                (Lang::Zh, None) => writeln!(md, "- {item}：门槛为累计有效投入 {} 个投入单位，规划期内未越过：项目不带来份额。", r.effort),
            };
        }
    }
}

/// A provincial limit that binds, as [`crate::readback::provinces`] labels
/// it, in `lang`.
fn binding_label(label: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return label.to_string();
    }
    match label {
        "provincial budget" => "地方预算",
        "talent" => "人才",
        "platform capacity" => "平台能力",
        "platform build rate" => "平台建设速度",
        "training budget" => "培训预算上限",
        "training floor" => "培训预算下限",
        other => other,
    }
    .to_string()
}
