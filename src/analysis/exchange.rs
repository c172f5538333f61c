//! Exchange rates: how many points of a target group's self-sufficiency one
//! more unit of a resource can buy — per 亿元 of central budget, per k FTE
//! of talent, per platform.
//!
//! A min-cost plan meets its targets exactly, so in the plan itself more
//! money lowers cost instead of raising self-sufficiency. The rate is
//! therefore measured on the group's *frontier*: the highest demand-weighted
//! level the group can reach in its target year with the plan's resources —
//! every constraint of the instance, the plan's lead sites and platforms
//! fixed, every other target kept at least at the level the plan achieves
//! for it, spending not counted. The rate of a resource is how much that
//! frontier rises when the resource grows by one unit where it helps most:
//!
//! - central budget: 1 亿元 more in one year (the best year);
//! - talent: 1 k FTE more in one province, in every year (the best province);
//! - platform: one more platform's capacity κ in one area and province, in
//!   every year (the best pair); the lead-site bounds follow.
//!
//! Each rate is exact for that one-unit step: from the frontier LP's
//! ranging where the step stays inside it, else from a warm re-solve. The
//! best place is found without trying every place: the frontier is concave
//! in its limits, so the duals bound what any place can add, and places
//! whose bound cannot beat the best measured are skipped (exactly).

use std::collections::BTreeMap;
use std::time::Instant;

use crate::instance::diagnose::reach::{group_ceiling, Limits};
use crate::instance::Instance;
use crate::model::{ColumnKey, RowKey};
use crate::solve::{Outcome, SolveStatus};

use super::probe::{Measured, Probe, Step};
use super::AnalysisError;

/// Where a rate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateSource {
    /// The frontier LP's dual, inside its ranging interval.
    Ranging,
    /// Every dual the step touches is zero: no place gains anything.
    ZeroDual,
    /// A warm re-solve of the frontier at the step.
    Resolve,
    /// No instrument uses this resource, or the model cannot add it (e.g.
    /// platforms add no capacity).
    NotApplicable,
    /// The explanation's time ran out before any place was measured: the
    /// rate is only known to lie between 0 and `unsettled_bound`.
    NotMeasured,
}

impl RateSource {
    pub fn id(self) -> &'static str {
        match self {
            RateSource::Ranging => "ranging",
            RateSource::ZeroDual => "zero_dual",
            RateSource::Resolve => "resolve",
            RateSource::NotApplicable => "not_applicable",
            RateSource::NotMeasured => "not_measured",
        }
    }
}

/// Points of a group per unit of one resource, where it buys most.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceRate {
    /// Points of the group's level per unit; `None` when not applicable.
    pub points_per_unit: Option<f64>,
    /// The unit: "亿元 of central budget", "k FTE of talent", "platform".
    pub unit: &'static str,
    /// Where one more unit buys most: a year, a province, "area in province".
    pub best_place: Option<String>,
    pub source: RateSource,
    /// Places left untried when the re-solve budget ran out: the most any of
    /// them could buy (dual bound, points per unit); 0 when every place is settled.
    pub unsettled_bound: f64,
    /// Places tried by re-solving.
    pub tried: usize,
    /// The best place is a year other than the target's, and what links the
    /// two years (central budget only; talent and platforms grow every year).
    pub other_year: Option<OtherYear>,
}

/// Why one more 亿元 of another year's budget raises a target's group: the
/// limits that tie the years together at the group's frontier.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherYear {
    /// The year whose money buys most (index into `Instance::years`).
    pub year: usize,
    /// The target's year (index).
    pub target_year: usize,
    /// What links them, most direct first; never empty.
    pub links: Vec<YearLink>,
}

/// A reason money of one year reaches a target of another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum YearLink {
    /// An earlier year: effort accumulates in the stock and acts after its
    /// item's effect lag, so earlier money still counts in the target year.
    Accumulation,
    /// (CONT) an area's funding may grow or fall only so much a year, and a
    /// row of it binds at the frontier between the two years.
    Continuity,
    /// (CONT-M) the same per instrument.
    ModeContinuity,
    /// (POOL) a pool carries unspent money between the years.
    Pools,
    /// Another target, kept at its planned level, binds at the frontier:
    /// more money in its years meets it and frees earlier money.
    OtherTargets,
    /// None of the above binds: the years are linked through other limits
    /// of the plan's LP.
    OtherLimits,
}

