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
    /// x[f,k,p,m,t] of each effort entry (position in `effort`): (pool, column)
    /// for every pool that may pay it (empty without pools).
    pub pool_funding: Vec<Vec<(usize, usize)>>,
    /// xp[f,t] by pool → one column per year (empty for a pool that pays no platforms).
    pub pool_platform: Vec<Vec<usize>>,
    /// left[f,t] by pool → one column per year.
    pub pool_left: Vec<Vec<usize>>,
    /// a[k,g] of (CT) by target, in the order of the target's items (empty
    /// for a weighted target).
    pub assured: Vec<Vec<usize>>,
    /// b[k,t] by item → one column per year (empty for items without an
    /// R&D threshold).
    pub threshold: Vec<Vec<usize>>,
    /// Fund[m,t], flat: m * |T| + t (empty without (CONT-M)).
    pub mode_funding: Vec<usize>,
    /// z_post[k,j], flat: k * nJ + j (empty unless (END) values the horizon's end).
    pub segment_after_horizon: Vec<usize>,
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

    /// Fund[m,t] (only with (CONT-M)).
    pub fn mode_funding(&self, m: usize, t: usize) -> usize {
        self.mode_funding[m * self.n_years + t]
    }

    /// z_post[k,j] (only with (END)).
    pub fn segment_after_horizon(&self, k: usize, j: usize) -> usize {
        self.segment_after_horizon[k * self.n_segments + j]
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

    /// Creates every column of the formulation, family by family in the
    /// order of docs/model.md §4 (the order fixes each column's position).
    pub fn create(
        inst: &Instance,
        opts: &BuildOptions,
        pv: &mut ProblemVariables,
        numerics: &mut Numerics,
    ) -> Columns {
        let n_t = inst.years.len();
        let columns = Columns {
            n_years: n_t,
            n_segments: inst.model.response_multipliers.len(),
            effort_by_item_year: vec![Vec::new(); inst.items.len() * n_t],
            effort_by_province_year: vec![Vec::new(); inst.provinces.len() * n_t],
            ..Columns::default()
        };
        let mut c = Creation {
            inst,
            opts,
            pv,
            numerics,
            columns,
        };
        c.effort();
        c.sites();
        c.new_platforms();
        c.training();
        c.segments();
        c.stocks();
        c.shortfalls();
        c.area_funding();
        c.central_funding();
        c.pools();
        c.assured();
        c.thresholds();
        c.mode_funding();
        c.segments_after_horizon();
        c.columns
    }

    /// Adds the second-stage columns of one more draw of docs/model.md §11
    /// (ROB) — z, Q, u, and a, b and z_post where the instance has them —
    /// for the draw's instance `draw` (same sets as the instance these
    /// columns were made for), and returns their positions. The columns in
    /// force stay those they were.
    pub fn add_draw(
        &mut self,
        draw: &Instance,
        opts: &BuildOptions,
        pv: &mut ProblemVariables,
        numerics: &mut Numerics,
    ) -> DrawColumns {
        let in_force = self.swap_draw(DrawColumns::default());
        let mut c = Creation {
            inst: draw,
            opts,
            pv,
            numerics,
            columns: std::mem::take(self),
        };
        c.segments();
        c.stocks();
        c.shortfalls();
        c.assured();
        c.thresholds();
        c.segments_after_horizon();
        *self = c.columns;
        self.swap_draw(in_force)
    }

    /// Adds one column of docs/model.md §11 (ROB) in [lower, upper],
    /// integer (and recorded with its bounds) when `integer`.
    pub fn add_robust(
        &mut self,
        pv: &mut ProblemVariables,
        key: ColumnKey,
        lower: f64,
        upper: f64,
        integer: bool,
    ) -> usize {
        let def = variable().clamp(lower, upper);
        let col = self.vars.len();
        if integer {
            self.vars.push(pv.add(def.integer()));
            self.integer.push(IntegerColumn { col, lower, upper });
        } else {
            self.vars.push(pv.add(def));
        }
        self.keys.push(key);
        col
    }

    /// Puts the second-stage columns of `draw` in force and returns those
    /// that were: the constraint families then build that draw's rows from
    /// these columns exactly as they build the deterministic model's, with
    /// every first-stage column shared.
    pub fn swap_draw(&mut self, mut draw: DrawColumns) -> DrawColumns {
        std::mem::swap(&mut self.segment, &mut draw.segment);
        std::mem::swap(&mut self.stock, &mut draw.stock);
        std::mem::swap(&mut self.shortfall, &mut draw.shortfall);
        std::mem::swap(&mut self.assured, &mut draw.assured);
        std::mem::swap(&mut self.threshold, &mut draw.threshold);
        std::mem::swap(
            &mut self.segment_after_horizon,
            &mut draw.segment_after_horizon,
        );
        draw
    }
}

