//! The comparison of a batch as a planner reads it: comparison.csv (one
//! row per case), comparison.md and the page of report.html. The rows are
//! read back from the case folders by
//! [`crate::analysis::compare::comparison`].

use std::fmt::Write as _;

use super::diff_zh as zh;
use super::html::compare::{status_word, ComparisonView, ScenarioRow, TargetColumn, TargetOutcome};
use super::html::i18n::{Lang, Text};
use super::html::{solver_status, status_text};
use super::tables::num;
use super::OutputError;
use crate::analysis::batch::BASE;
use crate::analysis::compare::comparison::{CaseRow, Comparison};

/// The most valuable extra resources of a case: "what: value unit", best
/// first, joined by "; ".
fn resources(r: &CaseRow) -> String {
    r.resources
        .iter()
        .map(|x| format!("{}: {} 亿元 per {}", x.limit, num(x.gain_yi), x.step))
        .collect::<Vec<_>>()
        .join("; ")
}

/// [`resources`] in the report's language.
fn resources_in(r: &CaseRow, lang: Lang) -> String {
    match lang {
        Lang::En => resources(r),
        Lang::Zh => r
            .resources
            .iter()
            .map(|x| {
                format!(
                    "{}：每增加1{}可节省{}亿元",
                    zh::limit_name(&x.family, &x.keys, &x.year, lang),
                    zh::step(x.unit),
                    num(x.gain_yi)
                )
            })
            .collect::<Vec<_>>()
            .join("；"),
    }
}

/// A label of comparison.md in the report's language.
fn l(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.t(Text::new(en, zh))
}