impl YearLink {
    pub fn id(self) -> &'static str {
        match self {
            YearLink::Accumulation => "accumulation",
            YearLink::Continuity => "continuity",
            YearLink::ModeContinuity => "instrument_continuity",
            YearLink::Pools => "pools",
            YearLink::OtherTargets => "other_targets",
            YearLink::OtherLimits => "other_limits",
        }
    }
}

impl ResourceRate {
    /// The most an untried place could buy, when it could beat the best
    /// place found [points per unit].
    pub fn untried_could_beat(&self) -> Option<f64> {
        let found = self.points_per_unit?;
        (self.unsettled_bound > found + 1e-12).then_some(self.unsettled_bound)
    }
}

/// The exchange rates of one target's group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRates {
    pub target: usize,
    /// The group's level in the plan, in its target year [points].
    pub plan_points: f64,
    /// The most it can reach with the plan's resources [points].
    pub frontier_points: f64,
    /// The most it could reach with unlimited resources: its items'
    /// demand-weighted ceilings, with chain links [points].
    pub ceiling_points: f64,
    pub central_budget: ResourceRate,
    pub talent: ResourceRate,
    pub platform: ResourceRate,
    /// Items of the group below their R&D threshold in the target year in
    /// the plan (docs/model.md §10 (THR)): the plan's b[k,t] is fixed, so
    /// an extra unit of any resource buys them no points there.
    pub below_threshold: Vec<usize>,
}

impl GroupRates {
    /// The plan's resources already take the group to its ceiling: no
    /// resource adds to it.
    pub fn at_ceiling(&self) -> bool {
        self.frontier_points >= self.ceiling_points - 1e-6
    }
}

/// Exchange rates of every target group.
#[derive(Debug, Clone)]
pub struct ExchangeRates {
    pub groups: Vec<GroupRates>,
    /// Targets asked for but not rated: the time limit of a quick
    /// explanation was reached first (indices into `Instance::targets`).
    pub not_rated: Vec<usize>,
    /// Solves made [count] and wall-clock time [s].
    pub resolves: usize,
    pub elapsed_s: f64,
}

/// A place a resource could grow, and the step that grows it.
struct Candidate {
    place: String,
    step: Step,
    /// Single-row step whose ranging interval covers it: exact from the dual.
    exact: Option<f64>,
    bound: f64,
}

/// The group's level in its target year from solved columns [points].
fn group_points(inst: &Instance, target: usize, z: &[(usize, f64)], columns: &[f64]) -> f64 {
    let g = &inst.targets[target];
    100.0 * inst.initial_group_level(&g.items)
        + z.iter().map(|&(col, w)| w * columns[col]).sum::<f64>()
}

fn not_applicable(unit: &'static str) -> ResourceRate {
    ResourceRate {
        points_per_unit: None,
        unit,
        best_place: None,
        source: RateSource::NotApplicable,
        unsettled_bound: 0.0,
        tried: 0,
        other_year: None,
    }
}

