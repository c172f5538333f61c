//! summary.json as a type: what `solve` and `batch` write into every output
//! folder, and what `diff`, `merge` and a batch's comparison read back.
//!
//! Fields are declared in the order they are written: `schema_version`
//! first, then every key in alphabetical order (the order summary.json has
//! always had), so that a struct serialises to the same bytes. A part that is
//! absent from the file is an `Option` skipped when `None`; a value written as
//! `null` is an `Option` that is always written.
//!
//! Numbers that the writer rounds to 1e-9 (spending, objective terms,
//! targets, check, timings) are `f64` here; the writer stores them rounded,
//! so a summary read back equals the one written. A number that is not
//! finite is written as `null` and read back as NaN.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use super::units::DualUnit;

/// The version of summary.json this qiangji writes and reads.
///
/// - 2: the first recorded version: every part this module declares. Files
///   written before (no `schema_version`) are refused by every reader.
///
/// Raise it whenever a key is renamed, removed or changes meaning (adding a
/// part that readers may ignore does not need a new version); readers refuse
/// any other version and ask for the solve to be run again.
pub const SCHEMA_VERSION: u32 = 2;

/// The texts of summary.json's `units` part.
pub mod unit_texts {
    pub const MONEY: &str =
        "亿元 (1e8 yuan); objective, objective_terms, spend_yi and mip.best_bound";
    pub const OBJECTIVE: &str = "亿元 of objective = discounted real spending + shortfall penalty (a modelling device, not money) − sufficiency term (a weight on points, not money); see objective_terms";
    pub const SPEND_YI: &str =
        "real money only, undiscounted unless named discounted; never the penalty";
    pub const SHARES: &str = "fraction in [0, 1]; targets level, achieved and shortfall";
    pub const DUAL_YI_PER_POINT: &str = "亿元 of objective per percentage point of target level (the LP dual: one-sided at a degenerate optimum; see marginal_values)";
    pub const MARGINAL_VALUES: &str = "objective change [亿元 of objective] of one step of 1 unit (亿元, k FTE, cu, platform, point) up (one_more) or down (one_less), with the interval of the limit over which it holds and how it was established";
    pub const EXCHANGE_RATES: &str = "points of a target group's level in its target year per extra unit (亿元 of central budget, k FTE of talent, platform) where it buys most, on the group's frontier; yi_per_point_* from marginal_values of the target";
    pub const TIMINGS_S: &str = "seconds";
    pub const NUMERICS: &str =
        "magnitudes of the model's nonzero coefficients, in the units of their rows and columns";
}

/// `null` (a number that was not finite when written) reads as NaN.
fn nan_if_null<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

/// The whole of summary.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// [`SCHEMA_VERSION`] when written by this qiangji.
    pub schema_version: u32,
    /// A batch's record of the case (scenario, key), in a batch's case folders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<BatchStamp>,
    /// The independent check of the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<Check>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_rates: Option<ExchangeRates>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
    pub formulation: Formulation,
    pub has_plan: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infeasibility: Option<Infeasibility>,
    pub instance: InstanceInfo,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marginal_values: Option<MarginalValues>,
    pub mip: Mip,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mip_start: Option<MipStart>,
    pub model: ModelInfo,
    pub numerics: Numerics,
    /// [亿元 of objective]; `null` without a plan.
    pub objective: Option<f64>,
    pub objective_preset: String,
    /// The objective taken apart (with a plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective_terms: Option<ObjectiveTerms>,
    pub objective_weights: ObjectiveWeights,
    /// (POOL) each funding pool's rule and account; only when the instance
    /// gives pools (docs/model.md §10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pools: Option<Vec<Pool>>,
    /// (THR) every item with an R&D threshold; only when the instance gives
    /// thresholds (docs/model.md §10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rd_thresholds: Option<Vec<RdThreshold>>,
    pub size: Size,
    pub solver: Solver,
    /// Real spending (with a plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spend_yi: Option<Spending>,
    /// Solver status id (`optimal`, `infeasible`, …).
    pub status: String,
    pub status_meaning: String,
    pub targets: Vec<Target>,
    /// Seconds of each stage, by key, and their sum (`total`).
    pub timings_s: BTreeMap<String, f64>,
    /// (TB) every province-year with a training cap or floor; only when the
    /// instance gives them (docs/model.md §10 (TB)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_budget: Option<Vec<TrainingBudget>>,
    pub units: Units,
    pub variant: VariantInfo,
    /// (END) what the plan buys after the horizon, by item (only when the
    /// instance values the horizon's end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_horizon: Option<Vec<AfterHorizon>>,
}

