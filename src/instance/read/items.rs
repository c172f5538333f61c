//! `items.csv`: key items with their area, tier, baseline, ceiling, weight
//! and gain, and optional per-item site and lag settings.

use std::collections::HashMap;

use super::{display_name, optional_whole, positive, share, unique_id, Ids, Reader, ITEMS};
use crate::instance::model_file::ModelConfig;
use crate::instance::ranges;
use crate::instance::sets::Tier;
use crate::instance::tables::{in_range, Schema};
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
        optional: &["max_sites", "min_site_effort", "effect_lag_years"],
    };
    let Some(table) = r.table(ITEMS, &schema, true) else {
        return (Vec::new(), Ids::new(ITEMS, std::iter::empty(), false));
    };
    let mut errs = r.errs(ITEMS);
    let mut seen = HashMap::new();
    let mut items = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let mut complete = true;
    for row in &table.rows {
        let line = Some(row.line);
        let id = unique_id(&table, row, &mut seen, &mut errs);
        match &id {
            Some(id) => ids.push(id.clone()),
            None => complete = false,
        }
        let area = areas.lookup(&table, row, "area", &mut errs);
        let tier =
            table
                .required_text(row, "tier", &mut errs)
                .and_then(|t| match Tier::parse(&t) {
                    Some(tier) => Some(tier),
                    None => {
                        errs.at(
                            line,
                            "tier",
                            &t,
                            "must be stranglehold, shortboard or general",
                        );
                        None
                    }
                });
        let s0 = share(&table, row, "s0", &mut errs);
        let smax = share(&table, row, "smax", &mut errs);
        if let (Some(s0), Some(smax)) = (s0, smax) {
            if s0 > smax {
                errs.at(line, "s0", s0, &format!("must not exceed smax ({smax})"));
            }
            if smax <= 0.0 {
                errs.at(line, "smax", smax, "must be > 0");
            }
        }
        let weight_yi = positive(
            &table,
            row,
            "weight_yi",
            "must be > 0 亿元 (domestic demand value)",
            &ranges::WEIGHT_YI,
            &mut errs,
        );
        let gain = table
            .number(row, "gain_per_effort", &mut errs)
            .and_then(|g| {
                if g <= 0.0 {
                    errs.at(
                        line,
                        "gain_per_effort",
                        g,
                        "must be > 0 (share per effort unit)",
                    );
                    None
                } else if g > 1.0 {
                    // One effort unit cannot buy more than the whole market;
                    // larger values are a unit mistake.
                    errs.at(
                        line,
                        "gain_per_effort",
                        g,
                        "must be at most 1 (share per effort unit)",
                    );
                    None
                } else {
                    in_range(g, &ranges::GAIN, line, "gain_per_effort", &mut errs)
                }
            });
        // Without a valid model file the instance is rejected anyway; a
        // placeholder default keeps cross-file checks running.
        let max_sites = optional_whole(
            &table,
            row,
            "max_sites",
            &ranges::SITES,
            model.map_or(1, |m| m.max_sites_per_item),
            &mut errs,
        );
        let min_site_effort = match table.optional_number(row, "min_site_effort", &mut errs) {
            Some(v) if v >= 0.0 => {
                in_range(v, &ranges::SITE_EFFORT, line, "min_site_effort", &mut errs)
            }
            Some(v) => {
                errs.at(line, "min_site_effort", v, "must be ≥ 0 effort units");
                None
            }
            None => Some(model.map_or(0.0, |m| m.min_site_effort)),
        };
        let effect_lag_years = optional_whole(
            &table,
            row,
            "effect_lag_years",
            &ranges::LAG_YEARS,
            model.map_or(0, |m| m.effect_lag_years),
            &mut errs,
        );
        if let (
            Some(id),
            Some(area),
            Some(tier),
            Some(s0),
            Some(smax),
            Some(weight_yi),
            Some(gain),
            Some(max_sites),
            Some(min_site_effort),
            Some(effect_lag_years),
        ) = (
            id,
            area,
            tier,
            s0,
            smax,
            weight_yi,
            gain,
            max_sites,
            min_site_effort,
            effect_lag_years,
        ) {
            let name = display_name(&table, row, &id);
            let name_zh = super::chinese_name(&table, row);
            items.push(Item {
                id,
                name,
                name_zh,
                area,
                tier,
                s0,
                smax,
                weight_yi,
                gain_per_effort: gain,
                max_sites,
                min_site_effort,
                effect_lag_years,
            });
        }
    }
    // Ordered by id, not by row (see areas.rs).
    items.sort_by(|a, b| a.id.cmp(&b.id));
    ids.sort();
    let ids = Ids::new(ITEMS, ids.iter().map(String::as_str), complete);
    (items, ids)
}
