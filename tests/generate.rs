//! `qiangji generate`: deterministic, valid at every size, and solvable.

mod common;

use common::*;
use qiangji::generate::{build, generate, GenerateOptions};
use qiangji::run::RunOptions;

fn opts(items: usize, provinces: usize, years: usize, seed: u64) -> GenerateOptions {
    GenerateOptions {
        items,
        provinces,
        years,
        seed,
    }
}

#[test]
fn the_same_seed_gives_the_same_instance() {
    assert_eq!(build(&opts(50, 20, 10, 3)), build(&opts(50, 20, 10, 3)));
    assert_ne!(build(&opts(50, 20, 10, 3)), build(&opts(50, 20, 10, 4)));
}

#[test]
fn generated_instances_are_valid_from_tiny_to_prefecture_scale() {
    for (items, provinces, years) in [(3, 2, 3), (1, 1, 1), (40, 31, 14), (2000, 300, 15)] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("inst");
        generate(&opts(items, provinces, years, 11), &dir).unwrap();
        let inst = load_dir(&dir);
        assert_eq!(
            (inst.items.len(), inst.provinces.len(), inst.years.len()),
            (items, provinces, years)
        );
        let mean_adv: f64 = inst.advantage.row(0).sum() / provinces as f64;
        assert!(
            mean_adv > 0.9 && mean_adv < 1.2,
            "advantage keeps its meaning (mean ≈ 1): {mean_adv}"
        );
    }
}

#[test]
fn small_generated_instances_solve_and_pass_the_check() {
    for (items, provinces, years, seed) in [(3, 2, 3, 1), (12, 6, 6, 2), (20, 10, 8, 7)] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("inst");
        generate(&opts(items, provinces, years, seed), &dir).unwrap();
        let inst = load_dir(&dir);
        let r = solve(&inst, &RunOptions::default());
        assert!(r.plan.is_some());
    }
}

#[test]
fn generate_never_overwrites_a_hand_written_instance() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mine");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("instance.toml"), "name = \"mine\"\n").unwrap();
    assert_eq!(
        exit_code([
            "generate",
            "--items",
            "3",
            "--provinces",
            "2",
            "--years",
            "3",
            "--out",
            dir.to_str().unwrap(),
        ]),
        Some(1)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("instance.toml")).unwrap(),
        "name = \"mine\"\n"
    );
    // A generated instance is replaced in place.
    let gen = tmp.path().join("gen");
    for seed in ["1", "2"] {
        run_ok([
            "generate",
            "--items",
            "3",
            "--provinces",
            "2",
            "--years",
            "3",
            "--seed",
            seed,
            "--out",
            gen.to_str().unwrap(),
        ]);
    }
    assert_eq!(
        exit_code([
            "generate",
            "--items",
            "0",
            "--provinces",
            "2",
            "--years",
            "3",
            "--out",
            tmp.path().join("x").to_str().unwrap(),
        ]),
        Some(2)
    );
}
