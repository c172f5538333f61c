//! Applying overrides to an instance: resolve the selectors, change every
//! selected element, then check the result against the same rules as the
//! instance files. An override that selects nothing is an error, never a
//! silent no-op.

use super::catalogue::{Domain, Param};
use super::{Op, Override, Value};
use crate::instance::{
    Continuity, InputError, InputErrors, Instance, ObjectiveWeights, RegionalFloor, Tier,
};
use crate::quote::code;

/// Largest budget, talent or capacity accepted [in the parameter's unit]:
/// anything larger is a unit mistake and would wreck the solver's numerics.
const CEILING: f64 = 1e9;

/// The instance with every override applied in order (later ones win).
pub fn apply_all(base: &Instance, overrides: &[Override]) -> Result<Instance, InputErrors> {
    let mut inst = base.clone();
    let mut errors = Vec::new();
    for ov in overrides {
        if let Err(e) = apply(&mut inst, ov) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        errors.extend(consistency(&inst, overrides));
    }
    if errors.is_empty() {
        inst.variant.overrides.extend(overrides.iter().cloned());
        Ok(inst)
    } else {
        Err(InputErrors(errors))
    }
}

/// Applies one override in place; returns how many elements it changed.
pub fn apply(inst: &mut Instance, ov: &Override) -> Result<usize, InputError> {
    let spec = ov.param.spec();
    for key in ov.selector.keys() {
        if !ov.param.selector_keys().contains(&key) {
            let takes = ov.param.selector_keys();
            return Err(ov.error(
                key,
                if takes.is_empty() {
                    format!(
                        "`{key}` does not apply to {}: it takes no selector",
                        ov.param
                    )
                } else {
                    format!(
                        "`{key}` does not apply to {}; it takes {}",
                        ov.param,
                        takes.join(", ")
                    )
                },
            ));
        }
    }
    if ov.op != Op::Set && !ov.param.is_numeric() {
        return Err(ov.error(
            ov.op.id(),
            format!("{} takes `set` only (its value is not a number)", ov.param),
        ));
    }
    let number = match (&ov.value, spec.domain) {
        (Value::Number(v), _) if v.is_finite() => Some(*v),
        (Value::Number(v), _) => {
            return Err(ov.error(ov.op.id(), format!("must be a finite number, got {v}")))
        }
        (_, Domain::Other) => None,
        (other, _) => {
            return Err(ov.error(
                ov.op.id(),
                format!("{} takes a number ({}), got {other}", ov.param, spec.unit),
            ))
        }
    };
    if let (Some(v), Op::Scale) = (number, ov.op) {
        if v < 0.0 {
            return Err(ov.error("scale", format!("a scale factor must be ≥ 0, got {v}")));
        }
    }
    let sel = |r: Result<Vec<usize>, String>| r.map_err(|e| ov.error("selector", e));
    let mut n = 0usize;
    let mut change = |value: &mut f64, what: &str| -> Result<(), InputError> {
        let v = number.expect("numeric parameter");
        let new = match ov.op {
            Op::Set => v,
            Op::Scale => *value * v,
            Op::Add => *value + v,
        };
        check_domain(spec.domain, new)
            .map_err(|rule| ov.error(spec.name, format!("{what} would become {new}: {rule}")))?;
        *value = new;
        n += 1;
        Ok(())
    };
    let s = &ov.selector;
    match ov.param {
        Param::CentralBudget => {
            for t in sel(s.years(inst))? {
                change(&mut inst.central_budget_yi[t], "the central budget")?;
            }
        }
        Param::ProvincialBudget => {
            let years = sel(s.years(inst))?;
            for p in sel(s.provinces(inst))? {
                for &t in &years {
                    change(
                        &mut inst.provincial_budget_yi[[p, t]],
                        "a provincial budget",
                    )?;
                }
            }
        }
        Param::Talent => {
            for p in sel(s.provinces(inst))? {
                change(&mut inst.provinces[p].talent_kfte, "talent")?;
            }
        }
        Param::TalentGrowth => {
            for p in sel(s.provinces(inst))? {
                change(&mut inst.provinces[p].talent_growth, "talent growth")?;
            }
        }
        Param::PlatformCapacity => {
            let areas = sel(s.areas(inst))?;
            for p in sel(s.provinces(inst))? {
                for &a in &areas {
                    change(&mut inst.initial_capacity_cu[[a, p]], "platform capacity")?;
                }
            }
        }
        Param::MaxNewPlatforms => {
            for p in sel(s.provinces(inst))? {
                let mut v = inst.provinces[p].max_new_platforms as f64;
                change(&mut v, "the platform build rate")?;
                inst.provinces[p].max_new_platforms = v as usize;
            }
        }
        Param::Advantage => {
            let provinces = sel(s.provinces(inst))?;
            if s.item.is_some() || s.tier.is_some() {
                // Item-level advantage: an item without its own geography
                // starts from its area's index.
                for k in sel(s.items(inst))? {
                    let area = inst.items[k].area;
                    let row = inst.item_advantage[k].get_or_insert_with(|| {
                        (0..inst.provinces.len())
                            .map(|p| inst.advantage[[area, p]])
                            .collect()
                    });
                    for &p in &provinces {
                        change(&mut row[p], "an item's advantage")?;
                    }
                }
            } else {
                for a in sel(s.areas(inst))? {
                    for &p in &provinces {
                        change(&mut inst.advantage[[a, p]], "an advantage index")?;
                    }
                }
            }
        }
        Param::S0
        | Param::Smax
        | Param::Gain
        | Param::Weight
        | Param::EffectLag
        | Param::MaxSites
        | Param::MinSiteEffort => {
            for k in sel(s.items(inst))? {
                let item = &mut inst.items[k];
                match ov.param {
                    Param::S0 => change(&mut item.s0, "s0")?,
                    Param::Smax => change(&mut item.smax, "smax")?,
                    Param::Gain => change(&mut item.gain_per_effort, "the gain")?,
                    Param::Weight => change(&mut item.weight_yi, "the weight")?,
                    Param::EffectLag => {
                        let mut v = item.effect_lag_years as f64;
                        change(&mut v, "the effect lag")?;
                        item.effect_lag_years = v as usize;
                    }
                    Param::MaxSites => {
                        let mut v = item.max_sites as f64;
                        change(&mut v, "the lead-site limit")?;
                        item.max_sites = v as usize;
                    }
                    _ => change(&mut item.min_site_effort, "the minimum site effort")?,
                }
            }
        }
        Param::TargetLevel | Param::TargetPenalty | Param::TargetYear => {
            let first = inst.years[0];
            let n_years = inst.years.len();
            for g in sel(s.targets(inst))? {
                let target = &mut inst.targets[g];
                match ov.param {
                    Param::TargetLevel => change(&mut target.level, "the target level")?,
                    Param::TargetPenalty => {
                        change(&mut target.penalty_yi_per_point, "the penalty")?
                    }
                    _ => {
                        let mut year = (first as usize + target.year) as f64;
                        let last = (first as usize + n_years - 1) as f64;
                        change(&mut year, "the target year")?;
                        if year < first as f64 || year > last {
                            return Err(ov.error(
                                "target_year",
                                format!("{year} is outside the horizon {first}–{last}"),
                            ));
                        }
                        target.year = year as usize - first as usize;
                    }
                }
            }
        }
        Param::FundingPerEffort
        | Param::TalentPerEffort
        | Param::CapacityPerEffort
        | Param::CentralShare
        | Param::Productivity => {
            for m in sel(s.modes(inst))? {
                let mode = &mut inst.model.modes[m];
                match ov.param {
                    Param::FundingPerEffort => {
                        change(&mut mode.funding_yi_per_effort, "funding per effort unit")?
                    }
                    Param::TalentPerEffort => {
                        change(&mut mode.talent_kfte_per_effort, "talent per effort unit")?
                    }
                    Param::CapacityPerEffort => {
                        change(&mut mode.capacity_cu_per_effort, "capacity per effort unit")?
                    }
                    Param::CentralShare => change(&mut mode.central_share, "the central share")?,
                    _ => change(&mut mode.productivity, "the productivity")?,
                }
            }
        }
        Param::AllowedModes => {
            let Value::List(ids) = &ov.value else {
                return Err(ov.error("set", "allowed_modes takes a list of instrument ids, e.g. set = [\"chain\", \"enterprise\"]"));
            };
            let mut modes = Vec::new();
            for id in ids {
                let known: Vec<&str> = inst.model.modes.iter().map(|m| m.id.as_str()).collect();
                match inst.model.mode_by_id(id) {
                    Some(m) => modes.push(m),
                    None => {
                        return Err(ov.error(
                            "set",
                            format!(
                                "unknown instrument {}; the model file defines {}",
                                code(id),
                                known.join(", ")
                            ),
                        ))
                    }
                }
            }
            if modes.is_empty() {
                return Err(ov.error("set", "every tier needs at least one instrument"));
            }
            for tier in s.tiers().map_err(|e| ov.error("tier", e))? {
                for (m, mode) in inst.model.modes.iter_mut().enumerate() {
                    mode.tiers[tier.index()] = modes.iter().any(|x| x.index() == m);
                }
                n += 1;
            }
        }
        Param::EligibilityThreshold => change(
            &mut inst.model.national_eligibility_threshold,
            "the eligibility threshold",
        )?,
        Param::RegionalFloor => {
            let regions = s.regions().map_err(|e| ov.error("region", e))?;
            let current = inst.regional_floor.as_ref();
            let regions = match (regions, current) {
                (Some(r), _) => r,
                (None, Some(f)) => f.regions.clone(),
                (None, None) => return Err(ov.error("region", "this instance has no regional floor: name its regions, e.g. region = [\"central\", \"west\", \"northeast\"]")),
            };
            let mut share = current.map_or(0.0, |f| f.min_share);
            change(&mut share, "the regional floor")?;
            inst.regional_floor = Some(RegionalFloor {
                regions,
                min_share: share,
            });
        }
        Param::ConcentrationCap => {
            let mut chi = inst.concentration.unwrap_or(1.0);
            change(&mut chi, "the concentration cap")?;
            inst.concentration = Some(chi);
        }
        Param::Continuity => {
            let Value::Table(entries) = &ov.value else {
                return Err(ov.error("set", "continuity takes a table: set = { max_growth = 0.3, max_decline = 0.2, ramp_yi = 20 }"));
            };
            let get = |key: &str| entries.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
            for (key, _) in entries {
                if !["max_growth", "max_decline", "ramp_yi"].contains(&key.as_str()) {
                    return Err(ov.error(
                        "set",
                        format!(
                            "unknown continuity key {}; expected max_growth, max_decline, ramp_yi",
                            code(key)
                        ),
                    ));
                }
            }
            let (Some(g), Some(d), Some(r)) =
                (get("max_growth"), get("max_decline"), get("ramp_yi"))
            else {
                return Err(ov.error(
                    "set",
                    "continuity needs max_growth, max_decline and ramp_yi",
                ));
            };
            for (value, domain, what) in [
                (g, Domain::Rate(0.0, 10.0), "max_growth"),
                (d, Domain::Share, "max_decline"),
                (r, Domain::NonNegative, "ramp_yi"),
            ] {
                check_domain(domain, value).map_err(|rule| ov.error(what, rule))?;
            }
            inst.continuity = Some(Continuity {
                max_growth: g,
                max_decline: d,
                ramp_yi: vec![r; inst.areas.len()],
            });
            n += 1;
        }
        Param::ContinuityGrowth | Param::ContinuityDecline | Param::ContinuityRamp => {
            let areas = sel(s.areas(inst))?;
            let Some(cont) = inst.continuity.as_mut() else {
                return Err(ov.error(ov.param.spec().name, "this instance has no continuity rule: enable it with `continuity` (max_growth, max_decline, ramp_yi) first"));
            };
            match ov.param {
                Param::ContinuityGrowth => {
                    change(&mut cont.max_growth, "the continuity growth limit")?
                }
                Param::ContinuityDecline => {
                    change(&mut cont.max_decline, "the continuity decline limit")?
                }
                _ => {
                    for a in areas {
                        change(&mut cont.ramp_yi[a], "the continuity ramp")?;
                    }
                }
            }
        }
        Param::TrainingYield => change(&mut inst.model.training_kfte_per_yi, "the training yield")?,
        Param::TrainingLag => {
            let mut v = inst.model.training_lag_years as f64;
            change(&mut v, "the training lag")?;
            inst.model.training_lag_years = v as usize;
        }
        Param::PlatformSize => change(
            &mut inst.model.platform_capacity_cu,
            "the capacity of a new platform",
        )?,
        Param::PlatformCost => change(
            &mut inst.model.platform_cost_yi,
            "the cost of a new platform",
        )?,
        Param::PlatformCentralShare => change(
            &mut inst.model.platform_central_share,
            "the central share of platforms",
        )?,
        Param::PlatformLag => {
            let mut v = inst.model.platform_lag_years as f64;
            change(&mut v, "the construction lag")?;
            inst.model.platform_lag_years = v as usize;
        }
        Param::DiscountRate => change(&mut inst.model.discount_rate, "the discount rate")?,
        Param::Objective => {
            let Value::Text(name) = &ov.value else {
                return Err(ov.error(
                    "set",
                    "objective takes a preset name, e.g. set = \"max-sufficiency\"",
                ));
            };
            let Some(&weights) = inst.model.presets.get(name) else {
                let known: Vec<&str> = inst.model.presets.keys().map(String::as_str).collect();
                return Err(ov.error(
                    "set",
                    format!(
                        "unknown objective preset {}; the model file defines {}",
                        code(name),
                        known.join(", ")
                    ),
                ));
            };
            inst.objective = weights;
            inst.objective_preset = name.clone();
            n += 1;
        }
        Param::CostWeight | Param::SufficiencyWeight => {
            let ObjectiveWeights {
                mut cost_weight,
                mut sufficiency_weight,
            } = inst.objective;
            if ov.param == Param::CostWeight {
                change(&mut cost_weight, "the cost weight")?;
            } else {
                change(&mut sufficiency_weight, "the sufficiency weight")?;
            }
            inst.objective = ObjectiveWeights {
                cost_weight,
                sufficiency_weight,
            };
            inst.objective_preset = "custom".into();
        }
    }
    if n == 0 {
        return Err(ov.error(
            "selector",
            format!("selects nothing: no element of {} matches", ov.param),
        ));
    }
    Ok(n)
}

