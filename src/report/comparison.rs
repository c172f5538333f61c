//! The comparison of a batch: one row per case — status, objective, real
//! spending central and provincial, the shortfall penalty apart, each
//! target's level and shortfall, the most valuable extra resources with
//! their units, exchange rates and lead sites — read back from each case's
//! written folder (`summary.json`, `sites.csv`). Reading the folders, never
//! the solves in memory, is what makes a resumed batch and shards merged
//! after the fact write the same bytes as one uninterrupted run.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use super::html::compare::{ComparisonView, ScenarioRow, TargetColumn, TargetOutcome};
use super::tables::num;
use super::OutputError;
use crate::analysis::batch::BASE;

/// One case of a batch as the comparison shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseRow {
    pub name: String,
    pub title: String,
    /// Solver status (`optimal`, `infeasible`, …) or the batch's state
    /// (`input_error`, `failed`, `interrupted`).
    pub status: String,
    /// Why a case has no result (empty otherwise).
    pub note: String,
    pub objective_yi: Option<f64>,
    pub mip_gap: Option<f64>,
    pub spend_total_yi: Option<f64>,
    pub spend_central_yi: Option<f64>,
    pub spend_provincial_yi: Option<f64>,
    pub spend_discounted_yi: Option<f64>,
    /// Shortfall penalty [亿元; a modelling device, not money].
    pub penalty_yi: Option<f64>,
    /// Per target, in [`Comparison::targets`] order.
    pub targets: Vec<Option<TargetCell>>,
    /// "item@province", sorted.
    pub lead_sites: Vec<String>,
    /// The most valuable extra resources: "what: value unit", best first.
    pub resources: Vec<String>,
    /// Per rated target (by id): points per extra 亿元 of central budget.
    pub points_per_yi: Vec<(String, Option<f64>)>,
}

/// One target in one case.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TargetCell {
    /// Required level (share).
    pub level: f64,
    /// Achieved level (share).
    pub achieved: f64,
    /// Shortfall (share).
    pub shortfall: f64,
    /// Year of the target in this case (it may differ from the base's).
    pub year: i32,
}

/// A whole comparison.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    /// Target ids, in the base case's order.
    pub targets: Vec<(String, i32, f64)>,
    pub rows: Vec<CaseRow>,
}

/// Most valuable resources listed per case.
const TOP_RESOURCES: usize = 3;

