//! An infeasible subset read by meaning: which targets, resources, policy
//! limits and bounds conflict, grouped by what they are (one group per
//! resource and place, its years collected), so that a planner reads
//! "target x_2026 cannot be met together with the central budget 2024–2025"
//! instead of solver row numbers.

use std::collections::BTreeMap;

use crate::instance::Instance;
use crate::model::{ColumnKey, Layout, RowKey};
use crate::solve::{Iis, IisBound};

/// What part of the model a conflicting member is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConflictKind {
    /// A self-sufficiency target (G).
    Target,
    /// A budget, talent or platform limit (BC, BP, H, C, N).
    Resource,
    /// A policy rule: chain links, lead sites, regional floor, continuity, concentration.
    Policy,
    /// How effort becomes self-sufficiency (R): response and stock rows, with the effect lag.
    Response,
    /// A bound on a decision: a ceiling, a zero shortfall, non-negative effort.
    Bound,
}

impl ConflictKind {
    pub fn id(self) -> &'static str {
        match self {
            ConflictKind::Target => "target",
            ConflictKind::Resource => "resource",
            ConflictKind::Policy => "policy",
            ConflictKind::Response => "response",
            ConflictKind::Bound => "bound",
        }
    }
}

/// Members of the conflict that share a meaning (e.g. the central budget in
/// several years).
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictGroup {
    pub kind: ConflictKind,
    /// Row family (`central_budget`, …) or column kind (`shortfall`, …).
    pub family: &'static str,
    /// What it is, by name: "central budget", "provincial budget of p1",
    /// "target x_2026", "ceiling of item x".
    pub subject: String,
    /// The kind of limit without its place ("provincial budget", "ceiling"),
    /// and the place (a province, "area in province", an item), so that many
    /// places of one limit can be named together.
    pub what: &'static str,
    pub place: Option<String>,
    /// A bound that only says a decision cannot be negative: part of the
    /// proof, but no limit a planner would move.
    pub obvious: bool,
    /// Calendar years of the members, sorted (empty for rules without a year).
    pub years: Vec<i32>,
    /// The limit that conflicts.
    pub limit: ConflictLimit,
    /// Solver names of the rows and columns, as in exported MPS/LP files.
    pub members: Vec<String>,
}

/// The limit a conflicting group sets.
#[derive(Debug, Clone, PartialEq)]
pub enum ConflictLimit {
    /// A resource row: at most these values (lowest and highest over the
    /// group's years), in `unit`.
    AtMost {
        lowest: f64,
        highest: f64,
        unit: &'static str,
    },
    /// A target: the demand-weighted level of `group` at least `level`
    /// (share) in `year`.
    AtLeast {
        group: String,
        level: f64,
        year: i32,
    },
    /// A rule stated in words ("shortfall fixed at 0 (--hard-targets)").
    Rule(String),
}

/// An infeasible subset by meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Sorted by kind, then subject.
    pub groups: Vec<ConflictGroup>,
    /// HiGHS proved it irreducible (drop any member and the rest is feasible).
    pub irreducible: bool,
}

impl Conflict {
    /// Groups of one kind.
    pub fn of_kind(&self, kind: ConflictKind) -> impl Iterator<Item = &ConflictGroup> {
        self.groups.iter().filter(move |g| g.kind == kind)
    }
}

fn pct(share: f64) -> String {
    format!("{:.1}%", 100.0 * share)
}

