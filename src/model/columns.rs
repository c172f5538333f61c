//! The decision variables of docs/model.md §4, created in a fixed order so that a
//! column's position is known without asking the solver.

use std::collections::HashMap;

use good_lp::{variable, ProblemVariables, Variable};

use super::index::ColumnKey;
use super::numerics::Numerics;
use super::BuildOptions;
use crate::instance::{Instance, Mode};

/// An effort column e[k,p,m,t].
#[derive(Debug, Clone, Copy)]
pub struct EffortColumn {
    pub item: usize,
    pub province: usize,
    pub mode: Mode,
    pub year: usize,
    pub col: usize,
}

/// An integer column and its bounds, so integers can be fixed and restored.
#[derive(Debug, Clone, Copy)]
pub struct IntegerColumn {
    pub col: usize,
    pub lower: f64,
    pub upper: f64,
}

/// Every column, with typed lookups by meaning.
#[derive(Debug, Default)]
pub struct Columns {
    /// good_lp handles, position = solver column.
    pub vars: Vec<Variable>,
    /// Meaning of each column, position = solver column.
    pub keys: Vec<ColumnKey>,
    /// Integer columns (sites and platforms) with their bounds, unless relaxed.
    pub integer: Vec<IntegerColumn>,
    pub effort: Vec<EffortColumn>,
    /// Effort entries (positions in `effort`) by item, then year.
    pub effort_by_item_year: Vec<Vec<usize>>,
    /// Effort entries by province, then year.
    pub effort_by_province_year: Vec<Vec<usize>>,
    /// y[k,p] columns by (item, province).
    pub site: HashMap<(usize, usize), usize>,
    /// n[a,p,t] by (area, province) → one column per year.
    pub new_platforms: HashMap<(usize, usize), Vec<usize>>,
    /// tr[p,t] by province → one column per year (empty when training is off).
    pub training: Vec<Vec<usize>>,
    /// z[k,j,t], flat: (k * nJ + j) * |T| + t.
    pub segment: Vec<usize>,
    /// Q[k,t], flat: k * |T| + t (empty in the direct form).
    pub stock: Vec<usize>,
    /// u[g].
    pub shortfall: Vec<usize>,
    /// Fund[a,t], flat: a * |T| + t (empty without continuity).
    pub area_funding: Vec<usize>,
    /// Central project funding by year (empty without a concentration cap).
    pub central_funding: Vec<usize>,
    n_years: usize,
    n_segments: usize,
}

impl Columns {
    pub fn var(&self, col: usize) -> Variable {
        self.vars[col]
    }

    pub fn segment(&self, k: usize, j: usize, t: usize) -> usize {
        self.segment[(k * self.n_segments + j) * self.n_years + t]
    }

    pub fn stock(&self, k: usize, t: usize) -> usize {
        self.stock[k * self.n_years + t]
    }

    /// Fund[a,t] (only with continuity).
    pub fn area_funding(&self, a: usize, t: usize) -> usize {
        self.area_funding[a * self.n_years + t]
    }

    pub fn effort_of_item(&self, k: usize, t: usize) -> impl Iterator<Item = &EffortColumn> {
        self.effort_by_item_year[k * self.n_years + t]
            .iter()
            .map(|&i| &self.effort[i])
    }

    pub fn effort_of_province(&self, p: usize, t: usize) -> impl Iterator<Item = &EffortColumn> {
        self.effort_by_province_year[p * self.n_years + t]
            .iter()
            .map(|&i| &self.effort[i])
    }

    /// Adds one column; its bounds are cleaned of residue (a segment width
    /// `(smax − s0)/nJ` of an item already at its ceiling) and measured.
    fn add(
        &mut self,
        pv: &mut ProblemVariables,
        numerics: &mut Numerics,
        key: ColumnKey,
        def: good_lp::VariableDefinition,
    ) -> usize {
        let (lower, upper) = (def.get_min(), def.get_max());
        let def = def.clamp(numerics.bound_value(lower), numerics.bound_value(upper));
        let col = self.vars.len();
        self.vars.push(pv.add(def));
        self.keys.push(key);
        col
    }

