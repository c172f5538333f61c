//! Reading a solve back by meaning: the plan from its columns, realised
//! self-sufficiency of a plan (docs/model.md §7), real spending by payer and
//! use, every row's dual with its unit, ranging, and an infeasible subset. It
//! sits below `run` (one checked solve) and above the solver session;
//! analyses build on it, never the other way round.

pub mod duals;
pub mod infeasibility;
pub mod marginal;
pub mod objective;
pub mod plan;
pub mod pools;
pub mod provinces;
pub mod ranging;
pub mod realise;
pub mod spending;
pub mod targets;
pub mod training_budget;
