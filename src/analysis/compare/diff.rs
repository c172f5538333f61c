//! What changed between two solved plans, and why: funding by area ×
//! province × instrument, lead sites, platforms and targets; and the limits
//! that bind (with a price) in one plan and not in the other, with their
//! duals and units — the reason the money moved.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::results::units::DualUnit;
use crate::results::OutputFolder;

/// A headline number of two plans (objective, spending …).
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub label: String,
    pub unit: String,
    pub before: f64,
    pub after: f64,
}

/// One change between two plans.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// What changed ("central funding of chips in Shanghai, 2026").
    pub description: String,
    pub before: f64,
    pub after: f64,
    /// Unit of before and after ("亿元", "share", "k FTE").
    pub unit: String,
    /// The constraints that explain it ("central budget 2026 binds in the second plan").
    pub explained_by: Vec<String>,
}

impl Change {
    /// after − before, in the change's unit.
    pub fn size(&self) -> f64 {
        self.after - self.before
    }
}

/// A limit that binds in one plan and not the other (or with another price).
#[derive(Debug, Clone, PartialEq)]
pub struct LimitChange {
    pub family: String,
    pub keys: String,
    pub year: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub unit: DualUnit,
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

    /// Rows that carry the model's mechanics rather than a planner's limit.
    pub fn is_technical(&self) -> bool {
        matches!(
            self.family.as_str(),
            "stock"
                | "response"
                | "site_link"
                | "site_minimum"
                | "area_funding"
                | "central_funding"
        )
    }
}

/// The difference between two plans.
#[derive(Debug, Clone)]
pub struct PlanDiff {
    pub before: OutputFolder,
    pub after: OutputFolder,
    /// Real spending (central, provincial) and the penalty, before and after.
    pub headlines: Vec<Headline>,
    /// Every change, grouped by unit, largest first.
    pub changes: Vec<Change>,
    /// Limits binding in one plan and not the other, largest dual change
    /// first (technical rows — stock, response, site links — last).
    pub limits: Vec<LimitChange>,
    /// Overrides applied to one plan's instance and not the other's.
    pub inputs: Vec<String>,
}

/// One target as a diff compares it: both measures of its group.
struct TargetTotals {
    year: i32,
    /// Level achieved in the target's own measure (share).
    achieved: f64,
    shortfall: f64,
    /// Items of the group assured, realised (`None` in older folders).
    assured: Option<usize>,
}

/// What a plan's folder holds, summed the way a diff compares it.
#[derive(Default)]
struct Totals {
    /// (area, province, mode) → funding, central + provincial [亿元].
    funding: BTreeMap<(String, String, String), f64>,
    /// Designated lead sites (item, province).
    sites: BTreeSet<(String, String)>,
    /// (area, province) → new platforms over the horizon.
    platforms: BTreeMap<(String, String), f64>,
    /// target → its accounting.
    targets: BTreeMap<String, TargetTotals>,
    /// Binding rows with a price: (family, keys, year) → (dual, unit).
    binding: BTreeMap<(String, String, String), (f64, DualUnit)>,
}

impl Totals {
    fn of(folder: &OutputFolder) -> Totals {
        let mut t = Totals::default();
        for r in &folder.allocation {
            *t.funding
                .entry((r.area.clone(), r.province.clone(), r.mode.clone()))
                .or_default() += r.funding_central_yi + r.funding_provincial_yi;
        }
        t.sites = folder
            .lead_sites()
            .map(|s| (s.item.clone(), s.province.clone()))
            .collect();
        for r in &folder.platforms {
            *t.platforms
                .entry((r.area.clone(), r.province.clone()))
                .or_default() += r.new_platforms;
        }
        for r in &folder.targets {
            let target = TargetTotals {
                year: r.year,
                achieved: r.achieved,
                shortfall: r.shortfall,
                assured: r.count_assured,
            };
            t.targets.insert(r.target.clone(), target);
        }
        for r in &folder.duals {
            if r.binding && r.dual.abs() > 1e-9 {
                let year = r.year.map(|y| y.to_string()).unwrap_or_default();
                t.binding
                    .insert((r.family.clone(), r.keys.clone(), year), (r.dual, r.unit));
            }
        }
        t
    }
}

