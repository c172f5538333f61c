//! Realised self-sufficiency (docs/model.md §7): the level the plan's effort
//! actually achieves, whatever the LP device z says.
//!
//! ```text
//! Q[k,t]    = Σ_{t′ ≤ t−L} Σ_{p,m} η_m adv[a(k),p] e[k,p,m,t′]
//! resp_k(Q) = s0_k + concave piecewise-linear response
//! sreal[k,t] = min(resp_k(Q[k,t]), min over links of sreal[k′,t] + γ)
//! ```
//!
//! With docs/model.md §10: Q includes pipeline effort (PIPE); the response
//! starts from the base level b_k,t (drift, capped at smax) instead of s0;
//! and an item with an R&D threshold Θ_k (THR) responds to max(0, Q − Θ_k)
//! once Q ≥ Θ_k, and not before.

use ndarray::Array2;

use crate::instance::Instance;
use crate::plan::Plan;

pub use crate::plan::cumulative_effective_effort;
use crate::plan::plan_effective_effort;

/// resp_k(Q): s0 plus the segments filled in order, slope gain·μ_j, width (smax−s0)/nJ.
pub fn response(inst: &Instance, k: usize, effective_effort: f64) -> f64 {
    filled(inst, k, inst.items[k].s0, effective_effort)
}

/// resp_k(Q) from the base level `base` (b_k,t, or s0 when drift is left
/// out): nothing below the R&D threshold, then the
/// segments filled by the effort beyond it, never above smax.
pub fn response_from(inst: &Instance, k: usize, base: f64, effective_effort: f64) -> f64 {
    let item = &inst.items[k];
    let beyond = effective_effort - item.rd_threshold;
    if item.rd_threshold > 0.0 && beyond < 0.0 {
        return base;
    }
    let level = filled(inst, k, base, beyond);
    if base == item.s0 {
        level
    } else {
        level.min(item.smax)
    }
}

/// `start` plus the segments `effective_effort` fills, in order.
fn filled(inst: &Instance, k: usize, start: f64, effective_effort: f64) -> f64 {
    let item = &inst.items[k];
    let width = inst.segment_width(k);
    let mut level = start;
    let mut remaining = effective_effort.max(0.0);
    for &mu in &inst.model.response_multipliers {
        let slope = item.gain_per_effort * mu;
        let gained = (remaining * slope).min(width);
        level += gained;
        remaining -= gained / slope;
        if remaining <= 0.0 {
            break;
        }
    }
    level
}

/// Which causes of a share a realised level counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sources {
    drift: bool,
    pipeline: bool,
    plan: bool,
}

/// sreal[k,t], items × years (share).
pub fn realised_levels(inst: &Instance, plan: &Plan) -> Array2<f64> {
    let all = Sources {
        drift: true,
        pipeline: true,
        plan: true,
    };
    levels_from(inst, plan, all)
}

/// The realised share of every item and year split by cause, items × years
/// (share): each part is what adding that cause changes, in the order
/// drift, pipeline money, the plan (so `s0 + from_drift + from_pipeline +
/// from_plan = sreal`).
#[derive(Debug, Clone)]
pub struct ShareSources {
    pub from_drift: Array2<f64>,
    pub from_pipeline: Array2<f64>,
    pub from_plan: Array2<f64>,
}

/// The parts of a group's realised level by cause in every year (share),
/// as [`ShareSources`] splits an item's.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSources {
    pub from_drift: Vec<f64>,
    pub from_pipeline: Vec<f64>,
    pub from_plan: Vec<f64>,
}

/// Each group of `groups` split by cause, in the same order.
pub fn group_sources(
    inst: &Instance,
    sources: &ShareSources,
    groups: &[GroupLevels],
) -> Vec<GroupSources> {
    groups
        .iter()
        .map(|g| GroupSources {
            from_drift: group_trajectory(inst, &g.items, &sources.from_drift),
            from_pipeline: group_trajectory(inst, &g.items, &sources.from_pipeline),
            from_plan: group_trajectory(inst, &g.items, &sources.from_plan),
        })
        .collect()
}