/// Finds the place among `candidates` where one more unit raises the
/// frontier most, re-solving at most `budget` of them.
fn best_rate(
    probe: &mut Probe,
    frontier: f64,
    points_of: &dyn Fn(&Outcome) -> f64,
    mut candidates: Vec<Candidate>,
    unit: &'static str,
    budget: usize,
) -> Result<ResourceRate, AnalysisError> {
    if candidates.is_empty() {
        // No instrument uses this resource: no row to grow.
        return Ok(not_applicable(unit));
    }
    candidates.sort_by(|a, b| b.bound.total_cmp(&a.bound).then(a.place.cmp(&b.place)));
    let mut best: Option<(f64, String, RateSource)> = None;
    let mut tried = 0;
    let mut unsettled_bound = 0.0;
    let mut cut_short = false;
    for c in candidates {
        let best_gain = best.as_ref().map_or(0.0, |b| b.0);
        // Sorted by bound: no place left can beat the best.
        if c.bound <= best_gain + 1e-12 {
            break;
        }
        let (gain, source) = match c.exact {
            Some(gain) => (gain, RateSource::Ranging),
            None if tried >= budget => {
                unsettled_bound = c.bound;
                break;
            }
            // Out of time (before or during the re-solve): this place and
            // the ones after it keep their bound.
            None if probe.exhausted() => {
                unsettled_bound = c.bound;
                cut_short = true;
                break;
            }
            None => match probe.measure(&c.step)? {
                Measured::Plan(out) => {
                    tried += 1;
                    (points_of(&out) - frontier, RateSource::Resolve)
                }
                // More of a resource never removes the plan; skip a solver hiccup.
                Measured::NoPlan => {
                    tried += 1;
                    continue;
                }
                Measured::CutShort => {
                    unsettled_bound = c.bound;
                    cut_short = true;
                    break;
                }
            },
        };
        if gain > best_gain + 1e-12 {
            best = Some((gain, c.place, source));
        }
    }
    let (points, best_place, source) = match best {
        Some((gain, place, source)) => (gain, Some(place), source),
        None if tried > 0 => (0.0, None, RateSource::Resolve),
        None if cut_short => (0.0, None, RateSource::NotMeasured),
        None => (0.0, None, RateSource::ZeroDual),
    };
    Ok(ResourceRate {
        points_per_unit: Some(points),
        unit,
        best_place,
        source,
        unsettled_bound,
        tried,
        other_year: None,
    })
}

/// Computes the exchange rates of the target groups of the plan open in
/// `probe` that `include` accepts; `budget` caps the re-solves of each search
/// (one resource of one group).
pub fn exchange_rates(
    probe: &mut Probe,
    hard_targets: bool,
    budget: usize,
    include: impl Fn(&crate::instance::Target) -> bool,
) -> Result<ExchangeRates, AnalysisError> {
    let started = Instant::now();
    let resolves_before = probe.resolves;
    let inst = probe.instance().clone();
    let shortfalls = Shortfalls::of_plan(probe, &inst, hard_targets);
    let mut groups = Vec::new();
    let mut not_rated = Vec::new();
    for (g, target) in inst.targets.iter().enumerate() {
        if !include(target) {
            continue;
        }
        if probe.exhausted() {
            not_rated.push(g);
            continue;
        }
        match rate_group(probe, &inst, g, &shortfalls, budget)? {
            Some(rates) => groups.push(rates),
            None => not_rated.push(g),
        }
    }
    probe.restore(&shortfalls.original_bounds)?;
    Ok(ExchangeRates {
        groups,
        not_rated,
        resolves: probe.resolves - resolves_before,
        elapsed_s: started.elapsed().as_secs_f64(),
    })
}

/// The shortfall columns u[g], what the plan leaves in them, and their
/// bounds in the model as built (put back when the rates are done).
struct Shortfalls {
    columns: Vec<usize>,
    in_plan: Vec<f64>,
    original_bounds: Vec<(usize, f64, f64)>,
}

impl Shortfalls {
    fn of_plan(probe: &Probe, inst: &Instance, hard_targets: bool) -> Shortfalls {
        let columns: Vec<usize> = (0..inst.targets.len())
            .map(|g| probe.column(&ColumnKey::Shortfall { target: g }))
            .collect();
        let in_plan = columns.iter().map(|&c| probe.base.columns[c]).collect();
        let upper = if hard_targets { 0.0 } else { f64::INFINITY };
        let original_bounds = columns.iter().map(|&c| (c, 0.0, upper)).collect();
        Shortfalls {
            columns,
            in_plan,
            original_bounds,
        }
    }

    /// Bounds of the frontier of target `g`: its own shortfall free, every
    /// other target no worse than the plan achieves for it.
    fn frontier_bounds(&self, g: usize) -> Vec<(usize, f64, f64)> {
        self.columns
            .iter()
            .enumerate()
            .map(|(h, &c)| {
                let upper = if h == g {
                    f64::INFINITY
                } else {
                    self.in_plan[h]
                };
                (c, 0.0, upper)
            })
            .collect()
    }
}

