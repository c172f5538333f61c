//! Summaries of a Monte Carlo run that reports show: quantiles of each
//! outcome and, per target, the distribution of its realised level and the
//! probability that it is met. Computed once per run; the files, the pages
//! and the printed summary read them.

use super::montecarlo::{quantile, Sample};

/// Quantiles of a set of sampled values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantiles {
    pub samples: usize,
    pub mean: f64,
    pub p05: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p95: f64,
}

impl Quantiles {
    /// Quantiles of `values` (any order); `None` when there are none.
    pub fn of(mut values: Vec<f64>) -> Option<Quantiles> {
        values.retain(|v| v.is_finite());
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        Some(Quantiles {
            samples: values.len(),
            mean: values.iter().sum::<f64>() / values.len() as f64,
            p05: quantile(&values, 0.05),
            p25: quantile(&values, 0.25),
            p50: quantile(&values, 0.5),
            p75: quantile(&values, 0.75),
            p95: quantile(&values, 0.95),
        })
    }
}

/// The sampled outcome of one target.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetDistribution {
    /// Index into the instance's targets.
    pub target: usize,
    /// Realised group level in the target year (share), over samples with a plan.
    pub level: Option<Quantiles>,
    /// Samples in which the target is met.
    pub met: usize,
    /// Share of all samples in which the target is met.
    pub probability_met: f64,
    /// Samples, and their share, in which the base plan kept unchanged
    /// meets the target (equal to `met` when the run kept the base plan).
    pub met_kept: usize,
    pub probability_met_kept: f64,
    /// Samples drawn: the denominator of both probabilities.
    pub samples: usize,
}

impl TargetDistribution {
    /// Standard error of `probability_met` as an estimate from the samples.
    pub fn standard_error(&self) -> f64 {
        standard_error(self.probability_met, self.samples)
    }

    /// Standard error of `probability_met_kept`.
    pub fn standard_error_kept(&self) -> f64 {
        standard_error(self.probability_met_kept, self.samples)
    }
}

/// Standard error of a share `p` estimated from `n` independent samples,
/// sqrt(p (1 − p) / n); 0 when p is 0 or 1 (the interval is then better read
/// from the rule of three: below 3/n).
pub fn standard_error(p: f64, n: usize) -> f64 {
    if n == 0 {
        return f64::NAN;
    }
    (p * (1.0 - p) / n as f64).max(0.0).sqrt()
}

/// What the reports of a Monte Carlo run show: quantiles of each outcome,
/// how often the base plan fits drawn budgets, and every target's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct SampledOutcomes {
    /// Samples drawn (and finished).
    pub samples: usize,
    /// Objective and real spending [亿元], over samples that have them.
    pub objective: Option<Quantiles>,
    pub spend: Option<Quantiles>,
    /// How far the base plan's spending exceeds drawn budgets [亿元]; only
    /// when the base plan was kept under drawn budgets.
    pub budget_overrun: Option<Quantiles>,
    /// Samples in which the base plan fits the drawn budgets, when overruns
    /// were recorded.
    pub fits_budgets: Option<usize>,
    /// Every target, in instance order.
    pub targets: Vec<TargetDistribution>,
}

impl SampledOutcomes {
    /// `count` samples as a percentage of all samples.
    pub fn percent(&self, count: usize) -> f64 {
        100.0 * count as f64 / self.samples as f64
    }
}

/// Summarises the samples of a Monte Carlo run over `targets` targets.
pub fn sampled_outcomes(targets: usize, samples: &[Sample]) -> SampledOutcomes {
    let overruns: Vec<f64> = samples.iter().filter_map(|s| s.budget_overrun_yi).collect();
    SampledOutcomes {
        samples: samples.len(),
        objective: Quantiles::of(samples.iter().filter_map(|s| s.objective).collect()),
        spend: Quantiles::of(samples.iter().filter_map(|s| s.spend_yi).collect()),
        fits_budgets: (!overruns.is_empty())
            .then(|| overruns.iter().filter(|&&o| o <= 1e-6).count()),
        budget_overrun: Quantiles::of(overruns),
        targets: target_distributions(targets, samples),
    }
}

