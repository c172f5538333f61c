//! Every exit status, end to end: the binary is run into each cause, and
//! docs/exit-status.md says what `--help` prints.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use common::*;
use qiangji::exit::ExitStatus;

fn run(args: &[&std::ffi::OsStr]) -> Output {
    qiangji().args(args).output().unwrap()
}

fn assert_status(out: &Output, status: ExitStatus) {
    assert_eq!(
        out.status.code(),
        Some(i32::from(status.code())),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn demo_copy(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    for entry in fs::read_dir(demo()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
}

#[test]
fn help_and_docs_list_every_status_the_same_way() {
    let help = run(&["--help".as_ref()]);
    assert_status(&help, ExitStatus::Success);
    let help = String::from_utf8_lossy(&help.stdout).to_string();
    let docs = fs::read_to_string(repo().join("docs/exit-status.md")).unwrap();
    for line in ExitStatus::help_text().lines() {
        assert!(help.contains(line), "--help lacks {line:?}");
        assert!(docs.contains(line), "docs/exit-status.md lacks {line:?}");
    }
    for status in ExitStatus::ALL {
        assert!(
            docs.contains(&format!("| {} |", status.code())),
            "{status:?}"
        );
    }
}

#[test]
fn status_0_success() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let r = run(&[
        "solve".as_ref(),
        demo().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_status(&r, ExitStatus::Success);
    assert_status(
        &run(&["check".as_ref(), demo().as_os_str()]),
        ExitStatus::Success,
    );
}

#[test]
fn status_1_output_not_writable() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("mine");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "the user's").unwrap();
    let r = run(&[
        "solve".as_ref(),
        demo().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_status(&r, ExitStatus::Output);
    assert_eq!(entries(&out), ["notes.txt"]);
    // A file in place of the folder.
    let file = tmp.path().join("file.txt");
    fs::write(&file, "x").unwrap();
    let r = run(&[
        "solve".as_ref(),
        demo().as_os_str(),
        "--out".as_ref(),
        file.as_os_str(),
    ]);
    assert_status(&r, ExitStatus::Output);
    assert_eq!(fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn status_2_input_errors_and_bad_command_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let inst = tmp.path().join("inst");
    demo_copy(&inst);
    fs::write(inst.join("items.csv"), "id\nchip\n").unwrap();
    let out = tmp.path().join("out");
    let r = run(&[
        "solve".as_ref(),
        inst.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_status(&r, ExitStatus::Input);
    assert!(!out.exists());
    assert_status(
        &run(&["solve".as_ref(), "--no-such-option".as_ref()]),
        ExitStatus::Input,
    );
    let r = run(&[
        "solve".as_ref(),
        demo().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--time-limit".as_ref(),
        "0".as_ref(),
    ]);
    assert_status(&r, ExitStatus::Input);
    // An LP algorithm qiangji does not offer (PDLP) is named with the flag
    // and the choices; nothing is written.
    let r = run(&[
        "solve".as_ref(),
        demo().as_os_str(),
        "--relax".as_ref(),
        "--lp-algorithm".as_ref(),
        "pdlp".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_status(&r, ExitStatus::Input);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("--lp-algorithm"), "{stderr}");
    assert!(
        stderr.contains("simplex") && stderr.contains("ipm"),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn status_3_a_plan_the_checker_rejects_is_never_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let r = qiangji()
        .args([
            "solve".as_ref(),
            demo().as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ])
        .env("QIANGJI_FAULT", "corrupt-plan")
        .output()
        .unwrap();
    assert_status(&r, ExitStatus::CheckFailed);
    assert!(String::from_utf8_lossy(&r.stderr).contains("independent check rejected"));
    assert!(!out.exists());
    assert!(entries(tmp.path()).is_empty(), "no staging folder");
}

#[test]
fn status_4_no_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let inst = tmp.path().join("inst");
    demo_copy(&inst);
    // The group's ceilings (0.90, 0.95, 0.85) cannot reach 0.99.
    let toml = fs::read_to_string(inst.join("instance.toml")).unwrap();
    fs::write(
        inst.join("instance.toml"),
        toml.replace("level = 0.60", "level = 0.99"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let r = run(&[
        "solve".as_ref(),
        inst.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--hard-targets".as_ref(),
    ]);
    assert_status(&r, ExitStatus::NoPlan);
    // The same cause gives the same status in an analysis.
    let r = run(&[
        "tornado".as_ref(),
        inst.as_os_str(),
        "--out".as_ref(),
        tmp.path().join("tornado").as_os_str(),
        "--hard-targets".as_ref(),
    ]);
    assert_status(&r, ExitStatus::NoPlan);
}

#[test]
fn status_5_solver_stopped_before_any_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let national = repo().join("instances/china-2025");
    let r = run(&[
        "solve".as_ref(),
        national.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--time-limit".as_ref(),
        "0.001".as_ref(),
    ]);
    assert_status(&r, ExitStatus::SolverFailed);
    assert!(!out.exists(), "nothing is written without a plan");
}

/// A solve stopped by its time limit before any plan leaves `--out` as it
/// found it: absent stays absent (no staging folder beside it), and an
/// earlier qiangji output keeps every file and byte.
#[test]
fn status_5_leaves_the_output_folder_as_it_found_it() {
    let tmp = tempfile::tempdir().unwrap();
    let stop_at_once = |out: &Path| {
        run(&[
            "solve".as_ref(),
            demo().as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--time-limit".as_ref(),
            "0.000001".as_ref(),
        ])
    };
    let absent = tmp.path().join("absent");
    let r = stop_at_once(&absent);
    assert_status(&r, ExitStatus::SolverFailed);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("--time-limit"), "{stderr}");
    assert!(stderr.contains("Nothing was written"), "{stderr}");
    assert!(!absent.exists());
    assert!(entries(tmp.path()).is_empty(), "{:?}", entries(tmp.path()));

    let earlier = tmp.path().join("earlier");
    run_ok([
        "solve".as_ref(),
        demo().as_os_str(),
        "--out".as_ref(),
        earlier.as_os_str(),
    ]);
    let before = snapshot(&earlier);
    assert!(before.iter().any(|(name, _)| name == "allocation.csv"));
    let r = stop_at_once(&earlier);
    assert_status(&r, ExitStatus::SolverFailed);
    assert!(snapshot(&earlier) == before, "the earlier output changed");
    assert_eq!(entries(tmp.path()), ["earlier"]);
}

#[test]
fn status_130_interrupted_solve_writes_nothing() {
    use std::process::{Command, Stdio};
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let national = repo().join("instances/china-2025");
    let mut child = Command::new(env!("CARGO_BIN_EXE_qiangji"))
        .args([
            "solve".as_ref(),
            national.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let started = Instant::now();
    // SAFETY: `kill` with a child's own pid and SIGINT has no memory effects.
    assert_eq!(unsafe { libc_kill(child.id() as i32, 2) }, 0);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(
        started.elapsed() < qiangji::interrupt::GRACE + Duration::from_secs(5),
        "stopped within the grace period"
    );
    assert!(!out.exists(), "no output");
    assert!(
        entries(tmp.path()).is_empty(),
        "no staging folder: {:?}",
        entries(tmp.path())
    );
}

extern "C" {
    #[link_name = "kill"]
    fn libc_kill(pid: i32, signal: i32) -> i32;
}
