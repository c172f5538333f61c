//! `item_advantage.csv` (optional): adv_kp for items whose industry sits in
//! particular provinces. An item with rows takes its advantage from them
//! alone; provinces it does not list get 0 (its industry is not there).

use super::{non_negative, pair_values, Ids, Reader, ITEM_ADVANTAGE};
use crate::instance::ranges;
use crate::instance::tables::Schema;

/// By item: the advantage in every province, or `None` (the area index applies).
pub fn read(r: &mut Reader, items: &Ids, provinces: &Ids) -> Vec<Option<Vec<f64>>> {
    let mut rows: Vec<Option<Vec<f64>>> = vec![None; items.len()];
    let schema = Schema {
        required: &["item", "province", "advantage"],
        optional: &[],
    };
    let Some(table) = r.table(ITEM_ADVANTAGE, &schema, false) else {
        return rows;
    };
    let mut errs = r.errs(ITEM_ADVANTAGE);
    pair_values(
        &table,
        "item/province pair",
        &mut errs,
        |row, errs| {
            let k = items.lookup(&table, row, "item", errs);
            let p = provinces.lookup(&table, row, "province", errs);
            let v = non_negative(&table, row, "advantage", &ranges::ADVANTAGE, errs);
            Some(((k?, p?), v?))
        },
        |(k, p), v| rows[k].get_or_insert_with(|| vec![0.0; provinces.len()])[p] = v,
    );
    rows
}
