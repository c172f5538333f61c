//! Job arrays on a real single-node Slurm cluster (Debian's slurm-wlm and
//! munge), started and stopped by `scripts/slurm/cluster.sh`.
//!
//! These tests need root (or password-less sudo) and, the first time,
//! `apt-get`: `cluster.sh install` adds slurm-wlm and munge when they are
//! missing. They are never skipped: where Slurm cannot be installed or
//! started they fail and say why. See scripts/slurm/README.md.
//!
//! [`Cluster`] is the API for tests that submit generated scripts: start a
//! cluster in a folder, submit an array script and a merge script that
//! depends on it with [`Cluster::run_array`], and let `Drop` stop it.

use std::fs;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

/// Installing slurm-wlm and munge (a no-op when they are there).
const INSTALL_LIMIT: Duration = Duration::from_secs(600);
/// Starting or stopping a cluster (cluster.sh waits at most 60 s itself).
const CLUSTER_LIMIT: Duration = Duration::from_secs(120);
/// The whole self-test once packages are installed (about 10 s here).
const SELFTEST_LIMIT: Duration = Duration::from_secs(180);

fn slurm_script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scripts/slurm")
        .join(name)
}

struct Run {
    status: Option<ExitStatus>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    fn ok(&self) -> bool {
        self.status.is_some_and(|s| s.success())
    }

    fn describe(&self, what: &str) -> String {
        let status = match self.status {
            Some(s) => format!("{s}"),
            None => "killed: time limit reached".to_string(),
        };
        format!(
            "{what}: {status} after {:.1}s\n--- stdout\n{}\n--- stderr\n{}",
            self.elapsed.as_secs_f64(),
            self.stdout,
            self.stderr
        )
    }
}

/// Runs a command in its own process group, capturing its output, for at
/// most `limit`. Past the limit the group gets SIGTERM (the scripts stop
/// their daemons on it), then SIGKILL 30 s later.
fn run_bounded(cmd: &mut Command, limit: Duration) -> Run {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let pgid = child.id();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let signal = |sig: &str| {
        let _ = Command::new("kill")
            .args([sig, "--", &format!("-{pgid}")])
            .stderr(Stdio::null())
            .status();
    };
    let wait_until = |child: &mut std::process::Child, deadline: Instant| loop {
        if let Some(status) = child.try_wait().expect("wait for child") {
            return Some(status);
        }
        if Instant::now() >= deadline {
            return None;
        }
        thread::sleep(Duration::from_millis(100));
    };
    let mut status = wait_until(&mut child, start + limit);
    if status.is_none() {
        signal("-TERM");
        if wait_until(&mut child, Instant::now() + Duration::from_secs(30)).is_none() {
            signal("-KILL");
            let _ = child.wait();
        }
        status = None;
    }
    Run {
        status,
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
        elapsed: start.elapsed(),
    }
}

