//! Batches of scenarios: the same results whatever the number of workers
//! and as `solve --scenario` one at a time; an interrupted batch resumes to
//! the same comparison; shards merged equal one run; failures are recorded
//! without stopping the others; `diff` names the limit behind a change.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

fn scenarios() -> PathBuf {
    fixture("scenarios/demo.toml")
}

/// Runs `qiangji batch` on the demo with `extra` arguments into `out`.
fn batch(out: &Path, extra: &[&str]) -> std::process::Output {
    let mut cmd = qiangji();
    cmd.arg("batch")
        .arg(demo())
        .arg("--scenarios")
        .arg(scenarios())
        .arg("--out")
        .arg(out)
        .args(extra);
    cmd.output().unwrap()
}

/// summary.json without what may differ between two runs of the same
/// case: timings, the batch's own record, the paths as given.
fn comparable_summary(path: &Path) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
    let o = v.as_object_mut().unwrap();
    o.remove("timings_s");
    o.remove("batch");
    v
}

/// Every file a case writes, compared byte for byte (summary.json without
/// timings; the manifest differs by run id).
fn assert_same_case(a: &Path, b: &Path) {
    let mut names: Vec<String> = fs::read_dir(a)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    assert!(names.contains(&"allocation.csv".to_string()), "{names:?}");
    for name in names {
        let (x, y) = (a.join(&name), b.join(&name));
        if name == "summary.json" {
            assert_eq!(
                comparable_summary(&x),
                comparable_summary(&y),
                "{}",
                x.display()
            );
        } else {
            assert!(
                fs::read(&x).unwrap() == fs::read(&y).unwrap(),
                "{} differs from {}",
                x.display(),
                y.display()
            );
        }
    }
}

fn names() -> Vec<String> {
    let text = fs::read_to_string(scenarios()).unwrap();
    let mut names = vec!["base".to_string()];
    names.extend(
        text.lines()
            .filter_map(|l| l.strip_prefix('[').and_then(|l| l.strip_suffix(']')))
            .map(str::to_string),
    );
    names
}

#[test]
fn results_do_not_depend_on_jobs_and_equal_single_solves() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    let r1 = batch(&one, &["--jobs", "1"]);
    assert!(
        r1.status.success(),
        "{}",
        String::from_utf8_lossy(&r1.stderr)
    );
    let r2 = batch(&two, &["--jobs", "2"]);
    assert!(
        r2.status.success(),
        "{}",
        String::from_utf8_lossy(&r2.stderr)
    );
    let names = names();
    assert!(
        names.len() >= 11,
        "a batch of at least 10 scenarios: {names:?}"
    );
    for file in [
        "comparison.csv",
        "comparison.md",
        "comparison.xlsx",
        "batch.json",
        "report.html",
    ] {
        assert_eq!(
            fs::read(one.join(file)).unwrap(),
            fs::read(two.join(file)).unwrap(),
            "{file}"
        );
    }
    for name in &names {
        assert_same_case(&one.join(name), &two.join(name));
    }
    // Each case solved alone, as a planner would, gives the same plan: the
    // base case is a plain solve.
    for name in &names {
        let alone = tmp.path().join(format!("alone-{name}"));
        let demo = demo();
        let scenarios = scenarios();
        let mut args = vec!["solve", demo.to_str().unwrap()];
        if name != "base" {
            args.extend([
                "--scenarios",
                scenarios.to_str().unwrap(),
                "--scenario",
                name,
            ]);
        }
        args.extend(["--out", alone.to_str().unwrap()]);
        run_ok(args);
        assert_same_case(&one.join(name), &alone);
    }
    // Each row of comparison.csv is its case.
    let csv = fs::read_to_string(one.join("comparison.csv")).unwrap();
    assert_eq!(csv.lines().count(), names.len() + 1);
    assert!(csv.lines().nth(1).unwrap().starts_with("base,"));
    // comparison.xlsx holds the same rows after its summary sheet.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(one.join("comparison.xlsx")).unwrap();
    use calamine::Reader;
    assert_eq!(book.sheet_names(), ["summary", "comparison"]);
    let sheet = book.worksheet_range("comparison").unwrap();
    assert_eq!(sheet.height(), names.len() + 1);
    assert_eq!(
        sheet.get_value((1, 0)),
        Some(&calamine::Data::String("base".into()))
    );
    let no_national = csv.lines().find(|l| l.starts_with("no_national,")).unwrap();
    assert!(
        !no_national.contains("chip@east"),
        "no national lead site: {no_national}"
    );
}

