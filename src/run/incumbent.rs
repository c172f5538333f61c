//! A good integer plan before branch-and-bound starts, built with what HiGHS
//! does not know about the model's structure:
//!
//! 1. the LP relaxation (integrality dropped, bounds kept) gives a bound and
//!    the lead-site effort each candidate site would get;
//! 2. lead sites are chosen item by item — from an earlier plan when one is
//!    given (a scenario starts from its base plan), else from the LP's
//!    effort — and improved by a local search whose moves (drop, add or swap
//!    one site of one item) are priced by warm LP re-solves of the same
//!    model;
//! 3. with the sites fixed, platforms are settled by diving in the LP: the
//!    fractional platform count nearest a whole number is fixed at the
//!    better of its floor and ceiling (two warm LP re-solves), until every
//!    count is whole (a small platform MIP when a dive ends without a plan);
//! 4. the plan is handed to HiGHS as a MIP start, or — when the LP bound
//!    already proves it within the gap — reported directly.
//!
//! Every step is deterministic for a given instance, options and start.

use std::collections::{BTreeMap, BTreeSet};

use crate::instance::Instance;
use crate::model::{ColumnKey, Layout};
use crate::solve::{Outcome, Session, SolveError, SolveStatus};

/// Designated lead sites by meaning: (item id, province id). Carries a plan's
/// site decisions to another instance of the same programme.
pub type SiteSet = BTreeSet<(String, String)>;

/// How much work the search may do.
#[derive(Debug, Clone, Copy)]
pub struct SearchLimits {
    /// LP re-solves the local search may spend.
    pub max_lp_solves: usize,
    /// The local search stops moving after this many times the LP
    /// relaxation's own solve, or `min_search_s` if that is longer: on
    /// large models each move's warm LP costs seconds, and 200 of them
    /// would cost more than the whole MIP is worth waiting for.
    pub search_time_factor: f64,
    /// The least time the local search gets [s].
    pub min_search_s: f64,
    /// The run's time limit, as a moment: the local search stops there
    /// whatever its own allowance.
    pub deadline: Option<std::time::Instant>,
    /// Unchosen candidates tried per item (best by LP effort first).
    pub candidates_per_item: usize,
    /// Relative gap of the platform sub-MIP.
    pub platform_gap: f64,
    /// The gap to restore for the final solve.
    pub final_gap: f64,
}

impl Default for SearchLimits {
    fn default() -> Self {
        SearchLimits {
            max_lp_solves: 200,
            search_time_factor: 5.0,
            min_search_s: 10.0,
            deadline: None,
            candidates_per_item: 4,
            platform_gap: 1e-3,
            final_gap: crate::tolerances::MIP_REL_GAP,
        }
    }
}

/// What the search found.
#[derive(Debug, Clone)]
pub struct Incumbent {
    /// Every column's value: a feasible integer plan.
    pub columns: Vec<f64>,
    /// Its objective [亿元].
    pub objective: f64,
    /// The LP relaxation's objective: a lower bound on the MIP [亿元].
    pub lp_bound: f64,
    /// LP re-solves the local search spent.
    pub lp_solves: usize,
    /// Site moves that improved the plan.
    pub improving_moves: usize,
    /// The local search stopped at its time before it ran out of moves: the
    /// sites are not a local optimum.
    pub search_cut_short: bool,
    /// The platforms came from the LP dive (the plan's continuous part is an
    /// LP vertex), not from a platform MIP.
    pub from_lp_dive: bool,
}

/// One candidate lead site: its y column and its lead-site effort columns.
pub(crate) struct Candidate {
    pub item: usize,
    pub province: usize,
    pub y: usize,
    pub effort: Vec<usize>,
}

