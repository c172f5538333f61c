//! `robust` (docs/model.md §11 (ROB)): how the sample-average model grows
//! with S. On the national instance `china-2025`: building the model of S
//! draws and solving its LP relaxation (sites and platforms continuous, as
//! `--relax`), S = 1, 4, 16; and the whole `robust` run on the demo instance
//! (deterministic MIP, S = 20 draws, 200 fresh draws, no EVPI). Run: cargo
//! bench --bench robust (the table of time and memory against S for the full
//! national MIP is in benches/README.md).

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use qiangji::analysis::montecarlo::{sample_instance, MonteCarloOptions};
use qiangji::analysis::robust::{run_robust, RobustRunOptions};
use qiangji::instance::{load, Instance, LoadOptions};
use qiangji::model::robust::{build_robust, RobustOptions};
use qiangji::run::{build_options, RunOptions};
use qiangji::solve::{Session, SolverOptions};

fn instance(name: &str) -> Instance {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("instances")
        .join(name);
    load(&dir, &LoadOptions::default()).expect("bundled instance loads")
}

fn draws(inst: &Instance, samples: usize) -> Vec<Instance> {
    let opts = MonteCarloOptions {
        samples,
        cv: 0.2,
        seed: 1,
        uncertain_budgets: false,
        evaluate_plan: true,
        workers: 1,
        run: RunOptions::default(),
    };
    (0..samples)
        .map(|i| sample_instance(inst, &opts, i).unwrap())
        .collect()
}

fn bench_national_relaxation(c: &mut Criterion) {
    let inst = instance("china-2025");
    let run = RunOptions {
        relax: true,
        ..RunOptions::default()
    };
    let (build, _) = build_options(&inst, &run).unwrap();
    let solver = SolverOptions {
        threads: Some(1),
        ..SolverOptions::default()
    };
    let mut group = c.benchmark_group("robust-relaxation/china-2025");
    group.sample_size(10);
    for samples in [1, 4, 16] {
        let drawn = draws(&inst, samples);
        group.bench_with_input(BenchmarkId::from_parameter(samples), &drawn, |b, drawn| {
            b.iter(|| {
                let form = build_robust(drawn, &build, &RobustOptions::default()).form;
                let mut session = Session::new(form, &inst, &solver).unwrap();
                session.solve().unwrap().objective.unwrap()
            })
        });
    }
    group.finish();
}

fn bench_demo_run(c: &mut Criterion) {
    let inst = instance("demo");
    let opts = RobustRunOptions {
        samples: 20,
        cv: 0.2,
        seed: 1,
        robust: RobustOptions {
            reliability: Some(0.9),
            cvar: None,
        },
        validation_samples: 200,
        evpi_draws: 0,
        workers: 1,
        run: RunOptions::default(),
    };
    let mut group = c.benchmark_group("robust-run/demo");
    group.sample_size(10);
    group.bench_function("S=20,p=0.9", |b| {
        b.iter(|| run_robust(&inst, &opts).unwrap().study.robust.real_spend_yi)
    });
    group.finish();
}

criterion_group!(benches, bench_national_relaxation, bench_demo_run);
criterion_main!(benches);