/// The rates of target `g`'s group, or `None` when the frontier itself ran
/// out of the explanation's time (the target is then not rated).
fn rate_group(
    probe: &mut Probe,
    inst: &Instance,
    g: usize,
    shortfalls: &Shortfalls,
    budget: usize,
) -> Result<Option<GroupRates>, AnalysisError> {
    let target = &inst.targets[g];
    let z = group_level_columns(probe, inst, target);
    let mut costs = vec![0.0; probe.layout.columns.len()];
    for &(col, w) in &z {
        costs[col] = -w;
    }
    let frontier_out = probe.solve_with_objective(&costs, &shortfalls.frontier_bounds(g))?;
    if frontier_out.status == SolveStatus::TimeLimit {
        probe.restore(&shortfalls.original_bounds)?;
        probe.limited = true;
        return Ok(None);
    }
    if !frontier_out.has_solution {
        probe.restore(&shortfalls.original_bounds)?;
        return Err(AnalysisError::no_plan(frontier_out.status));
    }
    let points_of = |out: &Outcome| group_points(inst, g, &z, &out.columns);
    let frontier = points_of(&frontier_out);
    let plan_points = points_of(&probe.base);
    let budget_candidates = central_budget_candidates(probe, inst);
    let (talent_candidates, platform_candidates) = talent_and_platform_candidates(probe, inst);
    // Past the time limit, each rate keeps what the bounds settle.
    let budget = if probe.exhausted() { 0 } else { budget };
    let mut rate =
        |candidates, unit| best_rate(probe, frontier, &points_of, candidates, unit, budget);
    let mut central_budget = rate(budget_candidates, "亿元 of central budget")?;
    let talent = rate(talent_candidates, "k FTE of talent")?;
    let platform = if inst.model.platform_capacity_cu > 0.0 {
        rate(platform_candidates, "platform")?
    } else {
        not_applicable("platform")
    };
    central_budget.other_year = central_budget
        .best_place
        .as_deref()
        .and_then(|place| inst.years.iter().position(|y| y.to_string() == place))
        .filter(|&year| year != target.year)
        .map(|year| other_year(probe, inst, g, year, &frontier_out));
    Ok(Some(GroupRates {
        target: g,
        plan_points,
        frontier_points: frontier,
        ceiling_points: 100.0 * group_ceiling(inst, &target.items, target.year, Limits::Ceilings),
        central_budget,
        talent,
        platform,
        below_threshold: below_threshold(probe, inst, target),
    }))
}

/// What links `year`'s money to target `g`'s year: the linking rows that
/// bind at the group's frontier (a non-zero dual) between the two years,
/// and for an earlier year the accumulation of effort itself.
fn other_year(
    probe: &Probe,
    inst: &Instance,
    g: usize,
    year: usize,
    frontier: &Outcome,
) -> OtherYear {
    let target_year = inst.targets[g].year;
    let (from, to) = (year.min(target_year), year.max(target_year));
    // A row of year t links t−1 and t: it lies between the years when t is
    // in (from, to]; a pool balance carries from one year to the next.
    let between = |t: usize| t > from && t <= to;
    let mut links = Vec::new();
    if year < target_year {
        links.push(YearLink::Accumulation);
    }
    for (row, key) in probe.layout.rows.iter().enumerate() {
        let binds = frontier.row_duals.get(row).is_some_and(|d| d.abs() > 1e-9);
        if !binds {
            continue;
        }
        let link = match *key {
            RowKey::ContinuityGrowth { year: t, .. }
            | RowKey::ContinuityDecline { year: t, .. }
                if between(t) =>
            {
                YearLink::Continuity
            }
            RowKey::ModeContinuityGrowth { year: t, .. }
            | RowKey::ModeContinuityDecline { year: t, .. }
                if between(t) =>
            {
                YearLink::ModeContinuity
            }
            RowKey::PoolBalance { pool, year: t }
                if between(t) && inst.pools[pool].carry_over > 0.0 =>
            {
                YearLink::Pools
            }
            RowKey::Target { target } if target != g => YearLink::OtherTargets,
            _ => continue,
        };
        if !links.contains(&link) {
            links.push(link);
        }
    }
    if links.is_empty() {
        links.push(YearLink::OtherLimits);
    }
    links.sort();
    OtherYear {
        year,
        target_year,
        links,
    }
}

