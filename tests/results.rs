//! Output folders are read back through one typed results model: a folder
//! whose summary.json is of another schema version (or of none, as qiangji
//! wrote before versions were recorded) is refused by `diff` and `merge`
//! with an input error naming the folder, the version found and what to do;
//! a batch solves such a case again instead of comparing it.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use sha2::{Digest, Sha256};

/// Rewrites `dir`'s summary.json as another qiangji would have written it:
/// with `version` as its schema_version (none when `None`), the folder's
/// manifest updated to match, so that only the version tells it apart.
fn write_as_other_version(dir: &Path, version: Option<u64>) {
    let path = dir.join("summary.json");
    let mut summary: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    let o = summary.as_object_mut().unwrap();
    assert_eq!(o["schema_version"], 2, "written with the current version");
    match version {
        Some(v) => o.insert("schema_version".into(), v.into()),
        None => o.remove("schema_version"),
    };
    let bytes = format!("{}\n", serde_json::to_string_pretty(&summary).unwrap());
    fs::write(&path, &bytes).unwrap();
    let manifest_path = dir.join(".qiangji-output.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(&manifest_path).unwrap()).unwrap();
    let sha = format!("{:x}", Sha256::digest(bytes.as_bytes()));
    for f in manifest["files"].as_array_mut().unwrap() {
        if f["name"] == "summary.json" {
            f["sha256"] = sha.clone().into();
        }
    }
    fs::write(
        &manifest_path,
        serde_json::to_vec_pretty(&manifest).unwrap(),
    )
    .unwrap();
}

fn assert_refused(out: &std::process::Output, folder: &Path, found: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&folder.display().to_string()), "{stderr}");
    assert!(stderr.contains(found), "{stderr}");
    assert!(
        stderr.contains("reads schema_version 2 only")
            && stderr.contains("re-run the solve with this qiangji"),
        "{stderr}"
    );
}

#[test]
fn diff_refuses_a_plan_of_another_schema_version() {
    let tmp = tempfile::tempdir().unwrap();
    let current = tmp.path().join("current");
    run_ok([
        "solve",
        fixture("budget_short").to_str().unwrap(),
        "--out",
        current.to_str().unwrap(),
    ]);
    for (version, found) in [
        (None, "no schema_version"),
        (Some(1), "schema_version 1"),
        (Some(3), "schema_version 3"),
    ] {
        let other = tmp.path().join(format!("other-{version:?}"));
        run_ok([
            "solve",
            fixture("budget_short").to_str().unwrap(),
            "--out",
            other.to_str().unwrap(),
        ]);
        write_as_other_version(&other, version);
        let out_dir = tmp.path().join("diff");
        for (before, after) in [(&current, &other), (&other, &current)] {
            let r = qiangji()
                .arg("diff")
                .arg(before)
                .arg(after)
                .arg("--out")
                .arg(&out_dir)
                .output()
                .unwrap();
            assert_refused(&r, &other, found);
            assert!(!out_dir.exists(), "nothing written");
        }
    }
}

/// Runs the two shards of the budget_short batch into `dir/shard-K`.
fn shards(dir: &Path) -> Vec<std::path::PathBuf> {
    (1..=2)
        .map(|k| {
            let shard = dir.join(format!("shard-{k}"));
            let r = qiangji()
                .arg("batch")
                .arg(fixture("budget_short"))
                .arg("--scenarios")
                .arg(fixture("scenarios/budget_short.toml"))
                .args(["--jobs", "1", "--shard", &format!("{k}/2")])
                .arg("--out")
                .arg(&shard)
                .output()
                .unwrap();
            assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
            shard
        })
        .collect()
}

#[test]
fn merge_refuses_a_shard_whose_case_is_of_another_schema_version() {
    let tmp = tempfile::tempdir().unwrap();
    let shards = shards(tmp.path());
    // The scenario lives in one shard only (the base in both).
    let case = shards
        .iter()
        .map(|s| s.join("more_money"))
        .find(|c| c.join("summary.json").is_file())
        .expect("a shard holds more_money");
    write_as_other_version(&case, None);
    let merged = tmp.path().join("merged");
    let r = qiangji()
        .arg("merge")
        .args(&shards)
        .arg("--out")
        .arg(&merged)
        .output()
        .unwrap();
    assert_refused(&r, &case, "no schema_version");
    assert!(!merged.exists(), "nothing written");
}

