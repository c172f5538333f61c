//! Faults: SIGINT/SIGTERM in the middle of long runs. Whatever was written
//! before stays intact, nothing unfinished is written, no staging folder is
//! left, and the status is 130.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

extern "C" {
    fn kill(pid: i32, signal: i32) -> i32;
}

const SIGINT: i32 = 2;
const SIGTERM: i32 = 15;

fn signal(child: &Child, sig: i32) {
    // SAFETY: sending a signal to our own child process has no memory effects.
    assert_eq!(unsafe { kill(child.id() as i32, sig) }, 0);
}

fn start(args: &[&std::ffi::OsStr]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_qiangji"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn an_interrupted_solve_keeps_the_earlier_output_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    run_ok([
        "solve".as_ref(),
        demo().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let before = snapshot(&out);
    let national = repo().join("instances/china-2025");
    let child = start(&[
        "solve".as_ref(),
        national.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    std::thread::sleep(Duration::from_millis(1500));
    signal(&child, SIGTERM);
    let result = child.wait_with_output().unwrap();
    assert_eq!(result.status.code(), Some(130));
    assert!(String::from_utf8_lossy(&result.stderr).contains("SIGTERM"));
    assert_eq!(snapshot(&out), before, "the earlier output is untouched");
    assert_eq!(entries(tmp.path()), ["plan"], "no staging folder");
}

#[test]
fn a_second_signal_stops_a_monte_carlo_run_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("mc");
    let national = repo().join("instances/china-2025");
    let child = start(&[
        "montecarlo".as_ref(),
        national.as_os_str(),
        "--samples".as_ref(),
        "50".as_ref(),
        "--workers".as_ref(),
        "1".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    std::thread::sleep(Duration::from_millis(1500));
    signal(&child, SIGINT);
    std::thread::sleep(Duration::from_millis(300));
    let second = Instant::now();
    signal(&child, SIGINT);
    let result = child.wait_with_output().unwrap();
    assert_eq!(result.status.code(), Some(130));
    assert!(second.elapsed() < Duration::from_secs(5), "stopped at once");
    assert!(!out.exists(), "nothing unfinished was written");
    assert!(
        entries(tmp.path()).is_empty(),
        "no staging folder: {:?}",
        entries(tmp.path())
    );
}
