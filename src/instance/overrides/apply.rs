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
use Param as P;

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
    apply_counted(inst, ov).map(|(count, _)| count)
}

/// What a numeric override leaves on the elements it selects, in the
/// parameter's unit: how many it changed and the sum of their new values
/// (a sweep reports a point by it, beside the multiplier).
pub fn selected_values(base: &Instance, ov: &Override) -> Result<(usize, f64), InputError> {
    let mut inst = base.clone();
    apply_counted(&mut inst, ov)
}

/// [`apply`], with the sum of the new values of a numeric parameter (0 for
/// one whose values are not numbers).
fn apply_counted(inst: &mut Instance, ov: &Override) -> Result<(usize, f64), InputError> {
    check_selector_keys(ov)?;
    let mut change = Change::new(ov)?;
    match ov.param {
        P::CentralBudget | P::ProvincialBudget => budgets(inst, &mut change)?,
        P::Talent | P::TalentGrowth | P::PlatformCapacity | P::MaxNewPlatforms => {
            province_resources(inst, &mut change)?
        }
        P::Advantage => advantage(inst, &mut change)?,
        P::S0 | P::Smax | P::Gain | P::Weight | P::EffectLag | P::MaxSites | P::MinSiteEffort => {
            item_parameters(inst, &mut change)?
        }
        P::TargetLevel | P::TargetPenalty | P::TargetYear | P::TargetAssuredAt => {
            targets(inst, &mut change)?
        }
        P::FundingPerEffort
        | P::TalentPerEffort
        | P::CapacityPerEffort
        | P::CentralShare
        | P::Productivity => instrument_parameters(inst, &mut change)?,
        P::AllowedModes => allowed_modes(inst, &mut change)?,
        P::RegionalFloor => regional_floor(inst, &mut change)?,
        P::ConcentrationCap => concentration_cap(inst, &mut change)?,
        P::Continuity => continuity(inst, &mut change)?,
        P::ContinuityGrowth | P::ContinuityDecline | P::ContinuityRamp => {
            continuity_limits(inst, &mut change)?
        }
        P::EligibilityThreshold
        | P::TrainingYield
        | P::TrainingLag
        | P::PlatformSize
        | P::PlatformCost
        | P::PlatformCentralShare
        | P::PlatformLag
        | P::DiscountRate => model_scalars(inst, &mut change)?,
        P::Objective => objective_preset(inst, &mut change)?,
        P::CostWeight | P::SufficiencyWeight => objective_weights(inst, &mut change)?,
        P::PoolInflow | P::PoolCarryOver => pools(inst, &mut change)?,
        P::TrainingBudget | P::TrainingFloor => training_budget(inst, &mut change)?,
    }
    if change.count == 0 {
        return Err(ov.error(
            "selector",
            format!("selects nothing: no element of {} matches", ov.param),
        ));
    }
    Ok((change.count, change.total))
}

/// Every selector key of the override is one its parameter is indexed by.
fn check_selector_keys(ov: &Override) -> Result<(), InputError> {
    match ov.param.foreign_selector_key(&ov.selector) {
        Some((key, rule)) => Err(ov.error(key, rule)),
        None => Ok(()),
    }
}

/// One override's change of each selected value: the operation, the
/// parameter's domain the new value must stay in, and how many values it
/// changed so far.
struct Change<'o> {
    ov: &'o Override,
    /// The override's number; `None` for a parameter whose value is not one.
    number: Option<f64>,
    count: usize,
    /// Sum of the new values set so far.
    total: f64,
}

impl<'o> Change<'o> {
    /// Checks the operation and the value against the parameter's kind.
    fn new(ov: &'o Override) -> Result<Self, InputError> {
        if ov.op != Op::Set && !ov.param.is_numeric() {
            return Err(ov.error(
                ov.op.id(),
                format!("{} takes `set` only (its value is not a number)", ov.param),
            ));
        }
        let spec = ov.param.spec();
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
        Ok(Change {
            ov,
            number,
            count: 0,
            total: 0.0,
        })
    }

    /// The selected indices, or the selector's error.
    fn select(&self, selected: Result<Vec<usize>, String>) -> Result<Vec<usize>, InputError> {
        selected.map_err(|e| self.ov.error("selector", e))
    }

    /// Sets, scales or adds to `value`; `what` names it if the result leaves
    /// the parameter's domain.
    fn number(&mut self, value: &mut f64, what: &str) -> Result<(), InputError> {
        let v = self.number.expect("numeric parameter");
        let new = match self.ov.op {
            Op::Set => v,
            Op::Scale => *value * v,
            Op::Add => *value + v,
        };
        let spec = self.ov.param.spec();
        check_domain(spec.domain, new).map_err(|rule| {
            self.ov
                .error(spec.name, format!("{what} would become {new}: {rule}"))
        })?;
        *value = new;
        self.count += 1;
        self.total += new;
        Ok(())
    }