/// Checks one value against its domain; the rule as the files state it.
fn check_domain(domain: Domain, v: f64) -> Result<(), String> {
    let ok = v.is_finite()
        && match domain {
            Domain::NonNegative => (0.0..CEILING).contains(&v),
            Domain::Positive => v > 0.0 && v < CEILING,
            Domain::Share => (0.0..=1.0).contains(&v),
            Domain::PositiveShare => v > 0.0 && v <= 1.0,
            Domain::Rate(lo, hi) => (lo..=hi).contains(&v),
            Domain::Whole(lo, hi) => v.fract() == 0.0 && (lo as f64..=hi as f64).contains(&v),
            Domain::HorizonYear => v.fract() == 0.0,
            Domain::Within(range) => range.contains(v),
            Domain::Other => true,
        };
    if ok {
        return Ok(());
    }
    Err(match domain {
        Domain::NonNegative => format!("must be ≥ 0 and below {CEILING:e}"),
        Domain::Positive => format!("must be > 0 and below {CEILING:e}"),
        Domain::Share => "must be a share in [0, 1]".into(),
        Domain::PositiveShare => "must be a share in (0, 1]".into(),
        Domain::Rate(lo, hi) => format!("must be a yearly rate in [{lo}, {hi}]"),
        Domain::Whole(lo, hi) => format!("must be a whole number in [{lo}, {hi}]"),
        Domain::HorizonYear => "must be a calendar year".into(),
        Domain::Within(range) => range.rule(),
        Domain::Other => String::new(),
    })
}