/// Builds an incumbent for the MIP loaded in `session` (which must hold the
/// full MIP; it is left holding it again, with every bound restored).
/// Returns `None` when no feasible plan was found (the MIP may still have
/// one: HiGHS then searches on its own).
pub fn find_incumbent(
    session: &mut Session,
    layout: &Layout,
    inst: &Instance,
    start: Option<&SiteSet>,
    limits: &SearchLimits,
) -> Result<Option<Incumbent>, SolveError> {
    let candidates = candidates(inst, layout);
    session.relax_integrality(true)?;
    let result = search(session, inst, &candidates, start, limits);
    // Restore the MIP whatever happened.
    for c in &candidates {
        session.set_column_bounds(c.y, 0.0, 1.0)?;
    }
    session.relax_integrality(false)?;
    result
}

/// Every candidate lead site of the layout, in (item, province) order.
pub(crate) fn candidates(inst: &Instance, layout: &Layout) -> Vec<Candidate> {
    let mut by_site: BTreeMap<(usize, usize), Candidate> = BTreeMap::new();
    for (col, key) in layout.columns.iter().enumerate() {
        if let ColumnKey::Site { item, province } = *key {
            by_site.insert(
                (item, province),
                Candidate {
                    item,
                    province,
                    y: col,
                    effort: Vec::new(),
                },
            );
        }
    }
    for (col, key) in layout.columns.iter().enumerate() {
        if let ColumnKey::Effort {
            item,
            province,
            mode,
            ..
        } = *key
        {
            if inst.model.mode(mode).lead_sites {
                if let Some(c) = by_site.get_mut(&(item, province)) {
                    c.effort.push(col);
                }
            }
        }
    }
    by_site.into_values().collect()
}

/// The LP with the sites `chosen` (others closed): its objective, or
/// infinity when it has no plan, and its columns.
fn evaluate(
    session: &mut Session,
    candidates: &[Candidate],
    chosen: &BTreeSet<usize>,
    solves: &mut usize,
) -> Result<(f64, Vec<f64>), SolveError> {
    fix_sites(session, candidates, chosen)?;
    *solves += 1;
    let outcome = session.solve()?;
    Ok(optimal_lp(outcome))
}

/// Opens the candidate sites `chosen` (their y fixed at 1) and closes the others.
fn fix_sites(
    session: &mut Session,
    candidates: &[Candidate],
    chosen: &BTreeSet<usize>,
) -> Result<(), SolveError> {
    for (i, c) in candidates.iter().enumerate() {
        let v = if chosen.contains(&i) { 1.0 } else { 0.0 };
        session.set_column_bounds(c.y, v, v)?;
    }
    Ok(())
}

/// An LP outcome's objective and columns, or infinity without a plan.
fn optimal_lp(outcome: Outcome) -> (f64, Vec<f64>) {
    match outcome.objective {
        Some(obj) if outcome.status == SolveStatus::Optimal && outcome.has_solution => {
            (obj, outcome.columns)
        }
        _ => (f64::INFINITY, Vec::new()),
    }
}

