//! Outputs of a Monte Carlo run: samples.csv, quantiles.csv,
//! probability_met.csv and report.md. The quantiles and probabilities are
//! the run's own ([`MonteCarloResult::outcomes`]); this module writes them.

use std::fmt::Write as _;
use std::path::Path;

use crate::analysis::distribution::Quantiles;
use crate::analysis::montecarlo::{MonteCarloOptions, MonteCarloResult};
use crate::instance::Instance;

use super::html::{self, ReportOptions};
use super::tables::num;
use super::OutputError;
use crate::output::atomic::Staging;

/// samples.csv: one row per sample; the overrun column only where it means
/// something (the base plan kept under drawn budgets).
fn samples_csv(inst: &Instance, result: &MonteCarloResult) -> String {
    let overrun = result.outcomes.fits_budgets.is_some();
    let mut samples = String::from("sample,status,objective_yi,spend_yi");
    if overrun {
        samples.push_str(",budget_overrun_yi");
    }
    for t in &inst.targets {
        let _ = write!(samples, ",achieved_{},met_{}", t.id, t.id);
    }
    if result.replanned {
        for t in &inst.targets {
            let id = &t.id;
            let _ = write!(
                samples,
                ",base_plan_kept_achieved_{id},base_plan_kept_met_{id}"
            );
        }
    }
    samples.push('\n');
    for s in &result.samples {
        let _ = write!(
            samples,
            "{},{},{},{}",
            s.index,
            s.status.id(),
            s.objective.map(num).unwrap_or_default(),
            s.spend_yi.map(num).unwrap_or_default()
        );
        if overrun {
            let _ = write!(
                samples,
                ",{}",
                s.budget_overrun_yi.map(num).unwrap_or_default()
            );
        }
        for g in 0..inst.targets.len() {
            let _ = write!(
                samples,
                ",{},{}",
                s.achieved.get(g).copied().map(num).unwrap_or_default(),
                s.met.get(g).map(|m| m.to_string()).unwrap_or_default()
            );
        }
        if result.replanned {
            for g in 0..inst.targets.len() {
                let _ = write!(
                    samples,
                    ",{},{}",
                    s.kept_achieved.get(g).copied().map(num).unwrap_or_default(),
                    s.kept_met.get(g).map(|m| m.to_string()).unwrap_or_default()
                );
            }
        }
        samples.push('\n');
    }
    samples
}

/// quantiles.csv: every outcome that has values.
fn quantiles_csv(inst: &Instance, result: &MonteCarloResult) -> String {
    let outcomes = &result.outcomes;
    let mut kpis: Vec<(String, &str, Option<Quantiles>)> = vec![
        ("objective".into(), "亿元", outcomes.objective),
        ("spend".into(), "亿元", outcomes.spend),
        ("budget_overrun".into(), "亿元", outcomes.budget_overrun),
    ];
    for d in &outcomes.targets {
        let id = &inst.targets[d.target].id;
        kpis.push((format!("achieved_{id}"), "share", d.level));
    }
    let mut q = String::from("kpi,unit,samples,mean,p05,p25,p50,p75,p95\n");
    for (name, unit, quantiles) in kpis {
        let Some(v) = quantiles else { continue };
        let _ = writeln!(
            q,
            "{name},{unit},{},{},{},{},{},{},{}",
            v.samples,
            num(v.mean),
            num(v.p05),
            num(v.p25),
            num(v.p50),
            num(v.p75),
            num(v.p95)
        );
    }
    q
}

/// What `probability_met` counts: plans re-made for every draw, or the
/// base plan kept.
fn plans_phrase(result: &MonteCarloResult) -> &'static str {
    if result.replanned {
        "re-planned per draw"
    } else {
        "base plan kept"
    }
}

/// probability_met.csv: per target, the probability it is met with the
/// run's plans and with the base plan kept, each with its standard error
/// (sampling error of the estimate, as a share).
fn probability_csv(inst: &Instance, result: &MonteCarloResult) -> String {
    let mut p = String::from(
        "target,year,level,probability_met,standard_error,plans,probability_met_base_plan_kept,standard_error_base_plan_kept\n",
    );
    for d in &result.outcomes.targets {
        let t = &inst.targets[d.target];
        let _ = writeln!(
            p,
            "{},{},{},{},{},{},{},{}",
            t.id,
            inst.years[t.year],
            num(t.level),
            num(d.probability_met),
            num(d.standard_error()),
            plans_phrase(result),
            num(d.probability_met_kept),
            num(d.standard_error_kept())
        );
    }
    p
}

