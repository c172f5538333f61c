//! `qiangji diff`: what changed between two solved plans, and why.

use qiangji::analysis::compare::diff::diff;
use qiangji::exit::{ExitStatus, HasExitStatus};
use qiangji::output::atomic;
use qiangji::report::html;
use qiangji::results::read_plan_folder;

use super::preflight_output;
use crate::cli::args::DiffArgs;
use crate::cli::Failure;

pub fn run(args: DiffArgs) -> Result<ExitStatus, Failure> {
    if let Some(out) = &args.out {
        preflight_output(out)?;
    }
    let read = |dir: &std::path::Path| {
        read_plan_folder(dir).map_err(|e| Failure::new(e.exit_status(), e.to_string()))
    };
    let d = diff(read(&args.before)?, read(&args.after)?);
    let md = d.markdown(args.top, args.report.lang);
    print!("{md}");
    if let Some(out) = &args.out {
        let report = args.report.options();
        let mut files: Vec<(&str, Vec<u8>)> = vec![(
            "diff.csv",
            d.csv().map_err(|e| Failure::from_error(out, e))?,
        )];
        if report.format.markdown() {
            files.push(("diff.md", md.into_bytes()));
        }
        if report.format.html() {
            let page = html::compare::diff_page(&d.view(report.lang), report.lang)
                .map_err(|e| Failure::new(ExitStatus::Output, e.to_string()))?;
            files.push((html::HTML_FILE, page.into_bytes()));
        }
        atomic::write_folder(out, "diff", files).map_err(|e| Failure::from_error(out, e))?;
        println!("\n  outputs            {}", out.display());
    }
    Ok(ExitStatus::Success)
}
