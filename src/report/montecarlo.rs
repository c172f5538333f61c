//! Outputs of a Monte Carlo run: samples.csv, quantiles.csv,
//! probability_met.csv and report.md.

use std::fmt::Write as _;
use std::path::Path;

use crate::analysis::montecarlo::{quantile, MonteCarloOptions, MonteCarloResult};
use crate::instance::Instance;

use super::html::{self, ReportOptions};
use super::tables::num;
use super::OutputError;
use crate::output::atomic::Staging;

/// (KPI, unit, values) for every KPI that has values.
fn kpis(inst: &Instance, result: &MonteCarloResult) -> Vec<(String, &'static str, Vec<f64>)> {
    let mut out = vec![
        (
            "objective".to_string(),
            "亿元",
            result
                .samples
                .iter()
                .filter_map(|s| s.objective)
                .collect::<Vec<_>>(),
        ),
        (
            "spend".to_string(),
            "亿元",
            result.samples.iter().filter_map(|s| s.spend_yi).collect(),
        ),
    ];
    out.push((
        "budget_overrun".to_string(),
        "亿元",
        result
            .samples
            .iter()
            .filter_map(|s| s.budget_overrun_yi)
            .collect(),
    ));
    for (g, t) in inst.targets.iter().enumerate() {
        out.push((
            format!("achieved_{}", t.id),
            "share",
            result
                .samples
                .iter()
                .filter_map(|s| s.achieved.get(g).copied())
                .collect(),
        ));
    }
    out.retain(|(_, _, v)| !v.is_empty());
    out
}

pub fn write_montecarlo(
    dir: &Path,
    inst: &Instance,
    opts: &MonteCarloOptions,
    result: &MonteCarloResult,
    report: ReportOptions,
) -> Result<(), OutputError> {
    let mut staging = Staging::new(dir, "montecarlo")?;
    // The overrun column exists only where it means something: the base plan
    // kept under drawn budgets.
    let overrun = result.samples.iter().any(|s| s.budget_overrun_yi.is_some());
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
    staging.write("samples.csv", samples.as_bytes())?;

    let mut q = String::from("kpi,unit,samples,mean,p05,p25,p50,p75,p95\n");
    for (name, unit, mut values) in kpis(inst, result) {
        values.sort_by(f64::total_cmp);
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let _ = writeln!(
            q,
            "{name},{unit},{},{},{},{},{},{},{}",
            values.len(),
            num(mean),
            num(quantile(&values, 0.05)),
            num(quantile(&values, 0.25)),
            num(quantile(&values, 0.5)),
            num(quantile(&values, 0.75)),
            num(quantile(&values, 0.95))
        );
    }
    staging.write("quantiles.csv", q.as_bytes())?;

    let n = result.samples.len() as f64;
    let mut p = String::from("target,year,level,probability_met\n");
    let mut md = format!(
        "# Monte Carlo: {}\n\n{} samples, gains{} drawn as lognormal factors with mean 1 and coefficient of variation {} (seed {}); {}.\n\n",
        inst.name,
        result.samples.len(),
        if opts.uncertain_budgets { " and budgets" } else { "" },
        opts.cv,
        opts.seed,
        result.mode
    );
    if overrun {
        let fits = result
            .samples
            .iter()
            .filter(|s| s.budget_overrun_yi.is_some_and(|o| o <= 1e-6))
            .count();
        let mut over: Vec<f64> = result
            .samples
            .iter()
            .filter_map(|s| s.budget_overrun_yi)
            .collect();
        over.sort_by(f64::total_cmp);
        let _ = writeln!(
            md,
            "The base plan fits the drawn budgets in {:.1}% of the samples; its spending exceeds the drawn budgets by {:.2} 亿元 in the median sample and {:.2} 亿元 at the 95th percentile (summed over years and provinces; `budget_overrun_yi` in `samples.csv`).\n",
            100.0 * fits as f64 / n,
            quantile(&over, 0.5),
            quantile(&over, 0.95)
        );
    }
    md.push_str("| target | year | required | probability met |\n|---|---|---|---|\n");
    for (g, t) in inst.targets.iter().enumerate() {
        let met = result
            .samples
            .iter()
            .filter(|s| s.met.get(g).copied().unwrap_or(false))
            .count() as f64;
        let _ = writeln!(
            p,
            "{},{},{},{}",
            t.id,
            inst.years[t.year],
            num(t.level),
            num(met / n)
        );
        let _ = writeln!(
            md,
            "| {} | {} | {:.1}% | {:.1}% |",
            t.id,
            inst.years[t.year],
            100.0 * t.level,
            100.0 * met / n
        );
    }
    staging.write("probability_met.csv", p.as_bytes())?;
    md.push_str(
        "\nQuantiles of the outcomes are in `quantiles.csv`; every sample in `samples.csv`.\n",
    );
    if report.format.markdown() {
        staging.write("report.md", md.as_bytes())?;
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
