//! Warm (live model modified in place) against cold (rebuilt) 41-point
//! central-budget sweeps on the national instance, with sites and platforms
//! fixed at the base plan as `qiangji sweep` does. The base MIP is solved
//! once, outside the measurement. Run: cargo bench --bench sweep

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use qiangji::analysis::live::LiveModel;
use qiangji::analysis::sweep::{values, SweepParam};
use qiangji::instance::overrides::{apply_all, Op};
use qiangji::instance::{load, LoadOptions};
use qiangji::run::{open_session, solve_instance, RunOptions};

fn bench_sweep(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/china-2025");
    let inst = load(&dir, &LoadOptions::default()).expect("national instance loads");
    let run = RunOptions::default();
    let base = solve_instance(&inst, &run).expect("base solve");
    let fixed = base.outcome.columns.clone();
    let param = SweepParam::parse("central_budget", Op::Scale).unwrap();
    let overrides: Vec<_> = values(0.6, 1.4, 41)
        .into_iter()
        .map(|v| param.override_at(v))
        .collect();
    let points: Vec<_> = overrides
        .iter()
        .map(|o| apply_all(&inst, std::slice::from_ref(o)).unwrap())
        .collect();

    let mut group = c.benchmark_group("sweep-41-central-budget/china-2025");
    group.sample_size(10);
    group.bench_function("warm", |b| {
        b.iter(|| {
            let mut live = LiveModel::open(&inst, &run).unwrap();
            live.fix_integers(&fixed).unwrap();
            overrides
                .iter()
                .map(|o| {
                    live.set_overrides(std::slice::from_ref(o)).unwrap();
                    live.solve().unwrap().objective.unwrap()
                })
                .sum::<f64>()
        })
    });
    group.bench_function("cold", |b| {
        b.iter(|| {
            points
                .iter()
                .map(|p| {
                    let (mut session, _) = open_session(p, &run).unwrap();
                    session.fix_integers(Some(&fixed)).unwrap();
                    session.solve().unwrap().objective.unwrap()
                })
                .sum::<f64>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_sweep);
criterion_main!(benches);
