//! Where the wall-clock time of one solve goes, stage by stage, so a slow
//! run says whether the instance, the formulation, HiGHS or the outputs are
//! to blame.

use std::time::Instant;

/// Wall-clock time of each stage of a solve [s]. Stages run one after the
/// other, so their sum is the run's time apart from argument parsing and
/// printing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading and validating the instance files.
    pub load_s: f64,
    /// Building the formulation (columns, objective, rows).
    pub build_s: f64,
    /// Passing the formulation to HiGHS, naming rows and columns, options.
    pub pass_s: f64,
    /// The structured MIP start (LP relaxation, lead-site search, platform
    /// dive, site proofs); 0 for an LP.
    pub mip_start_s: f64,
    /// HiGHS solving, with the LP of fixed integers for a MIP's duals.
    pub solve_s: f64,
    /// Reading the plan, realised levels, duals and ranging by meaning.
    pub readback_s: f64,
    /// The independent check of the plan.
    pub check_s: f64,
    /// Marginal values and exchange rates of the plan, or why there is no plan.
    pub explain_s: f64,
    /// Writing the output folder.
    pub write_s: f64,
}

/// One stage: its key in summary.json, its label on the terminal, seconds.
pub struct Stage {
    pub key: &'static str,
    pub label: &'static str,
    pub seconds: f64,
}

impl Timings {
    /// Every stage in the order it runs.
    pub fn stages(&self) -> [Stage; 9] {
        let stage = |key, label, seconds| Stage {
            key,
            label,
            seconds,
        };
        [
            stage("load", "load instance", self.load_s),
            stage("build", "build formulation", self.build_s),
            stage("pass", "pass to HiGHS", self.pass_s),
            stage("mip_start", "MIP start search", self.mip_start_s),
            stage("solve", "solve", self.solve_s),
            stage("read_back", "read back", self.readback_s),
            stage("check", "independent check", self.check_s),
            stage("explain", "marginal values / why no plan", self.explain_s),
            stage("write", "write outputs", self.write_s),
        ]
    }

    /// The sum of the stages [s].
    pub fn total_s(&self) -> f64 {
        self.stages().iter().map(|s| s.seconds).sum()
    }

    /// The stage split as lines for the terminal: seconds and share of
    /// `total_s` (the run's wall-clock time, measured by the caller), then
    /// the time between stages (argument checks, printing, and on a busy
    /// machine the waits for a core), then the total.
    pub fn lines(&self, total_s: f64) -> Vec<String> {
        let share = |s: f64| {
            if total_s > 0.0 {
                100.0 * s / total_s
            } else {
                0.0
            }
        };
        let line = |label: &str, seconds: f64| {
            format!("  {label:<30} {seconds:>9.3} s {:>6.1}%", share(seconds))
        };
        let mut out: Vec<String> = self
            .stages()
            .iter()
            .map(|s| line(s.label, s.seconds))
            .collect();
        out.push(line("between stages", (total_s - self.total_s()).max(0.0)));
        out.push(format!("  {:<30} {total_s:>9.3} s", "total (wall clock)"));
        out
    }
}

/// Seconds between stage boundaries, one clock read per boundary, so that
/// the stages cover a run without gaps.
pub struct Stopwatch {
    clock: Instant,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        Stopwatch {
            clock: Instant::now(),
        }
    }

    /// Seconds since the last lap (or the start).
    pub fn lap(&mut self) -> f64 {
        let now = Instant::now();
        let seconds = now.duration_since(self.clock).as_secs_f64();
        self.clock = now;
        seconds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_sum_and_shares_follow_the_total() {
        let t = Timings {
            load_s: 1.0,
            solve_s: 2.0,
            write_s: 1.0,
            ..Timings::default()
        };
        assert_eq!(t.total_s(), 4.0);
        let lines = t.lines(8.0);
        assert_eq!(lines.len(), 11);
        assert!(lines[4].contains("solve") && lines[4].ends_with("25.0%"));
        assert!(lines[9].contains("between stages") && lines[9].ends_with("50.0%"));
        assert!(lines[10].contains("8.000 s"));
    }
}
