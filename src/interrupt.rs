//! SIGINT (Ctrl-C) and SIGTERM: one flag that the solver's interrupt
//! callback, the analyses and the commands watch, and a register of staging
//! folders that must not outlive the process.
//!
//! The first signal sets the flag and gives the running step a grace period
//! to stop by itself (a HiGHS run with the interrupt callback installed
//! returns within milliseconds; a sweep or Monte Carlo then writes the
//! results it finished). If the process is still running after the grace
//! period, or a second signal arrives, every registered staging folder is
//! removed and the process exits with status 130 at once: no partial output
//! and no staging folder is ever left behind.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Mutex, MutexGuard, Once};
use std::time::Duration;

use crate::exit::{ExitStatus, HasExitStatus};

static REQUESTED: AtomicBool = AtomicBool::new(false);
static SIGNAL: AtomicI32 = AtomicI32::new(0);
static INSTALL: Once = Once::new();
static STAGING: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// How long a running step may take to stop by itself after the first signal.
pub const GRACE: Duration = Duration::from_secs(10);

/// The work was stopped by SIGINT or SIGTERM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("interrupted by {}", signal_name(*signal))]
pub struct Interrupted {
    pub signal: i32,
}

impl HasExitStatus for Interrupted {
    fn exit_status(&self) -> ExitStatus {
        ExitStatus::Interrupted
    }
}

fn signal_name(signal: i32) -> &'static str {
    match signal {
        signal_hook::consts::SIGINT => "SIGINT (Ctrl-C)",
        signal_hook::consts::SIGTERM => "SIGTERM",
        _ => "a signal",
    }
}

/// Installs the SIGINT/SIGTERM handler (once per process; later calls do
/// nothing). Without it the signals keep their default action.
pub fn install() -> std::io::Result<()> {
    let mut result = Ok(());
    INSTALL.call_once(|| {
        result = start_watcher();
    });
    result
}

fn start_watcher() -> std::io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("qiangji-signals".into())
        .spawn(move || {
            let mut received = 0;
            for signal in signals.forever() {
                received += 1;
                if received > 1 {
                    exit_now();
                }
                request(signal);
                eprintln!(
                    "qiangji: {} received; stopping (finished results are kept; again to stop at once)",
                    signal_name(signal)
                );
                // If the running step does not stop by itself in time, end it.
                std::thread::spawn(|| {
                    std::thread::sleep(GRACE);
                    exit_now();
                });
            }
        })?;
    Ok(())
}

/// Marks the run as interrupted by `signal` (what the handler does; tests
/// call it directly).
pub fn request(signal: i32) {
    SIGNAL.store(signal, Ordering::SeqCst);
    REQUESTED.store(true, Ordering::SeqCst);
}

/// Whether SIGINT or SIGTERM has been received.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// The flag itself, for callbacks that poll it (the HiGHS interrupt callback).
pub fn flag() -> &'static AtomicBool {
    &REQUESTED
}

/// `Err(Interrupted)` once a signal has been received: for loops over
/// points, samples or scenarios that stop between steps.
pub fn check() -> Result<(), Interrupted> {
    if requested() {
        Err(Interrupted {
            signal: SIGNAL.load(Ordering::SeqCst),
        })
    } else {
        Ok(())
    }
}

/// Removes every registered staging folder and exits with status 130.
fn exit_now() -> ! {
    // Holding the lock waits for a commit in progress to finish, and keeps
    // a new one from starting.
    let staging = lock();
    for dir in staging.iter() {
        let _ = std::fs::remove_dir_all(dir);
    }
    eprintln!("qiangji: interrupted; nothing unfinished was written");
    std::process::exit(i32::from(ExitStatus::Interrupted.code()));
}

fn lock() -> MutexGuard<'static, BTreeSet<PathBuf>> {
    STAGING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A staging folder registered for removal on interrupt; unregistered when
/// dropped.
#[derive(Debug)]
pub struct StagingGuard {
    dir: PathBuf,
}

/// Registers `dir` so that an interrupt that ends the process removes it.
pub fn register_staging(dir: &Path) -> StagingGuard {
    lock().insert(dir.to_path_buf());
    StagingGuard {
        dir: dir.to_path_buf(),
    }
}

impl Drop for StagingGuard {
    fn drop(&mut self) {
        lock().remove(&self.dir);
    }
}

/// Holds off a forced exit while output files are moved into place, so an
/// interrupt never lands between two renames of one commit.
pub fn commit_section() -> MutexGuard<'static, BTreeSet<PathBuf>> {
    lock()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_folders_are_registered_until_dropped() {
        let dir = PathBuf::from("/nonexistent/qiangji-test-staging");
        {
            let _guard = register_staging(&dir);
            assert!(lock().contains(&dir));
        }
        assert!(!lock().contains(&dir));
    }

    #[test]
    fn interrupted_maps_to_status_130() {
        let e = Interrupted {
            signal: signal_hook::consts::SIGTERM,
        };
        assert_eq!(e.exit_status().code(), 130);
        assert_eq!(e.to_string(), "interrupted by SIGTERM");
    }
}
