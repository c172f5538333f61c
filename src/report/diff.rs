//! What changed between two solved plans, and why. Read from two output
//! folders (`solve`, or two cases of a batch): funding by area × province ×
//! instrument, lead sites, platforms and targets, ranked by size; and the
//! limits that bind (with a price) in one plan and not in the other, with
//! their duals and units — the reason the money moved. Written as sentences a
//! planner can forward.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::html::compare::{Change, DiffView, Headline};
use super::tables::num;
use super::{OutputError, ReadError};

/// One solved plan, as its folder holds it.
#[derive(Debug, Clone, Default)]
pub struct PlanFiles {
    pub name: String,
    pub folder: PathBuf,
    pub objective_yi: f64,
    pub spend_total_yi: f64,
    pub spend_central_yi: f64,
    pub spend_provincial_yi: f64,
    pub penalty_yi: f64,
    /// (area, province, mode) → funding, central + provincial [亿元].
    pub funding: BTreeMap<(String, String, String), f64>,
    /// Designated lead sites (item, province).
    pub sites: BTreeSet<(String, String)>,
    /// (area, province) → new platforms over the horizon.
    pub platforms: BTreeMap<(String, String), f64>,
    /// target → (year, achieved share, shortfall share).
    pub targets: BTreeMap<String, (i32, f64, f64)>,
    /// Binding rows with a price: (family, keys, year) → (dual, unit).
    pub binding: BTreeMap<(String, String, String), (f64, String)>,
    /// The overrides that made this plan's instance (scenarios, `--set`).
    pub overrides: Vec<String>,
}

