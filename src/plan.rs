//! A solved plan, by meaning: effort by item × province × mode × year, sites,
//! platforms, training, segment gains and shortfalls. Built from solver
//! columns once; everything downstream (checker, realisation, reports) reads
//! this, never solver positions.

pub mod totals;
pub mod why_not;

use ndarray::{Array2, Array3};

use crate::instance::{Instance, Mode};
use crate::model::ColumnKey;

/// Effort on one (item, province, mode, year) [effort units].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EffortValue {
    pub item: usize,
    pub province: usize,
    pub mode: Mode,
    pub year: usize,
    pub effort: f64,
}

/// A designated (or candidate) national lead site.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SiteValue {
    pub item: usize,
    pub province: usize,
    /// 1 = designated; fractional only in a relaxation.
    pub value: f64,
}

#[derive(Debug, Clone)]
pub struct Plan {
    /// Every effort decision of the formulation, including zeros.
    pub effort: Vec<EffortValue>,
    pub sites: Vec<SiteValue>,
    /// n[a,p,t], areas × provinces × years.
    pub new_platforms: Array3<f64>,
    /// tr[p,t] [亿元], provinces × years.
    pub training_yi: Array2<f64>,
    /// z[k,j,t] (share), items × segments × years.
    pub segments: Array3<f64>,
    /// u[g] (share).
    pub shortfall: Vec<f64>,
}

impl Plan {
    /// Reads a plan from solver column values and their meaning.
    pub fn from_columns(inst: &Instance, keys: &[ColumnKey], values: &[f64]) -> Plan {
        let (n_a, n_p, n_t, n_k) = (
            inst.areas.len(),
            inst.provinces.len(),
            inst.years.len(),
            inst.items.len(),
        );
        let n_j = inst.model.response_multipliers.len();
        let mut plan = Plan {
            effort: Vec::new(),
            sites: Vec::new(),
            new_platforms: Array3::zeros((n_a, n_p, n_t)),
            training_yi: Array2::zeros((n_p, n_t)),
            segments: Array3::zeros((n_k, n_j, n_t)),
            shortfall: vec![0.0; inst.targets.len()],
        };
        for (key, &v) in keys.iter().zip(values) {
            match *key {
                ColumnKey::Effort {
                    item,
                    province,
                    mode,
                    year,
                } => plan.effort.push(EffortValue {
                    item,
                    province,
                    mode,
                    year,
                    effort: v,
                }),
                ColumnKey::Site { item, province } => plan.sites.push(SiteValue {
                    item,
                    province,
                    value: v,
                }),
                ColumnKey::NewPlatforms {
                    area,
                    province,
                    year,
                } => plan.new_platforms[[area, province, year]] = v,
                ColumnKey::Training { province, year } => plan.training_yi[[province, year]] = v,
                ColumnKey::Segment {
                    item,
                    segment,
                    year,
                } => plan.segments[[item, segment, year]] = v,
                // Auxiliary sums, recomputed from effort wherever needed.
                ColumnKey::Stock { .. }
                | ColumnKey::AreaFunding { .. }
                | ColumnKey::CentralFunding { .. } => {}
                ColumnKey::Shortfall { target } => plan.shortfall[target] = v,
            }
        }
        plan
    }

    /// s[k,t] = s0_k + Σ_j z[k,j,t]: the model's self-sufficiency (share).
    pub fn model_level(&self, inst: &Instance, k: usize, t: usize) -> f64 {
        inst.items[k].s0
            + (0..self.segments.dim().1)
                .map(|j| self.segments[[k, j, t]])
                .sum::<f64>()
    }

    /// s[k,t] for every item and year, items × years (share).
    pub fn model_levels(&self, inst: &Instance) -> Array2<f64> {
        Array2::from_shape_fn((inst.items.len(), inst.years.len()), |(k, t)| {
            self.model_level(inst, k, t)
        })
    }

    /// Whether `(item, province)` is a designated lead site (value ≥ ½).
    pub fn is_site(&self, item: usize, province: usize) -> bool {
        self.sites
            .iter()
            .any(|s| s.item == item && s.province == province && s.value >= 0.5)
    }
}

/// Spending of a plan split by payer and use [亿元, undiscounted].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Spend {
    pub effort_central_yi: f64,
    pub effort_provincial_yi: f64,
    pub platforms_central_yi: f64,
    pub platforms_provincial_yi: f64,
    pub training_yi: f64,
}

impl Spend {
    pub fn central_yi(&self) -> f64 {
        self.effort_central_yi + self.platforms_central_yi
    }

    pub fn provincial_yi(&self) -> f64 {
        self.effort_provincial_yi + self.platforms_provincial_yi + self.training_yi
    }

    pub fn total_yi(&self) -> f64 {
        self.central_yi() + self.provincial_yi()
    }
}

/// Provincial spending of a plan (effort, platforms and training),
/// provinces × years [亿元].
pub fn provincial_spend(inst: &Instance, plan: &Plan) -> Array2<f64> {
    let model = &inst.model;
    let mut used = Array2::<f64>::zeros((inst.provinces.len(), inst.years.len()));
    for e in &plan.effort {
        let m = model.mode(e.mode);
        used[[e.province, e.year]] += (1.0 - m.central_share) * m.funding_yi_per_effort * e.effort;
    }
    let platform_yi = (1.0 - model.platform_central_share) * model.platform_cost_yi;
    for ((_, p, t), &n) in plan.new_platforms.indexed_iter() {
        used[[p, t]] += platform_yi * n;
    }
    used + &plan.training_yi
}

/// Spending by year (index) of a plan.
pub fn spend_by_year(inst: &Instance, plan: &Plan) -> Vec<Spend> {
    let model = &inst.model;
    let mut spend = vec![Spend::default(); inst.years.len()];
    for e in &plan.effort {
        let m = model.mode(e.mode);
        spend[e.year].effort_central_yi += m.central_share * m.funding_yi_per_effort * e.effort;
        spend[e.year].effort_provincial_yi +=
            (1.0 - m.central_share) * m.funding_yi_per_effort * e.effort;
    }
    for ((_, _, t), &n) in plan.new_platforms.indexed_iter() {
        spend[t].platforms_central_yi += model.platform_central_share * model.platform_cost_yi * n;
        spend[t].platforms_provincial_yi +=
            (1.0 - model.platform_central_share) * model.platform_cost_yi * n;
    }
    for ((_, t), &tr) in plan.training_yi.indexed_iter() {
        spend[t].training_yi += tr;
    }
    spend
}
