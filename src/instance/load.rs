//! Loading an instance: every file through its reader (`read/`), every
//! input rule of docs/model.md and docs/instance-format.md, and all broken rules
//! reported at once.

use std::path::{Path, PathBuf};

use super::error::{Collector, InputError, InputErrors};
use super::manifest::Manifest;
use super::model_file::apply_allowed_modes;
use super::read::{
    self, area_province, areas, chain_links, horizon, item_advantage, items, model, pipeline,
    pools, provinces, provincial_budgets, settings, training_budget, Reader, DOCUMENTATION_TABLES,
    MANIFEST, TABLES,
};
use super::source::{Folder, Source};
use super::Instance;

/// Choices made by the caller rather than the instance files.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Use this model file instead of the one `instance.toml` names.
    pub model_override: Option<PathBuf>,
}

/// Reads and validates the instance in folder `root`, or in the workbook
/// `root` when it is a `.xlsx` file.
pub fn load(root: &Path, options: &LoadOptions) -> Result<Instance, InputErrors> {
    if super::workbook::is_workbook(root) && root.is_file() {
        return super::workbook::load_workbook(root, options);
    }
    if !root.is_dir() {
        return Err(InputErrors(vec![InputError {
            file: root.display().to_string(),
            line: None,
            field: None,
            value: None,
            rule: "instance folder does not exist or is not a folder".into(),
        }]));
    }
    load_from(&Folder::new(root), options)
}

/// Reads and validates an instance from any [`Source`] (a folder, or files
/// in memory).
pub fn load_from(source: &dyn Source, options: &LoadOptions) -> Result<Instance, InputErrors> {
    let mut r = Reader::new(source);
    check_file_names(&mut r);
    let manifest_text = r.text(MANIFEST, true);
    let manifest = manifest_text
        .as_deref()
        .and_then(|text| settings::parse(&mut r, text));
    let found = model::read(
        &mut r,
        options.model_override.as_deref(),
        manifest.as_ref().map(|m| m.model.as_str()),
        manifest_text.as_deref(),
    );
    let model_config = found.as_ref().and_then(|f| f.config.as_ref());

    let (areas, area_ids) = areas::read(&mut r);
    let (items, item_ids) = items::read(&mut r, &area_ids, model_config);
    let (provinces, province_ids) = provinces::read(&mut r, model_config);
    let (provinces, base_budgets): (Vec<_>, Vec<f64>) = provinces.into_iter().unzip();

    let (Some(manifest), Some(text)) = (manifest, manifest_text) else {
        return Err(InputErrors(r.sink));
    };
    let years = settings::horizon(&manifest, &text, &mut r.errs(MANIFEST));
    let advantage = area_province::advantage(&mut r, &area_ids, &province_ids);
    let initial_capacity_cu = area_province::initial_capacity(&mut r, &area_ids, &province_ids);
    let provincial_budget_yi =
        provincial_budgets::read(&mut r, &base_budgets, &province_ids, &years);
    let item_advantage = item_advantage::read(&mut r, &item_ids, &province_ids);
    let links = chain_links::read(&mut r, &item_ids);
    let pipeline = pipeline::read(&mut r, &item_ids, &years);
    let complete = items.len() == item_ids.len() && provinces.len() == province_ids.len();
    if complete {
        chain_links::check_initial_levels(&items, &links, &mut r.sink);
    }
    let chain_order = chain_links::chain_order(&item_ids.names(), &links, &mut r.sink);

    let mut errs = Collector::new(MANIFEST, &mut r.sink);
    settings::check_name(&manifest, &text, &mut errs);
    let targets = model_config
        .map(|m| {
            settings::targets(
                &manifest, &text, m, &area_ids, &items, &item_ids, &years, &mut errs,
            )
        })
        .unwrap_or_default();
    let regional_floor = settings::regional_floor(&manifest, &text, &mut errs);
    let continuity = settings::continuity(&manifest, &text, &area_ids, &mut errs);
    let concentration = settings::concentration(&manifest, &text, &mut errs);
    let pool_context = pools::PoolContext {
        text: &text,
        years: &years,
        areas: &area_ids,
        items: &items,
        item_ids: &item_ids,
        model: model_config,
    };
    let (central_budget_yi, pools) = pools::central_money(&manifest, &pool_context, &mut errs);
    let mode_continuity =
        model_config.and_then(|m| horizon::mode_continuity(&manifest, &text, m, &mut errs));
    let horizon_end = horizon::horizon_end(&manifest, &text, &mut errs);
    let training_context = training_budget::TrainingContext {
        text: &text,
        years: &years,
        provinces: &provinces,
        province_ids: &province_ids,
        provincial_budget_yi: &provincial_budget_yi,
        model: model_config,
    };
    let training_budget = training_budget::read(&manifest, &training_context, &mut errs);
    let objective =
        model_config.and_then(|m| settings::objective_weights(&manifest, &text, m, &mut errs));
    let mut found = found;
    instance_allowed_modes(&mut found, &manifest, &text, &mut errs);
    require_items_and_provinces(&mut r, items.is_empty(), provinces.is_empty());
    if !r.sink.is_empty() {
        return Err(InputErrors(r.sink));
    }
    let (Some(found), Some((objective, objective_preset))) = (found, objective) else {
        return Err(InputErrors(r.sink));
    };
    let Some(model) = found.config else {
        return Err(InputErrors(r.sink));
    };
    let (file_hashes, encodings) = files_read(&r);
    Ok(Instance {
        name: manifest.name,
        description: manifest.description,
        description_zh: manifest.description_zh,
        root: source.root().to_path_buf(),
        file_hashes,
        encodings,
        model_path: found.path,
        model_hash: found.hash,
        years,
        areas,
        items,
        provinces,
        advantage,
        item_advantage,
        initial_capacity_cu,
        provincial_budget_yi,
        central_budget_yi,
        links,
        targets,
        regional_floor,
        continuity,
        concentration,
        objective,
        objective_preset,
        model,
        chain_order,
        variant: super::Variant::of_model_file(options.model_override.clone()),
        pools,
        pipeline,
        mode_continuity,
        horizon_end,
        training_budget,
    })
}

