//! Every parameter an override can change: its name, unit, meaning, which
//! selectors pick its elements, the values it accepts, and which parts of a
//! built model it touches (so the live model knows what to update).

use std::fmt;

use super::Selector;
use crate::instance::ranges::{self, Range};

/// A parameter of an instance or its model file that overrides may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Param {
    CentralBudget,
    ProvincialBudget,
    Talent,
    TalentGrowth,
    PlatformCapacity,
    MaxNewPlatforms,
    Advantage,
    S0,
    Smax,
    Gain,
    Weight,
    EffectLag,
    MaxSites,
    MinSiteEffort,
    TargetLevel,
    TargetYear,
    TargetPenalty,
    FundingPerEffort,
    TalentPerEffort,
    CapacityPerEffort,
    CentralShare,
    Productivity,
    AllowedModes,
    EligibilityThreshold,
    RegionalFloor,
    ConcentrationCap,
    Continuity,
    ContinuityGrowth,
    ContinuityDecline,
    ContinuityRamp,
    TrainingYield,
    TrainingLag,
    TrainingBudget,
    TrainingFloor,
    PlatformSize,
    PlatformCost,
    PlatformCentralShare,
    PlatformLag,
    DiscountRate,
    Objective,
    CostWeight,
    SufficiencyWeight,
    PoolInflow,
    PoolCarryOver,
    TargetAssuredAt,
}

/// What a parameter's elements are indexed by; each dimension admits some
/// selector keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dim {
    /// Selected by `item`, `area`, `tier`.
    Item,
    /// Selected by `area`.
    Area,
    /// Selected by `province`, `region`.
    Province,
    /// Selected by `from`, `to`, `year`.
    Year,
    /// Selected by `target`.
    Target,
    /// Selected by `mode`.
    Mode,
    /// Selected by `tier`.
    Tier,
    /// Selected by `pool`.
    Pool,
}

/// The values a parameter accepts after the override is applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Domain {
    /// A finite number ≥ 0 (and below a sanity ceiling).
    NonNegative,
    /// A finite number > 0.
    Positive,
    /// A share in [0, 1].
    Share,
    /// A share in (0, 1].
    PositiveShare,
    /// A yearly rate in [lo, hi].
    Rate(f64, f64),
    /// A whole number in [lo, hi].
    Whole(i64, i64),
    /// A calendar year inside the horizon.
    HorizonYear,
    /// The documented range of the same field in the instance or model
    /// files (`instance::ranges`): an override is held to the files' rule.
    Within(Range),
    /// Not a number: a list of ids, a preset name or a table.
    Other,
}

/// Which part of a built model a parameter changes; the live model updates
/// these in place and rebuilds for anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Touch {
    /// (BC) right-hand sides and the lead-site bounds Ē that depend on them.
    CentralBudget,
    /// (BP) right-hand sides and Ē.
    ProvincialBudget,
    /// (H) right-hand sides.
    Talent,
    /// (C) right-hand sides and Ē.
    Capacity,
    /// (G) right-hand sides.
    TargetLevel,
    /// Shortfall costs in the objective.
    TargetPenalty,
    /// (R) coefficients of the segment columns.
    Gain,
    /// Site count limits.
    SiteCount,
    /// Anything else: the model is rebuilt.
    Structure,
}

/// Everything known about one parameter.
#[derive(Debug, Clone, Copy)]
pub struct ParamSpec {
    pub param: Param,
    /// Name in scenario files and on the command line.
    pub name: &'static str,
    /// Other accepted spellings (file column names, older sweep names).
    pub aliases: &'static [&'static str],
    pub unit: &'static str,
    pub meaning: &'static str,
    pub dims: &'static [Dim],
    pub domain: Domain,
    pub touch: Touch,
}

use Dim as D;
use Domain as V;
use Param as P;
use Touch as T;

