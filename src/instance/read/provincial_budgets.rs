//! `provincial_budgets.csv` (optional): provincial budgets that vary by
//! year, replacing `budget_yi` of `provinces.csv` for that year.

use ndarray::Array2;

use super::{non_negative, pair_values, Ids, Reader, PROVINCIAL_BUDGETS};
use crate::instance::ranges;
use crate::instance::tables::Schema;

/// Bp_pt [亿元/yr], provinces × years, starting from each province's base budget.
pub fn read(r: &mut Reader, base_budgets: &[f64], provinces: &Ids, years: &[i32]) -> Array2<f64> {
    let mut budgets = Array2::<f64>::zeros((provinces.len(), years.len()));
    for (p, &b) in base_budgets.iter().enumerate().take(provinces.len()) {
        budgets.row_mut(p).fill(b);
    }
    let schema = Schema {
        required: &["province", "year", "budget_yi"],
        optional: &[],
    };
    let Some(table) = r.table(PROVINCIAL_BUDGETS, &schema, false) else {
        return budgets;
    };
    let mut errs = r.errs(PROVINCIAL_BUDGETS);
    pair_values(
        &table,
        "province/year pair",
        &mut errs,
        |row, errs| {
            let p = provinces.lookup(&table, row, "province", errs);
            let t = table.integer(row, "year", errs).and_then(|y| {
                let t = years.iter().position(|&h| i64::from(h) == y);
                if t.is_none() && !years.is_empty() {
                    errs.at(
                        Some(row.line),
                        "year",
                        y,
                        "year is outside the horizon first_year..last_year",
                    );
                }
                t
            });
            let b = non_negative(&table, row, "budget_yi", &ranges::BUDGET_YI, errs);
            Some(((p?, t?), b?))
        },
        |pair, b| budgets[pair] = b,
    );
    budgets
}
