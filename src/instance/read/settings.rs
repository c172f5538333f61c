//! `instance.toml`: name, horizon, central budgets, targets and options.
//! Every value is checked against its rule and documented range, with the
//! line of the key that holds it.

use std::collections::BTreeSet;

use super::{checked_non_negative, Ids, Reader, AREAS, MANIFEST};
use crate::instance::error::Collector;
use crate::instance::manifest::{Manifest, TABLE_KEYS};
use crate::instance::model_file::{ModelConfig, ObjectiveWeights};
use crate::instance::ranges;
use crate::instance::sets::Region;
use crate::instance::tables::{id_rule, in_range, is_valid_id};
use crate::instance::toml_lines::{array_key_line, key_line, parse_toml};
use crate::instance::{Continuity, Item, RegionalFloor, Target};

/// Longest horizon accepted, in years; longer is almost surely a typo.
const MAX_HORIZON_YEARS: i64 = 100;

/// Parses `instance.toml`; a TOML error names the key, its meaning and unit.
pub fn parse(r: &mut Reader, text: &str) -> Option<Manifest> {
    parse_toml(text, &TABLE_KEYS, "instance", &mut r.errs(MANIFEST))
}

/// The instance's name must be an identifier.
pub fn check_name(m: &Manifest, text: &str, errs: &mut Collector) {
    if !is_valid_id(&m.name) {
        errs.at(
            key_line(text, "", "name"),
            "name",
            &m.name,
            "instance names may contain only letters, digits, '_', '-' and '.'",
        );
    }
}

/// The calendar years t0..tN.
pub fn horizon(m: &Manifest, text: &str, errs: &mut Collector) -> Vec<i32> {
    let (first, last) = (m.first_year, m.last_year);
    if !(1900..=2200).contains(&first) {
        errs.at(
            key_line(text, "", "first_year"),
            "first_year",
            first,
            "must be a calendar year in [1900, 2200]",
        );
        return Vec::new();
    }
    if last < first {
        errs.at(
            key_line(text, "", "last_year"),
            "last_year",
            last,
            &format!("must not be before first_year ({first})"),
        );
        return Vec::new();
    }
    if last - first + 1 > MAX_HORIZON_YEARS {
        errs.at(
            key_line(text, "", "last_year"),
            "last_year",
            last,
            &format!("horizon must be at most {MAX_HORIZON_YEARS} years"),
        );
        return Vec::new();
    }
    (first as i32..=last as i32).collect()
}

/// Bc_t [亿元/yr] for every year (zeros when the instance gives pools instead).
pub fn central_budgets(m: &Manifest, text: &str, years: &[i32], errs: &mut Collector) -> Vec<f64> {
    let Some(cb) = &m.central_budget_yi else {
        return vec![0.0; years.len()];
    };
    let by_year = cb.by_year.iter().map(|(year, &value)| YearValue {
        year,
        value,
        line: key_line(text, "central_budget_yi.by_year", year),
        field: format!("central_budget_yi.by_year.{year}"),
    });
    yearly_yi(
        cb.default,
        key_line(text, "central_budget_yi", "default"),
        "central_budget_yi.default",
        by_year,
        years,
        errs,
    )
}

/// One value of a particular year in a `default` + years table, with where
/// it is written.
pub struct YearValue<'a> {
    pub year: &'a str,
    pub value: f64,
    pub line: Option<usize>,
    pub field: String,
}

/// A yearly amount [亿元/yr] from a default and values of particular years
/// (the shape of `[central_budget_yi]` and of a pool's `inflow_yi`): each a
/// non-negative amount in the budget range, each year in the horizon.
pub fn yearly_yi<'a>(
    default: f64,
    default_line: Option<usize>,
    default_field: &str,
    by_year: impl Iterator<Item = YearValue<'a>>,
    years: &[i32],
    errs: &mut Collector,
) -> Vec<f64> {
    checked_non_negative(
        default,
        &ranges::BUDGET_YI,
        default_line,
        default_field,
        errs,
    );
    let mut amounts = vec![default; years.len()];
    for v in by_year {
        match v
            .year
            .parse::<i32>()
            .ok()
            .and_then(|y| years.iter().position(|&h| h == y))
        {
            Some(t) => {
                if let Some(x) =
                    checked_non_negative(v.value, &ranges::BUDGET_YI, v.line, &v.field, errs)
                {
                    amounts[t] = x;
                }
            }
            None if years.is_empty() => {}
            None => errs.at(
                v.line,
                &v.field,
                v.year,
                "year is outside the horizon first_year..last_year",
            ),
        }
    }
    amounts
}