    /// Creates every column of the formulation.
    pub fn create(
        inst: &Instance,
        opts: &BuildOptions,
        pv: &mut ProblemVariables,
        numerics: &mut Numerics,
    ) -> Columns {
        let n_t = inst.years.len();
        let n_j = inst.model.response_multipliers.len();
        let mut c = Columns {
            n_years: n_t,
            n_segments: n_j,
            effort_by_item_year: vec![Vec::new(); inst.items.len() * n_t],
            effort_by_province_year: vec![Vec::new(); inst.provinces.len() * n_t],
            ..Columns::default()
        };
        // e[k,p,m,t]: only allowed modes, national only at eligible provinces.
        for k in 0..inst.items.len() {
            for p in 0..inst.provinces.len() {
                for m in inst.model.mode_ids() {
                    if !inst.effort_allowed(k, p, m) {
                        continue;
                    }
                    for t in 0..n_t {
                        let key = ColumnKey::Effort {
                            item: k,
                            province: p,
                            mode: m,
                            year: t,
                        };
                        let col = c.add(pv, numerics, key, variable().min(0.0));
                        let entry = c.effort.len();
                        c.effort.push(EffortColumn {
                            item: k,
                            province: p,
                            mode: m,
                            year: t,
                            col,
                        });
                        c.effort_by_item_year[k * n_t + t].push(entry);
                        c.effort_by_province_year[p * n_t + t].push(entry);
                    }
                }
            }
        }
        // y[k,p]: one per eligible national site.
        for k in 0..inst.items.len() {
            for p in 0..inst.provinces.len() {
                if inst.is_site_candidate(k, p) {
                    let def = if opts.relax {
                        variable().clamp(0.0, 1.0)
                    } else {
                        variable().binary()
                    };
                    let col = c.add(
                        pv,
                        numerics,
                        ColumnKey::Site {
                            item: k,
                            province: p,
                        },
                        def,
                    );
                    if !opts.relax {
                        c.integer.push(IntegerColumn {
                            col,
                            lower: 0.0,
                            upper: 1.0,
                        });
                    }
                    c.site.insert((k, p), col);
                }
            }
        }
        // n[a,p,t]: only where a province may build and a platform adds capacity.
        let model = &inst.model;
        if model.platform_capacity_cu > 0.0 {
            for a in 0..inst.areas.len() {
                for (p, prov) in inst.provinces.iter().enumerate() {
                    if prov.max_new_platforms == 0 {
                        continue;
                    }
                    let cols: Vec<usize> = (0..n_t)
                        .map(|t| {
                            let mut def = variable().clamp(0.0, prov.max_new_platforms as f64);
                            if !opts.relax {
                                def = def.integer();
                            }
                            let col = c.add(
                                pv,
                                numerics,
                                ColumnKey::NewPlatforms {
                                    area: a,
                                    province: p,
                                    year: t,
                                },
                                def,
                            );
                            if !opts.relax {
                                let upper = prov.max_new_platforms as f64;
                                c.integer.push(IntegerColumn {
                                    col,
                                    lower: 0.0,
                                    upper,
                                });
                            }
                            col
                        })
                        .collect();
                    c.new_platforms.insert((a, p), cols);
                }
            }
        }
        // tr[p,t]: only when training adds talent.
        c.training = (0..inst.provinces.len())
            .map(|p| {
                if model.training_kfte_per_yi > 0.0 {
                    (0..n_t)
                        .map(|t| {
                            c.add(
                                pv,
                                numerics,
                                ColumnKey::Training {
                                    province: p,
                                    year: t,
                                },
                                variable().min(0.0),
                            )
                        })
                        .collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        // z[k,j,t] ∈ [0, width_kj].
        for k in 0..inst.items.len() {
            let width = inst.segment_width(k);
            for j in 0..n_j {
                for t in 0..n_t {
                    let col = c.add(
                        pv,
                        numerics,
                        ColumnKey::Segment {
                            item: k,
                            segment: j,
                            year: t,
                        },
                        variable().clamp(0.0, width),
                    );
                    c.segment.push(col);
                }
            }
        }
        // Q[k,t] ≥ 0 in the stock form.
        if opts.response_form == super::ResponseForm::Stock {
            for k in 0..inst.items.len() {
                for t in 0..n_t {
                    let col = c.add(
                        pv,
                        numerics,
                        ColumnKey::Stock { item: k, year: t },
                        variable().min(0.0),
                    );
                    c.stock.push(col);
                }
            }
        }
        // u[g] ≥ 0, fixed at 0 with hard targets.
        for g in 0..inst.targets.len() {
            let def = if opts.hard_targets {
                variable().clamp(0.0, 0.0)
            } else {
                variable().min(0.0)
            };
            let col = c.add(pv, numerics, ColumnKey::Shortfall { target: g }, def);
            c.shortfall.push(col);
        }
        // Fund[a,t] ≥ 0 with (CONT); central project funding ≥ 0 with (CAP).
        if inst.continuity.is_some() {
            for a in 0..inst.areas.len() {
                for t in 0..n_t {
                    let key = ColumnKey::AreaFunding { area: a, year: t };
                    let col = c.add(pv, numerics, key, variable().min(0.0));
                    c.area_funding.push(col);
                }
            }
        }
        if inst.concentration.is_some() {
            for t in 0..n_t {
                let col = c.add(
                    pv,
                    numerics,
                    ColumnKey::CentralFunding { year: t },
                    variable().min(0.0),
                );
                c.central_funding.push(col);
            }
        }
        c
    }
}
