//! `qiangji solve` and `qiangji sensitivity`: one checked solve, written.

use std::path::Path;
use std::time::Instant;

use qiangji::analysis::case::{solve_case, Analyses, Case};
use qiangji::analysis::headline::{headline, Headline};
use qiangji::analysis::infeasibility::{Infeasibility, Reach};
use qiangji::analysis::marginal::Depth;
use qiangji::analysis::rolling::solve_rolling;
use qiangji::exit::ExitStatus;
use qiangji::instance::Instance;
use qiangji::model::Numerics;
use qiangji::report::headline as report_headline;
use qiangji::report::html::Lang;
use qiangji::report::infeasibility::{headline as conflict_headline, reach_line};
use qiangji::report::markdown::objective_in_parts;
use qiangji::report::rerun::Rerun;
use qiangji::report::{tables::num, write_outputs_with};
use qiangji::run::RunResult;
use qiangji::solve::SolveStatus;

use super::{load_instance, preflight_output, stop_if_interrupted};
use crate::cli::args::SolveArgs;
use crate::cli::Failure;

pub fn run(args: SolveArgs, ranging: bool) -> Result<ExitStatus, Failure> {
    let started = Instant::now();
    if ranging && args.no_explain {
        return Err(Failure::usage(
            "--no-explain belongs to solve: sensitivity is the full explanation",
        ));
    }
    if ranging && args.rolling.is_some() {
        return Err(Failure::usage(
            "--rolling belongs to solve: sensitivity explains one plan, and a rolling plan is not re-solved",
        ));
    }
    preflight_output(&args.out)?;
    let inst = load_instance(&args.instance)?;
    let load_s = started.elapsed().as_secs_f64();
    let solver = args.solver_options();
    let mut options = args.model.run_options(solver.clone());
    options.ranging = ranging;
    let about = args.instance.instance.as_path();
    let depth = match (ranging, args.no_explain) {
        (true, _) => Some(Depth::Full),
        (false, true) => None,
        (false, false) => Some(Depth::Quick),
    };
    let solved = match args.rolling {
        Some(window_years) => solve_rolling(&inst, &options, window_years, depth),
        None => solve_case(&inst, &options, depth),
    };
    stop_if_interrupted(|| {
        format!(
            "the solve did not finish; nothing was written to {}",
            args.out.display()
        )
    })?;
    let Case {
        mut result,
        analyses,
    } = solved.map_err(|e| Failure::from((about, e)))?;
    if std::env::var("QIANGJI_FAULT").as_deref() == Ok("corrupt-plan") {
        corrupt_plan(&inst, &mut result);
    }
    result.timings.load_s = load_s;
    report_numerics(&result.numerics, args.verbose);
    if let Some(check) = result.check.as_ref().filter(|c| !c.passed) {
        let mut message =
            String::from("the independent check rejected the solver's plan; nothing was written.");
        for v in check.violations.iter().take(20) {
            message.push_str(&format!(
                "\n  {} (violation {:.3e}, scaled {:.3e})",
                v.what, v.amount, v.scaled
            ));
        }
        return Err(Failure::new(ExitStatus::CheckFailed, message));
    }
    if result.plan.is_none() && !result.outcome.status.is_no_plan() {
        return Err(stopped_without_plan(&result, &args));
    }
    if let Some(e) = &analyses.explanation_error {
        eprintln!("warning: marginal values and exchange rates could not be measured: {e}");
    }
    let writing = Instant::now();
    write_outputs_with(
        &args.out,
        &inst,
        &mut result,
        &solver,
        &analyses,
        args.report.options(),
        None,
    )
    .map_err(|e| Failure::from_error(&args.out, e))?;
    // With summary.json itself and the folder's final replacement, which
    // the summary's own record of the write cannot include.
    result.timings.write_s = writing.elapsed().as_secs_f64();
    if args.timings {
        eprintln!("timings (seconds, share of the wall-clock total):");
        for line in result.timings.lines(started.elapsed().as_secs_f64()) {
            eprintln!("{line}");
        }
    }
    let found = result
        .findings
        .as_ref()
        .map(|found| headline(&inst, found, &analyses));
    print_summary(&inst, &result, found.as_ref(), &args.out);
    let rerun = Rerun {
        inst: &inst,
        build: &result.build,
        preset: &result.objective_preset,
        out: &args.out,
    };
    print_analyses(&analyses, &rerun);
    if let Some(inf) = &analyses.infeasibility {
        print_infeasibility(&inst, inf);
        println!(
            "  try                {}",
            rerun.command("relax", &["--by", "budget"])
        );
    }
    if result.plan.is_none() {
        let why = if analyses.infeasibility.is_some() {
            format!(
                "; {} explains which limits conflict",
                args.out.join("infeasibility.md").display()
            )
        } else {
            String::new()
        };
        return Err(Failure::new(
            ExitStatus::NoPlan,
            format!("no plan: {}{why}", result.outcome.status.explain()),
        ));
    }
    Ok(ExitStatus::Success)
}

/// What the run measured beyond the plan, a line each.
fn print_analyses(analyses: &Analyses, rerun: &Rerun) {
    if let Some(ex) = &analyses.explanation {
        println!(
            "  marginal values    {} limits, exchange rates for {} targets ({} LP solves, {} simplex iterations, {:.2} s)",
            ex.marginal.values.len(),
            ex.exchange.groups.len(),
            ex.solves,
            ex.iterations,
            ex.elapsed_s
        );
        if ex.cut_short {
            println!(
                "                     cut short at its time limit: {} targets not rated, some values left at their dual bounds ({} measures every one)",
                ex.exchange.not_rated.len(),
                rerun.sensitivity()
            );
        }
    }
    if let Some(r) = &analyses.rolling {
        println!(
            "  rolling            {} windows of {} years: objective {} 亿元, perfect foresight {} 亿元 (rolling.csv)",
            r.windows.len(),
            r.window_years,
            num(r.rolling.objective_yi),
            num(r.perfect.objective_yi)
        );
    }
    if analyses.explanation_skipped {
        println!(
            "  marginal values    not measured (--no-explain; {} measures them)",
            rerun.sensitivity()
        );
    }
}

