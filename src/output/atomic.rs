//! Writing an output folder safely: the one mechanism every writer uses
//! (solve, sensitivity, sweep, tornado, Monte Carlo, generate, and a batch's
//! folder per scenario).
//!
//! - Files are first written to a staging folder; nothing reaches the output
//!   folder until every file is written. On any error, and on SIGINT/SIGTERM
//!   (see [`crate::interrupt`]), the staging folder is removed.
//! - A new folder is staged beside the target and renamed into place: it
//!   appears whole or not at all.
//! - An existing folder is written into only when it is empty or carries
//!   qiangji's own manifest ([`MANIFEST`], with a run id and every file
//!   qiangji wrote, with its sha256). Then only those files are replaced or
//!   removed; anything else in the folder is never touched, and a file qiangji
//!   would write over but did not write (or that was changed since) is an
//!   error before anything moves. This is what makes `--out .` safe.
//! - Within an existing folder the files are renamed into place one by one
//!   under a manifest that lists both the old and the new files, so that even
//!   a crash in the middle leaves a folder the next run recognises and cleans.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::OutputError;
use crate::interrupt::{self, StagingGuard};

/// The manifest qiangji writes in every folder it creates.
pub const MANIFEST: &str = ".qiangji-output.json";

/// Prefix of staging folders (beside a new folder, or inside an existing one).
const STAGING_PREFIX: &str = ".qiangji-staging-";

/// Version of the manifest's layout.
const MANIFEST_FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Manifest {
    qiangji_output: u32,
    /// Differs on every run, so two runs' folders can be told apart.
    run_id: String,
    /// The command that wrote the folder (`solve`, `sweep`, `generate`, …).
    command: String,
    /// Every file qiangji wrote, relative to the folder, sorted.
    files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct ManifestFile {
    name: String,
    sha256: String,
}

/// What is already at the target.
#[derive(Debug)]
enum Placement {
    /// Nothing: stage beside it and rename.
    NewFolder,
    /// An empty folder, or one qiangji wrote (its manifest, if any).
    Existing { old: Option<Manifest> },
}

/// A staging folder for one output folder.
pub struct Staging {
    target: PathBuf,
    placement: Placement,
    command: String,
    /// The staging folder (`None` once it became the output folder).
    dir: Option<tempfile::TempDir>,
    /// name → sha256 of every file written so far.
    written: BTreeMap<String, String>,
    /// Folders above a new target that this run created, deepest first:
    /// removed again (when still empty) unless the output is committed.
    created_parents: Vec<PathBuf>,
    committed: bool,
    _registered: StagingGuard,
}

impl Drop for Staging {
    fn drop(&mut self) {
        // The staging folder goes first, so that the folders above it are empty.
        drop(self.dir.take());
        if !self.committed {
            for dir in &self.created_parents {
                let _ = fs::remove_dir(dir);
            }
        }
    }
}

/// The ancestors of `dir` that do not exist yet, deepest first.
fn missing_ancestors(dir: &Path) -> Vec<PathBuf> {
    dir.ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && fs::symlink_metadata(d).is_err())
        .map(Path::to_path_buf)
        .collect()
}

/// Writes `files` (name relative to the folder → contents) into `target`
/// as one unit: nothing is written unless everything is, and only qiangji's
/// own earlier output there is replaced. `command` is recorded in the
/// manifest. Names may contain `/` to write into subfolders.
pub fn write_folder<N: AsRef<str>, C: AsRef<[u8]>>(
    target: &Path,
    command: &str,
    files: impl IntoIterator<Item = (N, C)>,
) -> Result<(), OutputError> {
    let mut staging = Staging::new(target, command)?;
    for (name, contents) in files {
        staging.write(name.as_ref(), contents.as_ref())?;
    }
    staging.commit()
}

