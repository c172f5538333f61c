//! `[pools.<id>]` in `instance.toml`: the funding pools of docs/model.md §10
//! (POOL). Pools, when given, are the central money, so `[central_budget_yi]`
//! and pools together are refused; each pool's inflow has the shape of
//! `[central_budget_yi]` and is read by the same rules.

use super::settings::{central_budgets, yearly_yi, YearValue};
use super::Ids;
use crate::instance::error::Collector;
use crate::instance::keys::did_you_mean;
use crate::instance::manifest::{Manifest, PoolEntry};
use crate::instance::model_file::ModelConfig;
use crate::instance::ranges;
use crate::instance::sets::Tier;
use crate::instance::tables::is_valid_id;
use crate::instance::toml_lines::key_line;
use crate::instance::{Item, Pool};

/// Everything a pool's ids are resolved against.
pub struct PoolContext<'a> {
    pub text: &'a str,
    pub years: &'a [i32],
    pub areas: &'a Ids,
    pub items: &'a [Item],
    pub item_ids: &'a Ids,
    pub model: Option<&'a ModelConfig>,
}

/// The central money: Bc_t and the pools (in id order; empty when the
/// instance gives none), given exactly once. With pools, Bc_t is each
/// year's inflow over every pool, the money that arrives that year
/// (docs/instance-format.md).
pub fn central_money(
    m: &Manifest,
    cx: &PoolContext,
    errs: &mut Collector,
) -> (Vec<f64>, Vec<Pool>) {
    let mut central_budget_yi = central_budgets(m, cx.text, cx.years, errs);
    let first_pool_line = m
        .pools
        .keys()
        .next()
        .and_then(|id| pool_line(cx.text, id, "inflow_yi"));
    match (m.central_budget_yi.is_some(), m.pools.is_empty()) {
        (true, false) => errs.field(
            first_pool_line,
            "pools",
            "give the central money either as `[central_budget_yi]` or as `[pools.<id>]` tables, not both: pools, when given, are the central money",
        ),
        (false, true) => errs.field(
            None,
            "central_budget_yi",
            "an instance needs its central money: a `[central_budget_yi]` table, or `[pools.<id>]` tables",
        ),
        _ => {}
    }
    let pools: Vec<Pool> = m
        .pools
        .iter()
        .filter_map(|(id, entry)| pool(id, entry, cx, errs))
        .collect();
    if !pools.is_empty() {
        for (t, b) in central_budget_yi.iter_mut().enumerate() {
            *b = pools.iter().map(|f| f.inflow_yi[t]).sum();
        }
    }
    (central_budget_yi, pools)
}

/// Line of `key` in `[pools.<id>]`, or of the pool's header when the key is
/// not written on a line of its own.
fn pool_line(text: &str, id: &str, key: &str) -> Option<usize> {
    let table = format!("pools.{id}");
    key_line(text, &table, key).or_else(|| header_line(text, &table))
}

fn header_line(text: &str, table: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim().replace(' ', "") == format!("[{table}]"))
        .map(|i| i + 1)
}

fn pool(id: &str, entry: &PoolEntry, cx: &PoolContext, errs: &mut Collector) -> Option<Pool> {
    let before = errs.count();
    let field = |key: &str| format!("pools.{id}.{key}");
    let line = |key: &str| pool_line(cx.text, id, key);
    if !is_valid_id(id) {
        errs.at(
            line("inflow_yi"),
            "pools",
            id,
            "pool ids may contain only letters, digits, '_', '-' and '.'",
        );
    }
    let inflow_yi = inflow(id, entry, cx, errs);
    if !ranges::SHARE.contains(entry.carry_over) {
        errs.at(
            line("carry_over"),
            &field("carry_over"),
            entry.carry_over,
            "must be a share in [0, 1] (0: use it or lose it, 1: a revolving fund that keeps what it does not spend)",
        );
    }
    let areas = list(
        entry.areas.as_deref(),
        &field("areas"),
        line("areas"),
        errs,
        |a, l, f, e| cx.areas.resolve(a, l, f, e),
    );
    let items = list(
        entry.items.as_deref(),
        &field("items"),
        line("items"),
        errs,
        |k, l, f, e| {
            cx.item_ids
                .resolve(k, l, f, e)
                // Indices of `items` match the ids only when every row is valid.
                .filter(|&i| i < cx.items.len() && cx.items[i].id == k)
        },
    );
    let tiers = list(
        entry.tiers.as_deref(),
        &field("tiers"),
        line("tiers"),
        errs,
        |t, l, f, e| {
            let tier = Tier::parse(t);
            if tier.is_none() {
                let hint = did_you_mean(t, Tier::ALL.map(Tier::id));
                e.at(
                    l,
                    f,
                    t,
                    &format!("unknown tier; it must be stranglehold, shortboard or general{hint}"),
                );
            }
            tier
        },
    );
    let modes = cx.model.and_then(|model| {
        list(entry.modes.as_deref(), &field("modes"), line("modes"), errs, |m, l, f, e| {
            let mode = model.mode_by_id(m);
            if mode.is_none() {
                let known: Vec<&str> = model.mode_ids().map(|x| model.mode_id(x)).collect();
                let hint = did_you_mean(m, known.iter().copied());
                e.at(l, f, m, &format!("unknown instrument; it must be one of the model file's [modes.<id>] ({}){hint}", known.join(", ")));
            }
            mode
        })
    });
    (errs.count() == before).then(|| Pool {
        id: id.to_string(),
        inflow_yi,
        carry_over: entry.carry_over,
        areas,
        tiers,
        items,
        modes,
        platforms: entry.platforms.unwrap_or(true),
    })
}

/// B_f,t for every year, by the rules of `[central_budget_yi]`.
fn inflow(id: &str, entry: &PoolEntry, cx: &PoolContext, errs: &mut Collector) -> Vec<f64> {
    let table = format!("pools.{id}.inflow_yi");
    let at = |sub: &str, key: &str| {
        key_line(cx.text, &format!("{table}{sub}"), key)
            .or_else(|| pool_line(cx.text, id, "inflow_yi"))
    };
    let direct = entry
        .inflow_yi
        .years
        .iter()
        .map(|(year, &value)| YearValue {
            year,
            value,
            line: at("", year),
            field: format!("{table}.{year}"),
        });
    let by_year = entry
        .inflow_yi
        .by_year
        .iter()
        .map(|(year, &value)| YearValue {
            year,
            value,
            line: at(".by_year", year),
            field: format!("{table}.by_year.{year}"),
        });
    yearly_yi(
        entry.inflow_yi.default,
        at("", "default"),
        &format!("{table}.default"),
        direct.chain(by_year),
        cx.years,
        errs,
    )
}

/// An eligibility list: `None` when absent (everything is eligible); each id
/// resolved by `resolve`, which reports an unknown one. An empty list is
/// refused: the pool could pay for nothing of that kind.
fn list<T>(
    ids: Option<&[String]>,
    field: &str,
    line: Option<usize>,
    errs: &mut Collector,
    mut resolve: impl FnMut(&str, Option<usize>, &str, &mut Collector) -> Option<T>,
) -> Option<Vec<T>> {
    let ids = ids?;
    if ids.is_empty() {
        errs.field(
            line,
            field,
            "an empty list lets the pool pay for nothing; leave the key out to make everything eligible",
        );
        return None;
    }
    let resolved: Vec<T> = ids
        .iter()
        .filter_map(|id| resolve(id, line, field, errs))
        .collect();
    Some(resolved)
}
