//! Meaning of every column and row: the bridge from solver positions back to
//! (family, item, province, mode, year), so results and duals are read by meaning.

use crate::instance::{Instance, Mode};
use crate::results::units::DualUnit;

/// What a column of the formulation stands for (docs/model.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnKey {
    /// e[k,p,m,t] [effort units].
    Effort {
        item: usize,
        province: usize,
        mode: Mode,
        year: usize,
    },
    /// y[k,p] ∈ {0,1}: designated national lead site.
    Site { item: usize, province: usize },
    /// n[a,p,t]: new platforms built (integer).
    NewPlatforms {
        area: usize,
        province: usize,
        year: usize,
    },
    /// tr[p,t]: provincial training spending [亿元].
    Training { province: usize, year: usize },
    /// z[k,j,t]: self-sufficiency gained on segment j by year t (share).
    Segment {
        item: usize,
        segment: usize,
        year: usize,
    },
    /// Q[k,t]: cumulative effective effort (stock form of (R)).
    Stock { item: usize, year: usize },
    /// u[g]: shortfall of target g (share).
    Shortfall { target: usize },
    /// Fund[a,t]: project funding of area a in year t [亿元] (for (CONT)).
    AreaFunding { area: usize, year: usize },
    /// Σ σ f e of year t: central project funding [亿元] (for (CAP)).
    CentralFunding { year: usize },
    /// x[f,k,p,m,t]: central funding of an effort column paid by pool f [亿元] (POOL).
    PoolFunding {
        pool: usize,
        item: usize,
        province: usize,
        mode: Mode,
        year: usize,
    },
    /// xp[f,t]: central cost of the year's new platforms paid by pool f [亿元] (POOL).
    PoolPlatformFunding { pool: usize, year: usize },
    /// left[f,t]: money pool f has not spent by the end of year t [亿元] (POOL).
    PoolLeft { pool: usize, year: usize },
    /// a[k,g] ∈ {0,1}: item k counts as assured for count target g (CT).
    Assured { item: usize, target: usize },
    /// b[k,t] ∈ {0,1}: item k has passed its R&D threshold by year t (THR).
    Threshold { item: usize, year: usize },
    /// Fund[m,t]: project funding of instrument m in year t [亿元] (for (CONT-M)).
    ModeFunding { mode: Mode, year: usize },
    /// z_post[k,j]: share gained on segment j after tN by the end-of-horizon stock (for (END)).
    SegmentAfterHorizon { item: usize, segment: usize },
    /// A column of the sample-average plan's targets (docs/model.md §11 (ROB)).
    Robust { target: usize, column: RobustColumn },
}

/// The columns (ROB) adds to a target (docs/model.md §11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RobustColumn {
    /// v_ω,g ∈ {0,1}: the target is met in draw ω (chance constraint).
    Met,
    /// η_g: the value-at-risk level of the target's shortfall (CVaR bound).
    CvarLevel,
    /// ξ_ω,g ≥ 0: draw ω's shortfall beyond η_g (CVaR bound).
    CvarExcess,
}

/// The rows (ROB) adds to a target (docs/model.md §11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RobustRow {
    /// u_ω[g] ≤ (1 − v_ω,g) θ_g.
    ChanceLink,
    /// Σ_ω v_ω,g ≥ ⌈p S⌉.
    ChanceCount,
    /// ξ_ω,g ≥ 100 u_ω[g] − η_g.
    CvarExcess,
    /// η_g + Σ_ω ξ_ω,g / ((1 − β) S) ≤ ε.
    CvarBound,
}

