//! The `qiangji` command: thin glue between the command line and the library.

mod cli;

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use cli::{
    CheckArgs, Cli, Command, ExportArgs, GenerateArgs, MonteCarloArgs, SolveArgs, SweepArgs,
    TornadoArgs,
};
use qiangji::instance::{load, InputErrors, Instance, LoadOptions};
use qiangji::report::{tables::num, write_outputs};
use qiangji::run::{open_session, solve_instance, RunError};
use qiangji::solve::SolverOptions;

const EXIT_OUTPUT: u8 = 1;
const EXIT_INPUT: u8 = 2;
const EXIT_CHECK: u8 = 3;
const EXIT_NO_PLAN: u8 = 4;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Solve(args) => solve(args, false),
        Command::Sensitivity(args) => solve(args, true),
        Command::Export(args) => export(args),
        Command::Generate(args) => generate(args),
        Command::Sweep(args) => sweep(args),
        Command::Montecarlo(args) => montecarlo(args),
        Command::Tornado(args) => tornado(args),
    }
}

fn load_instance(args: &cli::InstanceArgs) -> Result<Instance, ExitCode> {
    let options = LoadOptions {
        model_override: args.model.clone(),
    };
    load(&args.instance, &options).map_err(|errors| report_input_errors(&args.instance, &errors))
}

fn report_input_errors(path: &std::path::Path, errors: &InputErrors) -> ExitCode {
    eprintln!(
        "error: {} has {} input error(s):",
        path.display(),
        errors.len()
    );
    for e in errors.iter() {
        eprintln!("  {e}");
    }
    ExitCode::from(EXIT_INPUT)
}

