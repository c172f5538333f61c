//! What the resources of an instance allow at all, before any solve: in
//! which provinces and years an instrument can carry any effort, which items
//! can then gain self-sufficiency by a given year, and the most each item —
//! and so each target group — could reach.
//!
//! Every test here is a necessary condition for positive effort (a resource
//! the instrument needs is zero and nothing can add to it in time), so a
//! "cannot" is certain, while a "can" only says that nothing rules it out.

use crate::instance::{Instance, Mode, Target};

/// Why an instrument cannot carry effort in a province and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Blocked {
    /// Needs central money and the central budget of the year is 0.
    CentralBudget,
    /// Needs provincial money and the province's budget of the year is 0.
    ProvincialBudget,
    /// Needs talent; the province has none, and training adds none in time.
    Talent,
    /// Needs platform capacity of the item's area; the province has none and
    /// no new platform can be in service in time.
    Capacity,
}

impl Blocked {
    /// The input a planner changes to lift the block: (file, field).
    pub fn remedy(self) -> (&'static str, &'static str) {
        match self {
            Blocked::CentralBudget => ("instance.toml", "central_budget_yi"),
            Blocked::ProvincialBudget => ("provinces.csv", "budget_yi"),
            Blocked::Talent => ("provinces.csv", "talent_kfte"),
            Blocked::Capacity => ("platforms.csv", "capacity_cu"),
        }
    }

    /// The block in words.
    pub fn describe(self) -> &'static str {
        match self {
            Blocked::CentralBudget => "no central budget",
            Blocked::ProvincialBudget => "no provincial budget",
            Blocked::Talent => "no talent (and no training can add any in time)",
            Blocked::Capacity => {
                "no platform capacity (and no new platform can be in service in time)"
            }
        }
    }
}

/// Whether a new platform started in year index `t` can be paid for:
/// each payer's share of one whole platform fits its budget of that year.
fn platform_affordable(inst: &Instance, p: usize, t: usize) -> bool {
    let model = &inst.model;
    let central = model.platform_central_share * model.platform_cost_yi;
    let provincial = (1.0 - model.platform_central_share) * model.platform_cost_yi;
    central <= inst.central_reach_yi(t) && provincial <= inst.provincial_budget_yi[[p, t]]
}

/// Whether platform capacity of area `a` can exist in province `p` in year
/// index `t`: initial capacity, or a platform started early enough.
pub fn capacity_possible(inst: &Instance, a: usize, p: usize, t: usize) -> bool {
    let model = &inst.model;
    if inst.initial_capacity_cu[[a, p]] > 0.0 {
        return true;
    }
    if model.platform_capacity_cu <= 0.0 || inst.provinces[p].max_new_platforms == 0 {
        return false;
    }
    (0..inst.years.len())
        .take_while(|&built| built + model.platform_lag_years <= t)
        .any(|built| platform_affordable(inst, p, built))
}

/// Whether talent can exist in province `p` in year index `t`: the base
/// stock, or training paid early enough.
pub fn talent_possible(inst: &Instance, p: usize, t: usize) -> bool {
    if inst.base_talent_kfte(p, t) > 0.0 {
        return true;
    }
    let model = &inst.model;
    model.training_kfte_per_yi > 0.0
        && (0..inst.years.len())
            .take_while(|&trained| trained + model.training_lag_years <= t)
            .any(|trained| inst.provincial_budget_yi[[p, trained]] > 0.0)
}

/// The first resource that stops instrument `m` from carrying any effort on
/// an item of area `a` in province `p` and year index `t`; `None` when
/// nothing rules it out.
pub fn blocked(inst: &Instance, m: Mode, a: usize, p: usize, t: usize) -> Option<Blocked> {
    let params = inst.model.mode(m);
    let funding = params.funding_yi_per_effort;
    if params.central_share * funding > 0.0 && inst.central_reach_yi(t) <= 0.0 {
        return Some(Blocked::CentralBudget);
    }
    if (1.0 - params.central_share) * funding > 0.0 && inst.provincial_budget_yi[[p, t]] <= 0.0 {
        return Some(Blocked::ProvincialBudget);
    }
    if params.talent_kfte_per_effort > 0.0 && !talent_possible(inst, p, t) {
        return Some(Blocked::Talent);
    }
    if params.capacity_cu_per_effort > 0.0 && !capacity_possible(inst, a, p, t) {
        return Some(Blocked::Capacity);
    }
    None
}

/// Whether a lead site of item `k` in province `p` can ever receive its
/// minimum effort Emin_k with the horizon's budgets, through the cheapest
/// lead-site instrument.
pub fn site_minimum_affordable(inst: &Instance, k: usize, p: usize) -> bool {
    let emin = inst.items[k].min_site_effort;
    let central: f64 = inst.central_budget_yi.iter().sum();
    let provincial: f64 = inst.provincial_budget_yi.row(p).sum();
    inst.model.mode_ids().any(|m| {
        let params = inst.model.mode(m);
        params.lead_sites
            && inst.effort_allowed(k, p, m)
            && emin * params.central_share * params.funding_yi_per_effort <= central + 1e-9
            && emin * (1.0 - params.central_share) * params.funding_yi_per_effort
                <= provincial + 1e-9
    })
}

