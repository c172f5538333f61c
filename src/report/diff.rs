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
fn measures_line(t: &TargetChange, b: &str, a: &str) -> Option<String> {
    let mut parts = Vec::new();
    if let (Some(x), Some(y)) = (t.weighted_before, t.weighted_after) {
        parts.push(format!(
            "weighted mean {:.1}% in {b} → {:.1}% in {a}",
            100.0 * x,
            100.0 * y
        ));
    }
    if let (Some(x), Some(y)) = (t.assured_before, t.assured_after) {
        let of = t.items.map(|n| format!(" of {n}")).unwrap_or_default();
        parts.push(format!("items assured {x}{of} in {b} → {y}{of} in {a}"));
    }
    (!parts.is_empty()).then(|| {
        let line = parts.join("; ");
        let mut chars = line.chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase());
        format!(
            "{}{}.",
            first.into_iter().collect::<String>(),
            chars.as_str()
        )
    })
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
    /// at most `top` rows per table (diff.csv has them all).
    pub fn markdown(&self, top: usize) -> String {
        let (b, a) = (&self.before.name, &self.after.name);
        let mut md = String::new();
        let _ = writeln!(md, "# What changed: {b} → {a}\n");
        let _ = writeln!(
            md,
            "First plan (A): {b} ({}); second plan (B): {a} ({}). A change is B − A; % is of A's value.\n",
            self.before.path.display(),
            self.after.path.display()
        );
        let _ = writeln!(md, "## 1. What changed in the inputs\n");
        if self.inputs.is_empty() {
            let _ = writeln!(
                md,
                "The same instance files, model file, scenarios and overrides in both."
            );
        }
        for i in &self.inputs {
            let _ = writeln!(md, "- {}.", i.sentence(b, a));
        }
        let _ = writeln!(md, "\n## 2. Real spending (亿元)\n");
        for table in &self.spending {
            self.spending_table(&mut md, table, top);
        }
        self.sites_markdown(&mut md, top);
        self.targets_markdown(&mut md, top);
        md
    }

    fn spending_table(&self, md: &mut String, table: &TotalsTable, top: usize) {
        let (b, a) = (&self.before.name, &self.after.name);
        let order = if table.by == Breakdown::Overall {
            ""
        } else {
            ", largest change first"
        };
        let _ = writeln!(md, "### {}{order}\n", table.by.title());
        let _ = writeln!(md, "| {} | {b} | {a} | change | change % |", table.by.id());
        let _ = writeln!(md, "|---|---:|---:|---:|---:|");
        for r in table.rows.iter().take(top) {
            let _ = writeln!(
                md,
                "| {} | {:.2} | {:.2} | {} | {} |",
                r.key,
                r.before,
                r.after,
                signed(r.change()),
                signed_pct(r.change_pct())
            );
        }
        if table.rows.len() > top {
            let _ = writeln!(
                md,
                "| … {} more in diff.csv | | | | |",
                table.rows.len() - top
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
            let _ = writeln!(md, "Limits behind the change in {}:\n", r.key);
            for &i in r.because.iter().take(3) {
                let _ = writeln!(md, "- {}.", self.limits[i].sentence(b, a));
            }
            let _ = writeln!(md);
        }
    }

    fn sites_markdown(&self, md: &mut String, top: usize) {
        let (b, a) = (&self.before.name, &self.after.name);
        let _ = writeln!(md, "## 3. Lead sites and platforms\n");
        if self.sites.is_empty() {
            let _ = writeln!(md, "The same lead sites and platforms in both.\n");
            return;
        }
        for c in self.sites.iter().take(top) {
            let _ = writeln!(
                md,
                "- {}: {} → {} {}",
                c.description,
                readable(c.before),
                readable(c.after),
                c.unit
            );
            for &i in c.because.iter().take(2) {
                let _ = writeln!(md, "  - {}.", self.limits[i].sentence(b, a));
            }
        }
        if self.sites.len() > top {
            let _ = writeln!(md, "- … {} more in diff.csv", self.sites.len() - top);
        }
        let _ = writeln!(md);
    }

    fn targets_markdown(&self, md: &mut String, top: usize) {
        let (b, a) = (&self.before.name, &self.after.name);
        let p = &self.penalty;
        let _ = writeln!(md, "## 4. Targets and the limits behind them\n");
        let _ = writeln!(
            md,
            "{}: {} → {} {}.\n",
            p.label,
            readable(p.before),
            readable(p.after),
            p.unit
        );
        for t in &self.targets {
            let _ = writeln!(md, "### {} ({}; {})\n", t.id, t.year, t.group);
            let _ = writeln!(
                md,
                "Level {:.1}% in {b} → {:.1}% in {a}: {} (required {:.1}% → {:.1}%; short {:.1}% → {:.1}%).\n",
                100.0 * t.level_before,
                100.0 * t.level_after,
                level_words(t),
                100.0 * t.required_before,
                100.0 * t.required_after,
                100.0 * t.shortfall_before,
                100.0 * t.shortfall_after
            );
            if let Some(line) = measures_line(t, b, a) {
                let _ = writeln!(md, "{line}\n");
            }
            if t.limits.is_empty() {
                let _ = writeln!(
                    md,
                    "No limit of this target, its provinces, items or years binds at another price.\n"
                );
                continue;
            }
            let _ = writeln!(md, "Limits related to this target that changed:\n");
            for &i in t.limits.iter().take(top) {
                let _ = writeln!(md, "- {}.", self.limits[i].sentence(b, a));
            }
            if t.limits.len() > top {
                let _ = writeln!(md, "- … {} more in diff.csv", t.limits.len() - top);
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
