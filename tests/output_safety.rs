//! Output folders: a user's files are never deleted or overwritten, `--out .`
//! and empty folders work, nothing partial or staged is ever left behind —
//! also on a full disk or a read-only folder (status 1).

mod common;

use std::fs;
use std::process::Command;

use common::*;

const MANIFEST: &str = qiangji::output::atomic::MANIFEST;

#[test]
fn a_folder_that_merely_contains_a_summary_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("work");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("summary.json"), "{\"mine\": true}").unwrap();
    fs::write(out.join("budget.xlsx"), "a year of work").unwrap();
    let r = qiangji()
        .args([
            "solve".as_ref(),
            demo().as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("holds files qiangji did not write"));
    assert_eq!(entries(&out), ["budget.xlsx", "summary.json"]);
    assert_eq!(
        fs::read_to_string(out.join("budget.xlsx")).unwrap(),
        "a year of work"
    );
    assert_eq!(entries(tmp.path()), ["work"], "no staging folder");
}

#[test]
fn out_dot_in_an_empty_folder_and_again_with_a_user_file_beside() {
    let tmp = tempfile::tempdir().unwrap();
    let here = tmp.path().join("here");
    fs::create_dir(&here).unwrap();
    let r = qiangji()
        .current_dir(&here)
        .args([
            "solve".as_ref(),
            demo().as_os_str(),
            "--out".as_ref(),
            ".".as_ref(),
        ])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(here.join("summary.json").is_file() && here.join(MANIFEST).is_file());
    fs::write(here.join("my-notes.md"), "notes").unwrap();
    let before = fs::read(here.join("allocation.csv")).unwrap();
    let r = qiangji()
        .current_dir(&here)
        .args([
            "solve".as_ref(),
            demo().as_os_str(),
            "--out".as_ref(),
            ".".as_ref(),
        ])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(
        fs::read_to_string(here.join("my-notes.md")).unwrap(),
        "notes"
    );
    assert_eq!(fs::read(here.join("allocation.csv")).unwrap(), before);
    assert!(
        !entries(&here).iter().any(|n| n.contains("staging")),
        "{:?}",
        entries(&here)
    );
    assert_eq!(entries(tmp.path()), ["here"]);
}

#[test]
fn every_writer_uses_the_manifest_and_replaces_only_its_own_files() {
    let tmp = tempfile::tempdir().unwrap();
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("solve", vec!["solve", "DEMO", "--out", "OUT"]),
        ("sensitivity", vec!["sensitivity", "DEMO", "--out", "OUT"]),
        (
            "sweep",
            vec![
                "sweep",
                "DEMO",
                "--param",
                "central_budget",
                "--op",
                "scale",
                "--from",
                "0.8",
                "--to",
                "1.2",
                "--steps",
                "3",
                "--out",
                "OUT",
            ],
        ),
        (
            "tornado",
            vec!["tornado", "DEMO", "--workers", "1", "--out", "OUT"],
        ),
        (
            "montecarlo",
            vec![
                "montecarlo",
                "DEMO",
                "--samples",
                "3",
                "--workers",
                "1",
                "--out",
                "OUT",
            ],
        ),
        (
            "generate",
            vec![
                "generate",
                "--items",
                "4",
                "--provinces",
                "3",
                "--years",
                "3",
                "--out",
                "OUT",
            ],
        ),
    ];
    for (name, args) in runs {
        let out = tmp.path().join(name);
        let args: Vec<std::ffi::OsString> = args
            .iter()
            .map(|a| match *a {
                "DEMO" => demo().into_os_string(),
                "OUT" => out.clone().into_os_string(),
                other => other.into(),
            })
            .collect();
        run_ok(&args);
        assert!(out.join(MANIFEST).is_file(), "{name}: manifest");
        fs::write(out.join("keep.txt"), "mine").unwrap();
        run_ok(&args);
        assert_eq!(
            fs::read_to_string(out.join("keep.txt")).unwrap(),
            "mine",
            "{name}"
        );
        let manifest: serde_json::Value =
            serde_json::from_slice(&fs::read(out.join(MANIFEST)).unwrap()).unwrap();
        let listed: Vec<&str> = manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        let mut on_disk = entries(&out);
        on_disk.retain(|n| n != MANIFEST && n != "keep.txt");
        assert_eq!(
            listed, on_disk,
            "{name}: the manifest lists exactly qiangji's files"
        );
        assert!(manifest["run_id"].as_str().is_some_and(|id| !id.is_empty()));
    }
    let leftovers: Vec<String> = entries(tmp.path())
        .into_iter()
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Runs `script` in a private mount namespace (root, as on the project's
/// machines), so it can mount a tiny or read-only file system.
fn in_mount_namespace(script: &str) -> std::process::Output {
    let out = Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .env("QIANGJI", env!("CARGO_BIN_EXE_qiangji"))
        .env("DEMO", demo())
        .output()
        .expect("unshare runs");
    out
}

#[test]
fn a_full_disk_gives_status_1_and_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mnt = tmp.path().join("mnt");
    fs::create_dir(&mnt).unwrap();
    // 64 KiB: room for the staging folder, not for the plan's files.
    let script = format!(
        "mount -t tmpfs -o size=64k tmpfs {m} || exit 99; \
         head -c 40000 /dev/zero > {m}/filler; \
         \"$QIANGJI\" solve \"$DEMO\" --out {m}/plan; code=$?; \
         ls -A {m}; exit $code",
        m = mnt.display()
    );
    let r = in_mount_namespace(&script);
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert_eq!(
        r.status.code(),
        Some(1),
        "stdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("No space left"),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let listing: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.contains("objective") && !l.starts_with(' ') && !l.starts_with("demo"))
        .collect();
    assert_eq!(listing, ["filler"], "only the filler remains: {stdout}");
}

#[test]
fn a_read_only_folder_gives_status_1_and_is_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let ro = tmp.path().join("ro");
    fs::create_dir(&ro).unwrap();
    fs::write(ro.join("theirs.csv"), "x").unwrap();
    let script = format!(
        "mount --bind -o ro {r} {r} || exit 99; \
         \"$QIANGJI\" solve \"$DEMO\" --out {r}/plan; a=$?; \
         \"$QIANGJI\" generate --items 3 --provinces 2 --years 2 --out {r}/gen; b=$?; \
         echo \"codes $a $b\"",
        r = ro.display()
    );
    let r = in_mount_namespace(&script);
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(
        stdout.contains("codes 1 1"),
        "stdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(String::from_utf8_lossy(&r.stderr).contains("Read-only file system"));
    assert_eq!(entries(&ro), ["theirs.csv"]);
}
