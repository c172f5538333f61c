//! Pre-solve diagnostics: what makes a plan impossible, or a row useless,
//! found from the instance alone before any solve. An *error* means no plan
//! can meet a target however the money is spent (a level above what the
//! items can reach, a year the effect lags cannot reach, items no resource
//! can ever fund); a *warning* names inputs that can never matter (a
//! province that can never receive money, an item no instrument may
//! address, a lead site no budget can pay for, a target already met).
//! Every finding names the file, line and field to change, and says how.
//!
//! The reasoning is in [`reach`]: each "cannot" is certain (a resource the
//! instrument needs is zero and nothing can add to it in time), so an error
//! here is never a guess.

mod count_targets;
pub mod locate;
pub mod reach;
mod resources;
mod targets;

use std::fmt;

use super::{InputError, InputErrors, Instance};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The input cannot matter, or a target binds nothing; a plan still exists.
    Warning,
    /// A target can never be met: with `--hard-targets` there is no plan,
    /// without it the shortfall is certain.
    Error,
}

impl Severity {
    pub fn id(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding, located like an input error.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// File, line, field, value and the message (what is wrong, what to change).
    pub at: InputError,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity.id(), self.at)
    }
}

/// Every finding for an instance: errors first, then by file and line.
pub fn diagnose(inst: &Instance) -> Vec<Diagnostic> {
    let locator = locate::Locator::new(inst);
    let mut found = Vec::new();
    targets::check(inst, &locator, &mut found);
    count_targets::check(inst, &locator, &mut found);
    resources::check(inst, &locator, &mut found);
    found.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.at.file.cmp(&b.at.file))
            .then_with(|| a.at.line.cmp(&b.at.line))
            .then_with(|| a.at.rule.cmp(&b.at.rule))
    });
    found.dedup();
    found
}

/// The errors among `found`, as input errors (exit status 2).
pub fn errors(found: &[Diagnostic]) -> InputErrors {
    InputErrors(
        found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.at.clone())
            .collect(),
    )
}

/// A finding at a file, line and field.
fn finding(
    severity: Severity,
    file: &str,
    line: Option<usize>,
    field: &str,
    value: Option<String>,
    message: String,
) -> Diagnostic {
    Diagnostic {
        severity,
        at: InputError {
            file: file.to_string(),
            line,
            field: Some(field.to_string()),
            value,
            rule: message,
        },
    }
}

/// A finding about the `n`-th target: every one points at one of its keys
/// in instance.toml.
fn target_finding(
    at: &locate::Locator,
    n: usize,
    severity: Severity,
    key: &str,
    value: String,
    message: String,
) -> Diagnostic {
    finding(
        severity,
        super::read::MANIFEST,
        at.target(n, key),
        &format!("targets.{key}"),
        Some(value),
        message,
    )
}

/// A share as a percentage for messages.
fn pct(share: f64) -> String {
    format!("{:.1}%", 100.0 * share)
}
