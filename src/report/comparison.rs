//! The comparison of a batch as a planner reads it: comparison.csv (one
//! row per case), comparison.md and the page of report.html. The rows are
//! read back from the case folders by
//! [`crate::analysis::compare::comparison`].

use std::fmt::Write as _;

use super::html::compare::{ComparisonView, ScenarioRow, TargetColumn, TargetOutcome};
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
    pub fn markdown(&self, title: &str, rationales: &[(String, String)]) -> String {
        let mut md = String::new();
        let _ = writeln!(md, "# Scenario comparison: {title}\n");
        let _ = writeln!(
            md,
            "Real spending is money (亿元, undiscounted over the horizon); the shortfall penalty is a modelling device that prices missed targets and is shown apart. Changes are against the base case.\n"
        );
        self.spending_table(&mut md);
        if !self.targets.is_empty() {
            self.targets_table(&mut md);
        }
        let _ = writeln!(md, "\n## The scenarios\n");
        let base = self.base();
        for r in &self.rows {
            let why = rationales
                .iter()
                .find(|(n, _)| n == &r.name)
                .map(|(_, w)| w.as_str())
                .unwrap_or_default();
            scenario_section(&mut md, r, why, base);
        }
        md
    }

    /// The first table: status, real spending, penalty and shortfall of
    /// every case, with changes against the base case.
    fn spending_table(&self, md: &mut String) {
        let base = self.base();
        let yi = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into());
        let delta = |r: &CaseRow, v: Option<f64>, b: Option<f64>| match (v, b) {
            _ if r.name == BASE => String::new(),
            (Some(v), Some(b)) => format!("{:+.1}", v - b),
            _ => "–".into(),
        };
        let _ = writeln!(
            md,
            "| scenario | status | real spending 亿元 | Δ vs base | central 亿元 | provincial 亿元 | penalty 亿元 | shortfall, points summed over targets | Δ points |"
        );
        let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|");
        for r in &self.rows {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                r.name,
                r.status,
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
    fn targets_table(&self, md: &mut String) {
        let _ = writeln!(md, "\n## Targets: achieved level (required)\n");
        let mut head = String::from("| scenario |");
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
                        let mark = if c.shortfall > 1e-6 { " **short**" } else { "" };
                        let year = if c.year != self.targets[g].1 {
                            format!(" in {}", c.year)
                        } else {
                            String::new()
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
fn scenario_section(md: &mut String, r: &CaseRow, why: &str, base: Option<&CaseRow>) {
    let _ = writeln!(
        md,
        "### {}{}\n",
        r.name,
        if r.title.is_empty() {
            String::new()
        } else {
            format!(": {}", r.title)
        }
    );
    if !why.is_empty() {
        let _ = writeln!(md, "{why}\n");
    }
    if !r.note.is_empty() {
        let _ = writeln!(md, "- **{}**: {}", r.status, r.note);
    }
    if !r.resources.is_empty() {
        let _ = writeln!(md, "- Most valuable extra resources: {}.", resources(r));
    }
    if let Some(b) = base.filter(|b| b.name != r.name) {
        let (added, dropped) = r.lead_site_changes(b);
        if !added.is_empty() || !dropped.is_empty() {
            let list = |v: &[&String]| {
                if v.is_empty() {
                    "none".to_string()
                } else {
                    v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                }
            };
            let _ = writeln!(
                md,
                "- Lead sites designated: {}; dropped: {}.",
                list(&added),
                list(&dropped)
            );
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
