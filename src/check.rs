//! The independent checker: re-evaluates every bound and constraint of
//! MODEL.md §4–§6 from the instance and the plan alone — without the solver's
//! row values — and records the largest violation. A plan that fails is never
//! reported as a result.

use crate::instance::{Instance, ObjectiveWeights};
use crate::model::constraints::sites::site_effort_bound;
use crate::plan::{spend_by_year, Plan};
use crate::readback::realise::{cumulative_effective_effort, realised_levels};
use crate::tolerances::{FEAS_TOL, INT_TOL, OBJ_REL_TOL};

/// How the plan was produced, which decides some rules.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Integrality is not required of a relaxation.
    pub relax: bool,
    /// Shortfalls must be zero.
    pub hard_targets: bool,
    pub objective: ObjectiveWeights,
    /// The solver proved optimality, so shortfalls must equal the gap to the
    /// target (a larger shortfall would be a needless penalty).
    pub optimal: bool,
}

/// One broken rule, scaled by the size of the terms involved.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Which rule, e.g. `BC central_budget(2025)`.
    pub what: String,
    /// Absolute violation, in the rule's units.
    pub amount: f64,
    /// Violation divided by max(1, largest term): what is compared with the tolerance.
    pub scaled: f64,
}

/// Result of checking a plan.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub passed: bool,
    /// Largest absolute violation over every check (0 when nothing is violated).
    pub max_violation: f64,
    /// Where the largest violation occurred.
    pub worst: Option<String>,
    /// Every violation above tolerance, largest first (at most 50 kept).
    pub violations: Vec<Violation>,
    /// Number of individual checks made.
    pub checks: usize,
    /// Objective recomputed from the plan [亿元].
    pub objective: f64,
}

struct Recorder {
    max_violation: f64,
    worst: Option<String>,
    violations: Vec<Violation>,
    checks: usize,
}

impl Recorder {
    /// Records `lhs ≤ rhs`, with `scale` the magnitude of the terms. A NaN
    /// counts as an infinite violation.
    fn at_most(&mut self, what: impl FnOnce() -> String, lhs: f64, rhs: f64, scale: f64) {
        self.checks += 1;
        let amount = lhs - rhs;
        if amount <= 0.0 {
            return;
        }
        let amount = if amount.is_finite() {
            amount
        } else {
            f64::INFINITY
        };
        let scaled = amount / scale.abs().max(1.0);
        if scaled > FEAS_TOL {
            self.fail(what(), amount, scaled);
        } else if amount > self.max_violation {
            // Within tolerance, but still the largest deviation seen.
            self.max_violation = amount;
            self.worst = Some(what());
        }
    }

    fn at_least(&mut self, what: impl FnOnce() -> String, lhs: f64, rhs: f64, scale: f64) {
        self.at_most(what, rhs, lhs, scale);
    }

    /// Records a violation beyond its tolerance.
    fn fail(&mut self, what: String, amount: f64, scaled: f64) {
        if amount > self.max_violation {
            self.max_violation = amount;
            self.worst = Some(what.clone());
        }
        self.violations.push(Violation {
            what,
            amount,
            scaled,
        });
    }
}

