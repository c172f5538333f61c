//! Recording checks: every rule is `lhs ≤ rhs` (or `≥`) with the magnitude of
//! its terms, compared with the shared tolerance after scaling.

use crate::tolerances::{FEAS_TOL, INT_TOL};

/// One broken rule, scaled by the size of the terms involved.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Which rule, e.g. `BC central_budget(2025)`.
    pub what: String,
    /// Absolute violation, in the rule's units.
    pub amount: f64,
    /// Violation divided by max(1, largest term): what is compared with the tolerance.
    pub scaled: f64,
}

#[derive(Debug, Default)]
pub struct Recorder {
    pub max_violation: f64,
    pub worst: Option<String>,
    pub violations: Vec<Violation>,
    pub checks: usize,
}

impl Recorder {
    /// Records `lhs ≤ rhs`, with `scale` the magnitude of the terms. A NaN
    /// counts as an infinite violation.
    pub fn at_most(&mut self, what: impl FnOnce() -> String, lhs: f64, rhs: f64, scale: f64) {
        self.checks += 1;
        let amount = lhs - rhs;
        if amount <= 0.0 {
            return;
        }
        let amount = if amount.is_finite() {
            amount
        } else {
            f64::INFINITY
        };
        let scaled = amount / scale.abs().max(1.0);
        if scaled > FEAS_TOL {
            self.fail(what(), amount, scaled);
        } else if amount > self.max_violation {
            // Within tolerance, but still the largest deviation seen.
            self.max_violation = amount;
            self.worst = Some(what());
        }
    }

    /// Records `lhs ≥ rhs`.
    pub fn at_least(&mut self, what: impl FnOnce() -> String, lhs: f64, rhs: f64, scale: f64) {
        self.at_most(what, rhs, lhs, scale);
    }

    /// Records that `v` is a whole number (within [`INT_TOL`]).
    pub fn integral(&mut self, v: f64, name: impl FnOnce() -> String) {
        self.checks += 1;
        let off = (v - v.round()).abs();
        if off > INT_TOL {
            self.fail(format!("integrality of {}", name()), off, off);
        }
    }

    /// Records a violation beyond its tolerance.
    pub fn fail(&mut self, what: String, amount: f64, scaled: f64) {
        if amount > self.max_violation {
            self.max_violation = amount;
            self.worst = Some(what.clone());
        }
        self.violations.push(Violation {
            what,
            amount,
            scaled,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerances_infinite_bounds_and_nan() {
        let mut r = Recorder::default();
        r.at_most(|| "within tolerance".into(), 1.0 + 1e-9, 1.0, 1.0);
        r.at_most(|| "no upper bound".into(), 5.0, f64::INFINITY, 1.0);
        assert!(r.violations.is_empty());
        assert_eq!(r.worst.as_deref(), Some("within tolerance"));
        r.at_most(|| "scaled away".into(), 1000.0005, 1000.0, 1000.0);
        assert!(
            r.violations.is_empty(),
            "5e-4 on terms of 1000 is within 1e-6 relative"
        );
        r.at_least(|| "nan".into(), f64::NAN, 0.0, 1.0);
        assert_eq!(r.violations.len(), 1);
        assert_eq!(r.max_violation, f64::INFINITY);
        assert_eq!(r.checks, 4);
    }
}