/// Makes every platform count of the LP plan `lp` (sites fixed) whole by
/// diving: the fractional count nearest a whole number is fixed at the
/// better of its floor and ceiling by warm LP re-solves, until none is
/// fractional. Returns the whole-number plan and its objective, or `None`
/// when both roundings of some count leave no plan. Every bound it moved
/// is put back.
fn dive(
    session: &mut Session,
    sites: &BTreeSet<usize>,
    lp: (f64, Vec<f64>),
    solves: &mut usize,
) -> Result<Option<(f64, Vec<f64>)>, SolveError> {
    let counts: Vec<(usize, f64, f64)> = session
        .integer_columns()
        .iter()
        .filter(|ic| !sites.contains(&ic.col))
        .map(|ic| (ic.col, ic.lower, ic.upper))
        .collect();
    let mut current = lp;
    let mut moved = Vec::new();
    let result = loop {
        if !current.0.is_finite() {
            break None;
        }
        let fractional = counts
            .iter()
            .map(|&(col, lower, upper)| (col, lower, upper, current.1[col]))
            .filter(|&(_, _, _, v)| (v - v.round()).abs() > INTEGRALITY_TOL)
            .min_by(|a, b| {
                (a.3 - a.3.round())
                    .abs()
                    .total_cmp(&(b.3 - b.3.round()).abs())
                    .then(a.0.cmp(&b.0))
            });
        let Some((col, lower, upper, v)) = fractional else {
            break Some(current);
        };
        moved.push((col, lower, upper));
        let mut best: (f64, Vec<f64>) = (f64::INFINITY, Vec::new());
        let mut best_value = v.floor();
        for x in [v.floor(), v.ceil()] {
            if x < lower - INTEGRALITY_TOL || x > upper + INTEGRALITY_TOL {
                continue;
            }
            session.set_column_bounds(col, x, x)?;
            *solves += 1;
            let tried = optimal_lp(session.solve()?);
            if tried.0 < best.0 {
                best = tried;
                best_value = x;
            }
        }
        session.set_column_bounds(col, best_value, best_value)?;
        current = best;
    };
    for &(col, lower, upper) in &moved {
        session.set_column_bounds(col, lower, upper)?;
    }
    Ok(result.map(|(obj, mut columns)| {
        // Whole numbers exactly, as HiGHS will check the start.
        for &(col, _, _) in &counts {
            columns[col] = columns[col].round();
        }
        (obj, columns)
    }))
}

/// Below this a count's distance from a whole number is rounding noise.
const INTEGRALITY_TOL: f64 = 1e-6;

/// Steps 1–4 of the module's outline, on a session whose integrality is relaxed.
fn search(
    session: &mut Session,
    inst: &Instance,
    candidates: &[Candidate],
    start: Option<&SiteSet>,
    limits: &SearchLimits,
) -> Result<Option<Incumbent>, SolveError> {
    let root_started = std::time::Instant::now();
    let lp = session.solve()?;
    let deadline = search_deadline(limits, root_started);
    if lp.status != SolveStatus::Optimal || !lp.has_solution {
        return Ok(None);
    }
    let relaxation = Relaxation::new(&lp, candidates);
    let first = first_choice(inst, candidates, &relaxation, start);
    let mut solves = 0usize;
    let (objective, columns) = evaluate(session, candidates, &first, &mut solves)?;
    let mut search = LocalSearch {
        session: &mut *session,
        inst,
        candidates,
        relaxation: &relaxation,
        limits,
        deadline,
        sites: Sites {
            chosen: first,
            objective,
            columns,
        },
        solves,
        improving_moves: 0,
        cut_short: false,
    };
    search.run()?;
    let LocalSearch {
        sites,
        mut solves,
        improving_moves,
        cut_short,
        ..
    } = search;
    if !sites.objective.is_finite() {
        return Ok(None);
    }
    let Some((objective, columns, from_lp_dive)) =
        settle_platforms(session, candidates, sites, limits, &mut solves)?
    else {
        return Ok(None);
    };
    Ok(Some(Incumbent {
        objective,
        columns,
        from_lp_dive,
        lp_bound: relaxation.bound,
        lp_solves: solves,
        improving_moves,
        search_cut_short: cut_short,
    }))
}

/// When the local search stops: a multiple of the root LP's own solve
/// time (at least `min_search_s`), and never after the run's deadline.
fn search_deadline(limits: &SearchLimits, root_started: std::time::Instant) -> std::time::Instant {
    let own_deadline = root_started
        + std::time::Duration::from_secs_f64(
            (limits.search_time_factor * root_started.elapsed().as_secs_f64())
                .max(limits.min_search_s),
        );
    limits
        .deadline
        .map_or(own_deadline, |run| run.min(own_deadline))
}

/// What the LP relaxation says about the candidate sites.
struct Relaxation {
    /// Its objective: a lower bound on the MIP [亿元].
    bound: f64,
    /// The lead-site effort it gives each candidate.
    effort: Vec<f64>,
    /// Candidates of each item, best first by LP effort, then y, then position.
    by_item: BTreeMap<usize, Vec<usize>>,
}