/// Compares two plans.
pub fn diff(before: OutputFolder, after: OutputFolder) -> PlanDiff {
    let (b_totals, a_totals) = (Totals::of(&before), Totals::of(&after));
    let limits = limit_changes(&b_totals, &a_totals);
    let inputs = input_changes(&before, &after);
    let why = Explainer {
        inputs: &inputs,
        limits: &limits,
        before: &before.name,
        after: &after.name,
    };
    let mut changes = funding_changes(&b_totals, &a_totals, &why);
    changes.extend(site_changes(&b_totals, &a_totals, &why));
    changes.extend(platform_changes(&b_totals, &a_totals, &why));
    changes.extend(target_changes(&b_totals, &a_totals, &why));
    changes.sort_by(|x, y| {
        x.unit
            .cmp(&y.unit)
            .then(y.size().abs().total_cmp(&x.size().abs()))
            .then(x.description.cmp(&y.description))
    });
    let headlines = headlines(&before, &after);
    PlanDiff {
        before,
        after,
        headlines,
        changes,
        limits,
        inputs,
    }
}

/// Limits whose dual differs, or that bind in one plan only: one side
/// binding first, then by dual change; the technical rows (stock,
/// response, site links) last.
fn limit_changes(b_totals: &Totals, a_totals: &Totals) -> Vec<LimitChange> {
    let mut limits: Vec<LimitChange> = Vec::new();
    let keys: BTreeSet<&(String, String, String)> = b_totals
        .binding
        .keys()
        .chain(a_totals.binding.keys())
        .collect();
    for k in keys {
        let (b, a) = (b_totals.binding.get(k), a_totals.binding.get(k));
        let changed = match (b, a) {
            (Some((x, _)), Some((y, _))) => (x - y).abs() > 1e-6 * x.abs().max(y.abs()).max(1.0),
            _ => true,
        };
        if changed {
            let Some(&(_, unit)) = a.or(b) else {
                continue;
            };
            let (unit, scale) = unit.as_planner_reads();
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
    limits.sort_by(|x, y| {
        x.is_technical()
            .cmp(&y.is_technical())
            .then(
                (x.before.is_some() && x.after.is_some())
                    .cmp(&(y.before.is_some() && y.after.is_some())),
            )
            .then(y.size().total_cmp(&x.size()))
            .then(x.what().cmp(&y.what()))
    });
    limits
}

/// The overrides one plan's run applied and the other's did not.
fn input_changes(before: &OutputFolder, after: &OutputFolder) -> Vec<String> {
    let (b_overrides, a_overrides) = (
        &before.summary.variant.overrides,
        &after.summary.variant.overrides,
    );
    let mut inputs: Vec<String> = Vec::new();
    for o in a_overrides {
        if !b_overrides.contains(o) {
            inputs.push(format!("{} sets {o}", after.name));
        }
    }
    for o in b_overrides {
        if !a_overrides.contains(o) {
            inputs.push(format!("{} sets {o}", before.name));
        }
    }
    inputs
}

/// What explains a change: the inputs that differ, then the limits of its
/// place and the targets (which every change serves).
struct Explainer<'a> {
    inputs: &'a [String],
    limits: &'a [LimitChange],
    before: &'a str,
    after: &'a str,
}

impl Explainer<'_> {
    fn explain(&self, pred: &dyn Fn(&LimitChange) -> bool) -> Vec<String> {
        let mut why: Vec<String> = self.inputs.iter().take(2).cloned().collect();
        why.extend(
            self.limits
                .iter()
                .filter(|l| !l.is_technical() && (pred(l) || l.family == "target"))
                .take(3)
                .map(|l| l.sentence(self.before, self.after)),
        );
        why
    }
}

/// Funding moved by area, province and instrument [亿元].
fn funding_changes(b_totals: &Totals, a_totals: &Totals, why: &Explainer) -> Vec<Change> {
    let mut changes = Vec::new();
    let funding_keys: BTreeSet<&(String, String, String)> = b_totals
        .funding
        .keys()
        .chain(a_totals.funding.keys())
        .collect();
    for k in funding_keys {
        let (b, a) = (
            b_totals.funding.get(k).copied().unwrap_or(0.0),
            a_totals.funding.get(k).copied().unwrap_or(0.0),
        );
        if (a - b).abs() > 1e-6 {
            let (area, province, mode) = k;
            changes.push(Change {
                description: format!("funding of {area} in {province} through {mode}"),
                before: b,
                after: a,
                unit: "亿元".into(),
                explained_by: why.explain(&|l| {
                    l.concerns_province(province)
                        || l.concerns_area(area)
                        || matches!(l.family.as_str(), "central_budget" | "regional_floor")
                }),
            });
        }
    }
    changes
}

