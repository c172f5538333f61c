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
        pairs
    }
}
