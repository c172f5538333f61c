//! `qiangji generate`: deterministic, valid at every size, and solvable.

mod common;

use common::*;
use qiangji::generate::{build, generate, GenerateOptions, Levels};
use qiangji::readback::realise::{group_level, realised_levels};
use qiangji::run::RunOptions;

fn opts(items: usize, provinces: usize, years: usize, seed: u64) -> GenerateOptions {
    GenerateOptions::new(items, provinces, years, seed)
}

#[test]
fn the_same_seed_gives_the_same_instance() {
    let build = |o: &GenerateOptions| build(o).expect("generates");
    assert_eq!(build(&opts(50, 20, 10, 3)), build(&opts(50, 20, 10, 3)));
    assert_ne!(build(&opts(50, 20, 10, 3)), build(&opts(50, 20, 10, 4)));
}

#[test]
fn generated_instances_are_valid_from_tiny_to_prefecture_scale() {
    for (items, provinces, years) in [(3, 2, 3), (1, 1, 1), (40, 31, 14), (2000, 300, 15)] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("inst");
        // Validity does not need calibrated levels; the largest would take
        // an LP solve of 9 million columns.
        let levels = if items > 100 {
            Levels::Policy
        } else {
            Levels::Reachable
        };
        generate(
            &GenerateOptions {
                levels,
                ..opts(items, provinces, years, 11)
            },
            &dir,
        )
        .unwrap();
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

/// Calibrated levels are reachable (with every target hard, the MIP has a
/// plan that passes the check) and binding (that least-cost plan meets each
/// target at, or within a point of, its level: the targets are what the
/// money is spent for). The policy levels of the same instance are not
/// reachable: the calibration is what makes the difference.
#[test]
fn calibrated_targets_are_reachable_and_binding() {
    for (items, provinces, years, seed) in [(12, 8, 10, 2), (20, 10, 14, 7), (33, 12, 9, 4)] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("inst");
        generate(&opts(items, provinces, years, seed), &dir).unwrap();
        let inst = load_dir(&dir);
        assert!(!inst.targets.is_empty(), "{items}x{provinces}x{years}");
        let hard = RunOptions {
            hard_targets: true,
            ..RunOptions::default()
        };
        let r = solve(&inst, &hard);
        let plan = r
            .plan
            .as_ref()
            .unwrap_or_else(|| panic!("{items}x{provinces}x{years}: no plan with hard targets"));
        let levels = realised_levels(&inst, plan);
        for t in &inst.targets {
            let achieved = group_level(&inst, &t.items, &levels, t.year);
            assert!(
                achieved >= t.level - 1e-6 && achieved <= t.level + 0.01,
                "{items}x{provinces}x{years} {}: level {} achieved {achieved}",
                t.id,
                t.level
            );
            let start = inst.initial_group_level(&t.items);
            assert!(t.level >= start + 0.005, "{}: binds nothing", t.id);
        }
        let policy_dir = tmp.path().join("policy");
        generate(
            &GenerateOptions {
                levels: Levels::Policy,
                ..opts(items, provinces, years, seed)
            },
            &policy_dir,
        )
        .unwrap();
        let relaxed_hard = RunOptions {
            relax: true,
            ..hard
        };
        assert!(
            solve(&load_dir(&policy_dir), &relaxed_hard).plan.is_none(),
            "{items}x{provinces}x{years}: the policy levels should be out of reach"
        );
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
    // A level rule qiangji does not have is an input error naming the flag.
    let bad = qiangji()
        .args([
            "generate",
            "--items",
            "3",
            "--provinces",
            "2",
            "--years",
            "3",
        ])
        .args(["--levels", "ambitious", "--out"])
        .arg(tmp.path().join("y"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--levels"));
    assert!(!tmp.path().join("y").exists());
}