    /// [`Change::number`] for a count (lags, site and platform limits):
    /// the domain holds it to whole numbers.
    fn whole(&mut self, value: &mut usize, what: &str) -> Result<(), InputError> {
        let mut v = *value as f64;
        self.number(&mut v, what)?;
        *value = v as usize;
        Ok(())
    }

    /// Counts a change made without a number (a list, preset or table).
    fn counted(&mut self) {
        self.count += 1;
    }
}

/// Bc_t and Bp_pt.
fn budgets(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let s = &c.ov.selector;
    let years = c.select(s.years(inst))?;
    if c.ov.param == P::CentralBudget {
        if !inst.pools.is_empty() {
            return Err(c.ov.error(
                "param",
                "this instance's central money is in funding pools: change `pool_inflow` (with `pool = <id>` to pick pools)",
            ));
        }
        for t in years {
            c.number(&mut inst.central_budget_yi[t], "the central budget")?;
        }
        return Ok(());
    }
    for p in c.select(s.provinces(inst))? {
        for &t in &years {
            c.number(
                &mut inst.provincial_budget_yi[[p, t]],
                "a provincial budget",
            )?;
        }
    }
    Ok(())
}

/// (TB) the training cap or floor of the selected provinces and years. A
/// province-year without a cap has no limit, and no limit scaled or added
/// to stays none; an override that finds no cap at all to scale or add to
/// is refused (it would change nothing), naming the first province-year.
fn training_budget(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let s = &c.ov.selector;
    let years = c.select(s.years(inst))?;
    let mut uncapped = None;
    for p in c.select(s.provinces(inst))? {
        for &t in &years {
            if c.ov.param == P::TrainingFloor {
                c.number(&mut inst.training_budget.min_yi[[p, t]], "a training floor")?;
                continue;
            }
            let cell = &mut inst.training_budget.max_yi[[p, t]];
            let mut cap = match (*cell, c.ov.op) {
                (Some(cap), _) => cap,
                (None, Op::Set) => 0.0,
                (None, _) => {
                    uncapped = uncapped.or(Some((p, t)));
                    continue;
                }
            };
            c.number(&mut cap, "a training budget")?;
            *cell = Some(cap);
        }
    }
    match uncapped {
        Some((p, t)) if c.count == 0 => {
            let (province, op) = (&inst.provinces[p].id, c.ov.op.id());
            Err(c.ov.error(
                op,
                format!(
                    "{province} has no training budget in {} to {op}: there is no cap to start from; set one first (`training_budget[province={province}]=…`) or give `[[training_budget_yi]]` in instance.toml",
                    inst.years[t]
                ),
            ))
        }
        _ => Ok(()),
    }
}

/// H0_p, g_p, C0_ap and Nmax_p.
fn province_resources(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let s = &c.ov.selector;
    let areas = match c.ov.param {
        P::PlatformCapacity => c.select(s.areas(inst))?,
        _ => Vec::new(),
    };
    for p in c.select(s.provinces(inst))? {
        let province = &mut inst.provinces[p];
        match c.ov.param {
            P::Talent => c.number(&mut province.talent_kfte, "talent")?,
            P::TalentGrowth => c.number(&mut province.talent_growth, "talent growth")?,
            P::MaxNewPlatforms => {
                c.whole(&mut province.max_new_platforms, "the platform build rate")?
            }
            _ => {
                for &a in &areas {
                    c.number(&mut inst.initial_capacity_cu[[a, p]], "platform capacity")?;
                }
            }
        }
    }
    Ok(())
}

/// The advantage index of an area, or of single items where the selector
/// names items or tiers.
fn advantage(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let s = &c.ov.selector;
    let provinces = c.select(s.provinces(inst))?;
    if s.item.is_none() && s.tier.is_none() {
        for a in c.select(s.areas(inst))? {
            for &p in &provinces {
                c.number(&mut inst.advantage[[a, p]], "an advantage index")?;
            }
        }
        return Ok(());
    }
    // Item-level advantage: an item without its own geography starts from
    // its area's index.
    for k in c.select(s.items(inst))? {
        let area = inst.items[k].area;
        let row = inst.item_advantage[k].get_or_insert_with(|| {
            (0..inst.provinces.len())
                .map(|p| inst.advantage[[area, p]])
                .collect()
        });
        for &p in &provinces {
            c.number(&mut row[p], "an item's advantage")?;
        }
    }
    Ok(())
}

