//! The objective of docs/model.md §6 taken apart on a plan: real spending
//! (discounted), the shortfall penalty (a modelling device, not money) and
//! the sufficiency term. Computed once per run, read by the checker, the
//! analyses and every report.

use crate::instance::{Instance, ObjectiveWeights};
use crate::plan::{spend_by_year, Plan};

/// Parts of the objective of docs/model.md §6 [亿元].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ObjectiveTerms {
    /// Σ_g 100 λ_g u[g].
    pub shortfall_penalty_yi: f64,
    /// ω_cost Σ_t δ^(t−t0) Spend_t.
    pub discounted_spend_yi: f64,
    /// Σ_t δ^(t−t0) Spend_t: discounted real spending, whatever ω_cost.
    pub discounted_real_spend_yi: f64,
    /// Suff: mean self-sufficiency over items and years, in points (model levels).
    pub sufficiency_points: f64,
    /// −ω_suff · Suff.
    pub sufficiency_term_yi: f64,
    /// (END) −Σ_k value_k Σ_j z_post[k,j]: the share bought after the
    /// horizon at the last target's penalty (a device, not money); 0 unless valued.
    pub horizon_end_term_yi: f64,
}

/// Evaluates each part of the objective on a plan, from the instance and
/// the plan alone (the checker compares their sum with the solver's value).
pub fn objective_terms(inst: &Instance, plan: &Plan, weights: &ObjectiveWeights) -> ObjectiveTerms {
    let shortfall_penalty_yi = inst
        .targets
        .iter()
        .zip(&plan.shortfall)
        .map(|(g, u)| 100.0 * g.penalty_yi_per_point * u)
        .sum();
    let spend = spend_by_year(inst, plan);
    let discounted: f64 = spend
        .iter()
        .enumerate()
        .map(|(t, s)| inst.discount(t) * s.total_yi())
        .sum();
    let total_weight: f64 = inst.items.iter().map(|i| i.weight_yi).sum();
    let mut weighted = 0.0;
    for (k, item) in inst.items.iter().enumerate() {
        for t in 0..inst.years.len() {
            weighted += item.weight_yi * plan.model_level(inst, k, t);
        }
    }
    let sufficiency_points = 100.0 * weighted / (inst.years.len() as f64 * total_weight);
    ObjectiveTerms {
        shortfall_penalty_yi,
        discounted_spend_yi: weights.cost_weight * discounted,
        discounted_real_spend_yi: discounted,
        sufficiency_points,
        sufficiency_term_yi: -weights.sufficiency_weight * sufficiency_points,
        horizon_end_term_yi: -bought_after_horizon(inst, plan)
            .iter()
            .map(|b| b.value_yi)
            .sum::<f64>(),
    }
}

/// (END) What the plan buys after the horizon on one item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AfterHorizon {
    /// Σ_j z_post[k,j]: the model's share gained after tN (share).
    pub share: f64,
    /// resp_k(Q[k,tN+L_k]) − resp_k(Q[k,tN]): what the effort realises after tN (share).
    pub realised_share: f64,
    /// The objective's value of `share` [亿元 of objective, discounted to t0].
    pub value_yi: f64,
}

/// (END) the share each item gains after the horizon, by item.
pub fn bought_after_horizon(inst: &Instance, plan: &Plan) -> Vec<AfterHorizon> {
    let q = crate::plan::cumulative_effective_effort(inst, plan);
    let last = inst.years.len() - 1;
    let mut end_stock = vec![0.0; inst.items.len()];
    for e in &plan.effort {
        end_stock[e.item] +=
            inst.model.mode(e.mode).productivity * inst.adv(e.item, e.province) * e.effort;
    }
    (0..inst.items.len())
        .map(|k| {
            let share: f64 = plan.segments_after_horizon.row(k).sum();
            let respond = |stock| crate::readback::realise::response(inst, k, stock);
            AfterHorizon {
                share,
                realised_share: respond(end_stock[k]) - respond(q[[k, last]]),
                value_yi: inst.end_value_per_share(k) * share,
            }
        })
        .collect()
}