/// Checks `plan` against every rule; `reported_objective` is the solver's value.
pub fn check_plan(
    inst: &Instance,
    plan: &Plan,
    opts: &CheckOptions,
    reported_objective: Option<f64>,
) -> CheckReport {
    let mut r = Recorder {
        max_violation: 0.0,
        worst: None,
        violations: Vec::new(),
        checks: 0,
    };
    let model = &inst.model;
    let (n_t, n_p, n_a) = (inst.years.len(), inst.provinces.len(), inst.areas.len());
    let year = |t: usize| inst.years[t];

    // Bounds, eligibility and integrality of every decision.
    for e in &plan.effort {
        let name = || {
            format!(
                "bound e({},{},{},{}) ≥ 0",
                inst.items[e.item].id,
                inst.provinces[e.province].id,
                model.mode_id(e.mode),
                year(e.year)
            )
        };
        r.at_least(name, e.effort, 0.0, 1.0);
        if !inst.effort_allowed(e.item, e.province, e.mode) {
            r.fail(
                format!(
                    "e({},{},{}) is not an allowed instrument",
                    inst.items[e.item].id,
                    inst.provinces[e.province].id,
                    model.mode_id(e.mode)
                ),
                e.effort.abs(),
                f64::INFINITY,
            );
        }
    }
    for s in &plan.sites {
        let name = || {
            format!(
                "y({},{})",
                inst.items[s.item].id, inst.provinces[s.province].id
            )
        };
        r.at_least(|| format!("bound {} ≥ 0", name()), s.value, 0.0, 1.0);
        r.at_most(|| format!("bound {} ≤ 1", name()), s.value, 1.0, 1.0);
        if !opts.relax {
            integral(&mut r, s.value, name);
        }
    }
    for ((a, p, t), &n) in plan.new_platforms.indexed_iter() {
        let name = || {
            format!(
                "n({},{},{})",
                inst.areas[a].id,
                inst.provinces[p].id,
                year(t)
            )
        };
        r.at_least(|| format!("bound {} ≥ 0", name()), n, 0.0, 1.0);
        if !opts.relax {
            integral(&mut r, n, name);
        }
    }
    for ((p, t), &tr) in plan.training_yi.indexed_iter() {
        r.at_least(
            || format!("bound tr({},{}) ≥ 0", inst.provinces[p].id, year(t)),
            tr,
            0.0,
            1.0,
        );
    }
    for ((k, j, t), &z) in plan.segments.indexed_iter() {
        let name = || format!("z({},{},{})", inst.items[k].id, j + 1, year(t));
        r.at_least(|| format!("bound {} ≥ 0", name()), z, 0.0, 1.0);
        r.at_most(
            || format!("bound {} ≤ width", name()),
            z,
            inst.segment_width(k),
            1.0,
        );
    }
    for (g, &u) in plan.shortfall.iter().enumerate() {
        r.at_least(
            || format!("bound u({}) ≥ 0", inst.targets[g].id),
            u,
            0.0,
            1.0,
        );
        if opts.hard_targets {
            r.at_most(
                || format!("hard target u({}) = 0", inst.targets[g].id),
                u,
                0.0,
                1.0,
            );
        }
    }

    // (R) response, in the reference (direct) form, from the effort itself.
    let q = cumulative_effective_effort(inst, plan);
    for k in 0..inst.items.len() {
        let item = &inst.items[k];
        for t in 0..n_t {
            let needed: f64 = model
                .response_multipliers
                .iter()
                .enumerate()
                .map(|(j, mu)| plan.segments[[k, j, t]] / (item.gain_per_effort * mu))
                .sum();
            r.at_most(
                || format!("R response({},{})", item.id, year(t)),
                needed,
                q[[k, t]],
                needed.max(q[[k, t]]),
            );
        }
    }
    // (CH) chain links.
    for link in &inst.links {
        for t in 0..n_t {
            let s_item = plan.model_level(inst, link.item, t);
            let s_needs = plan.model_level(inst, link.needs, t);
            r.at_most(
                || {
                    format!(
                        "CH chain({},{},{})",
                        inst.items[link.item].id,
                        inst.items[link.needs].id,
                        year(t)
                    )
                },
                s_item,
                s_needs + link.max_lead,
                1.0,
            );
        }
    }
    // (BC) and (BP) budgets, from the spending of the plan.
    let spend = spend_by_year(inst, plan);
    for (t, (s, &budget)) in spend.iter().zip(&inst.central_budget_yi).enumerate() {
        let central = s.central_yi();
        r.at_most(
            || format!("BC central_budget({})", year(t)),
            central,
            budget,
            central.max(budget),
        );
    }
    let mut provincial = ndarray::Array2::<f64>::zeros((n_p, n_t));
    let mut talent = ndarray::Array2::<f64>::zeros((n_p, n_t));
    let mut capacity = ndarray::Array3::<f64>::zeros((n_a, n_p, n_t));
    let mut central_by_region_share = vec![(0.0, 0.0); n_t];
    for e in &plan.effort {
        let m = model.mode(e.mode);
        provincial[[e.province, e.year]] +=
            (1.0 - m.central_share) * m.funding_yi_per_effort * e.effort;
        talent[[e.province, e.year]] += m.talent_kfte_per_effort * e.effort;
        capacity[[inst.items[e.item].area, e.province, e.year]] +=
            m.capacity_cu_per_effort * e.effort;
        if let Some(floor) = &inst.regional_floor {
            let central = m.central_share * m.funding_yi_per_effort * e.effort;
            central_by_region_share[e.year].1 += central;
            if floor.regions.contains(&inst.provinces[e.province].region) {
                central_by_region_share[e.year].0 += central;
            }
        }
    }
    for p in 0..n_p {
        let prov = &inst.provinces[p];
        let platforms_this_year =
            |t: usize| (0..n_a).map(|a| plan.new_platforms[[a, p, t]]).sum::<f64>();
        for t in 0..n_t {
            let used = provincial[[p, t]]
                + (1.0 - model.platform_central_share)
                    * model.platform_cost_yi
                    * platforms_this_year(t)
                + plan.training_yi[[p, t]];
            let budget = inst.provincial_budget_yi[[p, t]];
            r.at_most(
                || format!("BP provincial_budget({},{})", prov.id, year(t)),
                used,
                budget,
                used.max(budget),
            );
            // (H) talent: base stock plus training that has matured.
            let trained: f64 = (0..n_t)
                .filter(|&t2| t2 + model.training_lag_years <= t)
                .map(|t2| plan.training_yi[[p, t2]])
                .sum::<f64>()
                * model.training_kfte_per_yi;
            let available = inst.base_talent_kfte(p, t) + trained;
            r.at_most(
                || format!("H talent({},{})", prov.id, year(t)),
                talent[[p, t]],
                available,
                available.max(talent[[p, t]]),
            );
            // (N) build rate.
            r.at_most(
                || format!("N build_rate({},{})", prov.id, year(t)),
                platforms_this_year(t),
                prov.max_new_platforms as f64,
                1.0,
            );
            // (C) capacity per area.
            for a in 0..n_a {
                let built: f64 = (0..n_t)
                    .filter(|&t2| t2 + model.platform_lag_years <= t)
                    .map(|t2| plan.new_platforms[[a, p, t2]])
                    .sum();
                let cap = inst.initial_capacity_cu[[a, p]] + model.platform_capacity_cu * built;
                let used = capacity[[a, p, t]];
                r.at_most(
                    || {
                        format!(
                            "C platform_capacity({},{},{})",
                            inst.areas[a].id,
                            prov.id,
                            year(t)
                        )
                    },
                    used,
                    cap,
                    used.max(cap),
                );
            }
        }
    }
    // (SITE) lead-site effort only at designated sites; site count; minimum effort.
    let mut site_effort: std::collections::BTreeMap<(usize, usize), Vec<f64>> = Default::default();
    for e in plan.effort.iter().filter(|e| model.mode(e.mode).lead_sites) {
        site_effort
            .entry((e.item, e.province))
            .or_insert_with(|| vec![0.0; n_t])[e.year] += e.effort;
    }
    let mut site_value: std::collections::HashMap<(usize, usize), f64> = Default::default();
    let mut site_count = vec![None::<f64>; inst.items.len()];
    for s in &plan.sites {
        site_value.insert((s.item, s.province), s.value);
        *site_count[s.item].get_or_insert(0.0) += s.value;
    }
    for (k, count) in site_count.iter().enumerate() {
        if let Some(count) = count {
            r.at_most(
                || format!("SITE site_count({})", inst.items[k].id),
                *count,
                inst.items[k].max_sites as f64,
                1.0,
            );
        }
    }
    for (&(k, p), by_year) in &site_effort {
        let item = &inst.items[k];
        let y = site_value.get(&(k, p)).copied().unwrap_or(0.0);
        for (t, &effort) in by_year.iter().enumerate() {
            let bound = site_effort_bound(inst, k, p, t) * y;
            r.at_most(
                || {
                    format!(
                        "SITE site_link({},{},{})",
                        item.id,
                        inst.provinces[p].id,
                        year(t)
                    )
                },
                effort,
                bound,
                effort.max(bound),
            );
            if !opts.relax && y < 0.5 {
                r.at_most(
                    || {
                        format!(
                            "SITE lead-site effort at undesignated site ({},{},{})",
                            item.id,
                            inst.provinces[p].id,
                            year(t)
                        )
                    },
                    effort,
                    0.0,
                    1.0,
                );
            }
        }
        let total: f64 = by_year.iter().sum();
        r.at_least(
            || format!("SITE site_minimum({},{})", item.id, inst.provinces[p].id),
            total,
            item.min_site_effort * y,
            total.max(item.min_site_effort),
        );
    }
    // (G) targets, and shortfall accounting.
    for (g, target) in inst.targets.iter().enumerate() {
        let total = inst.group_weight(&target.items);
        let level: f64 = target
            .items
            .iter()
            .map(|&k| inst.items[k].weight_yi * plan.model_level(inst, k, target.year))
            .sum::<f64>()
            / total;
        let u = plan.shortfall[g];
        r.at_least(
            || format!("G target({})", target.id),
            level + u,
            target.level,
            1.0,
        );
        if opts.optimal && target.penalty_yi_per_point > 0.0 {
            let gap = (target.level - level).max(0.0);
            r.at_most(
                || {
                    format!(
                        "G shortfall accounting({}): u equals the gap to the target",
                        target.id
                    )
                },
                u,
                gap,
                1.0,
            );
        }
    }
    // (REG) regional floor.
    if let Some(floor) = &inst.regional_floor {
        for (t, &(inside, all)) in central_by_region_share.iter().enumerate() {
            r.at_least(
                || format!("REG regional_floor({})", year(t)),
                inside,
                floor.min_share * all,
                all,
            );
        }
    }
    // (CONT) programme continuity, from each area's project funding.
    if let Some(cont) = &inst.continuity {
        let mut fund = ndarray::Array2::<f64>::zeros((n_a, n_t));
        for e in &plan.effort {
            fund[[inst.items[e.item].area, e.year]] +=
                model.mode(e.mode).funding_yi_per_effort * e.effort;
        }
        for a in 0..n_a {
            for t in 1..n_t {
                let (now, before) = (fund[[a, t]], fund[[a, t - 1]]);
                let cap = (1.0 + cont.max_growth) * before + cont.ramp_yi[a];
                r.at_most(
                    || format!("CONT continuity_growth({},{})", inst.areas[a].id, year(t)),
                    now,
                    cap,
                    now.max(cap),
                );
                let floor = (1.0 - cont.max_decline) * before;
                r.at_least(
                    || format!("CONT continuity_decline({},{})", inst.areas[a].id, year(t)),
                    now,
                    floor,
                    now.max(floor),
                );
            }
        }
    }
    // (CAP) no province above χ of a year's central project funding.
    if let Some(chi) = inst.concentration {
        let mut central = ndarray::Array2::<f64>::zeros((n_p, n_t));
        for e in &plan.effort {
            let m = model.mode(e.mode);
            central[[e.province, e.year]] += m.central_share * m.funding_yi_per_effort * e.effort;
        }
        for t in 0..n_t {
            let total: f64 = central.column(t).sum();
            for p in 0..n_p {
                r.at_most(
                    || format!("CAP concentration({},{})", inst.provinces[p].id, year(t)),
                    central[[p, t]],
                    chi * total,
                    total,
                );
            }
        }
    }
    // Realised self-sufficiency never falls below the model's level (MODEL.md §7).
    let realised = realised_levels(inst, plan);
    for k in 0..inst.items.len() {
        for t in 0..n_t {
            r.at_least(
                || format!("realised sreal({},{}) ≥ s", inst.items[k].id, year(t)),
                realised[[k, t]],
                plan.model_level(inst, k, t),
                1.0,
            );
        }
    }
    // Objective, recomputed.
    let objective = objective_value(inst, plan, &opts.objective);
    if let Some(reported) = reported_objective {
        r.checks += 1;
        let diff = (objective - reported).abs();
        let scale = objective.abs().max(reported.abs()).max(1.0);
        if diff / scale > OBJ_REL_TOL {
            r.fail(
                format!("objective: solver reports {reported}, plan gives {objective}"),
                diff,
                diff / scale,
            );
        }
    }
    r.violations.sort_by(|a, b| b.scaled.total_cmp(&a.scaled));
    r.violations.truncate(50);
    CheckReport {
        passed: r.violations.is_empty(),
        max_violation: r.max_violation,
        worst: r.worst,
        violations: r.violations,
        checks: r.checks,
        objective,
    }
}