/// What a row of the formulation stands for (docs/model.md §5, with its label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKey {
    /// Stock definition of Q[k,t] (sparse form of (R)).
    Stock { item: usize, year: usize },
    /// (R) response with diminishing returns.
    Response { item: usize, year: usize },
    /// (CH) chain link `link` in year t.
    Chain { link: usize, year: usize },
    /// (BC) central budget.
    CentralBudget { year: usize },
    /// (BP) provincial budget.
    ProvincialBudget { province: usize, year: usize },
    /// (H) talent.
    Talent { province: usize, year: usize },
    /// (C) platform capacity.
    Capacity {
        area: usize,
        province: usize,
        year: usize,
    },
    /// (N) platform build rate.
    BuildRate { province: usize, year: usize },
    /// (SITE) national effort only at designated sites.
    SiteLink {
        item: usize,
        province: usize,
        year: usize,
    },
    /// (SITE) at most S_k sites per item.
    SiteCount { item: usize },
    /// (SITE) a designated site receives at least Emin_k effort.
    SiteMinimum { item: usize, province: usize },
    /// (G) target.
    Target { target: usize },
    /// (REG) regional floor on central spending.
    RegionalFloor { year: usize },
    /// Definition of Fund[a,t] (sparse form of (CONT)).
    AreaFunding { area: usize, year: usize },
    /// (CONT) growth limit: Fund[a,t] ≤ (1+g_up) Fund[a,t−1] + ramp_a.
    ContinuityGrowth { area: usize, year: usize },
    /// (CONT) decline limit: Fund[a,t] ≥ (1−g_down) Fund[a,t−1].
    ContinuityDecline { area: usize, year: usize },
    /// Definition of the year's central project funding (sparse form of (CAP)).
    CentralFunding { year: usize },
    /// (CAP) one province's share of the year's central project funding.
    Concentration { province: usize, year: usize },
    /// (POOL) an effort column's central funding split over its eligible pools.
    PoolSplit {
        item: usize,
        province: usize,
        mode: Mode,
        year: usize,
    },
    /// (POOL) the year's central platform cost split over the pools that pay for platforms.
    PoolPlatformSplit { year: usize },
    /// (POOL) pool balance: spent + left = inflow + κ · left of the year before.
    PoolBalance { pool: usize, year: usize },
    /// (CT) item k counts for count target g only once s[k,t_g] ≥ α_k.
    Assured { item: usize, target: usize },
    /// (THR) a threshold once passed stays passed: b[k,t] ≤ b[k,t+1].
    ThresholdOrder { item: usize, year: usize },
    /// (THR) no share before the threshold: Σ_j z ≤ (smax − s0) b[k,t].
    ThresholdGate { item: usize, year: usize },
    /// (PIPE) drift leaves less room below the ceiling: Σ_j z ≤ smax − b_k,t.
    DriftCeiling { item: usize, year: usize },
    /// Definition of Fund[m,t] (sparse form of (CONT-M)).
    ModeFunding { mode: Mode, year: usize },
    /// (CONT-M) growth limit: Fund[m,t] ≤ (1+g_up) Fund[m,t−1] + ramp_m.
    ModeContinuityGrowth { mode: Mode, year: usize },
    /// (CONT-M) decline limit: Fund[m,t] ≥ (1−g_down) Fund[m,t−1].
    ModeContinuityDecline { mode: Mode, year: usize },
    /// (END) response after the horizon: z_post[k,·] within the effort effective after tN.
    ResponseAfterHorizon { item: usize },
    /// (END) z[k,j,tN] + z_post[k,j] ≤ width_kj.
    SegmentAfterHorizon { item: usize, segment: usize },
    /// (TB) training budget: tr[p,t] ≤ TBmax_pt.
    TrainingBudget { province: usize, year: usize },
    /// (TB) training floor: tr[p,t] ≥ TBmin_pt.
    TrainingFloor { province: usize, year: usize },
    /// (ROB) a chance constraint's or CVaR bound's row of target g (docs/model.md §11).
    Robust { target: usize, row: RobustRow },
}