/// Meaning of a conflicting row: (kind, subject, limit unit or text).
fn row_meaning(inst: &Instance, key: &RowKey) -> (ConflictKind, String, &'static str) {
    let prov = |p: usize| inst.provinces[p].id.clone();
    let item = |k: usize| inst.items[k].id.clone();
    match *key {
        RowKey::Target { target } | RowKey::Robust { target, .. } => {
            let g = &inst.targets[target];
            (ConflictKind::Target, format!("target {}", g.id), "")
        }
        RowKey::CentralBudget { .. } => (
            ConflictKind::Resource,
            "central budget".into(),
            "亿元 per year",
        ),
        RowKey::ProvincialBudget { province, .. } => (
            ConflictKind::Resource,
            format!("provincial budget of {}", prov(province)),
            "亿元 per year",
        ),
        RowKey::Talent { province, .. } => (
            ConflictKind::Resource,
            format!("talent in {}", prov(province)),
            "k FTE before training",
        ),
        RowKey::Capacity { area, province, .. } => (
            ConflictKind::Resource,
            format!(
                "{} platform capacity in {}",
                inst.areas[area].id,
                prov(province)
            ),
            "cu before new platforms",
        ),
        RowKey::BuildRate { province, .. } => (
            ConflictKind::Resource,
            format!("platform build rate in {}", prov(province)),
            "new platforms per year",
        ),
        RowKey::Stock { item: k, .. } | RowKey::Response { item: k, .. } => (
            ConflictKind::Response,
            format!("response of item {}", item(k)),
            "",
        ),
        RowKey::Chain { link, .. } => {
            let l = &inst.links[link];
            (
                ConflictKind::Policy,
                format!(
                    "chain link: {} may lead {} by at most {}",
                    item(l.item),
                    item(l.needs),
                    pct(l.max_lead)
                ),
                "",
            )
        }
        RowKey::SiteLink { item: k, .. }
        | RowKey::SiteCount { item: k }
        | RowKey::SiteMinimum { item: k, .. } => (
            ConflictKind::Policy,
            format!("national lead sites of item {}", item(k)),
            "",
        ),
        RowKey::RegionalFloor { .. } => (
            ConflictKind::Policy,
            "regional floor on central spending".into(),
            "",
        ),
        RowKey::AreaFunding { area, .. }
        | RowKey::ContinuityGrowth { area, .. }
        | RowKey::ContinuityDecline { area, .. } => (
            ConflictKind::Policy,
            format!("programme continuity of {}", inst.areas[area].id),
            "",
        ),
        RowKey::CentralFunding { .. } | RowKey::Concentration { .. } => (
            ConflictKind::Policy,
            "provincial concentration cap on central money".into(),
            "",
        ),
        RowKey::TrainingBudget { province, .. } => (
            ConflictKind::Resource,
            format!("training budget of {}", prov(province)),
            "亿元 per year",
        ),
        RowKey::TrainingFloor { province, .. } => (
            ConflictKind::Policy,
            format!("training floor of {}", prov(province)),
            "",
        ),
        RowKey::PoolBalance { .. }
        | RowKey::PoolSplit { .. }
        | RowKey::PoolPlatformSplit { .. }
        | RowKey::Assured { .. }
        | RowKey::ThresholdOrder { .. }
        | RowKey::ThresholdGate { .. }
        | RowKey::DriftCeiling { .. }
        | RowKey::ModeFunding { .. }
        | RowKey::ModeContinuityGrowth { .. }
        | RowKey::ModeContinuityDecline { .. }
        | RowKey::ResponseAfterHorizon { .. }
        | RowKey::SegmentAfterHorizon { .. } => policy_row_meaning(inst, key),
    }
}

/// Meaning of a conflicting row of the families of docs/model.md §10
/// (pools, count targets, R&D thresholds, drift, continuity per instrument,
/// the horizon's end).
fn policy_row_meaning(inst: &Instance, key: &RowKey) -> (ConflictKind, String, &'static str) {
    let item = |k: usize| inst.items[k].id.clone();
    match *key {
        RowKey::PoolBalance { pool, .. } => (
            ConflictKind::Resource,
            format!("funding pool {}", inst.pools[pool].id),
            "亿元 of inflow per year",
        ),
        RowKey::PoolSplit { item: k, .. } => (
            ConflictKind::Policy,
            format!("funding pools that may pay for item {}", item(k)),
            "",
        ),
        RowKey::PoolPlatformSplit { .. } => (
            ConflictKind::Policy,
            "funding pools that may pay for platforms".into(),
            "",
        ),
        // An item's assurance is part of its count target's accounting.
        RowKey::Assured { target, .. } => (
            ConflictKind::Target,
            format!("target {}", inst.targets[target].id),
            "",
        ),
        RowKey::ThresholdOrder { item: k, .. } | RowKey::ThresholdGate { item: k, .. } => (
            ConflictKind::Response,
            format!("R&D threshold of item {}", item(k)),
            "",
        ),
        RowKey::DriftCeiling { item: k, .. } => (
            ConflictKind::Response,
            format!("ceiling of item {} above its drift", item(k)),
            "",
        ),
        RowKey::ModeFunding { mode, .. }
        | RowKey::ModeContinuityGrowth { mode, .. }
        | RowKey::ModeContinuityDecline { mode, .. } => (
            ConflictKind::Policy,
            format!("continuity of instrument {}", inst.model.mode_id(mode)),
            "",
        ),
        RowKey::ResponseAfterHorizon { item: k } | RowKey::SegmentAfterHorizon { item: k, .. } => (
            ConflictKind::Response,
            format!("response of item {} after the horizon", item(k)),
            "",
        ),
        _ => (ConflictKind::Policy, key.family().to_string(), ""),
    }
}

