//! Options a planner sets for one solve.

/// Solver settings; `None` leaves HiGHS's default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SolverOptions {
    /// Wall-clock limit [s].
    pub time_limit_s: Option<f64>,
    /// Relative MIP gap at which the search stops.
    pub mip_gap: Option<f64>,
    /// Threads HiGHS may use.
    pub threads: Option<u32>,
    /// Random seed, for reproducible MIP searches.
    pub seed: Option<i32>,
    /// Print HiGHS's own log on stderr.
    pub verbose: bool,
    /// How an LP is solved (`solve --relax`, any model without integers).
    pub lp_algorithm: LpAlgorithm,
}

/// The algorithm of an LP solve. MIPs are always HiGHS's branch-and-bound;
/// warm re-solves (marginal values, sweeps) always continue with simplex
/// from the basis the first solve left.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LpAlgorithm {
    /// The best for the size of the LP, as measured (see [`LpAlgorithm::chosen`]).
    #[default]
    Auto,
    /// HiGHS's dual simplex: a vertex plan with a basis (ranging, warm re-solves).
    Simplex,
    /// Interior point (IPX) then crossover to a vertex and a basis.
    Ipm,
}

/// Whether HiGHS reduces the model before a solve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presolve {
    /// HiGHS decides (its default).
    Auto,
    /// The model is solved as given: a start plan is evaluated in the
    /// model's own space.
    Off,
}

/// Which simplex variant the next LP solves run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimplexStrategy {
    /// HiGHS chooses between primal and dual simplex at each solve.
    Choose,
    /// Primal simplex: continues from a basis that stays primal feasible,
    /// as after a change of the objective alone.
    Primal,
}

// HiGHS's first-order PDLP is not offered: on the national LP it took 119 s
// (simplex: 1.1 s) and its plan broke rows by more than the independent
// check allows, so it could never be reported.

impl LpAlgorithm {
    pub fn id(self) -> &'static str {
        match self {
            LpAlgorithm::Auto => "auto",
            LpAlgorithm::Simplex => "simplex",
            LpAlgorithm::Ipm => "ipm",
        }
    }

    /// The algorithm that runs. `Auto` is dual simplex at every size: measured
    /// with one thread on this project's 2-core machines (docs/performance.md),
    /// simplex against interior point with crossover took 1.1 s / 1.2 s on the
    /// national LP (16,428 columns), 4.0 s / 33.5 s on a generated LP ten
    /// times its size (261,553 columns) and 380 s / 556 s at a hundred times
    /// (2,394,598 columns). Should a larger size favour interior point, the
    /// choice by size belongs here.
    pub fn chosen(self) -> LpAlgorithm {
        match self {
            LpAlgorithm::Auto => LpAlgorithm::Simplex,
            chosen => chosen,
        }
    }
}

impl SolverOptions {
    /// The options as (HiGHS option name, value) pairs, for the record.
    pub fn as_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(v) = self.time_limit_s {
            pairs.push(("time_limit", v.to_string()));
        }
        if let Some(v) = self.mip_gap {
            pairs.push(("mip_rel_gap", v.to_string()));
        }
        if let Some(v) = self.threads {
            pairs.push(("threads", v.to_string()));
        }
        if let Some(v) = self.seed {
            pairs.push(("random_seed", v.to_string()));
        }
        if self.lp_algorithm != LpAlgorithm::Auto {
            pairs.push(("solver", self.lp_algorithm.id().to_string()));
        }
        pairs
    }
}