#[test]
fn merge_of_current_shards_reads_them_back() {
    let tmp = tempfile::tempdir().unwrap();
    let shards = shards(tmp.path());
    let merged = tmp.path().join("merged");
    let mut args = vec!["merge".to_string()];
    args.extend(shards.iter().map(|s| s.display().to_string()));
    args.extend(["--out".into(), merged.display().to_string()]);
    run_ok(&args);
    let csv = fs::read_to_string(merged.join("comparison.csv")).unwrap();
    assert!(
        csv.lines().any(|l| l.starts_with("more_money,"))
            && csv.lines().any(|l| l.starts_with("base,")),
        "{csv}"
    );
}

#[test]
fn a_batch_solves_again_a_case_written_with_another_schema_version() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("b");
    let batch = || {
        qiangji()
            .arg("batch")
            .arg(fixture("budget_short"))
            .arg("--scenarios")
            .arg(fixture("scenarios/budget_short.toml"))
            .args(["--jobs", "1"])
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    let first = batch();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let comparison = fs::read(out.join("comparison.csv")).unwrap();
    write_as_other_version(&out.join("more_money"), Some(1));
    let again = batch();
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{stderr}");
    assert!(stderr.contains("more_money: solved"), "{stderr}");
    assert!(stderr.contains("base: unchanged"), "{stderr}");
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("more_money/summary.json")).unwrap()).unwrap();
    assert_eq!(summary["schema_version"], 2);
    assert_eq!(fs::read(out.join("comparison.csv")).unwrap(), comparison);
}

#[test]
fn diff_names_the_field_of_a_summary_it_cannot_read() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    run_ok([
        "solve",
        fixture("budget_short").to_str().unwrap(),
        "--out",
        a.to_str().unwrap(),
    ]);
    let path = a.join("summary.json");
    let text = fs::read_to_string(&path).unwrap();
    let broken = text.replacen("\"total\": ", "\"total\": \"much\", \"was\": ", 1);
    assert_ne!(text, broken);
    fs::write(&path, broken).unwrap();
    let r = qiangji().arg("diff").arg(&a).arg(&a).output().unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("summary.json: line "), "{stderr}");
    assert!(stderr.contains("field `"), "{stderr}");
    assert!(stderr.contains(".total`"), "{stderr}");
}

/// A version-2 folder written before count targets, funding pools and R&D
/// thresholds (no `metric`, `count_*` or `weighted_level` in summary.json,
/// no count columns in targets.csv) still reads, with those values absent.
#[test]
fn a_version_2_folder_without_the_optional_parts_still_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("older");
    run_ok([
        "solve",
        demo().to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
    ]);
    let current = qiangji::results::read_folder(&dir).unwrap();
    assert_eq!(current.summary.targets[0].count_assured, Some(3));
    assert_eq!(current.targets[0].count_items, Some(3));

    let path = dir.join("summary.json");
    let mut summary: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    for t in summary["targets"].as_array_mut().unwrap() {
        let t = t.as_object_mut().unwrap();
        for key in [
            "metric",
            "weighted_level",
            "count_assured",
            "count_items",
            "count_share",
        ] {
            assert!(t.remove(key).is_some(), "{key} written");
        }
    }
    fs::write(&path, serde_json::to_string_pretty(&summary).unwrap()).unwrap();
    let table = fs::read_to_string(dir.join("targets.csv")).unwrap();
    let older: String = table
        .lines()
        .map(|l| l.splitn(14, ',').take(13).collect::<Vec<_>>().join(",") + "\n")
        .collect();
    assert!(
        older.starts_with("target,") && !older.contains("count"),
        "{older}"
    );
    fs::write(dir.join("targets.csv"), older).unwrap();

    let read = qiangji::results::read_folder(&dir).unwrap();
    assert_eq!(read.summary.targets[0].count_assured, None);
    assert_eq!(read.summary.targets[0].metric, None);
    assert_eq!(read.targets[0].count_items, None);
    assert_eq!(read.targets[0].achieved, current.targets[0].achieved);
}
