//! (POOL) the funding pools' section of a solve's page: each pool's account
//! by year and what one more 亿元 of its inflow is worth (docs/model.md §10).
//! The accounts are the run's findings; this module only lays them out.

use crate::instance::Instance;
use crate::run::findings::Findings;

use super::i18n as t;
use super::page::{Cell, Page, Table};

/// The section, when the instance gives funding pools.
pub fn section(page: &mut Page, inst: &Instance, found: &Findings) {
    if found.pools.is_empty() {
        return;
    }
    let lang = page.lang();
    page.section("pools", lang.t(t::POOLS));
    let rows = found
        .pools
        .iter()
        .flat_map(|acc| &acc.years)
        .map(|y| {
            let a = &y.account;
            vec![
                Cell::text(&inst.pools[a.pool].id),
                Cell::text(inst.years[a.year].to_string()),
                Cell::num(a.inflow_yi),
                Cell::num(a.carried_in_yi),
                Cell::num(a.spent_yi),
                Cell::num(a.left_yi),
                Cell::num(a.lapsed_yi),
                Cell::opt(y.dual),
            ]
        })
        .collect();
    page.table(&Table {
        caption: lang.t(t::POOLS).into(),
        headers: [
            t::POOL,
            t::YEAR,
            t::POOL_INFLOW,
            t::POOL_CARRIED_IN,
            t::POOL_SPENT,
            t::POOL_LEFT,
            t::POOL_LAPSED,
            t::POOL_MARGINAL,
        ]
        .iter()
        .map(|h| lang.t(*h).to_string())
        .collect(),
        rows,
        folded: false,
    });
    page.paragraph(lang.t(t::POOLS_NOTE));
    for acc in found.pools.iter().filter(|acc| acc.unspent_yi > 1e-6) {
        page.paragraph(&format!(
            "{}: {} {}",
            inst.pools[acc.pool].id,
            crate::charts::number(acc.unspent_yi),
            lang.t(t::POOL_UNSPENT)
        ));
    }
}
