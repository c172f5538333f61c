//! Every stage of one solve on its own (criterion): load the instance,
//! build the formulation, pass it to HiGHS, solve, read back, check, write.
//! Cases: the demo instance as `solve` runs it (a MIP); the national
//! instance and generated instances of about 1, 4 and 10 times its size
//! (columns of the national MIP) as LP relaxations (`solve --relax`); with
//! `QIANGJI_BENCH_100X=1` also one about 100 times its size (a 2.4 M-column
//! LP whose solve takes about 3 minutes: an hour for ten samples). One
//! solver thread, as the CLI. The columns of every case are written to
//! target/criterion/stages/sizes.csv, for benches/growth.py, which fits how
//! each stage grows with model size.
//! Run: cargo bench --bench stages; results in benches/README.md.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use qiangji::check::{check_plan, CheckOptions};
use qiangji::generate::{generate, GenerateOptions, Levels};
use qiangji::instance::{load, Instance, LoadOptions};
use qiangji::model::build;
use qiangji::report::html::ReportOptions;
use qiangji::report::write_outputs;
use qiangji::run::{build_options, read_back, solve_instance, RunOptions};
use qiangji::solve::{Session, SolveStatus, SolverOptions};

/// A benchmarked case: name, folder, LP relaxation or not.
struct Case {
    name: String,
    dir: PathBuf,
    relax: bool,
}

/// Generated sizes (items, provinces, years) and their names.
fn generated_sizes() -> Vec<(&'static str, usize, usize, usize)> {
    let mut sizes = vec![
        ("generated-1x", 33, 31, 14),
        ("generated-4x", 100, 40, 14),
        ("generated-10x", 250, 80, 14),
    ];
    if std::env::var("QIANGJI_BENCH_100X").as_deref() == Ok("1") {
        sizes.push(("generated-100x", 500, 280, 20));
    }
    sizes
}

fn cases(scratch: &Path) -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases = vec![
        Case {
            name: "demo".into(),
            dir: root.join("instances/demo"),
            relax: false,
        },
        Case {
            name: "china-2025-relax".into(),
            dir: root.join("instances/china-2025"),
            relax: true,
        },
    ];
    for (name, items, provinces, years) in generated_sizes() {
        let dir = scratch.join(name);
        // The policy's levels: calibrating the 100x instance's levels would
        // cost one more LP solve of it, and the stages' cost does not depend
        // on the levels' values.
        let opts = GenerateOptions {
            levels: Levels::Policy,
            ..GenerateOptions::new(items, provinces, years, 1)
        };
        generate(&opts, &dir).expect("generates");
        cases.push(Case {
            name: format!("{name}-relax"),
            dir,
            relax: true,
        });
    }
    cases
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
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let mut sizes = String::from("case,columns,rows,nonzeros\n");
    let mut group = c.benchmark_group("stages");
    // Ten samples (criterion's least) over a short window: the larger
    // stages take seconds each, and the spread is reported anyway.
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for case in cases(scratch.path()) {
        let name = &case.name;
        let dir = &case.dir;
        let inst: Instance = load(dir, &LoadOptions::default()).expect("instance loads");
        let opts = options(case.relax);
        let (build_opts, _) = build_options(&inst, &opts).expect("default objective");
        group.bench_function(format!("load/{name}"), |b| {
            b.iter(|| load(dir, &LoadOptions::default()).unwrap())
        });
        group.bench_function(format!("build/{name}"), |b| {
            b.iter(|| build(&inst, &build_opts))
        });
        group.bench_function(format!("pass/{name}"), |b| {
            b.iter_batched(
                || build(&inst, &build_opts),
                |form| Session::new(form, &inst, &opts.solver).unwrap(),
                BatchSize::PerIteration,
            )
        });
        // The MIP goes through qiangji's own start (as `solve` does); an LP
        // is HiGHS's solve alone, the session built outside the clock.
        if case.relax {
            group.bench_function(format!("solve/{name}"), |b| {
                b.iter_batched(
                    || Session::new(build(&inst, &build_opts), &inst, &opts.solver).unwrap(),
                    |mut session| {
                        let outcome = session.solve().unwrap();
                        assert_eq!(outcome.status, SolveStatus::Optimal);
                        session
                    },
                    BatchSize::PerIteration,
                )
            });
        } else {
            group.bench_function(format!("solve/{name}"), |b| {
                b.iter(|| {
                    let r = solve_instance(&inst, &opts).unwrap();
                    assert!(r.check.as_ref().is_some_and(|c| c.passed));
                    r.outcome.objective
                })
            });
        }
        let mut result = solve_instance(&inst, &opts).unwrap();
        let _ = writeln!(
            sizes,
            "{name},{},{},{}",
            result.size.columns, result.size.rows, result.size.nonzeros
        );
        group.bench_function(format!("readback/{name}"), |b| {
            b.iter(|| read_back(&inst, &result.layout, &result.outcome))
        });
        let check_opts = CheckOptions {
            relax: build_opts.relax,
            hard_targets: build_opts.hard_targets,
            objective: build_opts.objective,
            optimal: result.outcome.status == SolveStatus::Optimal,
        };
        group.bench_function(format!("check/{name}"), |b| {
            b.iter(|| {
                let plan = result.plan.as_ref().expect("a plan");
                let report = check_plan(&inst, plan, &check_opts, result.outcome.objective);
                assert!(report.passed);
            })
        });
        let out = tempfile::tempdir().unwrap();
        let folder = out.path().join("plan");
        group.bench_function(format!("write/{name}"), |b| {
            b.iter(|| {
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
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion/stages");
    if std::fs::create_dir_all(&target).is_ok() {
        let _ = std::fs::write(target.join("sizes.csv"), sizes);
    }
}

criterion_group!(benches, bench_stages);
criterion_main!(benches);
