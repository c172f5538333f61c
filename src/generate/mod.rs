//! Synthetic instances for scale: `qiangji generate` writes an instance of any
//! size that copies the national instance — its items (tiers, markets,
//! baseline shares, fitted gains and lags), provinces (budgets, talent,
//! capacity, area and item-level advantage), instruments, yearly central
//! budget and policy bounds — with jitter, so that it solves like the real
//! problem rather than like noise. By default each target's level is
//! calibrated to be reachable and binding ([`targets::calibrate`]).
//! Deterministic for a seed.

mod replicate;
pub mod targets;
mod template;

use std::path::Path;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::output::atomic::write_folder;
use crate::output::OutputError;

const FIRST_YEAR: i32 = 2022;
const AREAS: [&str; 5] = [
    "components",
    "materials",
    "processes",
    "software",
    "quality",
];

/// How the targets' levels are chosen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Levels {
    /// Calibrated on the instance: met by some plan, and binding (one LP
    /// solve of the instance at generation).
    #[default]
    Reachable,
    /// The national instance's policy levels (70% of core items in 2025,
    /// 80% in 2030, …), whether or not the instance can reach them.
    Policy,
}

/// Size, seed and target levels of a generated instance.
#[derive(Debug, Clone, Copy)]
pub struct GenerateOptions {
    pub items: usize,
    pub provinces: usize,
    pub years: usize,
    pub seed: u64,
    pub levels: Levels,
}

impl GenerateOptions {
    /// `items` × `provinces` × `years`, seed `seed`, calibrated levels.
    pub fn new(items: usize, provinces: usize, years: usize, seed: u64) -> GenerateOptions {
        GenerateOptions {
            items,
            provinces,
            years,
            seed,
            levels: Levels::Reachable,
        }
    }
}

/// Why generation was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("{0}")]
    Invalid(String),
    /// The calibration solve failed (a solver failure, not an input error).
    #[error("calibrating the target levels failed: {0}")]
    Calibration(String),
    #[error("{0}")]
    Output(#[from] OutputError),
}

impl crate::exit::HasExitStatus for GenerateError {
    fn exit_status(&self) -> crate::exit::ExitStatus {
        match self {
            GenerateError::Invalid(_) => crate::exit::ExitStatus::Input,
            GenerateError::Calibration(_) => crate::exit::ExitStatus::SolverFailed,
            GenerateError::Output(e) => e.exit_status(),
        }
    }
}

/// Writes a generated instance into `out` (whole or not at all).
pub fn generate(opts: &GenerateOptions, out: &Path) -> Result<(), GenerateError> {
    let files = build(opts)?;
    write_folder(out, "generate", files)?;
    Ok(())
}

/// The generated files, name → contents, in memory.
pub fn build(opts: &GenerateOptions) -> Result<Vec<(String, String)>, GenerateError> {
    if opts.items == 0 || opts.provinces == 0 {
        return Err(GenerateError::Invalid(
            "--items and --provinces must be at least 1".into(),
        ));
    }
    if !(1..=100).contains(&opts.years) {
        return Err(GenerateError::Invalid(
            "--years must be between 1 and 100".into(),
        ));
    }
    let national = template::National::read();
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let replica = replicate::replicate(opts, &national, &mut rng);
    let mut files = replica.files.clone();
    files.push((
        "model.toml".into(),
        format!(
            "# Copied by qiangji generate from the bundled models/national.toml.\n{}",
            template::MODEL
        ),
    ));
    let policy = targets::policy_targets(opts, replica.has_core_items);
    let chosen = match opts.levels {
        Levels::Policy => policy,
        Levels::Reachable => targets::calibrate(&mut files, opts, &national, &replica, policy)?,
    };
    targets::set_manifest(&mut files, opts, &national, &replica, &chosen);
    Ok(files)
}
