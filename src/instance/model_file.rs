//! The model file (`models/*.toml`): the policy instruments of docs/model.md §3 that
//! are choices, not facts — the instruments (any number, each with its costs,
//! shares, productivity, the tiers it may address and whether it works
//! through lead sites), response multipliers, lags, training and platform
//! parameters, objective presets. Every default lives in the file; nothing
//! here invents a number.

use std::collections::BTreeMap;
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use super::error::{Collector, InputError};
use super::ranges::{self, Range};
use super::sets::{Mode, Tier};
use super::toml_lines::{key_line, parse_toml};

/// The keys of [`RawModelFile`] that hold a table (a struct below).
const TABLE_KEYS: [&str; 7] = [
    "response",
    "national",
    "training",
    "platforms",
    "talent",
    "targets",
    "objective",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModelFile {
    name: String,
    #[serde(default)]
    description: String,
    /// Instruments in file order (the order of columns and outputs).
    modes: IndexMap<String, RawMode>,
    /// Older model files had a tier table here; it moved into each mode.
    #[serde(default)]
    allowed_modes: Option<toml::Value>,
    response: RawResponse,
    national: RawNational,
    training: RawTraining,
    platforms: RawPlatforms,
    talent: RawTalent,
    targets: RawTargets,
    objective: RawObjective,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMode {
    #[serde(default)]
    name: String,
    #[serde(default)]
    name_zh: String,
    funding_yi_per_effort: f64,
    talent_kfte_per_effort: f64,
    capacity_cu_per_effort: f64,
    central_share: f64,
    productivity: f64,
    /// Tiers of problem this instrument may address.
    tiers: Vec<String>,
    /// Works through designated national lead sites (M_site); when left
    /// out, only the instrument named `national` does (docs/model.md §1).
    #[serde(default)]
    lead_sites: Option<bool>,
}

impl RawMode {
    /// Whether the instrument works through lead sites: as written, or by
    /// default only the instrument named `national`.
    /// Only a table that says `lead_sites = true` makes a site instrument
    /// (docs/model.md §2): no instrument is one by its name.
    fn works_through_lead_sites(&self) -> bool {
        self.lead_sites.unwrap_or(false)
    }
}

/// Tier → allowed modes, as written in an instance's override of the
/// instruments' own tiers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAllowedModes {
    pub stranglehold: Vec<String>,
    pub shortboard: Vec<String>,
    pub general: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResponse {
    multipliers: Vec<f64>,
    effect_lag_years: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNational {
    eligibility_threshold: f64,
    max_sites_per_item: i64,
    min_site_effort: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTraining {
    kfte_per_yi: f64,
    lag_years: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlatforms {
    capacity_cu_per_platform: f64,
    cost_yi_per_platform: f64,
    central_share: f64,
    construction_lag_years: i64,
    max_new_per_province_year: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTalent {
    default_growth_per_year: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTargets {
    default_penalty_yi_per_point: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObjective {
    discount_rate: f64,
    default_preset: String,
    presets: BTreeMap<String, RawPreset>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPreset {
    cost_weight: f64,
    sufficiency_weight: f64,
    /// The preset's name in Chinese, for reports in Chinese.
    #[serde(default)]
    name_zh: Option<String>,
}

/// Parameters of one instrument (docs/model.md §3, `f_m`, `h_m`, `c_m`, `σ_m`, `η_m`).
#[derive(Debug, Clone, PartialEq)]
pub struct ModeParams {
    /// Identifier, e.g. `national` (names columns and output rows).
    pub id: String,
    /// Readable names (English, Chinese); empty when not given.
    pub name: String,
    pub name_zh: String,
    /// f_m: funding per effort unit [亿元].
    pub funding_yi_per_effort: f64,
    /// h_m: talent per effort unit [k FTE].
    pub talent_kfte_per_effort: f64,
    /// c_m: platform capacity per effort unit [cu].
    pub capacity_cu_per_effort: f64,
    /// σ_m: central share of funding, in [0, 1].
    pub central_share: f64,
    /// η_m: productivity multiplier (> 0).
    pub productivity: f64,
    /// Tiers the instrument may address, indexed by [`Tier::index`].
    pub tiers: [bool; 3],
    /// m ∈ M_site: effort goes only to designated lead sites.
    pub lead_sites: bool,
}

/// Objective weights (docs/model.md §6).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ObjectiveWeights {
    /// ω_cost: weight on discounted spending [dimensionless].
    pub cost_weight: f64,
    /// ω_suff: 亿元 per point of mean self-sufficiency.
    pub sufficiency_weight: f64,
}

/// A validated model file.
#[derive(Debug, Clone)]
pub struct ModelConfig {
    pub name: String,
    pub description: String,
    /// The instruments, in file order; [`Mode`] indexes them.
    pub modes: Vec<ModeParams>,
    /// μ_j, strictly decreasing, μ_1 = 1.
    pub response_multipliers: Vec<f64>,
    /// L: years between effort and its effect.
    pub effect_lag_years: usize,
    /// θnat: minimum advantage index for a national lead site.
    pub national_eligibility_threshold: f64,
    /// S_k default: maximum lead sites per item.
    pub max_sites_per_item: usize,
    /// Emin_k default: minimum national effort of a designated site over the horizon [effort units].
    pub min_site_effort: f64,
    /// ψ: k FTE added per 亿元 of training spending.
    pub training_kfte_per_yi: f64,
    /// Lh: years before trained talent is available.
    pub training_lag_years: usize,
    /// κ: capacity per new platform [cu].
    pub platform_capacity_cu: f64,
    /// φ: cost of one new platform [亿元].
    pub platform_cost_yi: f64,
    /// σplat: central share of platform cost.
    pub platform_central_share: f64,
    /// Lc: construction lag [years].
    pub platform_lag_years: usize,
    /// Nmax_p default: new platforms per province and year.
    pub max_new_platforms_per_year: usize,
    /// g_p default: talent growth per year.
    pub default_talent_growth: f64,
    /// λ_g default [亿元 per point of shortfall].
    pub default_penalty_yi_per_point: f64,
    /// r: discount rate per year.
    pub discount_rate: f64,
    pub default_preset: String,
    pub presets: BTreeMap<String, ObjectiveWeights>,
    /// Preset names in Chinese, where the model file gives them.
    pub preset_names_zh: BTreeMap<String, String>,
}

impl ModelConfig {
    pub fn mode(&self, m: Mode) -> &ModeParams {
        &self.modes[m.index()]
    }

    /// Every instrument, in file order.
    pub fn mode_ids(&self) -> impl Iterator<Item = Mode> {
        (0..self.modes.len()).map(Mode)
    }

    /// The instrument called `id`.
    pub fn mode_by_id(&self, id: &str) -> Option<Mode> {
        self.modes.iter().position(|m| m.id == id).map(Mode)
    }

    /// Identifier of an instrument (for outputs).
    pub fn mode_id(&self, m: Mode) -> &str {
        &self.modes[m.index()].id
    }

    pub fn is_allowed(&self, tier: Tier, mode: Mode) -> bool {
        self.modes[mode.index()].tiers[tier.index()]
    }

    /// Whether any instrument works through lead sites (M_site is not empty).
    pub fn has_site_modes(&self) -> bool {
        self.modes.iter().any(|m| m.lead_sites)
    }

    /// δ = 1/(1+r).
    pub fn discount_factor(&self) -> f64 {
        1.0 / (1.0 + self.discount_rate)
    }

    /// Reads and validates a model file; `label` names it in messages.
    pub fn load(path: &Path, label: &str, sink: &mut Vec<InputError>) -> Option<ModelConfig> {
        let mut errs = Collector::new(label, sink);
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                errs.file(None, &format!("cannot read model file: {e}"));
                return None;
            }
        };
        Self::parse(&text, &mut errs)
    }

    /// Parses and validates the text of a model file. Sign and shape rules
    /// come first, table by table in file order; magnitudes are judged only
    /// once every sign is right, so a wrong sign is not reported twice.
    pub fn parse(text: &str, errs: &mut Collector) -> Option<ModelConfig> {
        let raw: RawModelFile = parse_toml(text, &TABLE_KEYS, "model", errs)?;
        let before = errs.count();
        let mut checks = Checks { text, errs };
        checks.moved_tier_table(&raw);
        checks.modes(&raw.modes);
        let mode_tiers = checks.mode_tiers(&raw.modes);
        checks.response_multipliers(&raw.response);
        checks.lags(&raw);
        checks.national(&raw.national);
        checks.training(&raw.training);
        checks.platforms(&raw.platforms);
        checks.talent(&raw.talent);
        checks.targets(&raw.targets);
        checks.objective(&raw.objective);
        if checks.errs.count() == before {
            for m in magnitudes(&raw) {
                checks.require(
                    m.range.contains(m.value),
                    &m.table,
                    m.key,
                    m.value,
                    &m.range.rule(),
                );
            }
        }
        if errs.count() > before {
            return None;
        }
        Some(Self::from_checked(raw, mode_tiers))
    }

    /// The configuration from a file that passed every check.
    fn from_checked(raw: RawModelFile, mode_tiers: Vec<[bool; 3]>) -> ModelConfig {
        let modes = raw
            .modes
            .iter()
            .zip(mode_tiers)
            .map(|((id, p), tiers)| ModeParams {
                id: id.clone(),
                name: p.name.clone(),
                name_zh: p.name_zh.clone(),
                funding_yi_per_effort: p.funding_yi_per_effort,
                talent_kfte_per_effort: p.talent_kfte_per_effort,
                capacity_cu_per_effort: p.capacity_cu_per_effort,
                central_share: p.central_share,
                productivity: p.productivity,
                tiers,
                lead_sites: p.works_through_lead_sites(),
            })
            .collect();
        let presets = raw
            .objective
            .presets
            .iter()
            .map(|(name, preset)| {
                let weights = ObjectiveWeights {
                    cost_weight: preset.cost_weight,
                    sufficiency_weight: preset.sufficiency_weight,
                };
                (name.clone(), weights)
            })
            .collect();
        let preset_names_zh = raw
            .objective
            .presets
            .iter()
            .filter_map(|(name, preset)| Some((name.clone(), preset.name_zh.clone()?)))
            .collect();
        let (n, t, p) = (&raw.national, &raw.training, &raw.platforms);
        ModelConfig {
            name: raw.name,
            description: raw.description,
            modes,
            response_multipliers: raw.response.multipliers,
            effect_lag_years: raw.response.effect_lag_years as usize,
            national_eligibility_threshold: n.eligibility_threshold,
            max_sites_per_item: n.max_sites_per_item as usize,
            min_site_effort: n.min_site_effort,
            training_kfte_per_yi: t.kfte_per_yi,
            training_lag_years: t.lag_years as usize,
            platform_capacity_cu: p.capacity_cu_per_platform,
            platform_cost_yi: p.cost_yi_per_platform,
            platform_central_share: p.central_share,
            platform_lag_years: p.construction_lag_years as usize,
            max_new_platforms_per_year: p.max_new_per_province_year as usize,
            default_talent_growth: raw.talent.default_growth_per_year,
            default_penalty_yi_per_point: raw.targets.default_penalty_yi_per_point,
            discount_rate: raw.objective.discount_rate,
            default_preset: raw.objective.default_preset,
            presets,
            preset_names_zh,
        }
    }
}

fn finite_nonneg(v: f64) -> bool {
    v.is_finite() && v >= 0.0
}

/// The rules of each table of a model file, recorded against its text.
struct Checks<'t, 'e, 'c> {
    text: &'t str,
    errs: &'e mut Collector<'c>,
}

impl Checks<'_, '_, '_> {
    /// Records `rule` for `table.key` when `ok` is false.
    fn require(&mut self, ok: bool, table: &str, key: &str, value: f64, rule: &str) {
        require(self.errs, self.text, ok, table, key, value, rule);
    }

    /// `[allowed_modes]` of older files: the tiers now live in each instrument.
    fn moved_tier_table(&mut self, raw: &RawModelFile) {
        if raw.allowed_modes.is_some() {
            self.errs.field(
                key_line(self.text, "", "allowed_modes")
                    .or_else(|| table_line(self.text, "allowed_modes")),
                "allowed_modes",
                "the tier table moved into each instrument: write `tiers = [\"stranglehold\", …]` in every [modes.<id>] table and remove [allowed_modes]",
            );
        }
    }

    /// `[modes.<id>]`: at least one instrument, each with a valid id and
    /// parameters of the right sign.
    fn modes(&mut self, modes: &IndexMap<String, RawMode>) {
        if modes.is_empty() {
            self.errs.field(
                table_line(self.text, "modes"),
                "modes",
                "a model file needs at least one instrument ([modes.<id>])",
            );
        }
        for (id, p) in modes {
            self.mode(id, p);
        }
    }

    fn mode(&mut self, id: &str, p: &RawMode) {
        let table = format!("modes.{id}");
        if !super::tables::is_valid_id(id) {
            self.errs.at(
                table_line(self.text, &table),
                &table,
                id,
                "instrument ids may contain only letters, digits, '_', '-' and '.'",
            );
        }
        self.require(
            finite_nonneg(p.funding_yi_per_effort),
            &table,
            "funding_yi_per_effort",
            p.funding_yi_per_effort,
            "must be ≥ 0 亿元 per effort unit",
        );
        self.require(
            finite_nonneg(p.talent_kfte_per_effort),
            &table,
            "talent_kfte_per_effort",
            p.talent_kfte_per_effort,
            "must be ≥ 0 k FTE per effort unit",
        );
        self.require(
            finite_nonneg(p.capacity_cu_per_effort),
            &table,
            "capacity_cu_per_effort",
            p.capacity_cu_per_effort,
            "must be ≥ 0 cu per effort unit",
        );
        self.require(
            (0.0..=1.0).contains(&p.central_share),
            &table,
            "central_share",
            p.central_share,
            "must be a share in [0, 1]",
        );
        self.require(
            p.productivity.is_finite() && p.productivity > 0.0,
            &table,
            "productivity",
            p.productivity,
            "must be > 0",
        );
        if p.works_through_lead_sites() {
            self.require(
                p.funding_yi_per_effort > 0.0,
                &table,
                "funding_yi_per_effort",
                p.funding_yi_per_effort,
                "must be > 0 for an instrument with lead sites: the budgets bound effort at a site",
            );
        }
    }

    /// Each instrument's `tiers`, and every tier addressed by some instrument.
    fn mode_tiers(&mut self, modes: &IndexMap<String, RawMode>) -> Vec<[bool; 3]> {
        let before = self.errs.count();
        let mode_tiers: Vec<[bool; 3]> = modes
            .iter()
            .map(|(id, p)| parse_tiers(&p.tiers, self.text, &format!("modes.{id}"), self.errs))
            .collect();
        // (Only when every tier name was understood: no follow-on errors.)
        for tier in Tier::ALL {
            if self.errs.count() == before
                && !modes.is_empty()
                && !mode_tiers.iter().any(|t| t[tier.index()])
            {
                self.errs.field(
                    table_line(self.text, "modes"),
                    "modes",
                    &format!("no instrument addresses tier `{tier}`: add it to some instrument's `tiers`"),
                );
            }
        }
        mode_tiers
    }

    /// μ_j of docs/model.md §3: μ_1 = 1 > μ_2 > … > 0.
    fn response_multipliers(&mut self, r: &RawResponse) {
        let m = &r.multipliers;
        let ok = !m.is_empty()
            && m.iter().all(|m| m.is_finite() && *m > 0.0)
            && (m[0] - 1.0).abs() < 1e-12
            && m.windows(2).all(|w| w[1] < w[0]);
        if !ok {
            self.errs.at(
                key_line(self.text, "response", "multipliers"),
                "response.multipliers",
                format!("{m:?}"),
                "must start at 1 and strictly decrease, every value > 0 (μ_1 = 1 > μ_2 > … > 0)",
            );
        }
    }

    /// L, Lh and Lc: whole numbers of years.
    fn lags(&mut self, raw: &RawModelFile) {
        for (table, key, years) in [
            (
                "response",
                "effect_lag_years",
                raw.response.effect_lag_years,
            ),
            ("training", "lag_years", raw.training.lag_years),
            (
                "platforms",
                "construction_lag_years",
                raw.platforms.construction_lag_years,
            ),
        ] {
            if !(0..=50).contains(&years) {
                self.errs.at(
                    key_line(self.text, table, key),
                    &format!("{table}.{key}"),
                    years,
                    "must be a whole number of years in [0, 50]",
                );
            }
        }
    }

    /// `[national]`: θnat, S_k and Emin_k defaults.
    fn national(&mut self, n: &RawNational) {
        self.require(
            finite_nonneg(n.eligibility_threshold),
            "national",
            "eligibility_threshold",
            n.eligibility_threshold,
            "must be ≥ 0",
        );
        self.require(
            n.max_sites_per_item >= 1,
            "national",
            "max_sites_per_item",
            n.max_sites_per_item as f64,
            "must be a whole number ≥ 1",
        );
        self.require(
            finite_nonneg(n.min_site_effort),
            "national",
            "min_site_effort",
            n.min_site_effort,
            "must be ≥ 0 effort units",
        );
    }

    /// `[training]`: ψ (the lag is checked with the others).
    fn training(&mut self, t: &RawTraining) {
        self.require(
            finite_nonneg(t.kfte_per_yi),
            "training",
            "kfte_per_yi",
            t.kfte_per_yi,
            "must be ≥ 0 k FTE per 亿元",
        );
    }

    /// `[platforms]`: κ, φ, σplat and the Nmax_p default.
    fn platforms(&mut self, p: &RawPlatforms) {
        self.require(
            finite_nonneg(p.capacity_cu_per_platform),
            "platforms",
            "capacity_cu_per_platform",
            p.capacity_cu_per_platform,
            "must be ≥ 0 cu",
        );
        self.require(
            finite_nonneg(p.cost_yi_per_platform),
            "platforms",
            "cost_yi_per_platform",
            p.cost_yi_per_platform,
            "must be ≥ 0 亿元",
        );
        self.require(
            (0.0..=1.0).contains(&p.central_share),
            "platforms",
            "central_share",
            p.central_share,
            "must be a share in [0, 1]",
        );
        self.require(
            p.max_new_per_province_year >= 0,
            "platforms",
            "max_new_per_province_year",
            p.max_new_per_province_year as f64,
            "must be a whole number ≥ 0",
        );
    }

    /// `[talent]`: the g_p default.
    fn talent(&mut self, t: &RawTalent) {
        let g = t.default_growth_per_year;
        self.require(
            g.is_finite() && (-0.5..=1.0).contains(&g),
            "talent",
            "default_growth_per_year",
            g,
            "must be a yearly rate in [-0.5, 1]",
        );
    }

    /// `[targets]`: the λ_g default.
    fn targets(&mut self, t: &RawTargets) {
        let pen = t.default_penalty_yi_per_point;
        self.require(
            finite_nonneg(pen),
            "targets",
            "default_penalty_yi_per_point",
            pen,
            "must be ≥ 0 亿元 per point",
        );
    }

    /// `[objective]`: r, the presets' weights and the default preset.
    fn objective(&mut self, o: &RawObjective) {
        self.require(
            o.discount_rate.is_finite() && (0.0..1.0).contains(&o.discount_rate),
            "objective",
            "discount_rate",
            o.discount_rate,
            "must be a yearly rate in [0, 1)",
        );
        for (name, preset) in &o.presets {
            self.preset(name, preset);
        }
        if !o.presets.contains_key(&o.default_preset) {
            self.errs.at(
                key_line(self.text, "objective", "default_preset"),
                "objective.default_preset",
                &o.default_preset,
                "must name one of the presets in [objective.presets]",
            );
        }
    }

    fn preset(&mut self, name: &str, preset: &RawPreset) {
        let table = format!("objective.presets.{name}");
        self.require(
            finite_nonneg(preset.cost_weight),
            &table,
            "cost_weight",
            preset.cost_weight,
            "must be ≥ 0",
        );
        self.require(
            finite_nonneg(preset.sufficiency_weight),
            &table,
            "sufficiency_weight",
            preset.sufficiency_weight,
            "must be ≥ 0",
        );
        self.require(
            preset.cost_weight > 0.0 || preset.sufficiency_weight > 0.0,
            &table,
            "cost_weight",
            preset.cost_weight,
            "a preset needs a positive cost or sufficiency weight",
        );
    }
}

/// A parameter whose size, not only its sign, is judged against a plausible range.
struct Magnitude {
    table: String,
    key: &'static str,
    value: f64,
    range: &'static Range,
}

/// Every parameter with a plausible range, in file order: the instruments,
/// then the scalar tables, then the objective presets.
fn magnitudes(raw: &RawModelFile) -> Vec<Magnitude> {
    let mut out = Vec::new();
    let mut table = |table: &str, params: &[(&'static str, f64, &'static Range)]| {
        out.extend(params.iter().map(|&(key, value, range)| Magnitude {
            table: table.to_string(),
            key,
            value,
            range,
        }));
    };
    for (id, m) in &raw.modes {
        table(
            &format!("modes.{id}"),
            &[
                (
                    "funding_yi_per_effort",
                    m.funding_yi_per_effort,
                    &ranges::FUNDING_PER_EFFORT_YI,
                ),
                (
                    "talent_kfte_per_effort",
                    m.talent_kfte_per_effort,
                    &ranges::TALENT_PER_EFFORT_KFTE,
                ),
                (
                    "capacity_cu_per_effort",
                    m.capacity_cu_per_effort,
                    &ranges::CAPACITY_PER_EFFORT_CU,
                ),
                ("productivity", m.productivity, &ranges::PRODUCTIVITY),
            ],
        );
    }
    let n = &raw.national;
    table(
        "national",
        &[
            (
                "eligibility_threshold",
                n.eligibility_threshold,
                &ranges::ELIGIBILITY,
            ),
            (
                "max_sites_per_item",
                n.max_sites_per_item as f64,
                &ranges::SITES,
            ),
            ("min_site_effort", n.min_site_effort, &ranges::SITE_EFFORT),
        ],
    );
    let t = &raw.training;
    table(
        "training",
        &[("kfte_per_yi", t.kfte_per_yi, &ranges::TRAINING_KFTE_PER_YI)],
    );
    let p = &raw.platforms;
    table(
        "platforms",
        &[
            (
                "capacity_cu_per_platform",
                p.capacity_cu_per_platform,
                &ranges::CAPACITY_CU,
            ),
            (
                "cost_yi_per_platform",
                p.cost_yi_per_platform,
                &ranges::PLATFORM_COST_YI,
            ),
            (
                "max_new_per_province_year",
                p.max_new_per_province_year as f64,
                &ranges::PLATFORMS_PER_YEAR,
            ),
        ],
    );
    let penalty = raw.targets.default_penalty_yi_per_point;
    table(
        "targets",
        &[(
            "default_penalty_yi_per_point",
            penalty,
            &ranges::PENALTY_YI_PER_POINT,
        )],
    );
    let o = &raw.objective;
    table(
        "objective",
        &[("discount_rate", o.discount_rate, &ranges::DISCOUNT_RATE)],
    );
    for (name, preset) in &o.presets {
        table(
            &format!("objective.presets.{name}"),
            &[
                ("cost_weight", preset.cost_weight, &ranges::OBJECTIVE_WEIGHT),
                (
                    "sufficiency_weight",
                    preset.sufficiency_weight,
                    &ranges::OBJECTIVE_WEIGHT,
                ),
            ],
        );
    }
    out
}

/// Records `rule` for `table.key` when `ok` is false.
fn require(
    errs: &mut Collector,
    text: &str,
    ok: bool,
    table: &str,
    key: &str,
    value: f64,
    rule: &str,
) {
    if !ok {
        let field = if table.is_empty() {
            key.to_string()
        } else {
            format!("{table}.{key}")
        };
        errs.at(key_line(text, table, key), &field, value, rule);
    }
}

/// Tiers named by an instrument's `tiers` key.
fn parse_tiers(tiers: &[String], text: &str, table: &str, errs: &mut Collector) -> [bool; 3] {
    let mut out = [false; 3];
    let line = key_line(text, table, "tiers");
    for t in tiers {
        match Tier::parse(t) {
            Some(tier) => out[tier.index()] = true,
            None => errs.at(
                line,
                &format!("{table}.tiers"),
                t,
                &format!(
                    "unknown tier; expected stranglehold, shortboard or general{}",
                    super::keys::did_you_mean(t, Tier::ALL.map(Tier::id))
                ),
            ),
        }
    }
    out
}

/// 1-based line of a `[table]` header, for errors about a whole table.
fn table_line(text: &str, table: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim();
            l.starts_with('[') && l.trim_matches(|c| c == '[' || c == ']').trim() == table
                || l.starts_with(&format!("[{table}."))
        })
        .map(|i| i + 1)
}

/// Checks an instance's tier → instruments table against the model's
/// instruments and applies it: each instrument then addresses exactly the
/// tiers that list it.
pub fn apply_allowed_modes(
    model: &mut ModelConfig,
    raw: &RawAllowedModes,
    text: &str,
    table: &str,
    errs: &mut Collector,
) -> bool {
    let mut tiers = vec![[false; 3]; model.modes.len()];
    let mut ok = true;
    for (tier, modes) in [
        (Tier::Stranglehold, &raw.stranglehold),
        (Tier::Shortboard, &raw.shortboard),
        (Tier::General, &raw.general),
    ] {
        let line = key_line(text, table, tier.id());
        let field = format!("{table}.{}", tier.id());
        if modes.is_empty() {
            errs.field(line, &field, "every tier needs at least one allowed mode");
            ok = false;
        }
        for m in modes {
            match model.mode_by_id(m) {
                Some(mode) => tiers[mode.index()][tier.index()] = true,
                None => {
                    let known: Vec<&str> = model.modes.iter().map(|m| m.id.as_str()).collect();
                    errs.at(
                        line,
                        &field,
                        m,
                        &format!(
                            "unknown mode; the model file defines: {}{}",
                            known.join(", "),
                            super::keys::did_you_mean(m, known.iter().copied())
                        ),
                    );
                    ok = false;
                }
            }
        }
    }
    if ok {
        for (mode, t) in model.modes.iter_mut().zip(tiers) {
            mode.tiers = t;
        }
    }
    ok
}
