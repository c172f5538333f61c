//! `qiangji template`, `import` and `export-xlsx`: instances as Excel
//! workbooks, both ways.

use std::io::Write;
use std::path::Path;

use qiangji::exit::ExitStatus;
use qiangji::instance::workbook::{self, sheets};
use qiangji::instance::{load, LoadOptions};
use qiangji::report::xlsx::instance_book;

use crate::cli::args::{ExportXlsxArgs, ImportArgs, TemplateArgs};
use crate::cli::Failure;

pub fn template(args: TemplateArgs) -> Result<ExitStatus, Failure> {
    check_out(&args.out)?;
    let book = match &args.from {
        Some(from) => book_of(from)?,
        None => sheets::template_sheets(),
    };
    write_book(&args.out, &book)?;
    println!("wrote {}", args.out.display());
    Ok(ExitStatus::Success)
}

pub fn export(args: ExportXlsxArgs) -> Result<ExitStatus, Failure> {
    check_out(&args.out)?;
    let book = book_of(&args.instance)?;
    write_book(&args.out, &book)?;
    println!("wrote {}", args.out.display());
    Ok(ExitStatus::Success)
}

pub fn import(args: ImportArgs) -> Result<ExitStatus, Failure> {
    if !workbook::is_workbook(&args.workbook) {
        return Err(Failure::usage(format!(
            "{}: the workbook's name must end in .xlsx",
            args.workbook.display()
        )));
    }
    let source = workbook::open(&args.workbook).map_err(|e| Failure::input(&args.workbook, &e))?;
    let options = LoadOptions {
        model_override: args.model.clone(),
    };
    source
        .load(&options)
        .map_err(|e| Failure::input(&args.workbook, &e))?;
    qiangji::output::atomic::write_folder(&args.out, "import", source.folder_files())
        .map_err(|e| Failure::from_error(&args.out, e))?;
    println!(
        "wrote {} ({} files)",
        args.out.display(),
        source.files().len()
    );
    Ok(ExitStatus::Success)
}

/// The sheets of a valid instance: one that breaks a rule is not
/// written out (its errors are listed instead).
fn book_of(instance: &Path) -> Result<sheets::BookSheets, Failure> {
    load(instance, &LoadOptions::default()).map_err(|e| Failure::input(instance, &e))?;
    let files = sheets::instance_files(instance)
        .map_err(|e| Failure::usage(format!("{}: {e}", instance.display())))?;
    let mut book = sheets::book_sheets(&files)
        .map_err(|e| Failure::usage(format!("{}: {e}", instance.display())))?;
    sheets::anchor_model(&mut book, instance);
    Ok(book)
}

/// A workbook is written only under a name ending in .xlsx, and never over
/// an existing file (it may be a planner's filled-in copy).
fn check_out(out: &Path) -> Result<(), Failure> {
    if !workbook::is_workbook(out) {
        return Err(Failure::usage(format!(
            "{}: the workbook's name must end in .xlsx",
            out.display()
        )));
    }
    if std::fs::symlink_metadata(out).is_ok() {
        return Err(Failure::usage(format!(
            "{}: exists and is not replaced; choose another --out or delete it",
            out.display()
        )));
    }
    Ok(())
}

/// Writes the workbook whole or not at all: into a temporary file beside
/// it, then renamed.
fn write_book(out: &Path, book: &sheets::BookSheets) -> Result<(), Failure> {
    let bytes = instance_book::write(book).map_err(|e| {
        Failure::new(
            ExitStatus::Output,
            format!("{}: cannot lay out the workbook: {e}", out.display()),
        )
    })?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let failed =
        |e: std::io::Error| Failure::new(ExitStatus::Output, format!("{}: {e}", out.display()));
    std::fs::create_dir_all(&parent).map_err(failed)?;
    let mut file = tempfile::NamedTempFile::new_in(&parent).map_err(failed)?;
    file.write_all(&bytes).map_err(failed)?;
    file.persist_noclobber(out).map_err(|e| failed(e.error))?;
    Ok(())
}
