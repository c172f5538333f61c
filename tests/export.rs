//! `qiangji export` writes the exact model: solved from the file by a fresh
//! HiGHS, it gives the objective of `qiangji solve`.

mod common;

use approx::assert_relative_eq;
use common::*;

fn solve_objective(args: &[&str]) -> f64 {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("plan");
    let status = qiangji()
        .arg("solve")
        .arg(demo())
        .arg("--out")
        .arg(&dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap();
    summary["objective"].as_f64().unwrap()
}

#[test]
fn exported_relaxation_solves_to_the_same_objective() {
    let tmp = tempfile::tempdir().unwrap();
    let mps = tmp.path().join("demo.mps");
    let lp = tmp.path().join("demo.lp");
    let out = qiangji()
        .arg("export")
        .arg(demo())
        .arg("--relax")
        .arg("--mps")
        .arg(&mps)
        .arg("--lp")
        .arg(&lp)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let relaxed = solve_objective(&["--relax"]);
    assert_relative_eq!(solve_file(&mps), relaxed, max_relative = 1e-7);
    assert_relative_eq!(solve_file(&lp), relaxed, max_relative = 1e-7);
    let text = std::fs::read_to_string(&mps).unwrap();
    assert!(
        text.contains("e(chip,east,national,2025)"),
        "columns carry readable names"
    );
    assert!(
        text.contains("BC_central_budget(2025)"),
        "rows carry readable names"
    );
}

#[test]
fn exported_mip_solves_to_the_same_objective() {
    let tmp = tempfile::tempdir().unwrap();
    let mps = tmp.path().join("site.mps");
    let out = qiangji()
        .arg("export")
        .arg(fixture("site_decision"))
        .arg("--mps")
        .arg(&mps)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_relative_eq!(solve_file(&mps), 2.5, max_relative = 1e-7);
}