/// (END) one item's share bought after the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AfterHorizon {
    pub item: String,
    /// The model's share gained after tN [points].
    #[serde(deserialize_with = "nan_if_null")]
    pub bought_points: f64,
    /// What the effort realises after tN [points].
    #[serde(deserialize_with = "nan_if_null")]
    pub realised_points: f64,
    /// Its value in the objective [亿元-equivalent, a device, not money].
    #[serde(deserialize_with = "nan_if_null")]
    pub value_yi: f64,
}

/// (TB) one province-year with a training cap or floor [亿元], as
/// training_budget.csv writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingBudget {
    /// Whether spending sits at the cap or the floor (`cap`, `floor`), if either.
    pub binds: Option<String>,
    /// The cap TBmax, if any.
    pub cap_yi: Option<f64>,
    /// The floor TBmin (0 without one).
    #[serde(deserialize_with = "nan_if_null")]
    pub floor_yi: f64,
    /// The measured objective gain of relaxing the binding limit by 1 亿元
    /// (one more of cap, one less of floor), where it was measured.
    pub gain_of_relaxing_1_yi: Option<f64>,
    pub province: String,
    pub region: String,
    /// Training spending of the plan.
    #[serde(deserialize_with = "nan_if_null")]
    pub training_yi: f64,
    pub year: i32,
}

/// A batch's stamp on one of its case folders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchStamp {
    /// What the case's inputs hash to: an unchanged case is not solved again.
    pub key: String,
    pub scenario: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub checks: usize,
    #[serde(deserialize_with = "nan_if_null")]
    pub max_violation: f64,
    /// [亿元]
    #[serde(deserialize_with = "nan_if_null")]
    pub objective_recomputed: f64,
    pub passed: bool,
    pub tolerances: CheckTolerances,
    pub violations: Vec<Violation>,
    pub worst: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckTolerances {
    pub feasibility: f64,
    pub integrality: f64,
    pub objective_relative: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    #[serde(deserialize_with = "nan_if_null")]
    pub amount: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub scaled: f64,
    pub what: String,
}

/// How far each resource moves each target group (docs/sensitivity.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeRates {
    pub groups: Vec<GroupRates>,
    /// Targets not rated: the time limit of a quick explanation came first.
    pub not_rated_time_limit: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRates {
    /// (THR) items of the group below their R&D threshold in the target
    /// year; only when the instance gives thresholds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below_rd_threshold: Option<Vec<String>>,
    #[serde(deserialize_with = "nan_if_null")]
    pub ceiling_points: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub frontier_points: f64,
    pub group: String,
    /// (THR) what an extra unit cannot buy: "0 points per extra unit from …:
    /// below the R&D threshold in …"; only when the instance gives thresholds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(deserialize_with = "nan_if_null")]
    pub plan_points: f64,
    pub points_per_kfte_talent: Rate,
    pub points_per_platform: Rate,
    pub points_per_yi_central_budget: Rate,
    /// Target id.
    pub target: String,
    pub year: i32,
    pub yi_per_point_down_saving: Option<f64>,
    pub yi_per_point_down_spending: Option<f64>,
    pub yi_per_point_up: Option<f64>,
    pub yi_per_point_up_penalty: Option<f64>,
    pub yi_per_point_up_spending: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    pub best_place: Option<String>,
    /// The best place is a year other than the target's: why its money counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_year: Option<OtherYear>,
    pub places_resolved: usize,
    pub points_per_unit: Option<f64>,
    pub source: String,
    pub unit: String,
    #[serde(deserialize_with = "nan_if_null")]
    pub unsettled_bound_points: f64,
}

/// Why money of one year raises a target of another (fields in the sorted
/// order of summary.json): the links (ids of
/// `YearLink`: accumulation, continuity, instrument_continuity, pools,
/// other_targets, other_limits) and the sentence the reports print.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OtherYear {
    pub links: Vec<String>,
    pub target_year: i32,
    pub why: String,
    pub year: i32,
}

