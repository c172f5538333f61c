//! `instance.toml` settings of docs/model.md §10 that reach past the area:
//! (CONT-M) continuity per instrument (`[continuity.modes]`) and (END) the
//! value of the end of the horizon (`[horizon_end]`).

use super::checked_non_negative;
use crate::instance::error::Collector;
use crate::instance::manifest::{ContinuityEntry, Manifest};
use crate::instance::model_file::ModelConfig;
use crate::instance::ranges;
use crate::instance::toml_lines::key_line;
use crate::instance::{HorizonEnd, ModeContinuity};

/// Largest ω_end accepted: beyond it the horizon's end would outweigh the
/// targets it stands in for, almost surely a typo.
const MAX_END_WEIGHT: f64 = 10.0;

/// The per-area limits of `[continuity]`: all three, or none when the table
/// only holds `[continuity.modes]` (then `None` without an error).
pub fn area_limits(
    entry: &ContinuityEntry,
    text: &str,
    errs: &mut Collector,
) -> Option<(f64, f64, f64)> {
    let given = [
        ("max_growth", entry.max_growth),
        ("max_decline", entry.max_decline),
        ("ramp_yi", entry.ramp_yi),
    ];
    if let [(_, Some(g)), (_, Some(d)), (_, Some(r))] = given {
        return Some((g, d, r));
    }
    let area_keys_given =
        given.iter().any(|(_, v)| v.is_some()) || !entry.ramp_yi_by_area.is_empty();
    if !area_keys_given && entry.modes.is_some() {
        return None;
    }
    let header = table_line(text, "continuity");
    for (key, value) in given {
        if value.is_none() {
            errs.field(
                header,
                &format!("continuity.{key}"),
                "per-area continuity needs max_growth, max_decline and ramp_yi together (for continuity per instrument only, write just [continuity.modes])",
            );
        }
    }
    None
}

/// (CONT-M) `[continuity.modes]`, if given: the keys of `[continuity]`, with
/// `ramp_yi_by_mode` naming instruments of the model file.
pub fn mode_continuity(
    m: &Manifest,
    text: &str,
    model: &ModelConfig,
    errs: &mut Collector,
) -> Option<ModeContinuity> {
    let entry = m.continuity.as_ref()?.modes.as_ref()?;
    let before = errs.count();
    let line = |key: &str| key_line(text, "continuity.modes", key);
    if !ranges::GROWTH_SHARE.contains(entry.max_growth) {
        errs.at(
            line("max_growth"),
            "continuity.modes.max_growth",
            entry.max_growth,
            "must be a yearly growth share in [0, 10] (0.3 = +30% a year)",
        );
    }
    if !ranges::SHARE.contains(entry.max_decline) {
        errs.at(
            line("max_decline"),
            "continuity.modes.max_decline",
            entry.max_decline,
            "must be a yearly decline share in [0, 1] (0.2 = −20% a year)",
        );
    }
    checked_non_negative(
        entry.ramp_yi,
        &ranges::RAMP_YI,
        line("ramp_yi"),
        "continuity.modes.ramp_yi",
        errs,
    );
    let mut ramp = vec![entry.ramp_yi; model.modes.len()];
    for (mode, &v) in &entry.ramp_yi_by_mode {
        let line = key_line(text, "continuity.modes.ramp_yi_by_mode", mode);
        let field = format!("continuity.modes.ramp_yi_by_mode.{mode}");
        match model.mode_by_id(mode) {
            Some(id) => {
                if let Some(v) = checked_non_negative(v, &ranges::RAMP_YI, line, &field, errs) {
                    ramp[id.index()] = v;
                }
            }
            None => errs.at(
                line,
                &field,
                mode,
                &format!(
                    "unknown instrument; it must be a [modes.<id>] of the model file{}",
                    crate::instance::keys::did_you_mean(
                        mode,
                        model.modes.iter().map(|m| m.id.as_str())
                    )
                ),
            ),
        }
    }
    (errs.count() == before).then_some(ModeContinuity {
        max_growth: entry.max_growth,
        max_decline: entry.max_decline,
        ramp_yi: ramp,
    })
}

/// (END) `[horizon_end]`, if it values the end: `value = "penalty"` with an
/// optional `weight` (ω_end ≥ 0, default 1); `"none"` is the formulation of
/// docs/model.md §6 and gives `None`.
pub fn horizon_end(m: &Manifest, text: &str, errs: &mut Collector) -> Option<HorizonEnd> {
    let entry = m.horizon_end.as_ref()?;
    let line = |key: &str| key_line(text, "horizon_end", key);
    let weight = entry.weight.unwrap_or(1.0);
    let weight_ok = weight.is_finite() && (0.0..=MAX_END_WEIGHT).contains(&weight);
    if !weight_ok {
        errs.at(
            line("weight"),
            "horizon_end.weight",
            weight,
            &format!("must be a weight in [0, {MAX_END_WEIGHT}] (1 = the last target's penalty per point)"),
        );
    }
    match entry.value.as_str() {
        "none" => None,
        "penalty" => weight_ok.then_some(HorizonEnd { weight }),
        other => {
            errs.at(
                line("value"),
                "horizon_end.value",
                other,
                "must be \"penalty\" (value the share bought after the last year) or \"none\"",
            );
            None
        }
    }
}

/// 1-based line of the `[table]` header, if written.
fn table_line(text: &str, table: &str) -> Option<usize> {
    let header = format!("[{table}]");
    text.lines()
        .position(|l| l.trim().replace(' ', "") == header)
        .map(|i| i + 1)
}