fn err(path: &Path, e: impl std::fmt::Display) -> OutputError {
    OutputError {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Rows of a CSV file of an output folder, by header name.
fn rows(path: &Path) -> Result<Vec<BTreeMap<String, String>>, OutputError> {
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let mut reader = csv::Reader::from_path(path).map_err(|e| err(path, e))?;
    let headers = reader.headers().map_err(|e| err(path, e))?.clone();
    reader
        .records()
        .map(|r| {
            let r = r.map_err(|e| err(path, e))?;
            Ok(headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect())
        })
        .collect()
}

fn number(row: &BTreeMap<String, String>, key: &str) -> f64 {
    row.get(key).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

fn text(row: &BTreeMap<String, String>, key: &str) -> String {
    row.get(key).cloned().unwrap_or_default()
}

/// Reads a plan folder written by `solve` or `batch`.
pub fn read_plan(folder: &Path) -> Result<PlanFiles, ReadError> {
    let summary_path = folder.join("summary.json");
    let bytes = std::fs::read(&summary_path).map_err(|e| OutputError::new(&summary_path, e))?;
    let summary: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| err(&summary_path, e))?;
    if summary["has_plan"] != true {
        return Err(err(
            &summary_path,
            format!(
                "holds no plan ({}); there is nothing to compare",
                summary["status"].as_str().unwrap_or("unknown")
            ),
        )
        .into());
    }
    let f = |v: &serde_json::Value| v.as_f64().unwrap_or(0.0);
    let mut plan = PlanFiles {
        name: folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| folder.display().to_string()),
        folder: folder.to_path_buf(),
        objective_yi: f(&summary["objective"]),
        spend_total_yi: f(&summary["spend_yi"]["total"]),
        spend_central_yi: f(&summary["spend_yi"]["central"]),
        spend_provincial_yi: f(&summary["spend_yi"]["provincial"]),
        penalty_yi: f(&summary["objective_terms"]["shortfall_penalty_yi"]),
        overrides: summary["variant"]["overrides"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| o.as_str().map(str::to_string))
            .collect(),
        ..PlanFiles::default()
    };
    for r in rows(&folder.join("allocation.csv"))? {
        *plan
            .funding
            .entry((text(&r, "area"), text(&r, "province"), text(&r, "mode")))
            .or_default() += number(&r, "funding_central_yi") + number(&r, "funding_provincial_yi");
    }
    for r in rows(&folder.join("sites.csv"))? {
        if number(&r, "designated") > 0.5 {
            plan.sites.insert((text(&r, "item"), text(&r, "province")));
        }
    }
    for r in rows(&folder.join("platforms.csv"))? {
        *plan
            .platforms
            .entry((text(&r, "area"), text(&r, "province")))
            .or_default() += number(&r, "new_platforms");
    }
    for r in rows(&folder.join("targets.csv"))? {
        plan.targets.insert(
            text(&r, "target"),
            (
                number(&r, "year") as i32,
                number(&r, "achieved"),
                number(&r, "shortfall"),
            ),
        );
    }
    for r in rows(&folder.join("duals.csv"))? {
        let dual = number(&r, "dual");
        if text(&r, "binding") == "true" && dual.abs() > 1e-9 {
            plan.binding.insert(
                (text(&r, "family"), text(&r, "keys"), text(&r, "year")),
                (dual, text(&r, "unit")),
            );
        }
    }
    Ok(plan)
}

/// A limit that binds in one plan and not the other (or with another price).
#[derive(Debug, Clone, PartialEq)]
pub struct LimitChange {
    pub family: String,
    pub keys: String,
    pub year: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub unit: String,
}

impl LimitChange {
    /// How the limit reads, e.g. "provincial_budget (province=p1) in 2024".
    pub fn what(&self) -> String {
        let mut s = self.family.replace('_', " ");
        if !self.keys.is_empty() {
            let _ = write!(s, " ({})", self.keys.replace(';', ", "));
        }
        if !self.year.is_empty() {
            let _ = write!(s, " in {}", self.year);
        }
        s
    }

    /// A sentence a planner can forward.
    pub fn sentence(&self, before: &str, after: &str) -> String {
        match (self.before, self.after) {
            (None, Some(d)) => format!(
                "{} binds in {after} (dual {} {}) but not in {before}",
                self.what(),
                readable(d),
                self.unit
            ),
            (Some(d), None) => format!(
                "{} binds in {before} (dual {} {}) but no longer in {after}",
                self.what(),
                readable(d),
                self.unit
            ),
            (Some(a), Some(b)) => format!(
                "{} binds in both, its dual moving from {} to {} {}",
                self.what(),
                readable(a),
                readable(b),
                self.unit
            ),
            (None, None) => self.what(),
        }
    }

    fn size(&self) -> f64 {
        (self.after.unwrap_or(0.0) - self.before.unwrap_or(0.0)).abs()
    }

    /// Whether this limit concerns a province (its keys name it).
    fn concerns_province(&self, province: &str) -> bool {
        self.keys
            .split(';')
            .any(|k| k == format!("province={province}"))
    }

    fn concerns_area(&self, area: &str) -> bool {
        self.keys.split(';').any(|k| k == format!("area={area}"))
    }
}

/// Rows that carry the model's mechanics rather than a planner's limit.
fn is_technical(l: &LimitChange) -> bool {
    matches!(
        l.family.as_str(),
        "stock" | "response" | "site_link" | "site_minimum" | "area_funding" | "central_funding"
    )
}

/// The difference between two plans.
#[derive(Debug, Clone)]
pub struct PlanDiff {
    pub before: PlanFiles,
    pub after: PlanFiles,
    pub view: DiffView,
    /// Limits binding in one plan and not the other, largest dual change
    /// first (technical rows — stock, response, site links — last).
    pub limits: Vec<LimitChange>,
    /// Overrides applied to one plan's instance and not the other's.
    pub inputs: Vec<String>,
}

/// Compares two plans.
pub fn diff(before: PlanFiles, after: PlanFiles) -> PlanDiff {
    let mut limits: Vec<LimitChange> = Vec::new();
    let keys: BTreeSet<&(String, String, String)> =
        before.binding.keys().chain(after.binding.keys()).collect();
    for k in keys {
        let (b, a) = (before.binding.get(k), after.binding.get(k));
        let changed = match (b, a) {
            (Some((x, _)), Some((y, _))) => (x - y).abs() > 1e-6 * x.abs().max(y.abs()).max(1.0),
            _ => true,
        };
        if changed {
            let unit = a.or(b).map(|v| v.1.clone()).unwrap_or_default();
            // Duals of share rows are per unit share (100 points); a planner
            // reads targets in points.
            let (unit, scale) = match unit.strip_suffix(" per unit share of target level") {
                Some(money) => (format!("{money} per point of target level"), 0.01),
                None => (unit, 1.0),
            };
            limits.push(LimitChange {
                family: k.0.clone(),
                keys: k.1.clone(),
                year: k.2.clone(),
                before: b.map(|v| v.0 * scale),
                after: a.map(|v| v.0 * scale),
                unit,
            });
        }
    }
    // Only one side binding first, then by dual change; the technical rows
    // (stock, response, site links) last.
    let technical = is_technical;
    limits.sort_by(|x, y| {
        technical(x)
            .cmp(&technical(y))
            .then(
                (x.before.is_some() && x.after.is_some())
                    .cmp(&(y.before.is_some() && y.after.is_some())),
            )
            .then(y.size().total_cmp(&x.size()))
            .then(x.what().cmp(&y.what()))
    });
    let mut inputs: Vec<String> = Vec::new();
    for o in &after.overrides {
        if !before.overrides.contains(o) {
            inputs.push(format!("{} sets {o}", after.name));
        }
    }
    for o in &before.overrides {
        if !after.overrides.contains(o) {
            inputs.push(format!("{} sets {o}", before.name));
        }
    }
    // A change is explained by the limits of its place, the targets (which
    // every change serves) and the inputs that differ.
    let explain = |pred: &dyn Fn(&LimitChange) -> bool| -> Vec<String> {
        let mut why: Vec<String> = inputs.iter().take(2).cloned().collect();
        why.extend(
            limits
                .iter()
                .filter(|l| !technical(l) && (pred(l) || l.family == "target"))
                .take(3)
                .map(|l| l.sentence(&before.name, &after.name)),
        );
        why
    };
    let mut changes = Vec::new();
    let funding_keys: BTreeSet<&(String, String, String)> =
        before.funding.keys().chain(after.funding.keys()).collect();
    for k in funding_keys {
        let (b, a) = (
            before.funding.get(k).copied().unwrap_or(0.0),
            after.funding.get(k).copied().unwrap_or(0.0),
        );
        if (a - b).abs() > 1e-6 {
            let (area, province, mode) = k;
            changes.push(Change {
                description: format!("funding of {area} in {province} through {mode}"),
                before: b,
                after: a,
                unit: "亿元".into(),
                explained_by: explain(&|l| {
                    l.concerns_province(province)
                        || l.concerns_area(area)
                        || matches!(l.family.as_str(), "central_budget" | "regional_floor")
                }),
            });
        }
    }
    for (item, province) in before.sites.symmetric_difference(&after.sites) {
        let designated_after = after.sites.contains(&(item.clone(), province.clone()));
        changes.push(Change {
            description: format!(
                "lead site of {item} in {province} {}",
                if designated_after {
                    "designated"
                } else {
                    "dropped"
                }
            ),
            before: if designated_after { 0.0 } else { 1.0 },
            after: if designated_after { 1.0 } else { 0.0 },
            unit: "sites".into(),
            explained_by: explain(&|l| {
                l.keys.contains(&format!("item={item}")) || l.concerns_province(province)
            }),
        });
    }
    let platform_keys: BTreeSet<&(String, String)> = before
        .platforms
        .keys()
        .chain(after.platforms.keys())
        .collect();
    for k in platform_keys {
        let (b, a) = (
            before.platforms.get(k).copied().unwrap_or(0.0),
            after.platforms.get(k).copied().unwrap_or(0.0),
        );
        if (a - b).abs() > 1e-6 {
            changes.push(Change {
                description: format!("new platforms of {} in {}", k.0, k.1),
                before: b,
                after: a,
                unit: "platforms".into(),
                explained_by: explain(&|l| l.concerns_province(&k.1)),
            });
        }
    }
    for (id, (year, achieved, shortfall)) in &after.targets {
        let Some((_, b_achieved, b_short)) = before.targets.get(id) else {
            continue;
        };
        if (achieved - b_achieved).abs() > 1e-6 || (shortfall - b_short).abs() > 1e-6 {
            changes.push(Change {
                description: format!("target {id} ({year}): level achieved"),
                before: *b_achieved,
                after: *achieved,
                unit: "share".into(),
                explained_by: explain(&|l| {
                    l.keys == format!("target={id}") || l.family == "central_budget"
                }),
            });
        }
    }
    changes.sort_by(|x, y| {
        x.unit
            .cmp(&y.unit)
            .then(y.size().abs().total_cmp(&x.size().abs()))
            .then(x.description.cmp(&y.description))
    });
    let headlines = vec![
        Headline {
            label: "real spending".into(),
            unit: "亿元".into(),
            before: before.spend_total_yi,
            after: after.spend_total_yi,
        },
        Headline {
            label: "central".into(),
            unit: "亿元".into(),
            before: before.spend_central_yi,
            after: after.spend_central_yi,
        },
        Headline {
            label: "provincial".into(),
            unit: "亿元".into(),
            before: before.spend_provincial_yi,
            after: after.spend_provincial_yi,
        },
        Headline {
            label: "shortfall penalty (not money)".into(),
            unit: "亿元".into(),
            before: before.penalty_yi,
            after: after.penalty_yi,
        },
    ];
    let view = DiffView {
        title: format!("{} → {}", before.name, after.name),
        before: before.name.clone(),
        after: after.name.clone(),
        headlines,
        changes,
        footer: format!("{} → {}", before.folder.display(), after.folder.display()),
    };
    PlanDiff {
        before,
        after,
        view,
        limits,
        inputs,
    }
}

impl PlanDiff {
    /// The diff in sentences: headlines, the largest changes of each kind
    /// (at most `top`), and why.
    pub fn markdown(&self, top: usize) -> String {
        let (b, a) = (&self.before.name, &self.after.name);
        let mut md = String::new();
        let _ = writeln!(md, "# What changed: {b} → {a}\n");
        for h in &self.view.headlines {
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
        for c in &self.view.changes {
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
        let planner: Vec<&LimitChange> = self.limits.iter().filter(|l| !is_technical(l)).collect();
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
        for c in &self.view.changes {
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
                &l.unit,
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

/// A number for sentences: two decimals from 1 up, four significant digits
/// below (the CSV keeps full precision).
fn readable(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else if v.abs() >= 1.0 {
        format!("{v:.2}")
    } else {
        let digits = (3 - v.abs().log10().floor() as i32).clamp(0, 12) as usize;
        format!("{v:.digits$}")
    }
}

fn signed_readable(v: f64) -> String {
    if v >= 0.0 {
        format!("+{}", readable(v))
    } else {
        readable(v)
    }
}
