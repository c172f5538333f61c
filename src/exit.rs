//! Exit statuses of the `qiangji` command: one per cause, decided here.
//! Every error type of the library says which cause it is
//! ([`HasExitStatus`]); the command maps a `Result` to its status once.

use std::fmt;

/// Why `qiangji` ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExitStatus {
    /// The command did what was asked (for `solve`: a plan that passed the
    /// independent check, possibly with a MIP gap when a time limit stopped it).
    Success,
    /// The outputs could not be written (folder not qiangji's, disk full,
    /// read-only, permissions); nothing partial is left behind.
    Output,
    /// Input error: an instance, model, scenario file or command-line value
    /// breaks a rule (every error is listed with file, line and field).
    Input,
    /// The independent checker rejected a plan the solver returned; nothing
    /// is reported as a result.
    CheckFailed,
    /// No plan exists: the model is infeasible or unbounded. An infeasible
    /// `solve` also writes `infeasibility.md` and `infeasibility.json`: an
    /// irreducible infeasible subset of the LP relaxation by meaning (which
    /// targets cannot be met together with which budgets, talent, capacity
    /// or rules, and the bounds involved) and what `check` finds. `relax`
    /// ends with this status when no change of the kinds allowed helps.
    NoPlan,
    /// The solver failed, or stopped at a limit before it found any plan.
    SolverFailed,
    /// A batch finished, but some scenarios failed or have no plan (their
    /// rows in comparison.csv say why; the others are written).
    SomeFailed,
    /// Interrupted (Ctrl-C or SIGTERM): finished results are kept, the
    /// unfinished ones are named.
    Interrupted,
}

impl ExitStatus {
    pub const ALL: [ExitStatus; 8] = [
        ExitStatus::Success,
        ExitStatus::Output,
        ExitStatus::Input,
        ExitStatus::CheckFailed,
        ExitStatus::NoPlan,
        ExitStatus::SolverFailed,
        ExitStatus::SomeFailed,
        ExitStatus::Interrupted,
    ];

    /// The number the process exits with.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Output => 1,
            ExitStatus::Input => 2,
            ExitStatus::CheckFailed => 3,
            ExitStatus::NoPlan => 4,
            ExitStatus::SolverFailed => 5,
            ExitStatus::SomeFailed => 6,
            ExitStatus::Interrupted => 130,
        }
    }

    /// One line on what the status means, for `--help` and docs.
    pub fn meaning(self) -> &'static str {
        match self {
            ExitStatus::Success => "success (for solve: a plan that passed the independent check)",
            ExitStatus::Output => {
                "the outputs could not be written (folder not qiangji's, disk full, read-only); nothing partial is left"
            }
            ExitStatus::Input => {
                "input error: an instance, model or scenario file or a command-line value breaks a rule (all are listed)"
            }
            ExitStatus::CheckFailed => {
                "the independent checker rejected the solver's plan (nothing is reported as a result)"
            }
            ExitStatus::NoPlan => {
                "no plan: the model is infeasible or unbounded (infeasibility.md explains which limits conflict)"
            }
            ExitStatus::SolverFailed => "the solver failed, or stopped at a limit before finding any plan",
            ExitStatus::SomeFailed => {
                "batch: some scenarios failed or have no plan (comparison.csv says why; the others are written)"
            }
            ExitStatus::Interrupted => {
                "interrupted (Ctrl-C, SIGTERM): finished results are kept and the unfinished ones named"
            }
        }
    }

    /// The table of every status, as printed after `--help`.
    pub fn help_text() -> String {
        let mut text = String::from("Exit status:\n");
        for s in ExitStatus::ALL {
            text.push_str(&format!("  {:>3}  {}\n", s.code(), s.meaning()));
        }
        text
    }
}

impl fmt::Display for ExitStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())
    }
}

/// An error that knows which exit status it causes.
pub trait HasExitStatus {
    fn exit_status(&self) -> ExitStatus;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_own_code() {
        let mut codes: Vec<u8> = ExitStatus::ALL.iter().map(|s| s.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ExitStatus::ALL.len());
        assert!(ExitStatus::help_text().contains("130"));
    }
}