#[test]
fn an_interrupted_batch_keeps_what_finished_and_resumes_to_the_same_comparison() {
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    assert!(batch(&whole, &["--jobs", "2"]).status.success());
    let resumed = tmp.path().join("resumed");
    let cut = qiangji()
        .arg("batch")
        .arg(demo())
        .arg("--scenarios")
        .arg(scenarios())
        .args(["--jobs", "1", "--out"])
        .arg(&resumed)
        .env("QIANGJI_FAULT", "interrupt-after:3")
        .output()
        .unwrap();
    assert_eq!(cut.status.code(), Some(130));
    let stderr = String::from_utf8_lossy(&cut.stderr);
    assert!(stderr.contains("did not finish") && stderr.contains("run the same command again"));
    // The finished cases are whole; nothing else was written.
    let done: Vec<String> = names()
        .into_iter()
        .filter(|n| resumed.join(n).join("summary.json").is_file())
        .collect();
    assert_eq!(done.len(), 3, "{done:?}");
    assert!(!resumed.join("comparison.csv").exists());
    let again = batch(&resumed, &["--jobs", "2"]);
    assert!(again.status.success());
    let log = String::from_utf8_lossy(&again.stderr);
    assert_eq!(
        log.matches("unchanged since it was written").count(),
        3,
        "{log}"
    );
    assert_eq!(
        fs::read(resumed.join("comparison.csv")).unwrap(),
        fs::read(whole.join("comparison.csv")).unwrap()
    );
    // A third run solves nothing.
    let third = batch(&resumed, &["--jobs", "2"]);
    assert_eq!(
        String::from_utf8_lossy(&third.stderr)
            .matches("unchanged")
            .count(),
        names().len()
    );
}

#[test]
fn shards_merged_equal_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    assert!(batch(&whole, &["--jobs", "2"]).status.success());
    let sharded = tmp.path().join("sharded");
    let mut shards = Vec::new();
    for k in 1..=3 {
        let dir = sharded.join(format!("shard-{k}"));
        let r = batch(&dir, &["--jobs", "1", "--shard", &format!("{k}/3")]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        shards.push(dir.to_str().unwrap().to_string());
    }
    let mut args = vec!["merge".to_string()];
    args.extend(shards.iter().cloned());
    args.extend(["--out".into(), sharded.to_str().unwrap().into()]);
    run_ok(&args);
    for file in ["comparison.csv", "comparison.md", "comparison.xlsx"] {
        assert_eq!(
            fs::read(sharded.join(file)).unwrap(),
            fs::read(whole.join(file)).unwrap(),
            "{file}"
        );
    }
    // A shard of another batch is refused.
    let other = tmp.path().join("other");
    let r = qiangji()
        .arg("batch")
        .arg(fixture("budget_short"))
        .arg("--scenarios")
        .arg(fixture("scenarios/budget_short.toml"))
        .arg("--out")
        .arg(&other)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(
        exit_code([
            "merge",
            &shards[0],
            other.to_str().unwrap(),
            "--out",
            tmp.path().join("mixed").to_str().unwrap(),
        ]),
        Some(2)
    );
}

