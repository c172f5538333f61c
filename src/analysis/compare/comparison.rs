//! The comparison of a batch: one row per case — status, objective, real
//! spending central and provincial, the shortfall penalty apart, each
//! target's level and shortfall, the most valuable extra resources,
//! exchange rates and lead sites — read back from each case's written
//! folder. Reading the folders, never the solves in memory, is what makes a
//! resumed batch and shards merged after the fact compare the same as one
//! uninterrupted run.

use std::path::PathBuf;

use crate::analysis::batch::BASE;
use crate::results::batch::BatchRecord;
use crate::results::summary::Summary;
use crate::results::{read_folder, OutputFolder, ReadError};

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
    /// The most valuable extra resources, best first.
    pub resources: Vec<Resource>,
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
    /// The group's demand-weighted mean share, realised (docs/model.md §10
    /// (CT)); `None` in folders written before count targets.
    pub weighted: Option<f64>,
    /// Items of the group assured (at or above their threshold), realised.
    pub assured: Option<usize>,
    /// Items in the group.
    pub items: Option<usize>,
}

/// An extra unit of a resource and what it saves.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// The limit by name ("central budget 2024").
    pub limit: String,
    /// The same limit by meaning: row family, keys (`name=value;…`), year
    /// ("" for the whole horizon) and the unit of its dual.
    pub family: String,
    pub keys: String,
    pub year: String,
    pub unit: crate::results::units::DualUnit,
    /// Objective saved by one more unit [亿元].
    pub gain_yi: f64,
    /// The unit ("1 亿元", "1 k FTE").
    pub step: String,
}

/// A whole comparison.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    /// Target (id, year, required level), in the base case's order.
    pub targets: Vec<(String, i32, f64)>,
    pub rows: Vec<CaseRow>,
}

impl CaseRow {
    /// Shortfall in percentage points summed over the case's targets; none
    /// when the case has no plan.
    pub fn shortfall_points(&self) -> Option<f64> {
        self.objective_yi?;
        Some(
            self.targets
                .iter()
                .flatten()
                .map(|c| 100.0 * c.shortfall)
                .sum(),
        )
    }

    /// Lead sites this case designates that `base` does not, and those of
    /// `base` it drops.
    pub fn lead_site_changes<'a>(
        &'a self,
        base: &'a CaseRow,
    ) -> (Vec<&'a String>, Vec<&'a String>) {
        let added = self
            .lead_sites
            .iter()
            .filter(|s| !base.lead_sites.contains(s))
            .collect();
        let dropped = base
            .lead_sites
            .iter()
            .filter(|s| !self.lead_sites.contains(s))
            .collect();
        (added, dropped)
    }
}

impl Comparison {
    /// The base case's row, when the batch has one.
    pub fn base(&self) -> Option<&CaseRow> {
        self.rows.iter().find(|r| r.name == BASE)
    }
}

/// Most valuable resources listed per case.
const TOP_RESOURCES: usize = 3;

/// One case, from its folder read back.
pub fn case_row(folder: &OutputFolder, name: &str, title: &str) -> CaseRow {
    let summary = &folder.summary;
    let spend = summary.spend_yi.as_ref();
    let mut lead_sites: Vec<String> = folder
        .lead_sites()
        .map(|s| format!("{}@{}", s.item, s.province))
        .collect();
    lead_sites.sort();
    CaseRow {
        name: name.to_string(),
        title: title.to_string(),
        status: summary.status.clone(),
        note: if summary.has_plan {
            String::new()
        } else {
            summary.status_meaning.clone()
        },
        objective_yi: summary.objective,
        mip_gap: summary.mip.gap,
        spend_total_yi: spend.map(|s| s.total),
        spend_central_yi: spend.map(|s| s.central),
        spend_provincial_yi: spend.map(|s| s.provincial),
        spend_discounted_yi: spend.map(|s| s.discounted_total),
        penalty_yi: summary.penalty_yi(),
        targets: summary
            .targets
            .iter()
            .map(|t| {
                Some(TargetCell {
                    level: t.level,
                    achieved: t.achieved,
                    shortfall: t.shortfall,
                    year: t.year,
                    weighted: t.weighted_level,
                    assured: t.count_assured,
                    items: t.count_items,
                })
            })
            .collect(),
        lead_sites,
        resources: most_valuable(summary),
        points_per_yi: summary
            .exchange_rates
            .iter()
            .flat_map(|e| &e.groups)
            .map(|g| {
                (
                    g.target.clone(),
                    g.points_per_yi_central_budget.points_per_unit,
                )
            })
            .collect(),
    }
}

/// The resources whose one more unit lowers the objective most (measured,
/// one-sided values only).
fn most_valuable(summary: &Summary) -> Vec<Resource> {
    let mut gains: Vec<Resource> = summary
        .marginal_values
        .iter()
        .flat_map(|m| &m.values)
        .filter(|v| v.family != "target")
        .filter_map(|v| {
            let gain = -v.one_more.objective_change_yi?;
            (gain > 1e-9).then(|| Resource {
                limit: v.limit.clone(),
                family: v.family.clone(),
                keys: v.keys.clone(),
                year: v.year.map(|y| y.to_string()).unwrap_or_default(),
                unit: v.dual_unit,
                gain_yi: gain,
                step: v.step.clone(),
            })
        })
        .collect();
    gains.sort_by(|a, b| {
        b.gain_yi
            .total_cmp(&a.gain_yi)
            .then_with(|| (&a.limit, &a.step).cmp(&(&b.limit, &b.step)))
    });
    gains.truncate(TOP_RESOURCES);
    gains
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

/// Target columns (id, year, level) of a case's summary.
fn target_columns(summary: &Summary) -> Vec<(String, i32, f64)> {
    summary
        .targets
        .iter()
        .map(|t| (t.id.clone(), t.year, t.level))
        .collect()
}

/// The comparison of the cases named in `order`, held in `dirs` (a batch
/// folder, or several shard folders, each with its record).
pub fn comparison_of(
    dirs: &[(PathBuf, BatchRecord)],
    order: &[String],
) -> Result<Comparison, ReadError> {
    let mut rows: Vec<CaseRow> = Vec::new();
    let mut targets = Vec::new();
    for name in order {
        // The first folder that holds the case; cases solved in several
        // shards (the base) are identical there.
        let held = dirs.iter().find(|(dir, rec)| {
            rec.cases.iter().any(|c| &c.name == name && c.has_outputs())
                && dir.join(name).join("summary.json").is_file()
        });
        let title = dirs[0].1.title_of(name);
        let row = match held {
            Some((dir, _)) => {
                let folder = read_folder(&dir.join(name))?;
                // The columns come from the first case with targets (the
                // base case, unless it has no plan).
                if targets.is_empty() {
                    targets = target_columns(&folder.summary);
                }
                case_row(&folder, name, title)
            }
            None => {
                let attempted = dirs
                    .iter()
                    .flat_map(|(_, rec)| rec.cases.iter())
                    .find(|c| &c.name == name);
                match attempted {
                    Some(c) => failed_case(name, title, &c.state, &c.message),
                    None => failed_case(name, title, "missing", "no folder holds this case"),
                }
            }
        };
        rows.push(row);
    }
    Ok(Comparison { targets, rows })
}