fn check(args: CheckArgs) -> ExitCode {
    match load_instance(&args.instance) {
        Ok(inst) => {
            println!(
                "{}: valid — {} areas, {} items, {} provinces, years {}–{}, {} targets, {} chain links, model `{}`",
                args.instance.instance.display(),
                inst.areas.len(),
                inst.items.len(),
                inst.provinces.len(),
                inst.years[0],
                inst.years[inst.years.len() - 1],
                inst.targets.len(),
                inst.links.len(),
                inst.model.name
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn run_error(path: &std::path::Path, e: RunError) -> ExitCode {
    match e {
        RunError::Input(errors) => report_input_errors(path, &errors),
        RunError::Solve(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_NO_PLAN)
        }
    }
}

fn solve(args: SolveArgs, ranging: bool) -> ExitCode {
    if let Err(msg) = validate_solver_args(&args) {
        eprintln!("error: {msg}");
        return ExitCode::from(EXIT_INPUT);
    }
    let started = Instant::now();
    let inst = match load_instance(&args.instance) {
        Ok(inst) => inst,
        Err(code) => return code,
    };
    let load_s = started.elapsed().as_secs_f64();
    let solver = args.solver_options();
    let mut options = args.model.run_options(solver.clone());
    options.ranging = ranging;
    let mut result = match solve_instance(&inst, &options) {
        Ok(r) => r,
        Err(e) => return run_error(&args.instance.instance, e),
    };
    result.timings.load_s = load_s;
    if let Some(check) = &result.check {
        if !check.passed {
            eprintln!(
                "error: the independent check rejected the solver's plan; nothing was written."
            );
            for v in check.violations.iter().take(20) {
                eprintln!(
                    "  {} (violation {:.3e}, scaled {:.3e})",
                    v.what, v.amount, v.scaled
                );
            }
            return ExitCode::from(EXIT_CHECK);
        }
    }
    if let Err(e) = write_outputs(&args.out, &inst, &mut result, &solver) {
        eprintln!("error: cannot write the outputs: {e}");
        return ExitCode::from(EXIT_OUTPUT);
    }
    print_summary(&inst, &result, &args.out);
    if result.plan.is_none() {
        eprintln!("error: no plan: {}", result.outcome.status.explain());
        return ExitCode::from(EXIT_NO_PLAN);
    }
    ExitCode::SUCCESS
}

fn validate_solver_args(args: &SolveArgs) -> Result<(), String> {
    if let Some(t) = args.time_limit {
        if !(t.is_finite() && t > 0.0) {
            return Err(format!(
                "--time-limit must be a positive number of seconds, got {t}"
            ));
        }
    }
    if let Some(g) = args.mip_gap {
        if !(0.0..1.0).contains(&g) {
            return Err(format!("--mip-gap must be in [0, 1), got {g}"));
        }
    }
    if args.threads == Some(0) {
        return Err("--threads must be at least 1".into());
    }
    Ok(())
}

fn print_summary(inst: &Instance, result: &qiangji::run::RunResult, out: &std::path::Path) {
    let o = &result.outcome;
    println!("{}: {}", inst.name, o.status.id());
    if let Some(obj) = o.objective {
        println!("  objective          {} 亿元", num(obj));
    }
    if let (Some(gap), true) = (o.mip_gap, result.size.integers > 0) {
        println!("  MIP gap            {:.4}%", 100.0 * gap);
    }
    if let Some(plan) = &result.plan {
        let spend = qiangji::plan::spend_by_year(inst, plan);
        let total: f64 = spend.iter().map(|s| s.total_yi()).sum();
        let central: f64 = spend.iter().map(|s| s.central_yi()).sum();
        println!(
            "  spending           {} 亿元 (central {}, provincial {})",
            num(total),
            num(central),
            num(total - central)
        );
        for t in qiangji::report::tables::target_rows(inst, result) {
            println!(
                "  target {:<12} {} {:.1}% required, {:.1}% achieved{}",
                t.id,
                t.year,
                100.0 * t.level,
                100.0 * t.achieved,
                if t.met {
                    String::new()
                } else {
                    format!(", SHORT by {:.1} points", 100.0 * t.shortfall)
                }
            );
        }
    }
    if let Some(check) = &result.check {
        println!(
            "  check              {} (max violation {:.2e})",
            if check.passed { "passed" } else { "FAILED" },
            check.max_violation
        );
    }
    println!("  outputs            {}", out.display());
}

fn export(args: ExportArgs) -> ExitCode {
    let files: Vec<(&std::path::PathBuf, &str)> = [(&args.mps, "mps"), (&args.lp, "lp")]
        .into_iter()
        .filter_map(|(path, ext)| path.as_ref().map(|p| (p, ext)))
        .collect();
    // Refuse bad names before any work, so no file is written at all.
    for (path, ext) in &files {
        if path.extension().and_then(|e| e.to_str()) != Some(*ext) {
            eprintln!(
                "error: {}: the file name must end in .{ext}",
                path.display()
            );
            return ExitCode::from(EXIT_INPUT);
        }
    }
    let inst = match load_instance(&args.instance) {
        Ok(inst) => inst,
        Err(code) => return code,
    };
    let options = args.model.run_options(SolverOptions::default());
    let (mut session, _) = match open_session(&inst, &options) {
        Ok(s) => s,
        Err(e) => return run_error(&args.instance.instance, e),
    };
    for (path, _) in files {
        if let Err(e) = session.write_model(path) {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_OUTPUT);
        }
        println!(
            "wrote {} ({} columns, {} rows)",
            path.display(),
            session.num_columns(),
            session.num_rows()
        );
    }
    ExitCode::SUCCESS
}

fn generate(args: GenerateArgs) -> ExitCode {
    let options = qiangji::generate::GenerateOptions {
        items: args.items,
        provinces: args.provinces,
        years: args.years,
        seed: args.seed,
    };
    match qiangji::generate::generate(&options, &args.out) {
        Ok(()) => {
            println!(
                "wrote {} ({} items, {} provinces, {} years, seed {})",
                args.out.display(),
                args.items,
                args.provinces,
                args.years,
                args.seed
            );
            ExitCode::SUCCESS
        }
        Err(qiangji::generate::GenerateError::Invalid(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(EXIT_INPUT)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_OUTPUT)
        }
    }
}

fn sweep(args: SweepArgs) -> ExitCode {
    use qiangji::analysis::sweep::{run_sweep, SweepOptions, SweepParam};
    let param = match SweepParam::parse(
        &args.param,
        args.target.as_deref(),
        args.area.as_deref(),
        args.item.as_deref(),
    ) {
        Ok(p) => p,
        Err(msg) => {
            eprintln!("error: --param: {msg}");
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let inst = match load_instance(&args.instance) {
        Ok(inst) => inst,
        Err(code) => return code,
    };
    let solver = SolverOptions {
        threads: args.threads,
        ..SolverOptions::default()
    };
    let options = SweepOptions {
        param,
        from: args.from,
        to: args.to,
        points: args.steps,
        cold: args.cold,
        reoptimise_integers: args.reoptimise_integers,
        run: args.model.run_options(solver),
    };
    let result = match run_sweep(&inst, &options) {
        Ok(r) => r,
        Err(e) => return analysis_error(&args.instance.instance, e),
    };
    if let Err(e) = qiangji::report::sweep::write_sweep(&args.out, &inst, &options, &result) {
        eprintln!("error: cannot write the outputs: {e}");
        return ExitCode::from(EXIT_OUTPUT);
    }
    println!(
        "{}: {} points of {} ({} sweep, integers {}), {:.2} s, every plan checked",
        inst.name,
        result.points.len(),
        options.param.label(),
        result.mode,
        result.integers,
        result.total_s
    );
    for p in &result.points {
        println!(
            "  {:>10}  {:<10} objective {:>14} 亿元{}",
            num(p.value),
            p.status.id(),
            p.objective.map(num).unwrap_or_else(|| "–".into()),
            if p.basis_changed {
                "  (basis changed)"
            } else {
                ""
            }
        );
    }
    println!("  outputs            {}", args.out.display());
    ExitCode::SUCCESS
}

fn montecarlo(args: MonteCarloArgs) -> ExitCode {
    use qiangji::analysis::montecarlo::{run_montecarlo, MonteCarloOptions};
    let inst = match load_instance(&args.instance) {
        Ok(inst) => inst,
        Err(code) => return code,
    };
    let workers = args.workers.unwrap_or_else(available_cores);
    let options = MonteCarloOptions {
        samples: args.samples,
        cv: args.cv,
        seed: args.seed,
        uncertain_budgets: args.uncertain_budgets,
        evaluate_plan: args.evaluate_plan,
        workers,
        run: args.model.run_options(SolverOptions {
            threads: Some(1),
            ..SolverOptions::default()
        }),
    };
    let result = match run_montecarlo(&inst, &options) {
        Ok(r) => r,
        Err(e) => return analysis_error(&args.instance.instance, e),
    };
    if let Err(e) =
        qiangji::report::montecarlo::write_montecarlo(&args.out, &inst, &options, &result)
    {
        eprintln!("error: cannot write the outputs: {e}");
        return ExitCode::from(EXIT_OUTPUT);
    }
    let n = result.samples.len() as f64;
    println!(
        "{}: {} samples ({}), cv {}, seed {}",
        inst.name,
        result.samples.len(),
        result.mode,
        options.cv,
        options.seed
    );
    for (g, t) in inst.targets.iter().enumerate() {
        let met = result
            .samples
            .iter()
            .filter(|s| s.met.get(g).copied().unwrap_or(false))
            .count() as f64;
        println!("  P(target {} met) = {:.1}%", t.id, 100.0 * met / n);
    }
    println!("  outputs            {}", args.out.display());
    ExitCode::SUCCESS
}

fn tornado(args: TornadoArgs) -> ExitCode {
    use qiangji::analysis::tornado::run_tornado;
    let inst = match load_instance(&args.instance) {
        Ok(inst) => inst,
        Err(code) => return code,
    };
    let workers = args.workers.unwrap_or_else(available_cores);
    let run = args.model.run_options(SolverOptions {
        threads: Some(1),
        ..SolverOptions::default()
    });
    let (base, rows) = match run_tornado(&inst, args.delta, &run, workers) {
        Ok(r) => r,
        Err(e) => return analysis_error(&args.instance.instance, e),
    };
    if let Err(e) =
        qiangji::report::tornado::write_tornado(&args.out, &inst, args.delta, &base, &rows)
    {
        eprintln!("error: cannot write the outputs: {e}");
        return ExitCode::from(EXIT_OUTPUT);
    }
    println!(
        "{}: base objective {} 亿元; change for -{d:.0}% / +{d:.0}%:",
        inst.name,
        num(base.objective),
        d = 100.0 * args.delta
    );
    for r in &rows {
        let change = |k: Option<qiangji::analysis::tornado::Kpis>| {
            k.map(|k| num(k.objective - base.objective))
                .unwrap_or_else(|| "no plan".into())
        };
        println!(
            "  {:<34} {:>14} {:>14}",
            r.group,
            change(r.low),
            change(r.high)
        );
    }
    println!("  outputs            {}", args.out.display());
    ExitCode::SUCCESS
}

/// Exit status and message for a failed sweep, tornado or Monte Carlo run.
fn analysis_error(path: &std::path::Path, e: qiangji::analysis::AnalysisError) -> ExitCode {
    use qiangji::analysis::AnalysisError;
    match e {
        AnalysisError::Invalid(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(EXIT_INPUT)
        }
        AnalysisError::Run(e) => run_error(path, e),
        e @ AnalysisError::Check { .. } => {
            eprintln!("error: {e}; nothing was written.");
            ExitCode::from(EXIT_CHECK)
        }
        AnalysisError::Solve(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_NO_PLAN)
        }
    }
}

/// Default number of parallel workers: the cores this machine offers.
fn available_cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}
