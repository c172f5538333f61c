//! The structured MIP start (LP relaxation, lead-site search, platform dive,
//! site proofs) changes how fast a MIP is solved, never what it proves: on
//! generated instances and the hand-solved fixtures, its plan and HiGHS's
//! own (`--no-mip-start`) agree within the gap, and each run's bound is a
//! bound of the other's plan — the site proofs cut off no better plan.

mod common;

use common::*;
use qiangji::generate::{generate, GenerateOptions};
use qiangji::instance::Instance;
use qiangji::run::{MipStart, RunOptions};
use qiangji::solve::SolveStatus;

fn generated(items: usize, provinces: usize, years: usize, seed: u64) -> Instance {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g");
    generate(&GenerateOptions::new(items, provinces, years, seed), &path).unwrap();
    load_dir(&path)
}

#[test]
fn the_structured_start_proves_what_highs_alone_proves() {
    let mut cases: Vec<(String, Instance)> = vec![
        ("demo".into(), load_dir(&demo())),
        ("site_decision".into(), load_dir(&fixture("site_decision"))),
    ];
    for seed in 1..=4 {
        cases.push((
            format!("generated 12×8×6 seed {seed}"),
            generated(12, 8, 6, seed),
        ));
    }
    for seed in 1..=2 {
        cases.push((
            format!("generated 24×12×8 seed {seed}"),
            generated(24, 12, 8, seed),
        ));
    }
    let mut sites_fixed = 0;
    for (name, inst) in &cases {
        let structured = solve(inst, &RunOptions::default());
        let alone = solve(
            inst,
            &RunOptions {
                mip_start: MipStart::None,
                ..RunOptions::default()
            },
        );
        for r in [&structured, &alone] {
            assert_eq!(r.outcome.status, SolveStatus::Optimal, "{name}");
            assert!(r.check.as_ref().unwrap().passed, "{name}");
        }
        let (a, b) = (objective(&structured), objective(&alone));
        let gap = 1e-4 * a.abs().max(b.abs()) + 1e-7;
        assert!(
            (a - b).abs() <= gap,
            "{name}: structured {a}, HiGHS alone {b}"
        );
        // Each bound is at most the other run's plan: nothing better was cut off.
        if let Some(bound) = structured.outcome.best_bound {
            assert!(
                bound <= b + 1e-7 * b.abs().max(1.0),
                "{name}: bound {bound} > {b}"
            );
        }
        if let Some(bound) = alone.outcome.best_bound {
            assert!(
                bound <= a + 1e-7 * a.abs().max(1.0),
                "{name}: bound {bound} > {a}"
            );
        }
        if let Some(start) = &structured.mip_start {
            assert!(
                start.sites_fixed_by_proof <= start.sites_designated,
                "{name}"
            );
            sites_fixed += start.sites_fixed_by_proof;
        }
    }
    // The proofs ran and fixed sites somewhere, so the comparison covers them.
    assert!(sites_fixed >= 3, "only {sites_fixed} sites fixed by proofs");
}

/// The lead-site local search keeps to its time: with no time at all it
/// prices no move and says it was cut short, and the start it builds (first
/// choice, platform dive) is still a whole-number plan that costs at least
/// the LP bound; with the default time it prices moves on the same
/// instance and finishes.
#[test]
fn the_site_search_keeps_to_its_time() {
    use qiangji::run::incumbent::{find_incumbent, SearchLimits};
    let inst = generated(24, 12, 8, 2);
    let mut priced = Vec::new();
    for limits in [
        SearchLimits {
            search_time_factor: 0.0,
            min_search_s: 0.0,
            ..SearchLimits::default()
        },
        SearchLimits::default(),
    ] {
        let (mut session, layout) =
            qiangji::run::open_session(&inst, &RunOptions::default()).unwrap();
        let found = find_incumbent(&mut session, &layout, &inst, None, &limits)
            .unwrap()
            .expect("a start");
        assert!(found.objective >= found.lp_bound - 1e-6 * found.lp_bound.abs());
        priced.push((
            found.lp_solves,
            found.improving_moves,
            found.search_cut_short,
        ));
    }
    let (none, default) = (priced[0], priced[1]);
    assert_eq!(none.1, 0, "no move without time");
    // Cut short is said, so the final MIP keeps HiGHS's heuristics on.
    assert!(none.2 && !default.2, "{priced:?}");
    assert!(
        default.0 > none.0,
        "the default search prices moves: {priced:?}"
    );
}
