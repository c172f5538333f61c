//! Outputs of a Monte Carlo run: samples.csv, quantiles.csv,
//! probability_met.csv and report.md. The quantiles and probabilities are
//! the run's own ([`MonteCarloResult::outcomes`]); this module writes them.

use std::fmt::Write as _;
use std::path::Path;

use crate::analysis::distribution::Quantiles;
use crate::analysis::montecarlo::{MonteCarloOptions, MonteCarloResult};
use crate::instance::Instance;

use super::html::{self, Lang, ReportOptions};
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

/// report.md, in `lang`.
fn markdown(
    inst: &Instance,
    opts: &MonteCarloOptions,
    result: &MonteCarloResult,
    lang: Lang,
) -> String {
    let outcomes = &result.outcomes;
    let zh = lang == Lang::Zh;
    let samples = result.samples.len();
    let (cv, seed) = (opts.cv, opts.seed);
    let mode = html::analysis_phrase(result.mode, lang);
    let mut md = if zh {
        format!(
            "# 蒙特卡洛：{}\n\n{samples} 个样本，增益{}按均值为 1、变异系数为 {cv} 的对数正态因子抽样(随机种子 {seed})；{mode}。\n\n",
            inst.name,
            if opts.uncertain_budgets { "与预算" } else { "" },
        )
    } else {
        format!(
            "# Monte Carlo: {}\n\n{samples} samples, gains{} drawn as lognormal factors with mean 1 and coefficient of variation {cv} (seed {seed}); {mode}.\n\n",
            inst.name,
            if opts.uncertain_budgets { " and budgets" } else { "" },
        )
    };
    if let (Some(fits), Some(over)) = (outcomes.fits_budgets, outcomes.budget_overrun) {
        let (fits, p50, p95) = (outcomes.percent(fits), over.p50, over.p95);
        let _ = if zh {
            writeln!(
                md,
                "基准方案在 {fits:.1}% 的样本中不超出抽样预算；其支出超出抽样预算的数额，中位样本为 {p50:.2} 亿元，第 95 百分位为 {p95:.2} 亿元(按年份和省份加总；见 `samples.csv` 的 `budget_overrun_yi`)。\n",
            )
        } else {
            writeln!(
                md,
                "The base plan fits the drawn budgets in {fits:.1}% of the samples; its spending exceeds the drawn budgets by {p50:.2} 亿元 in the median sample and {p95:.2} 亿元 at the 95th percentile (summed over years and provinces; `budget_overrun_yi` in `samples.csv`).\n",
            )
        };
    }
    md.push_str(match (result.replanned, zh) {
        (true, false) => "Two probabilities per target, from the same draws: **re-planned** — every draw gets its own optimal plan, as if the gains were known before deciding (how likely the target is reachable); **base plan kept** — today's plan unchanged under the draw (how likely this plan reaches it). ± is 1.96 standard errors of the estimate (95%).\n\n| target | year | required | probability met, re-planned per draw | probability met, base plan kept |\n|---|---|---|---|---|\n",
        (true, true) => "每个目标给出两个概率(同一组抽样)：**逐样本重新规划**——每个样本按已知增益各自求最优方案(目标可达的可能性)；**沿用基准方案**——现行方案不变(该方案达标的可能性)。± 为估计值的 1.96 倍标准误(95%)。\n\n| 目标 | 年份 | 要求 | 达成概率，逐样本重新规划 | 达成概率，沿用基准方案 |\n|---|---|---|---|---|\n",
        (false, false) => "The base plan is kept unchanged under every draw. ± is 1.96 standard errors of the estimate (95%).\n\n| target | year | required | probability met, base plan kept |\n|---|---|---|---|\n",
        (false, true) => "每个样本下基准方案保持不变。± 为估计值的 1.96 倍标准误(95%)。\n\n| 目标 | 年份 | 要求 | 达成概率，沿用基准方案 |\n|---|---|---|---|\n",
    });
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
    md.push_str(if zh {
        "\n结果分位数见 `quantiles.csv`；每个样本见 `samples.csv`。\n"
    } else {
        "\nQuantiles of the outcomes are in `quantiles.csv`; every sample in `samples.csv`.\n"
    });
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
        staging.write(
            "report.md",
            markdown(inst, opts, result, report.lang).as_bytes(),
        )?;
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
