//! A solved plan, by meaning: effort by item × province × mode × year, sites,
//! platforms, training, segment gains and shortfalls. Read from solver
//! columns once (`readback::plan`); everything downstream (checker,
//! realisation, reports) reads this, never solver positions.

pub mod pools;
pub mod totals;
pub mod why_not;

use ndarray::{Array2, Array3};

use crate::instance::{Instance, Mode};

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

/// a[k,g] of (CT): whether item `item` counts as assured for count target `target`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AssuredValue {
    pub item: usize,
    pub target: usize,
    /// 1 = assured; fractional only in a relaxation.
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
    /// (POOL) x[f,k,p,m,t]: central funding paid by each pool (empty without pools).
    pub pool_funding: Vec<PoolFundingValue>,
    /// (POOL) xp[f,t]: central platform cost paid by each pool [亿元], pools × years.
    pub pool_platform_yi: Array2<f64>,
    /// (POOL) left[f,t]: money unspent at the end of each year [亿元], pools × years.
    pub pool_left_yi: Array2<f64>,
    /// a[k,g] of every count target's items (empty without count targets).
    pub assured: Vec<AssuredValue>,
    /// b[k,t]: item k has passed its R&D threshold by year t (THR), items ×
    /// years; 1 for items without a threshold, fractional only in a relaxation.
    pub threshold_passed: Array2<f64>,
    /// (END) z_post[k,j] (share), items × segments: the share the
    /// end-of-horizon stock adds after tN; all zero unless the instance values it.
    pub segments_after_horizon: Array2<f64>,
}

/// Central funding of one effort decision paid by one pool [亿元].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PoolFundingValue {
    pub pool: usize,
    pub item: usize,
    pub province: usize,
    pub mode: Mode,
    pub year: usize,
    pub funding_yi: f64,
}