/// The distribution of every target's realised level, in instance order.
fn target_distributions(targets: usize, samples: &[Sample]) -> Vec<TargetDistribution> {
    let n = samples.len().max(1) as f64;
    (0..targets)
        .map(|g| {
            let met = samples
                .iter()
                .filter(|s| s.met.get(g).copied().unwrap_or(false))
                .count();
            let met_kept = samples
                .iter()
                .filter(|s| s.kept_met.get(g).copied().unwrap_or(false))
                .count();
            TargetDistribution {
                target: g,
                level: Quantiles::of(
                    samples
                        .iter()
                        .filter_map(|s| s.achieved.get(g).copied())
                        .collect(),
                ),
                met,
                probability_met: met as f64 / n,
                met_kept,
                probability_met_kept: met_kept as f64 / n,
                samples: samples.len(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_of_the_first_hundred_integers() {
        let q = Quantiles::of((0..=100).map(f64::from).rev().collect()).unwrap();
        assert_eq!(
            (q.p05, q.p25, q.p50, q.p75, q.p95),
            (5.0, 25.0, 50.0, 75.0, 95.0)
        );
        assert_eq!(q.samples, 101);
        approx::assert_abs_diff_eq!(q.mean, 50.0);
        assert!(Quantiles::of(vec![f64::NAN]).is_none());
    }

    fn sample(index: usize, met: bool, overrun: Option<f64>) -> Sample {
        Sample {
            index,
            status: crate::solve::SolveStatus::Optimal,
            objective: Some(index as f64),
            spend_yi: None,
            achieved: vec![0.5 + 0.1 * index as f64],
            met: vec![met],
            // The kept plan meets the target only in the first sample.
            kept_achieved: vec![0.5],
            kept_met: vec![index == 0],
            budget_overrun_yi: overrun,
        }
    }

    #[test]
    fn the_kept_plan_is_counted_apart_with_its_standard_error() {
        let samples: Vec<Sample> = (0..4).map(|i| sample(i, true, None)).collect();
        let o = sampled_outcomes(1, &samples);
        let d = &o.targets[0];
        assert_eq!((d.met, d.met_kept, d.samples), (4, 1, 4));
        approx::assert_abs_diff_eq!(d.probability_met_kept, 0.25);
        // sqrt(0.25 · 0.75 / 4)
        approx::assert_abs_diff_eq!(d.standard_error_kept(), 0.216_506_350_946, epsilon = 1e-9);
        approx::assert_abs_diff_eq!(d.standard_error(), 0.0);
        assert!(standard_error(0.5, 0).is_nan());
    }

    #[test]
    fn outcomes_count_met_targets_and_plans_within_budget() {
        let samples = vec![
            sample(0, true, Some(0.0)),
            sample(1, false, Some(2.0)),
            sample(2, true, Some(1e-7)),
            sample(3, true, Some(4.0)),
        ];
        let o = sampled_outcomes(1, &samples);
        assert_eq!(o.samples, 4);
        assert_eq!(o.targets[0].met, 3);
        approx::assert_abs_diff_eq!(o.targets[0].probability_met, 0.75);
        approx::assert_abs_diff_eq!(o.percent(o.targets[0].met), 75.0);
        // Overruns within 1e-6 count as fitting.
        assert_eq!(o.fits_budgets, Some(2));
        assert_eq!(o.budget_overrun.unwrap().samples, 4);
        approx::assert_abs_diff_eq!(o.objective.unwrap().mean, 1.5);
        assert!(o.spend.is_none());
        approx::assert_abs_diff_eq!(o.targets[0].level.unwrap().p50, 0.65, epsilon = 1e-12);

        let without_budgets: Vec<Sample> = samples
            .into_iter()
            .map(|s| Sample {
                budget_overrun_yi: None,
                ..s
            })
            .collect();
        let o = sampled_outcomes(1, &without_budgets);
        assert_eq!(o.fits_budgets, None);
        assert!(o.budget_overrun.is_none());
    }
}