/// The rule of a bound that only keeps a decision non-negative.
const NOT_NEGATIVE: &str = "cannot be negative";

/// Meaning of a conflicting column bound: (subject, limit), or `None` when
/// the bound is only non-negativity of an auxiliary sum.
fn bound_meaning(
    inst: &Instance,
    key: &ColumnKey,
    bound: IisBound,
) -> Option<(&'static str, String, String)> {
    let upper = matches!(bound, IisBound::Upper | IisBound::Both);
    match *key {
        ColumnKey::Segment { item, .. } if upper => {
            let it = &inst.items[item];
            Some((
                "ceiling",
                format!("ceiling of item {}", it.id),
                format!("≤ {} (smax)", pct(it.smax)),
            ))
        }
        ColumnKey::Shortfall { target } if upper => Some((
            "shortfall",
            format!("shortfall of target {}", inst.targets[target].id),
            "fixed at 0 by --hard-targets".into(),
        )),
        ColumnKey::NewPlatforms { province, .. } if upper => Some((
            "new_platforms",
            format!("new platforms in {}", inst.provinces[province].id),
            format!(
                "≤ {} per area and year",
                inst.provinces[province].max_new_platforms
            ),
        )),
        ColumnKey::Site { item, province } if upper => Some((
            "site",
            format!(
                "lead site of {} in {}",
                inst.items[item].id, inst.provinces[province].id
            ),
            "at most one (designated or not)".into(),
        )),
        ColumnKey::Effort { .. } => Some(("effort", "effort".into(), NOT_NEGATIVE.into())),
        ColumnKey::Training { .. } => {
            Some(("training", "training spending".into(), NOT_NEGATIVE.into()))
        }
        ColumnKey::NewPlatforms { .. } => {
            Some(("new_platforms", "new platforms".into(), NOT_NEGATIVE.into()))
        }
        ColumnKey::Segment { .. } => Some((
            "segment",
            "self-sufficiency gains".into(),
            NOT_NEGATIVE.into(),
        )),
        ColumnKey::Site { .. } => Some(("site", "lead sites".into(), NOT_NEGATIVE.into())),
        ColumnKey::Shortfall { .. } => {
            Some(("shortfall", "shortfalls".into(), NOT_NEGATIVE.into()))
        }
        ColumnKey::Threshold { item, .. } => Some((
            "threshold",
            format!("R&D threshold of item {}", inst.items[item].id),
            "passed (1) or not (0)".into(),
        )),
        // Q, Fund and the central-funding sums are defined by equality rows;
        // their sign is implied by the effort they add up.
        ColumnKey::Stock { .. }
        | ColumnKey::AreaFunding { .. }
        | ColumnKey::CentralFunding { .. }
        | ColumnKey::ModeFunding { .. } => None,
        ColumnKey::SegmentAfterHorizon { .. } => Some((
            "segment_after_horizon",
            "self-sufficiency gains after the horizon".into(),
            NOT_NEGATIVE.into(),
        )),
        ColumnKey::PoolFunding { .. } | ColumnKey::PoolPlatformFunding { .. } => {
            Some(("pool_funding", "pool payments".into(), NOT_NEGATIVE.into()))
        }
        ColumnKey::PoolLeft { pool, .. } => Some((
            "pool_left",
            format!("money left in pool {}", inst.pools[pool].id),
            NOT_NEGATIVE.into(),
        )),
        // The sample-average plan's own columns are never read as a conflict.
        ColumnKey::Robust { .. } => None,
        ColumnKey::Assured { item, target } => Some((
            "assured",
            format!(
                "assurance of item {} for target {}",
                inst.items[item].id, inst.targets[target].id
            ),
            if upper {
                "at most one (assured or not)".into()
            } else {
                NOT_NEGATIVE.into()
            },
        )),
    }
}

