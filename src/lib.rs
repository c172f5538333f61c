//! qiangji (强基): allocation of funding, talent and platform capacity across
//! China's five industrial foundations, key items, provinces and years, so that
//! self-sufficiency targets are met at least cost (see `docs/model.md`).
//!
//! Data flows one way: instance files are loaded and validated
//! ([`instance`]), built into a formulation ([`model`]), solved in a HiGHS
//! session ([`solve`]), read back as a [`plan::Plan`] by meaning
//! ([`readback`]), checked independently ([`check`]), run end to end
//! ([`run`]), analysed ([`analysis`]) and formatted ([`report`]). Beside the
//! flow: [`output`] writes folders safely, [`charts`] draws the reports'
//! SVG charts, [`results`] is the type of what a solve writes and what the
//! commands that compare output folders read back. `docs/architecture.md`
//! lists which layer may import which.
//!
//! ```
//! use qiangji::instance::{load, LoadOptions};
//! use qiangji::run::{solve_instance, RunOptions};
//!
//! let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/demo");
//! let instance = load(&dir, &LoadOptions::default()).expect("valid instance");
//! let result = solve_instance(&instance, &RunOptions::default()).expect("solved");
//! assert!(result.check.as_ref().unwrap().passed);
//! // The hand-derived optimum of docs/demo-derivation.md, in 亿元.
//! assert!((result.outcome.objective.unwrap() - 14.8812).abs() < 1e-3);
//! ```

pub mod analysis;
pub mod charts;
pub mod check;
pub mod exit;
pub mod generate;
pub mod instance;
pub mod interrupt;
pub mod model;
pub mod output;
pub mod plan;
pub mod quote;
pub mod readback;
pub mod report;
pub mod results;
pub mod run;
pub mod solve;
#[cfg(test)]
pub(crate) mod testing;
pub mod tolerances;
