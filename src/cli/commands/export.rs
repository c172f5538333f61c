//! `qiangji export`: the exact model `solve` would solve, as MPS or LP.

use qiangji::exit::ExitStatus;
use qiangji::run::open_session;
use qiangji::solve::SolverOptions;

use super::load_instance;
use crate::cli::args::ExportArgs;
use crate::cli::Failure;

pub fn run(args: ExportArgs) -> Result<ExitStatus, Failure> {
    let files: Vec<(&std::path::PathBuf, &str)> = [(&args.mps, "mps"), (&args.lp, "lp")]
        .into_iter()
        .filter_map(|(path, ext)| path.as_ref().map(|p| (p, ext)))
        .collect();
    // Refuse bad names before any work, so no file is written at all.
    for (path, ext) in &files {
        if path.extension().and_then(|e| e.to_str()) != Some(*ext) {
            return Err(Failure::usage(format!(
                "{}: the file name must end in .{ext}",
                path.display()
            )));
        }
    }
    let inst = load_instance(&args.instance)?;
    let options = args.model.run_options(SolverOptions::default());
    let about = args.instance.instance.as_path();
    let (mut session, _) = open_session(&inst, &options).map_err(|e| Failure::from((about, e)))?;
    for (path, _) in files {
        session
            .write_model(path)
            .map_err(|e| Failure::from_error(path, e))?;
        println!(
            "wrote {} ({} columns, {} rows)",
            path.display(),
            session.num_columns(),
            session.num_rows()
        );
    }
    Ok(ExitStatus::Success)
}