/// How the marginal values were explained: the number of solves, why they
/// could not be, or that they were not asked for. Exactly one is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Explanation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solves: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Formulation {
    pub hard_targets: bool,
    pub relaxed: bool,
    pub response_form: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Infeasibility {
    pub files: Vec<String>,
    pub headline: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceInfo {
    pub areas: usize,
    /// Files read in another encoding than UTF-8: name → encoding.
    pub files_encoding: BTreeMap<String, String>,
    pub files_sha256: BTreeMap<String, String>,
    pub items: usize,
    pub name: String,
    pub path: String,
    pub provinces: usize,
    /// Province id → region id, as the provinces table gives them (what
    /// `diff` sums funding by region with); empty in folders written before
    /// it was recorded.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub regions: BTreeMap<String, String>,
    /// First and last year.
    pub years: [Option<i32>; 2],
}

/// Values of one more and one less unit of every binding limit and target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarginalValues {
    pub cut_short: bool,
    /// `quick` or `full`.
    pub depth: String,
    /// `lp` or `lp_with_integers_fixed`.
    pub lp: String,
    pub values: Vec<MarginalValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarginalValue {
    #[serde(deserialize_with = "nan_if_null")]
    pub dual: f64,
    pub dual_unit: DualUnit,
    /// Row family (`central_budget`, `target`, …).
    pub family: String,
    pub keys: String,
    /// The limit by name ("central budget 2024").
    pub limit: String,
    #[serde(deserialize_with = "nan_if_null")]
    pub limit_value: f64,
    pub one_less: Side,
    pub one_more: Side,
    /// "1 亿元", "1 k FTE", "1 point", …
    pub step: String,
    pub year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    #[serde(deserialize_with = "nan_if_null")]
    pub dual_bound_yi: f64,
    pub holds_from: Option<f64>,
    pub holds_to: Option<f64>,
    pub objective_change_yi: Option<f64>,
    pub penalty_change_yi: Option<f64>,
    pub source: String,
    pub spend_change_yi: Option<f64>,
    pub sufficiency_change_points: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mip {
    pub best_bound: Option<f64>,
    pub gap: Option<f64>,
}

/// What the structured MIP start did; its duration is `timings_s.mip_start`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MipStart {
    pub improving_moves: usize,
    #[serde(deserialize_with = "nan_if_null")]
    pub incumbent_yi: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub lp_bound_yi: f64,
    pub lp_solves: usize,
    pub method: String,
    pub proof_lp_solves: usize,
    pub proved_by_lp_bound: bool,
    pub search_cut_short: bool,
    pub sites_designated: usize,
    pub sites_fixed_by_proof: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    pub file: String,
    pub name: String,
    pub sha256: String,
}

/// Coefficient ranges of the model passed to HiGHS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Numerics {
    pub bound: CoefficientRange,
    pub cost: CoefficientRange,
    pub matrix: CoefficientRange,
    pub rhs: CoefficientRange,
    pub snapped_to_zero: usize,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoefficientRange {
    pub max: Option<f64>,
    pub min: Option<f64>,
    pub wide: bool,
}

/// [亿元]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveTerms {
    #[serde(deserialize_with = "nan_if_null")]
    pub discounted_spend_yi: f64,
    /// A modelling device, not money.
    #[serde(deserialize_with = "nan_if_null")]
    pub shortfall_penalty_yi: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub sufficiency_points: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub sufficiency_term_yi: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveWeights {
    pub cost_weight: f64,
    pub sufficiency_weight_yi_per_point: f64,
}

/// (POOL) one funding pool over the horizon [亿元].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pool {
    pub by_year: Vec<PoolYear>,
    /// κ_f: the fraction of what is left that is kept for the next year.
    pub carry_over: f64,
    pub id: String,
    #[serde(deserialize_with = "nan_if_null")]
    pub inflow_yi: f64,
    /// Whether the pool may pay for platforms.
    pub platforms: bool,
    #[serde(deserialize_with = "nan_if_null")]
    pub spent_yi: f64,
    /// Lapsed before the next year or left at the end of the horizon.
    #[serde(deserialize_with = "nan_if_null")]
    pub unspent_yi: f64,
}

/// (POOL) one pool in one year [亿元].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolYear {
    #[serde(deserialize_with = "nan_if_null")]
    pub carried_in_yi: f64,
    /// Dual of the pool's balance row [亿元 of objective per 亿元 of inflow].
    pub dual: Option<f64>,
    #[serde(deserialize_with = "nan_if_null")]
    pub inflow_yi: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub lapsed_yi: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub left_yi: f64,
    /// Objective change of one more 亿元 of inflow, measured by a re-solve.
    pub one_more_yi_objective_change_yi: Option<f64>,
    #[serde(deserialize_with = "nan_if_null")]
    pub spent_yi: f64,
    pub year: i32,
}

/// (THR) one item's R&D threshold and when the plan passes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RdThreshold {
    pub item: String,
    /// The first year its realised cumulative effective effort passes the
    /// threshold; `null`: not inside the horizon.
    pub passed_year: Option<i32>,
    /// Θ_k [effort units].
    pub rd_threshold_effort: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Size {
    pub columns: usize,
    pub integers: usize,
    pub nonzeros: usize,
    pub rows: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Solver {
    pub duals_from: String,
    pub highs_version: String,
    /// The algorithm of an LP solve; `null` for a MIP.
    pub lp_algorithm: Option<String>,
    pub name: String,
    pub options: BTreeMap<String, String>,
    pub simplex_iterations: i64,
}

/// Real spending [亿元], undiscounted unless named discounted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spending {
    pub by_year: Vec<YearSpend>,
    #[serde(deserialize_with = "nan_if_null")]
    pub central: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub discounted_total: f64,
    pub effect_after_horizon: Payers,
    pub effect_after_horizon_by_year: Vec<YearPayers>,
    pub effort_by_area: BTreeMap<String, Payers>,
    pub effort_by_mode: BTreeMap<String, Payers>,
    pub effort_by_province: BTreeMap<String, Payers>,
    #[serde(deserialize_with = "nan_if_null")]
    pub provincial: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub total: f64,
}

