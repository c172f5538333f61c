//! Build and solve times of the bundled instances (criterion).
//! Run: cargo bench --bench solve

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use qiangji::instance::{load, LoadOptions};
use qiangji::model::{build, BuildOptions};
use qiangji::run::{solve_instance, RunOptions};

fn instances() -> Vec<(&'static str, std::path::PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["instances/demo", "instances/china-2025"]
        .into_iter()
        .map(|p| (p.rsplit('/').next().unwrap(), root.join(p)))
        .filter(|(_, p)| p.join("instance.toml").exists())
        .collect()
}

fn bench_solve(c: &mut Criterion) {
    let mut group = c.benchmark_group("solve");
    group.sample_size(10);
    for (name, dir) in instances() {
        let inst = load(&dir, &LoadOptions::default()).expect("bundled instance loads");
        group.bench_function(format!("load/{name}"), |b| {
            b.iter(|| load(&dir, &LoadOptions::default()).unwrap())
        });
        group.bench_function(format!("build/{name}"), |b| {
            b.iter(|| build(&inst, &BuildOptions::for_instance(&inst)))
        });
        group.bench_function(format!("solve+check/{name}"), |b| {
            b.iter(|| {
                let r = solve_instance(&inst, &RunOptions::default()).unwrap();
                assert!(r.check.as_ref().is_some_and(|c| c.passed));
                r.outcome.objective
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_solve);
criterion_main!(benches);