/// Whether item `k` can receive any effort in year index `t`.
pub fn effort_possible(inst: &Instance, k: usize, t: usize) -> bool {
    let a = inst.items[k].area;
    (0..inst.provinces.len()).any(|p| {
        inst.model.mode_ids().any(|m| {
            inst.effort_allowed(k, p, m)
                && blocked(inst, m, a, p, t).is_none()
                && (!inst.model.mode(m).lead_sites || site_minimum_affordable(inst, k, p))
        })
    })
}

/// Whether effort on item `k` can take effect by year index `t` (some year
/// at least the effect lag earlier admits effort).
pub fn can_gain_by(inst: &Instance, k: usize, t: usize) -> bool {
    let lag = inst.effect_lag(k);
    t >= lag && (0..=t - lag).any(|t_eff| effort_possible(inst, k, t_eff))
}

/// Which limits to respect when computing ceilings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limits {
    /// Only the items' ceilings smax (and chain links).
    Ceilings,
    /// Also the effect lags: an item counts at s0 until effort can act.
    Lags,
    /// Also the resources: an item counts at s0 unless some instrument can
    /// carry effort early enough.
    Resources,
}

/// The most item `k` could reach by year index `t` under `limits` (share),
/// for every item, respecting chain links (an item may lead the item it
/// needs by at most γ).
pub fn item_ceilings(inst: &Instance, t: usize, limits: Limits) -> Vec<f64> {
    let mut ceiling = vec![0.0; inst.items.len()];
    for &k in &inst.chain_order {
        let item = &inst.items[k];
        let moves = match limits {
            Limits::Ceilings => true,
            Limits::Lags => t >= inst.effect_lag(k),
            Limits::Resources => can_gain_by(inst, k, t),
        };
        let mut level = if moves { item.smax } else { item.s0 };
        for link in inst.links.iter().filter(|l| l.item == k) {
            level = level.min(ceiling[link.needs] + link.max_lead);
        }
        // A chain link never pushes an item below where it starts.
        ceiling[k] = level.max(item.s0);
    }
    ceiling
}

/// Demand-weighted ceiling of a group of items in year index `t` (share).
pub fn group_ceiling(inst: &Instance, items: &[usize], t: usize, limits: Limits) -> f64 {
    let ceiling = item_ceilings(inst, t, limits);
    items
        .iter()
        .map(|&k| inst.items[k].weight_yi * ceiling[k])
        .sum::<f64>()
        / inst.group_weight(items)
}

/// Why a target's level lies beyond what any plan can reach by its year.
#[derive(Debug, Clone, PartialEq)]
pub enum BeyondReach {
    /// Above its items' demand-weighted ceilings (smax, with chain links):
    /// no year and no money reaches it.
    Ceilings,
    /// The effect lags keep these items (index, lag in years) at their
    /// initial shares by the target year; `first_year` is the first year in
    /// which the group could reach the level, if any.
    Lags {
        items: Vec<(usize, usize)>,
        first_year: Option<i32>,
    },
    /// No instrument can ever fund these items early enough (every province
    /// that may work on them lacks a budget, talent or capacity).
    Resources { items: Vec<usize> },
}

/// A target no plan can meet: the most its group can reach by the target
/// year (share), and the limit that stops it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutOfReach {
    pub most: f64,
    pub why: BeyondReach,
}

/// Whether any plan could meet `target` at all: `Some` when its level is
/// above the most its group can reach by its year — first under the items'
/// ceilings, then the effect lags, then the resources (each a certain
/// bound, see the module's note). `qiangji check` reports the same limits.
pub fn out_of_reach(inst: &Instance, target: &Target) -> Option<OutOfReach> {
    let t = target.year;
    let level = target.level;
    let above = |most: f64| level > most + 1e-9;
    let ceiling = group_ceiling(inst, &target.items, t, Limits::Ceilings);
    if above(ceiling) {
        return Some(OutOfReach {
            most: ceiling,
            why: BeyondReach::Ceilings,
        });
    }
    let with_lags = group_ceiling(inst, &target.items, t, Limits::Lags);
    if above(with_lags) {
        let items = target
            .items
            .iter()
            .map(|&k| (k, inst.effect_lag(k)))
            .filter(|&(_, lag)| t < lag)
            .collect();
        let first_year = (0..inst.years.len())
            .find(|&y| group_ceiling(inst, &target.items, y, Limits::Lags) >= level - 1e-9)
            .map(|y| inst.years[y]);
        return Some(OutOfReach {
            most: with_lags,
            why: BeyondReach::Lags { items, first_year },
        });
    }
    let with_resources = group_ceiling(inst, &target.items, t, Limits::Resources);
    if above(with_resources) {
        let items = target
            .items
            .iter()
            .copied()
            .filter(|&k| !can_gain_by(inst, k, t))
            .collect();
        return Some(OutOfReach {
            most: with_resources,
            why: BeyondReach::Resources { items },
        });
    }
    None
}
