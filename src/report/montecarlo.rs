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

/// probability_met.csv.
fn probability_csv(inst: &Instance, result: &MonteCarloResult) -> String {
    let mut p = String::from("target,year,level,probability_met\n");
    for d in &result.outcomes.targets {
        let t = &inst.targets[d.target];
        let _ = writeln!(
            p,
            "{},{},{},{}",
            t.id,
            inst.years[t.year],
            num(t.level),
            num(d.probability_met)
        );
    }
    p
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
    md.push_str("| target | year | required | probability met |\n|---|---|---|---|\n");
    for d in &outcomes.targets {
        let t = &inst.targets[d.target];
        let _ = writeln!(
            md,
            "| {} | {} | {:.1}% | {:.1}% |",
            t.id,
            inst.years[t.year],
            100.0 * t.level,
            outcomes.percent(d.met)
        );
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
        "base_objective_yi": result.base_objective,
        "distribution": "each factor ~ lognormal with mean 1 and the given coefficient of variation, independent across items (and budgets)",
    });
    staging.write_summary(&summary)?;
    staging.commit()
}
