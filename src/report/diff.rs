//! What changed between two solved plans, and why, as a planner reads it —
//! in every format the same order: the inputs that differ, real spending
//! totals (overall, by region, province, year, instrument, area), sites and
//! platforms, then each target with the limits related to it. diff.md (also
//! printed), diff.csv in long format and the page of report.html format what
//! [`crate::analysis::compare::diff`] computes.

use std::fmt::Write as _;
use std::path::Path;

use super::diff_zh as zh;
use super::html::compare::DiffView;
use super::html::i18n::{self as t, Lang};
use super::tables::num;
use super::OutputError;
use crate::analysis::compare::diff::{
    readable, Breakdown, Change, Headline, PlanDiff, TargetChange, TotalRow, TotalsTable,
};

fn err(path: &Path, e: impl std::fmt::Display) -> OutputError {
    OutputError {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// The columns of diff.csv (docs/scenarios.md, "Comparing two plans").
pub const CSV_HEADER: [&str; 9] = [
    "section",
    "table",
    "key",
    "unit",
    "a",
    "b",
    "change",
    "change_pct",
    "words",
];

/// A change with its sign, two decimals ("+138.00", "−0.50").
fn signed(v: f64) -> String {
    if v >= 0.0 {
        format!("+{v:.2}")
    } else {
        format!("−{:.2}", -v)
    }
}

fn signed_pct(pct: Option<f64>) -> String {
    match pct {
        Some(p) if p >= 0.0 => format!("+{p:.1}%"),
        Some(p) => format!("−{:.1}%", -p),
        None => "–".into(),
    }
}

/// How a target's level moved, in words ("rises 4.0 points").
pub fn level_words(t: &TargetChange) -> String {
    let points = t.points();
    if points > 0.05 {
        format!("rises {:.1} points", points)
    } else if points < -0.05 {
        format!("falls {:.1} points", -points)
    } else {
        "stays".into()
    }
}

/// Both measures of a target's group in the two plans, when the folders
/// record them: "Weighted mean 50.0% in A → 45.0% in B; items assured 2 of
/// 3 in A → 1 of 3 in B."
fn measures_line(t: &TargetChange, b: &str, a: &str, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    if let (Some(x), Some(y)) = (t.weighted_before, t.weighted_after) {
        let (x, y) = (100.0 * x, 100.0 * y);
        parts.push(match lang {
            Lang::En => format!("weighted mean {x:.1}% in {b} → {y:.1}% in {a}"),
            Lang::Zh => format!("加权平均：{b} 中 {x:.1}% → {a} 中 {y:.1}%"),
        });
    }
    if let (Some(x), Some(y)) = (t.assured_before, t.assured_after) {
        parts.push(match (lang, t.items) {
            (Lang::En, Some(n)) => format!("items assured {x} of {n} in {b} → {y} of {n} in {a}"),
            (Lang::En, None) => format!("items assured {x} in {b} → {y} in {a}"),
            (Lang::Zh, Some(n)) => {
                format!("自主保障项目数：{b} 中 {x} / {n} → {a} 中 {y} / {n}")
            }
            (Lang::Zh, None) => format!("自主保障项目数：{b} 中 {x} → {a} 中 {y}"),
        });
    }
    if parts.is_empty() {
        return None;
    }
    Some(match lang {
        Lang::En => {
            let line = parts.join("; ");
            let mut chars = line.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            format!(
                "{}{}.",
                first.into_iter().collect::<String>(),
                chars.as_str()
            )
        }
        Lang::Zh => format!("{}。", parts.join("；")),
    })
}

/// A label of diff.md in the report's language.
fn l(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.t(t::Text::new(en, zh))
}

/// The first column of a spending table: diff.csv's table id in English.
fn column_name(by: Breakdown, lang: Lang) -> &'static str {
    match lang {
        Lang::En => by.id(),
        Lang::Zh => match by {
            Breakdown::Overall => "支出",
            Breakdown::Region => "区域",
            Breakdown::Province => "省份",
            Breakdown::Year => "年份",
            Breakdown::Instrument => "工具",
            Breakdown::Area => "基础领域",
        },
    }
}

/// "… 12 more in diff.csv".
fn more_rows(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("… {n} more in diff.csv"),
        Lang::Zh => format!("… 另有 {n} 行见 diff.csv"),
    }
}