impl Comparison {
    /// comparison.csv: one row per case, units in the header.
    pub fn csv(&self) -> Result<Vec<u8>, OutputError> {
        let mut header: Vec<String> = [
            "scenario",
            "title",
            "status",
            "objective_yi",
            "mip_gap",
            "spend_total_yi",
            "spend_central_yi",
            "spend_provincial_yi",
            "spend_discounted_yi",
            "shortfall_penalty_yi",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for (id, _, _) in &self.targets {
            header.push(format!("{id}_year"));
            header.push(format!("{id}_required_share"));
            header.push(format!("{id}_achieved_share"));
            header.push(format!("{id}_shortfall_share"));
            header.push(format!("{id}_weighted_share"));
            header.push(format!("{id}_items_assured"));
            header.push(format!("{id}_items_in_group"));
        }
        let rated: Vec<String> = self
            .rows
            .iter()
            .flat_map(|r| r.points_per_yi.iter().map(|(id, _)| id.clone()))
            .fold(Vec::new(), |mut acc, id| {
                if !acc.contains(&id) {
                    acc.push(id);
                }
                acc
            });
        for id in &rated {
            header.push(format!("{id}_points_per_yi_central_budget"));
        }
        header.extend([
            "most_valuable_resources".into(),
            "lead_sites".into(),
            "note".into(),
        ]);
        let opt = |v: Option<f64>| v.map(num).unwrap_or_default();
        let mut w = csv::Writer::from_writer(Vec::new());
        let err = |e: csv::Error| OutputError {
            path: "comparison.csv".into(),
            message: e.to_string(),
        };
        w.write_record(&header).map_err(err)?;
        for r in &self.rows {
            let mut rec = vec![
                r.name.clone(),
                r.title.clone(),
                r.status.clone(),
                opt(r.objective_yi),
                opt(r.mip_gap),
                opt(r.spend_total_yi),
                opt(r.spend_central_yi),
                opt(r.spend_provincial_yi),
                opt(r.spend_discounted_yi),
                opt(r.penalty_yi),
            ];
            for g in 0..self.targets.len() {
                match r.targets.get(g).copied().flatten() {
                    Some(c) => rec.extend([
                        c.year.to_string(),
                        num(c.level),
                        num(c.achieved),
                        num(c.shortfall),
                        opt(c.weighted),
                        c.assured.map(|n| n.to_string()).unwrap_or_default(),
                        c.items.map(|n| n.to_string()).unwrap_or_default(),
                    ]),
                    None => rec.extend(std::iter::repeat_n(String::new(), 7)),
                }
            }
            for id in &rated {
                rec.push(opt(r
                    .points_per_yi
                    .iter()
                    .find(|(t, _)| t == id)
                    .and_then(|(_, v)| *v)));
            }
            rec.push(resources(r));
            rec.push(r.lead_sites.join(";"));
            rec.push(r.note.clone());
            w.write_record(&rec).map_err(err)?;
        }
        w.into_inner().map_err(|e| OutputError {
            path: "comparison.csv".into(),
            message: e.to_string(),
        })
    }

    /// comparison.md: the table a planner reads first, each scenario against
    /// the base case, then what each scenario is and what it changed.
    /// `described` is (case, title, rationale) in the report's language.
    pub fn markdown(
        &self,
        title: &str,
        described: &[(String, String, String)],
        lang: Lang,
    ) -> String {
        let mut md = String::new();
        let _ = writeln!(
            md,
            "# {}{}{title}\n",
            l(lang, "Scenario comparison", "情景比较"),
            l(lang, ": ", "：")
        );
        let _ = writeln!(
            md,
            "{}\n",
            l(
                lang,
                "Real spending is money (亿元, undiscounted over the horizon); the shortfall penalty is a modelling device that prices missed targets and is shown apart. Changes are against the base case.",
                "实际支出是资金(亿元，规划期内未贴现)；缺口罚项是为未达成目标定价的建模手段，另列。变化均相对于基准情景。"
            )
        );
        self.spending_table(&mut md, lang);
        if !self.targets.is_empty() {
            self.targets_table(&mut md, lang);
        }
        let _ = writeln!(md, "\n## {}\n", l(lang, "The scenarios", "各情景"));
        let base = self.base();
        for r in &self.rows {
            let (heading, why) = described
                .iter()
                .find(|(n, _, _)| n == &r.name)
                .map_or((r.title.as_str(), ""), |(_, t, w)| (t.as_str(), w.as_str()));
            // The base case's title is qiangji's own words, not the file's.
            let heading = match lang {
                Lang::Zh if r.name == BASE && heading == r.title => "实例文件所描述的原样",
                Lang::Zh => heading,
                Lang::En => r.title.as_str(),
            };
            scenario_section(&mut md, r, heading, why, base, lang);
        }
        md
    }

    /// The first table: status, real spending, penalty and shortfall of
    /// every case, with changes against the base case.
    fn spending_table(&self, md: &mut String, lang: Lang) {
        let base = self.base();
        let yi = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into());
        let delta = |r: &CaseRow, v: Option<f64>, b: Option<f64>| match (v, b) {
            _ if r.name == BASE => String::new(),
            (Some(v), Some(b)) => format!("{:+.1}", v - b),
            _ => "–".into(),
        };
        let _ = writeln!(
            md,
            "{}",
            l(
                lang,
                "| scenario | status | real spending 亿元 | Δ vs base | central 亿元 | provincial 亿元 | penalty 亿元 | shortfall, points summed over targets | Δ points |",
                "| 情景 | 求解状态 | 实际支出 亿元 | 相对基准变化 | 中央 亿元 | 地方 亿元 | 罚项 亿元 | 缺口(各目标百分点之和) | 缺口变化(百分点) |"
            )
        );
        let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|");
        for r in &self.rows {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                r.name,
                status_word(&r.status, lang),
                yi(r.spend_total_yi),
                delta(r, r.spend_total_yi, base.and_then(|b| b.spend_total_yi)),
                yi(r.spend_central_yi),
                yi(r.spend_provincial_yi),
                yi(r.penalty_yi),
                yi(r.shortfall_points()),
                delta(
                    r,
                    r.shortfall_points(),
                    base.and_then(CaseRow::shortfall_points)
                ),
            );
        }
    }

    /// Achieved level (required level) of every target in every case.
    fn targets_table(&self, md: &mut String, lang: Lang) {
        let _ = writeln!(
            md,
            "\n## {}\n",
            l(
                lang,
                "Targets: achieved level (required)",
                "目标：达到水平(要求水平)"
            )
        );
        let mut head = format!("| {} |", l(lang, "scenario", "情景"));
        let mut rule = String::from("|---|");
        for (id, year, _) in &self.targets {
            let _ = write!(head, " {id} ({year}) |");
            rule.push_str("---|");
        }
        let _ = writeln!(md, "{head}\n{rule}");
        for r in &self.rows {
            let mut line = format!("| {} |", r.name);
            for g in 0..self.targets.len() {
                match r.targets.get(g).copied().flatten() {
                    Some(c) if r.objective_yi.is_some() => {
                        let mark = if c.shortfall > 1e-6 {
                            l(lang, " **short**", " **未达成**")
                        } else {
                            ""
                        };
                        let year = match lang {
                            _ if c.year == self.targets[g].1 => String::new(),
                            Lang::En => format!(" in {}", c.year),
                            Lang::Zh => format!("，{}年", c.year),
                        };
                        let _ = write!(
                            line,
                            " {:.1}% ({:.1}%{year}){mark} |",
                            100.0 * c.achieved,
                            100.0 * c.level
                        );
                    }
                    _ => line.push_str(" – |"),
                }
            }
            let _ = writeln!(md, "{line}");
        }
    }
}

