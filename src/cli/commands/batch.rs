//! `qiangji batch`: every scenario of a scenario file, in parallel, one
//! folder each, then the comparison — or, with `--slurm`, the job scripts
//! that do the same on a cluster.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use qiangji::analysis::batch::{run_batch, select, BatchOptions, CaseRun, CaseState, Shard};
use qiangji::analysis::compare::comparison::{comparison_of, Comparison};
use qiangji::exit::{ExitStatus, HasExitStatus};
use qiangji::instance::overrides::{load_scenarios, ScenarioFile};
use qiangji::instance::Instance;
use qiangji::output::slurm::{write_slurm, SlurmJob};
use qiangji::report::batch::{case_record, write_comparison, FolderSink};
use qiangji::results::batch::{BatchRecord, Described};
use qiangji::solve::SolverOptions;

use super::{available_cores, load_base, preflight_output};
use crate::cli::args::BatchArgs;
use crate::cli::Failure;

pub fn run(args: BatchArgs) -> Result<ExitStatus, Failure> {
    let shard = check_flags(&args)?;
    preflight_output(&args.out)?;
    // `--set` applies to every case after its scenario, as in `solve`.
    let ia = &args.instance;
    let base = load_base(ia)?;
    let path = ia.variant().scenario_path(&ia.instance);
    let file = load_scenarios(&path).map_err(|e| Failure::input(&path, &e))?;
    file.validate_against(&base)
        .map_err(|e| Failure::input(&path, &e))?;
    let (names, order) =
        select(&file, args.only.as_deref(), shard).map_err(|e| Failure::input(&path, &e))?;

    if args.slurm {
        return slurm(&args, &path, order.len() - 1);
    }

    let runs = run_cases(&args, &base, &file, &names)?;
    let record = BatchRecord {
        instance: base.name.clone(),
        scenario_file: path.display().to_string(),
        scenario_file_sha256: file.sha256.clone(),
        order: order.clone(),
        described: order.iter().map(|n| described(&file, n)).collect(),
        shard: shard.map(|s| format!("{}/{}", s.index, s.count)),
        cases: runs.iter().map(case_record).collect(),
    };
    check_finished(&runs, &args.out)?;
    // A shard compares the cases it ran; `merge` compares the whole batch.
    let compared = if shard.is_some() { &names } else { &order };
    let comparison = comparison_of(&[(args.out.clone(), record.clone())], compared)
        .map_err(|e| Failure::from_error(&args.out, e))?;
    write_comparison(
        &args.out,
        &record,
        &comparison,
        args.report.options(),
        "batch",
    )
    .map_err(|e| Failure::from_error(&args.out, e))?;
    print_table(&comparison);
    println!("  outputs            {}", args.out.display());
    cases_with_plans(&comparison, &names)
}

/// The flags' own rules, before anything is read; the shard to run.
fn check_flags(args: &BatchArgs) -> Result<Option<Shard>, Failure> {
    if !args.instance.scenario.is_empty() {
        return Err(Failure::usage(
            "batch runs every scenario of the file: choose some with --only A,B (--scenario is for single solves)",
        ));
    }
    args.shard
        .as_deref()
        .map(Shard::parse)
        .transpose()
        .map_err(Failure::usage)
}

/// Solves the cases `names` in parallel, one folder each, showing progress.
fn run_cases(
    args: &BatchArgs,
    base: &Instance,
    file: &ScenarioFile,
    names: &[String],
) -> Result<Vec<CaseRun>, Failure> {
    let jobs = args.jobs.unwrap_or_else(available_cores);
    let solver = SolverOptions {
        threads: Some(1),
        mip_gap: args.mip_gap,
        ..SolverOptions::default()
    };
    let opts = BatchOptions {
        run: args.model.run_options(solver.clone()),
        jobs,
        sets: args.instance.sets.clone(),
        from_base: args.start_from_base,
    };
    let sink = FolderSink {
        dir: args.out.clone(),
        solver,
        report: args.report.options(),
    };
    eprintln!(
        "{}: {} case(s) ({}), {} worker(s), output {}",
        base.name,
        names.len(),
        names.join(", "),
        jobs,
        args.out.display()
    );
    if args.start_from_base && !args.model.formulation.relax {
        eprintln!("  the base case is solved first: every scenario starts from its lead sites");
    }
    let progress = Progress::new(names.len());
    // Test hook: behave as if SIGTERM arrived once N cases have finished.
    let interrupt_after: Option<usize> = std::env::var("QIANGJI_FAULT").ok().and_then(|f| {
        f.strip_prefix("interrupt-after:")
            .and_then(|n| n.parse().ok())
    });
    let finished = std::sync::atomic::AtomicUsize::new(0);
    let on_done = |r: &CaseRun| {
        progress.done(r);
        let n = finished.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        if interrupt_after.is_some_and(|limit| n >= limit) {
            qiangji::interrupt::request(signal_hook::consts::SIGTERM);
        }
    };
    let runs = run_batch(base, file, names, &opts, &sink, &on_done)
        .map_err(|e| Failure::from((args.instance.instance.as_path(), e)))?;
    progress.finish();
    Ok(runs)
}

/// A case's title and rationale as the comparison shows them.
fn described(file: &ScenarioFile, name: &str) -> Described {
    let s = file.get(name);
    Described {
        name: name.to_string(),
        title: s.map_or_else(
            || "the instance as its files describe it".into(),
            |s| s.title.clone(),
        ),
        rationale: s.map(|s| s.rationale.clone()).unwrap_or_default(),
        title_zh: s.map(|s| s.title_zh.clone()).unwrap_or_default(),
        rationale_zh: s.map(|s| s.rationale_zh.clone()).unwrap_or_default(),
    }
}