impl PlanDiff {
    /// The page's view of the diff, its words in `lang` (ids stay ids).
    pub fn view(&self, lang: Lang) -> DiffView {
        let (b, a) = (&self.before.name, &self.after.name);
        DiffView {
            title: format!("{b} → {a}"),
            before: b.clone(),
            after: a.clone(),
            inputs: self
                .inputs
                .iter()
                .map(|i| zh::input_sentence(i, b, a, lang))
                .collect(),
            spending: self
                .spending
                .iter()
                .map(|table| TotalsTable {
                    by: table.by,
                    rows: table
                        .rows
                        .iter()
                        .map(|r| TotalRow {
                            key: zh::total_key(table.by, &r.key, lang),
                            ..r.clone()
                        })
                        .collect(),
                })
                .collect(),
            sites: self
                .sites
                .iter()
                .map(|c| {
                    let (description, unit) =
                        zh::change_words(&c.subject, &c.description, &c.unit, lang);
                    Change {
                        description,
                        unit,
                        ..c.clone()
                    }
                })
                .collect(),
            targets: self.targets.clone(),
            limits: self
                .limits
                .iter()
                .map(|l| zh::limit_sentence(l, b, a, lang))
                .collect(),
            penalty: Some(Headline {
                label: match lang {
                    Lang::En => self.penalty.label.clone(),
                    Lang::Zh => lang.t(t::PENALTY_SHORT).to_string(),
                },
                ..self.penalty.clone()
            }),
            footer: format!(
                "{} → {}",
                self.before.path.display(),
                self.after.path.display()
            ),
        }
    }

    /// The diff in sentences and tables, in the order of every diff output;
    /// at most `top` rows per table (diff.csv has them all); words in `lang`.
    pub fn markdown(&self, top: usize, lang: Lang) -> String {
        let (b, a) = (&self.before.name, &self.after.name);
        let mut md = String::new();
        let _ = writeln!(
            md,
            "# {}{}{b} → {a}\n",
            l(lang, "What changed", "变化"),
            l(lang, ": ", "：")
        );
        let (pb, pa) = (self.before.path.display(), self.after.path.display());
        let _ = match lang {
            Lang::En => writeln!(
                md,
                "First plan (A): {b} ({pb}); second plan (B): {a} ({pa}). A change is B − A; % is of A's value.\n"
            ),
            Lang::Zh => writeln!(
                md,
                "第一个方案(A)：{b}({pb})；第二个方案(B)：{a}({pa})。变化为 B − A；% 为相对 A 的百分比。\n"
            ),
        };
        let _ = writeln!(md, "## {}\n", lang.t(t::DIFF_INPUTS));
        if self.inputs.is_empty() {
            let _ = writeln!(md, "{}", lang.t(t::DIFF_SAME_INPUTS));
        }
        for i in &self.inputs {
            let _ = writeln!(
                md,
                "- {}{}",
                zh::input_sentence(i, b, a, lang),
                l(lang, ".", "。")
            );
        }
        let _ = writeln!(
            md,
            "\n## {}\n",
            l(lang, "2. Real spending (亿元)", "2. 实际支出(亿元)")
        );
        for table in &self.spending {
            self.spending_table(&mut md, table, top, lang);
        }
        self.sites_markdown(&mut md, top, lang);
        self.targets_markdown(&mut md, top, lang);
        md
    }

    fn spending_table(&self, md: &mut String, table: &TotalsTable, top: usize, lang: Lang) {
        let (b, a) = (&self.before.name, &self.after.name);
        let order = if table.by == Breakdown::Overall {
            ""
        } else {
            l(lang, ", largest change first", "，按变化大小排序")
        };
        let _ = writeln!(md, "### {}{order}\n", zh::breakdown_title(table.by, lang));
        let _ = writeln!(
            md,
            "| {} | {b} | {a} | {} |",
            column_name(table.by, lang),
            l(lang, "change | change %", "变化 | 变化 %")
        );
        let _ = writeln!(md, "|---|---:|---:|---:|---:|");
        for r in table.rows.iter().take(top) {
            let _ = writeln!(
                md,
                "| {} | {:.2} | {:.2} | {} | {} |",
                zh::total_key(table.by, &r.key, lang),
                r.before,
                r.after,
                signed(r.change()),
                signed_pct(r.change_pct())
            );
        }
        if table.rows.len() > top {
            let _ = writeln!(
                md,
                "| {} | | | | |",
                more_rows(table.rows.len() - top, lang)
            );
        }
        let _ = writeln!(md);
        // Why funding moved where it moved most: the limits of that province
        // and the national ones only.
        let moved: Vec<_> = table
            .rows
            .iter()
            .filter(|r| r.change().abs() > 1e-6 && !r.because.is_empty())
            .take(3)
            .collect();
        for r in moved {
            let _ = match lang {
                Lang::En => writeln!(md, "Limits behind the change in {}:\n", r.key),
                Lang::Zh => writeln!(md, "{} 变化背后的约束：\n", r.key),
            };
            for &i in r.because.iter().take(3) {
                let _ = writeln!(
                    md,
                    "- {}{}",
                    zh::limit_sentence(&self.limits[i], b, a, lang),
                    l(lang, ".", "。")
                );
            }
            let _ = writeln!(md);
        }
    }

