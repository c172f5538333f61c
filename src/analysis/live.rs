//! A live model: one built model kept in step with a base instance plus a
//! list of overrides. Budgets, talent, capacity, target levels and
//! penalties, gains and site limits are changed in place (row bounds,
//! coefficients, costs — as the constraint modules define them, see
//! `model::refresh`) and re-solved warm from the previous basis; any other
//! change rebuilds the model. Integer decisions can be kept fixed at an
//! earlier plan's values, by meaning, across rebuilds.

use std::collections::{BTreeSet, HashMap};

use crate::instance::overrides::{apply_all, Override, Touch};
use crate::instance::Instance;
use crate::model::{refresh, ColumnKey, Layout};
use crate::run::{open_session, RunError, RunOptions};
use crate::solve::{Outcome, Session, SolveError};

/// How the last change reached the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refresh {
    /// Nothing changed.
    Unchanged,
    /// Bounds, coefficients or costs were changed in place (warm re-solve).
    InPlace,
    /// The structure changed: the model was rebuilt (cold solve).
    Rebuilt,
}

/// A solver session, the base instance and the overrides in force.
pub struct LiveModel {
    pub session: Session,
    pub layout: Layout,
    col_of: HashMap<ColumnKey, usize>,
    run: RunOptions,
    base: Instance,
    current: Instance,
    applied: Vec<Override>,
    /// Integer columns kept fixed, by meaning.
    fixed: Option<HashMap<ColumnKey, f64>>,
}

impl LiveModel {
    /// Builds the model of `base` once.
    pub fn open(base: &Instance, run: &RunOptions) -> Result<LiveModel, RunError> {
        let (session, layout) = open_session(base, run)?;
        Ok(LiveModel {
            col_of: index(&layout),
            session,
            layout,
            run: run.clone(),
            base: base.clone(),
            current: base.clone(),
            applied: Vec::new(),
            fixed: None,
        })
    }

    pub fn solve(&mut self) -> Result<Outcome, SolveError> {
        self.session.solve()
    }

    /// The instance the live model represents now (base plus overrides).
    pub fn instance(&self) -> &Instance {
        &self.current
    }

    /// Keeps every integer decision (lead sites, platforms, the items a
    /// count target counts as assured, the years an R&D threshold is passed)
    /// at the values of `columns`, a solution of this model, so that each
    /// solve is an LP of that plan's structure. Kept across rebuilds by
    /// meaning; integer columns a rebuilt model adds are fixed at 0.
    pub fn fix_integers(&mut self, columns: &[f64]) -> Result<(), SolveError> {
        let fixed: HashMap<ColumnKey, f64> = self
            .layout
            .columns
            .iter()
            .zip(columns)
            .filter(|(k, _)| {
                matches!(
                    k,
                    ColumnKey::Site { .. }
                        | ColumnKey::NewPlatforms { .. }
                        | ColumnKey::Assured { .. }
                        | ColumnKey::Threshold { .. }
                )
            })
            .map(|(k, v)| (*k, *v))
            .collect();
        self.fixed = Some(fixed);
        self.apply_fixed()
    }

    fn apply_fixed(&mut self) -> Result<(), SolveError> {
        let Some(fixed) = &self.fixed else {
            return Ok(());
        };
        let values: Vec<f64> = self
            .layout
            .columns
            .iter()
            .map(|k| fixed.get(k).copied().unwrap_or(0.0))
            .collect();
        self.session.fix_integers(Some(&values))
    }

    /// Brings the model to `base` with `overrides` applied (replacing the
    /// overrides applied before). Input errors in the overrides come back as
    /// [`RunError::Input`].
    pub fn set_overrides(&mut self, overrides: &[Override]) -> Result<Refresh, RunError> {
        if overrides == self.applied.as_slice() {
            return Ok(Refresh::Unchanged);
        }
        let next = apply_all(&self.base, overrides).map_err(RunError::Input)?;
        let touched: BTreeSet<Touch> = self
            .applied
            .iter()
            .chain(overrides)
            .map(|o| o.param.spec().touch)
            .collect();
        let refresh = if touched.contains(&Touch::Structure) {
            let (session, layout) = open_session(&next, &self.run)?;
            self.session = session;
            self.col_of = index(&layout);
            self.layout = layout;
            self.apply_fixed()?;
            Refresh::Rebuilt
        } else {
            self.update_in_place(&next, &touched)?;
            Refresh::InPlace
        };
        self.current = next;
        self.applied = overrides.to_vec();
        Ok(refresh)
    }

    /// Changes every bound, coefficient and cost that `touched` can move and
    /// that differs between the model and `next`.
    fn update_in_place(
        &mut self,
        next: &Instance,
        touched: &BTreeSet<Touch>,
    ) -> Result<(), SolveError> {
        for (row, key) in self.layout.rows.iter().enumerate() {
            for &touch in touched {
                let current = self.layout.row_bounds[row];
                if let Some(b) = refresh::row_bounds(next, key, current, touch) {
                    if b != current {
                        self.session.set_row_bounds(row, b.lower, b.upper)?;
                        self.layout.row_bounds[row] = b;
                    }
                }
                for (col_key, value) in refresh::coefficients(next, key, touch) {
                    let col = self.col_of[&col_key];
                    self.session.set_coefficient(row, col, value)?;
                }
            }
        }
        for (col, key) in self.layout.columns.iter().enumerate() {
            for &touch in touched {
                if let Some(cost) = refresh::cost(next, key, touch) {
                    if cost != self.layout.costs[col] {
                        self.session.set_column_cost(col, cost)?;
                        self.layout.costs[col] = cost;
                    }
                }
            }
        }
        Ok(())
    }
}

fn index(layout: &Layout) -> HashMap<ColumnKey, usize> {
    layout
        .columns
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, i))
        .collect()
}
