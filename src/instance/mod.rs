//! Typed, validated, indexed instance data. Reading files, units, defaults and
//! every input rule live here; after loading, other modules see indices, not
//! string ids.

pub mod diagnose;
pub mod error;
pub mod harness;
pub mod history;
mod horizon_end;
pub mod keys;
mod load;
pub mod manifest;
pub mod model_file;
pub mod overrides;
pub mod ranges;
pub mod read;
pub mod sets;
pub mod source;
pub mod tables;
pub mod text;
pub mod toml_lines;
pub mod variant;
pub mod workbook;

use std::path::PathBuf;

use ndarray::Array2;

pub use error::{InputError, InputErrors};
pub use history::PipelineEffort;
pub use load::{load, load_from, LoadOptions};
pub use model_file::{ModeParams, ModelConfig, ObjectiveWeights};
pub use read::sha256_hex;
pub use sets::{Mode, Region, Tier};

/// One of the five foundations (or an area an instance defines).
#[derive(Debug, Clone)]
pub struct Area {
    pub id: String,
    pub name: String,
    /// Chinese name (`name_zh` column), when the instance gives one.
    pub name_zh: Option<String>,
}

/// A key item (product or technology).
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub name: String,
    /// Chinese name (`name_zh` column), when the instance gives one.
    pub name_zh: Option<String>,
    /// a(k): index into [`Instance::areas`].
    pub area: usize,
    pub tier: Tier,
    /// s0_k: self-sufficiency before the first year (share).
    pub s0: f64,
    /// smax_k: ceiling (share, ≤ 1).
    pub smax: f64,
    /// w_k: domestic demand value [亿元], the weight in group averages.
    pub weight_yi: f64,
    /// gain_k: share gained per unit of effective effort on the first segment.
    pub gain_per_effort: f64,
    /// S_k: maximum national lead sites.
    pub max_sites: usize,
    /// Emin_k: minimum national effort of a designated site over the horizon [effort units].
    pub min_site_effort: f64,
    /// L_k: years between effort and its effect (the model file's default
    /// unless `items.csv` gives `effect_lag_years`).
    pub effect_lag_years: usize,
    /// α_k of (CT): the share at which the item counts as assured
    /// (`items.csv` `assured_at`); `None` takes each target's `assured_at`.
    pub assured_at: Option<f64>,
    /// Θ_k of (THR): cumulative effective effort the item needs before any
    /// share appears [effort units]; 0 = no threshold.
    pub rd_threshold: f64,
    /// drift_k of (PIPE): share gained per year without programme money.
    pub drift: f64,
}

/// A provincial-level division (or any region an instance plans for).
#[derive(Debug, Clone)]
pub struct Province {
    pub id: String,
    pub name: String,
    /// Chinese name (`name_zh` column), when the instance gives one.
    pub name_zh: Option<String>,
    pub region: Region,
    /// H0_p: talent available to foundation work in the first year [k FTE].
    pub talent_kfte: f64,
    /// g_p: talent growth per year.
    pub talent_growth: f64,
    /// Nmax_p: new platforms per year.
    pub max_new_platforms: usize,
}

/// Item `item` needs item `needs` and may lead it by at most `max_lead`.
#[derive(Debug, Clone)]
pub struct ChainLink {
    pub item: usize,
    pub needs: usize,
    /// γ: allowed lead in share points (as a share).
    pub max_lead: f64,
    /// Line of `chain_links.csv` that defines the link.
    pub line: usize,
}

/// A self-sufficiency target on a group of items.
#[derive(Debug, Clone)]
pub struct Target {
    pub id: String,
    /// Human description of the group (areas and items as written).
    pub group: String,
    /// K_g: item indices, sorted.
    pub items: Vec<usize>,
    /// Index into [`Instance::years`].
    pub year: usize,
    /// θ_g (share).
    pub level: f64,
    /// λ_g [亿元 per point of shortfall].
    pub penalty_yi_per_point: f64,
    /// Which measure `level` is a level of (docs/model.md §10 (CT)).
    pub metric: TargetMetric,
    /// The share at which an item of the group counts as assured, unless
    /// the item gives its own `assured_at` (used by the count measure that
    /// every report shows, whatever the metric).
    pub assured_at: f64,
}

