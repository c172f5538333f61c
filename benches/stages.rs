//! The stages of one solve, each on its own (criterion): load the instance,
//! build the formulation, solve (formulation to checked plan, as
//! `run::solve_instance` does it), and check + write the outputs.
//! The demo instance as `solve` runs it (a MIP), and the national instance
//! as its LP relaxation (`solve --relax`). One solver thread, as the CLI.
//! Run: cargo bench --bench stages (a few minutes); results in benches/README.md.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use qiangji::check::{check_plan, CheckOptions};
use qiangji::instance::{load, Instance, LoadOptions};
use qiangji::model::build;
use qiangji::report::html::ReportOptions;
use qiangji::report::write_outputs;
use qiangji::run::{build_options, solve_instance, RunOptions};
use qiangji::solve::{SolveStatus, SolverOptions};

/// (name, folder, relax) of each benchmarked case.
fn cases() -> Vec<(&'static str, PathBuf, bool)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    vec![
        ("demo", root.join("instances/demo"), false),
        ("china-2025-relax", root.join("instances/china-2025"), true),
    ]
}

fn options(relax: bool) -> RunOptions {
    RunOptions {
        relax,
        solver: SolverOptions {
            threads: Some(1),
            ..SolverOptions::default()
        },
        ..RunOptions::default()
    }
}

fn bench_stages(c: &mut Criterion) {
    let mut group = c.benchmark_group("stages");
    // Ten samples (criterion's least) over a short window: the national
    // stages take up to seconds each, and the spread is reported anyway.
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for (name, dir, relax) in cases() {
        let inst: Instance = load(&dir, &LoadOptions::default()).expect("bundled instance loads");
        let opts = options(relax);
        let (build_opts, _) = build_options(&inst, &opts).expect("default objective");
        group.bench_function(format!("load/{name}"), |b| {
            b.iter(|| load(&dir, &LoadOptions::default()).unwrap())
        });
        group.bench_function(format!("build/{name}"), |b| {
            b.iter(|| build(&inst, &build_opts))
        });
        group.bench_function(format!("solve/{name}"), |b| {
            b.iter(|| {
                let r = solve_instance(&inst, &opts).unwrap();
                assert!(r.check.as_ref().is_some_and(|c| c.passed));
                r.outcome.objective
            })
        });
        let mut result = solve_instance(&inst, &opts).unwrap();
        let out = tempfile::tempdir().unwrap();
        let folder = out.path().join("plan");
        group.bench_function(format!("check+write/{name}"), |b| {
            b.iter(|| {
                let plan = result.plan.as_ref().expect("a plan");
                let check_opts = CheckOptions {
                    relax: build_opts.relax,
                    hard_targets: build_opts.hard_targets,
                    objective: build_opts.objective,
                    optimal: result.outcome.status == SolveStatus::Optimal,
                };
                let report = check_plan(&inst, plan, &check_opts, result.outcome.objective);
                assert!(report.passed);
                // Each iteration replaces the previous one's folder, as a
                // repeated `solve --out` does.
                write_outputs(
                    &folder,
                    &inst,
                    &mut result,
                    &opts.solver,
                    ReportOptions::default(),
                )
                .unwrap();
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_stages);
criterion_main!(benches);