/// The catalogue, in the order `docs/scenarios.md` lists it.
pub const CATALOGUE: &[ParamSpec] = &[
    spec(
        P::CentralBudget,
        "central_budget",
        &["central_budget_yi", "central-budget"],
        "亿元/yr",
        "central budget Bc_t of each year",
        &[D::Year],
        V::Within(ranges::BUDGET_YI),
        T::CentralBudget,
    ),
    spec(
        P::ProvincialBudget,
        "provincial_budget",
        &["budget_yi", "provincial-budget"],
        "亿元/yr",
        "provincial budget Bp_pt",
        &[D::Province, D::Year],
        V::Within(ranges::BUDGET_YI),
        T::ProvincialBudget,
    ),
    spec(
        P::Talent,
        "talent",
        &["talent_kfte"],
        "k FTE",
        "talent H0_p available in the first year",
        &[D::Province],
        V::Within(ranges::TALENT_KFTE),
        T::Talent,
    ),
    spec(
        P::TalentGrowth,
        "talent_growth",
        &[],
        "share/yr",
        "yearly talent growth g_p",
        &[D::Province],
        V::Within(ranges::TALENT_GROWTH),
        T::Talent,
    ),
    spec(
        P::PlatformCapacity,
        "platform_capacity",
        &["capacity_cu"],
        "cu",
        "initial platform capacity C0_ap",
        &[D::Area, D::Province],
        V::Within(ranges::CAPACITY_CU),
        T::Capacity,
    ),
    spec(
        P::MaxNewPlatforms,
        "max_new_platforms",
        &[],
        "platforms/yr",
        "new platforms a province may build per year Nmax_p",
        &[D::Province],
        V::Whole(0, 1000),
        T::Structure,
    ),
    spec(
        P::Advantage,
        "advantage",
        &[],
        "index (1 = national average)",
        "advantage adv_ap of an area, or adv_kp of an item when `item` is given",
        &[D::Area, D::Province],
        V::Within(ranges::ADVANTAGE),
        T::Structure,
    ),
    spec(
        P::S0,
        "s0",
        &[],
        "share",
        "self-sufficiency of an item before the first year",
        &[D::Item],
        V::Share,
        T::Structure,
    ),
    spec(
        P::Smax,
        "smax",
        &[],
        "share",
        "ceiling of an item's self-sufficiency",
        &[D::Item],
        V::PositiveShare,
        T::Structure,
    ),
    spec(
        P::Gain,
        "gain",
        &["gain_per_effort"],
        "share per effort unit",
        "share gained per effective effort unit on the first segment",
        &[D::Item],
        V::Within(ranges::GAIN),
        T::Gain,
    ),
    spec(
        P::Weight,
        "weight",
        &["weight_yi"],
        "亿元",
        "an item's weight (domestic demand value) in group averages",
        &[D::Item],
        V::Within(ranges::WEIGHT_YI),
        T::Structure,
    ),
    spec(
        P::EffectLag,
        "effect_lag",
        &["effect_lag_years"],
        "years",
        "years between effort on an item and its effect",
        &[D::Item],
        V::Whole(0, 50),
        T::Structure,
    ),
    spec(
        P::MaxSites,
        "max_sites",
        &[],
        "sites",
        "lead sites per item S_k",
        &[D::Item],
        V::Whole(1, 1000),
        T::SiteCount,
    ),
    spec(
        P::MinSiteEffort,
        "min_site_effort",
        &[],
        "effort units",
        "minimum effort of a designated lead site over the horizon Emin_k",
        &[D::Item],
        V::Within(ranges::SITE_EFFORT),
        T::Structure,
    ),
    spec(
        P::TargetLevel,
        "target_level",
        &["target-level", "level"],
        "share",
        "required level θ_g of a target",
        &[D::Target],
        V::Share,
        T::TargetLevel,
    ),
    spec(
        P::TargetYear,
        "target_year",
        &[],
        "year",
        "year of a target",
        &[D::Target],
        V::HorizonYear,
        T::Structure,
    ),
    spec(
        P::TargetPenalty,
        "target_penalty",
        &["penalty_yi_per_point"],
        "亿元 per point",
        "penalty λ_g per point of shortfall",
        &[D::Target],
        V::Within(ranges::PENALTY_YI_PER_POINT),
        T::TargetPenalty,
    ),
    spec(
        P::FundingPerEffort,
        "funding_per_effort",
        &["mode_cost", "funding_yi_per_effort"],
        "亿元 per effort unit",
        "funding f_m of an instrument per effort unit",
        &[D::Mode],
        V::Within(ranges::FUNDING_PER_EFFORT_YI),
        T::Structure,
    ),
    spec(
        P::TalentPerEffort,
        "talent_per_effort",
        &["talent_kfte_per_effort"],
        "k FTE per effort unit",
        "talent h_m of an instrument per effort unit",
        &[D::Mode],
        V::Within(ranges::TALENT_PER_EFFORT_KFTE),
        T::Structure,
    ),
    spec(
        P::CapacityPerEffort,
        "capacity_per_effort",
        &["capacity_cu_per_effort"],
        "cu per effort unit",
        "platform capacity c_m of an instrument per effort unit",
        &[D::Mode],
        V::Within(ranges::CAPACITY_PER_EFFORT_CU),
        T::Structure,
    ),
    spec(
        P::CentralShare,
        "central_share",
        &[],
        "share",
        "central share σ_m of an instrument's funding",
        &[D::Mode],
        V::Share,
        T::Structure,
    ),
    spec(
        P::Productivity,
        "productivity",
        &[],
        "factor",
        "productivity η_m of an instrument",
        &[D::Mode],
        V::Within(ranges::PRODUCTIVITY),
        T::Structure,
    ),
    spec(
        P::AllowedModes,
        "allowed_modes",
        &[],
        "instrument ids",
        "the instruments a tier may use (`set` a list)",
        &[D::Tier],
        V::Other,
        T::Structure,
    ),
    spec(
        P::EligibilityThreshold,
        "eligibility_threshold",
        &[],
        "index",
        "advantage θnat a province needs to host a lead site",
        &[],
        V::Within(ranges::ELIGIBILITY),
        T::Structure,
    ),
    spec(
        P::RegionalFloor,
        "regional_floor",
        &[],
        "share",
        "minimum share ρ_R of central project funding for the regions named by `region`",
        &[],
        V::Share,
        T::Structure,
    ),
    spec(
        P::ConcentrationCap,
        "concentration_cap",
        &["max_province_share"],
        "share",
        "largest share χ of a year's central project funding one province may receive",
        &[],
        V::PositiveShare,
        T::Structure,
    ),
    spec(
        P::Continuity,
        "continuity",
        &[],
        "table",
        "programme continuity: `set = { max_growth = …, max_decline = …, ramp_yi = … }`",
        &[],
        V::Other,
        T::Structure,
    ),
    spec(
        P::ContinuityGrowth,
        "continuity_growth",
        &["max_growth"],
        "share/yr",
        "largest yearly growth g_up of an area's project funding",
        &[],
        V::Within(ranges::GROWTH_SHARE),
        T::Structure,
    ),
    spec(
        P::ContinuityDecline,
        "continuity_decline",
        &["max_decline"],
        "share/yr",
        "largest yearly decline g_down of an area's project funding",
        &[],
        V::Share,
        T::Structure,
    ),
    spec(
        P::ContinuityRamp,
        "continuity_ramp",
        &["ramp_yi"],
        "亿元/yr",
        "ramp allowance ramp_a of an area's project funding",
        &[D::Area],
        V::Within(ranges::RAMP_YI),
        T::Structure,
    ),
    spec(
        P::TrainingYield,
        "training_yield",
        &["kfte_per_yi"],
        "k FTE per 亿元",
        "talent ψ added per 亿元 of training",
        &[],
        V::Within(ranges::TRAINING_KFTE_PER_YI),
        T::Structure,
    ),
    spec(
        P::TrainingLag,
        "training_lag",
        &[],
        "years",
        "years before trained talent is available Lh",
        &[],
        V::Whole(0, 50),
        T::Structure,
    ),
    spec(
        P::TrainingBudget,
        "training_budget",
        &["training_budget_yi", "training-budget"],
        "亿元/yr",
        "cap TBmax_pt on a province's training spending in a year (TB); `scale` and `add` leave a province-year without one uncapped",
        &[D::Province, D::Year],
        V::Within(ranges::BUDGET_YI),
        T::Structure,
    ),
    spec(
        P::TrainingFloor,
        "training_floor",
        &["training_floor_yi"],
        "亿元/yr",
        "floor TBmin_pt on a province's training spending in a year (TB); 0 = none",
        &[D::Province, D::Year],
        V::Within(ranges::BUDGET_YI),
        T::Structure,
    ),
    spec(
        P::PlatformSize,
        "platform_size",
        &["capacity_cu_per_platform"],
        "cu",
        "capacity κ of one new platform",
        &[],
        V::Within(ranges::CAPACITY_CU),
        T::Structure,
    ),
    spec(
        P::PlatformCost,
        "platform_cost",
        &["cost_yi_per_platform"],
        "亿元",
        "cost φ of one new platform",
        &[],
        V::Within(ranges::PLATFORM_COST_YI),
        T::Structure,
    ),
    spec(
        P::PlatformCentralShare,
        "platform_central_share",
        &[],
        "share",
        "central share σplat of a new platform's cost",
        &[],
        V::Share,
        T::Structure,
    ),
    spec(
        P::PlatformLag,
        "platform_lag",
        &["construction_lag_years"],
        "years",
        "years from deciding to build a platform until it is usable Lc",
        &[],
        V::Whole(0, 50),
        T::Structure,
    ),
    spec(
        P::DiscountRate,
        "discount_rate",
        &[],
        "share/yr",
        "discount rate r",
        &[],
        V::Within(ranges::DISCOUNT_RATE),
        T::Structure,
    ),
    spec(
        P::Objective,
        "objective",
        &["preset"],
        "preset name",
        "objective preset of the model file (`set` a name)",
        &[],
        V::Other,
        T::Structure,
    ),
    spec(
        P::CostWeight,
        "cost_weight",
        &[],
        "dimensionless",
        "weight ω_cost on discounted spending",
        &[],
        V::Within(ranges::OBJECTIVE_WEIGHT),
        T::Structure,
    ),
    spec(
        P::SufficiencyWeight,
        "sufficiency_weight",
        &[],
        "亿元 per point",
        "weight ω_suff on mean self-sufficiency",
        &[],
        V::Within(ranges::OBJECTIVE_WEIGHT),
        T::Structure,
    ),
    spec(
        P::PoolInflow,
        "pool_inflow",
        &["inflow_yi"],
        "亿元/yr",
        "inflow B_f,t of each funding pool and year",
        &[D::Pool, D::Year],
        V::Within(ranges::BUDGET_YI),
        T::Structure,
    ),
    spec(
        P::PoolCarryOver,
        "pool_carry_over",
        &["carry_over"],
        "share",
        "carry-over κ_f of each funding pool (0 use it or lose it, 1 revolving)",
        &[D::Pool],
        V::Share,
        T::Structure,
    ),
    spec(
        P::TargetAssuredAt,
        "target_assured_at",
        &["assured_at"],
        "share",
        "share at which an item of a target's group counts as assured α (CT)",
        &[D::Target],
        V::PositiveShare,
        T::Structure,
    ),
];