/// The measure a target's level applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TargetMetric {
    /// The demand-weighted mean share of the group (§5 (G)).
    #[default]
    Weighted,
    /// The share of the group's items at or above their assurance threshold (§10 (CT)).
    Count,
}

impl TargetMetric {
    /// The word used in instance.toml and the outputs.
    pub fn id(self) -> &'static str {
        match self {
            TargetMetric::Weighted => "weighted",
            TargetMetric::Count => "count",
        }
    }
}

impl Target {
    /// α_k: the share at which item `item` (of this group) counts as assured.
    pub fn threshold(&self, item: &Item) -> f64 {
        item.assured_at.unwrap_or(self.assured_at)
    }
}

/// Targets that share one group of items.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetGroup {
    /// The group as the first of its targets describes it.
    pub group: String,
    /// K_g: item indices, sorted.
    pub items: Vec<usize>,
    /// Indices into [`Instance::targets`], by year.
    pub targets: Vec<usize>,
}

/// Minimum share of central spending that must go to some regions.
#[derive(Debug, Clone)]
pub struct RegionalFloor {
    pub regions: Vec<Region>,
    pub min_share: f64,
}

/// (CONT) programme continuity: an area's project funding may neither be
/// stopped nor multiplied overnight.
#[derive(Debug, Clone, PartialEq)]
pub struct Continuity {
    /// g_up: largest yearly growth (share).
    pub max_growth: f64,
    /// g_down: largest yearly decline (share).
    pub max_decline: f64,
    /// ramp_a [亿元/yr], by area.
    pub ramp_yi: Vec<f64>,
}

/// Everything a solve needs, validated.
#[derive(Debug, Clone)]
pub struct Instance {
    pub name: String,
    pub description: String,
    /// The description in Chinese (empty: reports in Chinese show `description`).
    pub description_zh: String,
    /// Folder the instance was read from.
    pub root: PathBuf,
    /// Files read, relative name → sha256 (hex), sorted by name.
    pub file_hashes: Vec<(String, String)>,
    /// Files read in another encoding than UTF-8 (GB18030, UTF-16): name → encoding.
    pub encodings: Vec<(String, String)>,
    /// Model file path as resolved, and its sha256.
    pub model_path: PathBuf,
    pub model_hash: String,
    /// Calendar years t0..tN, consecutive.
    pub years: Vec<i32>,
    pub areas: Vec<Area>,
    pub items: Vec<Item>,
    pub provinces: Vec<Province>,
    /// adv_ap, areas × provinces.
    pub advantage: Array2<f64>,
    /// adv_kp of items with their own geography (`item_advantage.csv`), by
    /// item: the value for every province, 0 where the item is not listed.
    pub item_advantage: Vec<Option<Vec<f64>>>,
    /// C0_ap [cu], areas × provinces.
    pub initial_capacity_cu: Array2<f64>,
    /// Bp_pt [亿元/yr], provinces × years.
    pub provincial_budget_yi: Array2<f64>,
    /// Bc_t [亿元/yr].
    pub central_budget_yi: Vec<f64>,
    pub links: Vec<ChainLink>,
    pub targets: Vec<Target>,
    pub regional_floor: Option<RegionalFloor>,
    pub continuity: Option<Continuity>,
    /// χ of (CAP): largest share of a year's central project funding that one
    /// province may receive.
    pub concentration: Option<f64>,
    /// Objective weights chosen by the instance (or the model's default preset).
    pub objective: ObjectiveWeights,
    /// Name of the preset in force, or "custom".
    pub objective_preset: String,
    pub model: ModelConfig,
    /// Item indices in an order where every item comes after the items it needs.
    pub chain_order: Vec<usize>,
    /// The scenarios and overrides applied since the files were read.
    pub variant: Variant,
    /// (POOL) funding pools, the central money when given (docs/model.md §10);
    /// empty: `central_budget_yi` is one use-it-or-lose-it pool, (BC).
    pub pools: Vec<Pool>,
    /// (PIPE) effective effort spent before the first year, by item
    /// (`pipeline.csv`; empty lists without it).
    pub pipeline: Vec<Vec<PipelineEffort>>,
    /// (CONT-M) continuity per instrument, if given.
    pub mode_continuity: Option<ModeContinuity>,
    /// (END) the value of the share bought after the horizon, if valued.
    pub horizon_end: Option<HorizonEnd>,
    /// (TB) caps and floors on training spending (none of either without
    /// `[[training_budget_yi]]`).
    pub training_budget: TrainingBudget,
}