/// Who pays [亿元].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payers {
    #[serde(deserialize_with = "nan_if_null")]
    pub central: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub provincial: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub total: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearPayers {
    #[serde(deserialize_with = "nan_if_null")]
    pub central: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub provincial: f64,
    pub year: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearSpend {
    #[serde(deserialize_with = "nan_if_null")]
    pub central: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub effort_central: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub effort_provincial: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub platforms: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub provincial: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub total: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub training: f64,
    pub year: i32,
}

/// One target: levels and shortfall as shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    #[serde(deserialize_with = "nan_if_null")]
    pub achieved: f64,
    #[serde(deserialize_with = "nan_if_null")]
    pub achieved_realised: f64,
    /// (CT) items of the group at or above their assurance threshold in
    /// the target year, realised; absent in folders written before count
    /// targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count_assured: Option<usize>,
    /// (CT) items in the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count_items: Option<usize>,
    /// (CT) `count_assured / count_items` (share).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count_share: Option<f64>,
    pub dual_yi_per_point: Option<f64>,
    pub group: String,
    pub id: String,
    /// `headline` (a group of several items) or `item_floor` (one item);
    /// absent in folders written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "nan_if_null")]
    pub level: f64,
    pub met: bool,
    /// The measure `level`, `achieved` and `shortfall` are in: `weighted`
    /// (absent in folders written before count targets) or `count`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    #[serde(deserialize_with = "nan_if_null")]
    pub shortfall: f64,
    /// Why a missed target is missed; absent for a met target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<TargetVerdict>,
    /// (CT) the group's demand-weighted mean share in the target year, realised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighted_level: Option<f64>,
    pub year: i32,
}

/// Why a missed target is missed, as the reports say it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetVerdict {
    /// Underfunded: central budget one more point needs at the margin
    /// [亿元 per point], and what the points from the frontier to the level
    /// need at that rate [亿元] (a lower estimate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub central_yi_per_point: Option<f64>,
    /// The most the group reaches with the plan's resources (share).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frontier: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_central_budget_yi: Option<f64>,
    /// Why that cost is not estimated: `not_explained`,
    /// `explanation_failed`, `not_rated`, `budget_buys_nothing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_estimated: Option<String>,
    /// Out of reach: the most any plan can reach by the target year (share)
    /// and the limit that stops it (`ceilings`, `lags`, `resources`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach_limit: Option<String>,
    /// `out_of_reach` (no plan reaches the level by the target year),
    /// `underfunded` (within reach, the resources do not get there) or
    /// `dearer_than_penalty` (the budgets could, at more than its penalty).
    pub verdict: String,
}

/// The `units` part: what each kind of number is measured in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Units {
    pub dual_yi_per_point: String,
    pub exchange_rates: String,
    pub marginal_values: String,
    pub money: String,
    pub numerics: String,
    pub objective: String,
    pub shares: String,
    pub spend_yi: String,
    pub timings_s: String,
}

impl Units {
    /// The units this qiangji writes.
    pub fn current() -> Units {
        use unit_texts::*;
        Units {
            dual_yi_per_point: DUAL_YI_PER_POINT.into(),
            exchange_rates: EXCHANGE_RATES.into(),
            marginal_values: MARGINAL_VALUES.into(),
            money: MONEY.into(),
            numerics: NUMERICS.into(),
            objective: OBJECTIVE.into(),
            shares: SHARES.into(),
            spend_yi: SPEND_YI.into(),
            timings_s: TIMINGS_S.into(),
        }
    }
}

/// The scenarios and overrides that made the instance solved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantInfo {
    pub label: String,
    /// Every override applied, in `--set` syntax.
    pub overrides: Vec<String>,
    pub scenario_file: Option<ScenarioFile>,
    pub scenarios: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioFile {
    pub path: String,
    pub sha256: String,
}

impl Summary {
    /// The shortfall penalty [亿元; a modelling device, not money].
    pub fn penalty_yi(&self) -> Option<f64> {
        self.objective_terms
            .as_ref()
            .map(|t| t.shortfall_penalty_yi)
    }
}