    fn sites_markdown(&self, md: &mut String, top: usize, lang: Lang) {
        let (b, a) = (&self.before.name, &self.after.name);
        let _ = writeln!(md, "## {}\n", lang.t(t::DIFF_SITES));
        if self.sites.is_empty() {
            let _ = writeln!(
                md,
                "{}\n",
                l(
                    lang,
                    "The same lead sites and platforms in both.",
                    "两个方案的牵头地与平台相同。"
                )
            );
            return;
        }
        for c in self.sites.iter().take(top) {
            let (description, unit) = zh::change_words(&c.subject, &c.description, &c.unit, lang);
            let _ = writeln!(
                md,
                "- {description}{} {} → {} {unit}",
                l(lang, ":", "："),
                readable(c.before),
                readable(c.after),
            );
            for &i in c.because.iter().take(2) {
                let _ = writeln!(
                    md,
                    "  - {}{}",
                    zh::limit_sentence(&self.limits[i], b, a, lang),
                    l(lang, ".", "。")
                );
            }
        }
        if self.sites.len() > top {
            let _ = writeln!(md, "- {}", more_rows(self.sites.len() - top, lang));
        }
        let _ = writeln!(md);
    }

    fn targets_markdown(&self, md: &mut String, top: usize, lang: Lang) {
        let (b, a) = (&self.before.name, &self.after.name);
        let p = &self.penalty;
        let _ = writeln!(md, "## {}\n", lang.t(t::DIFF_TARGETS));
        let label = match lang {
            Lang::En => p.label.as_str(),
            Lang::Zh => "缺口罚项(非资金)",
        };
        let _ = writeln!(
            md,
            "{label}{}{} → {} {}{}\n",
            l(lang, ": ", "："),
            readable(p.before),
            readable(p.after),
            p.unit,
            l(lang, ".", "。")
        );
        for t in &self.targets {
            let _ = writeln!(md, "### {} ({}; {})\n", t.id, t.year, t.group);
            let pct = |v: f64| format!("{:.1}%", 100.0 * v);
            let _ = match lang {
                Lang::En => writeln!(
                    md,
                    "Level {} in {b} → {} in {a}: {} (required {} → {}; short {} → {}).\n",
                    pct(t.level_before),
                    pct(t.level_after),
                    level_words(t),
                    pct(t.required_before),
                    pct(t.required_after),
                    pct(t.shortfall_before),
                    pct(t.shortfall_after)
                ),
                Lang::Zh => writeln!(
                    md,
                    "水平：{b} 中 {} → {a} 中 {}，{}(要求 {} → {}；缺口 {} → {})。\n",
                    pct(t.level_before),
                    pct(t.level_after),
                    zh::level_words(t, lang),
                    pct(t.required_before),
                    pct(t.required_after),
                    pct(t.shortfall_before),
                    pct(t.shortfall_after)
                ),
            };
            if let Some(line) = measures_line(t, b, a, lang) {
                let _ = writeln!(md, "{line}\n");
            }
            if t.limits.is_empty() {
                let _ = writeln!(
                    md,
                    "{}\n",
                    l(
                        lang,
                        "No limit of this target, its provinces, items or years binds at another price.",
                        "该目标及其省份、项目、年份的约束在两个方案中均未以不同价格起作用。"
                    )
                );
                continue;
            }
            let _ = writeln!(
                md,
                "{}\n",
                l(
                    lang,
                    "Limits related to this target that changed:",
                    "与该目标相关且发生变化的约束："
                )
            );
            for &i in t.limits.iter().take(top) {
                let _ = writeln!(
                    md,
                    "- {}{}",
                    zh::limit_sentence(&self.limits[i], b, a, lang),
                    l(lang, ".", "。")
                );
            }
            if t.limits.len() > top {
                let _ = writeln!(md, "- {}", more_rows(t.limits.len() - top, lang));
            }
            let _ = writeln!(md);
        }
    }

