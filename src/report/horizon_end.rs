//! (END) what the plan buys after the horizon (docs/model.md §10), as
//! `after_horizon.csv`, the `after_horizon` rows of summary.json and a line
//! of report.md. The numbers come from `readback::objective`.

use super::tables::{csv_bytes, num};
use super::OutputError;
use crate::instance::Instance;
use crate::plan::Plan;
use crate::readback::objective::bought_after_horizon;
use crate::results::summary::AfterHorizon;
use crate::run::RunResult;

/// after_horizon.csv: per item, the value of one point after tN, the points
/// the model buys after tN, what the effort realises after tN, and the value.
pub fn csv(inst: &Instance, plan: &Plan) -> Result<Vec<u8>, OutputError> {
    let rows = bought_after_horizon(inst, plan)
        .iter()
        .enumerate()
        .map(|(k, b)| {
            vec![
                inst.items[k].id.clone(),
                num(inst.end_value_per_share(k) / 100.0),
                num(100.0 * b.share),
                num(100.0 * b.realised_share),
                num(b.value_yi),
            ]
        })
        .collect();
    csv_bytes(
        &[
            "item",
            "value_yi_per_point",
            "bought_after_horizon_points",
            "realised_after_horizon_points",
            "value_yi",
        ],
        rows,
    )
}

/// summary.json `after_horizon`, when the instance values the horizon's end.
pub fn summary_rows(inst: &Instance, result: &RunResult) -> Option<Vec<AfterHorizon>> {
    inst.horizon_end?;
    let plan = result.plan.as_ref()?;
    Some(
        bought_after_horizon(inst, plan)
            .iter()
            .enumerate()
            .map(|(k, b)| AfterHorizon {
                item: inst.items[k].id.clone(),
                bought_points: 100.0 * b.share,
                realised_points: 100.0 * b.realised_share,
                value_yi: b.value_yi,
            })
            .collect(),
    )
}

/// The report.md line: points bought after the horizon in all, realised,
/// and their value in the objective.
pub fn markdown_line(inst: &Instance, result: &RunResult) -> Option<String> {
    let rows = summary_rows(inst, result)?;
    let sum = |f: fn(&AfterHorizon) -> f64| rows.iter().map(f).sum::<f64>();
    Some(format!(
        "Bought after the horizon (effect after {}, valued at ω_end × the last target's penalty, discounted to {}): {:.2} points over {} items (realised {:.2}), worth {:.2} 亿元 in the objective (a device, not money); by item in after_horizon.csv.\n",
        inst.years[inst.years.len() - 1],
        inst.years[inst.years.len() - 1],
        sum(|r| r.bought_points),
        rows.iter().filter(|r| r.bought_points > 1e-9).count(),
        sum(|r| r.realised_points),
        sum(|r| r.value_yi),
    ))
}