/// The targets, with their groups resolved to items.
#[allow(clippy::too_many_arguments)]
pub fn targets(
    m: &Manifest,
    text: &str,
    model: &ModelConfig,
    areas: &Ids,
    items: &[Item],
    item_ids: &Ids,
    years: &[i32],
    errs: &mut Collector,
) -> Vec<Target> {
    let mut targets = Vec::new();
    let mut seen = BTreeSet::new();
    for (n, entry) in m.targets.iter().enumerate() {
        let line = |key: &str| array_key_line(text, "targets", n, key);
        let before = errs.count();
        if !is_valid_id(&entry.id) {
            errs.at(line("id"), "targets.id", &entry.id, &id_rule(&entry.id));
        } else if !seen.insert(entry.id.clone()) {
            errs.at(line("id"), "targets.id", &entry.id, "duplicate target id");
        }
        let mut group: BTreeSet<usize> = BTreeSet::new();
        let mut group_known = areas.complete && item_ids.complete;
        for a in &entry.areas {
            if a == "all" {
                group.extend(0..items.len());
            } else if let Some(ai) = areas.get(a) {
                group.extend((0..items.len()).filter(|&k| items[k].area == ai));
            } else if areas.complete {
                errs.at(
                    line("areas"),
                    "targets.areas",
                    a,
                    &format!(
                        "unknown area; it must be an id in {AREAS} or \"all\"{}",
                        crate::instance::keys::did_you_mean(
                            a,
                            areas.index.keys().map(String::as_str).chain(["all"])
                        )
                    ),
                );
            } else {
                group_known = false;
            }
        }
        for i in &entry.items {
            match item_ids.resolve(i, line("items"), "targets.items", errs) {
                // Indices of `items` match the ids only when every row is valid.
                Some(k) if k < items.len() && items[k].id == *i => {
                    group.insert(k);
                }
                Some(_) => group_known = false,
                None => {}
            }
        }
        if errs.count() == before && group_known && group.is_empty() && !items.is_empty() {
            errs.field(
                line("areas"),
                "targets.areas",
                &format!(
                    "target {} covers no item: its group is empty",
                    crate::quote::code(&entry.id)
                ),
            );
        }
        let year = years.iter().position(|&y| i64::from(y) == entry.year);
        if year.is_none() && !years.is_empty() {
            errs.at(
                line("year"),
                "targets.year",
                entry.year,
                "year is outside the horizon first_year..last_year",
            );
        }
        check_target_level(entry.level, line("level"), errs);
        let penalty = entry
            .penalty_yi_per_point
            .unwrap_or(model.default_penalty_yi_per_point);
        checked_non_negative(
            penalty,
            &ranges::PENALTY_YI_PER_POINT,
            line("penalty_yi_per_point"),
            "targets.penalty_yi_per_point",
            errs,
        );
        let (metric, assured_at) = super::count_targets::metric_and_threshold(entry, &line, errs);
        if errs.count() == before {
            if let Some(year) = year {
                let mut parts: Vec<String> = entry.areas.clone();
                parts.extend(entry.items.iter().cloned());
                targets.push(Target {
                    id: entry.id.clone(),
                    group: parts.join("+"),
                    items: group.into_iter().collect(),
                    year,
                    level: entry.level,
                    penalty_yi_per_point: penalty,
                    metric,
                    assured_at,
                });
            }
        }
    }
    targets
}

/// A target's level is a share in [0, 1] (a percentage is named as such)
/// within the plausible range.
fn check_target_level(level: f64, line: Option<usize>, errs: &mut Collector) {
    if !(0.0..=1.0).contains(&level) {
        errs.at(
            line,
            "targets.level",
            level,
            &format!("must be a share in [0, 1]{}", ranges::percent_hint(level)),
        );
    } else {
        in_range(level, &ranges::SHARE, line, "targets.level", errs);
    }
}

/// (REG) the regional floor, if given.
pub fn regional_floor(m: &Manifest, text: &str, errs: &mut Collector) -> Option<RegionalFloor> {
    let entry = m.regional_floor.as_ref()?;
    let mut regions = Vec::new();
    let line = key_line(text, "regional_floor", "regions");
    for r in &entry.regions {
        match Region::parse(r) {
            Some(region) => regions.push(region),
            None => errs.at(
                line,
                "regional_floor.regions",
                r,
                &format!(
                    "must be east, central, west or northeast{}",
                    crate::instance::keys::did_you_mean(r, Region::ALL.map(Region::id))
                ),
            ),
        }
    }
    if entry.regions.is_empty() {
        errs.field(
            line,
            "regional_floor.regions",
            "must name at least one region",
        );
    }
    if !(0.0..=1.0).contains(&entry.min_share) {
        errs.at(
            key_line(text, "regional_floor", "min_share"),
            "regional_floor.min_share",
            entry.min_share,
            &format!(
                "must be a share in [0, 1]{}",
                ranges::percent_hint(entry.min_share)
            ),
        );
        return None;
    }
    Some(RegionalFloor {
        regions,
        min_share: entry.min_share,
    })
}

