//! The key of a case: what its result depends on — the instance's files and
//! model file, the overrides applied, the run options and the program — so
//! that a batch run again solves only what changed.

use sha2::{Digest, Sha256};

use crate::instance::Instance;
use crate::run::RunOptions;

/// sha256 (hex) of everything the case's result depends on.
pub fn case_key(inst: &Instance, run: &RunOptions) -> String {
    let mut h = Sha256::new();
    let mut field = |label: &str, value: &str| {
        h.update(label.as_bytes());
        h.update([0u8]);
        h.update(value.as_bytes());
        h.update([0u8]);
    };
    field("program", env!("CARGO_PKG_VERSION"));
    field("highs", &crate::solve::highs_version());
    for (file, hash) in &inst.file_hashes {
        field(file, hash);
    }
    field("model", &inst.model_hash);
    for o in &inst.variant.overrides {
        field("override", &o.describe());
    }
    // Timings and interrupt handling do not change a result; options do.
    field(
        "options",
        &format!(
            "relax={} hard={} objective={:?} form={:?} start={:?} gap={:?} threads={:?} seed={:?} time_limit={:?}",
            run.relax,
            run.hard_targets,
            run.objective_preset,
            run.response_form,
            run.mip_start,
            run.solver.mip_gap,
            run.solver.threads,
            run.solver.seed,
            run.solver.time_limit_s,
        ),
    );
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
