//! `alternatives` on the national instance: the five areas (ten extreme
//! plans) with one and two parallel jobs. The subset measured: the LP
//! relaxation (`--relax`), so that one iteration (optimum plus every
//! extreme) takes seconds; with whole sites the optimum's MIP is solved
//! once more per iteration (docs/decisions.md gives the CLI's times).
//! Run: cargo bench --bench alternatives

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use qiangji::analysis::alternatives::{run_alternatives, AlternativesOptions, DirectionKind};
use qiangji::instance::{load, LoadOptions};
use qiangji::run::RunOptions;

fn bench_alternatives(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/china-2025");
    let inst = load(&dir, &LoadOptions::default()).expect("national instance loads");
    let mut group = c.benchmark_group("alternatives-areas/china-2025-relaxed");
    group.sample_size(10);
    for jobs in [1, 2] {
        let opts = AlternativesOptions {
            slack: 0.02,
            kinds: vec![DirectionKind::Area],
            jobs,
            reoptimise_sites: false,
            run: RunOptions {
                relax: true,
                ..RunOptions::default()
            },
        };
        group.bench_function(format!("jobs-{jobs}"), |b| {
            b.iter(|| run_alternatives(&inst, &opts).unwrap().ranges.len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_alternatives);
criterion_main!(benches);
