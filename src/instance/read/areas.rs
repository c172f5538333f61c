//! `areas.csv`: the foundations (or any areas an instance defines).

use std::collections::HashMap;

use super::{display_name, unique_id, Ids, Reader, AREAS};
use crate::instance::tables::Schema;
use crate::instance::Area;

/// The areas and the ids they define.
pub fn read(r: &mut Reader) -> (Vec<Area>, Ids) {
    let schema = Schema {
        required: &["id"],
        optional: &[],
    };
    let Some(table) = r.table(AREAS, &schema, true) else {
        return (Vec::new(), Ids::new(AREAS, std::iter::empty(), false));
    };
    let mut errs = r.errs(AREAS);
    let mut seen = HashMap::new();
    let mut areas = Vec::new();
    let mut complete = true;
    for row in &table.rows {
        match unique_id(&table, row, &mut seen, &mut errs) {
            Some(id) => {
                let name = display_name(&table, row, &id);
                let name_zh = super::chinese_name(&table, row);
                areas.push(Area { id, name, name_zh });
            }
            None => complete = false,
        }
    }
    // Sets are ordered by id, not by row, so that reordering a table's rows
    // changes nothing downstream.
    areas.sort_by(|a, b| a.id.cmp(&b.id));
    if table.rows.is_empty() {
        errs.file(None, "an instance needs at least one area");
    }
    let ids = Ids::new(AREAS, areas.iter().map(|a| a.id.as_str()), complete);
    (areas, ids)
}