/// Checks, before any work, that `target` can receive qiangji's output:
/// absent, an empty folder, or a folder qiangji wrote (and whose files were
/// not changed since). Commands call it before a long solve to fail fast.
pub fn preflight(target: &Path) -> Result<(), OutputError> {
    placement(target).map(|_| ())
}

fn placement(target: &Path) -> Result<Placement, OutputError> {
    let meta = match fs::symlink_metadata(target) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Placement::NewFolder),
        Err(e) => return Err(OutputError::new(target, e)),
    };
    if !meta.is_dir() {
        let what = if meta.file_type().is_symlink() {
            "is a symbolic link"
        } else {
            "is a file"
        };
        return Err(refused(
            target,
            &format!("{what}, not a folder; choose another --out"),
        ));
    }
    let old = read_manifest(target)?;
    let listed: BTreeSet<&str> = old
        .iter()
        .flat_map(|m| m.files.iter().map(|f| f.name.as_str()))
        .collect();
    let mut foreign: Vec<String> = Vec::new();
    for entry in fs::read_dir(target).map_err(|e| OutputError::new(target, e))? {
        let entry = entry.map_err(|e| OutputError::new(target, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == MANIFEST || name.starts_with(STAGING_PREFIX) {
            continue;
        }
        let is_listed = listed.contains(name.as_str())
            || listed.iter().any(|l| l.starts_with(&format!("{name}/")));
        if !is_listed && !is_output_folder(&entry.path()) {
            foreign.push(name);
        }
    }
    if old.is_none() && !foreign.is_empty() {
        foreign.sort();
        return Err(refused(
            target,
            &format!(
                "exists and holds files qiangji did not write ({}); choose an empty or new folder for --out",
                shorten(&foreign)
            ),
        ));
    }
    if let Some(old) = &old {
        for f in &old.files {
            let path = target.join(&f.name);
            if let Ok(bytes) = fs::read(&path) {
                if sha256_hex(&bytes) != f.sha256 {
                    return Err(refused(
                        &path,
                        "was changed after qiangji wrote it; move it elsewhere (or delete it) before writing here again",
                    ));
                }
            }
        }
    }
    Ok(Placement::Existing { old })
}

/// A subfolder qiangji wrote (a batch's scenario folder), which an outer
/// output folder may hold beside its own files.
fn is_output_folder(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) && path.join(MANIFEST).is_file()
}

fn read_manifest(dir: &Path) -> Result<Option<Manifest>, OutputError> {
    let path = dir.join(MANIFEST);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(OutputError::new(&path, e)),
    };
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
        refused(
            &path,
            &format!("is not a manifest qiangji can read ({e}); the folder is left alone"),
        )
    })?;
    for f in &manifest.files {
        if check_name(&f.name).is_err() {
            return Err(refused(
                &path,
                &format!("lists {:?}, which is not a file inside the folder", f.name),
            ));
        }
    }
    Ok(Some(manifest))
}

