//! `[[training_budget_yi]]` in `instance.toml`: caps and floors on training
//! spending tr[p,t] (docs/model.md §10 (TB)). Each entry selects provinces
//! (by id and region) and years like an override's selector, and sets the
//! cap, the floor or both there; entries apply in file order, so a later
//! entry wins where two select the same province and year.

use ndarray::Array2;

use super::{checked_non_negative, Ids, PROVINCES};
use crate::instance::error::Collector;
use crate::instance::keys::did_you_mean;
use crate::instance::manifest::{Manifest, TrainingBudgetEntry};
use crate::instance::model_file::ModelConfig;
use crate::instance::ranges;
use crate::instance::sets::Region;
use crate::instance::toml_lines::array_key_line;
use crate::instance::{Province, TrainingBudget};

/// The table's name in `instance.toml`.
const TABLE: &str = "training_budget_yi";

/// What an entry's selection is resolved against.
pub struct TrainingContext<'a> {
    pub text: &'a str,
    pub years: &'a [i32],
    pub provinces: &'a [Province],
    pub province_ids: &'a Ids,
    /// Bp_pt: a floor must fit in the province's budget.
    pub provincial_budget_yi: &'a Array2<f64>,
    pub model: Option<&'a ModelConfig>,
}

/// The caps and floors of every province and year; no cap and no floor
/// without entries. Rules that tie entries together (a floor above a cap or
/// above the provincial budget) are checked on the result, naming the line
/// of the entry that set the floor.
pub fn read(m: &Manifest, cx: &TrainingContext, errs: &mut Collector) -> TrainingBudget {
    let mut budget = TrainingBudget::none(cx.provinces.len(), cx.years.len());
    // The entry that last set each cell's floor, for messages.
    let mut floor_set_by: Array2<Option<usize>> =
        Array2::from_elem((cx.provinces.len(), cx.years.len()), None);
    for (n, entry) in m.training_budget_yi.iter().enumerate() {
        let Some(cells) = selection(n, entry, cx, errs) else {
            continue;
        };
        let line = |key: &str| array_key_line(cx.text, TABLE, n, key);
        let amount = |v: Option<f64>, key: &str, errs: &mut Collector| {
            v.and_then(|v| {
                checked_non_negative(
                    v,
                    &ranges::BUDGET_YI,
                    line(key),
                    &format!("{TABLE}.{key}"),
                    errs,
                )
            })
        };
        let (max, min) = (
            amount(entry.max, "max", errs),
            amount(entry.min, "min", errs),
        );
        if entry.max.is_none() && entry.min.is_none() {
            errs.field(
                line("max"),
                TABLE,
                "an entry sets `max` (the cap), `min` (the floor) or both [亿元 per year]",
            );
        }
        for &(p, t) in &cells {
            if let Some(max) = max {
                budget.max_yi[[p, t]] = Some(max);
            }
            if let Some(min) = min {
                budget.min_yi[[p, t]] = min;
                floor_set_by[[p, t]] = Some(n);
            }
        }
    }
    check_floors(&budget, &floor_set_by, cx, errs);
    budget
}

/// The (province, year) cells entry `n` selects; `None` after an error.
fn selection(
    n: usize,
    entry: &TrainingBudgetEntry,
    cx: &TrainingContext,
    errs: &mut Collector,
) -> Option<Vec<(usize, usize)>> {
    let line = |key: &str| array_key_line(cx.text, TABLE, n, key);
    let before = errs.count();
    let ids = listed(
        &entry.provinces,
        "provinces",
        line("provinces"),
        errs,
        |id, field, errs| cx.province_ids.resolve(id, line("provinces"), field, errs),
    );
    let regions = listed(
        &entry.regions,
        "regions",
        line("regions"),
        errs,
        |r, field, errs| {
            let region = Region::parse(r);
            if region.is_none() {
                let hint = did_you_mean(r, Region::ALL.map(Region::id));
                let rule = format!("must be east, central, west or northeast{hint}");
                errs.at(line("regions"), field, r, &rule);
            }
            region
        },
    );
    let years = years(n, entry, cx, errs);
    if errs.count() > before
        || !cx.province_ids.complete
        || cx.province_ids.len() != cx.provinces.len()
    {
        return None;
    }
    let provinces: Vec<usize> = (0..cx.provinces.len())
        .filter(|p| ids.as_ref().is_none_or(|ids| ids.contains(p)))
        .filter(|&p| {
            regions
                .as_ref()
                .is_none_or(|r| r.contains(&cx.provinces[p].region))
        })
        .collect();
    if provinces.is_empty() {
        errs.field(
            line("regions"),
            &format!("{TABLE}.regions"),
            &format!("selects no province: none of the provinces named lies in these regions ({PROVINCES} `region`)"),
        );
        return None;
    }
    Some(
        provinces
            .iter()
            .flat_map(|&p| years.iter().map(move |&t| (p, t)))
            .collect(),
    )
}

