//! Numerical tolerances shared by the checker, reports and tests.

/// Largest absolute violation of a bound or constraint accepted as feasible.
/// Constraint rows are scaled by the magnitude of their terms before comparison.
pub const FEAS_TOL: f64 = 1e-6;

/// Largest distance from an integer accepted for an integer decision.
pub const INT_TOL: f64 = 1e-6;

/// Relative tolerance when the checker recomputes the objective.
pub const OBJ_REL_TOL: f64 = 1e-6;

/// Coefficients, bounds and right-hand sides below this magnitude (relative
/// to their row's largest coefficient, or to 1) are floating-point residue
/// and are set to exactly zero before the model reaches the solver.
pub const SNAP_TOL: f64 = 1e-12;

/// Values below this magnitude are written as zero in outputs.
pub const PRINT_ZERO: f64 = 1e-9;

/// A constraint binds when its slack is below this (in the row's units).
pub const BINDING_TOL: f64 = 1e-6;

/// HiGHS's default relative MIP gap, used when none is given.
pub const MIP_REL_GAP: f64 = 1e-4;
