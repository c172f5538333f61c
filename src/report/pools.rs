//! (POOL) outputs, written only when the instance gives funding pools:
//! `pools.csv` (each pool's account by year, with what one more 亿元 of
//! inflow is worth), `pool_spending.csv` (which pool paid for what) and a
//! section of report.md. The accounts are the run's findings
//! (`readback::pools`); this module only writes them.

use std::fmt::Write as _;

use super::html::i18n::{self as t, Lang};
use super::tables::{csv_bytes, num};
use super::OutputError;
use crate::analysis::marginal::MarginalValues;
use crate::instance::Instance;
use crate::plan::Plan;
use crate::run::findings::Findings;

fn opt(v: Option<f64>) -> String {
    v.map(num).unwrap_or_default()
}

/// pools.csv: pool, year, inflow, carried in, spent, left and lapsed [亿元],
/// the balance row's dual, and the objective change of one more 亿元 of
/// inflow (measured, with the inflow interval over which it holds).
pub fn pools_csv(
    inst: &Instance,
    found: &Findings,
    marginal: Option<&MarginalValues>,
) -> Result<Vec<u8>, OutputError> {
    let rows = found
        .pools
        .iter()
        .flat_map(|acc| &acc.years)
        .map(|y| {
            let more = marginal.and_then(|m| m.of_row(&y.row())).map(|m| &m.more);
            let a = &y.account;
            vec![
                inst.pools[a.pool].id.clone(),
                inst.years[a.year].to_string(),
                num(a.inflow_yi),
                num(a.carried_in_yi),
                num(a.spent_yi),
                num(a.left_yi),
                num(a.lapsed_yi),
                opt(y.dual),
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

/// report.md: a short section per pool, with money left unspent named as such.
pub fn pools_markdown(inst: &Instance, found: &Findings, lang: Lang) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "\n## {}\n", lang.t(t::POOLS));
    let pools = inst.pools.len();
    let _ = match lang {
        Lang::En => writeln!(
            md,
            "Central money comes from {pools} pools (docs/model.md §10 (POOL)); money a pool does not spend lapses unless it carries it over.\n",
        ),
        Lang::Zh => writeln!(
            md,
            "中央资金来自 {pools} 个资金池(docs/model.md §10 (POOL))；资金池未用的资金除结转部分外失效。\n",
        ),
    };
    let _ = writeln!(
        md,
        "{}",
        match lang {
            Lang::En => "| pool | year | inflow [亿元] | carried in [亿元] | spent [亿元] | left [亿元] | unspent, lapsed [亿元] | dual [亿元 per 亿元 of inflow] |",
            Lang::Zh => "| 资金池 | 年份 | 流入[亿元] | 上年结转[亿元] | 支出[亿元] | 年末结余[亿元] | 未用失效[亿元] | 对偶值[每亿元流入的亿元] |",
        }
    );
    let _ = writeln!(md, "|---|---|---:|---:|---:|---:|---:|---:|");
    for y in found.pools.iter().flat_map(|acc| &acc.years) {
        let a = &y.account;
        let _ = writeln!(
            md,
            "| {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {} |",
            inst.pools[a.pool].id,
            inst.years[a.year],
            a.inflow_yi,
            a.carried_in_yi,
            a.spent_yi,
            a.left_yi,
            a.lapsed_yi,
            opt(y.dual)
        );
    }
    for acc in &found.pools {
        if acc.unspent_yi > 1e-6 {
            let (pool, unspent) = (&inst.pools[acc.pool].id, acc.unspent_yi);
            let _ = match lang {
                Lang::En => writeln!(
                    md,
                    "\nPool {pool}: {unspent:.2} 亿元 left unspent (lapsed or left at the end of the horizon)."
                ),
                Lang::Zh => writeln!(md, "\n资金池 {pool}：{unspent:.2} {}。", lang.t(t::POOL_UNSPENT)),
            };
        }
    }
    md
}