/// One scenario's section of comparison.md: what it is, why, its state,
/// its most valuable resources and the lead sites it changed.
fn scenario_section(
    md: &mut String,
    r: &CaseRow,
    title: &str,
    why: &str,
    base: Option<&CaseRow>,
    lang: Lang,
) {
    let _ = writeln!(
        md,
        "### {}{}\n",
        r.name,
        if title.is_empty() {
            String::new()
        } else {
            format!("{}{title}", l(lang, ": ", "："))
        }
    );
    if !why.is_empty() {
        let _ = writeln!(md, "{why}\n");
    }
    if !r.note.is_empty() {
        let note = match (lang, solver_status(&r.status)) {
            (Lang::Zh, Some(status)) => status_text(status, lang),
            _ => r.note.clone(),
        };
        let _ = writeln!(md, "- **{}**: {note}", status_word(&r.status, lang));
    }
    if !r.resources.is_empty() {
        let _ = writeln!(
            md,
            "- {}: {}{}",
            l(lang, "Most valuable extra resources", "最有价值的新增资源"),
            resources_in(r, lang),
            l(lang, ".", "。")
        );
    }
    if let Some(b) = base.filter(|b| b.name != r.name) {
        let (added, dropped) = r.lead_site_changes(b);
        if !added.is_empty() || !dropped.is_empty() {
            let list = |v: &[&String]| {
                if v.is_empty() {
                    l(lang, "none", "无").to_string()
                } else {
                    v.iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(l(lang, ", ", "、"))
                }
            };
            let _ = match lang {
                Lang::En => writeln!(
                    md,
                    "- Lead sites designated: {}; dropped: {}.",
                    list(&added),
                    list(&dropped)
                ),
                Lang::Zh => writeln!(
                    md,
                    "- 新确定的牵头地：{}；取消的牵头地：{}。",
                    list(&added),
                    list(&dropped)
                ),
            };
        }
    }
    let _ = writeln!(md);
}

impl Comparison {
    /// The HTML page's view of the comparison.
    pub fn view(&self, title: &str, description: &str, footer: &str) -> ComparisonView {
        ComparisonView {
            title: title.to_string(),
            description: description.to_string(),
            targets: self
                .targets
                .iter()
                .map(|(id, year, level)| TargetColumn {
                    id: id.clone(),
                    year: *year,
                    level: *level,
                })
                .collect(),
            scenarios: self
                .rows
                .iter()
                .map(|r| ScenarioRow {
                    name: r.name.clone(),
                    status: r.status.clone(),
                    objective_yi: r.objective_yi,
                    central_yi: r.spend_central_yi,
                    provincial_yi: r.spend_provincial_yi,
                    penalty_yi: r.penalty_yi,
                    targets: (0..self.targets.len())
                        .map(|g| {
                            r.objective_yi
                                .and(r.targets.get(g).copied().flatten())
                                .map(|c| TargetOutcome {
                                    level: c.achieved,
                                    shortfall: c.shortfall,
                                })
                        })
                        .collect(),
                    lead_sites: r.lead_sites.iter().map(|s| s.replace('@', " — ")).collect(),
                })
                .collect(),
            footer: footer.to_string(),
        }
    }
}