#[test]
fn a_failed_scenario_is_recorded_and_the_others_finish() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("s.toml");
    fs::write(
        &file,
        "[fine]\noverrides = [{ param = \"central_budget\", scale = 1.1 }]\n\n\
         [too_high]\ntitle = \"s0 above smax\"\noverrides = [{ param = \"s0\", item = \"chip\", set = 0.95 }]\n\n\
         [impossible]\ntitle = \"a target no plan can meet\"\noverrides = [{ param = \"target_level\", target = \"core_2026\", set = 0.99 }]\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let run = qiangji()
        .arg("batch")
        .arg(demo())
        .arg("--scenarios")
        .arg(&file)
        .args(["--hard-targets", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    // s0 above smax is caught when the file is checked against the instance.
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("s.toml line 6") && stderr.contains("exceed smax"),
        "{stderr}"
    );
    fs::write(
        &file,
        "[fine]\noverrides = [{ param = \"central_budget\", scale = 1.1 }]\n\n\
         [impossible]\ntitle = \"a target no plan can meet\"\noverrides = [{ param = \"target_level\", target = \"core_2026\", set = 0.99 }]\n",
    )
    .unwrap();
    let run = qiangji()
        .arg("batch")
        .arg(demo())
        .arg("--scenarios")
        .arg(&file)
        .args(["--hard-targets", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(6),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let csv = fs::read_to_string(out.join("comparison.csv")).unwrap();
    let impossible = csv.lines().find(|l| l.starts_with("impossible,")).unwrap();
    assert!(impossible.contains(",infeasible,"), "{impossible}");
    assert!(csv
        .lines()
        .find(|l| l.starts_with("fine,"))
        .unwrap()
        .contains(",optimal,"));
    assert!(out.join("impossible/infeasibility.md").is_file());
}

#[test]
fn scenario_errors_name_file_line_and_key() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("s.toml");
    let case = |text: &str, args: &[&str]| -> (Option<i32>, String) {
        fs::write(&file, text).unwrap();
        let out = qiangji()
            .arg("check")
            .arg(demo())
            .arg("--scenarios")
            .arg(&file)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, msg) = case(
        "[a]\noverrides = [\n  { param = \"centrl_budget\", scale = 0.8 },\n]\n",
        &[],
    );
    assert_eq!(code, Some(2));
    assert!(
        msg.contains("s.toml line 3") && msg.contains("did you mean `central_budget`"),
        "{msg}"
    );
    let (code, msg) = case(
        "[a]\noverrides = [{ param = \"gain\", item = \"chips\", scale = 1.1 }]\n",
        &[],
    );
    assert_eq!(code, Some(2));
    assert!(
        msg.contains("s.toml line 2") && msg.contains("unknown item `chips`; did you mean `chip`?"),
        "{msg}"
    );
    let (code, msg) = case("[a]\noverrides = [{ param = \"provincial_budget\", province = \"east\", from = 2030, add = 1 }]\n", &[]);
    assert_eq!(code, Some(2));
    assert!(msg.contains("outside the horizon"), "{msg}");
    let (code, msg) = case("[a]\noverrides = [{ param = \"gain\", area = \"materials\", tier = \"stranglehold\", scale = 1.1 }]\n", &[]);
    assert_eq!(code, Some(2));
    assert!(msg.contains("selects nothing"), "{msg}");
    let (code, msg) = case("[a]\nextends = [\"b\"]\n", &[]);
    assert_eq!(code, Some(2));
    assert!(
        msg.contains("s.toml line 2") && msg.contains("unknown scenario"),
        "{msg}"
    );
    let (code, msg) = case("[a]\n", &["--scenario", "b"]);
    assert_eq!(code, Some(2));
    assert!(
        msg.contains("--scenario") && msg.contains("no such scenario"),
        "{msg}"
    );
    // A one-off override on the command line goes through the same rules.
    let out = qiangji()
        .args([
            "solve",
            demo().to_str().unwrap(),
            "--set",
            "talent[province=north]*=2",
            "--out",
        ])
        .arg(tmp.path().join("x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown province `north`"));
}

#[test]
fn diff_names_the_limit_that_explains_the_change() {
    // budget_short: the provincial budget of p1 (2 亿元) binds and the
    // target is short; with 4 亿元 the target is met and the budget no
    // longer binds — the diff must say so.
    let tmp = tempfile::tempdir().unwrap();
    let before = tmp.path().join("before");
    let after = tmp.path().join("after");
    run_ok([
        "solve",
        fixture("budget_short").to_str().unwrap(),
        "--out",
        before.to_str().unwrap(),
    ]);
    run_ok([
        "solve",
        fixture("budget_short").to_str().unwrap(),
        "--set",
        "provincial_budget*=2",
        "--out",
        after.to_str().unwrap(),
    ]);
    let out = tmp.path().join("diff");
    let run = run_ok([
        "diff",
        before.to_str().unwrap(),
        after.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(
        text.contains("`--set provincial_budget`: none in before, `*=2` in after"),
        "{text}"
    );
    assert!(
        text.contains("one more 亿元 of provincial budget in p1 in 2024 would save")
            && text
                .contains("of objective in before, where it binds (it no longer binds in after)"),
        "{text}"
    );
    assert!(text.contains("shortfall penalty (not money)"), "{text}");
    for f in ["diff.md", "diff.csv", "report.html"] {
        assert!(out.join(f).is_file(), "{f}");
    }
}

#[test]
fn set_applies_after_each_scenario_as_in_solve() {
    // `target_raised` sets core_2026 to 65%; `--set` comes after it and wins,
    // in a batch as in a single solve.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("b");
    let set = "target_level[target=core_2026]=0.62";
    let r = batch(&out, &["--only", "target_raised", "--set", set]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let alone = tmp.path().join("alone");
    run_ok([
        "solve",
        demo().to_str().unwrap(),
        "--scenarios",
        scenarios().to_str().unwrap(),
        "--scenario",
        "target_raised",
        "--set",
        set,
        "--out",
        alone.to_str().unwrap(),
    ]);
    assert_same_case(&out.join("target_raised"), &alone);
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("target_raised/summary.json")).unwrap()).unwrap();
    assert_eq!(summary["targets"][0]["level"], 0.62);
    // The base case takes the one-off change too.
    let base: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("base/summary.json")).unwrap()).unwrap();
    assert_eq!(base["targets"][0]["level"], 0.62);
}

#[test]
fn diff_and_merge_of_folders_that_are_not_plans_are_input_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let out = batch(&tmp.path().join("b"), &["--only", "budget_cut"]);
    assert!(out.status.success());
    let plan = tmp.path().join("b/base");
    for args in [
        vec!["diff".as_ref(), plan.as_os_str(), empty.as_os_str()],
        vec![
            "merge".as_ref(),
            empty.as_os_str(),
            "--out".as_ref(),
            tmp.path().join("m").as_os_str(),
        ],
    ] {
        let r = qiangji().args(&args).output().unwrap();
        assert_eq!(r.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert!(stderr.contains("empty"), "{stderr}");
    }
    assert!(!tmp.path().join("m").exists(), "nothing written");
}