/// Rules that tie several values together (the same as the files'): s0 ≤
/// smax, chain links satisfied by the initial levels, a lead-site instrument
/// with a cost, every tier addressed, the objective not all zero.
fn consistency(inst: &Instance, overrides: &[Override]) -> Vec<InputError> {
    let culprit = |pred: &dyn Fn(Param) -> bool| {
        overrides
            .iter()
            .rev()
            .find(|o| pred(o.param))
            .or(overrides.last())
    };
    let mut errors = Vec::new();
    let mut fail = |pred: &dyn Fn(Param) -> bool, field: &str, rule: String| {
        if let Some(o) = culprit(pred) {
            errors.push(o.error(field, rule));
        }
    };
    for item in &inst.items {
        if item.s0 > item.smax {
            fail(
                &|p| matches!(p, Param::S0 | Param::Smax),
                "s0",
                format!(
                    "item {}: s0 ({}) would exceed smax ({})",
                    item.id, item.s0, item.smax
                ),
            );
        }
    }
    for l in &inst.links {
        let (item, needs) = (&inst.items[l.item], &inst.items[l.needs]);
        if item.s0 > needs.s0 + l.max_lead + 1e-12 {
            fail(&|p| p == Param::S0, "s0", format!("chain link {} → {}: s0 of {} ({}) would exceed s0 of {} ({}) plus the allowed lead {}", item.id, needs.id, item.id, item.s0, needs.id, needs.s0, l.max_lead));
        }
    }
    for m in &inst.model.modes {
        if m.lead_sites && m.funding_yi_per_effort <= 0.0 {
            fail(
                &|p| p == Param::FundingPerEffort,
                "funding_per_effort",
                format!(
                    "instrument {} works through lead sites and needs a positive cost",
                    m.id
                ),
            );
        }
    }
    for tier in Tier::ALL {
        if !inst.model.modes.iter().any(|m| m.tiers[tier.index()]) {
            fail(
                &|p| p == Param::AllowedModes,
                "allowed_modes",
                format!("no instrument would address tier `{tier}`"),
            );
        }
    }
    let w = inst.objective;
    if w.cost_weight == 0.0 && w.sufficiency_weight == 0.0 {
        fail(
            &|p| matches!(p, Param::CostWeight | Param::SufficiencyWeight),
            "cost_weight",
            "the cost and sufficiency weights cannot both be 0".into(),
        );
    }
    errors
}