/// Splits the realised levels of `plan` into drift, pipeline and plan parts.
pub fn share_sources(inst: &Instance, plan: &Plan) -> ShareSources {
    let mut sources = Sources {
        drift: false,
        pipeline: false,
        plan: false,
    };
    let start = levels_from(inst, plan, sources);
    sources.drift = true;
    let drifted = levels_from(inst, plan, sources);
    sources.pipeline = true;
    let piped = levels_from(inst, plan, sources);
    sources.plan = true;
    let full = levels_from(inst, plan, sources);
    ShareSources {
        from_drift: &drifted - &start,
        from_pipeline: &piped - &drifted,
        from_plan: &full - &piped,
    }
}

/// The first year (calendar) by which each item's realised cumulative
/// effective effort has passed its R&D threshold: `None` for items without
/// one, `Some(None)` when it is not passed inside the horizon.
pub fn threshold_passed_years(inst: &Instance, plan: &Plan) -> Vec<Option<Option<i32>>> {
    let q = cumulative_effective_effort(inst, plan);
    (0..inst.items.len())
        .map(|k| {
            let theta = inst.items[k].rd_threshold;
            (theta > 0.0).then(|| {
                (0..inst.years.len())
                    .find(|&t| q[[k, t]] >= theta * (1.0 - 1e-9))
                    .map(|t| inst.years[t])
            })
        })
        .collect()
}

/// Realised levels counting only the causes in `sources`.
fn levels_from(inst: &Instance, plan: &Plan, sources: Sources) -> Array2<f64> {
    let (n_k, n_t) = (inst.items.len(), inst.years.len());
    let mut q = if sources.plan {
        plan_effective_effort(inst, plan)
    } else {
        Array2::zeros((n_k, n_t))
    };
    if sources.pipeline {
        for ((k, t), v) in q.indexed_iter_mut() {
            *v += inst.pipeline_arrived(k, t);
        }
    }
    let mut needs: Vec<Vec<&crate::instance::ChainLink>> = vec![Vec::new(); n_k];
    for link in &inst.links {
        needs[link.item].push(link);
    }
    let mut s = Array2::<f64>::zeros((n_k, n_t));
    for &k in &inst.chain_order {
        for t in 0..n_t {
            let base = if sources.drift {
                inst.base_level(k, t)
            } else {
                inst.items[k].s0
            };
            let mut level = response_from(inst, k, base, q[[k, t]]);
            for link in &needs[k] {
                level = level.min(s[[link.needs, t]] + link.max_lead);
            }
            s[[k, t]] = level;
        }
    }
    s
}

/// Demand-weighted level of a group of items in year t (share).
pub fn group_level(inst: &Instance, items: &[usize], levels: &Array2<f64>, t: usize) -> f64 {
    let total = inst.group_weight(items);
    items
        .iter()
        .map(|&k| inst.items[k].weight_yi * levels[[k, t]])
        .sum::<f64>()
        / total
}

/// Demand-weighted level of a group of items in every year (share).
pub fn group_trajectory(inst: &Instance, items: &[usize], levels: &Array2<f64>) -> Vec<f64> {
    (0..inst.years.len())
        .map(|t| group_level(inst, items, levels, t))
        .collect()
}

/// What a row of group levels is.
#[derive(Debug, Clone, PartialEq)]
pub enum GroupKind {
    /// The items of one area (index).
    Area(usize),
    /// The items of one or more targets.
    Target(crate::instance::TargetGroup),
    /// Every item.
    All,
}

/// Self-sufficiency of one group of items over the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupLevels {
    pub kind: GroupKind,
    pub items: Vec<usize>,
    /// Demand-weighted initial level (share).
    pub initial: f64,
    /// Realised level in every year (share).
    pub realised: Vec<f64>,
    /// The model's level in every year (share).
    pub model: Vec<f64>,
    /// Items of the group assured in every year, realised: at or above
    /// [`item_assured_at`] (docs/model.md §10 (CT)).
    pub assured: Vec<usize>,
}

