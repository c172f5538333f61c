//! What changed between two solved plans, and why, as a planner reads it:
//! sentences (diff.md), every change with its unit (diff.csv) and the page
//! of report.html. The changes and the limits behind them are computed by
//! [`crate::analysis::compare::diff`].

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use super::html::compare::DiffView;
use super::tables::num;
use super::OutputError;
use crate::analysis::compare::diff::{readable, Change, LimitChange, PlanDiff};

fn err(path: &Path, e: impl std::fmt::Display) -> OutputError {
    OutputError {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

impl PlanDiff {
    /// The page's view of the diff.
    pub fn view(&self) -> DiffView {
        DiffView {
            title: format!("{} → {}", self.before.name, self.after.name),
            before: self.before.name.clone(),
            after: self.after.name.clone(),
            headlines: self.headlines.clone(),
            changes: self.changes.clone(),
            footer: format!(
                "{} → {}",
                self.before.path.display(),
                self.after.path.display()
            ),
        }
    }

    /// The diff in sentences: headlines, the largest changes of each kind
    /// (at most `top`), and why.
    pub fn markdown(&self, top: usize) -> String {
        let (b, a) = (&self.before.name, &self.after.name);
        let mut md = String::new();
        let _ = writeln!(md, "# What changed: {b} → {a}\n");
        for h in &self.headlines {
            let _ = writeln!(
                md,
                "- {}: {} → {} {} ({:+.2})",
                h.label,
                readable(h.before),
                readable(h.after),
                h.unit,
                h.after - h.before
            );
        }
        let mut by_unit: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
        for c in &self.changes {
            by_unit.entry(c.unit.as_str()).or_default().push(c);
        }
        for (unit, changes) in by_unit {
            let _ = writeln!(md, "\n## Changes in {unit} (largest first)\n");
            for c in changes.iter().take(top) {
                let _ = match unit {
                    // Shares read as percentages, their changes as points.
                    "share" => writeln!(
                        md,
                        "- {}: {:.1}% → {:.1}% ({:+.1} points)",
                        c.description,
                        100.0 * c.before,
                        100.0 * c.after,
                        100.0 * c.size()
                    ),
                    _ => writeln!(
                        md,
                        "- {}: {} → {} {unit} ({})",
                        c.description,
                        readable(c.before),
                        readable(c.after),
                        signed_readable(c.size())
                    ),
                };
                for why in &c.explained_by {
                    let _ = writeln!(md, "  - because {why}");
                }
            }
            if changes.len() > top {
                let _ = writeln!(md, "- … {} more in diff.csv", changes.len() - top);
            }
        }
        let _ = writeln!(md, "\n## Why\n");
        if !self.inputs.is_empty() {
            let _ = writeln!(md, "What differs in the inputs:\n");
            for i in &self.inputs {
                let _ = writeln!(md, "- {i}.");
            }
            let _ = writeln!(md);
        }
        let planner: Vec<&LimitChange> = self.limits.iter().filter(|l| !l.is_technical()).collect();
        if planner.is_empty() {
            let _ = writeln!(md, "The same budgets, talent, capacity and target limits bind in both plans, at the same prices.");
        } else {
            let _ = writeln!(
                md,
                "Limits that bind in one plan and not the other, or at another price:\n"
            );
        }
        for l in planner.iter().take(top) {
            let _ = writeln!(md, "- {}.", l.sentence(b, a));
        }
        md
    }

    /// diff.csv: every change, with its unit.
    pub fn csv(&self) -> Result<Vec<u8>, OutputError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let e = |x: csv::Error| err(Path::new("diff.csv"), x);
        w.write_record([
            "kind",
            "what",
            "unit",
            "before",
            "after",
            "change",
            "explained_by",
        ])
        .map_err(e)?;
        for c in &self.changes {
            w.write_record([
                "change",
                &c.description,
                &c.unit,
                &num(c.before),
                &num(c.after),
                &num(c.size()),
                &c.explained_by.join("; "),
            ])
            .map_err(e)?;
        }
        for l in &self.limits {
            w.write_record([
                "limit",
                &l.what(),
                l.unit.text(),
                &l.before.map(num).unwrap_or_default(),
                &l.after.map(num).unwrap_or_default(),
                "",
                "",
            ])
            .map_err(e)?;
        }
        w.into_inner().map_err(|x| err(Path::new("diff.csv"), x))
    }
}

fn signed_readable(v: f64) -> String {
    if v >= 0.0 {
        format!("+{}", readable(v))
    } else {
        readable(v)
    }
}