/// An interrupted batch stops here: what finished stays for a resumed run.
fn check_finished(runs: &[CaseRun], out: &Path) -> Result<(), Failure> {
    let interrupted: Vec<&str> = runs
        .iter()
        .filter(|r| r.state == CaseState::Interrupted)
        .map(|r| r.name.as_str())
        .collect();
    if interrupted.is_empty() {
        return Ok(());
    }
    Err(Failure::new(
        ExitStatus::Interrupted,
        format!(
            "interrupted: {} case(s) did not finish ({}); every finished case is in {} — run the same command again to resume",
            interrupted.len(),
            interrupted.join(", "),
            out.display()
        ),
    ))
}

/// Success when every case run here has a plan.
fn cases_with_plans(
    comparison: &qiangji::analysis::compare::comparison::Comparison,
    names: &[String],
) -> Result<ExitStatus, Failure> {
    let failed: Vec<String> = comparison
        .rows
        .iter()
        .filter(|r| names.contains(&r.name) && r.objective_yi.is_none())
        .map(|r| format!("{} ({})", r.name, r.status))
        .collect();
    if failed.is_empty() {
        Ok(ExitStatus::Success)
    } else {
        Err(Failure::new(
            ExitStatus::SomeFailed,
            format!(
                "{} case(s) have no plan: {}; comparison.csv says why",
                failed.len(),
                failed.join(", ")
            ),
        ))
    }
}

fn print_table(c: &Comparison) {
    println!(
        "  {:<28} {:<12} {:>14} {:>12} {:>12} {:>14}",
        "scenario", "status", "spending 亿元", "central 亿元", "provincial 亿元", "penalty 亿元"
    );
    let f = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into());
    for r in &c.rows {
        println!(
            "  {:<28} {:<12} {:>14} {:>12} {:>12} {:>14}",
            r.name,
            r.status,
            f(r.spend_total_yi),
            f(r.spend_central_yi),
            f(r.spend_provincial_yi),
            f(r.penalty_yi)
        );
    }
}

/// A progress bar on a terminal, one line per finished case otherwise.
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64);
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} cases, {elapsed} — {msg}")
                    .expect("a valid template"),
            );
            bar
        });
        Progress { bar }
    }

    fn done(&self, r: &CaseRun) {
        let line = match &r.state {
            CaseState::Solved { seconds } => format!("{}: solved in {seconds:.1} s", r.name),
            CaseState::Skipped => format!("{}: unchanged since it was written", r.name),
            CaseState::InputError(m) | CaseState::Failed(m) => {
                format!("{}: {} — {m}", r.name, r.state.id())
            }
            CaseState::Interrupted => format!("{}: interrupted", r.name),
        };
        match &self.bar {
            Some(bar) => {
                bar.inc(1);
                bar.set_message(line);
            }
            None => eprintln!("  {line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// `--slurm`: the job array and the merge job, written, not submitted.
fn slurm(args: &BatchArgs, scenario_file: &Path, scenarios: usize) -> Result<ExitStatus, Failure> {
    let shards = args.shards.unwrap_or(scenarios).clamp(1, scenarios.max(1));
    let exe = std::env::current_exe().map_err(|e| {
        Failure::new(
            ExitStatus::Output,
            format!("cannot find the qiangji program: {e}"),
        )
    })?;
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // Options every shard repeats, so that the shards solve what one run would.
    let mut pass: Vec<String> = Vec::new();
    if let Some(m) = &args.instance.model {
        pass.extend(["--model".into(), abs(m).display().to_string()]);
    }
    for s in &args.instance.sets {
        pass.extend(["--set".into(), s.clone()]);
    }
    if let Some(only) = &args.only {
        pass.extend(["--only".into(), only.join(",")]);
    }
    if args.start_from_base {
        pass.push("--start-from-base".into());
    }
    let m = &args.model.formulation;
    if m.relax {
        pass.push("--relax".into());
    }
    if args.model.hard_targets {
        pass.push("--hard-targets".into());
    }
    if let Some(o) = &m.objective {
        pass.extend(["--objective".into(), o.clone()]);
    }
    if m.dense_response {
        pass.push("--dense-response".into());
    }
    if m.no_mip_start {
        pass.push("--no-mip-start".into());
    }
    if let Some(g) = args.mip_gap {
        pass.extend(["--mip-gap".into(), g.to_string()]);
    }
    pass.extend([
        "--report".into(),
        args.report.format.id().to_string(),
        "--lang".into(),
        args.report.lang.id().to_string(),
    ]);
    let job = SlurmJob {
        program: exe,
        instance: abs(&args.instance.instance),
        scenario_file: abs(scenario_file),
        out: abs(&args.out),
        shards,
        options: pass,
        partition: args.partition.clone(),
        time: args.time.clone(),
        cpus_per_task: args.cpus_per_task.unwrap_or(1),
        mem: args.mem.clone(),
    };
    let written = write_slurm(&job).map_err(|e| Failure::new(e.exit_status(), e.to_string()))?;
    println!(
        "wrote {} and {} ({} array tasks, one per shard; nothing was submitted)",
        written.array.display(),
        written.merge.display(),
        shards
    );
    println!("submit with:");
    println!("  cd {}", written.folder.display());
    println!(
        "  jobid=$(sbatch --parsable {})",
        written
            .array
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
    );
    println!(
        "  sbatch --dependency=afterok:$jobid {}",
        written
            .merge
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
    );
    println!("the comparison then appears in {}", job.out.display());
    Ok(ExitStatus::Success)
}