/// (TB) caps and floors on training spending tr[p,t] (docs/model.md §10 (TB)).
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingBudget {
    /// TBmax_pt [亿元/yr], provinces × years; `None`: no cap.
    pub max_yi: Array2<Option<f64>>,
    /// TBmin_pt [亿元/yr], provinces × years; 0: no floor.
    pub min_yi: Array2<f64>,
}

impl TrainingBudget {
    /// No cap and no floor anywhere.
    pub fn none(provinces: usize, years: usize) -> TrainingBudget {
        TrainingBudget {
            max_yi: Array2::from_elem((provinces, years), None),
            min_yi: Array2::zeros((provinces, years)),
        }
    }

    /// TBmax of province `p` in year index `t`, if capped.
    pub fn cap(&self, p: usize, t: usize) -> Option<f64> {
        self.max_yi[[p, t]]
    }

    /// TBmin of province `p` in year index `t` (0 without a floor).
    pub fn floor(&self, p: usize, t: usize) -> f64 {
        self.min_yi[[p, t]]
    }

    /// Whether any province-year has a cap or a floor.
    pub fn is_given(&self) -> bool {
        self.max_yi.iter().any(Option::is_some) || self.min_yi.iter().any(|&v| v > 0.0)
    }
}

/// (POOL) a named source of central money: yearly inflow, the share of
/// unspent money it keeps, and what it may pay for.
#[derive(Debug, Clone, PartialEq)]
pub struct Pool {
    pub id: String,
    /// B_f,t [亿元/yr], by year.
    pub inflow_yi: Vec<f64>,
    /// κ_f ∈ [0, 1]: 0 use it or lose it, 1 a revolving fund.
    pub carry_over: f64,
    /// Areas it may pay for (`None`: every area).
    pub areas: Option<Vec<usize>>,
    pub tiers: Option<Vec<Tier>>,
    /// Items it may pay for (`None`: every item).
    pub items: Option<Vec<usize>>,
    pub modes: Option<Vec<Mode>>,
    /// Whether it may pay the central cost of new platforms.
    pub platforms: bool,
}

impl Pool {
    /// Whether the pool may pay central project funding of item `k` by
    /// instrument `m`: every criterion it gives admits it.
    pub fn pays_for(&self, item: &Item, k: usize, m: Mode) -> bool {
        self.areas.as_ref().is_none_or(|a| a.contains(&item.area))
            && self.tiers.as_ref().is_none_or(|t| t.contains(&item.tier))
            && self.items.as_ref().is_none_or(|i| i.contains(&k))
            && self.modes.as_ref().is_none_or(|ms| ms.contains(&m))
    }
}

/// (CONT-M) continuity per instrument: an instrument's project funding may
/// neither be stopped nor multiplied overnight.
#[derive(Debug, Clone, PartialEq)]
pub struct ModeContinuity {
    /// g_up: largest yearly growth (share).
    pub max_growth: f64,
    /// g_down: largest yearly decline (share).
    pub max_decline: f64,
    /// ramp_m [亿元/yr], by mode index.
    pub ramp_yi: Vec<f64>,
}