/// The instance's own tier → instruments table (`[allowed_modes]`), if it
/// gives one, applied to its model.
fn instance_allowed_modes(
    found: &mut Option<model::FoundModel>,
    manifest: &Manifest,
    text: &str,
    errs: &mut Collector,
) {
    let config = found.as_mut().and_then(|f| f.config.as_mut());
    if let (Some(config), Some(raw)) = (config, manifest.allowed_modes.as_ref()) {
        apply_allowed_modes(config, raw, text, "allowed_modes", errs);
    }
}

/// (file name, value) pairs, by name.
type ByFile = Vec<(String, String)>;

/// The files read, name → sha256, and those read in another encoding than
/// UTF-8, name → encoding; both by name.
fn files_read(r: &Reader) -> (ByFile, ByFile) {
    let hashes = r.hashes.iter().map(|(f, h)| (f.clone(), h.clone()));
    let encodings = r.encodings.iter().map(|(f, e)| (f.clone(), e.to_string()));
    (hashes.collect(), encodings.collect())
}

/// An instance read without other errors needs at least one item and one
/// province.
fn require_items_and_provinces(r: &mut Reader, no_items: bool, no_provinces: bool) {
    if no_items && r.sink.is_empty() {
        r.errs(read::ITEMS)
            .file(None, "an instance needs at least one item");
    }
    if no_provinces && r.sink.is_empty() {
        r.errs(read::PROVINCES)
            .file(None, "an instance needs at least one province");
    }
}

/// Files that look like tables but are not part of the format are refused,
/// with the table they were probably meant to be: a table saved under a
/// slightly different name would otherwise be silently ignored.
fn check_file_names(r: &mut Reader) {
    let names = match r.source.names() {
        Ok(names) => names,
        Err(e) => {
            r.errs(".")
                .file(None, &format!("cannot list the instance folder ({e})"));
            return;
        }
    };
    for name in names {
        let is_table = name.to_lowercase().ends_with(".csv");
        // Excel's lock file of an open table (`~$items.csv`) and hidden files
        // are not the planner's tables.
        let is_aside = name.starts_with("~$") || name.starts_with('.');
        if !is_table
            || is_aside
            || TABLES.contains(&name.as_str())
            || DOCUMENTATION_TABLES.contains(&name.as_str())
        {
            continue;
        }
        let stem = name[..name.len() - 4].to_lowercase();
        let known: Vec<&str> = TABLES.iter().map(|t| &t[..t.len() - 4]).collect();
        let plural = format!("{stem}s");
        let nearest = known
            .iter()
            .copied()
            .find(|k| *k == stem || *k == plural)
            .or_else(|| super::keys::nearest(&stem, known.iter().copied()));
        let hint = match nearest {
            Some(k) => format!("did you mean `{k}.csv`? "),
            None => String::new(),
        };
        r.errs(&name).file(
            None,
            &format!(
                "not a table of the instance format; {hint}Rename it, or move it out of the instance folder (tables: {}; {} is kept for sources)",
                TABLES.join(", "),
                DOCUMENTATION_TABLES.join(", ")
            ),
        );
    }
}
