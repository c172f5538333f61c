//! `provinces.csv`: provinces (or any planning regions) with their region,
//! budget, talent and optional growth and build-rate settings.

use super::{display_name, id_table, non_negative, optional_whole, Ids, Reader, PROVINCES};
use crate::instance::error::Collector;
use crate::instance::model_file::ModelConfig;
use crate::instance::ranges;
use crate::instance::sets::Region;
use crate::instance::tables::{in_range, Row, Schema, Table};
use crate::instance::Province;

/// Provinces with their yearly budget from `provinces.csv` (the horizon is
/// not known yet), and the ids of every row with a valid id.
pub fn read(r: &mut Reader, model: Option<&ModelConfig>) -> (Vec<(Province, f64)>, Ids) {
    let schema = Schema {
        required: &["id", "region", "budget_yi", "talent_kfte"],
        optional: &["talent_growth", "max_new_platforms"],
    };
    let Some(table) = r.table(PROVINCES, &schema, true) else {
        return (Vec::new(), Ids::unread(PROVINCES));
    };
    let mut errs = r.errs(PROVINCES);
    id_table(
        PROVINCES,
        &table,
        &mut errs,
        |row, id, errs| province(&table, row, id, model, errs),
        |(p, _)| &p.id,
    )
}

/// One row: the province and its yearly budget, when every field is valid.
fn province(
    table: &Table,
    row: &Row,
    id: Option<String>,
    model: Option<&ModelConfig>,
    errs: &mut Collector,
) -> Option<(Province, f64)> {
    let line = Some(row.line);
    let region = table
        .required_text(row, "region", errs)
        .and_then(|r| match Region::parse(&r) {
            Some(region) => Some(region),
            None => {
                errs.at(
                    line,
                    "region",
                    &r,
                    &format!(
                        "must be east, central, west or northeast{}",
                        crate::instance::keys::did_you_mean(&r, Region::ALL.map(Region::id))
                    ),
                );
                None
            }
        });
    let budget = non_negative(table, row, "budget_yi", &ranges::BUDGET_YI, errs);
    let talent = non_negative(table, row, "talent_kfte", &ranges::TALENT_KFTE, errs);
    let growth = match table.optional_number(row, "talent_growth", errs) {
        Some(g) => in_range(g, &ranges::TALENT_GROWTH, line, "talent_growth", errs),
        None => Some(model.map_or(0.0, |m| m.default_talent_growth)),
    };
    let max_new = optional_whole(
        table,
        row,
        "max_new_platforms",
        &ranges::PLATFORMS_PER_YEAR,
        model.map_or(0, |m| m.max_new_platforms_per_year),
        errs,
    );
    let (id, region, budget, talent, growth, max_new) =
        (id?, region?, budget?, talent?, growth?, max_new?);
    let name = display_name(table, row, &id);
    let name_zh = super::chinese_name(table, row);
    let province = Province {
        id,
        name,
        name_zh,
        region,
        talent_kfte: talent,
        talent_growth: growth,
        max_new_platforms: max_new,
    };
    Some((province, budget))
}