/// (END) `[horizon_end] value = "penalty"`: the share the end-of-horizon
/// stock adds after tN is valued at ω_end · 100 λ_k w_k / Σ w per share,
/// discounted to tN (docs/model.md §10).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HorizonEnd {
    /// ω_end.
    pub weight: f64,
}

/// What turned the instance read from its files into this one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Variant {
    /// Scenario names, in the order they were composed.
    pub scenarios: Vec<String>,
    /// Every override applied, in order (scenario overrides, then `--set`).
    pub overrides: Vec<overrides::Override>,
    /// The scenario file and its sha256, when scenarios were used.
    pub scenario_file: Option<(PathBuf, String)>,
    /// The model file given in place of the one `instance.toml` names
    /// (`--model`), as given.
    pub model_file: Option<PathBuf>,
}

impl Variant {
    /// The instance as its files describe it, read with `model_file` in
    /// place of the model `instance.toml` names when one is given.
    pub fn of_model_file(model_file: Option<PathBuf>) -> Variant {
        Variant {
            model_file,
            ..Variant::default()
        }
    }

    /// A short name: the scenarios joined by `+`, `base` without any,
    /// `+set` when command-line overrides were added.
    pub fn label(&self) -> String {
        let mut label = if self.scenarios.is_empty() {
            "base".to_string()
        } else {
            self.scenarios.join("+")
        };
        if self.overrides.iter().any(|o| o.origin.file == "--set") {
            label.push_str("+set");
        }
        label
    }
}

impl Instance {
    /// adv_kp: how far effort on item `k` goes in province `p` (1 = national
    /// average). The item's own row of `item_advantage.csv` where it has one
    /// (0 where its industry is not listed), else the area index.
    pub fn adv(&self, k: usize, p: usize) -> f64 {
        match &self.item_advantage[k] {
            Some(row) => row[p],
            None => self.advantage[[self.items[k].area, p]],
        }
    }

    /// Whether item `k` may use mode `m` in province `p` (docs/model.md §4): the
    /// instrument addresses the item's tier, the item's industry is there
    /// (adv_kp > 0), and a lead-site instrument needs adv_kp ≥ θnat.
    pub fn effort_allowed(&self, k: usize, p: usize, m: Mode) -> bool {
        let item = &self.items[k];
        if !self.model.is_allowed(item.tier, m) {
            return false;
        }
        let adv = self.adv(k, p);
        if adv <= 0.0 {
            return false;
        }
        !self.model.mode(m).lead_sites || adv >= self.model.national_eligibility_threshold
    }

    /// Whether (k, p) is a candidate lead site: some lead-site instrument may
    /// work on item k in province p.
    pub fn is_site_candidate(&self, k: usize, p: usize) -> bool {
        self.model
            .mode_ids()
            .any(|m| self.model.mode(m).lead_sites && self.effort_allowed(k, p, m))
    }

    /// Items with at least one candidate lead site.
    pub fn has_national_mode(&self, k: usize) -> bool {
        (0..self.provinces.len()).any(|p| self.is_site_candidate(k, p))
    }

    /// L_k: years between effort on item `k` and its effect.
    pub fn effect_lag(&self, k: usize) -> usize {
        self.items[k].effect_lag_years
    }

    /// Talent stock before training: H0_p (1+g_p)^(t−t0) [k FTE].
    pub fn base_talent_kfte(&self, p: usize, t: usize) -> f64 {
        let prov = &self.provinces[p];
        prov.talent_kfte * (1.0 + prov.talent_growth).powi(t as i32)
    }

    /// δ^(t−t0): discount weight of spending in year index `t`.
    pub fn discount(&self, t: usize) -> f64 {
        self.model.discount_factor().powi(t as i32)
    }

    /// Σ_k w_k over a group.
    pub fn group_weight(&self, items: &[usize]) -> f64 {
        items.iter().map(|&k| self.items[k].weight_yi).sum()
    }