/// The second-stage columns of one draw of docs/model.md §11 (ROB), laid
/// out as in [`Columns`].
#[derive(Debug, Default, Clone)]
pub struct DrawColumns {
    pub segment: Vec<usize>,
    pub stock: Vec<usize>,
    pub shortfall: Vec<usize>,
    pub assured: Vec<Vec<usize>>,
    pub threshold: Vec<Vec<usize>>,
    pub segment_after_horizon: Vec<usize>,
}

/// The columns being created, with what adding one needs.
struct Creation<'a> {
    inst: &'a Instance,
    opts: &'a BuildOptions,
    pv: &'a mut ProblemVariables,
    numerics: &'a mut Numerics,
    columns: Columns,
}

impl Creation<'_> {
    /// Adds one column; its bounds are cleaned of residue (a segment width
    /// `(smax − s0)/nJ` of an item already at its ceiling) and measured.
    fn add(&mut self, key: ColumnKey, def: good_lp::VariableDefinition) -> usize {
        let (lower, upper) = (def.get_min(), def.get_max());
        let numerics = &mut *self.numerics;
        let def = def.clamp(numerics.bound_value(lower), numerics.bound_value(upper));
        let c = &mut self.columns;
        let col = c.vars.len();
        c.vars.push(self.pv.add(def));
        c.keys.push(key);
        col
    }

    /// Adds a count in [0, upper]: an integer column, recorded with its
    /// bounds, unless the build relaxes integrality.
    fn add_count(&mut self, key: ColumnKey, upper: f64) -> usize {
        let def = variable().clamp(0.0, upper);
        if self.opts.relax {
            return self.add(key, def);
        }
        let col = self.add(key, def.integer());
        self.columns.integer.push(IntegerColumn {
            col,
            lower: 0.0,
            upper,
        });
        col
    }

    /// One column ≥ 0 per year.
    fn add_yearly(&mut self, key: impl Fn(usize) -> ColumnKey) -> Vec<usize> {
        (0..self.inst.years.len())
            .map(|t| self.add(key(t), variable().min(0.0)))
            .collect()
    }

    /// e[k,p,m,t] ≥ 0: only allowed modes, national only at eligible provinces.
    fn effort(&mut self) {
        let inst = self.inst;
        let n_t = inst.years.len();
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
                        let col = self.add(key, variable().min(0.0));
                        let c = &mut self.columns;
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
    }

    /// y[k,p] ∈ {0, 1}: one per eligible national site.
    fn sites(&mut self) {
        for k in 0..self.inst.items.len() {
            for p in 0..self.inst.provinces.len() {
                if self.inst.is_site_candidate(k, p) {
                    let key = ColumnKey::Site {
                        item: k,
                        province: p,
                    };
                    let col = self.add_count(key, 1.0);
                    self.columns.site.insert((k, p), col);
                }
            }
        }
    }

    /// n[a,p,t] ∈ {0, …, Nmax_p}: only where a province may build and a
    /// platform adds capacity.
    fn new_platforms(&mut self) {
        let inst = self.inst;
        if inst.model.platform_capacity_cu <= 0.0 {
            return;
        }
        for a in 0..inst.areas.len() {
            for (p, prov) in inst.provinces.iter().enumerate() {
                if prov.max_new_platforms == 0 {
                    continue;
                }
                let cols: Vec<usize> = (0..inst.years.len())
                    .map(|t| {
                        let key = ColumnKey::NewPlatforms {
                            area: a,
                            province: p,
                            year: t,
                        };
                        self.add_count(key, prov.max_new_platforms as f64)
                    })
                    .collect();
                self.columns.new_platforms.insert((a, p), cols);
            }
        }
    }

    /// tr[p,t] ≥ 0: only when training adds talent.
    fn training(&mut self) {
        let trains = self.inst.model.training_kfte_per_yi > 0.0;
        self.columns.training = (0..self.inst.provinces.len())
            .map(|p| {
                if trains {
                    self.add_yearly(|t| ColumnKey::Training {
                        province: p,
                        year: t,
                    })
                } else {
                    Vec::new()
                }
            })
            .collect();
    }

    /// z[k,j,t] ∈ [0, width_kj].
    fn segments(&mut self) {
        for k in 0..self.inst.items.len() {
            let width = self.inst.segment_width(k);
            for j in 0..self.columns.n_segments {
                for t in 0..self.inst.years.len() {
                    let key = ColumnKey::Segment {
                        item: k,
                        segment: j,
                        year: t,
                    };
                    let col = self.add(key, variable().clamp(0.0, width));
                    self.columns.segment.push(col);
                }
            }
        }
    }

    /// Q[k,t] ≥ 0 in the stock form.
    fn stocks(&mut self) {
        if self.opts.response_form != super::ResponseForm::Stock {
            return;
        }
        for k in 0..self.inst.items.len() {
            let cols = self.add_yearly(|t| ColumnKey::Stock { item: k, year: t });
            self.columns.stock.extend(cols);
        }
    }

    /// u[g] ≥ 0, fixed at 0 with hard targets.
    fn shortfalls(&mut self) {
        for g in 0..self.inst.targets.len() {
            let def = if self.opts.hard_targets {
                variable().clamp(0.0, 0.0)
            } else {
                variable().min(0.0)
            };
            let col = self.add(ColumnKey::Shortfall { target: g }, def);
            self.columns.shortfall.push(col);
        }
    }

    /// Fund[a,t] ≥ 0 with (CONT).
    fn area_funding(&mut self) {
        if self.inst.continuity.is_none() {
            return;
        }
        for a in 0..self.inst.areas.len() {
            let cols = self.add_yearly(|t| ColumnKey::AreaFunding { area: a, year: t });
            self.columns.area_funding.extend(cols);
        }
    }

    /// Central project funding ≥ 0 with (CAP).
    fn central_funding(&mut self) {
        if self.inst.concentration.is_some() {
            self.columns.central_funding =
                self.add_yearly(|t| ColumnKey::CentralFunding { year: t });
        }
    }

    /// (POOL) x ≥ 0 for every pool that may pay an effort column with
    /// central funding, xp ≥ 0 for pools that pay platforms (where any can
    /// be built), left ≥ 0 for every pool and year.
    fn pools(&mut self) {
        let inst = self.inst;
        if inst.pools.is_empty() {
            return;
        }
        let mut funding = vec![Vec::new(); self.columns.effort.len()];
        for (entry, slot) in funding.iter_mut().enumerate() {
            let e = self.columns.effort[entry];
            if super::constraints::central_funding_yi(inst, &e) == 0.0 {
                continue;
            }
            for f in inst.pools_paying(e.item, e.mode) {
                let key = ColumnKey::PoolFunding {
                    pool: f,
                    item: e.item,
                    province: e.province,
                    mode: e.mode,
                    year: e.year,
                };
                slot.push((f, self.add(key, variable().min(0.0))));
            }
        }
        self.columns.pool_funding = funding;
        let platform_cost = inst.model.platform_central_share * inst.model.platform_cost_yi;
        let builds = platform_cost != 0.0 && !self.columns.new_platforms.is_empty();
        for (f, pool) in inst.pools.iter().enumerate() {
            let cols = if builds && pool.platforms {
                self.add_yearly(|t| ColumnKey::PoolPlatformFunding { pool: f, year: t })
            } else {
                Vec::new()
            };
            self.columns.pool_platform.push(cols);
        }
        for f in 0..inst.pools.len() {
            let cols = self.add_yearly(|t| ColumnKey::PoolLeft { pool: f, year: t });
            self.columns.pool_left.push(cols);
        }
    }

    /// a[k,g] ∈ {0, 1} for every item of a count target's group.
    fn assured(&mut self) {
        let inst = self.inst;
        self.columns.assured = inst
            .targets
            .iter()
            .enumerate()
            .map(|(g, target)| {
                if target.metric != crate::instance::TargetMetric::Count {
                    return Vec::new();
                }
                target
                    .items
                    .iter()
                    .map(|&k| self.add_count(ColumnKey::Assured { item: k, target: g }, 1.0))
                    .collect()
            })
            .collect();
    }

    /// b[k,t] ∈ {0, 1} for every item with an R&D threshold (THR), created
    /// last so that the columns of an instance without thresholds keep
    /// their positions.
    fn thresholds(&mut self) {
        let inst = self.inst;
        self.columns.threshold = (0..inst.items.len())
            .map(|k| {
                if !inst.has_threshold(k) {
                    return Vec::new();
                }
                (0..inst.years.len())
                    .map(|t| self.add_count(ColumnKey::Threshold { item: k, year: t }, 1.0))
                    .collect()
            })
            .collect();
    }

    /// Fund[m,t] ≥ 0 with (CONT-M).
    fn mode_funding(&mut self) {
        if self.inst.mode_continuity.is_none() {
            return;
        }
        for m in self.inst.model.mode_ids() {
            let cols = self.add_yearly(|t| ColumnKey::ModeFunding { mode: m, year: t });
            self.columns.mode_funding.extend(cols);
        }
    }

    /// z_post[k,j] ∈ [0, width_kj] with (END).
    fn segments_after_horizon(&mut self) {
        if self.inst.horizon_end.is_none() {
            return;
        }
        for k in 0..self.inst.items.len() {
            let width = self.inst.segment_width(k);
            for j in 0..self.columns.n_segments {
                let key = ColumnKey::SegmentAfterHorizon {
                    item: k,
                    segment: j,
                };
                let col = self.add(key, variable().clamp(0.0, width));
                self.columns.segment_after_horizon.push(col);
            }
        }
    }
}
