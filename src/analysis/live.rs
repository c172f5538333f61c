//! A live model kept in step with an instance: changing budgets, talent,
//! capacity, target levels or gains updates the HiGHS model in place (row
//! bounds and coefficients) so it can be re-solved warm from the previous
//! basis, instead of being rebuilt.

use std::collections::HashMap;

use crate::instance::Instance;
use crate::model::constraints::sites::site_effort_bound;
use crate::model::{ColumnKey, Layout, RowKey};
use crate::run::{open_session, RunError, RunOptions};
use crate::solve::{Outcome, Session, SolveError};

/// A solver session and the instance its model currently represents.
pub struct LiveModel {
    pub session: Session,
    pub layout: Layout,
    col_of: HashMap<ColumnKey, usize>,
    current: Instance,
}

impl LiveModel {
    /// Builds the model of `inst` once.
    pub fn open(inst: &Instance, opts: &RunOptions) -> Result<LiveModel, RunError> {
        let (session, layout) = open_session(inst, opts)?;
        let col_of = layout
            .columns
            .iter()
            .enumerate()
            .map(|(i, k)| (*k, i))
            .collect();
        Ok(LiveModel {
            session,
            layout,
            col_of,
            current: inst.clone(),
        })
    }

    pub fn solve(&mut self) -> Result<Outcome, SolveError> {
        self.session.solve()
    }

    /// The instance the live model represents now.
    pub fn instance(&self) -> &Instance {
        &self.current
    }

    /// Brings the live model to `next`, which must differ from the current
    /// instance only in budgets, talent, initial capacity, target levels or
    /// gains (the parameters sweeps, tornado and Monte Carlo vary).
    pub fn set_instance(&mut self, next: &Instance) -> Result<(), SolveError> {
        let cur = &self.current;
        let same_structure = cur.items.len() == next.items.len()
            && cur.items.iter().zip(&next.items).all(|(a, b)| {
                a.s0 == b.s0
                    && a.smax == b.smax
                    && a.weight_yi == b.weight_yi
                    && a.area == b.area
                    && a.tier == b.tier
            })
            && cur.model.modes == next.model.modes
            && cur.years == next.years
            && cur.provinces.len() == next.provinces.len()
            && cur.advantage == next.advantage
            && cur.links.len() == next.links.len()
            && cur.targets.iter().zip(&next.targets).all(|(a, b)| {
                a.items == b.items
                    && a.year == b.year
                    && a.penalty_yi_per_point == b.penalty_yi_per_point
            });
        if !same_structure {
            // Other changes (shares, weights, mode costs, …) touch the objective,
            // column bounds and many rows: rebuild instead.
            return Err(SolveError::Highs("the live model follows only budgets, talent, capacity, target levels and gains; rebuild for other changes".into()));
        }
        let budgets_changed = cur.central_budget_yi != next.central_budget_yi
            || cur.provincial_budget_yi != next.provincial_budget_yi;
        let capacity_changed = cur.initial_capacity_cu != next.initial_capacity_cu;
        let mut row_updates: Vec<(usize, f64, f64)> = Vec::new();
        let mut coef_updates: Vec<(usize, usize, f64)> = Vec::new();
        for (i, key) in self.layout.rows.iter().enumerate() {
            let b = self.layout.row_bounds[i];
            match *key {
                RowKey::CentralBudget { year }
                    if cur.central_budget_yi[year] != next.central_budget_yi[year] =>
                {
                    row_updates.push((i, b.lower, next.central_budget_yi[year]));
                }
                RowKey::ProvincialBudget { province, year }
                    if cur.provincial_budget_yi[[province, year]]
                        != next.provincial_budget_yi[[province, year]] =>
                {
                    row_updates.push((i, b.lower, next.provincial_budget_yi[[province, year]]));
                }
                RowKey::Talent { province, year } => {
                    let v = next.base_talent_kfte(province, year);
                    if v != cur.base_talent_kfte(province, year) {
                        row_updates.push((i, b.lower, v));
                    }
                }
                RowKey::Capacity { area, province, .. }
                    if cur.initial_capacity_cu[[area, province]]
                        != next.initial_capacity_cu[[area, province]] =>
                {
                    row_updates.push((i, b.lower, next.initial_capacity_cu[[area, province]]));
                }
                RowKey::Target { target }
                    if cur.targets[target].level != next.targets[target].level =>
                {
                    let g = &next.targets[target];
                    let base = next.initial_group_level(&g.items);
                    row_updates.push((i, g.level - base, b.upper));
                }
                RowKey::Response { item, year }
                    if cur.items[item].gain_per_effort != next.items[item].gain_per_effort =>
                {
                    for (j, mu) in next.model.response_multipliers.iter().enumerate() {
                        let col = self.col_of[&ColumnKey::Segment {
                            item,
                            segment: j,
                            year,
                        }];
                        coef_updates.push((i, col, 1.0 / (next.items[item].gain_per_effort * mu)));
                    }
                }
                RowKey::SiteLink {
                    item,
                    province,
                    year,
                } if budgets_changed || capacity_changed => {
                    let bound = site_effort_bound(next, item, province, year);
                    let col = self.col_of[&ColumnKey::Site { item, province }];
                    coef_updates.push((i, col, -bound));
                }
                _ => {}
            }
        }
        for (row, lower, upper) in row_updates {
            self.session.set_row_bounds(row, lower, upper)?;
            self.layout.row_bounds[row].lower = lower;
            self.layout.row_bounds[row].upper = upper;
        }
        for (row, col, value) in coef_updates {
            self.session.set_coefficient(row, col, value)?;
        }
        self.current = next.clone();
        Ok(())
    }
}
