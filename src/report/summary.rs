//! summary.json: the full machine-readable result of a solve.

use serde_json::{json, Value};

use crate::instance::Instance;
use crate::model::Numerics;
use crate::plan::spend_by_year;
use crate::run::{RunResult, Timings};
use crate::solve::{highs_version, SolverOptions};

use super::tables::TargetRow;
use super::Analyses;
use crate::readback::spending::{spending, Payers};

fn round(v: f64) -> Value {
    if !v.is_finite() {
        return Value::Null;
    }
    let r = (v * 1e9).round() / 1e9;
    json!(if r == 0.0 { 0.0 } else { r })
}

/// Seconds of each stage and their sum (`total`), in the order they run.
fn timings(t: &Timings) -> Value {
    let mut doc: serde_json::Map<String, Value> = t
        .stages()
        .iter()
        .map(|s| (s.key.to_string(), round(s.seconds)))
        .collect();
    doc.insert("total".into(), round(t.total_s()));
    Value::Object(doc)
}

/// Coefficient ranges of the model passed to HiGHS, each with its `wide`
/// flag, the number of values snapped to zero, and every warning.
fn numerics(n: &Numerics) -> Value {
    let mut doc: serde_json::Map<String, Value> = n
        .ranges()
        .into_iter()
        .map(|(name, r)| {
            (
                name.to_string(),
                json!({"min": r.min, "max": r.max, "wide": r.wide()}),
            )
        })
        .collect();
    doc.insert("snapped_to_zero".into(), json!(n.snapped));
    doc.insert("warnings".into(), json!(n.warnings()));
    Value::Object(doc)
}

