//! `provinces.csv`: provinces (or any planning regions) with their region,
//! budget, talent and optional growth and build-rate settings.

use std::collections::HashMap;

use super::{display_name, non_negative, optional_whole, unique_id, Ids, Reader, PROVINCES};
use crate::instance::model_file::ModelConfig;
use crate::instance::ranges;
use crate::instance::sets::Region;
use crate::instance::tables::{in_range, Schema};
use crate::instance::Province;

/// Provinces with their yearly budget from `provinces.csv` (the horizon is
/// not known yet), and the ids of every row with a valid id.
pub fn read(r: &mut Reader, model: Option<&ModelConfig>) -> (Vec<(Province, f64)>, Ids) {
    let schema = Schema {
        required: &["id", "region", "budget_yi", "talent_kfte"],
        optional: &["talent_growth", "max_new_platforms"],
    };
    let Some(table) = r.table(PROVINCES, &schema, true) else {
        return (Vec::new(), Ids::new(PROVINCES, std::iter::empty(), false));
    };
    let mut errs = r.errs(PROVINCES);
    let mut seen = HashMap::new();
    let mut provinces = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let mut complete = true;
    for row in &table.rows {
        let line = Some(row.line);
        let id = unique_id(&table, row, &mut seen, &mut errs);
        match &id {
            Some(id) => ids.push(id.clone()),
            None => complete = false,
        }
        let region =
            table
                .required_text(row, "region", &mut errs)
                .and_then(|r| match Region::parse(&r) {
                    Some(region) => Some(region),
                    None => {
                        errs.at(
                            line,
                            "region",
                            &r,
                            "must be east, central, west or northeast",
                        );
                        None
                    }
                });
        let budget = non_negative(&table, row, "budget_yi", &ranges::BUDGET_YI, &mut errs);
        let talent = non_negative(&table, row, "talent_kfte", &ranges::TALENT_KFTE, &mut errs);
        let growth = match table.optional_number(row, "talent_growth", &mut errs) {
            Some(g) => in_range(g, &ranges::TALENT_GROWTH, line, "talent_growth", &mut errs),
            None => Some(model.map_or(0.0, |m| m.default_talent_growth)),
        };
        let max_new = optional_whole(
            &table,
            row,
            "max_new_platforms",
            &ranges::PLATFORMS_PER_YEAR,
            model.map_or(0, |m| m.max_new_platforms_per_year),
            &mut errs,
        );
        if let (Some(id), Some(region), Some(budget), Some(talent), Some(growth), Some(max_new)) =
            (id, region, budget, talent, growth, max_new)
        {
            let name = display_name(&table, row, &id);
            let name_zh = super::chinese_name(&table, row);
            provinces.push((
                Province {
                    id,
                    name,
                    name_zh,
                    region,
                    talent_kfte: talent,
                    talent_growth: growth,
                    max_new_platforms: max_new,
                },
                budget,
            ));
        }
    }
    // Ordered by id, not by row (see areas.rs).
    provinces.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    ids.sort();
    (
        provinces,
        Ids::new(PROVINCES, ids.iter().map(String::as_str), complete),
    )
}