/// "75.0% ± 8.5": a probability in percent with 1.96 standard errors (the
/// 95% interval of the estimate), as every Monte Carlo output prints it.
pub fn percent_with_error(p: f64, se: f64) -> String {
    format!("{:.1}% ± {:.1}", 100.0 * p, 196.0 * se)
}

/// report.md.
fn markdown(inst: &Instance, opts: &MonteCarloOptions, result: &MonteCarloResult) -> String {
    let outcomes = &result.outcomes;
    let mut md = format!(
        "# Monte Carlo: {}\n\n{} samples, gains{} drawn as lognormal factors with mean 1 and coefficient of variation {} (seed {}); {}.\n\n",
        inst.name,
        result.samples.len(),
        if opts.uncertain_budgets { " and budgets" } else { "" },
        opts.cv,
        opts.seed,
        result.mode
    );
    if let (Some(fits), Some(over)) = (outcomes.fits_budgets, outcomes.budget_overrun) {
        let _ = writeln!(
            md,
            "The base plan fits the drawn budgets in {:.1}% of the samples; its spending exceeds the drawn budgets by {:.2} 亿元 in the median sample and {:.2} 亿元 at the 95th percentile (summed over years and provinces; `budget_overrun_yi` in `samples.csv`).\n",
            outcomes.percent(fits),
            over.p50,
            over.p95
        );
    }
    if result.replanned {
        md.push_str("Two probabilities per target, from the same draws: **re-planned** — every draw gets its own optimal plan, as if the gains were known before deciding (how likely the target is reachable); **base plan kept** — today's plan unchanged under the draw (how likely this plan reaches it). ± is 1.96 standard errors of the estimate (95%).\n\n");
        md.push_str("| target | year | required | probability met, re-planned per draw | probability met, base plan kept |\n|---|---|---|---|---|\n");
    } else {
        md.push_str("The base plan is kept unchanged under every draw. ± is 1.96 standard errors of the estimate (95%).\n\n");
        md.push_str(
            "| target | year | required | probability met, base plan kept |\n|---|---|---|---|\n",
        );
    }
    for d in &outcomes.targets {
        let t = &inst.targets[d.target];
        let mut line = format!(
            "| {} | {} | {:.1}% | {} |",
            t.id,
            inst.years[t.year],
            100.0 * t.level,
            percent_with_error(d.probability_met, d.standard_error())
        );
        if result.replanned {
            let _ = write!(
                line,
                " {} |",
                percent_with_error(d.probability_met_kept, d.standard_error_kept())
            );
        }
        let _ = writeln!(md, "{line}");
    }
    md.push_str(
        "\nQuantiles of the outcomes are in `quantiles.csv`; every sample in `samples.csv`.\n",
    );
    md
}

/// Writes every output of a Monte Carlo run into `dir`, whole or not at all.
pub fn write_montecarlo(
    dir: &Path,
    inst: &Instance,
    opts: &MonteCarloOptions,
    result: &MonteCarloResult,
    report: ReportOptions,
) -> Result<(), OutputError> {
    let mut staging = Staging::new(dir, "montecarlo")?;
    staging.write("samples.csv", samples_csv(inst, result).as_bytes())?;
    staging.write("quantiles.csv", quantiles_csv(inst, result).as_bytes())?;
    staging.write(
        "probability_met.csv",
        probability_csv(inst, result).as_bytes(),
    )?;
    if report.format.markdown() {
        staging.write("report.md", markdown(inst, opts, result).as_bytes())?;
    }
    if report.format.html() {
        let page = html::montecarlo_page(inst, opts, result, report.lang)?;
        staging.write(html::HTML_FILE, page.as_bytes())?;
    }
    let summary = serde_json::json!({
        "instance": inst.name,
        "samples": result.samples.len(),
        "cv": opts.cv,
        "seed": opts.seed,
        "uncertain_budgets": opts.uncertain_budgets,
        "mode": result.mode,
        "plans": plans_phrase(result),
        "base_objective_yi": result.base_objective,
        "probability_met": result.outcomes.targets.iter().map(|d| serde_json::json!({
            "target": inst.targets[d.target].id,
            "probability": d.probability_met,
            "standard_error": d.standard_error(),
            "probability_base_plan_kept": d.probability_met_kept,
            "standard_error_base_plan_kept": d.standard_error_kept(),
        })).collect::<Vec<_>>(),
        "distribution": "each factor ~ lognormal with mean 1 and the given coefficient of variation, independent across items (and budgets)",
    });
    staging.write_summary(&summary)?;
    staging.commit()
}