/// The solver stopped (or failed) before it found any plan: nothing about
/// the model is known, so nothing is written and an earlier output in the
/// folder stays as it was (docs/exit-status.md, status 5).
fn stopped_without_plan(result: &RunResult, args: &SolveArgs) -> Failure {
    let status = result.outcome.status;
    let why = match status {
        SolveStatus::TimeLimit => format!(
            "the solver reached --time-limit {} s before it found any plan; allow more time",
            args.solver
                .time_limit
                .map_or_else(String::new, |t| t.to_string())
        ),
        SolveStatus::OtherLimit => {
            "the solver stopped at a limit before it found any plan".to_string()
        }
        _ => format!("{} ({})", status.explain(), status.id()),
    };
    let kept = if args.out.exists() {
        "left unchanged"
    } else {
        "not created"
    };
    Failure::new(
        ExitStatus::SolverFailed,
        format!(
            "no plan: {why}. Nothing was written: {} was {kept}.",
            args.out.display()
        ),
    )
}

/// The testing hook of docs/exit-status.md: one effort decision moved far
/// beyond its budget, then the independent check run again on the plan.
fn corrupt_plan(inst: &Instance, result: &mut RunResult) {
    let Some(plan) = result.plan.as_mut() else {
        return;
    };
    if let Some(e) = plan.effort.first_mut() {
        e.effort += 1e6;
    }
    let options = qiangji::check::CheckOptions {
        relax: result.build.relax,
        hard_targets: result.build.hard_targets,
        objective: result.build.objective,
        optimal: result.outcome.status == qiangji::solve::SolveStatus::Optimal,
    };
    result.check = Some(qiangji::check::check_plan(
        inst,
        plan,
        &options,
        result.outcome.objective,
    ));
}

/// The model's coefficient ranges on stderr with `--verbose`, and its
/// numerical warnings always: a badly scaled model is never solved silently.
fn report_numerics(numerics: &Numerics, verbose: bool) {
    if verbose {
        eprintln!(
            "model coefficient ranges ({} values snapped to 0):",
            numerics.snapped
        );
        for (name, range) in numerics.ranges() {
            let show = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.1e}"));
            eprintln!(
                "  {name:<7} [{}, {}]{}",
                show(range.min),
                show(range.max),
                if range.wide() { "  WIDE" } else { "" }
            );
        }
    }
    for w in numerics.warnings() {
        eprintln!("warning: numerics: {w}");
    }
}

/// What the instance was changed by before it was solved: the scenarios
/// applied and every override (`--set` ones marked), so a printed summary
/// says which variant it is.
fn print_variant(inst: &Instance) {
    let variant = &inst.variant;
    if !variant.scenarios.is_empty() {
        println!("  scenarios          {}", variant.scenarios.join(" + "));
    }
    for o in &variant.overrides {
        let from = if o.origin.file == "--set" {
            "--set".to_string()
        } else {
            o.origin.context.clone()
        };
        println!("  override           {} ({from})", o.describe());
    }
}

/// The finding first (spending, headline targets, why each missed target
/// is missed), then the objective, the solver's figures and every target.
fn print_summary(inst: &Instance, result: &RunResult, found: Option<&Headline>, out: &Path) {
    let o = &result.outcome;
    println!("{}: {}", inst.name, o.status.id());
    print_variant(inst);
    if let Some(h) = found {
        for line in report_headline::lines(inst, h, Lang::En) {
            println!("  {line}");
        }
    }
    match (o.objective, &result.plan) {
        (Some(obj), Some(_)) => println!(
            "  objective          {} 亿元 = {}",
            num(obj),
            objective_in_parts(result, 4)
        ),
        (Some(obj), None) => println!("  objective          {} 亿元", num(obj)),
        _ => {}
    }
    if let (Some(gap), true) = (o.mip_gap, result.size.integers > 0) {
        println!("  MIP gap            {:.4}%", 100.0 * gap);
    }
    if let Some(found) = &result.findings {
        for t in &found.targets {
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
            "  check              {} (largest violation {})",
            if check.passed { "passed" } else { "FAILED" },
            report_headline::tiny(check.max_violation)
        );
    }
    println!("  outputs            {}", out.display());
}

/// Why there is no plan, in a few lines (the details are in infeasibility.md).
fn print_infeasibility(inst: &Instance, inf: &Infeasibility) {
    match &inf.reach {
        Reach::ShortOf(list) => {
            for r in list {
                println!("  out of reach       {}", reach_line(inst, r));
            }
        }
        Reach::NotTheTargets => println!(
            "  out of reach       no target: even with every target free to fall short there is no plan"
        ),
        Reach::NotMeasured | Reach::Unknown(_) => {}
    }
    match &inf.conflict {
        Some(conflict) => println!("  why                {}", conflict_headline(conflict)),
        None => println!(
            "  why                the LP relaxation is {}: see infeasibility.md",
            inf.relaxation_status.id()
        ),
    }
    for d in &inf.diagnostics {
        println!("  {d}");
    }
}
