//! `areas.csv`: the foundations (or any areas an instance defines).

use super::{display_name, id_table, Ids, Reader, AREAS};
use crate::instance::tables::Schema;
use crate::instance::Area;

/// The areas and the ids they define.
pub fn read(r: &mut Reader) -> (Vec<Area>, Ids) {
    let schema = Schema {
        required: &["id"],
        optional: &[],
    };
    let Some(table) = r.table(AREAS, &schema, true) else {
        return (Vec::new(), Ids::unread(AREAS));
    };
    let mut errs = r.errs(AREAS);
    let (areas, ids) = id_table(
        AREAS,
        &table,
        &mut errs,
        |row, id, _| {
            let id = id?;
            let name = display_name(&table, row, &id);
            let name_zh = super::chinese_name(&table, row);
            Some(Area { id, name, name_zh })
        },
        |a| &a.id,
    );
    if table.rows.is_empty() {
        errs.file(None, "an instance needs at least one area");
    }
    (areas, ids)
}