fn refused(path: &Path, message: &str) -> OutputError {
    OutputError {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

fn shorten(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
    if names.len() > shown.len() {
        format!("{}, … {} in all", shown.join(", "), names.len())
    } else {
        shown.join(", ")
    }
}

/// A file name must stay inside the folder and not be qiangji's own bookkeeping.
fn check_name(name: &str) -> Result<(), String> {
    let path = Path::new(name);
    let plain = !name.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return Err(format!(
            "{name:?} is not a plain file name inside the folder"
        ));
    }
    if name == MANIFEST || name.starts_with(STAGING_PREFIX) {
        return Err(format!("{name:?} is reserved for qiangji's bookkeeping"));
    }
    Ok(())
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An identifier for this run: time and process id.
fn run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{nanos:x}-{}", std::process::id())
}

impl Staging {
    /// Staging for an output folder written by `command` (e.g. `solve`).
    pub fn new(target: &Path, command: &str) -> Result<Staging, OutputError> {
        let placement = placement(target)?;
        let mut created_parents = Vec::new();
        let dir = match &placement {
            Placement::NewFolder => {
                let parent = match target.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                created_parents = missing_ancestors(&parent);
                if let Err(e) = fs::create_dir_all(&parent) {
                    for dir in &created_parents {
                        let _ = fs::remove_dir(dir);
                    }
                    return Err(OutputError::new(&parent, e));
                }
                let name = target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "out".into());
                match tempfile::Builder::new()
                    .prefix(&format!(".{name}{STAGING_PREFIX}"))
                    .tempdir_in(&parent)
                {
                    Ok(dir) => dir,
                    Err(e) => {
                        for dir in &created_parents {
                            let _ = fs::remove_dir(dir);
                        }
                        return Err(OutputError::new(&parent, e));
                    }
                }
            }
            Placement::Existing { .. } => tempfile::Builder::new()
                .prefix(STAGING_PREFIX)
                .tempdir_in(target)
                .map_err(|e| OutputError::new(target, e))?,
        };
        let registered = interrupt::register_staging(dir.path());
        let dir = Some(dir);
        Ok(Staging {
            target: target.to_path_buf(),
            placement,
            command: command.to_string(),
            dir,
            written: BTreeMap::new(),
            created_parents,
            committed: false,
            _registered: registered,
        })
    }

    fn staging(&self) -> &Path {
        self.dir
            .as_ref()
            .expect("the staging folder exists until commit")
            .path()
    }

    /// Writes one file (a name relative to the output folder) into staging.
    pub fn write(&mut self, name: &str, contents: &[u8]) -> Result<(), OutputError> {
        check_name(name).map_err(|m| refused(&self.target.join(name), &m))?;
        self.refuse_foreign(name)?;
        let path = self.staging().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| OutputError::new(parent, e))?;
        }
        fs::write(&path, contents).map_err(|e| OutputError::new(&self.target.join(name), e))?;
        self.written.insert(name.to_string(), sha256_hex(contents));
        Ok(())
    }

    /// The names of the files staged so far, in name order.
    pub fn staged_names(&self) -> Vec<String> {
        self.written.keys().cloned().collect()
    }

    /// The contents of a file staged by this run (to lay a table out again
    /// in another form); `None` when no such file was staged.
    pub fn staged(&self, name: &str) -> Option<Vec<u8>> {
        if !self.written.contains_key(name) {
            return None;
        }
        fs::read(self.staging().join(name)).ok()
    }

    /// In an existing folder, a file qiangji did not write is never replaced.
    fn refuse_foreign(&self, name: &str) -> Result<(), OutputError> {
        let Placement::Existing { old } = &self.placement else {
            return Ok(());
        };
        let path = self.target.join(name);
        let listed = old
            .as_ref()
            .is_some_and(|m| m.files.iter().any(|f| f.name == name));
        if !listed && fs::symlink_metadata(&path).is_ok() {
            return Err(refused(
                &path,
                "exists and was not written by qiangji; it is left alone, so nothing was written (choose another --out)",
            ));
        }
        Ok(())
    }

    /// Writes `summary.json` (pretty-printed, newline-terminated).
    pub fn write_summary<T: serde::Serialize>(&mut self, summary: &T) -> Result<(), OutputError> {
        let text = serde_json::to_string_pretty(summary)
            .map_err(|e| refused(&self.target.join("summary.json"), &e.to_string()))?;
        self.write("summary.json", format!("{text}\n").as_bytes())
    }

    fn manifest(&self) -> Manifest {
        Manifest {
            qiangji_output: MANIFEST_FORMAT,
            run_id: run_id(),
            command: self.command.clone(),
            files: self
                .written
                .iter()
                .map(|(name, sha256)| ManifestFile {
                    name: name.clone(),
                    sha256: sha256.clone(),
                })
                .collect(),
        }
    }

    /// Moves every staged file into place. On error nothing of this run
    /// remains (the staging folder is removed) and an earlier output is kept.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let manifest = self.manifest();
        write_manifest(&self.staging().join(MANIFEST), &manifest)?;
        let result = {
            let _no_forced_exit = interrupt::commit_section();
            match &self.placement {
                Placement::NewFolder => self.rename_folder(),
                Placement::Existing { .. } => self.replace_files(&manifest),
            }
        };
        match result {
            Ok(moved) => {
                self.committed = true;
                if moved {
                    // The staging folder became the output folder: keep it.
                    if let Some(dir) = self.dir.take() {
                        let _ = dir.keep();
                    }
                }
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Renames the staging folder to the target; `Ok(true)` when it moved.
    fn rename_folder(&self) -> Result<bool, OutputError> {
        if fs::symlink_metadata(&self.target).is_ok() {
            return Err(refused(
                &self.target,
                "appeared while qiangji was writing; nothing was written",
            ));
        }
        fs::rename(self.staging(), &self.target).map_err(|e| OutputError::new(&self.target, e))?;
        Ok(true)
    }

    /// Replaces qiangji's earlier files in an existing folder by the staged
    /// ones; `Ok(false)`: the staging folder stays to be removed.
    fn replace_files(&self, manifest: &Manifest) -> Result<bool, OutputError> {
        // The folder may have changed since staging began: check it again.
        let Placement::Existing { old } = placement(&self.target)? else {
            return Err(refused(
                &self.target,
                "was removed while qiangji was writing; nothing was written",
            ));
        };
        for name in self.written.keys() {
            let listed = old
                .as_ref()
                .is_some_and(|m| m.files.iter().any(|f| &f.name == name));
            if !listed && fs::symlink_metadata(self.target.join(name)).is_ok() {
                return Err(refused(
                    &self.target.join(name),
                    "exists and was not written by qiangji; it is left alone, so nothing was written",
                ));
            }
        }
        let stale: Vec<ManifestFile> = old
            .iter()
            .flat_map(|m| m.files.iter())
            .filter(|f| !self.written.contains_key(&f.name))
            .cloned()
            .collect();
        // While files move, the manifest claims old and new files alike.
        let mut interim = manifest.clone();
        interim.files.extend(stale.iter().cloned());
        interim.files.sort_by(|a, b| a.name.cmp(&b.name));
        let interim_path = self.staging().join(".interim-manifest");
        write_manifest(&interim_path, &interim)?;
        rename(&interim_path, &self.target.join(MANIFEST))?;
        for name in self.written.keys() {
            let to = self.target.join(name);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(|e| OutputError::new(parent, e))?;
            }
            rename(&self.staging().join(name), &to)?;
        }
        for f in &stale {
            let path = self.target.join(&f.name);
            match fs::remove_file(&path) {
                Ok(()) => remove_empty_parents(&self.target, &path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(OutputError::new(&path, e)),
            }
        }
        rename(&self.staging().join(MANIFEST), &self.target.join(MANIFEST))?;
        remove_leftover_staging(&self.target, self.staging());
        Ok(false)
    }
}

fn write_manifest(path: &Path, manifest: &Manifest) -> Result<(), OutputError> {
    let text = serde_json::to_string_pretty(manifest).map_err(|e| refused(path, &e.to_string()))?;
    fs::write(path, format!("{text}\n")).map_err(|e| OutputError::new(path, e))
}

fn rename(from: &Path, to: &Path) -> Result<(), OutputError> {
    fs::rename(from, to).map_err(|e| OutputError::new(to, e))
}

/// Removes folders left empty by a removed file, up to (not including) `root`.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Staging folders of an earlier run that was killed (SIGKILL, power loss).
fn remove_leftover_staging(target: &Path, own: &Path) {
    let Ok(entries) = fs::read_dir(target) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_staging = entry
            .file_name()
            .to_string_lossy()
            .starts_with(STAGING_PREFIX);
        if is_staging && path != own && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_new_folder_appears_whole_with_its_manifest() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        write_folder(&out, "test", [("a.csv", "1\n"), ("sub/b.csv", "2\n")]).unwrap();
        assert_eq!(files(&out), [MANIFEST, "a.csv", "sub"]);
        assert_eq!(files(tmp.path()), ["out"], "no staging folder is left");
        let m = read_manifest(&out).unwrap().unwrap();
        let names: Vec<&str> = m.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["a.csv", "sub/b.csv"]);
        assert_eq!(m.command, "test");
    }

    #[test]
    fn only_qiangji_files_are_replaced_and_others_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        write_folder(&out, "test", [("a.csv", "1\n"), ("old.csv", "x\n")]).unwrap();
        fs::write(out.join("mine.txt"), "the user's note").unwrap();
        write_folder(&out, "test", [("a.csv", "2\n")]).unwrap();
        assert_eq!(files(&out), [MANIFEST, "a.csv", "mine.txt"]);
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "2\n");
        assert_eq!(
            fs::read_to_string(out.join("mine.txt")).unwrap(),
            "the user's note"
        );
    }

    #[test]
    fn a_user_file_in_the_way_stops_everything() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        write_folder(&out, "test", [("a.csv", "1\n")]).unwrap();
        fs::write(out.join("b.csv"), "the user's table").unwrap();
        let e = write_folder(&out, "test", [("a.csv", "2\n"), ("b.csv", "3\n")]).unwrap_err();
        assert!(e.message.contains("not written by qiangji"), "{e}");
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "1\n");
        assert_eq!(
            fs::read_to_string(out.join("b.csv")).unwrap(),
            "the user's table"
        );
        assert_eq!(files(&out), [MANIFEST, "a.csv", "b.csv"]);
    }

    #[test]
    fn a_changed_output_file_is_not_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        write_folder(&out, "test", [("a.csv", "1\n")]).unwrap();
        fs::write(out.join("a.csv"), "edited by hand").unwrap();
        let e = write_folder(&out, "test", [("a.csv", "2\n")]).unwrap_err();
        assert!(e.message.contains("changed after qiangji wrote it"), "{e}");
        assert_eq!(
            fs::read_to_string(out.join("a.csv")).unwrap(),
            "edited by hand"
        );
    }

    #[test]
    fn a_folder_with_foreign_files_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("summary.json"), "{}").unwrap();
        fs::write(out.join("thesis.docx"), "years of work").unwrap();
        let e = write_folder(&out, "test", [("summary.json", "{}")]).unwrap_err();
        assert!(
            e.message.contains("holds files qiangji did not write"),
            "{e}"
        );
        assert_eq!(files(&out), ["summary.json", "thesis.docx"]);
    }

    #[test]
    fn an_empty_folder_and_scenario_subfolders_are_accepted() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        fs::create_dir(&out).unwrap();
        write_folder(&out.join("base"), "solve", [("a.csv", "1\n")]).unwrap();
        write_folder(&out.join("high"), "solve", [("a.csv", "2\n")]).unwrap();
        write_folder(&out, "batch", [("comparison.csv", "x\n")]).unwrap();
        assert_eq!(files(&out), [MANIFEST, "base", "comparison.csv", "high"]);
        // Writing the outer folder again leaves the scenario folders alone.
        write_folder(&out, "batch", [("comparison.csv", "y\n")]).unwrap();
        assert_eq!(files(&out.join("base")), [MANIFEST, "a.csv"]);
    }

    #[test]
    fn a_failed_write_removes_the_folders_it_created() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("a").join("b").join("out");
        assert!(write_folder(&out, "test", [("ok.csv", "1"), ("../bad.csv", "2")]).is_err());
        assert_eq!(files(tmp.path()), Vec::<String>::new());
    }

    #[test]
    fn names_must_stay_inside_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        for bad in ["../escape.csv", "/etc/passwd", "", MANIFEST] {
            assert!(write_folder(&out, "test", [(bad, "x")]).is_err(), "{bad}");
        }
        assert_eq!(files(tmp.path()), Vec::<String>::new());
    }
}
