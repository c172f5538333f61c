//! (END) what one share of item k bought after the horizon is worth
//! (docs/model.md §10): ω_end · δ^(tN−t0) · 100 λ_g w_k / Σ_{k′∈K_g} w_k′,
//! with g the last target on k — the same price per share as g's shortfall,
//! discounted to tN. Shared by the formulation, the objective read back from a
//! plan and the checker, so all three value it alike.

use super::Instance;

impl Instance {
    /// The last target whose group holds item `k` (latest year; of several
    /// in that year, the one that prices the item highest).
    pub fn last_target_of(&self, k: usize) -> Option<usize> {
        let price = |g: usize| {
            let t = &self.targets[g];
            t.penalty_yi_per_point * self.items[k].weight_yi / self.group_weight(&t.items)
        };
        (0..self.targets.len())
            .filter(|&g| self.targets[g].items.contains(&k))
            .max_by(|&a, &b| {
                (self.targets[a].year, price(a))
                    .partial_cmp(&(self.targets[b].year, price(b)))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
    }

    /// Objective value of one share of item `k` gained after tN [亿元 per
    /// share]; 0 without `[horizon_end] value = "penalty"` or without a target on k.
    pub fn end_value_per_share(&self, k: usize) -> f64 {
        let (Some(end), Some(g)) = (self.horizon_end, self.last_target_of(k)) else {
            return 0.0;
        };
        let t = &self.targets[g];
        let share_of_group = self.items[k].weight_yi / self.group_weight(&t.items);
        let last = self.years.len() - 1;
        end.weight * self.discount(last) * 100.0 * t.penalty_yi_per_point * share_of_group
    }

    /// The years (indices) whose effort on item `k` takes effect after tN:
    /// t + L_k > tN.
    pub fn years_effective_after_horizon(&self, k: usize) -> std::ops::Range<usize> {
        let n_t = self.years.len();
        n_t.saturating_sub(self.effect_lag(k))..n_t
    }
}