impl Relaxation {
    fn new(lp: &Outcome, candidates: &[Candidate]) -> Relaxation {
        let effort: Vec<f64> = candidates
            .iter()
            .map(|c| c.effort.iter().map(|&col| lp.columns[col]).sum())
            .collect();
        let y: Vec<f64> = candidates.iter().map(|c| lp.columns[c.y]).collect();
        let mut by_item: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, c) in candidates.iter().enumerate() {
            by_item.entry(c.item).or_default().push(i);
        }
        for list in by_item.values_mut() {
            list.sort_by(|&a, &b| {
                effort[b]
                    .total_cmp(&effort[a])
                    .then(y[b].total_cmp(&y[a]))
                    .then(a.cmp(&b))
            });
        }
        Relaxation {
            bound: lp.objective.unwrap_or(f64::NEG_INFINITY),
            effort,
            by_item,
        }
    }

    /// LP effort of an item's candidates outside `chosen`: how much the
    /// relaxation spreads the item beyond the chosen sites.
    fn spread(&self, item: usize, chosen: &BTreeSet<usize>) -> f64 {
        self.by_item[&item]
            .iter()
            .filter(|i| !chosen.contains(i))
            .map(|&i| self.effort[i])
            .sum()
    }
}

/// The first sites: an earlier plan's sites where they exist here, else
/// the sites the LP uses most, up to S_k per item.
fn first_choice(
    inst: &Instance,
    candidates: &[Candidate],
    relaxation: &Relaxation,
    start: Option<&SiteSet>,
) -> BTreeSet<usize> {
    let mut chosen: BTreeSet<usize> = BTreeSet::new();
    for (&item, list) in &relaxation.by_item {
        let max = inst.items[item].max_sites;
        let picks: Vec<usize> = match start {
            Some(sites) => list
                .iter()
                .copied()
                .filter(|&i| {
                    let c = &candidates[i];
                    sites.contains(&(
                        inst.items[c.item].id.clone(),
                        inst.provinces[c.province].id.clone(),
                    ))
                })
                .take(max)
                .collect(),
            None => list
                .iter()
                .copied()
                .filter(|&i| relaxation.effort[i] > 1e-6)
                .take(max)
                .collect(),
        };
        chosen.extend(picks);
    }
    chosen
}

/// The chosen lead sites and the LP with them fixed.
struct Sites {
    chosen: BTreeSet<usize>,
    /// The LP's objective, or infinity when it has no plan [亿元].
    objective: f64,
    columns: Vec<f64>,
}

/// One site move: the site to close, the site to open.
type Move = (Option<usize>, Option<usize>);

/// What trying an item's moves came to.
enum Step {
    /// A move improved the plan and was kept.
    Improved,
    /// No move improves the plan.
    NoMove,
    /// The LP budget or the time ran out.
    Stop,
}

/// The local search of step 2: first improvement, item by item, from the
/// first sites priced by one LP.
struct LocalSearch<'a> {
    session: &'a mut Session,
    inst: &'a Instance,
    candidates: &'a [Candidate],
    relaxation: &'a Relaxation,
    limits: &'a SearchLimits,
    deadline: std::time::Instant,
    sites: Sites,
    solves: usize,
    improving_moves: usize,
    cut_short: bool,
}

