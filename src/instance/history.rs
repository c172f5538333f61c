//! What happened before the first year, and what happens without the
//! programme (docs/model.md §10 (PIPE)): effort spent before t0 that still
//! takes effect (`pipeline.csv`), and the drift of each share without
//! programme money (`items.csv` `drift`). Also the (THR) threshold test.

use super::Instance;

/// Effective effort spent on an item in a year before the first year
/// (one row of `pipeline.csv`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PipelineEffort {
    /// Calendar year it was spent (before the horizon's first year).
    pub year: i32,
    /// Effective effort [effort units], already weighted by η and adv.
    pub effective_effort: f64,
}

impl Instance {
    /// b_k,t = min(smax_k, s0_k + drift_k (t − t0)): the level item `k`
    /// has in year index `t` without any programme effort (share).
    pub fn base_level(&self, k: usize, t: usize) -> f64 {
        let item = &self.items[k];
        if item.drift == 0.0 {
            // Exactly s0, so instances without drift keep every number.
            return item.s0;
        }
        (item.s0 + item.drift * t as f64).min(item.smax)
    }

    /// Demand-weighted base level of a group in year index `t` (share).
    pub fn base_group_level(&self, items: &[usize], t: usize) -> f64 {
        if items.iter().all(|&k| self.items[k].drift == 0.0) {
            return self.initial_group_level(items);
        }
        items
            .iter()
            .map(|&k| self.items[k].weight_yi * self.base_level(k, t))
            .sum::<f64>()
            / self.group_weight(items)
    }

    /// Pipeline effort on item `k` that has taken effect by year index `t`:
    /// Σ over rows with year + L_k ≤ years[t] [effort units].
    pub fn pipeline_arrived(&self, k: usize, t: usize) -> f64 {
        let lag = self.effect_lag(k) as i32;
        self.pipeline
            .get(k)
            .into_iter()
            .flatten()
            .filter(|p| p.year + lag <= self.years[t])
            .map(|p| p.effective_effort)
            .sum()
    }

    /// Pipeline effort on item `k` that takes effect in year index `t`
    /// itself (for t0: everything that has arrived by then) [effort units].
    pub fn pipeline_arriving(&self, k: usize, t: usize) -> f64 {
        let lag = self.effect_lag(k) as i32;
        let year = self.years[t];
        self.pipeline
            .get(k)
            .into_iter()
            .flatten()
            .filter(|p| p.year + lag == year || (t == 0 && p.year + lag < year))
            .map(|p| p.effective_effort)
            .sum()
    }

    /// Whether item `k` has an R&D threshold (THR).
    pub fn has_threshold(&self, k: usize) -> bool {
        self.items[k].rd_threshold > 0.0
    }

    /// Whether any item has an R&D threshold.
    pub fn has_thresholds(&self) -> bool {
        (0..self.items.len()).any(|k| self.has_threshold(k))
    }

    /// Whether drift or pipeline effort gives any item a share the plan
    /// did not buy.
    pub fn has_history(&self) -> bool {
        self.items.iter().any(|i| i.drift > 0.0) || self.pipeline.iter().any(|p| !p.is_empty())
    }
}
