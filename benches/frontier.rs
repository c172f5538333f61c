//! `frontier` on the national instance: 20 levels of core_2030 from 70% to
//! 95%, sites and platforms held at the optimum (every point an LP, warm
//! from the previous basis, breakpoints located between the points). The
//! optimum's MIP is solved inside every iteration, as the command does.
//! Run: cargo bench --bench frontier

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use qiangji::analysis::frontier::{run_frontier, Axis, FrontierOptions};
use qiangji::instance::{load, LoadOptions};
use qiangji::run::RunOptions;

fn bench_frontier(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/china-2025");
    let inst = load(&dir, &LoadOptions::default()).expect("national instance loads");
    let opts = FrontierOptions {
        target: "core_2030".into(),
        axis: Axis::Level,
        from: 0.70,
        to: 0.95,
        points: 20,
        reoptimise_sites: false,
        run: RunOptions::default(),
    };
    let mut group = c.benchmark_group("frontier-20/china-2025");
    group.sample_size(10);
    group.bench_function("core_2030-levels", |b| {
        b.iter(|| run_frontier(&inst, &opts).unwrap().points.len())
    });
    group.finish();
}

criterion_group!(benches, bench_frontier);
criterion_main!(benches);