    /// diff.csv: the same tables in long format, one row per value, in the
    /// order of diff.md.
    pub fn csv(&self) -> Result<Vec<u8>, OutputError> {
        let (b, a) = (&self.before.name, &self.after.name);
        let mut w = csv::Writer::from_writer(Vec::new());
        let e = |x: csv::Error| err(Path::new("diff.csv"), x);
        w.write_record(CSV_HEADER).map_err(e)?;
        for i in &self.inputs {
            w.write_record([
                "inputs",
                i.kind.id(),
                &i.name,
                "",
                &i.before,
                &i.after,
                "",
                "",
                &i.sentence(b, a),
            ])
            .map_err(e)?;
        }
        for table in &self.spending {
            for r in &table.rows {
                let words: Vec<String> = r
                    .because
                    .iter()
                    .map(|&i| self.limits[i].sentence(b, a))
                    .collect();
                w.write_record([
                    "spending",
                    table.by.id(),
                    &r.key,
                    "亿元",
                    &num(r.before),
                    &num(r.after),
                    &num(r.change()),
                    &r.change_pct().map(num).unwrap_or_default(),
                    &words.join("; "),
                ])
                .map_err(e)?;
            }
        }
        for c in &self.sites {
            let table = if c.unit == "sites" {
                "lead_site"
            } else {
                "new_platforms"
            };
            w.write_record([
                "sites_platforms",
                table,
                &c.description,
                &c.unit,
                &num(c.before),
                &num(c.after),
                &num(c.size()),
                "",
                "",
            ])
            .map_err(e)?;
        }
        self.targets_csv(&mut w).map_err(e)?;
        w.into_inner().map_err(|x| err(Path::new("diff.csv"), x))
    }

    fn targets_csv(&self, w: &mut csv::Writer<Vec<u8>>) -> Result<(), csv::Error> {
        let (b, a) = (&self.before.name, &self.after.name);
        let p = &self.penalty;
        w.write_record([
            "targets",
            "penalty",
            &p.label,
            &p.unit,
            &num(p.before),
            &num(p.after),
            &num(p.after - p.before),
            "",
            "",
        ])?;
        for t in &self.targets {
            w.write_record([
                "targets",
                "level",
                &t.id,
                "%",
                &num(100.0 * t.level_before),
                &num(100.0 * t.level_after),
                &num(t.points()),
                "",
                &format!(
                    "{} ({}, required {:.1}% → {:.1}%)",
                    level_words(t),
                    t.year,
                    100.0 * t.required_before,
                    100.0 * t.required_after
                ),
            ])?;
            if let (Some(before), Some(after)) = (t.weighted_before, t.weighted_after) {
                w.write_record([
                    "targets",
                    "weighted mean",
                    &t.id,
                    "%",
                    &num(100.0 * before),
                    &num(100.0 * after),
                    &num(100.0 * (after - before)),
                    "",
                    &format!(
                        "target {} ({}): weighted mean {:.1}% → {:.1}%",
                        t.id,
                        t.year,
                        100.0 * before,
                        100.0 * after
                    ),
                ])?;
            }
            if let (Some(before), Some(after)) = (t.assured_before, t.assured_after) {
                let of = t.items.map(|n| format!(" of {n}")).unwrap_or_default();
                w.write_record([
                    "targets",
                    "items assured",
                    &t.id,
                    "items",
                    &before.to_string(),
                    &after.to_string(),
                    &(after as i64 - before as i64).to_string(),
                    "",
                    &format!(
                        "target {} ({}): items assured {before} → {after}{of}",
                        t.id, t.year
                    ),
                ])?;
            }
            for &i in &t.limits {
                let l = &self.limits[i];
                let dual = |d: Option<f64>| d.map(num).unwrap_or_default();
                w.write_record([
                    "targets",
                    &format!("limits of {}", t.id),
                    &l.what(),
                    l.unit.text(),
                    &dual(l.before),
                    &dual(l.after),
                    "",
                    "",
                    &l.sentence(b, a),
                ])?;
            }
        }
        Ok(())
    }
}
