//! Comparing output folders read back through [`crate::results`]: what
//! changed between two plans and why ([`diff`]), and the rows of a batch's
//! comparison ([`comparison`]). The report formats what these compute.

pub mod comparison;
pub mod diff;
