//! `qiangji merge`: the shard folders of a batch combined into one
//! comparison, byte for byte what one batch would write.

use qiangji::analysis::compare::comparison::comparison_of;
use qiangji::exit::{ExitStatus, HasExitStatus};
use qiangji::report::batch::write_comparison;
use qiangji::results::batch::{read_record, BatchRecord, CaseRecord};

use super::preflight_output;
use crate::cli::args::MergeArgs;
use crate::cli::Failure;

pub fn run(args: MergeArgs) -> Result<ExitStatus, Failure> {
    preflight_output(&args.out)?;
    let mut shards = Vec::new();
    for dir in &args.shards {
        let record = read_record(dir).map_err(|e| Failure::new(e.exit_status(), e.to_string()))?;
        shards.push((dir.clone(), record));
    }
    let first = shards[0].1.clone();
    for (dir, r) in &shards[1..] {
        if r.scenario_file_sha256 != first.scenario_file_sha256
            || r.order != first.order
            || r.instance != first.instance
        {
            return Err(Failure::usage(format!(
                "{} is a shard of another batch (instance, scenario file or scenarios differ from {})",
                dir.display(),
                args.shards[0].display()
            )));
        }
    }
    // Every case of the batch, once: from the first shard that holds its
    // outputs, else from the first that tried it.
    let mut cases = Vec::new();
    for name in &first.order {
        let tried: Vec<&CaseRecord> = shards
            .iter()
            .flat_map(|(_, r)| r.cases.iter())
            .filter(|c| &c.name == name)
            .collect();
        let ran = tried.iter().find(|c| c.has_outputs()).or(tried.first());
        if let Some(c) = ran {
            cases.push((*c).clone());
        }
    }
    let missing: Vec<String> = first
        .order
        .iter()
        .filter(|n| !cases.iter().any(|c| &c.name == *n))
        .cloned()
        .collect();
    let record = BatchRecord {
        shard: None,
        cases,
        ..first
    };
    let comparison = comparison_of(&shards, &record.order)
        .map_err(|e| Failure::new(e.exit_status(), e.to_string()))?;
    write_comparison(
        &args.out,
        &record,
        &comparison,
        args.report.options(),
        "merge",
    )
    .map_err(|e| Failure::from_error(&args.out, e))?;
    println!(
        "merged {} shard(s): {} case(s) into {}",
        shards.len(),
        comparison.rows.len(),
        args.out.display()
    );
    let no_plan: Vec<String> = comparison
        .rows
        .iter()
        .filter(|r| r.objective_yi.is_none())
        .map(|r| format!("{} ({})", r.name, r.status))
        .collect();
    if !missing.is_empty() {
        return Err(Failure::new(
            ExitStatus::SomeFailed,
            format!(
                "no shard holds {} case(s): {}",
                missing.len(),
                missing.join(", ")
            ),
        ));
    }
    if no_plan.is_empty() {
        Ok(ExitStatus::Success)
    } else {
        Err(Failure::new(
            ExitStatus::SomeFailed,
            format!(
                "{} case(s) have no plan: {}",
                no_plan.len(),
                no_plan.join(", ")
            ),
        ))
    }
}
