//! Summaries of a Monte Carlo run that reports show: quantiles of each
//! outcome and, per target, the distribution of its realised level and the
//! probability that it is met.

use crate::instance::Instance;

use super::montecarlo::{quantile, MonteCarloResult};

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
    /// Share of all samples in which the target is met.
    pub probability_met: f64,
}

/// The distribution of every target's realised level, in instance order.
pub fn target_distributions(inst: &Instance, result: &MonteCarloResult) -> Vec<TargetDistribution> {
    let n = result.samples.len().max(1) as f64;
    (0..inst.targets.len())
        .map(|g| TargetDistribution {
            target: g,
            level: Quantiles::of(
                result
                    .samples
                    .iter()
                    .filter_map(|s| s.achieved.get(g).copied())
                    .collect(),
            ),
            probability_met: result
                .samples
                .iter()
                .filter(|s| s.met.get(g).copied().unwrap_or(false))
                .count() as f64
                / n,
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
}
