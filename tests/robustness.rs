//! No input makes qiangji panic, and concurrent solves in one process agree.

mod common;

use std::fs;

use common::*;
use proptest::prelude::*;
use qiangji::instance::{load, LoadOptions};
use qiangji::run::{solve_instance, RunOptions};

fn demo_copy(dir: &std::path::Path) {
    fs::create_dir_all(dir).unwrap();
    for entry in fs::read_dir(demo()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    let toml = fs::read_to_string(dir.join("instance.toml")).unwrap();
    let model = repo().join("models/default.toml");
    fs::write(
        dir.join("instance.toml"),
        toml.replace("../../models/default.toml", model.to_str().unwrap()),
    )
    .unwrap();
}

const FILES: [&str; 6] = [
    "instance.toml",
    "items.csv",
    "provinces.csv",
    "advantage.csv",
    "platforms.csv",
    "chain_links.csv",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Arbitrary text in any instance file yields a result or input errors, never a panic.
    #[test]
    fn arbitrary_file_contents_never_panic(file in 0..FILES.len(), text in "(?s).{0,300}") {
        let tmp = tempfile::tempdir().unwrap();
        demo_copy(tmp.path());
        fs::write(tmp.path().join(FILES[file]), text).unwrap();
        let _ = load(tmp.path(), &LoadOptions::default());
    }

    /// Numeric cells replaced by arbitrary numbers (including extremes) load or
    /// fail cleanly; whatever loads solves, and its plan passes the checker.
    #[test]
    fn extreme_numbers_load_or_fail_cleanly(s0 in -1.0f64..2.0, gain in prop_oneof![Just(0.0), Just(1e-12), 1e-6f64..10.0, Just(1e12)], budget in prop_oneof![Just(0.0), 0.0f64..1e6]) {
        let tmp = tempfile::tempdir().unwrap();
        demo_copy(tmp.path());
        let items = fs::read_to_string(tmp.path().join("items.csv")).unwrap();
        fs::write(tmp.path().join("items.csv"), items.replace("0.30,0.90,40,0.020", &format!("{s0},0.90,40,{gain}"))).unwrap();
        let provinces = fs::read_to_string(tmp.path().join("provinces.csv")).unwrap();
        fs::write(tmp.path().join("provinces.csv"), provinces.replace("east,east,10", &format!("east,east,{budget}"))).unwrap();
        if let Ok(inst) = load(tmp.path(), &LoadOptions::default()) {
            let r = solve_instance(&inst, &RunOptions::default()).unwrap();
            if let Some(check) = &r.check {
                prop_assert!(check.passed, "{:?}", check.violations);
            }
        }
    }
}

#[test]
fn concurrent_solves_in_one_process_agree() {
    let inst = load_dir(&demo());
    let reference = solve(&inst, &RunOptions::default())
        .outcome
        .objective
        .unwrap();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let inst = inst.clone();
            std::thread::spawn(move || {
                (0..5)
                    .map(|_| {
                        solve_instance(&inst, &RunOptions::default())
                            .unwrap()
                            .outcome
                            .objective
                            .unwrap()
                    })
                    .collect::<Vec<f64>>()
            })
        })
        .collect();
    for h in handles {
        for obj in h.join().unwrap() {
            approx::assert_relative_eq!(obj, reference, max_relative = 1e-9);
        }
    }
}
