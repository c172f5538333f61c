//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// The `qiangji` binary under test.
/// Names of a folder's entries, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

pub fn qiangji() -> Command {
    Command::new(env!("CARGO_BIN_EXE_qiangji"))
}

/// Runs `qiangji` with `args` and requires success.
pub fn run_ok<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(args: I) -> Output {
    let out = qiangji().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "qiangji failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `qiangji` with `args` and returns its exit status.
pub fn exit_code<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(args: I) -> Option<i32> {
    qiangji().args(args).output().unwrap().status.code()
}

/// Every file under `dir` (names relative to it, sorted) with its bytes.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                files.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// Solves a model file with a fresh HiGHS instance; returns its objective.
pub fn solve_file(path: &std::path::Path) -> f64 {
    let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a fresh Highs object used and destroyed within this function.
    unsafe {
        let h = highs_sys::Highs_create();
        highs_sys::Highs_setBoolOptionValue(h, c"output_flag".as_ptr(), 0);
        assert_ne!(
            highs_sys::Highs_readModel(h, c_path.as_ptr()),
            highs_sys::kHighsStatusError
        );
        assert_ne!(highs_sys::Highs_run(h), highs_sys::kHighsStatusError);
        assert_eq!(
            highs_sys::Highs_getModelStatus(h),
            highs_sys::kHighsModelStatusOptimal
        );
        let obj = highs_sys::Highs_getObjectiveValue(h);
        highs_sys::Highs_destroy(h);
        obj
    }
}