fn column_year(key: &ColumnKey) -> Option<usize> {
    match *key {
        ColumnKey::Effort { year, .. }
        | ColumnKey::NewPlatforms { year, .. }
        | ColumnKey::Training { year, .. }
        | ColumnKey::Segment { year, .. }
        | ColumnKey::Stock { year, .. }
        | ColumnKey::AreaFunding { year, .. }
        | ColumnKey::CentralFunding { year }
        | ColumnKey::PoolFunding { year, .. }
        | ColumnKey::PoolPlatformFunding { year, .. }
        | ColumnKey::PoolLeft { year, .. }
        | ColumnKey::ModeFunding { year, .. } => Some(year),
        ColumnKey::Threshold { year, .. } => Some(year),
        // A target's year is part of its own description.
        ColumnKey::Shortfall { .. } | ColumnKey::Site { .. } | ColumnKey::Assured { .. } => None,
        ColumnKey::SegmentAfterHorizon { .. } | ColumnKey::Robust { .. } => None,
    }
}

/// The kind of limit a row or column is, without its place, and its place.
fn what_and_place(inst: &Instance, key: Member) -> (&'static str, Option<String>) {
    let prov = |p: usize| Some(inst.provinces[p].id.clone());
    let item = |k: usize| Some(inst.items[k].id.clone());
    match key {
        Member::Row(key) => match *key {
            RowKey::ProvincialBudget { province, .. } => ("provincial budget", prov(province)),
            RowKey::Talent { province, .. } => ("talent", prov(province)),
            RowKey::Capacity { area, province, .. } => (
                "platform capacity",
                Some(format!(
                    "{} in {}",
                    inst.areas[area].id, inst.provinces[province].id
                )),
            ),
            RowKey::BuildRate { province, .. } => ("platform build rate", prov(province)),
            RowKey::TrainingBudget { province, .. } => ("training budget", prov(province)),
            RowKey::TrainingFloor { province, .. } => ("training floor", prov(province)),
            RowKey::Stock { item: k, .. } | RowKey::Response { item: k, .. } => {
                ("response", item(k))
            }
            RowKey::SiteLink { item: k, .. }
            | RowKey::SiteCount { item: k }
            | RowKey::SiteMinimum { item: k, .. } => ("national lead sites", item(k)),
            RowKey::AreaFunding { area, .. }
            | RowKey::ContinuityGrowth { area, .. }
            | RowKey::ContinuityDecline { area, .. } => {
                ("programme continuity", Some(inst.areas[area].id.clone()))
            }
            other => (other.family(), None),
        },
        Member::Column(key) => match *key {
            ColumnKey::Segment { item: k, .. } => ("ceiling", item(k)),
            ColumnKey::NewPlatforms { province, .. } => ("new platforms", prov(province)),
            ColumnKey::Site { item: k, province } => (
                "lead site",
                Some(format!(
                    "{} in {}",
                    inst.items[k].id, inst.provinces[province].id
                )),
            ),
            _ => ("bound", None),
        },
    }
}

#[derive(Clone, Copy)]
enum Member<'a> {
    Row(&'a RowKey),
    Column(&'a ColumnKey),
}

#[derive(Default)]
struct Gathered {
    what: &'static str,
    place: Option<String>,
    kind: Option<ConflictKind>,
    family: &'static str,
    years: Vec<i32>,
    values: Vec<f64>,
    unit: &'static str,
    limit: Option<ConflictLimit>,
    members: Vec<String>,
}

/// What a policy or response row requires, in words.
fn rule_of_family(family: &str) -> &'static str {
    match family {
        "stock" | "response" => "effort counts only after the effect lag, with diminishing returns",
        "chain" => "an item may not lead the item it needs by more than the allowed lead",
        "site_link" => "national effort only at designated lead sites",
        "site_count" => "at most the allowed number of lead sites per item",
        "site_minimum" => "a designated lead site receives at least its minimum effort",
        "regional_floor" => "at least the regional share of central spending",
        "area_funding" | "continuity_growth" | "continuity_decline" => {
            "yearly change of an area's funding within the growth and decline limits"
        }
        "central_funding" | "concentration" => {
            "no province above the cap on its share of central money"
        }
        _ => "",
    }
}

