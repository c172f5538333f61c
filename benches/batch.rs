//! Batch throughput: every scenario of the demo scenario file, and generic
//! scenarios of a generated 16 × 10 × 8 instance (each with the base case),
//! solved as `qiangji batch` solves them — MIPs with the quick
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
use qiangji::generate::{generate, GenerateOptions};
use qiangji::instance::overrides::{load_scenarios, parse_scenarios, ScenarioFile};
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

/// Scenarios that apply to any instance (no ids in their selectors), for
/// the generated one.
const GENERIC_SCENARIOS: &str = r#"
[budget_cut]
overrides = [{ param = "central_budget", scale = 0.8 }]
[budget_up]
overrides = [{ param = "central_budget", scale = 1.2 }]
[provinces_up]
overrides = [{ param = "provincial_budget", scale = 1.5 }]
[talent_halved]
overrides = [{ param = "talent", scale = 0.5 }]
[gains_down]
overrides = [{ param = "gain", tier = "stranglehold", scale = 0.8 }]
[no_new_platforms]
overrides = [{ param = "max_new_platforms", set = 0 }]
[training]
overrides = [{ param = "training_yield", scale = 1.5 }]
"#;

fn bench_batch(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inst = load(&root.join("instances/demo"), &LoadOptions::default()).expect("demo loads");
    let file = load_scenarios(&root.join("tests/fixtures/scenarios/demo.toml"))
        .expect("demo scenarios load");
    bench_group(c, "demo", &inst, &file);

    // A generated instance whose cases take a fraction of a second each, so
    // that the workers' speed-up shows.
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("generated");
    let size = GenerateOptions::new(16, 10, 8, 3);
    generate(&size, &generated).expect("generates");
    let inst = load(&generated, &LoadOptions::default()).expect("generated loads");
    let file = parse_scenarios(GENERIC_SCENARIOS, "generic scenarios").expect("scenarios parse");
    bench_group(c, "generated-16x10x8", &inst, &file);
}

fn bench_group(c: &mut Criterion, label: &str, inst: &Instance, file: &ScenarioFile) {
    let mut names = vec![BASE.to_string()];
    names.extend(file.names().iter().map(|n| n.to_string()));
    let mut group = c.benchmark_group(format!("batch-{}-cases/{label}", names.len()));
    group.sample_size(10);
    for jobs in [1, 2] {
        for from_base in [false, true] {
            let opts = BatchOptions {
                run: RunOptions::default(),
                jobs,
                sets: Vec::new(),
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
                    let runs = run_batch(inst, file, &names, &opts, &Discard, &|_| {}).unwrap();
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