fn integral(r: &mut Recorder, v: f64, name: impl FnOnce() -> String) {
    r.checks += 1;
    let off = (v - v.round()).abs();
    if off > INT_TOL {
        r.fail(format!("integrality of {}", name()), off, off);
    }
}

/// Parts of the objective of MODEL.md §6 [亿元].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ObjectiveTerms {
    /// Σ_g 100 λ_g u[g].
    pub shortfall_penalty_yi: f64,
    /// ω_cost Σ_t δ^(t−t0) Spend_t.
    pub discounted_spend_yi: f64,
    /// Suff: mean self-sufficiency over items and years, in points (model levels).
    pub sufficiency_points: f64,
    /// −ω_suff · Suff.
    pub sufficiency_term_yi: f64,
}

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
        sufficiency_points,
        sufficiency_term_yi: -weights.sufficiency_weight * sufficiency_points,
    }
}

/// The objective of MODEL.md §6 evaluated on a plan [亿元].
pub fn objective_value(inst: &Instance, plan: &Plan, weights: &ObjectiveWeights) -> f64 {
    let t = objective_terms(inst, plan, weights);
    t.shortfall_penalty_yi + t.discounted_spend_yi + t.sufficiency_term_yi
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorder() -> Recorder {
        Recorder {
            max_violation: 0.0,
            worst: None,
            violations: Vec::new(),
            checks: 0,
        }
    }

    #[test]
    fn tolerances_infinite_bounds_and_nan() {
        let mut r = recorder();
        r.at_most(|| "within tolerance".into(), 1.0 + 1e-9, 1.0, 1.0);
        r.at_most(|| "no upper bound".into(), 5.0, f64::INFINITY, 1.0);
        assert!(r.violations.is_empty());
        assert_eq!(r.worst.as_deref(), Some("within tolerance"));
        r.at_most(|| "scaled away".into(), 1000.0005, 1000.0, 1000.0);
        assert!(
            r.violations.is_empty(),
            "5e-4 on terms of 1000 is within 1e-6 relative"
        );
        r.at_least(|| "nan".into(), f64::NAN, 0.0, 1.0);
        assert_eq!(r.violations.len(), 1);
        assert_eq!(r.max_violation, f64::INFINITY);
        assert_eq!(r.checks, 4);
    }
}