#[allow(clippy::too_many_arguments)]
const fn spec(
    param: Param,
    name: &'static str,
    aliases: &'static [&'static str],
    unit: &'static str,
    meaning: &'static str,
    dims: &'static [Dim],
    domain: Domain,
    touch: Touch,
) -> ParamSpec {
    ParamSpec {
        param,
        name,
        aliases,
        unit,
        meaning,
        dims,
        domain,
        touch,
    }
}

impl Param {
    pub fn spec(self) -> &'static ParamSpec {
        CATALOGUE
            .iter()
            .find(|s| s.param == self)
            .expect("every parameter is in the catalogue")
    }

    /// The parameter called `name` (or one of its aliases).
    pub fn parse(name: &str) -> Option<Param> {
        CATALOGUE
            .iter()
            .find(|s| s.name == name || s.aliases.contains(&name))
            .map(|s| s.param)
    }

    /// Every parameter name, for "expected one of" messages.
    pub fn names() -> Vec<&'static str> {
        CATALOGUE.iter().map(|s| s.name).collect()
    }

    /// What to add to "unknown parameter" for `name`: the nearest name,
    /// else every name.
    pub fn unknown_name_hint(name: &str) -> String {
        let names = Param::names();
        match crate::instance::keys::nearest(name, names.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("parameters: {}", names.join(", ")),
        }
    }

    /// The first key of `selector` this parameter is not indexed by, with
    /// the rule it breaks.
    pub fn foreign_selector_key(self, selector: &Selector) -> Option<(&'static str, String)> {
        let takes = self.selector_keys();
        let key = selector
            .keys()
            .into_iter()
            .find(|key| !takes.contains(key))?;
        let rule = if takes.is_empty() {
            format!("`{key}` does not apply to {self}: it takes no selector")
        } else {
            format!(
                "`{key}` does not apply to {self}; it takes {}",
                takes.join(", ")
            )
        };
        Some((key, rule))
    }

    /// Selector keys that apply to this parameter.
    pub fn selector_keys(self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        if self == Param::Advantage {
            keys.extend(["item", "area", "province", "region"]);
            return keys;
        }
        if self == Param::RegionalFloor {
            keys.push("region");
            return keys;
        }
        for dim in self.spec().dims {
            keys.extend_from_slice(match dim {
                Dim::Item => &["item", "area", "tier"][..],
                Dim::Area => &["area"],
                Dim::Province => &["province", "region"],
                Dim::Year => &["from", "to", "year"],
                Dim::Target => &["target"],
                Dim::Mode => &["mode"],
                Dim::Tier => &["tier"],
                Dim::Pool => &["pool"],
            });
        }
        keys
    }

    /// The parameter's name in Chinese, for reports in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            Param::CentralBudget => "中央预算",
            Param::ProvincialBudget => "地方预算",
            Param::Talent => "人才",
            Param::TalentGrowth => "人才增长率",
            Param::PlatformCapacity => "平台能力",
            Param::MaxNewPlatforms => "每年新建平台上限",
            Param::Advantage => "优势指数",
            Param::S0 => "初始自给率",
            Param::Smax => "自给率上限",
            Param::Gain => "增益",
            Param::Weight => "权重",
            Param::EffectLag => "见效滞后",
            Param::MaxSites => "牵头地上限",
            Param::MinSiteEffort => "牵头地最低投入",
            Param::TargetLevel => "目标水平",
            Param::TargetYear => "目标年份",
            Param::TargetPenalty => "未达标惩罚",
            Param::FundingPerEffort => "单位投入资金",
            Param::TalentPerEffort => "单位投入人才",
            Param::CapacityPerEffort => "单位投入平台能力",
            Param::CentralShare => "中央出资比例",
            Param::Productivity => "生产率",
            Param::AllowedModes => "可用手段",
            Param::EligibilityThreshold => "牵头地门槛",
            Param::RegionalFloor => "区域下限",
            Param::ConcentrationCap => "省份集中度上限",
            Param::Continuity => "项目连续性",
            Param::ContinuityGrowth => "连续性增长上限",
            Param::ContinuityDecline => "连续性下降上限",
            Param::ContinuityRamp => "连续性启动额度",
            Param::TrainingYield => "培训产出",
            Param::TrainingLag => "培训滞后",
            Param::TrainingBudget => "培训经费上限",
            Param::TrainingFloor => "培训经费下限",
            Param::PlatformSize => "单个平台能力",
            Param::PlatformCost => "单个平台成本",
            Param::PlatformCentralShare => "平台中央出资比例",
            Param::PlatformLag => "平台建设滞后",
            Param::DiscountRate => "贴现率",
            Param::Objective => "目标函数",
            Param::CostWeight => "成本权重",
            Param::SufficiencyWeight => "自给率权重",
            Param::PoolInflow => "资金池流入",
            Param::PoolCarryOver => "资金池结转比例",
            Param::TargetAssuredAt => "保障门槛",
        }
    }

    /// Whether the values of the elements a selector picks add up to an
    /// amount a planner reads (budgets, talent, capacity, build rates,
    /// weights, ramps, inflows); the others (shares, rates, lags, factors)
    /// are read as their mean.
    pub fn sums_over_selection(self) -> bool {
        matches!(
            self,
            Param::CentralBudget
                | Param::ProvincialBudget
                | Param::Talent
                | Param::PlatformCapacity
                | Param::MaxNewPlatforms
                | Param::Weight
                | Param::ContinuityRamp
                | Param::PoolInflow
        )
    }

    /// Whether values of this parameter are numbers (so `scale` and `add` apply).
    pub fn is_numeric(self) -> bool {
        self.spec().domain != Domain::Other
    }
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.spec().name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_are_unique() {
        let mut all: Vec<&str> = Vec::new();
        for s in CATALOGUE {
            all.push(s.name);
            all.extend_from_slice(s.aliases);
        }
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "a name or alias is used twice");
        for s in CATALOGUE {
            assert_eq!(Param::parse(s.name), Some(s.param));
        }
    }
}
