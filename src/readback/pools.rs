//! (POOL) each funding pool's account with the dual of its balance row
//! (docs/model.md §10): what the reports show of the pools, derived once.

use crate::instance::Instance;
use crate::model::RowKey;
use crate::plan::pools::{pool_years, PoolYear};
use crate::plan::Plan;

use super::duals::DualRow;

/// One pool's year with the value of one more 亿元 of its inflow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PoolYearAccount {
    pub account: PoolYear,
    /// Dual of the pool's balance row [亿元 of objective per 亿元 of inflow];
    /// `None` when the row is not in the formulation.
    pub dual: Option<f64>,
}

impl PoolYearAccount {
    /// The balance row of this pool and year, to find its measured value.
    pub fn row(&self) -> RowKey {
        RowKey::PoolBalance {
            pool: self.account.pool,
            year: self.account.year,
        }
    }
}

/// One pool over the horizon [亿元].
#[derive(Debug, Clone, PartialEq)]
pub struct PoolAccount {
    pub pool: usize,
    /// Year by year, in year order.
    pub years: Vec<PoolYearAccount>,
    pub inflow_yi: f64,
    pub spent_yi: f64,
    /// Lapsed before the next year or left at the end of the horizon.
    pub unspent_yi: f64,
}

/// Every pool's account, in instance order (empty without pools).
pub fn pool_accounts(inst: &Instance, plan: &Plan, duals: &[DualRow]) -> Vec<PoolAccount> {
    let years = pool_years(inst, plan);
    (0..inst.pools.len())
        .map(|f| {
            let mine: Vec<PoolYearAccount> = years
                .iter()
                .filter(|y| y.pool == f)
                .map(|&account| {
                    let key = RowKey::PoolBalance {
                        pool: f,
                        year: account.year,
                    };
                    PoolYearAccount {
                        account,
                        dual: duals.iter().find(|d| d.key == key).map(|d| d.dual),
                    }
                })
                .collect();
            PoolAccount {
                pool: f,
                inflow_yi: mine.iter().map(|y| y.account.inflow_yi).sum(),
                spent_yi: mine.iter().map(|y| y.account.spent_yi).sum(),
                unspent_yi: mine.iter().map(|y| y.account.lapsed_yi).sum(),
                years: mine,
            }
        })
        .collect()
}