impl LocalSearch<'_> {
    /// Up to three passes over the items, in order of how much the LP
    /// spreads each item's site effort beyond the first sites; stops after
    /// a pass without improvement.
    fn run(&mut self) -> Result<(), SolveError> {
        let mut items: Vec<usize> = self.relaxation.by_item.keys().copied().collect();
        let chosen = &self.sites.chosen;
        items.sort_by(|&a, &b| {
            self.relaxation
                .spread(b, chosen)
                .total_cmp(&self.relaxation.spread(a, chosen))
                .then(a.cmp(&b))
        });
        for _pass in 0..3 {
            let mut improved_in_pass = false;
            for &item in &items {
                loop {
                    match self.first_improving_move(item)? {
                        Step::Improved => improved_in_pass = true,
                        Step::NoMove => break,
                        Step::Stop => return Ok(()),
                    }
                }
            }
            if !improved_in_pass {
                break;
            }
        }
        Ok(())
    }

    /// Tries the item's moves in order and keeps the first that improves.
    fn first_improving_move(&mut self, item: usize) -> Result<Step, SolveError> {
        let improves = |new: f64, old: f64| new < old - 1e-9 * old.abs().max(1.0);
        for (drop, add) in self.moves(item) {
            if self.solves >= self.limits.max_lp_solves {
                return Ok(Step::Stop);
            }
            if std::time::Instant::now() >= self.deadline {
                self.cut_short = true;
                return Ok(Step::Stop);
            }
            let mut trial = self.sites.chosen.clone();
            if let Some(p) = drop {
                trial.remove(&p);
            }
            if let Some(q) = add {
                trial.insert(q);
            }
            let (value, columns) =
                evaluate(self.session, self.candidates, &trial, &mut self.solves)?;
            if improves(value, self.sites.objective) {
                self.sites = Sites {
                    chosen: trial,
                    objective: value,
                    columns,
                };
                self.improving_moves += 1;
                return Ok(Step::Improved);
            }
        }
        Ok(Step::NoMove)
    }

    /// Moves worth an LP: opening a site the relaxation uses, and closing
    /// one whose relaxed effort is below the minimum a designated site must
    /// receive (the MIP pays that minimum). Closings first, then for each
    /// site to open: the plain opening (while under S_k), then the swaps.
    fn moves(&self, item: usize) -> Vec<Move> {
        let list = &self.relaxation.by_item[&item];
        let effort = &self.relaxation.effort;
        let chosen = &self.sites.chosen;
        let mine: Vec<usize> = list
            .iter()
            .copied()
            .filter(|i| chosen.contains(i))
            .collect();
        let others: Vec<usize> = list
            .iter()
            .copied()
            .filter(|i| !chosen.contains(i) && effort[*i] > 1e-6)
            .take(self.limits.candidates_per_item)
            .collect();
        let item = &self.inst.items[item];
        let mut moves: Vec<Move> = Vec::new();
        for &p in &mine {
            if effort[p] < item.min_site_effort {
                moves.push((Some(p), None));
            }
        }
        for &q in &others {
            if mine.len() < item.max_sites {
                moves.push((None, Some(q)));
            }
            for &p in &mine {
                moves.push((Some(p), Some(q)));
            }
        }
        moves
    }
}

/// Step 3 with the sites fixed: a dive in the LP, or a small MIP over
/// platforms only if the dive ends without a plan. Returns the plan, its
/// objective and whether it came from the dive; `None` when neither found one.
fn settle_platforms(
    session: &mut Session,
    candidates: &[Candidate],
    sites: Sites,
    limits: &SearchLimits,
    solves: &mut usize,
) -> Result<Option<(f64, Vec<f64>, bool)>, SolveError> {
    fix_sites(session, candidates, &sites.chosen)?;
    let site_columns: BTreeSet<usize> = candidates.iter().map(|c| c.y).collect();
    let dived = dive(
        session,
        &site_columns,
        (sites.objective, sites.columns),
        solves,
    )?;
    session.relax_integrality(false)?;
    if let Some((objective, columns)) = dived {
        return Ok(Some((objective, columns, true)));
    }
    session.set_mip_gap(limits.platform_gap)?;
    let settled = session.solve()?;
    session.set_mip_gap(limits.final_gap)?;
    if !settled.has_solution {
        return Ok(None);
    }
    Ok(Some((
        settled.objective.unwrap_or(f64::INFINITY),
        settled.columns,
        false,
    )))
}
