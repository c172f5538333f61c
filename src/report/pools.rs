//! (POOL) outputs, written only when the instance gives funding pools:
//! `pools.csv` (each pool's account by year, with what one more 亿元 of
//! inflow is worth), `pool_spending.csv` (which pool paid for what),
//! the `pools` part of summary.json and a section of report.md.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::tables::{csv_bytes, num};
use super::OutputError;
use crate::analysis::marginal::{MarginalValue, MarginalValues};
use crate::instance::Instance;
use crate::model::RowKey;
use crate::plan::pools::{pool_years, PoolYear};
use crate::plan::Plan;
use crate::readback::duals::DualRow;

/// What one more 亿元 of a pool's inflow in a year is worth, as far as it is known.
struct InflowValue<'a> {
    dual: Option<f64>,
    measured: Option<&'a MarginalValue>,
}

fn inflow_value<'a>(
    y: &PoolYear,
    duals: &[DualRow],
    marginal: Option<&'a MarginalValues>,
) -> InflowValue<'a> {
    let key = RowKey::PoolBalance {
        pool: y.pool,
        year: y.year,
    };
    InflowValue {
        dual: duals.iter().find(|d| d.key == key).map(|d| d.dual),
        measured: marginal.and_then(|m| m.values.iter().find(|v| v.key == key)),
    }
}

fn opt(v: Option<f64>) -> String {
    v.map(num).unwrap_or_default()
}

/// pools.csv: pool, year, inflow, carried in, spent, left and lapsed [亿元],
/// the balance row's dual, and the objective change of one more 亿元 of
/// inflow (measured, with the inflow interval over which it holds).
pub fn pools_csv(
    inst: &Instance,
    plan: &Plan,
    duals: &[DualRow],
    marginal: Option<&MarginalValues>,
) -> Result<Vec<u8>, OutputError> {
    let rows = pool_years(inst, plan)
        .iter()
        .map(|y| {
            let v = inflow_value(y, duals, marginal);
            let more = v.measured.map(|m| &m.more);
            vec![
                inst.pools[y.pool].id.clone(),
                inst.years[y.year].to_string(),
                num(y.inflow_yi),
                num(y.carried_in_yi),
                num(y.spent_yi),
                num(y.left_yi),
                num(y.lapsed_yi),
                opt(v.dual),
                opt(more.and_then(|s| s.objective_change)),
                opt(more.map(|s| s.holds_from)),
                opt(more.map(|s| s.holds_to)),
                more.map(|s| s.source.id().to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    csv_bytes(
        &[
            "pool",
            "year",
            "inflow_yi",
            "carried_in_yi",
            "spent_yi",
            "left_yi",
            "lapsed_yi",
            "dual",
            "one_more_yi_objective_change_yi",
            "holds_from_yi",
            "holds_to_yi",
            "source",
        ],
        rows,
    )
}

/// pool_spending.csv: the pool of every central 亿元 — pool, year, item,
/// province, mode, funding [亿元]; platforms' central cost as item `platforms`.
pub fn pool_spending_csv(inst: &Instance, plan: &Plan) -> Result<Vec<u8>, OutputError> {
    let mut rows: Vec<Vec<String>> = plan
        .pool_funding
        .iter()
        .filter(|x| num(x.funding_yi) != "0")
        .map(|x| {
            vec![
                inst.pools[x.pool].id.clone(),
                inst.years[x.year].to_string(),
                inst.items[x.item].id.clone(),
                inst.provinces[x.province].id.clone(),
                inst.model.mode_id(x.mode).to_string(),
                num(x.funding_yi),
            ]
        })
        .collect();
    for ((f, t), &paid) in plan.pool_platform_yi.indexed_iter() {
        if num(paid) != "0" {
            rows.push(vec![
                inst.pools[f].id.clone(),
                inst.years[t].to_string(),
                "platforms".into(),
                String::new(),
                String::new(),
                num(paid),
            ]);
        }
    }
    rows.sort();
    csv_bytes(
        &["pool", "year", "item", "province", "mode", "funding_yi"],
        rows,
    )
}

/// summary.json `pools`: each pool's rule and account by year.
pub fn pools_json(
    inst: &Instance,
    plan: &Plan,
    duals: &[DualRow],
    marginal: Option<&MarginalValues>,
) -> Value {
    let years = pool_years(inst, plan);
    let pools: Vec<Value> = inst
        .pools
        .iter()
        .enumerate()
        .map(|(f, pool)| {
            let mine: Vec<&PoolYear> = years.iter().filter(|y| y.pool == f).collect();
            let by_year: Vec<Value> = mine
                .iter()
                .map(|y| {
                    let v = inflow_value(y, duals, marginal);
                    json!({
                        "year": inst.years[y.year],
                        "inflow_yi": y.inflow_yi,
                        "carried_in_yi": y.carried_in_yi,
                        "spent_yi": y.spent_yi,
                        "left_yi": y.left_yi,
                        "lapsed_yi": y.lapsed_yi,
                        "dual": v.dual,
                        "one_more_yi_objective_change_yi": v.measured.and_then(|m| m.more.objective_change),
                    })
                })
                .collect();
            json!({
                "id": pool.id,
                "carry_over": pool.carry_over,
                "platforms": pool.platforms,
                "inflow_yi": mine.iter().map(|y| y.inflow_yi).sum::<f64>(),
                "spent_yi": mine.iter().map(|y| y.spent_yi).sum::<f64>(),
                "unspent_yi": mine.iter().map(|y| y.lapsed_yi).sum::<f64>(),
                "by_year": by_year,
            })
        })
        .collect();
    Value::Array(pools)
}

/// report.md: a short section per pool, with money left unspent named as such.
pub fn pools_markdown(inst: &Instance, plan: &Plan, duals: &[DualRow]) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "\n## Funding pools\n");
    let _ = writeln!(
        md,
        "Central money comes from {} pools (docs/model.md §10 (POOL)); money a pool does not spend lapses unless it carries it over.\n",
        inst.pools.len()
    );
    let _ = writeln!(
        md,
        "| pool | year | inflow [亿元] | carried in [亿元] | spent [亿元] | left [亿元] | unspent, lapsed [亿元] | dual [亿元 per 亿元 of inflow] |"
    );
    let _ = writeln!(md, "|---|---|---:|---:|---:|---:|---:|---:|");
    for y in pool_years(inst, plan) {
        let v = inflow_value(&y, duals, None);
        let _ = writeln!(
            md,
            "| {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {} |",
            inst.pools[y.pool].id,
            inst.years[y.year],
            y.inflow_yi,
            y.carried_in_yi,
            y.spent_yi,
            y.left_yi,
            y.lapsed_yi,
            opt(v.dual)
        );
    }
    for (f, pool) in inst.pools.iter().enumerate() {
        let unspent: f64 = pool_years(inst, plan)
            .iter()
            .filter(|y| y.pool == f)
            .map(|y| y.lapsed_yi)
            .sum();
        if unspent > 1e-6 {
            let _ = writeln!(
                md,
                "\nPool {}: {:.2} 亿元 left unspent (lapsed or left at the end of the horizon).",
                pool.id, unspent
            );
        }
    }
    md
}