impl RowKey {
    /// Family name used in outputs (`duals.csv` and friends).
    pub fn family(&self) -> &'static str {
        match self {
            RowKey::Stock { .. } => "stock",
            RowKey::Response { .. } => "response",
            RowKey::Chain { .. } => "chain",
            RowKey::CentralBudget { .. } => "central_budget",
            RowKey::ProvincialBudget { .. } => "provincial_budget",
            RowKey::Talent { .. } => "talent",
            RowKey::Capacity { .. } => "platform_capacity",
            RowKey::BuildRate { .. } => "build_rate",
            RowKey::SiteLink { .. } => "site_link",
            RowKey::SiteCount { .. } => "site_count",
            RowKey::SiteMinimum { .. } => "site_minimum",
            RowKey::Target { .. } => "target",
            RowKey::RegionalFloor { .. } => "regional_floor",
            RowKey::AreaFunding { .. } => "area_funding",
            RowKey::ContinuityGrowth { .. } => "continuity_growth",
            RowKey::ContinuityDecline { .. } => "continuity_decline",
            RowKey::CentralFunding { .. } => "central_funding",
            RowKey::Concentration { .. } => "concentration",
            RowKey::PoolSplit { .. } => "pool_split",
            RowKey::PoolPlatformSplit { .. } => "pool_platform_split",
            RowKey::PoolBalance { .. } => "pool_balance",
            RowKey::Assured { .. } => "assured",
            RowKey::ThresholdOrder { .. } => "threshold_order",
            RowKey::ThresholdGate { .. } => "threshold_gate",
            RowKey::DriftCeiling { .. } => "drift_ceiling",
            RowKey::ModeFunding { .. } => "mode_funding",
            RowKey::ModeContinuityGrowth { .. } => "mode_continuity_growth",
            RowKey::ModeContinuityDecline { .. } => "mode_continuity_decline",
            RowKey::ResponseAfterHorizon { .. } => "response_after_horizon",
            RowKey::SegmentAfterHorizon { .. } => "segment_after_horizon",
            RowKey::TrainingBudget { .. } => "training_budget",
            RowKey::TrainingFloor { .. } => "training_floor",
            RowKey::Robust { row, .. } => match row {
                RobustRow::ChanceLink => "chance_link",
                RobustRow::ChanceCount => "chance_count",
                RobustRow::CvarExcess => "cvar_excess",
                RobustRow::CvarBound => "cvar_bound",
            },
        }
    }

    /// The equation label of docs/model.md §5.
    pub fn label(&self) -> &'static str {
        match self {
            RowKey::Stock { .. } | RowKey::Response { .. } => "R",
            RowKey::Chain { .. } => "CH",
            RowKey::CentralBudget { .. } => "BC",
            RowKey::ProvincialBudget { .. } => "BP",
            RowKey::Talent { .. } => "H",
            RowKey::Capacity { .. } => "C",
            RowKey::BuildRate { .. } => "N",
            RowKey::SiteLink { .. } | RowKey::SiteCount { .. } | RowKey::SiteMinimum { .. } => {
                "SITE"
            }
            RowKey::Target { .. } => "G",
            RowKey::RegionalFloor { .. } => "REG",
            RowKey::AreaFunding { .. }
            | RowKey::ContinuityGrowth { .. }
            | RowKey::ContinuityDecline { .. } => "CONT",
            RowKey::CentralFunding { .. } | RowKey::Concentration { .. } => "CAP",
            RowKey::PoolSplit { .. }
            | RowKey::PoolPlatformSplit { .. }
            | RowKey::PoolBalance { .. } => "POOL",
            RowKey::Assured { .. } => "CT",
            RowKey::ThresholdOrder { .. } | RowKey::ThresholdGate { .. } => "THR",
            RowKey::DriftCeiling { .. } => "PIPE",
            RowKey::ModeFunding { .. }
            | RowKey::ModeContinuityGrowth { .. }
            | RowKey::ModeContinuityDecline { .. } => "CONT-M",
            RowKey::ResponseAfterHorizon { .. } | RowKey::SegmentAfterHorizon { .. } => "END",
            RowKey::TrainingBudget { .. } | RowKey::TrainingFloor { .. } => "TB",
            RowKey::Robust { .. } => "ROB",
        }
    }

    /// Unit of the row's dual: objective 亿元 per unit of its right-hand side.
    pub fn dual_unit(&self) -> DualUnit {
        match self {
            RowKey::Stock { .. } | RowKey::Response { .. } => DualUnit::EffectiveEffort,
            RowKey::Chain { .. } => DualUnit::AllowedLeadShare,
            RowKey::CentralBudget { .. } | RowKey::ProvincialBudget { .. } => DualUnit::Budget,
            RowKey::Talent { .. } => DualUnit::Talent,
            RowKey::Capacity { .. } => DualUnit::Capacity,
            RowKey::BuildRate { .. } => DualUnit::Platform,
            RowKey::SiteLink { .. } | RowKey::SiteMinimum { .. } => DualUnit::EffortUnit,
            RowKey::SiteCount { .. } => DualUnit::Site,
            RowKey::Target { .. } => DualUnit::TargetShare,
            RowKey::RegionalFloor { .. } => DualUnit::RegionalSpending,
            RowKey::AreaFunding { .. } | RowKey::CentralFunding { .. } => DualUnit::Funding,
            RowKey::ContinuityGrowth { .. } => DualUnit::RampAllowance,
            RowKey::ContinuityDecline { .. } => DualUnit::RequiredFunding,
            RowKey::Concentration { .. } => DualUnit::AllowedCentralFunding,
            RowKey::PoolSplit { .. } | RowKey::PoolPlatformSplit { .. } => DualUnit::CentralFunding,
            RowKey::PoolBalance { .. } => DualUnit::PoolInflow,
            RowKey::Assured { .. } => DualUnit::ItemShare,
            RowKey::ThresholdOrder { .. } => DualUnit::ThresholdIndicator,
            RowKey::ThresholdGate { .. } | RowKey::DriftCeiling { .. } => DualUnit::Share,
            RowKey::ModeFunding { .. } => DualUnit::Funding,
            RowKey::ModeContinuityGrowth { .. } => DualUnit::RampAllowance,
            RowKey::ModeContinuityDecline { .. } => DualUnit::RequiredFunding,
            RowKey::ResponseAfterHorizon { .. } => DualUnit::EffectiveEffort,
            RowKey::SegmentAfterHorizon { .. } => DualUnit::SegmentWidth,
            RowKey::TrainingBudget { .. } | RowKey::TrainingFloor { .. } => DualUnit::Budget,
            RowKey::Robust { .. } => DualUnit::TargetShare,
        }
    }

    /// Keys as `name=value` pairs, using the instance's ids.
    pub fn keys(&self, inst: &Instance) -> Vec<(&'static str, String)> {
        let item = |k: usize| inst.items[k].id.clone();
        let prov = |p: usize| inst.provinces[p].id.clone();
        match *self {
            RowKey::Stock { item: k, .. } | RowKey::Response { item: k, .. } => {
                vec![("item", item(k))]
            }
            RowKey::Chain { link, .. } => {
                let l = &inst.links[link];
                vec![("item", item(l.item)), ("needs", item(l.needs))]
            }
            RowKey::CentralBudget { .. }
            | RowKey::RegionalFloor { .. }
            | RowKey::CentralFunding { .. } => vec![],
            RowKey::AreaFunding { area, .. }
            | RowKey::ContinuityGrowth { area, .. }
            | RowKey::ContinuityDecline { area, .. } => vec![("area", inst.areas[area].id.clone())],
            RowKey::Concentration { province, .. } => vec![("province", prov(province))],
            RowKey::ProvincialBudget { province, .. }
            | RowKey::Talent { province, .. }
            | RowKey::BuildRate { province, .. }
            | RowKey::TrainingBudget { province, .. }
            | RowKey::TrainingFloor { province, .. } => vec![("province", prov(province))],
            RowKey::Capacity { area, province, .. } => {
                vec![
                    ("area", inst.areas[area].id.clone()),
                    ("province", prov(province)),
                ]
            }
            RowKey::SiteLink {
                item: k, province, ..
            }
            | RowKey::SiteMinimum { item: k, province } => {
                vec![("item", item(k)), ("province", prov(province))]
            }
            RowKey::SiteCount { item: k } => vec![("item", item(k))],
            RowKey::Target { target } => vec![("target", inst.targets[target].id.clone())],
            RowKey::PoolSplit {
                item: k,
                province,
                mode,
                ..
            } => vec![
                ("item", item(k)),
                ("province", prov(province)),
                ("mode", inst.model.mode_id(mode).to_string()),
            ],
            RowKey::PoolPlatformSplit { .. } => vec![],
            RowKey::PoolBalance { pool, .. } => vec![("pool", inst.pools[pool].id.clone())],
            RowKey::Assured { item: k, target } => {
                vec![
                    ("target", inst.targets[target].id.clone()),
                    ("item", item(k)),
                ]
            }
            RowKey::ThresholdOrder { item: k, .. }
            | RowKey::ThresholdGate { item: k, .. }
            | RowKey::DriftCeiling { item: k, .. } => vec![("item", item(k))],
            RowKey::ModeFunding { mode, .. }
            | RowKey::ModeContinuityGrowth { mode, .. }
            | RowKey::ModeContinuityDecline { mode, .. } => {
                vec![("mode", inst.model.mode_id(mode).to_string())]
            }
            RowKey::ResponseAfterHorizon { item: k } => vec![("item", item(k))],
            RowKey::SegmentAfterHorizon { item: k, segment } => {
                vec![("item", item(k)), ("segment", (segment + 1).to_string())]
            }
            RowKey::Robust { target, .. } => vec![("target", inst.targets[target].id.clone())],
        }
    }

    /// Year index of the row, if it is per year.
    pub fn year(&self, inst: &Instance) -> Option<usize> {
        match *self {
            RowKey::Stock { year, .. }
            | RowKey::Response { year, .. }
            | RowKey::Chain { year, .. }
            | RowKey::CentralBudget { year }
            | RowKey::ProvincialBudget { year, .. }
            | RowKey::Talent { year, .. }
            | RowKey::Capacity { year, .. }
            | RowKey::BuildRate { year, .. }
            | RowKey::SiteLink { year, .. }
            | RowKey::RegionalFloor { year }
            | RowKey::AreaFunding { year, .. }
            | RowKey::ContinuityGrowth { year, .. }
            | RowKey::ContinuityDecline { year, .. }
            | RowKey::CentralFunding { year }
            | RowKey::Concentration { year, .. }
            | RowKey::PoolSplit { year, .. }
            | RowKey::PoolPlatformSplit { year }
            | RowKey::PoolBalance { year, .. }
            | RowKey::ThresholdOrder { year, .. }
            | RowKey::ThresholdGate { year, .. }
            | RowKey::DriftCeiling { year, .. }
            | RowKey::ModeFunding { year, .. }
            | RowKey::ModeContinuityGrowth { year, .. }
            | RowKey::ModeContinuityDecline { year, .. }
            | RowKey::TrainingBudget { year, .. }
            | RowKey::TrainingFloor { year, .. } => Some(year),
            RowKey::Target { target }
            | RowKey::Assured { target, .. }
            | RowKey::Robust { target, .. } => Some(inst.targets[target].year),
            RowKey::SiteCount { .. } | RowKey::SiteMinimum { .. } => None,
            RowKey::ResponseAfterHorizon { .. } | RowKey::SegmentAfterHorizon { .. } => None,
        }
    }

    /// Readable, solver-safe row name for MPS/LP export, e.g. `BC(2025)`.
    pub fn name(&self, inst: &Instance) -> String {
        let mut parts: Vec<String> = self.keys(inst).into_iter().map(|(_, v)| v).collect();
        if let Some(t) = self.year(inst) {
            parts.push(inst.years[t].to_string());
        }
        format!("{}_{}({})", self.label(), self.family(), parts.join(","))
    }
}