    /// Items of area `a`, in instance order.
    pub fn items_in_area(&self, a: usize) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&k| self.items[k].area == a)
            .collect()
    }

    /// Demand-weighted initial self-sufficiency of a group (share).
    pub fn initial_group_level(&self, items: &[usize]) -> f64 {
        items
            .iter()
            .map(|&k| self.items[k].weight_yi * self.items[k].s0)
            .sum::<f64>()
            / self.group_weight(items)
    }

    /// Distinct target groups (by their item sets), in the order targets
    /// name them; each group's targets by year.
    pub fn target_groups(&self) -> Vec<TargetGroup> {
        let mut groups: Vec<TargetGroup> = Vec::new();
        for (g, target) in self.targets.iter().enumerate() {
            match groups.iter_mut().find(|x| x.items == target.items) {
                Some(group) => group.targets.push(g),
                None => groups.push(TargetGroup {
                    group: target.group.clone(),
                    items: target.items.clone(),
                    targets: vec![g],
                }),
            }
        }
        for group in &mut groups {
            group.targets.sort_by_key(|&g| self.targets[g].year);
        }
        groups
    }

    /// Distinct target years (indices), ascending.
    pub fn target_years(&self) -> Vec<usize> {
        let mut years: Vec<usize> = self.targets.iter().map(|g| g.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The target years with the first and last year of the horizon
    /// (indices), ascending.
    pub fn milestone_years(&self) -> Vec<usize> {
        let mut years = self.target_years();
        years.extend([0, self.years.len() - 1]);
        years.sort_unstable();
        years.dedup();
        years
    }

    /// Distinct target levels (shares), ascending.
    pub fn target_levels(&self) -> Vec<f64> {
        let mut levels: Vec<f64> = self.targets.iter().map(|g| g.level).collect();
        levels.sort_by(f64::total_cmp);
        levels.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
        levels
    }

    /// Areas that have items, in instance order.
    pub fn areas_with_items(&self) -> Vec<usize> {
        (0..self.areas.len())
            .filter(|&a| !self.items_in_area(a).is_empty())
            .collect()
    }

    /// The area (with items) where province `p` has its highest advantage
    /// index, and that index; ties go to the first area.
    pub fn strongest_area(&self, p: usize) -> Option<(usize, f64)> {
        self.areas_with_items()
            .into_iter()
            .map(|a| (a, self.advantage[[a, p]]))
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
    }

    /// Index of a calendar year, if it is in the horizon.
    pub fn year_index(&self, year: i32) -> Option<usize> {
        self.years.iter().position(|&y| y == year)
    }

    /// The pools that may pay central funding of item `k` by instrument `m`.
    pub fn pools_paying(&self, k: usize, m: Mode) -> impl Iterator<Item = usize> + '_ {
        let item = &self.items[k];
        (0..self.pools.len()).filter(move |&f| self.pools[f].pays_for(item, k, m))
    }

    /// The most central money that can be spent in year index `t` [亿元]:
    /// Bc_t without pools; with pools Σ_f Σ_{t′≤t} κ_f^(t−t′) B_f,t′, each
    /// pool's inflow of the year and all it can have carried in
    /// (left[f,t−1] ≤ B_f,t−1 + κ_f left[f,t−2] ≤ …). No plan spends more.
    pub fn central_reach_yi(&self, t: usize) -> f64 {
        if self.pools.is_empty() {
            return self.central_budget_yi[t];
        }
        self.pools
            .iter()
            .map(|f| {
                (0..=t).fold(0.0, |carried, t_in| {
                    f.carry_over * carried + f.inflow_yi[t_in]
                })
            })
            .sum()
    }

    /// Width of response segment j of item k: (smax − s0)/nJ.
    pub fn segment_width(&self, k: usize) -> f64 {
        let item = &self.items[k];
        (item.smax - item.s0) / self.model.response_multipliers.len() as f64
    }
}