/// Installs slurm-wlm and munge once per test binary (parallel apt-get runs
/// would fight over the dpkg lock).
fn ensure_installed() {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    let result = INSTALLED.get_or_init(|| {
        let run = run_bounded(
            Command::new(slurm_script("cluster.sh")).arg("install"),
            INSTALL_LIMIT,
        );
        if run.ok() {
            Ok(())
        } else {
            Err(run.describe(
                "Slurm (slurm-wlm, munge) is not installed here and `scripts/slurm/cluster.sh install` could not install it",
            ))
        }
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// A temporary folder that munged (running as the munge user) can reach.
fn reachable_tempdir() -> tempfile::TempDir {
    let tmp = tempfile::Builder::new()
        .prefix("qiangji-slurm-test.")
        .tempdir()
        .expect("temporary folder");
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
    tmp
}

/// Command lines of running processes that mention `path`.
fn processes_mentioning(path: &Path) -> Vec<String> {
    let needle = path.to_string_lossy().into_owned();
    let mut found = Vec::new();
    for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let Ok(raw) = fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let cmdline = String::from_utf8_lossy(&raw).replace('\0', " ");
        if cmdline.contains(&needle) {
            found.push(format!("{pid}: {}", cmdline.trim_end()));
        }
    }
    found
}

/// A running cluster; stopped when dropped.
pub struct Cluster {
    dir: PathBuf,
}

impl Cluster {
    /// Starts munged, slurmctld and slurmd with everything in `dir`, and
    /// waits until the node is idle.
    pub fn start(dir: &Path) -> Cluster {
        ensure_installed();
        let run = run_bounded(
            Command::new(slurm_script("cluster.sh"))
                .arg("start")
                .arg(dir),
            CLUSTER_LIMIT,
        );
        assert!(run.ok(), "{}", run.describe("cluster.sh start"));
        Cluster {
            dir: dir.to_path_buf(),
        }
    }

    /// The config file clients need in `SLURM_CONF`.
    pub fn slurm_conf(&self) -> PathBuf {
        self.dir.join("slurm.conf")
    }

    /// Submits `array_script` and then `merge_script` with
    /// `--dependency=afterok:<array>`, both from `job_dir`, and waits for
    /// them. Err holds the states, output files and daemon logs.
    pub fn run_array(
        &self,
        job_dir: &Path,
        array_script: &str,
        merge_script: &str,
        limit: Duration,
    ) -> Result<String, String> {
        let run = run_bounded(
            Command::new(slurm_script("run-array-test.sh"))
                .arg(&self.dir)
                .arg(job_dir)
                .arg(array_script)
                .arg(merge_script)
                .env(
                    "SLURM_HARNESS_JOB_TIMEOUT",
                    limit.as_secs().max(1).to_string(),
                ),
            limit + Duration::from_secs(60),
        );
        if run.ok() {
            Ok(run.stdout)
        } else {
            Err(run.describe("run-array-test.sh"))
        }
    }

    pub fn stop(&self) -> Result<(), String> {
        let run = run_bounded(
            Command::new(slurm_script("cluster.sh"))
                .arg("stop")
                .arg(&self.dir),
            CLUSTER_LIMIT,
        );
        if run.ok() {
            Ok(())
        } else {
            Err(run.describe("cluster.sh stop"))
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Err(e) = self.stop() {
            eprintln!("{e}");
        }
    }
}

#[test]
fn selftest_script_runs_an_array_and_its_merge_job() {
    ensure_installed();
    let tmp = reachable_tempdir();
    let run = run_bounded(
        Command::new(slurm_script("selftest.sh")).env("TMPDIR", tmp.path()),
        SELFTEST_LIMIT,
    );
    let left = processes_mentioning(tmp.path());
    assert!(run.ok(), "{}", run.describe("scripts/slurm/selftest.sh"));
    assert!(
        run.stdout.contains("selftest: OK"),
        "{}",
        run.describe("scripts/slurm/selftest.sh")
    );
    println!("{}", run.stdout.trim_end());
    assert!(
        left.is_empty(),
        "daemons still running after the self-test:\n{}",
        left.join("\n")
    );
}

#[test]
fn cluster_api_runs_scripts_from_a_folder() {
    let tmp = reachable_tempdir();
    let jobs = tmp.path().join("jobs");
    fs::create_dir(&jobs).unwrap();
    fs::write(
        jobs.join("shards.sbatch"),
        "#!/bin/bash\n\
         #SBATCH --job-name=api-shards\n\
         #SBATCH --array=0-3\n\
         #SBATCH --output=shard-%a.log\n\
         set -euo pipefail\n\
         echo \"shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT\" >shard-$SLURM_ARRAY_TASK_ID.out\n",
    )
    .unwrap();
    fs::write(
        jobs.join("merge.sbatch"),
        "#!/bin/bash\n\
         #SBATCH --job-name=api-merge\n\
         #SBATCH --output=merge.log\n\
         set -euo pipefail\n\
         for k in 0 1 2 3; do cat shard-$k.out; done >merged.out\n",
    )
    .unwrap();

    let cluster = Cluster::start(&tmp.path().join("cluster"));
    assert!(cluster.slurm_conf().is_file());
    let ids = cluster
        .run_array(
            &jobs,
            "shards.sbatch",
            "merge.sbatch",
            Duration::from_secs(90),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        ids.contains("ARRAY_JOB_ID=") && ids.contains("MERGE_JOB_ID="),
        "{ids}"
    );
    let merged = fs::read_to_string(jobs.join("merged.out")).unwrap();
    assert_eq!(merged, "shard 0/4\nshard 1/4\nshard 2/4\nshard 3/4\n");

    // A failing shard: the merge job must not run, and the failure is reported.
    fs::write(
        jobs.join("broken.sbatch"),
        "#!/bin/bash\n\
         #SBATCH --array=0-1\n\
         #SBATCH --output=broken-%a.log\n\
         echo \"shard $SLURM_ARRAY_TASK_ID says no\" >&2\n\
         exit $SLURM_ARRAY_TASK_ID\n",
    )
    .unwrap();
    fs::remove_file(jobs.join("merged.out")).unwrap();
    let err = cluster
        .run_array(
            &jobs,
            "broken.sbatch",
            "merge.sbatch",
            Duration::from_secs(90),
        )
        .expect_err("a failing array task must fail the run");
    assert!(err.contains("FAILED"), "{err}");
    assert!(err.contains("shard 1 says no"), "{err}");
    assert!(
        !jobs.join("merged.out").exists(),
        "merge ran after a failed shard"
    );

    cluster.stop().unwrap_or_else(|e| panic!("{e}"));
    drop(cluster);
    let left = processes_mentioning(tmp.path());
    assert!(
        left.is_empty(),
        "daemons still running after stop:\n{}",
        left.join("\n")
    );
}

/// `qiangji batch --slurm` writes a job array and a merge job; submitted to a
/// real single-node Slurm, they give the comparison a local batch gives,
/// byte for byte.
#[test]
fn a_batch_on_slurm_gives_the_local_comparison() {
    let tmp = reachable_tempdir();
    let cluster = Cluster::start(&tmp.path().join("cluster"));
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/demo");
    let scenarios =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios/demo.toml");
    let on_slurm = tmp.path().join("on-slurm");
    let write = Command::new(env!("CARGO_BIN_EXE_qiangji"))
        .arg("batch")
        .arg(&demo)
        .arg("--scenarios")
        .arg(&scenarios)
        .args(["--slurm", "--shards", "3", "--time", "00:10:00", "--out"])
        .arg(&on_slurm)
        .output()
        .unwrap();
    assert!(
        write.status.success(),
        "{}",
        String::from_utf8_lossy(&write.stderr)
    );
    let printed = String::from_utf8_lossy(&write.stdout);
    assert!(
        printed.contains("sbatch --dependency=afterok:$jobid merge.sbatch"),
        "{printed}"
    );
    let script = fs::read_to_string(on_slurm.join("slurm/batch.sbatch")).unwrap();
    assert!(script.contains("#SBATCH --array=1-3") && script.contains("--shard \"$k/3\""));
    cluster
        .run_array(
            &on_slurm.join("slurm"),
            "batch.sbatch",
            "merge.sbatch",
            Duration::from_secs(180),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let local = tmp.path().join("local");
    let run = Command::new(env!("CARGO_BIN_EXE_qiangji"))
        .arg("batch")
        .arg(&demo)
        .arg("--scenarios")
        .arg(&scenarios)
        .args(["--jobs", "2", "--out"])
        .arg(&local)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for file in ["comparison.csv", "comparison.md"] {
        assert_eq!(
            fs::read(on_slurm.join(file)).unwrap(),
            fs::read(local.join(file)).unwrap(),
            "{file} differs between the Slurm batch and the local one"
        );
    }
    for k in 1..=3 {
        assert!(on_slurm
            .join(format!("shard-{k}/base/summary.json"))
            .is_file());
    }
    drop(cluster);
}
