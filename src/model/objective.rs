//! Objective of docs/model.md §6:
//! minimise Σ_g 100 λ_g u[g] + ω_cost Σ_t δ^(t−t0) Spend_t − ω_suff Suff.

use good_lp::Expression;

use super::columns::Columns;
use super::numerics::Numerics;
use super::BuildOptions;
use crate::instance::{Instance, ObjectiveWeights};

/// Coefficient of Σ_k w_k s[k,t] in −ω_suff·Suff: 100 ω_suff / (|T| Σ_k w_k).
pub fn sufficiency_coefficient(inst: &Instance, weights: &ObjectiveWeights) -> f64 {
    let total_weight: f64 = inst.items.iter().map(|i| i.weight_yi).sum();
    100.0 * weights.sufficiency_weight / (inst.years.len() as f64 * total_weight)
}

/// The part of −ω_suff·Suff that comes from the base levels b_k,t (s0, and
/// drift under (PIPE)): no column [亿元].
pub fn objective_constant(inst: &Instance, weights: &ObjectiveWeights) -> f64 {
    if weights.sufficiency_weight == 0.0 {
        return 0.0;
    }
    let coef = sufficiency_coefficient(inst, weights);
    let base: f64 = inst.items.iter().map(|i| i.weight_yi * i.s0).sum();
    let n_t = inst.years.len();
    if inst.items.iter().all(|i| i.drift == 0.0) {
        return -coef * base * n_t as f64;
    }
    let drifted: f64 = (0..inst.items.len())
        .map(|k| {
            let w = inst.items[k].weight_yi;
            (0..n_t).map(|t| w * inst.base_level(k, t)).sum::<f64>()
        })
        .sum();
    -coef * drifted
}

/// 100 λ_g: objective cost of one unit (share) of shortfall of target `g` [亿元].
pub fn shortfall_cost(inst: &Instance, g: usize) -> f64 {
    100.0 * inst.targets[g].penalty_yi_per_point
}

/// The objective as an expression, and each column's coefficient.
///
/// Each cost is summed over its terms first, then cleaned of residue and
/// measured in `numerics`, so the solver and the reports see the same value.
pub fn objective(
    inst: &Instance,
    opts: &BuildOptions,
    c: &Columns,
    numerics: &mut Numerics,
) -> (Expression, Vec<f64>) {
    let w = opts.objective;
    let model = &inst.model;
    let mut costs = vec![0.0; c.vars.len()];
    // Columns in the order their first term is added, which is the order
    // the expression's terms were always built in.
    let mut order = Vec::with_capacity(c.vars.len());
    let mut seen = vec![false; c.vars.len()];
    let mut add = |col: usize, coef: f64| {
        if !seen[col] {
            seen[col] = true;
            order.push(col);
        }
        costs[col] += coef;
    };
    for g in 0..inst.targets.len() {
        add(c.shortfall[g], shortfall_cost(inst, g));
    }
    if w.cost_weight > 0.0 {
        for e in &c.effort {
            let f = model.mode(e.mode).funding_yi_per_effort;
            add(e.col, w.cost_weight * inst.discount(e.year) * f);
        }
        for cols in c.new_platforms.values() {
            for (t, &col) in cols.iter().enumerate() {
                add(
                    col,
                    w.cost_weight * inst.discount(t) * model.platform_cost_yi,
                );
            }
        }
        for cols in &c.training {
            for (t, &col) in cols.iter().enumerate() {
                add(col, w.cost_weight * inst.discount(t));
            }
        }
    }
    if w.sufficiency_weight > 0.0 {
        let coef = sufficiency_coefficient(inst, &w);
        let n_j = model.response_multipliers.len();
        for (k, item) in inst.items.iter().enumerate() {
            for j in 0..n_j {
                for t in 0..inst.years.len() {
                    add(c.segment(k, j, t), -coef * item.weight_yi);
                }
            }
        }
    }
    // (END): the share bought after tN, at its value per share.
    for (k, _) in inst.items.iter().enumerate() {
        let value = inst.end_value_per_share(k);
        if value != 0.0 {
            for j in 0..model.response_multipliers.len() {
                add(c.segment_after_horizon(k, j), -value);
            }
        }
    }
    let mut obj = Expression::with_capacity(c.vars.len());
    for col in order {
        costs[col] = numerics.cost_value(costs[col]);
        obj.add_mul(costs[col], c.var(col));
    }
    (obj, costs)
}