impl ColumnKey {
    /// Readable, solver-safe column name, e.g. `e(chip,east,national,2025)`.
    pub fn name(&self, inst: &Instance) -> String {
        let item = |k: usize| inst.items[k].id.as_str();
        let prov = |p: usize| inst.provinces[p].id.as_str();
        let year = |t: usize| inst.years[t];
        match *self {
            ColumnKey::Effort {
                item: k,
                province,
                mode,
                year: t,
            } => {
                format!(
                    "e({},{},{},{})",
                    item(k),
                    prov(province),
                    inst.model.mode_id(mode),
                    year(t)
                )
            }
            ColumnKey::Site { item: k, province } => format!("y({},{})", item(k), prov(province)),
            ColumnKey::NewPlatforms {
                area,
                province,
                year: t,
            } => {
                format!("n({},{},{})", inst.areas[area].id, prov(province), year(t))
            }
            ColumnKey::Training { province, year: t } => {
                format!("tr({},{})", prov(province), year(t))
            }
            ColumnKey::Segment {
                item: k,
                segment,
                year: t,
            } => {
                format!("z({},{},{})", item(k), segment + 1, year(t))
            }
            ColumnKey::Stock { item: k, year: t } => format!("Q({},{})", item(k), year(t)),
            ColumnKey::Shortfall { target } => format!("u({})", inst.targets[target].id),
            ColumnKey::AreaFunding { area, year: t } => {
                format!("F({},{})", inst.areas[area].id, year(t))
            }
            ColumnKey::CentralFunding { year: t } => format!("CF({})", year(t)),
            ColumnKey::PoolFunding {
                pool,
                item: k,
                province,
                mode,
                year: t,
            } => format!(
                "x({},{},{},{},{})",
                inst.pools[pool].id,
                item(k),
                prov(province),
                inst.model.mode_id(mode),
                year(t)
            ),
            ColumnKey::PoolPlatformFunding { pool, year: t } => {
                format!("xp({},{})", inst.pools[pool].id, year(t))
            }
            ColumnKey::PoolLeft { pool, year: t } => {
                format!("left({},{})", inst.pools[pool].id, year(t))
            }
            ColumnKey::Assured { item: k, target } => {
                format!("a({},{})", item(k), inst.targets[target].id)
            }
            ColumnKey::Threshold { item: k, year: t } => format!("b({},{})", item(k), year(t)),
            ColumnKey::ModeFunding { mode, year: t } => {
                format!("FM({},{})", inst.model.mode_id(mode), year(t))
            }
            ColumnKey::SegmentAfterHorizon { item: k, segment } => {
                format!("zpost({},{})", item(k), segment + 1)
            }
            ColumnKey::Robust { target, column } => {
                let name = match column {
                    RobustColumn::Met => "v",
                    RobustColumn::CvarLevel => "eta",
                    RobustColumn::CvarExcess => "xi",
                };
                format!("{name}({})", inst.targets[target].id)
            }
        }
    }
}
