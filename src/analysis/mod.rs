//! Analysis built on a solved plan: realised self-sufficiency and the reading
//! of duals by meaning.

pub mod duals;
pub mod live;
pub mod montecarlo;
pub mod ranging;
pub mod realise;
pub mod sweep;
pub mod tornado;