/// Lead sites designated in one plan and not the other.
fn site_changes(b_totals: &Totals, a_totals: &Totals, why: &Explainer) -> Vec<Change> {
    let mut changes = Vec::new();
    for (item, province) in b_totals.sites.symmetric_difference(&a_totals.sites) {
        let designated_after = a_totals.sites.contains(&(item.clone(), province.clone()));
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
            explained_by: why.explain(&|l| {
                l.keys.contains(&format!("item={item}")) || l.concerns_province(province)
            }),
        });
    }
    changes
}

/// New platforms by area and province.
fn platform_changes(b_totals: &Totals, a_totals: &Totals, why: &Explainer) -> Vec<Change> {
    let mut changes = Vec::new();
    let platform_keys: BTreeSet<&(String, String)> = b_totals
        .platforms
        .keys()
        .chain(a_totals.platforms.keys())
        .collect();
    for k in platform_keys {
        let (b, a) = (
            b_totals.platforms.get(k).copied().unwrap_or(0.0),
            a_totals.platforms.get(k).copied().unwrap_or(0.0),
        );
        if (a - b).abs() > 1e-6 {
            changes.push(Change {
                description: format!("new platforms of {} in {}", k.0, k.1),
                before: b,
                after: a,
                unit: "platforms".into(),
                explained_by: why.explain(&|l| l.concerns_province(&k.1)),
            });
        }
    }
    changes
}

/// Targets whose achieved level or shortfall moved, and target groups
/// whose count of items assured moved (docs/model.md §10 (CT)).
fn target_changes(b_totals: &Totals, a_totals: &Totals, why: &Explainer) -> Vec<Change> {
    let mut changes = Vec::new();
    for (id, after) in &a_totals.targets {
        let Some(before) = b_totals.targets.get(id) else {
            continue;
        };
        let explained_by =
            || why.explain(&|l| l.keys == format!("target={id}") || l.family == "central_budget");
        if (after.achieved - before.achieved).abs() > 1e-6
            || (after.shortfall - before.shortfall).abs() > 1e-6
        {
            changes.push(Change {
                description: format!("target {id} ({}): level achieved", after.year),
                before: before.achieved,
                after: after.achieved,
                unit: "share".into(),
                explained_by: explained_by(),
            });
        }
        if let (Some(b), Some(a)) = (before.assured, after.assured) {
            if a != b {
                changes.push(Change {
                    description: format!("target {id} ({}): items assured", after.year),
                    before: b as f64,
                    after: a as f64,
                    unit: "items".into(),
                    explained_by: explained_by(),
                });
            }
        }
    }
    changes
}

/// Real spending (total, central, provincial) and the penalty, before and
/// after [亿元].
fn headlines(before: &OutputFolder, after: &OutputFolder) -> Vec<Headline> {
    let spend = |f: &OutputFolder, part: fn(&crate::results::summary::Spending) -> f64| {
        f.summary.spend_yi.as_ref().map_or(0.0, part)
    };
    let headline = |label: &str, b: f64, a: f64| Headline {
        label: label.into(),
        unit: "亿元".into(),
        before: b,
        after: a,
    };
    vec![
        headline(
            "real spending",
            spend(before, |s| s.total),
            spend(after, |s| s.total),
        ),
        headline(
            "central",
            spend(before, |s| s.central),
            spend(after, |s| s.central),
        ),
        headline(
            "provincial",
            spend(before, |s| s.provincial),
            spend(after, |s| s.provincial),
        ),
        headline(
            "shortfall penalty (not money)",
            before.summary.penalty_yi().unwrap_or(0.0),
            after.summary.penalty_yi().unwrap_or(0.0),
        ),
    ]
}

/// A number for sentences: two decimals from 1 up, four significant digits
/// below (the CSV keeps full precision).
pub fn readable(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else if v.abs() >= 1.0 {
        format!("{v:.2}")
    } else {
        let digits = (3 - v.abs().log10().floor() as i32).clamp(0, 12) as usize;
        format!("{v:.digits$}")
    }
}