/// (CONT) programme continuity, if given.
pub fn continuity(
    m: &Manifest,
    text: &str,
    areas: &Ids,
    errs: &mut Collector,
) -> Option<Continuity> {
    let entry = m.continuity.as_ref()?;
    let before = errs.count();
    let line = |key: &str| key_line(text, "continuity", key);
    let (max_growth, max_decline, ramp_yi) = super::horizon::area_limits(entry, text, errs)?;
    if !ranges::GROWTH_SHARE.contains(max_growth) {
        errs.at(
            line("max_growth"),
            "continuity.max_growth",
            max_growth,
            "must be a yearly growth share in [0, 10] (0.3 = +30% a year)",
        );
    }
    if !ranges::SHARE.contains(max_decline) {
        errs.at(
            line("max_decline"),
            "continuity.max_decline",
            max_decline,
            "must be a yearly decline share in [0, 1] (0.2 = −20% a year)",
        );
    }
    checked_non_negative(
        ramp_yi,
        &ranges::RAMP_YI,
        line("ramp_yi"),
        "continuity.ramp_yi",
        errs,
    );
    let mut ramp = vec![ramp_yi; areas.len()];
    for (area, &v) in &entry.ramp_yi_by_area {
        let line = key_line(text, "continuity.ramp_yi_by_area", area);
        let field = format!("continuity.ramp_yi_by_area.{area}");
        match areas.get(area) {
            Some(a) => {
                if let Some(v) = checked_non_negative(v, &ranges::RAMP_YI, line, &field, errs) {
                    ramp[a] = v;
                }
            }
            None if areas.complete => errs.at(
                line,
                &field,
                area,
                &format!(
                    "unknown area; it must be an id in {AREAS}{}",
                    crate::instance::keys::did_you_mean(
                        area,
                        areas.index.keys().map(String::as_str)
                    )
                ),
            ),
            None => {}
        }
    }
    (errs.count() == before).then_some(Continuity {
        max_growth,
        max_decline,
        ramp_yi: ramp,
    })
}

/// (CAP) χ, if given.
pub fn concentration(m: &Manifest, text: &str, errs: &mut Collector) -> Option<f64> {
    let chi = m.concentration.as_ref()?.max_province_share;
    if ranges::CEILING_SHARE.contains(chi) {
        Some(chi)
    } else {
        errs.at(
            key_line(text, "concentration", "max_province_share"),
            "concentration.max_province_share",
            chi,
            "must be a share in (0, 1]",
        );
        None
    }
}

/// Objective weights and the name of the preset in force ("custom" for
/// weights written directly).
pub fn objective_weights(
    m: &Manifest,
    text: &str,
    model: &ModelConfig,
    errs: &mut Collector,
) -> Option<(ObjectiveWeights, String)> {
    let entry = m.objective.as_ref();
    let preset_name = entry
        .and_then(|o| o.preset.clone())
        .unwrap_or_else(|| model.default_preset.clone());
    let Some(&preset) = model.presets.get(&preset_name) else {
        let known: Vec<&str> = model.presets.keys().map(String::as_str).collect();
        errs.at(
            key_line(text, "objective", "preset"),
            "objective.preset",
            &preset_name,
            &format!(
                "unknown preset; the model file defines: {}",
                known.join(", ")
            ),
        );
        return None;
    };
    let cost = entry.and_then(|o| o.cost_weight);
    let suff = entry.and_then(|o| o.sufficiency_weight);
    let weights = ObjectiveWeights {
        cost_weight: cost.unwrap_or(preset.cost_weight),
        sufficiency_weight: suff.unwrap_or(preset.sufficiency_weight),
    };
    let before = errs.count();
    for (key, v) in [
        ("cost_weight", weights.cost_weight),
        ("sufficiency_weight", weights.sufficiency_weight),
    ] {
        checked_non_negative(
            v,
            &ranges::OBJECTIVE_WEIGHT,
            key_line(text, "objective", key),
            &format!("objective.{key}"),
            errs,
        );
    }
    if errs.count() == before && weights.cost_weight == 0.0 && weights.sufficiency_weight == 0.0 {
        errs.field(
            key_line(text, "objective", "cost_weight"),
            "objective.cost_weight",
            "the cost and sufficiency weights cannot both be 0",
        );
    }
    if errs.count() > before {
        return None;
    }
    let name = if cost.is_some() || suff.is_some() {
        "custom".to_string()
    } else {
        preset_name
    };
    Some((weights, name))
}
