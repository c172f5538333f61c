//! Tables with one value per area × province: `advantage.csv` (the
//! advantage index, every pair required) and `platforms.csv` (initial
//! platform capacity, missing pairs are 0).

use ndarray::Array2;

use super::{non_negative, pair_values, Ids, Reader, ADVANTAGE, PLATFORMS};
use crate::instance::ranges::{self, Range};
use crate::instance::tables::Schema;

/// adv_ap, areas × provinces.
pub fn advantage(r: &mut Reader, areas: &Ids, provinces: &Ids) -> Array2<f64> {
    read(
        r,
        ADVANTAGE,
        "advantage",
        &ranges::ADVANTAGE,
        true,
        areas,
        provinces,
    )
}

/// C0_ap [cu], areas × provinces.
pub fn initial_capacity(r: &mut Reader, areas: &Ids, provinces: &Ids) -> Array2<f64> {
    read(
        r,
        PLATFORMS,
        "capacity_cu",
        &ranges::CAPACITY_CU,
        false,
        areas,
        provinces,
    )
}

fn read(
    r: &mut Reader,
    file: &'static str,
    column: &str,
    range: &Range,
    complete: bool,
    areas: &Ids,
    provinces: &Ids,
) -> Array2<f64> {
    let mut values = Array2::<f64>::zeros((areas.len(), provinces.len()));
    let schema = Schema {
        required: &["area", "province", column],
        optional: &[],
    };
    let Some(table) = r.table(file, &schema, complete) else {
        return values;
    };
    let mut errs = r.errs(file);
    let before = errs.count();
    let seen = pair_values(
        &table,
        "area/province pair",
        &mut errs,
        |row, errs| {
            let area = areas.lookup(&table, row, "area", errs);
            let province = provinces.lookup(&table, row, "province", errs);
            let value = non_negative(&table, row, column, range, errs);
            Some(((area?, province?), value?))
        },
        |pair, v| values[pair] = v,
    );
    // Missing pairs are named only when nothing else is wrong, in this file
    // or in the tables that define the ids.
    if complete && errs.count() == before && areas.complete && provinces.complete {
        let (area_names, province_names) = (areas.names(), provinces.names());
        let missing: Vec<String> = (0..areas.len())
            .flat_map(|a| (0..provinces.len()).map(move |p| (a, p)))
            .filter(|pair| !seen.contains_key(pair))
            .map(|(a, p)| format!("{}/{}", area_names[a], province_names[p]))
            .collect();
        if !missing.is_empty() {
            let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
            errs.file(
                None,
                &format!(
                    "every area × province pair needs a row; {} missing (e.g. {})",
                    missing.len(),
                    shown.join(", ")
                ),
            );
        }
    }
    values
}
