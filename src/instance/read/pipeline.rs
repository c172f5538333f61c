//! `pipeline.csv` (optional, docs/model.md §10 (PIPE)): effective effort
//! spent on an item before the first year, which still takes effect
//! `L_k` years after it was spent.

use std::collections::HashMap;

use super::{first_time, non_negative, Ids, Reader, PIPELINE};
use crate::instance::history::PipelineEffort;
use crate::instance::ranges;
use crate::instance::tables::Schema;

/// Pipeline effort by item (empty lists without the file), each list in
/// year order.
pub fn read(r: &mut Reader, items: &Ids, years: &[i32]) -> Vec<Vec<PipelineEffort>> {
    let mut by_item: Vec<Vec<PipelineEffort>> = vec![Vec::new(); items.len()];
    let schema = Schema {
        required: &["item", "year", "effective_effort"],
        optional: &[],
    };
    let Some(table) = r.table(PIPELINE, &schema, false) else {
        return by_item;
    };
    let mut errs = r.errs(PIPELINE);
    let first_year = years.first().copied();
    let mut seen = HashMap::new();
    for row in &table.rows {
        let k = items.lookup(&table, row, "item", &mut errs);
        let year = table.integer(row, "year", &mut errs).and_then(|y| {
            match first_year {
                Some(first) if y >= i64::from(first) => {
                    errs.at(
                        Some(row.line),
                        "year",
                        y,
                        &format!(
                            "must be before the first year ({first}): pipeline effort is money spent before the horizon; effort inside it is the plan's"
                        ),
                    );
                    None
                }
                _ => i32::try_from(y).ok(),
            }
        });
        let effort = non_negative(
            &table,
            row,
            "effective_effort",
            &ranges::PIPELINE_EFFORT,
            &mut errs,
        );
        let (Some(k), Some(year), Some(effective_effort)) = (k, year, effort) else {
            continue;
        };
        if first_time(&mut seen, (k, year), row.line, "item/year pair", &mut errs) {
            by_item[k].push(PipelineEffort {
                year,
                effective_effort,
            });
        }
    }
    for list in &mut by_item {
        list.sort_by_key(|p| p.year);
    }
    by_item
}
