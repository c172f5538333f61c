//! Batch throughput: every scenario of the demo scenario file (and the base
//! case) solved as `qiangji batch` solves them — MIPs with the quick
//! explanation of each plan — with 1 and 2 workers, each scenario's MIP
//! started from its own LP relaxation (the default) or from the base plan's
//! lead sites (`--start-from-base`).
//! Outputs are not written (the sink discards them), so this measures the
//! solving. The national batch takes minutes per run and is timed with the
//! whole command instead (numbers in the instance README).
//! Run: cargo bench --bench batch

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use qiangji::analysis::batch::{run_batch, BatchOptions, CaseSink, CaseState, BASE};
use qiangji::analysis::case::Case;
use qiangji::instance::overrides::load_scenarios;
use qiangji::instance::{load, Instance, LoadOptions};
use qiangji::run::RunOptions;

/// Keeps nothing: every case is solved, none is written.
struct Discard;

impl CaseSink for Discard {
    fn is_done(&self, _: &str, _: &str) -> bool {
        false
    }
    fn write(&self, _: &str, _: &Instance, _: &mut Case, _: &str) -> Result<(), String> {
        Ok(())
    }
}

fn bench_batch(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inst = load(&root.join("instances/demo"), &LoadOptions::default()).expect("demo loads");
    let file = load_scenarios(&root.join("tests/fixtures/scenarios/demo.toml"))
        .expect("demo scenarios load");
    let mut names = vec![BASE.to_string()];
    names.extend(file.names().iter().map(|n| n.to_string()));

    let mut group = c.benchmark_group(format!("batch-{}-cases/demo", names.len()));
    group.sample_size(10);
    for jobs in [1, 2] {
        for from_base in [false, true] {
            let opts = BatchOptions {
                run: RunOptions::default(),
                jobs,
                from_base,
            };
            let label = format!(
                "jobs-{jobs}/{}",
                if from_base {
                    "from-base-sites"
                } else {
                    "own-relaxation"
                }
            );
            group.bench_function(label, |b| {
                b.iter(|| {
                    let runs = run_batch(&inst, &file, &names, &opts, &Discard, &|_| {}).unwrap();
                    assert!(runs
                        .iter()
                        .all(|r| matches!(r.state, CaseState::Solved { .. })));
                    runs.len()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_batch);
criterion_main!(benches);
