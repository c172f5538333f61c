//! `items.csv`: key items with their area, tier, baseline, ceiling, weight
//! and gain, and optional per-item site and lag settings.

use super::{
    checked_non_negative, display_name, id_table, optional_whole, positive, share, Ids, Reader,
    ITEMS,
};
use crate::instance::error::Collector;
use crate::instance::model_file::ModelConfig;
use crate::instance::ranges;
use crate::instance::sets::Tier;
use crate::instance::tables::{in_range, Row, Schema, Table};
use crate::instance::Item;

/// The items, and the ids of every row with a valid id (even when another
/// field of the row is bad, so that one bad cell does not cascade).
pub fn read(r: &mut Reader, areas: &Ids, model: Option<&ModelConfig>) -> (Vec<Item>, Ids) {
    let schema = Schema {
        required: &[
            "id",
            "area",
            "tier",
            "s0",
            "smax",
            "weight_yi",
            "gain_per_effort",
        ],
        optional: &[
            "max_sites",
            "min_site_effort",
            "effect_lag_years",
            "assured_at",
            "rd_threshold",
            "drift",
        ],
    };
    let Some(table) = r.table(ITEMS, &schema, true) else {
        return (Vec::new(), Ids::unread(ITEMS));
    };
    let mut errs = r.errs(ITEMS);
    id_table(
        ITEMS,
        &table,
        &mut errs,
        |row, id, errs| item(&table, row, id, areas, model, errs),
        |item| &item.id,
    )
}

/// One row's item, when every field is valid. Every field is checked even
/// when an earlier one is bad, so that a row reports all its errors.
fn item(
    table: &Table,
    row: &Row,
    id: Option<String>,
    areas: &Ids,
    model: Option<&ModelConfig>,
    errs: &mut Collector,
) -> Option<Item> {
    let area = areas.lookup(table, row, "area", errs);
    let tier = tier(table, row, errs);
    let (s0, smax) = baseline_and_ceiling(table, row, errs);
    let weight_yi = positive(
        table,
        row,
        "weight_yi",
        "must be > 0 亿元 (domestic demand value)",
        &ranges::WEIGHT_YI,
        errs,
    );
    let gain = gain(table, row, errs);
    // Without a valid model file the instance is rejected anyway; a
    // placeholder default keeps cross-file checks running.
    let max_sites = optional_whole(
        table,
        row,
        "max_sites",
        &ranges::SITES,
        model.map_or(1, |m| m.max_sites_per_item),
        errs,
    );
    let min_site_effort = min_site_effort(table, row, model, errs);
    let effect_lag_years = optional_whole(
        table,
        row,
        "effect_lag_years",
        &ranges::LAG_YEARS,
        model.map_or(0, |m| m.effect_lag_years),
        errs,
    );
    let assured_at = assured_at(table, row, errs);
    let rd_threshold =
        optional_non_negative(table, row, "rd_threshold", &ranges::RD_THRESHOLD, errs);
    let drift = optional_non_negative(table, row, "drift", &ranges::DRIFT, errs);
    let id = id?;
    let name = display_name(table, row, &id);
    let name_zh = super::chinese_name(table, row);
    Some(Item {
        id,
        name,
        name_zh,
        area: area?,
        tier: tier?,
        s0: s0?,
        smax: smax?,
        weight_yi: weight_yi?,
        gain_per_effort: gain?,
        max_sites: max_sites?,
        min_site_effort: min_site_effort?,
        effect_lag_years: effect_lag_years?,
        assured_at: assured_at?,
        rd_threshold: rd_threshold?,
        drift: drift?,
    })
}

fn tier(table: &Table, row: &Row, errs: &mut Collector) -> Option<Tier> {
    let t = table.required_text(row, "tier", errs)?;
    let tier = Tier::parse(&t);
    if tier.is_none() {
        errs.at(
            Some(row.line),
            "tier",
            &t,
            "must be stranglehold, shortboard or general",
        );
    }
    tier
}

/// s0 and smax: shares with s0 ≤ smax and smax > 0.
fn baseline_and_ceiling(
    table: &Table,
    row: &Row,
    errs: &mut Collector,
) -> (Option<f64>, Option<f64>) {
    let line = Some(row.line);
    let s0 = share(table, row, "s0", errs);
    let smax = share(table, row, "smax", errs);
    if let (Some(s0), Some(smax)) = (s0, smax) {
        if s0 > smax {
            errs.at(line, "s0", s0, &format!("must not exceed smax ({smax})"));
        }
        if smax <= 0.0 {
            errs.at(line, "smax", smax, "must be > 0");
        }
    }
    (s0, smax)
}

/// The gain per effort unit: a share in (0, 1].
fn gain(table: &Table, row: &Row, errs: &mut Collector) -> Option<f64> {
    let line = Some(row.line);
    let g = table.number(row, "gain_per_effort", errs)?;
    if g <= 0.0 {
        errs.at(
            line,
            "gain_per_effort",
            g,
            "must be > 0 (share per effort unit)",
        );
        None
    } else if g > 1.0 {
        // One effort unit cannot buy more than the whole market; larger
        // values are a unit mistake.
        errs.at(
            line,
            "gain_per_effort",
            g,
            "must be at most 1 (share per effort unit)",
        );
        None
    } else {
        in_range(g, &ranges::GAIN, line, "gain_per_effort", errs)
    }
}

/// Emin_k: as written (≥ 0), else the model file's default.
fn min_site_effort(
    table: &Table,
    row: &Row,
    model: Option<&ModelConfig>,
    errs: &mut Collector,
) -> Option<f64> {
    let line = Some(row.line);
    match table.optional_number(row, "min_site_effort", errs) {
        Some(v) if v >= 0.0 => in_range(v, &ranges::SITE_EFFORT, line, "min_site_effort", errs),
        Some(v) => {
            errs.at(line, "min_site_effort", v, "must be ≥ 0 effort units");
            None
        }
        None => Some(model.map_or(0.0, |m| m.min_site_effort)),
    }
}

/// α_k of (CT): absent (the target's `assured_at` applies), or a share in
/// (0, 1]. Outer `None` marks an invalid value.
fn assured_at(table: &Table, row: &Row, errs: &mut Collector) -> Option<Option<f64>> {
    match table.optional_number(row, "assured_at", errs) {
        None => Some(None),
        Some(v) if ranges::CEILING_SHARE.contains(v) => Some(Some(v)),
        Some(v) => {
            errs.at(
                Some(row.line),
                "assured_at",
                v,
                "must be a share in (0, 1]: the share at which the item counts as assured",
            );
            None
        }
    }
}

/// An optional number ≥ 0 within `range`; 0 when the cell or column is absent.
fn optional_non_negative(
    table: &Table,
    row: &Row,
    column: &str,
    range: &ranges::Range,
    errs: &mut Collector,
) -> Option<f64> {
    match table.optional_number(row, column, errs) {
        Some(v) => checked_non_negative(v, range, Some(row.line), column, errs),
        None => Some(0.0),
    }
}