/// Levels of every area with items, every target group, then all items:
/// `realised` and `model_levels` are items × years.
pub fn group_levels(
    inst: &Instance,
    realised: &Array2<f64>,
    model_levels: &Array2<f64>,
) -> Vec<GroupLevels> {
    let row = |kind: GroupKind, items: Vec<usize>| GroupLevels {
        kind,
        initial: inst.initial_group_level(&items),
        realised: group_trajectory(inst, &items, realised),
        model: group_trajectory(inst, &items, model_levels),
        assured: (0..inst.years.len())
            .map(|t| {
                items
                    .iter()
                    .filter(|&&k| item_assured(inst, realised, k, t))
                    .count()
            })
            .collect(),
        items,
    };
    let mut rows: Vec<GroupLevels> = inst
        .areas_with_items()
        .into_iter()
        .map(|a| row(GroupKind::Area(a), inst.items_in_area(a)))
        .collect();
    rows.extend(
        inst.target_groups()
            .into_iter()
            .map(|g| row(GroupKind::Target(g.clone()), g.items)),
    );
    rows.push(row(GroupKind::All, (0..inst.items.len()).collect()));
    rows
}

/// A level this close below an item's threshold still counts as assured:
/// the solver's own feasibility tolerance on the (CT) row.
pub const ASSURED_TOL: f64 = crate::tolerances::FEAS_TOL;

/// α_k outside any one target, for the tables by item, area and overall:
/// the item's own `assured_at`; else the `assured_at` of the targets whose
/// group holds it (the highest where they differ, so that an item counted
/// as assured is assured for every target); else the default of
/// instance.toml (docs/instance-format.md).
pub fn item_assured_at(inst: &Instance, k: usize) -> f64 {
    let item = &inst.items[k];
    item.assured_at.unwrap_or_else(|| {
        inst.targets
            .iter()
            .filter(|t| t.items.contains(&k))
            .map(|t| t.assured_at)
            .reduce(f64::max)
            .unwrap_or(crate::instance::read::count_targets::DEFAULT_ASSURED_AT)
    })
}

/// Whether item `k`'s realised level in year index `t` is at or above
/// [`item_assured_at`].
pub fn item_assured(inst: &Instance, realised: &Array2<f64>, k: usize, t: usize) -> bool {
    realised[[k, t]] >= item_assured_at(inst, k) - ASSURED_TOL
}

/// Items of target `g`'s group at or above their assurance threshold α_k in
/// year index `t` under `levels` (docs/model.md §10 (CT)), and the group's size.
pub fn assured_count(inst: &Instance, g: usize, levels: &Array2<f64>, t: usize) -> (usize, usize) {
    let target = &inst.targets[g];
    let assured = target
        .items
        .iter()
        .filter(|&&k| levels[[k, t]] >= target.threshold(&inst.items[k]) - ASSURED_TOL)
        .count();
    (assured, target.items.len())
}

/// A target group's two measures in one year, from one set of levels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupMeasures {
    /// Demand-weighted mean share (share).
    pub weighted: f64,
    /// Items at or above their assurance threshold.
    pub assured: usize,
    /// Items in the group.
    pub items: usize,
}

impl GroupMeasures {
    /// Both measures of target `g`'s group in year index `t` under `levels`.
    pub fn of(inst: &Instance, g: usize, levels: &ndarray::Array2<f64>, t: usize) -> Self {
        let (assured, items) = assured_count(inst, g, levels, t);
        GroupMeasures {
            weighted: group_level(inst, &inst.targets[g].items, levels, t),
            assured,
            items,
        }
    }

    /// Share of the group's items assured.
    pub fn count_share(&self) -> f64 {
        self.assured as f64 / self.items as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_fills_segments_in_order() {
        let inst = crate::testing::tiny_instance();
        let chip = inst.items.iter().position(|i| i.id == "chip").unwrap();
        // chip: s0 0.3, smax 0.9, gain 0.02, μ = 1, 0.6, 0.3 → widths 0.2.
        // Segment 1 needs 0.2/0.02 = 10 effort; segment 2 needs 0.2/0.012 = 16.67.
        approx::assert_abs_diff_eq!(response(&inst, chip, 0.0), 0.3, epsilon = 1e-12);
        approx::assert_abs_diff_eq!(response(&inst, chip, 5.0), 0.4, epsilon = 1e-12);
        approx::assert_abs_diff_eq!(response(&inst, chip, 10.0), 0.5, epsilon = 1e-12);
        approx::assert_abs_diff_eq!(
            response(&inst, chip, 10.0 + 0.1 / 0.012),
            0.6,
            epsilon = 1e-12
        );
        approx::assert_abs_diff_eq!(response(&inst, chip, 1e9), 0.9, epsilon = 1e-12);
    }
}