/// s0_k, smax_k, the gain, w_k, the effect lag, S_k and Emin_k.
fn item_parameters(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    for k in c.select(c.ov.selector.items(inst))? {
        let item = &mut inst.items[k];
        match c.ov.param {
            P::S0 => c.number(&mut item.s0, "s0")?,
            P::Smax => c.number(&mut item.smax, "smax")?,
            P::Gain => c.number(&mut item.gain_per_effort, "the gain")?,
            P::Weight => c.number(&mut item.weight_yi, "the weight")?,
            P::EffectLag => c.whole(&mut item.effect_lag_years, "the effect lag")?,
            P::MaxSites => c.whole(&mut item.max_sites, "the lead-site limit")?,
            _ => c.number(&mut item.min_site_effort, "the minimum site effort")?,
        }
    }
    Ok(())
}

/// A target's level, penalty λ_g, assurance threshold or year (which must
/// stay in the horizon).
fn targets(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let first = inst.years[0];
    let n_years = inst.years.len();
    for g in c.select(c.ov.selector.targets(inst))? {
        let target = &mut inst.targets[g];
        match c.ov.param {
            P::TargetLevel => c.number(&mut target.level, "the target level")?,
            P::TargetPenalty => c.number(&mut target.penalty_yi_per_point, "the penalty")?,
            P::TargetAssuredAt => c.number(&mut target.assured_at, "the assurance threshold")?,
            _ => {
                let mut year = (first as usize + target.year) as f64;
                let last = (first as usize + n_years - 1) as f64;
                c.number(&mut year, "the target year")?;
                if year < first as f64 || year > last {
                    return Err(c.ov.error(
                        "target_year",
                        format!("{year} is outside the horizon {first}–{last}"),
                    ));
                }
                target.year = year as usize - first as usize;
            }
        }
    }
    Ok(())
}

/// An instrument's f_m, h_m, c_m, σ_m or η_m.
fn instrument_parameters(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    for m in c.select(c.ov.selector.modes(inst))? {
        let mode = &mut inst.model.modes[m];
        match c.ov.param {
            P::FundingPerEffort => {
                c.number(&mut mode.funding_yi_per_effort, "funding per effort unit")?
            }
            P::TalentPerEffort => {
                c.number(&mut mode.talent_kfte_per_effort, "talent per effort unit")?
            }
            P::CapacityPerEffort => {
                c.number(&mut mode.capacity_cu_per_effort, "capacity per effort unit")?
            }
            P::CentralShare => c.number(&mut mode.central_share, "the central share")?,
            _ => c.number(&mut mode.productivity, "the productivity")?,
        }
    }
    Ok(())
}