impl Plan {
    /// s[k,t] = b_k,t + Σ_j z[k,j,t]: the model's self-sufficiency (share),
    /// b_k,t = s0_k unless the item drifts (docs/model.md §10 (PIPE)).
    pub fn model_level(&self, inst: &Instance, k: usize, t: usize) -> f64 {
        inst.base_level(k, t)
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

/// What the plan's effort uses, summed once over every effort decision:
/// funding split by payer, talent and platform capacity where it is used.
#[derive(Debug, Clone)]
pub struct EffortUse {
    /// Σ_{k,m} σ_m f_m e[k,p,m,t]: central project funding, provinces × years [亿元].
    pub central_yi: Array2<f64>,
    /// Σ_{k,m} (1−σ_m) f_m e[k,p,m,t]: provincial project funding, provinces × years [亿元].
    pub provincial_yi: Array2<f64>,
    /// Σ_{k,m} h_m e[k,p,m,t]: talent used, provinces × years [k FTE].
    pub talent_kfte: Array2<f64>,
    /// Σ_{k: a(k)=a} Σ_m c_m e[k,p,m,t]: capacity used, areas × provinces × years [cu].
    pub capacity_cu: Array3<f64>,
    /// Σ_{k: a(k)=a} Σ_{p,m} f_m e[k,p,m,t]: project funding of each area, areas × years [亿元].
    pub funding_by_area_yi: Array2<f64>,
}

/// Sums the plan's effort into [`EffortUse`], in one pass over the effort.
pub fn effort_use(inst: &Instance, plan: &Plan) -> EffortUse {
    let (n_a, n_p, n_t) = (inst.areas.len(), inst.provinces.len(), inst.years.len());
    let mut u = EffortUse {
        central_yi: Array2::zeros((n_p, n_t)),
        provincial_yi: Array2::zeros((n_p, n_t)),
        talent_kfte: Array2::zeros((n_p, n_t)),
        capacity_cu: Array3::zeros((n_a, n_p, n_t)),
        funding_by_area_yi: Array2::zeros((n_a, n_t)),
    };
    for e in &plan.effort {
        let m = inst.model.mode(e.mode);
        let area = inst.items[e.item].area;
        let funding = m.funding_yi_per_effort * e.effort;
        u.central_yi[[e.province, e.year]] += m.central_share * funding;
        u.provincial_yi[[e.province, e.year]] += (1.0 - m.central_share) * funding;
        u.talent_kfte[[e.province, e.year]] += m.talent_kfte_per_effort * e.effort;
        u.capacity_cu[[area, e.province, e.year]] += m.capacity_cu_per_effort * e.effort;
        u.funding_by_area_yi[[area, e.year]] += funding;
    }
    u
}

/// ψ Σ_{t′ ≤ t−Lh} tr[p,t′]: talent added by training that has matured by
/// each year, provinces × years [k FTE] (running sums, linear in size).
pub fn trained_talent_kfte(inst: &Instance, plan: &Plan) -> Array2<f64> {
    let model = &inst.model;
    matured(&plan.training_yi, model.training_lag_years) * model.training_kfte_per_yi
}

/// Σ_{t′ ≤ t−Lc} n[a,p,t′]: platforms usable in each year, areas × provinces × years.
pub fn usable_platforms(inst: &Instance, plan: &Plan) -> Array3<f64> {
    let lag = inst.model.platform_lag_years;
    let (n_a, n_p, n_t) = plan.new_platforms.dim();
    let mut usable = Array3::zeros((n_a, n_p, n_t));
    for a in 0..n_a {
        for p in 0..n_p {
            let mut running = 0.0;
            for t in 0..n_t {
                if t >= lag {
                    running += plan.new_platforms[[a, p, t - lag]];
                }
                usable[[a, p, t]] = running;
            }
        }
    }
    usable
}

/// C0_ap + κ Σ_{t′ ≤ t−Lc} n[a,p,t′]: capacity available, areas × provinces × years [cu].
pub fn capacity_available_cu(inst: &Instance, plan: &Plan) -> Array3<f64> {
    let mut cap = usable_platforms(inst, plan) * inst.model.platform_capacity_cu;
    for ((a, p, _), c) in cap.indexed_iter_mut() {
        *c += inst.initial_capacity_cu[[a, p]];
    }
    cap
}

/// Σ_a n[a,p,t]: new platforms started, provinces × years.
pub fn new_platforms_by_province(plan: &Plan) -> Array2<f64> {
    plan.new_platforms.sum_axis(ndarray::Axis(0))
}

/// Row-wise running sums of `values` (rows × years), each year seeing the
/// years at least `lag` before it.
fn matured(values: &Array2<f64>, lag: usize) -> Array2<f64> {
    let (rows, n_t) = values.dim();
    let mut out = Array2::zeros((rows, n_t));
    for r in 0..rows {
        let mut running = 0.0;
        for t in 0..n_t {
            if t >= lag {
                running += values[[r, t - lag]];
            }
            out[[r, t]] = running;
        }
    }
    out
}

/// Σ_{m∈M_site} e[k,p,m,t]: lead-site effort of every (item, province) that
/// has some, by year [effort units], sorted by (item, province).
pub fn lead_site_effort(
    inst: &Instance,
    plan: &Plan,
) -> std::collections::BTreeMap<(usize, usize), Vec<f64>> {
    let n_t = inst.years.len();
    let mut by_site: std::collections::BTreeMap<(usize, usize), Vec<f64>> = Default::default();
    for e in plan
        .effort
        .iter()
        .filter(|e| inst.model.mode(e.mode).lead_sites)
    {
        by_site
            .entry((e.item, e.province))
            .or_insert_with(|| vec![0.0; n_t])[e.year] += e.effort;
    }
    by_site
}

/// Σ_t Σ_{m∈M_site} e[k,p,m,t]: lead-site effort over the horizon of every
/// (item, province) that has some [effort units].
pub fn lead_site_effort_total(
    inst: &Instance,
    plan: &Plan,
) -> std::collections::HashMap<(usize, usize), f64> {
    lead_site_effort(inst, plan)
        .into_iter()
        .map(|(site, by_year)| (site, by_year.iter().sum()))
        .collect()
}

/// H0_p (1+g_p)^(t−t0) + ψ Σ_{t′ ≤ t−Lh} tr[p,t′]: talent available,
/// provinces × years [k FTE].
pub fn talent_available_kfte(inst: &Instance, plan: &Plan) -> Array2<f64> {
    let mut available = trained_talent_kfte(inst, plan);
    for ((p, t), h) in available.indexed_iter_mut() {
        *h += inst.base_talent_kfte(p, t);
    }
    available
}

/// Q[k,t] = Σ_{t′ ≤ t−L_k} Σ_{p,m} η_m adv_kp e[k,p,m,t′] plus the pipeline
/// effort that has taken effect by t (docs/model.md §10 (PIPE)): cumulative
/// effective effort, items × years [effort units].
pub fn cumulative_effective_effort(inst: &Instance, plan: &Plan) -> Array2<f64> {
    let mut q = plan_effective_effort(inst, plan);
    for ((k, t), v) in q.indexed_iter_mut() {
        *v += inst.pipeline_arrived(k, t);
    }
    q
}

/// The plan's own part of Q[k,t] (without pipeline effort), items × years
/// [effort units].
pub fn plan_effective_effort(inst: &Instance, plan: &Plan) -> Array2<f64> {
    let (n_k, n_t) = (inst.items.len(), inst.years.len());
    let mut by_year = Array2::<f64>::zeros((n_k, n_t));
    for e in &plan.effort {
        let eff = inst.model.mode(e.mode).productivity * inst.adv(e.item, e.province);
        by_year[[e.item, e.year]] += eff * e.effort;
    }
    let mut q = Array2::<f64>::zeros((n_k, n_t));
    for k in 0..n_k {
        let lag = inst.effect_lag(k);
        let mut running = 0.0;
        for t in 0..n_t {
            if t >= lag {
                running += by_year[[k, t - lag]];
            }
            q[[k, t]] = running;
        }
    }
    q
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

    /// Platforms, central and provincial.
    pub fn platforms_yi(&self) -> f64 {
        self.platforms_central_yi + self.platforms_provincial_yi
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

/// Real spending of a plan over the horizon, central and provincial
/// [亿元, undiscounted].
pub fn total_spend_yi(inst: &Instance, plan: &Plan) -> f64 {
    spend_by_year(inst, plan).iter().map(Spend::total_yi).sum()
}

/// Spending by year (index) of a plan.
pub fn spend_by_year(inst: &Instance, plan: &Plan) -> Vec<Spend> {
    let model = &inst.model;
    let mut spend = vec![Spend::default(); inst.years.len()];
    let used = effort_use(inst, plan);
    for (t, s) in spend.iter_mut().enumerate() {
        s.effort_central_yi = used.central_yi.column(t).sum();
        s.effort_provincial_yi = used.provincial_yi.column(t).sum();
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