/// Reads an infeasible subset by meaning.
pub fn conflict_by_meaning(inst: &Instance, layout: &Layout, iis: &Iis) -> Conflict {
    let mut groups: BTreeMap<(ConflictKind, String), Gathered> = BTreeMap::new();
    for m in &iis.rows {
        let key = &layout.rows[m.index];
        let (kind, subject, unit) = row_meaning(inst, key);
        let b = layout.row_bounds[m.index];
        let entry = groups.entry((kind, subject)).or_default();
        entry.kind = Some(kind);
        entry.family = key.family();
        (entry.what, entry.place) = what_and_place(inst, Member::Row(key));
        entry.unit = unit;
        if let Some(t) = key.year(inst) {
            entry.years.push(inst.years[t]);
        }
        entry.members.push(key.name(inst));
        match *key {
            RowKey::Target { target } => {
                let g = &inst.targets[target];
                entry.limit = Some(ConflictLimit::AtLeast {
                    group: g.group.clone(),
                    level: g.level,
                    year: inst.years[g.year],
                });
            }
            _ if !unit.is_empty() => {
                // Resource rows are ≤ rows: the limit is the upper bound, net
                // of the platforms and training the row itself can add.
                entry.values.push(if m.bound == IisBound::Lower {
                    b.lower
                } else {
                    b.upper
                });
            }
            _ => {}
        }
    }
    for m in iis.columns.iter().filter(|m| m.bound != IisBound::Free) {
        let key = &layout.columns[m.index];
        let Some((family, subject, limit)) = bound_meaning(inst, key, m.bound) else {
            continue;
        };
        let entry = groups.entry((ConflictKind::Bound, subject)).or_default();
        entry.kind = Some(ConflictKind::Bound);
        entry.family = family;
        (entry.what, entry.place) = what_and_place(inst, Member::Column(key));
        entry.limit = Some(ConflictLimit::Rule(limit));
        if let Some(t) = column_year(key) {
            entry.years.push(inst.years[t]);
        }
        entry.members.push(key.name(inst));
    }
    let groups = groups
        .into_iter()
        .map(|((kind, subject), mut g)| {
            g.years.sort_unstable();
            g.years.dedup();
            g.members.sort();
            let limit = g.limit.unwrap_or_else(|| {
                if g.values.is_empty() {
                    ConflictLimit::Rule(rule_of_family(g.family).into())
                } else {
                    ConflictLimit::AtMost {
                        lowest: g.values.iter().copied().fold(f64::INFINITY, f64::min),
                        highest: g.values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                        unit: g.unit,
                    }
                }
            });
            let obvious = matches!(&limit, ConflictLimit::Rule(r) if r == NOT_NEGATIVE);
            ConflictGroup {
                kind,
                family: g.family,
                subject,
                what: g.what,
                place: g.place,
                obvious,
                years: g.years,
                limit,
                members: g.members,
            }
        })
        .collect();
    Conflict {
        groups,
        irreducible: iis.irreducible,
    }
}

/// Years as compact ranges: "2022–2024, 2027".
pub fn year_ranges(years: &[i32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let start = years[i];
        let mut end = start;
        while i + 1 < years.len() && years[i + 1] == end + 1 {
            i += 1;
            end = years[i];
        }
        parts.push(if end == start {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_collapse_into_ranges() {
        assert_eq!(year_ranges(&[2022, 2023, 2024, 2027]), "2022–2024, 2027");
        assert_eq!(year_ranges(&[2025]), "2025");
        assert_eq!(year_ranges(&[]), "");
    }
}
