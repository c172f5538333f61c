//! Duals read by meaning: each row's family, keys, year, dual, unit and
//! whether it binds, plus the resources whose one more unit is worth most.

use crate::instance::Instance;
use crate::model::{RowBounds, RowKey};
use crate::solve::Outcome;
use crate::tolerances::BINDING_TOL;

/// The dual of one row.
#[derive(Debug, Clone)]
pub struct DualRow {
    pub key: RowKey,
    /// ∂objective/∂(right-hand side) [see `unit`].
    pub dual: f64,
    /// Row activity Σ a·x.
    pub activity: f64,
    /// Distance to the nearest finite bound (0 when binding).
    pub slack: f64,
    pub binding: bool,
}

/// Duals of every row, in formulation order.
pub fn dual_rows(keys: &[RowKey], bounds: &[RowBounds], outcome: &Outcome) -> Vec<DualRow> {
    if outcome.row_duals.len() != keys.len() {
        return Vec::new();
    }
    keys.iter()
        .zip(bounds)
        .enumerate()
        .map(|(i, (key, b))| {
            let activity = outcome.row_activity[i];
            let slack = [b.upper - activity, activity - b.lower]
                .into_iter()
                .filter(|s| s.is_finite())
                .fold(f64::INFINITY, f64::min)
                .max(0.0);
            let scale = b.upper.abs().min(b.lower.abs()).max(1.0);
            DualRow {
                key: *key,
                dual: outcome.row_duals[i],
                activity,
                slack,
                binding: slack <= BINDING_TOL * scale,
            }
        })
        .collect()
}

/// A resource whose bound can be raised, with what one more unit is worth.
#[derive(Debug, Clone)]
pub struct ResourceValue {
    pub description: String,
    /// Objective decrease for one more unit in every year where it binds
    /// (the sum of −dual over those years) [亿元 per unit].
    pub value_per_unit: f64,
    pub unit: &'static str,
    /// Calendar years in which the resource binds with a price.
    pub years: Vec<i32>,
}

/// The most valuable extra resources (budgets, talent, capacity, build rate):
/// rows where one more unit lowers the objective the most, one entry per
/// resource with its value summed over the years where it binds.
pub fn most_valuable_resources(inst: &Instance, duals: &[DualRow], n: usize) -> Vec<ResourceValue> {
    let mut by_resource: std::collections::BTreeMap<(String, &'static str), (f64, Vec<i32>)> =
        Default::default();
    for d in duals {
        let (what, unit) = match d.key {
            RowKey::CentralBudget { .. } => ("central budget".to_string(), "亿元 per 亿元"),
            RowKey::ProvincialBudget { province, .. } => (
                format!("provincial budget of {}", inst.provinces[province].id),
                "亿元 per 亿元",
            ),
            RowKey::Talent { province, .. } => (
                format!("talent in {}", inst.provinces[province].id),
                "亿元 per k FTE",
            ),
            RowKey::Capacity { area, province, .. } => (
                format!(
                    "{} platform capacity in {}",
                    inst.areas[area].id, inst.provinces[province].id
                ),
                "亿元 per cu",
            ),
            RowKey::BuildRate { province, .. } => (
                format!("platform build rate in {}", inst.provinces[province].id),
                "亿元 per platform",
            ),
            _ => continue,
        };
        let value = -d.dual;
        if value > 1e-9 {
            let entry = by_resource.entry((what, unit)).or_default();
            entry.0 += value;
            if let Some(t) = d.key.year(inst) {
                entry.1.push(inst.years[t]);
            }
        }
    }
    let mut out: Vec<ResourceValue> = by_resource
        .into_iter()
        .map(|((description, unit), (value_per_unit, mut years))| {
            years.sort_unstable();
            ResourceValue {
                description,
                value_per_unit,
                unit,
                years,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.value_per_unit
            .total_cmp(&a.value_per_unit)
            .then(a.description.cmp(&b.description))
    });
    out.truncate(n);
    out
}
