//! Slurm scripts for a batch on a cluster: a job array with one task per
//! shard (`qiangji batch --shard K/N`) and a merge job to run after it
//! (`qiangji merge`), written into `OUT/slurm/`, never submitted. Shards
//! write `OUT/shard-K/`; the merge writes the comparison into `OUT`, the same
//! bytes one batch on one machine would write.

use std::path::{Path, PathBuf};

use super::{atomic, OutputError};

/// What the scripts run.
#[derive(Debug, Clone)]
pub struct SlurmJob {
    /// The qiangji program, as an absolute path.
    pub program: PathBuf,
    pub instance: PathBuf,
    pub scenario_file: PathBuf,
    /// The batch's output folder.
    pub out: PathBuf,
    pub shards: usize,
    /// Options every shard passes on (model, objective, gap, report …).
    pub options: Vec<String>,
    pub partition: Option<String>,
    /// HH:MM:SS.
    pub time: Option<String>,
    pub cpus_per_task: usize,
    pub mem: Option<String>,
}

/// Where the scripts were written.
pub struct SlurmScripts {
    pub folder: PathBuf,
    pub array: PathBuf,
    pub merge: PathBuf,
}

/// Folder of a shard's output.
pub fn shard_folder(out: &Path, k: usize) -> PathBuf {
    out.join(format!("shard-{k}"))
}

/// One word for bash: quoted so that nothing in it is interpreted.
fn quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r#"'\''"#))
}

fn quote_path(p: &Path) -> String {
    quote(&p.display().to_string())
}

/// Writes `batch.sbatch` and `merge.sbatch` into `OUT/slurm/`.
pub fn write_slurm(job: &SlurmJob) -> Result<SlurmScripts, OutputError> {
    let folder = job.out.join("slurm");
    let mut header = vec![
        "#!/bin/bash".to_string(),
        format!(
            "#SBATCH --job-name=qiangji-{}",
            job.instance
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "batch".into())
        ),
        format!("#SBATCH --array=1-{}", job.shards),
        format!("#SBATCH --cpus-per-task={}", job.cpus_per_task),
        format!("#SBATCH --output={}", folder.join("shard-%a.log").display()),
    ];
    if let Some(p) = &job.partition {
        header.push(format!("#SBATCH --partition={p}"));
    }
    if let Some(t) = &job.time {
        header.push(format!("#SBATCH --time={t}"));
    }
    if let Some(m) = &job.mem {
        header.push(format!("#SBATCH --mem={m}"));
    }
    let options: Vec<String> = job.options.iter().map(|o| quote(o)).collect();
    let array = format!(
        "{}\n\
         # One shard of the batch per array task: every {n}-th scenario from the\n\
         # K-th, and the base case. Exit status 6 (some scenarios have no plan)\n\
         # is a result, not a failure of the task: the merge reports it.\n\
         set -uo pipefail\n\
         k=\"${{SLURM_ARRAY_TASK_ID:?run this script with sbatch}}\"\n\
         {program} batch {instance} --scenarios {scenarios} --shard \"$k/{n}\" --jobs {jobs} \\\n    \
         --out {out}/shard-\"$k\" {options}\n\
         status=$?\n\
         if [ \"$status\" -eq 6 ]; then exit 0; fi\n\
         exit \"$status\"\n",
        header.join("\n"),
        n = job.shards,
        program = quote_path(&job.program),
        instance = quote_path(&job.instance),
        scenarios = quote_path(&job.scenario_file),
        jobs = job.cpus_per_task,
        out = quote_path(&job.out),
        options = options.join(" "),
    );
    let shards: Vec<String> = (1..=job.shards)
        .map(|k| quote_path(&shard_folder(&job.out, k)))
        .collect();
    let report: Vec<String> = job
        .options
        .windows(2)
        .filter(|w| w[0] == "--report" || w[0] == "--lang")
        .flat_map(|w| [w[0].clone(), quote(&w[1])])
        .collect();
    let merge = format!(
        "#!/bin/bash\n\
         #SBATCH --job-name=qiangji-merge\n\
         #SBATCH --output={log}\n\
         # Combines the shards into one comparison in the batch folder; submit it\n\
         # with --dependency=afterok:<array job id>.\n\
         set -euo pipefail\n\
         exec {program} merge {shards} --out {out} {report}\n",
        log = folder.join("merge.log").display(),
        program = quote_path(&job.program),
        shards = shards.join(" "),
        out = quote_path(&job.out),
        report = report.join(" "),
    );
    atomic::write_folder(
        &folder,
        "batch --slurm",
        [
            ("batch.sbatch", array.as_bytes()),
            ("merge.sbatch", merge.as_bytes()),
        ],
    )?;
    Ok(SlurmScripts {
        array: folder.join("batch.sbatch"),
        merge: folder.join("merge.sbatch"),
        folder,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_for_bash() {
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), r#"'it'\''s'"#);
    }
}
