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
    let mut terms = Terms::new(c);
    terms.shortfalls(inst, c, 1.0);
    terms.spending(inst, opts, c);
    terms.shares(inst, opts, c, 1.0);
    terms.finish(c, numerics)
}

/// Objective coefficients being summed, column by column.
pub(crate) struct Terms {
    costs: Vec<f64>,
    /// Columns in the order their first term is added, which is the order
    /// the expression's terms were always built in.
    order: Vec<usize>,
    seen: Vec<bool>,
}

impl Terms {
    pub(crate) fn new(c: &Columns) -> Terms {
        Terms {
            costs: vec![0.0; c.vars.len()],
            order: Vec::with_capacity(c.vars.len()),
            seen: vec![false; c.vars.len()],
        }
    }

    pub(crate) fn add(&mut self, col: usize, coef: f64) {
        if !self.seen[col] {
            self.seen[col] = true;
            self.order.push(col);
        }
        self.costs[col] += coef;
    }

    /// Σ_g 100 λ_g u[g] of the shortfall columns in force, times `weight`
    /// (1 in the deterministic model; 1/S per draw in (ROB), docs/model.md §11).
    pub(crate) fn shortfalls(&mut self, inst: &Instance, c: &Columns, weight: f64) {
        for g in 0..inst.targets.len() {
            self.add(c.shortfall[g], weight * shortfall_cost(inst, g));
        }
    }

    /// ω_cost Σ_t δ^(t−t0) Spend_t: the first-stage decisions' cost.
    pub(crate) fn spending(&mut self, inst: &Instance, opts: &BuildOptions, c: &Columns) {
        let w = opts.objective;
        let model = &inst.model;
        if w.cost_weight > 0.0 {
            for e in &c.effort {
                let f = model.mode(e.mode).funding_yi_per_effort;
                self.add(e.col, w.cost_weight * inst.discount(e.year) * f);
            }
            for cols in c.new_platforms.values() {
                for (t, &col) in cols.iter().enumerate() {
                    self.add(
                        col,
                        w.cost_weight * inst.discount(t) * model.platform_cost_yi,
                    );
                }
            }
            for cols in &c.training {
                for (t, &col) in cols.iter().enumerate() {
                    self.add(col, w.cost_weight * inst.discount(t));
                }
            }
        }
    }

    /// −ω_suff Suff and the value of the share bought after tN (END) of the
    /// share columns in force, times `weight`.
    pub(crate) fn shares(
        &mut self,
        inst: &Instance,
        opts: &BuildOptions,
        c: &Columns,
        weight: f64,
    ) {
        let w = opts.objective;
        let n_j = inst.model.response_multipliers.len();
        if w.sufficiency_weight > 0.0 {
            let coef = sufficiency_coefficient(inst, &w);
            for (k, item) in inst.items.iter().enumerate() {
                for j in 0..n_j {
                    for t in 0..inst.years.len() {
                        self.add(c.segment(k, j, t), weight * (-coef * item.weight_yi));
                    }
                }
            }
        }
        // (END): the share bought after tN, at its value per share.
        for (k, _) in inst.items.iter().enumerate() {
            let value = inst.end_value_per_share(k);
            if value != 0.0 {
                for j in 0..n_j {
                    self.add(c.segment_after_horizon(k, j), weight * -value);
                }
            }
        }
    }

    /// The objective as an expression, and each column's coefficient, each
    /// cleaned of residue and measured in `numerics`.
    pub(crate) fn finish(mut self, c: &Columns, numerics: &mut Numerics) -> (Expression, Vec<f64>) {
        let mut obj = Expression::with_capacity(c.vars.len());
        for col in self.order {
            self.costs[col] = numerics.cost_value(self.costs[col]);
            obj.add_mul(self.costs[col], c.var(col));
        }
        (obj, self.costs)
    }
}