/// Items of `target`'s group whose threshold the plan has not passed by the
/// target year.
fn below_threshold(probe: &Probe, inst: &Instance, target: &crate::instance::Target) -> Vec<usize> {
    target
        .items
        .iter()
        .copied()
        .filter(|&k| inst.has_threshold(k))
        .filter(|&k| {
            let col = probe.column(&ColumnKey::Threshold {
                item: k,
                year: target.year,
            });
            probe.base.columns[col] < 0.5
        })
        .collect()
}

/// The group's level as columns: 100 × w_k/W on every segment of the
/// group's items in the target year.
fn group_level_columns(
    probe: &Probe,
    inst: &Instance,
    target: &crate::instance::Target,
) -> Vec<(usize, f64)> {
    let total = inst.group_weight(&target.items);
    let n_j = inst.model.response_multipliers.len();
    let mut z = Vec::new();
    for &k in &target.items {
        let share = 100.0 * inst.items[k].weight_yi / total;
        for j in 0..n_j {
            let key = ColumnKey::Segment {
                item: k,
                segment: j,
                year: target.year,
            };
            z.push((probe.column(&key), share));
        }
    }
    z
}

/// One more 亿元 of central budget, one year at a time: each a single row,
/// exact from its dual when the ranging interval covers the step.
fn central_budget_candidates(probe: &Probe, inst: &Instance) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    for (row, key) in probe.layout.rows.iter().enumerate() {
        if let RowKey::CentralBudget { year } = *key {
            let mut changed = inst.clone();
            changed.central_budget_yi[year] += 1.0;
            let step = probe.step(&[(row, 1.0)], Some(&changed), Some(year));
            let exact = (!probe.moves_site_bounds(&step))
                .then(|| probe.ranging(row))
                .flatten()
                .filter(|&(_, up)| probe.limit(row) + 1.0 <= up + 1e-9)
                .map(|_| -probe.dual(row));
            candidates.push(Candidate {
                place: inst.years[year].to_string(),
                bound: probe.dual_bound(&step),
                step,
                exact,
            });
        }
    }
    candidates
}

/// One more k FTE of talent in every year of one province, and one more
/// platform's capacity κ in every year of one area and province.
fn talent_and_platform_candidates(
    probe: &Probe,
    inst: &Instance,
) -> (Vec<Candidate>, Vec<Candidate>) {
    let mut talent_rows: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    let mut capacity_rows: BTreeMap<(usize, usize), Vec<(usize, f64)>> = BTreeMap::new();
    let kappa = inst.model.platform_capacity_cu;
    for (row, key) in probe.layout.rows.iter().enumerate() {
        match *key {
            RowKey::Talent { province, .. } => {
                talent_rows.entry(province).or_default().push((row, 1.0))
            }
            RowKey::Capacity { area, province, .. } => capacity_rows
                .entry((area, province))
                .or_default()
                .push((row, kappa)),
            _ => {}
        }
    }
    let talent = talent_rows
        .into_iter()
        .map(|(p, moves)| {
            let step = probe.step(&moves, None, None);
            Candidate {
                place: inst.provinces[p].id.clone(),
                bound: probe.dual_bound(&step),
                step,
                exact: None,
            }
        })
        .collect();
    let platform = capacity_rows
        .into_iter()
        .map(|((a, p), moves)| {
            let mut changed = inst.clone();
            changed.initial_capacity_cu[[a, p]] += kappa;
            let step = probe.step(&moves, Some(&changed), None);
            Candidate {
                place: format!("{} in {}", inst.areas[a].id, inst.provinces[p].id),
                bound: probe.dual_bound(&step),
                step,
                exact: None,
            }
        })
        .collect();
    (talent, platform)
}
