//! summary.json: the full machine-readable result of a solve, built as a
//! [`Summary`] (the type every reader of summary.json reads back).

use std::collections::BTreeMap;

use crate::instance::Instance;
use crate::model::Numerics;
use crate::readback::spending::Payers;
use crate::results::summary::{
    self as s, BatchStamp, CoefficientRange, Summary, Units, SCHEMA_VERSION,
};
use crate::run::findings::Findings;
use crate::run::{RunResult, Timings};
use crate::solve::{highs_version, SolverOptions};

use super::tables::TargetRow;
use super::Analyses;
use crate::analysis::headline::{Headline, Missed, NotEstimated, Verdict};
use crate::instance::diagnose::reach::BeyondReach;
use crate::run::findings::TargetKind;

/// To 1e-9 and never −0: what summary.json keeps of a quantity. A number
/// that is not finite stays as it is (written as `null`).
fn round(v: f64) -> f64 {
    if !v.is_finite() {
        return v;
    }
    let r = (v * 1e9).round() / 1e9;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Seconds of each stage and their sum (`total`).
fn timings(t: &Timings) -> BTreeMap<String, f64> {
    let mut doc: BTreeMap<String, f64> = t
        .stages()
        .iter()
        .map(|s| (s.key.to_string(), round(s.seconds)))
        .collect();
    doc.insert("total".into(), round(t.total_s()));
    doc
}

/// Coefficient ranges of the model passed to HiGHS, each with its `wide`
/// flag, the number of values snapped to zero, and every warning.
fn numerics(n: &Numerics) -> s::Numerics {
    let range = |r: &crate::model::numerics::Range| CoefficientRange {
        max: r.max,
        min: r.min,
        wide: r.wide(),
    };
    s::Numerics {
        bound: range(&n.bound),
        cost: range(&n.cost),
        matrix: range(&n.matrix),
        rhs: range(&n.rhs),
        snapped_to_zero: n.snapped,
        warnings: n.warnings(),
    }
}

fn payers(p: &Payers) -> s::Payers {
    s::Payers {
        central: round(p.central_yi),
        provincial: round(p.provincial_yi),
        total: round(p.total_yi()),
    }
}

/// Real spending of a plan, as the run found it: totals, by year, by area,
/// province and mode.
fn spend_yi(inst: &Instance, found: &Findings) -> s::Spending {
    let (spend, breakdown) = (&found.spend_by_year, &found.spending);
    let named = |names: Vec<&str>, list: &[Payers]| -> BTreeMap<String, s::Payers> {
        names
            .into_iter()
            .zip(list)
            .map(|(n, p)| (n.to_string(), payers(p)))
            .collect()
    };
    s::Spending {
        by_year: spend
            .iter()
            .enumerate()
            .map(|(t, s)| s::YearSpend {
                central: round(s.central_yi()),
                effort_central: round(s.effort_central_yi),
                effort_provincial: round(s.effort_provincial_yi),
                platforms: round(s.platforms_central_yi + s.platforms_provincial_yi),
                provincial: round(s.provincial_yi()),
                total: round(s.total_yi()),
                training: round(s.training_yi),
                year: inst.years[t],
            })
            .collect(),
        central: round(found.spend.central_yi),
        discounted_total: round(found.spend.discounted_yi),
        effect_after_horizon: payers(&breakdown.after_horizon()),
        effect_after_horizon_by_year: breakdown
            .after_horizon_by_year
            .iter()
            .enumerate()
            .map(|(t, p)| s::YearPayers {
                central: round(p.central_yi),
                provincial: round(p.provincial_yi),
                year: inst.years[t],
            })
            .collect(),
        effort_by_area: named(
            inst.areas.iter().map(|a| a.id.as_str()).collect(),
            &breakdown.by_area,
        ),
        effort_by_mode: named(
            inst.model.modes.iter().map(|m| m.id.as_str()).collect(),
            &breakdown.by_mode,
        ),
        effort_by_province: named(
            inst.provinces.iter().map(|p| p.id.as_str()).collect(),
            &breakdown.by_province,
        ),
        provincial: round(found.spend.provincial_yi),
        total: round(found.spend.total_yi),
    }
}

/// summary.json of a solve, with the analyses computed for it; `batch` is a
/// batch's stamp on its case.
pub fn summary(
    inst: &Instance,
    result: &RunResult,
    targets: &[TargetRow],
    solver: &SolverOptions,
    analyses: &Analyses,
    headline: Option<&Headline>,
    batch: Option<BatchStamp>,
) -> Summary {
    let outcome = &result.outcome;
    let (marginal_values, exchange_rates) = explained_values(inst, analyses);
    let explanation = explanation(analyses);
    let plan_parts = result.plan.as_ref().zip(result.objective_terms.as_ref());
    Summary {
        schema_version: SCHEMA_VERSION,
        batch,
        check: result.check.as_ref().map(check),
        exchange_rates,
        explanation,
        formulation: s::Formulation {
            hard_targets: result.build.hard_targets,
            relaxed: result.build.relax,
            response_form: format!("{:?}", result.build.response_form).to_lowercase(),
        },
        has_plan: result.plan.is_some(),
        infeasibility: analyses.infeasibility.as_ref().map(|inf| s::Infeasibility {
            files: vec!["infeasibility.md".into(), "infeasibility.json".into()],
            headline: inf.conflict.as_ref().map(super::infeasibility::headline),
        }),
        instance: instance_info(inst),
        marginal_values,
        mip: s::Mip {
            best_bound: outcome.best_bound.map(round),
            gap: outcome.mip_gap.map(round),
        },
        // Its duration is `timings_s.mip_start`: every duration lives there,
        // so that everything else in the summary is a function of the inputs.
        mip_start: result.mip_start.as_ref().map(mip_start),
        model: s::ModelInfo {
            file: inst.model_path.display().to_string(),
            name: inst.model.name.clone(),
            sha256: inst.model_hash.clone(),
        },
        numerics: numerics(&result.numerics),
        objective: outcome.objective.map(round),
        objective_preset: result.objective_preset.clone(),
        objective_terms: plan_parts.map(|(_, terms)| s::ObjectiveTerms {
            discounted_spend_yi: round(terms.discounted_spend_yi),
            shortfall_penalty_yi: round(terms.shortfall_penalty_yi),
            sufficiency_points: round(terms.sufficiency_points),
            sufficiency_term_yi: round(terms.sufficiency_term_yi),
        }),
        objective_weights: s::ObjectiveWeights {
            cost_weight: result.build.objective.cost_weight,
            sufficiency_weight_yi_per_point: result.build.objective.sufficiency_weight,
        },
        pools: pools(inst, result, analyses),
        rd_thresholds: rd_thresholds(inst, result),
        size: s::Size {
            columns: result.size.columns,
            integers: result.size.integers,
            nonzeros: result.size.nonzeros,
            rows: result.size.rows,
        },
        solver: s::Solver {
            duals_from: outcome.dual_source.id().into(),
            highs_version: highs_version(),
            // The algorithm of an LP solve (a MIP is branch-and-bound).
            lp_algorithm: (result.size.integers == 0)
                .then(|| solver.lp_algorithm.chosen().id().to_string()),
            name: "HiGHS".into(),
            options: solver
                .as_pairs()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            simplex_iterations: outcome.simplex_iterations,
        },
        spend_yi: plan_parts
            .and(result.findings.as_ref())
            .map(|found| spend_yi(inst, found)),
        status: outcome.status.id().into(),
        status_meaning: outcome.status.explain().into(),
        targets: targets
            .iter()
            .enumerate()
            .map(|(g, t)| {
                let kind = result.findings.as_ref().map(|f| f.target_kinds[g]);
                let missed = headline.and_then(|h| h.missed.iter().find(|m| m.target == g));
                target(t, kind, missed)
            })
            .collect(),
        timings_s: timings(&result.timings),
        training_budget: result.plan.as_ref().and_then(|plan| {
            let marginal = analyses.explanation.as_ref().map(|e| &e.marginal);
            super::training_budget::summary_rows(inst, plan, marginal)
        }),
        units: Units::current(),
        variant: variant(inst),
        after_horizon: super::horizon_end::summary_rows(inst, result),
    }
}

/// What instance was solved: its size, files and their hashes.
fn instance_info(inst: &Instance) -> s::InstanceInfo {
    s::InstanceInfo {
        areas: inst.areas.len(),
        // Files read in another encoding than UTF-8 (GB18030, UTF-16).
        files_encoding: inst.encodings.iter().cloned().collect(),
        files_sha256: inst.file_hashes.iter().cloned().collect(),
        items: inst.items.len(),
        name: inst.name.clone(),
        path: inst.root.display().to_string(),
        provinces: inst.provinces.len(),
        regions: inst
            .provinces
            .iter()
            .map(|p| (p.id.clone(), p.region.id().to_string()))
            .collect(),
        years: [inst.years.first().copied(), inst.years.last().copied()],
    }
}

/// The scenarios and overrides that made this variant of the instance.
fn variant(inst: &Instance) -> s::VariantInfo {
    let v = &inst.variant;
    s::VariantInfo {
        label: v.label(),
        overrides: v.overrides.iter().map(|o| o.describe()).collect(),
        scenario_file: v.scenario_file.as_ref().map(|(path, sha)| s::ScenarioFile {
            path: path.display().to_string(),
            sha256: sha.clone(),
        }),
        scenarios: v.scenarios.clone(),
    }
}

/// The marginal values and exchange rates of an explained plan, in the
/// shape the results model declares.
fn explained_values(
    inst: &Instance,
    analyses: &Analyses,
) -> (Option<s::MarginalValues>, Option<s::ExchangeRates>) {
    match &analyses.explanation {
        Some(ex) => (
            Some(super::margins::marginal_values(inst, ex)),
            Some(super::margins::exchange_rates(inst, ex)),
        ),
        None => (None, None),
    }
}

/// Whether the plan was explained, and with how many solves: the last of
/// these that applies is what the summary says.
fn explanation(analyses: &Analyses) -> Option<s::Explanation> {
    if analyses.explanation_skipped {
        Some(s::Explanation {
            skipped: Some("--no-explain".into()),
            ..s::Explanation::default()
        })
    } else if let Some(e) = &analyses.explanation_error {
        Some(s::Explanation {
            error: Some(e.clone()),
            ..s::Explanation::default()
        })
    } else {
        analyses.explanation.as_ref().map(|ex| s::Explanation {
            solves: Some(ex.solves),
            ..s::Explanation::default()
        })
    }
}

/// The independent check's verdict and its tolerances.
fn check(check: &crate::run::CheckReport) -> s::Check {
    s::Check {
        checks: check.checks,
        max_violation: round(check.max_violation),
        objective_recomputed: round(check.objective),
        passed: check.passed,
        tolerances: s::CheckTolerances {
            feasibility: crate::tolerances::FEAS_TOL,
            integrality: crate::tolerances::INT_TOL,
            objective_relative: crate::tolerances::OBJ_REL_TOL,
        },
        violations: check
            .violations
            .iter()
            .map(|v| s::Violation {
                amount: v.amount,
                scaled: v.scaled,
                what: v.what.clone(),
            })
            .collect(),
        worst: check.worst.clone(),
    }
}

/// What the structured MIP start did.
fn mip_start(m: &crate::run::MipStartReport) -> s::MipStart {
    s::MipStart {
    improving_moves: m.improving_moves,
    incumbent_yi: round(m.incumbent),
    lp_bound_yi: round(m.lp_bound),
    lp_solves: m.lp_solves,
    method: "LP relaxation, lead-site local search priced by warm LP re-solves, platforms by an LP dive; then designated sites fixed open where the LP with the site closed costs at least the incumbent".into(),
    proof_lp_solves: m.proof_lp_solves,
    proved_by_lp_bound: m.proved_by_lp_bound,
    search_cut_short: m.search_cut_short,
    sites_designated: m.sites_designated,
    sites_fixed_by_proof: m.sites_fixed_by_proof,
}
}

/// (POOL) each pool's rule and account, when the instance gives pools and
/// the solve a plan.
fn pools(inst: &Instance, result: &RunResult, analyses: &Analyses) -> Option<Vec<s::Pool>> {
    let found = result
        .findings
        .as_ref()
        .filter(|_| !inst.pools.is_empty())?;
    let marginal = analyses.explanation.as_ref().map(|e| &e.marginal);
    Some(
        found
            .pools
            .iter()
            .map(|acc| {
                let pool = &inst.pools[acc.pool];
                s::Pool {
                    by_year: acc
                        .years
                        .iter()
                        .map(|y| s::PoolYear {
                            carried_in_yi: round(y.account.carried_in_yi),
                            dual: y.dual.map(round),
                            inflow_yi: round(y.account.inflow_yi),
                            lapsed_yi: round(y.account.lapsed_yi),
                            left_yi: round(y.account.left_yi),
                            one_more_yi_objective_change_yi: marginal
                                .and_then(|m| m.of_row(&y.row()))
                                .and_then(|v| v.more.objective_change)
                                .map(round),
                            spent_yi: round(y.account.spent_yi),
                            year: inst.years[y.account.year],
                        })
                        .collect(),
                    carry_over: pool.carry_over,
                    id: pool.id.clone(),
                    inflow_yi: round(acc.inflow_yi),
                    platforms: pool.platforms,
                    spent_yi: round(acc.spent_yi),
                    unspent_yi: round(acc.unspent_yi),
                }
            })
            .collect(),
    )
}

/// (THR) every item with an R&D threshold: Θ_k [effort units] and the
/// first year its realised cumulative effective effort passes it (null:
/// not inside the horizon); only when the instance gives thresholds.
fn rd_thresholds(inst: &Instance, result: &RunResult) -> Option<Vec<s::RdThreshold>> {
    let found = result.findings.as_ref().filter(|_| inst.has_thresholds())?;
    Some(
        found
            .rd_thresholds
            .iter()
            .map(|r| s::RdThreshold {
                item: inst.items[r.item].id.clone(),
                passed_year: r.passed_year,
                rd_threshold_effort: round(r.effort),
            })
            .collect(),
    )
}

/// The verdict on a missed target, in summary.json's words.
fn verdict(m: &Missed) -> s::TargetVerdict {
    let mut v = s::TargetVerdict {
        central_yi_per_point: None,
        frontier: None,
        more_central_budget_yi: None,
        not_estimated: None,
        reach: None,
        reach_limit: None,
        verdict: String::new(),
    };
    match &m.verdict {
        Verdict::OutOfReach(beyond) => {
            v.verdict = "out_of_reach".into();
            v.reach = Some(round(beyond.most));
            v.reach_limit = Some(
                match beyond.why {
                    BeyondReach::Ceilings => "ceilings",
                    BeyondReach::Lags { .. } => "lags",
                    BeyondReach::Resources { .. } => "resources",
                }
                .into(),
            );
        }
        Verdict::Underfunded(cost) => {
            v.verdict = "underfunded".into();
            match cost {
                Ok(cost) => {
                    v.frontier = Some(round(cost.frontier));
                    v.central_yi_per_point = Some(round(cost.yi_per_point));
                    v.more_central_budget_yi = Some(round(cost.more_budget_yi));
                }
                Err(why) => {
                    if let NotEstimated::BudgetBuysNothing { frontier } = why {
                        v.frontier = Some(round(*frontier));
                    }
                    v.not_estimated = Some(
                        match why {
                            NotEstimated::NotExplained => "not_explained",
                            NotEstimated::ExplanationFailed(_) => "explanation_failed",
                            NotEstimated::NotRated => "not_rated",
                            NotEstimated::BudgetBuysNothing { .. } => "budget_buys_nothing",
                        }
                        .into(),
                    );
                }
            }
        }
        Verdict::DearerThanPenalty { frontier, .. } => {
            v.verdict = "dearer_than_penalty".into();
            v.frontier = Some(round(*frontier));
        }
    }
    v
}

/// One target's accounting, rounded as summary.json has always had it,
/// with its kind and, when missed, its verdict.
fn target(t: &TargetRow, kind: Option<TargetKind>, missed: Option<&Missed>) -> s::Target {
    s::Target {
        kind: kind.map(|k| {
            match k {
                TargetKind::Headline => "headline",
                TargetKind::ItemFloor => "item_floor",
            }
            .into()
        }),
        verdict: missed.map(verdict),
        achieved: round(t.achieved),
        achieved_realised: round(t.achieved_realised),
        count_assured: Some(t.measures.assured),
        count_items: Some(t.measures.items),
        count_share: Some(round(t.measures.count_share())),
        dual_yi_per_point: t.dual_yi_per_point.map(round),
        group: t.group.clone(),
        id: t.id.clone(),
        level: round(t.level),
        met: t.met,
        metric: Some(t.metric.to_string()),
        shortfall: round(t.shortfall),
        weighted_level: Some(round(t.measures.weighted)),
        year: t.year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::case::solve_case;
    use crate::analysis::marginal::Depth;
    use crate::instance::{load, LoadOptions};
    use crate::run::RunOptions;

    /// A solved and explained case's summary, with a batch stamp, as written.
    fn written(dir: &str) -> (Summary, String) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let inst = load(&root, &LoadOptions::default()).expect("valid instance");
        let case = solve_case(&inst, &RunOptions::default(), Some(Depth::Quick)).expect("solved");
        let targets = case
            .result
            .findings
            .as_ref()
            .map_or(Vec::new(), |found| found.targets.clone());
        let stamp = BatchStamp {
            key: "k".into(),
            scenario: "base".into(),
        };
        let found = case
            .result
            .findings
            .as_ref()
            .map(|f| crate::analysis::headline::headline(&inst, f, &case.analyses));
        let summary = summary(
            &inst,
            &case.result,
            &targets,
            &SolverOptions::default(),
            &case.analyses,
            found.as_ref(),
            Some(stamp),
        );
        let text = serde_json::to_string_pretty(&summary).unwrap();
        (summary, text)
    }

    #[test]
    fn a_summary_written_and_read_back_equals_itself() {
        for dir in [
            "instances/demo",
            "tests/fixtures/budget_short",
            "tests/fixtures/infeasible_budget",
            "tests/fixtures/finding_first",
        ] {
            let (summary, text) = written(dir);
            let read: Summary = serde_json::from_str(&text).unwrap();
            assert_eq!(read, summary, "{dir}");
            assert_eq!(serde_json::to_string_pretty(&read).unwrap(), text, "{dir}");
        }
    }

    #[test]
    fn missed_targets_carry_their_verdict_and_older_summaries_without_one_still_read() {
        let (summary, text) = written("tests/fixtures/finding_first");
        let by_id = |id: &str| summary.targets.iter().find(|t| t.id == id).unwrap();
        // tests/finding.rs derives these by hand.
        let now = by_id("now_2024").verdict.as_ref().unwrap();
        assert_eq!(now.verdict, "out_of_reach");
        assert_eq!(now.reach_limit.as_deref(), Some("lags"));
        assert!((now.reach.unwrap() - 0.2).abs() < 1e-9);
        let later = by_id("later_2026").verdict.as_ref().unwrap();
        assert_eq!(later.verdict, "underfunded");
        assert!((later.frontier.unwrap() - 0.425).abs() < 1e-6);
        assert!((later.more_central_budget_yi.unwrap() - 27.5 / 11.25).abs() < 1e-6);
        let floor = by_id("floor_a_2026");
        assert_eq!(floor.kind.as_deref(), Some("item_floor"));
        assert!(floor.verdict.is_none());
        assert_eq!(by_id("now_2024").kind.as_deref(), Some("headline"));
        // A folder written before kinds and verdicts were recorded.
        let mut older: serde_json::Value = serde_json::from_str(&text).unwrap();
        for t in older["targets"].as_array_mut().unwrap() {
            let t = t.as_object_mut().unwrap();
            t.remove("kind");
            t.remove("verdict");
        }
        let read: Summary = serde_json::from_value(older).unwrap();
        assert!(read
            .targets
            .iter()
            .all(|t| t.kind.is_none() && t.verdict.is_none()));
    }

    #[test]
    fn the_demo_summary_holds_every_part_of_a_plan() {
        let (summary, _) = written("instances/demo");
        assert_eq!(summary.schema_version, SCHEMA_VERSION);
        assert!(summary.has_plan && summary.check.as_ref().unwrap().passed);
        assert!(summary.marginal_values.is_some() && summary.exchange_rates.is_some());
        assert_eq!(summary.explanation.as_ref().unwrap().solves, Some(5));
        // The hand-derived optimum of docs/demo-derivation.md, in 亿元.
        assert!((summary.objective.unwrap() - 14.8812).abs() < 1e-3);
        assert!(summary.spend_yi.is_some() && summary.objective_terms.is_some());
    }

    /// summary.json's keys have always been sorted; the struct declares its
    /// fields in that order (after `schema_version`) so that it writes the
    /// same bytes: what a map of the same document would write.
    #[test]
    fn fields_are_declared_in_the_order_summary_json_has_always_had() {
        for dir in [
            "instances/demo",
            "tests/fixtures/infeasible_budget",
            "tests/fixtures/finding_first",
        ] {
            let (summary, text) = written(dir);
            let mut sorted = serde_json::to_value(&summary).unwrap();
            sorted.as_object_mut().unwrap().remove("schema_version");
            let without_version: String = text
                .lines()
                .filter(|l| !l.starts_with("  \"schema_version\""))
                .collect::<Vec<_>>()
                .join("\n");
            assert_eq!(
                serde_json::to_string_pretty(&sorted).unwrap(),
                without_version,
                "{dir}"
            );
            assert!(text.starts_with("{\n  \"schema_version\": 2,\n"));
        }
    }
}
