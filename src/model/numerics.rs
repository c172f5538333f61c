//! The numbers the formulation hands to HiGHS: near-zeros snapped to exactly
//! zero, and the coefficient ranges of the built model with warnings when
//! they are wide enough to hurt a simplex solver.
//!
//! Derived values such as a segment width `(smax − s0)/nJ` or a right-hand
//! side that subtracts equal quantities come out of floating point as 1e-17
//! instead of 0. HiGHS then warns of "excessively small" bounds or
//! coefficients and, worse, scales the model around them. No input of this
//! model means anything at 1e-12 of its scale (money in 亿元, talent in
//! k FTE, shares in [0, 1]), so such values are residue and become 0 before
//! the solver sees them.

use serde::Serialize;

use crate::tolerances::SNAP_TOL;

/// A range whose largest magnitude exceeds its smallest by more than this is
/// wide: simplex pivots lose that many digits of the 16 an f64 holds.
pub const WIDE_SPAN: f64 = 1e9;
/// Nonzero magnitudes below this are suspect (close to HiGHS's tolerances).
pub const SMALL_VALUE: f64 = 1e-9;
/// Finite magnitudes above this are suspect (a missing unit conversion).
pub const LARGE_VALUE: f64 = 1e9;

/// `value`, or exactly 0 when its magnitude is below [`SNAP_TOL`] of
/// `scale` (taken as at least 1, so an all-small row is not wiped out by
/// its own scale).
pub fn snap(value: f64, scale: f64) -> f64 {
    if value.is_finite() && value.abs() < SNAP_TOL * scale.abs().max(1.0) {
        0.0
    } else {
        value
    }
}

/// Smallest and largest magnitude of the finite nonzero values seen.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Range {
    /// Smallest nonzero magnitude; `None` when no value was seen.
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Range {
    /// Counts `value` when it is finite and nonzero (infinite bounds mean
    /// "no bound" and zeros are not stored by the solver).
    pub fn observe(&mut self, value: f64) {
        let v = value.abs();
        if !v.is_finite() || v == 0.0 {
            return;
        }
        self.min = Some(self.min.map_or(v, |m| m.min(v)));
        self.max = Some(self.max.map_or(v, |m| m.max(v)));
    }

    /// max / min, or 1 for an empty range.
    pub fn span(&self) -> f64 {
        match (self.min, self.max) {
            (Some(lo), Some(hi)) => hi / lo,
            _ => 1.0,
        }
    }

    /// The range spans more than [`WIDE_SPAN`].
    pub fn wide(&self) -> bool {
        self.span() > WIDE_SPAN
    }
}

/// Coefficient ranges of a built model and how many values were snapped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Numerics {
    /// |a| of the constraint matrix.
    pub matrix: Range,
    /// |c| of the objective.
    pub cost: Range,
    /// Finite column bounds.
    pub bound: Range,
    /// Finite row bounds (right-hand sides).
    pub rhs: Range,
    /// Matrix coefficients, row bounds, column bounds and costs set to exactly 0.
    pub snapped: usize,
}

impl Numerics {
    /// The four ranges with their names, in the order HiGHS prints them.
    pub fn ranges(&self) -> [(&'static str, &Range); 4] {
        [
            ("matrix", &self.matrix),
            ("cost", &self.cost),
            ("bound", &self.bound),
            ("rhs", &self.rhs),
        ]
    }

    /// Snaps a matrix coefficient against the largest one of its row, and records it.
    pub fn matrix_value(&mut self, value: f64, row_scale: f64) -> f64 {
        let v = self.count(value, snap(value, row_scale));
        self.matrix.observe(v);
        v
    }

    /// Snaps a row bound against the largest coefficient of its row, and records it.
    pub fn rhs_value(&mut self, value: f64, row_scale: f64) -> f64 {
        let v = self.count(value, snap(value, row_scale));
        self.rhs.observe(v);
        v
    }

    /// Snaps a column bound, and records it.
    pub fn bound_value(&mut self, value: f64) -> f64 {
        let v = self.count(value, snap(value, 1.0));
        self.bound.observe(v);
        v
    }

    /// Snaps an objective coefficient, and records it.
    pub fn cost_value(&mut self, value: f64) -> f64 {
        let v = self.count(value, snap(value, 1.0));
        self.cost.observe(v);
        v
    }

    fn count(&mut self, before: f64, after: f64) -> f64 {
        if after != before {
            self.snapped += 1;
        }
        after
    }

    /// What a planner should know about these ranges: each wide range, and
    /// each value outside [[`SMALL_VALUE`], [`LARGE_VALUE`]]. Empty when the
    /// model is well scaled.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (name, r) in self.ranges() {
            let (Some(lo), Some(hi)) = (r.min, r.max) else {
                continue;
            };
            if r.wide() {
                out.push(format!(
                    "{name} range [{lo:.1e}, {hi:.1e}] spans {:.1e} (more than {WIDE_SPAN:.0e}): \
                     the solver may lose accuracy; check the units and scale of the inputs",
                    r.span()
                ));
            }
            if lo < SMALL_VALUE {
                out.push(format!(
                    "{name} has a value of magnitude {lo:.1e}, below {SMALL_VALUE:.0e}"
                ));
            }
            if hi > LARGE_VALUE {
                out.push(format!(
                    "{name} has a value of magnitude {hi:.1e}, above {LARGE_VALUE:.0e}"
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residue_becomes_zero_and_real_values_stay() {
        assert_eq!(snap(0.3 - 0.1 - 0.2, 1.0), 0.0);
        assert_eq!(snap(1e-10, 1.0), 1e-10);
        // Relative to the row: 1e-9 next to 1e4 is residue.
        assert_eq!(snap(1e-9, 1e4), 0.0);
        assert_eq!(snap(-2.5, 1e4), -2.5);
        assert_eq!(snap(f64::INFINITY, 1.0), f64::INFINITY);
    }

    #[test]
    fn ranges_ignore_zeros_and_infinities_and_count_snaps() {
        let mut n = Numerics::default();
        assert_eq!(n.matrix_value(1e-15, 2.0), 0.0);
        n.matrix_value(-4.0, 4.0);
        n.matrix_value(0.5, 4.0);
        n.bound_value(f64::INFINITY);
        n.bound_value(0.0);
        assert_eq!(n.matrix.min, Some(0.5));
        assert_eq!(n.matrix.max, Some(4.0));
        assert_eq!(n.bound, Range::default());
        assert_eq!(n.snapped, 1);
        assert!(n.warnings().is_empty());
    }

    #[test]
    fn wide_and_extreme_ranges_warn() {
        let mut n = Numerics::default();
        n.cost_value(1e-10);
        n.cost_value(1e5);
        n.rhs_value(2e9, 1.0);
        assert!(n.cost.wide());
        let w = n.warnings();
        assert!(w.iter().any(|s| s.starts_with("cost range")), "{w:?}");
        assert!(w.iter().any(|s| s.contains("below")), "{w:?}");
        assert!(w
            .iter()
            .any(|s| s.starts_with("rhs has") && s.contains("above")));
    }
}