/// The instruments that address each selected tier.
fn allowed_modes(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let ov = c.ov;
    let Value::List(ids) = &ov.value else {
        return Err(ov.error(
            "set",
            "allowed_modes takes a list of instrument ids, e.g. set = [\"chain\", \"enterprise\"]",
        ));
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
    for tier in ov.selector.tiers().map_err(|e| ov.error("tier", e))? {
        for (m, mode) in inst.model.modes.iter_mut().enumerate() {
            mode.tiers[tier.index()] = modes.iter().any(|x| x.index() == m);
        }
        c.counted();
    }
    Ok(())
}

/// The regional floor's share, on the regions named or those it already has.
fn regional_floor(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let ov = c.ov;
    let regions = ov.selector.regions().map_err(|e| ov.error("region", e))?;
    let current = inst.regional_floor.as_ref();
    let regions = match (regions, current) {
        (Some(r), _) => r,
        (None, Some(f)) => f.regions.clone(),
        (None, None) => return Err(ov.error("region", "this instance has no regional floor: name its regions, e.g. region = [\"central\", \"west\", \"northeast\"]")),
    };
    let mut share = current.map_or(0.0, |f| f.min_share);
    c.number(&mut share, "the regional floor")?;
    inst.regional_floor = Some(RegionalFloor {
        regions,
        min_share: share,
    });
    Ok(())
}

/// χ, starting from no cap (1).
fn concentration_cap(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let mut chi = inst.concentration.unwrap_or(1.0);
    c.number(&mut chi, "the concentration cap")?;
    inst.concentration = Some(chi);
    Ok(())
}

/// The whole continuity rule from a table of its three numbers.
fn continuity(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let ov = c.ov;
    let Value::Table(entries) = &ov.value else {
        return Err(ov.error(
            "set",
            "continuity takes a table: set = { max_growth = 0.3, max_decline = 0.2, ramp_yi = 20 }",
        ));
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
    let (Some(g), Some(d), Some(r)) = (get("max_growth"), get("max_decline"), get("ramp_yi"))
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
    c.counted();
    Ok(())
}

/// One limit of a continuity rule the instance already has.
fn continuity_limits(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let ov = c.ov;
    let areas = c.select(ov.selector.areas(inst))?;
    let Some(cont) = inst.continuity.as_mut() else {
        return Err(ov.error(ov.param.spec().name, "this instance has no continuity rule: enable it with `continuity` (max_growth, max_decline, ramp_yi) first"));
    };
    match ov.param {
        P::ContinuityGrowth => c.number(&mut cont.max_growth, "the continuity growth limit")?,
        P::ContinuityDecline => c.number(&mut cont.max_decline, "the continuity decline limit")?,
        _ => {
            for a in areas {
                c.number(&mut cont.ramp_yi[a], "the continuity ramp")?;
            }
        }
    }
    Ok(())
}

/// The model file's single numbers: θnat, ψ, Lh, κ, φ, σplat, Lc and r.
fn model_scalars(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let model = &mut inst.model;
    match c.ov.param {
        P::EligibilityThreshold => c.number(
            &mut model.national_eligibility_threshold,
            "the eligibility threshold",
        ),
        P::TrainingYield => c.number(&mut model.training_kfte_per_yi, "the training yield"),
        P::TrainingLag => c.whole(&mut model.training_lag_years, "the training lag"),
        P::PlatformSize => c.number(
            &mut model.platform_capacity_cu,
            "the capacity of a new platform",
        ),
        P::PlatformCost => c.number(&mut model.platform_cost_yi, "the cost of a new platform"),
        P::PlatformCentralShare => c.number(
            &mut model.platform_central_share,
            "the central share of platforms",
        ),
        P::PlatformLag => c.whole(&mut model.platform_lag_years, "the construction lag"),
        _ => c.number(&mut model.discount_rate, "the discount rate"),
    }
}

/// The objective weights of a preset the model file defines.
fn objective_preset(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let ov = c.ov;
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
    c.counted();
    Ok(())
}

/// ω_cost or ω_suff alone: the objective is then a custom one.
fn objective_weights(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let ObjectiveWeights {
        mut cost_weight,
        mut sufficiency_weight,
    } = inst.objective;
    if c.ov.param == P::CostWeight {
        c.number(&mut cost_weight, "the cost weight")?;
    } else {
        c.number(&mut sufficiency_weight, "the sufficiency weight")?;
    }
    inst.objective = ObjectiveWeights {
        cost_weight,
        sufficiency_weight,
    };
    inst.objective_preset = "custom".into();
    Ok(())
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
    if let Some(rule) = training_floor_rule(inst) {
        fail(
            &|p| {
                matches!(
                    p,
                    Param::TrainingFloor
                        | Param::TrainingBudget
                        | Param::ProvincialBudget
                        | Param::TrainingYield
                )
            },
            "training_floor",
            rule,
        );
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

/// The first (TB) floor no plan can meet: one without training in the
/// model (ψ = 0), above its cap, or above its provincial budget.
fn training_floor_rule(inst: &Instance) -> Option<String> {
    let tb = &inst.training_budget;
    for ((p, t), &min) in tb.min_yi.indexed_iter() {
        if min <= 0.0 {
            continue;
        }
        let (province, year) = (&inst.provinces[p].id, inst.years[t]);
        if inst.model.training_kfte_per_yi <= 0.0 {
            return Some(format!("the training floor of {province} in {year} needs training in the model, whose training yield is 0"));
        }
        if let Some(max) = tb.cap(p, t).filter(|&max| min > max) {
            return Some(format!(
                "the training floor of {province} in {year} ({min} 亿元) would be above its cap ({max} 亿元)"
            ));
        }
        let budget = inst.provincial_budget_yi[[p, t]];
        if min > budget {
            return Some(format!("the training floor of {province} in {year} ({min} 亿元) would be above its provincial budget ({budget} 亿元)"));
        }
    }
    None
}

/// (POOL) B_f,t and κ_f. Bc_t stays the year's inflow over every pool.
fn pools(inst: &mut Instance, c: &mut Change) -> Result<(), InputError> {
    let s = &c.ov.selector;
    if inst.pools.is_empty() {
        return Err(c.ov.error(
            "param",
            "this instance has no funding pools (`[pools.<id>]`); its central money is `central_budget`",
        ));
    }
    let pools = c.select(s.pools(inst))?;
    if c.ov.param == P::PoolCarryOver {
        for f in pools {
            c.number(&mut inst.pools[f].carry_over, "a pool's carry-over")?;
        }
        return Ok(());
    }
    let years = c.select(s.years(inst))?;
    for f in pools {
        for &t in &years {
            c.number(&mut inst.pools[f].inflow_yi[t], "a pool's inflow")?;
        }
    }
    for (t, b) in inst.central_budget_yi.iter_mut().enumerate() {
        *b = inst.pools.iter().map(|f| f.inflow_yi[t]).sum();
    }
    Ok(())
}