/// summary.json of a solve, with the analyses computed for it.
pub fn summary(
    inst: &Instance,
    result: &RunResult,
    targets: &[TargetRow],
    solver: &SolverOptions,
    analyses: &Analyses,
) -> Value {
    let outcome = &result.outcome;
    let mut doc = json!({
        "units": {
            "money": "亿元 (1e8 yuan); objective, objective_terms, spend_yi and mip.best_bound",
            "objective": "亿元 of objective = discounted real spending + shortfall penalty (a modelling device, not money) − sufficiency term (a weight on points, not money); see objective_terms",
            "spend_yi": "real money only, undiscounted unless named discounted; never the penalty",
            "shares": "fraction in [0, 1]; targets level, achieved and shortfall",
            "dual_yi_per_point": "亿元 of objective per percentage point of target level (the LP dual: one-sided at a degenerate optimum; see marginal_values)",
            "marginal_values": "objective change [亿元 of objective] of one step of 1 unit (亿元, k FTE, cu, platform, point) up (one_more) or down (one_less), with the interval of the limit over which it holds and how it was established",
            "exchange_rates": "points of a target group's level in its target year per extra unit (亿元 of central budget, k FTE of talent, platform) where it buys most, on the group's frontier; yi_per_point_* from marginal_values of the target",
            "timings_s": "seconds",
            "numerics": "magnitudes of the model's nonzero coefficients, in the units of their rows and columns",
        },
        "status": outcome.status.id(),
        "status_meaning": outcome.status.explain(),
        "has_plan": result.plan.is_some(),
        "objective": outcome.objective.map(round),
        "objective_preset": result.objective_preset,
        "objective_weights": {
            "cost_weight": result.build.objective.cost_weight,
            "sufficiency_weight_yi_per_point": result.build.objective.sufficiency_weight,
        },
        "formulation": {
            "relaxed": result.build.relax,
            "hard_targets": result.build.hard_targets,
            "response_form": format!("{:?}", result.build.response_form).to_lowercase(),
        },
        "mip": {
            "gap": outcome.mip_gap.map(round),
            "best_bound": outcome.best_bound.map(round),
        },
        "solver": {
            "name": "HiGHS",
            "highs_version": highs_version(),
            "options": solver.as_pairs().into_iter().map(|(k, v)| (k.to_string(), Value::String(v))).collect::<serde_json::Map<_, _>>(),
            "simplex_iterations": outcome.simplex_iterations,
            "duals_from": outcome.dual_source.id(),
            // The algorithm of an LP solve (a MIP is branch-and-bound).
            "lp_algorithm": (result.size.integers == 0)
                .then(|| solver.lp_algorithm.chosen().id()),
        },
        "instance": {
            "name": inst.name,
            "path": inst.root.display().to_string(),
            "files_sha256": inst.file_hashes.iter().map(|(f, h)| (f.clone(), Value::String(h.clone()))).collect::<serde_json::Map<_, _>>(),
            // Files read in another encoding than UTF-8 (GB18030, UTF-16).
            "files_encoding": inst.encodings.iter().map(|(f, e)| (f.clone(), Value::String(e.clone()))).collect::<serde_json::Map<_, _>>(),
            "years": [inst.years.first(), inst.years.last()],
            "items": inst.items.len(),
            "provinces": inst.provinces.len(),
            "areas": inst.areas.len(),
        },
        "variant": {
            "label": inst.variant.label(),
            "scenarios": inst.variant.scenarios,
            "overrides": inst.variant.overrides.iter().map(|o| o.describe()).collect::<Vec<_>>(),
            "scenario_file": inst.variant.scenario_file.as_ref().map(|(path, sha)| json!({
                "path": path.display().to_string(),
                "sha256": sha,
            })),
        },
        "model": {
            "name": inst.model.name,
            "file": inst.model_path.display().to_string(),
            "sha256": inst.model_hash,
        },
        "size": {
            "columns": result.size.columns,
            "rows": result.size.rows,
            "nonzeros": result.size.nonzeros,
            "integers": result.size.integers,
        },
        "timings_s": timings(&result.timings),
        "numerics": numerics(&result.numerics),
    });
    let targets_json: Vec<Value> = targets
        .iter()
        .map(|t| {
            json!({
                "id": t.id,
                "group": t.group,
                "year": t.year,
                "level": round(t.level),
                "achieved": round(t.achieved),
                "achieved_realised": round(t.achieved_realised),
                "shortfall": round(t.shortfall),
                "met": t.met,
                "dual_yi_per_point": t.dual_yi_per_point.map(round),
            })
        })
        .collect();
    doc["targets"] = Value::Array(targets_json);
    if let (Some(plan), true) = (&result.plan, inst.has_thresholds()) {
        doc["rd_thresholds"] = rd_thresholds(inst, plan);
    }
    if let (Some(plan), Some(terms)) = (&result.plan, &result.objective_terms) {
        doc["objective_terms"] = json!({
            "shortfall_penalty_yi": round(terms.shortfall_penalty_yi),
            "discounted_spend_yi": round(terms.discounted_spend_yi),
            "sufficiency_points": round(terms.sufficiency_points),
            "sufficiency_term_yi": round(terms.sufficiency_term_yi),
        });
        let spend = spend_by_year(inst, plan);
        let total: f64 = spend.iter().map(|s| s.total_yi()).sum();
        let central: f64 = spend.iter().map(|s| s.central_yi()).sum();
        let provincial: f64 = spend.iter().map(|s| s.provincial_yi()).sum();
        let discounted: f64 = spend
            .iter()
            .enumerate()
            .map(|(t, s)| inst.discount(t) * s.total_yi())
            .sum();
        let breakdown = spending(inst, plan);
        let payers = |p: &Payers| json!({"central": round(p.central_yi), "provincial": round(p.provincial_yi), "total": round(p.total_yi())});
        let named = |names: Vec<&str>, list: &[Payers]| -> serde_json::Map<String, Value> {
            names
                .into_iter()
                .zip(list)
                .map(|(n, p)| (n.to_string(), payers(p)))
                .collect()
        };
        doc["spend_yi"] = json!({
            "total": round(total),
            "central": round(central),
            "provincial": round(provincial),
            "discounted_total": round(discounted),
            "effort_by_area": named(inst.areas.iter().map(|a| a.id.as_str()).collect(), &breakdown.by_area),
            "effort_by_province": named(inst.provinces.iter().map(|p| p.id.as_str()).collect(), &breakdown.by_province),
            "effort_by_mode": named(inst.model.modes.iter().map(|m| m.id.as_str()).collect(), &breakdown.by_mode),
            "effect_after_horizon": payers(&breakdown.after_horizon()),
            "effect_after_horizon_by_year": breakdown.after_horizon_by_year.iter().enumerate().map(|(t, p)| json!({
                "year": inst.years[t], "central": round(p.central_yi), "provincial": round(p.provincial_yi),
            })).collect::<Vec<_>>(),
            "by_year": spend.iter().enumerate().map(|(t, s)| json!({
                "year": inst.years[t],
                "total": round(s.total_yi()),
                "central": round(s.central_yi()),
                "provincial": round(s.provincial_yi()),
                "effort_central": round(s.effort_central_yi),
                "effort_provincial": round(s.effort_provincial_yi),
                "platforms": round(s.platforms_central_yi + s.platforms_provincial_yi),
                "training": round(s.training_yi),
            })).collect::<Vec<_>>(),
        });
    }
    if let Some(m) = &result.mip_start {
        doc["mip_start"] = json!({
            "method": "LP relaxation, lead-site local search priced by warm LP re-solves, platforms by an LP dive; then designated sites fixed open where the LP with the site closed costs at least the incumbent",
            "lp_bound_yi": round(m.lp_bound),
            "incumbent_yi": round(m.incumbent),
            "lp_solves": m.lp_solves,
            "improving_moves": m.improving_moves,
            "search_cut_short": m.search_cut_short,
            "proved_by_lp_bound": m.proved_by_lp_bound,
            "sites_designated": m.sites_designated,
            "sites_fixed_by_proof": m.sites_fixed_by_proof,
            "proof_lp_solves": m.proof_lp_solves,
        });
        // Its duration is `timings_s.mip_start`: every duration lives there,
        // so that everything else in the summary is a function of the inputs.
    }
    if let Some(ex) = &analyses.explanation {
        let (marginal, exchange) = super::margins::json(inst, ex);
        doc["marginal_values"] = marginal;
        doc["exchange_rates"] = exchange;
        doc["explanation"] = json!({ "solves": ex.solves });
    }
    if let Some(e) = &analyses.explanation_error {
        doc["explanation"] = json!({ "error": e });
    }
    if analyses.explanation_skipped {
        doc["explanation"] = json!({ "skipped": "--no-explain" });
    }
    if let Some(inf) = &analyses.infeasibility {
        doc["infeasibility"] = json!({
            "files": ["infeasibility.md", "infeasibility.json"],
            "headline": inf.conflict.as_ref().map(super::infeasibility::headline),
        });
    }
    if let Some(check) = &result.check {
        doc["check"] = json!({
            "passed": check.passed,
            "max_violation": round(check.max_violation),
            "worst": check.worst,
            "checks": check.checks,
            "objective_recomputed": round(check.objective),
            "violations": check.violations.iter().map(|v| json!({"what": v.what, "amount": v.amount, "scaled": v.scaled})).collect::<Vec<_>>(),
            "tolerances": {
                "feasibility": crate::tolerances::FEAS_TOL,
                "integrality": crate::tolerances::INT_TOL,
                "objective_relative": crate::tolerances::OBJ_REL_TOL,
            },
        });
    }
    doc
}

/// (THR) every item with an R&D threshold: Θ_k [effort units] and the
/// first year its realised cumulative effective effort passes it (null:
/// not inside the horizon).
fn rd_thresholds(inst: &Instance, plan: &crate::plan::Plan) -> Value {
    let passed = crate::readback::realise::threshold_passed_years(inst, plan);
    inst.items
        .iter()
        .zip(passed)
        .filter_map(|(item, year)| {
            year.map(|year| {
                json!({
                    "item": item.id,
                    "rd_threshold_effort": round(item.rd_threshold),
                    "passed_year": year,
                })
            })
        })
        .collect()
}
