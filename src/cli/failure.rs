//! A failed command: its exit status (decided by the error's own type, see
//! `qiangji::exit`) and the message a planner reads.

use std::path::Path;

use qiangji::exit::{ExitStatus, HasExitStatus};
use qiangji::instance::InputErrors;

/// Why a command failed, ready to print.
#[derive(Debug)]
pub struct Failure {
    pub status: ExitStatus,
    pub message: String,
}

impl Failure {
    pub fn new(status: ExitStatus, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    /// A bad command-line value (exit status 2).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(ExitStatus::Input, message)
    }

    /// Any error of the library, with what it is about (usually the instance).
    pub fn from_error<E: HasExitStatus + std::fmt::Display>(about: &Path, e: E) -> Failure {
        Failure::new(e.exit_status(), format!("{}: {e}", about.display()))
    }

    /// Input errors, one per line under a header naming the instance.
    pub fn input(about: &Path, errors: &InputErrors) -> Failure {
        let mut message = format!("{} has {} input error(s):", about.display(), errors.len());
        for e in errors.iter() {
            message.push_str(&format!("\n  {e}"));
        }
        Failure::new(errors.exit_status(), message)
    }
}

/// Library errors that carry input errors are listed like them.
impl From<(&Path, qiangji::run::RunError)> for Failure {
    fn from((about, e): (&Path, qiangji::run::RunError)) -> Failure {
        match e {
            qiangji::run::RunError::Input(errors) => Failure::input(about, &errors),
            other => Failure::from_error(about, other),
        }
    }
}

impl From<(&Path, qiangji::analysis::AnalysisError)> for Failure {
    fn from((about, e): (&Path, qiangji::analysis::AnalysisError)) -> Failure {
        match e {
            qiangji::analysis::AnalysisError::Run(run) => (about, run).into(),
            other => Failure::from_error(about, other),
        }
    }
}
