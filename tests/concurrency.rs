//! The HiGHS concurrency stress that justifies the pinned highs-sys version
//! (Cargo.toml): many models created, solved and dropped on rayon workers at
//! once, MIPs among them, some with HiGHS's own threads, and every answer
//! equal to the one solved alone. Batches, tornado and Monte Carlo all run
//! HiGHS this way, so a scheduler or memory fault in HiGHS shows here first.

mod common;

use common::*;
use qiangji::generate::{generate, GenerateOptions};
use qiangji::instance::Instance;
use qiangji::run::{open_session, solve_instance, RunOptions};
use qiangji::solve::SolverOptions;
use rayon::prelude::*;

fn options(threads: u32) -> RunOptions {
    RunOptions {
        solver: SolverOptions {
            threads: Some(threads),
            ..SolverOptions::default()
        },
        ..RunOptions::default()
    }
}

fn instances() -> Vec<Instance> {
    let tmp = tempfile::tempdir().unwrap();
    let generated = tmp.path().join("g");
    generate(&GenerateOptions::new(8, 6, 5, 4), &generated).unwrap();
    vec![
        load_dir(&demo()),
        load_dir(&fixture("site_decision")),
        load_dir(&fixture("budget_short")),
        load_dir(&fixture("chain_binds")),
        load_dir(&generated),
    ]
}

#[test]
fn many_models_created_solved_and_dropped_in_parallel_agree() {
    let instances = instances();
    let reference: Vec<f64> = instances
        .iter()
        .map(|inst| objective(&solve(inst, &options(1))))
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap();
    // 240 tasks: each solves one instance (a MIP for all but chain_binds) with
    // HiGHS on 1 or 2 threads, or builds a model and drops it unsolved.
    let results: Vec<(usize, Option<f64>)> = pool.install(|| {
        (0..240)
            .into_par_iter()
            .map(|task| {
                let i = task % instances.len();
                let threads = std::env::var("STRESS_THREADS")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1 + (task / instances.len()) as u32 % 2);
                if task % 7 == 3 {
                    let (session, _) = open_session(&instances[i], &options(threads)).unwrap();
                    drop(session);
                    return (i, None);
                }
                let r = solve_instance(&instances[i], &options(threads)).unwrap();
                assert!(r.check.as_ref().unwrap().passed, "task {task}");
                (i, r.outcome.objective)
            })
            .collect()
    });
    let solved = results.iter().filter(|(_, o)| o.is_some()).count();
    assert!(solved > 200, "{solved} solves");
    for (i, obj) in results {
        if let Some(obj) = obj {
            approx::assert_relative_eq!(obj, reference[i], max_relative = 1e-7);
        }
    }
}