fn read_json(path: &Path) -> Result<Value, OutputError> {
    let bytes = std::fs::read(path).map_err(|e| OutputError::new(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| OutputError {
        path: path.to_path_buf(),
        message: format!("is not a summary qiangji can read: {e}"),
    })
}

/// Reads one case from its folder (`summary.json` and `sites.csv`).
pub fn read_case(dir: &Path, name: &str, title: &str) -> Result<CaseRow, OutputError> {
    let summary = read_json(&dir.join("summary.json"))?;
    let f = |v: &Value| v.as_f64();
    let mut row = CaseRow {
        name: name.to_string(),
        title: title.to_string(),
        status: summary["status"].as_str().unwrap_or("unknown").to_string(),
        objective_yi: f(&summary["objective"]),
        mip_gap: f(&summary["mip"]["gap"]),
        spend_total_yi: f(&summary["spend_yi"]["total"]),
        spend_central_yi: f(&summary["spend_yi"]["central"]),
        spend_provincial_yi: f(&summary["spend_yi"]["provincial"]),
        spend_discounted_yi: f(&summary["spend_yi"]["discounted_total"]),
        penalty_yi: f(&summary["objective_terms"]["shortfall_penalty_yi"]),
        ..CaseRow::default()
    };
    if summary["has_plan"] != true {
        row.note = summary["status_meaning"]
            .as_str()
            .unwrap_or_default()
            .to_string();
    }
    for t in summary["targets"].as_array().into_iter().flatten() {
        row.targets.push(Some(TargetCell {
            level: f(&t["level"]).unwrap_or(f64::NAN),
            achieved: f(&t["achieved"]).unwrap_or(f64::NAN),
            shortfall: f(&t["shortfall"]).unwrap_or(f64::NAN),
            year: t["year"].as_i64().unwrap_or_default() as i32,
        }));
    }
    row.lead_sites = lead_sites(&dir.join("sites.csv"))?;
    row.resources = most_valuable(&summary["marginal_values"]["values"]);
    for g in summary["exchange_rates"]["groups"]
        .as_array()
        .into_iter()
        .flatten()
    {
        row.points_per_yi.push((
            g["target"].as_str().unwrap_or_default().to_string(),
            f(&g["points_per_yi_central_budget"]["points_per_unit"]),
        ));
    }
    Ok(row)
}

/// Designated lead sites of `sites.csv`, as "item@province", sorted.
fn lead_sites(path: &Path) -> Result<Vec<String>, OutputError> {
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let mut reader = csv::Reader::from_path(path).map_err(|e| OutputError {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let mut sites = Vec::new();
    for record in reader.records() {
        let r = record.map_err(|e| OutputError {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let designated: f64 = r.get(3).and_then(|v| v.parse().ok()).unwrap_or(0.0);
        if designated > 0.5 {
            sites.push(format!(
                "{}@{}",
                r.get(0).unwrap_or_default(),
                r.get(1).unwrap_or_default()
            ));
        }
    }
    sites.sort();
    Ok(sites)
}

/// The resources whose one more unit lowers the objective most (measured,
/// one-sided values only), as "what: value unit".
fn most_valuable(values: &Value) -> Vec<String> {
    let mut gains: Vec<(f64, String)> = values
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| v["family"] != "target")
        .filter_map(|v| {
            let change = v["one_more"]["objective_change_yi"].as_f64()?;
            let gain = -change;
            (gain > 1e-9).then(|| {
                (
                    gain,
                    format!(
                        "{}: {} 亿元 per {}",
                        v["limit"].as_str().unwrap_or_default(),
                        num(gain),
                        v["step"].as_str().unwrap_or("unit")
                    ),
                )
            })
        })
        .collect();
    gains.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    gains
        .into_iter()
        .take(TOP_RESOURCES)
        .map(|(_, s)| s)
        .collect()
}

/// A row for a case that has no folder (input error, failure, interrupt).
pub fn failed_case(name: &str, title: &str, status: &str, note: &str) -> CaseRow {
    CaseRow {
        name: name.to_string(),
        title: title.to_string(),
        status: status.to_string(),
        note: note.to_string(),
        ..CaseRow::default()
    }
}

impl Comparison {
    /// Builds the comparison; target columns come from the first row with
    /// targets (the base case).
    pub fn new(rows: Vec<CaseRow>, targets: Vec<(String, i32, f64)>) -> Comparison {
        Comparison { targets, rows }
    }

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
                    ]),
                    None => {
                        rec.extend([String::new(), String::new(), String::new(), String::new()])
                    }
                }
            }
            for id in &rated {
                rec.push(opt(r
                    .points_per_yi
                    .iter()
                    .find(|(t, _)| t == id)
                    .and_then(|(_, v)| *v)));
            }
            rec.push(r.resources.join("; "));
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
        let base = self.rows.iter().find(|r| r.name == BASE);
        let yi = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into());
        let delta = |v: Option<f64>, b: Option<f64>| match (v, b) {
            (Some(v), Some(b)) => format!("{:+.1}", v - b),
            _ => "–".into(),
        };
        let short_points = |r: &CaseRow| -> Option<f64> {
            r.objective_yi?;
            Some(
                r.targets
                    .iter()
                    .flatten()
                    .map(|c| 100.0 * c.shortfall)
                    .sum(),
            )
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
                if r.name == BASE {
                    String::new()
                } else {
                    delta(r.spend_total_yi, base.and_then(|b| b.spend_total_yi))
                },
                yi(r.spend_central_yi),
                yi(r.spend_provincial_yi),
                yi(r.penalty_yi),
                yi(short_points(r)),
                if r.name == BASE {
                    String::new()
                } else {
                    delta(short_points(r), base.and_then(short_points))
                },
            );
        }
        if !self.targets.is_empty() {
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
        let _ = writeln!(md, "\n## The scenarios\n");
        for r in &self.rows {
            let why = rationales
                .iter()
                .find(|(n, _)| n == &r.name)
                .map(|(_, w)| w.as_str())
                .unwrap_or_default();
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
                let _ = writeln!(
                    md,
                    "- Most valuable extra resources: {}.",
                    r.resources.join("; ")
                );
            }
            if let Some(b) = base.filter(|b| b.name != r.name) {
                let added: Vec<&String> = r
                    .lead_sites
                    .iter()
                    .filter(|s| !b.lead_sites.contains(s))
                    .collect();
                let dropped: Vec<&String> = b
                    .lead_sites
                    .iter()
                    .filter(|s| !r.lead_sites.contains(s))
                    .collect();
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
        md
    }

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

/// Target columns (id, year, level) of a case's summary.json.
pub fn target_columns(dir: &Path) -> Result<Vec<(String, i32, f64)>, OutputError> {
    let summary = read_json(&dir.join("summary.json"))?;
    Ok(summary["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            (
                t["id"].as_str().unwrap_or_default().to_string(),
                t["year"].as_i64().unwrap_or_default() as i32,
                t["level"].as_f64().unwrap_or(f64::NAN),
            )
        })
        .collect())
}
