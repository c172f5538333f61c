//! `instance.toml`: name, horizon, central budgets, targets, options and the
//! model file an instance uses.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::model_file::RawAllowedModes;

/// The keys of [`Manifest`] that hold a table (a struct below).
pub const TABLE_KEYS: [&str; 6] = [
    "central_budget_yi",
    "objective",
    "regional_floor",
    "continuity",
    "concentration",
    "allowed_modes",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The description in Chinese, for reports in Chinese (optional).
    #[serde(default)]
    pub description_zh: String,
    /// Path of the model file, relative to the instance folder.
    pub model: String,
    pub first_year: i64,
    pub last_year: i64,
    /// Bc_t; absent when the instance gives funding pools instead.
    #[serde(default)]
    pub central_budget_yi: Option<CentralBudget>,
    #[serde(default)]
    pub targets: Vec<TargetEntry>,
    #[serde(default)]
    pub objective: Option<ObjectiveEntry>,
    #[serde(default)]
    pub regional_floor: Option<RegionalFloorEntry>,
    /// (CONT) programme continuity, if given.
    #[serde(default)]
    pub continuity: Option<ContinuityEntry>,
    /// (CAP) provincial concentration of central money, if given.
    #[serde(default)]
    pub concentration: Option<ConcentrationEntry>,
    /// Overrides the model file's tier → modes table for this instance.
    #[serde(default)]
    pub allowed_modes: Option<RawAllowedModes>,
    /// (POOL) funding pools by id; when given they are the central money.
    #[serde(default)]
    pub pools: BTreeMap<String, PoolEntry>,
    /// (END) how the share bought after the last year is valued, if at all.
    #[serde(default)]
    pub horizon_end: Option<HorizonEndEntry>,
    /// (TB) caps and floors on training spending, applied in order.
    #[serde(default)]
    pub training_budget_yi: Vec<TrainingBudgetEntry>,
}

/// One `[[training_budget_yi]]` entry (docs/model.md §10 (TB)): a cap and/or
/// a floor on tr[p,t] for the provinces and years it selects [亿元/yr].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingBudgetEntry {
    /// Province ids (absent: every province).
    pub provinces: Option<Vec<String>>,
    /// Regions (absent: every region).
    pub regions: Option<Vec<String>>,
    /// First year, inclusive (absent: the first year of the horizon).
    pub from: Option<i64>,
    /// Last year, inclusive (absent: the last year of the horizon).
    pub to: Option<i64>,
    /// TBmax: the most a selected province may spend on training in a selected year.
    pub max: Option<f64>,
    /// TBmin: the least it must spend.
    pub min: Option<f64>,
}

/// One `[pools.<id>]` table (docs/model.md §10 (POOL)).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoolEntry {
    /// B_f,t [亿元/yr].
    pub inflow_yi: PoolInflow,
    /// κ_f: share of unspent money kept for the next year.
    #[serde(default)]
    pub carry_over: f64,
    pub areas: Option<Vec<String>>,
    pub tiers: Option<Vec<String>>,
    pub items: Option<Vec<String>>,
    pub modes: Option<Vec<String>>,
    pub platforms: Option<bool>,
}

/// B_f,t: a default for every year, and values of particular years written
/// either directly (`2025 = 30.0`) or under `by_year`, as for
/// `[central_budget_yi]` [亿元/yr].
#[derive(Debug, Deserialize)]
pub struct PoolInflow {
    pub default: f64,
    #[serde(default)]
    pub by_year: BTreeMap<String, f64>,
    #[serde(flatten)]
    pub years: BTreeMap<String, f64>,
}

/// Bc_t: a default for every year plus optional per-year values [亿元/yr].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CentralBudget {
    pub default: f64,
    #[serde(default)]
    pub by_year: BTreeMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetEntry {
    pub id: String,
    /// Areas whose items form the group; `"all"` means every item.
    #[serde(default)]
    pub areas: Vec<String>,
    /// Further items in the group.
    #[serde(default)]
    pub items: Vec<String>,
    pub year: i64,
    /// θ_g: required demand-weighted self-sufficiency, a share in [0, 1].
    pub level: f64,
    /// λ_g [亿元 per point of shortfall]; defaults to the model file's value.
    pub penalty_yi_per_point: Option<f64>,
    /// `"weighted"` (default) or `"count"` (docs/model.md §10 (CT)).
    pub metric: Option<String>,
    /// The share at which an item counts as assured, in (0, 1]; default 0.5.
    pub assured_at: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveEntry {
    /// A preset of the model file (`min-cost`, `max-sufficiency`, …).
    pub preset: Option<String>,
    /// Direct weights override the preset.
    pub cost_weight: Option<f64>,
    pub sufficiency_weight: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContinuityEntry {
    /// g_up: largest yearly growth of an area's project funding (share).
    /// The three area limits are given together, or not at all when only
    /// `[continuity.modes]` is written.
    pub max_growth: Option<f64>,
    /// g_down: largest yearly decline (share).
    pub max_decline: Option<f64>,
    /// ramp_a [亿元/yr] for every area, so a programme can start from zero.
    pub ramp_yi: Option<f64>,
    /// ramp_a for particular areas [亿元/yr], replacing `ramp_yi` there.
    #[serde(default)]
    pub ramp_yi_by_area: BTreeMap<String, f64>,
    /// (CONT-M) the same two limits on each instrument's funding.
    #[serde(default)]
    pub modes: Option<ModeContinuityEntry>,
}

/// `[continuity.modes]`: (CONT-M), the keys of `[continuity]` per instrument.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModeContinuityEntry {
    /// g_up of every instrument (share per year).
    pub max_growth: f64,
    /// g_down of every instrument (share per year).
    pub max_decline: f64,
    /// ramp_m [亿元/yr] of every instrument.
    pub ramp_yi: f64,
    /// ramp_m of particular instruments [亿元/yr], replacing `ramp_yi` there.
    #[serde(default)]
    pub ramp_yi_by_mode: BTreeMap<String, f64>,
}

/// `[horizon_end]`: (END), the value of what the end-of-horizon stock buys after tN.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HorizonEndEntry {
    /// `"penalty"` values it, `"none"` (the default) keeps docs/model.md §6.
    pub value: String,
    /// ω_end, the weight on that value (default 1).
    pub weight: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConcentrationEntry {
    /// χ: largest share of a year's central project funding one province may receive.
    pub max_province_share: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionalFloorEntry {
    pub regions: Vec<String>,
    /// ρ_R: minimum share of central spending going to these regions.
    pub min_share: f64,
}