/// The ids of list `key` resolved by `resolve` (which reports an unknown
/// one), `None` when the key is absent; an empty list is an error, since
/// leaving the key out is how an entry selects everything.
fn listed<T>(
    list: &Option<Vec<String>>,
    key: &str,
    line: Option<usize>,
    errs: &mut Collector,
    mut resolve: impl FnMut(&str, &str, &mut Collector) -> Option<T>,
) -> Option<Vec<T>> {
    let list = list.as_ref()?;
    let field = format!("{TABLE}.{key}");
    if list.is_empty() {
        let rule = format!("must name at least one (leave `{key}` out to select every one)");
        errs.field(line, &field, &rule);
    }
    Some(
        list.iter()
            .filter_map(|id| resolve(id, &field, errs))
            .collect(),
    )
}

/// Year indices from `from` to `to` (the whole horizon without them).
fn years(
    n: usize,
    entry: &TrainingBudgetEntry,
    cx: &TrainingContext,
    errs: &mut Collector,
) -> Vec<usize> {
    let (Some(&first), Some(&last)) = (cx.years.first(), cx.years.last()) else {
        return Vec::new();
    };
    let (first, last) = (i64::from(first), i64::from(last));
    for (key, year) in [("from", entry.from), ("to", entry.to)] {
        if let Some(y) = year.filter(|y| !(first..=last).contains(y)) {
            errs.at(
                array_key_line(cx.text, TABLE, n, key),
                &format!("{TABLE}.{key}"),
                y,
                "year is outside the horizon first_year..last_year",
            );
        }
    }
    let (from, to) = (entry.from.unwrap_or(first), entry.to.unwrap_or(last));
    if from > to {
        errs.at(
            array_key_line(cx.text, TABLE, n, "to"),
            &format!("{TABLE}.to"),
            to,
            &format!("must not be before `from` ({from})"),
        );
    }
    (0..cx.years.len())
        .filter(|&t| (from..=to).contains(&i64::from(cx.years[t])))
        .collect()
}

/// A floor needs training to buy (ψ > 0), and must fit under the cap and
/// the provincial budget of its province and year: otherwise no plan meets it.
fn check_floors(
    budget: &TrainingBudget,
    floor_set_by: &Array2<Option<usize>>,
    cx: &TrainingContext,
    errs: &mut Collector,
) {
    let trains = cx.model.is_none_or(|m| m.training_kfte_per_yi > 0.0);
    let mut reported = std::collections::BTreeSet::new();
    for ((p, t), set_by) in floor_set_by.indexed_iter() {
        let (Some(n), min) = (*set_by, budget.min_yi[[p, t]]) else {
            continue;
        };
        if min <= 0.0 || reported.contains(&n) {
            continue;
        }
        let line = array_key_line(cx.text, TABLE, n, "min");
        let field = format!("{TABLE}.min");
        let (province, year) = (&cx.provinces[p].id, cx.years[t]);
        let rule = if !trains {
            Some("a training floor needs training in the model: its `[training] kfte_per_yi` is 0, so no training spending exists to hold at a floor".to_string())
        } else if budget.max_yi[[p, t]].is_some_and(|max| min > max) {
            Some(format!(
                "the floor of {province} in {year} is above its cap ({} 亿元): no plan can meet both",
                budget.max_yi[[p, t]].unwrap_or_default()
            ))
        } else if cx
            .provincial_budget_yi
            .get([p, t])
            .is_some_and(|&b| min > b)
        {
            Some(format!(
                "the floor of {province} in {year} is above its provincial budget ({} 亿元), which pays for training",
                cx.provincial_budget_yi[[p, t]]
            ))
        } else {
            None
        };
        if let Some(rule) = rule {
            // One message per entry: the first cell it breaks.
            reported.insert(n);
            errs.at(line, &field, min, &rule);
        }
    }
}
