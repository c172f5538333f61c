//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use qiangji::instance::{load, Instance, LoadOptions};
use qiangji::model::RowKey;
use qiangji::run::{solve_instance, RunOptions, RunResult};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

pub fn demo() -> PathBuf {
    repo().join("instances/demo")
}

pub fn load_dir(path: &Path) -> Instance {
    load(path, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{} should load:\n{e}", path.display()))
}

pub fn solve(inst: &Instance, opts: &RunOptions) -> RunResult {
    let result = solve_instance(inst, opts).expect("solve runs");
    if let Some(check) = &result.check {
        assert!(
            check.passed,
            "independent check failed: {:?}",
            check.violations
        );
    }
    result
}

pub fn objective(result: &RunResult) -> f64 {
    result.outcome.objective.expect("a plan exists")
}

/// Dual of the first row matching `pred`.
pub fn dual(result: &RunResult, pred: impl Fn(&RowKey) -> bool) -> f64 {
    result
        .duals
        .iter()
        .find(|d| pred(&d.key))
        .expect("row exists")
        .dual
}

pub fn relaxed() -> RunOptions {
    RunOptions {
        relax: true,
        ..RunOptions::default()
    }
}
