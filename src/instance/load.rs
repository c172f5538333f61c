//! Loading an instance folder: reads every file, applies every input rule of
//! MODEL.md, and reports all broken rules at once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use ndarray::Array2;
use sha2::{Digest, Sha256};

use super::error::{Collector, InputError, InputErrors};
use super::manifest::Manifest;
use super::model_file::{apply_allowed_modes, ModelConfig, ObjectiveWeights};
use super::sets::{Region, Tier};
use super::tables::{is_valid_id, Schema, Table};
use super::toml_lines::{array_key_line, error_line, key_line};
use super::{Area, ChainLink, Instance, Item, Province, RegionalFloor, Target};

pub const MANIFEST: &str = "instance.toml";
pub const AREAS: &str = "areas.csv";
pub const ITEMS: &str = "items.csv";
pub const PROVINCES: &str = "provinces.csv";
pub const ADVANTAGE: &str = "advantage.csv";
pub const PLATFORMS: &str = "platforms.csv";
pub const CHAIN_LINKS: &str = "chain_links.csv";
pub const PROVINCIAL_BUDGETS: &str = "provincial_budgets.csv";
pub const ITEM_ADVANTAGE: &str = "item_advantage.csv";

/// Longest horizon accepted, in years; longer is almost surely a typo.
const MAX_HORIZON_YEARS: i64 = 100;

/// Choices made by the caller rather than the instance files.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Use this model file instead of the one `instance.toml` names.
    pub model_override: Option<PathBuf>,
}

/// Reads and validates the instance in folder `root`.
pub fn load(root: &Path, options: &LoadOptions) -> Result<Instance, InputErrors> {
    let mut sink: Vec<InputError> = Vec::new();
    let mut hashes: BTreeMap<String, String> = BTreeMap::new();
    if !root.is_dir() {
        sink.push(InputError {
            file: root.display().to_string(),
            line: None,
            field: None,
            value: None,
            rule: "instance folder does not exist or is not a folder".into(),
        });
        return Err(InputErrors(sink));
    }
    let manifest_text = read_hashed(root, MANIFEST, &mut hashes, &mut sink);
    let manifest: Option<Manifest> =
        manifest_text
            .as_deref()
            .and_then(|text| match toml::from_str::<Manifest>(text) {
                Ok(m) => Some(m),
                Err(e) => {
                    Collector::new(MANIFEST, &mut sink).file(
                        error_line(text, &e),
                        &format!("invalid instance file: {}", e.message()),
                    );
                    None
                }
            });

    // The model file: from the command line, or as named in instance.toml.
    let model_path = match (&options.model_override, &manifest) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(m)) => Some(root.join(&m.model)),
        (None, None) => None,
    };
    let mut model_hash = String::new();
    let model = model_path.as_ref().and_then(|path| {
        let label = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => {
                model_hash = sha256_hex(&bytes);
                let text = String::from_utf8_lossy(&bytes).into_owned();
                ModelConfig::parse(&text, &mut Collector::new(label, &mut sink))
            }
            Err(e) => {
                let line = manifest_text
                    .as_deref()
                    .and_then(|t| key_line(t, "", "model"));
                sink.push(InputError {
                    file: MANIFEST.into(),
                    line,
                    field: Some("model".into()),
                    value: Some(label),
                    rule: format!("model file cannot be read ({e})"),
                });
                None
            }
        }
    });

    let areas = read_areas(root, &mut hashes, &mut sink);
    let area_ids = id_map(areas.iter().map(|a| a.id.as_str()));
    // Ids are collected from every row with a valid id, even when another field
    // of the row is bad, so that one bad cell does not cascade into "unknown
    // id" errors elsewhere. (With any error the instance is rejected, so the
    // ids then only serve cross-references.)
    let (items, all_item_ids) = read_items(root, &area_ids, model.as_ref(), &mut hashes, &mut sink);
    let (provinces, all_province_ids) =
        read_provinces(root, model.as_ref(), &mut hashes, &mut sink);
    let (provinces, base_budgets): (Vec<Province>, Vec<ProvinceBudget>) =
        provinces.into_iter().unzip();
    let item_ids = id_map(all_item_ids.iter().map(String::as_str));
    let province_ids = id_map(all_province_ids.iter().map(String::as_str));

    let (Some(manifest), Some(manifest_text)) = (manifest, manifest_text) else {
        return Err(InputErrors(sink));
    };
    let years = check_horizon(&manifest, &manifest_text, &mut sink);
    let central_budget_yi = central_budgets(&manifest, &manifest_text, &years, &mut sink);

    let area_province_shape = (area_ids.len(), province_ids.len());
    let advantage = read_area_province(
        root,
        ADVANTAGE,
        "advantage",
        true,
        &area_ids,
        &province_ids,
        area_province_shape,
        &mut hashes,
        &mut sink,
    );
    let initial_capacity_cu = read_area_province(
        root,
        PLATFORMS,
        "capacity_cu",
        false,
        &area_ids,
        &province_ids,
        area_province_shape,
        &mut hashes,
        &mut sink,
    );
    let provincial_budget_yi = read_provincial_budgets(
        root,
        &base_budgets,
        &province_ids,
        &years,
        &mut hashes,
        &mut sink,
    );
    let item_advantage =
        read_item_advantage(root, &item_ids, &province_ids, &mut hashes, &mut sink);
    let complete = items.len() == all_item_ids.len() && provinces.len() == all_province_ids.len();
    let links = read_links(root, &item_ids, &mut hashes, &mut sink);
    if complete {
        check_initial_links(&items, &links, &mut sink);
    }
    let chain_order = chain_order(&all_item_ids, &links, &mut sink);

    let targets = model
        .as_ref()
        .map(|model| {
            read_targets(
                &manifest,
                &manifest_text,
                model,
                &area_ids,
                &items,
                &item_ids,
                &years,
                &mut sink,
            )
        })
        .unwrap_or_default();
    let regional_floor = regional_floor(&manifest, &manifest_text, &mut sink);
    let continuity = continuity(&manifest, &manifest_text, &area_ids, &mut sink);
    let concentration = concentration(&manifest, &manifest_text, &mut sink);
    let objective = model
        .as_ref()
        .and_then(|model| objective_weights(&manifest, &manifest_text, model, &mut sink));
    let mut model = model;
    if let (Some(model), Some(raw)) = (model.as_mut(), manifest.allowed_modes.as_ref()) {
        let mut errs = Collector::new(MANIFEST, &mut sink);
        apply_allowed_modes(model, raw, &manifest_text, "allowed_modes", &mut errs);
    }
    if !is_valid_id(&manifest.name) {
        Collector::new(MANIFEST, &mut sink).at(
            key_line(&manifest_text, "", "name"),
            "name",
            &manifest.name,
            "instance names may contain only letters, digits, '_', '-' and '.'",
        );
    }
    if items.is_empty() && sink.is_empty() {
        Collector::new(ITEMS, &mut sink).file(None, "an instance needs at least one item");
    }
    if provinces.is_empty() && sink.is_empty() {
        Collector::new(PROVINCES, &mut sink).file(None, "an instance needs at least one province");
    }

    if !sink.is_empty() {
        return Err(InputErrors(sink));
    }
    let (Some(model), Some((objective, objective_preset))) = (model, objective) else {
        return Err(InputErrors(sink));
    };
    Ok(Instance {
        name: manifest.name,
        description: manifest.description,
        root: root.to_path_buf(),
        file_hashes: hashes.into_iter().collect(),
        model_path: model_path.unwrap_or_default(),
        model_hash,
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
        variant: Default::default(),
    })
}

/// sha256 of bytes, as lowercase hex (recorded with every result).
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a text file of the instance, recording its hash.
fn read_hashed(
    root: &Path,
    name: &str,
    hashes: &mut BTreeMap<String, String>,
    sink: &mut Vec<InputError>,
) -> Option<String> {
    match std::fs::read(root.join(name)) {
        Ok(bytes) => {
            hashes.insert(name.to_string(), sha256_hex(&bytes));
            match String::from_utf8(bytes) {
                Ok(text) => Some(text),
                Err(_) => {
                    Collector::new(name, sink).file(None, "file must be UTF-8 text");
                    None
                }
            }
        }
        Err(e) => {
            Collector::new(name, sink).file(None, &format!("cannot read file: {e}"));
            None
        }
    }
}

/// Reads an instance table; an optional table that is absent yields `None` silently.
fn read_table(
    root: &Path,
    name: &str,
    schema: &Schema,
    required: bool,
    hashes: &mut BTreeMap<String, String>,
    sink: &mut Vec<InputError>,
) -> Option<Table> {
    if !required && !root.join(name).exists() {
        return None;
    }
    let text = read_hashed(root, name, hashes, sink)?;
    Table::parse(&text, schema, &mut Collector::new(name, sink))
}

fn id_map<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    ids.enumerate().map(|(i, id)| (id.to_string(), i)).collect()
}

/// Reads the `id` column of a row, rejecting duplicates.
fn unique_id(
    table: &Table,
    row: &super::tables::Row,
    seen: &mut HashMap<String, usize>,
    errs: &mut Collector,
) -> Option<String> {
    let id = table.id(row, "id", errs)?;
    if let Some(first) = seen.get(&id) {
        errs.at(
            Some(row.line),
            "id",
            &id,
            &format!("duplicate id (first defined on line {first})"),
        );
        return None;
    }
    seen.insert(id.clone(), row.line);
    Some(id)
}

fn read_areas(
    root: &Path,
    hashes: &mut BTreeMap<String, String>,
    sink: &mut Vec<InputError>,
) -> Vec<Area> {
    let schema = Schema {
        required: &["id"],
        optional: &[],
    };
    let Some(table) = read_table(root, AREAS, &schema, true, hashes, sink) else {
        return Vec::new();
    };
    let mut errs = Collector::new(AREAS, sink);
    let mut seen = HashMap::new();
    let mut areas = Vec::new();
    for row in &table.rows {
        if let Some(id) = unique_id(&table, row, &mut seen, &mut errs) {
            let name = display_name(&table, row, &id);
            let name_zh = chinese_name(&table, row);
            areas.push(Area { id, name, name_zh });
        }
    }
    if table.rows.is_empty() {
        errs.file(None, "an instance needs at least one area");
    }
    areas
}

/// Prefers `name_en`, then `name`, then `name_zh`, then the id.
fn display_name(table: &Table, row: &super::tables::Row, id: &str) -> String {
    ["name", "name_en", "name_zh"]
        .iter()
        .map(|c| table.text(row, c))
        .find(|s| !s.is_empty())
        .unwrap_or(id)
        .to_string()
}

/// The `name_zh` column, when present and not empty.
fn chinese_name(table: &Table, row: &super::tables::Row) -> Option<String> {
    Some(table.text(row, "name_zh"))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn read_items(
    root: &Path,
    area_ids: &HashMap<String, usize>,
    model: Option<&ModelConfig>,
    hashes: &mut BTreeMap<String, String>,
    sink: &mut Vec<InputError>,
) -> (Vec<Item>, Vec<String>) {
    let schema = Schema {
        required: &[
            "id",
            "area",
            "tier",
            "s0",
            "smax",
            "weight_yi",
            "gain_per_effort",
        ],
        optional: &["max_sites", "min_site_effort", "effect_lag_years"],
    };
    let Some(table) = read_table(root, ITEMS, &schema, true, hashes, sink) else {
        return (Vec::new(), Vec::new());
    };
    let mut errs = Collector::new(ITEMS, sink);
    let mut seen = HashMap::new();
    let mut items = Vec::new();
    let mut ids = Vec::new();
    for row in &table.rows {
        let line = Some(row.line);
        let id = unique_id(&table, row, &mut seen, &mut errs);
        ids.extend(id.clone());
        let area =
            table
                .required_text(row, "area", &mut errs)
                .and_then(|a| match area_ids.get(&a) {
                    Some(&i) => Some(i),
                    None => {
                        errs.at(
                            line,
                            "area",
                            &a,
                            &format!("unknown area; it must be an id in {AREAS}"),
                        );
                        None
                    }
                });
        let tier =
            table
                .required_text(row, "tier", &mut errs)
                .and_then(|t| match Tier::parse(&t) {
                    Some(tier) => Some(tier),
                    None => {
                        errs.at(
                            line,
                            "tier",
                            &t,
                            "must be stranglehold, shortboard or general",
                        );
                        None
                    }
                });
        let s0 = share(&table, row, "s0", &mut errs);
        let smax = share(&table, row, "smax", &mut errs);
        if let (Some(s0), Some(smax)) = (s0, smax) {
            if s0 > smax {
                errs.at(line, "s0", s0, &format!("must not exceed smax ({smax})"));
            }
            if smax <= 0.0 {
                errs.at(line, "smax", smax, "must be > 0");
            }
        }
        let weight_yi = positive(
            &table,
            row,
            "weight_yi",
            "must be > 0 亿元 (domestic demand value)",
            &mut errs,
        );
        let gain = positive(
            &table,
            row,
            "gain_per_effort",
            "must be > 0 (share per effort unit)",
            &mut errs,
        )
        .and_then(|g| {
            // One effort unit cannot buy more than the whole market; larger values
            // are a unit mistake and would also wreck the LP's numerics.
            if g <= 1.0 {
                Some(g)
            } else {
                errs.at(
                    line,
                    "gain_per_effort",
                    g,
                    "must be at most 1 (share per effort unit)",
                );
                None
            }
        });
        let max_sites = match table.optional_number(row, "max_sites", &mut errs) {
            Some(v) if v >= 1.0 && v.fract() == 0.0 => Some(v as usize),
            Some(v) => {
                errs.at(line, "max_sites", v, "must be a whole number ≥ 1");
                None
            }
            // Without a valid model file the instance is rejected anyway; a
            // placeholder keeps cross-file checks running.
            None => Some(model.map_or(1, |m| m.max_sites_per_item)),
        };
        let min_site_effort = match table.optional_number(row, "min_site_effort", &mut errs) {
            Some(v) if v >= 0.0 => Some(v),
            Some(v) => {
                errs.at(line, "min_site_effort", v, "must be ≥ 0 effort units");
                None
            }
            None => Some(model.map_or(0.0, |m| m.min_site_effort)),
        };
        let effect_lag_years = match table.optional_number(row, "effect_lag_years", &mut errs) {
            Some(v) if (0.0..=50.0).contains(&v) && v.fract() == 0.0 => Some(v as usize),
            Some(v) => {
                errs.at(
                    line,
                    "effect_lag_years",
                    v,
                    "must be a whole number of years in [0, 50]",
                );
                None
            }
            None => Some(model.map_or(0, |m| m.effect_lag_years)),
        };
        if let (
            Some(id),
            Some(area),
            Some(tier),
            Some(s0),
            Some(smax),
            Some(weight_yi),
            Some(gain),
            Some(max_sites),
            Some(min_site_effort),
            Some(effect_lag_years),
        ) = (
            id,
            area,
            tier,
            s0,
            smax,
            weight_yi,
            gain,
            max_sites,
            min_site_effort,
            effect_lag_years,
        ) {
            let name = display_name(&table, row, &id);
            let name_zh = chinese_name(&table, row);
            items.push(Item {
                id,
                name,
                name_zh,
                area,
                tier,
                s0,
                smax,
                weight_yi,
                gain_per_effort: gain,
                max_sites,
                min_site_effort,
                effect_lag_years,
            });
        }
    }
    (items, ids)
}

fn share(
    table: &Table,
    row: &super::tables::Row,
    column: &str,
    errs: &mut Collector,
) -> Option<f64> {
    let v = table.number(row, column, errs)?;
    if (0.0..=1.0).contains(&v) {
        Some(v)
    } else {
        errs.at(Some(row.line), column, v, "must be a share in [0, 1]");
        None
    }
}

fn positive(
    table: &Table,
    row: &super::tables::Row,
    column: &str,
    rule: &str,
    errs: &mut Collector,
) -> Option<f64> {
    let v = table.number(row, column, errs)?;
    if v > 0.0 {
        Some(v)
    } else {
        errs.at(Some(row.line), column, v, rule);
        None
    }
}

fn non_negative(
    table: &Table,
    row: &super::tables::Row,
    column: &str,
    unit: &str,
    errs: &mut Collector,
) -> Option<f64> {
    let v = table.number(row, column, errs)?;
    if v >= 0.0 {
        Some(v)
    } else {
        errs.at(Some(row.line), column, v, &format!("must be ≥ 0{unit}"));
        None
    }
}

/// Provincial budgets from `provinces.csv`, kept until the horizon is known.
struct ProvinceBudget(f64);

fn read_provinces(
    root: &Path,
    model: Option<&ModelConfig>,
    hashes: &mut BTreeMap<String, String>,
    sink: &mut Vec<InputError>,
) -> (Vec<(Province, ProvinceBudget)>, Vec<String>) {
    let schema = Schema {
        required: &["id", "region", "budget_yi", "talent_kfte"],
        optional: &["talent_growth", "max_new_platforms"],
    };
    let Some(table) = read_table(root, PROVINCES, &schema, true, hashes, sink) else {
        return (Vec::new(), Vec::new());
    };
    let mut errs = Collector::new(PROVINCES, sink);
    let mut seen = HashMap::new();
    let mut provinces = Vec::new();
    let mut ids = Vec::new();
    for row in &table.rows {
        let line = Some(row.line);
        let id = unique_id(&table, row, &mut seen, &mut errs);
        ids.extend(id.clone());
        let region =
            table
                .required_text(row, "region", &mut errs)
                .and_then(|r| match Region::parse(&r) {
                    Some(region) => Some(region),
                    None => {
                        errs.at(
                            line,
                            "region",
                            &r,
                            "must be east, central, west or northeast",
                        );
                        None
                    }
                });
        let budget = non_negative(&table, row, "budget_yi", " 亿元 per year", &mut errs);
        let talent = non_negative(&table, row, "talent_kfte", " k FTE", &mut errs);
        let growth = match table.optional_number(row, "talent_growth", &mut errs) {
            Some(g) if (-0.5..=1.0).contains(&g) => Some(g),
            Some(g) => {
                errs.at(
                    line,
                    "talent_growth",
                    g,
                    "must be a yearly rate in [-0.5, 1]",
                );
                None
            }
            None => Some(model.map_or(0.0, |m| m.default_talent_growth)),
        };
        let max_new = match table.optional_number(row, "max_new_platforms", &mut errs) {
            Some(v) if v >= 0.0 && v.fract() == 0.0 => Some(v as usize),
            Some(v) => {
                errs.at(line, "max_new_platforms", v, "must be a whole number ≥ 0");
                None
            }
            None => Some(model.map_or(0, |m| m.max_new_platforms_per_year)),
        };
        if let (Some(id), Some(region), Some(budget), Some(talent), Some(growth), Some(max_new)) =
            (id, region, budget, talent, growth, max_new)
        {
            let name = display_name(&table, row, &id);
            let name_zh = chinese_name(&table, row);
            provinces.push((
                Province {
                    id,
                    name,
                    name_zh,
                    region,
                    talent_kfte: talent,
                    talent_growth: growth,
                    max_new_platforms: max_new,
                },
                ProvinceBudget(budget),
            ));
        }
    }
    (provinces, ids)
}

fn check_horizon(manifest: &Manifest, text: &str, sink: &mut Vec<InputError>) -> Vec<i32> {
    let mut errs = Collector::new(MANIFEST, sink);
    let (first, last) = (manifest.first_year, manifest.last_year);
    if !(1900..=2200).contains(&first) {
        errs.at(
            key_line(text, "", "first_year"),
            "first_year",
            first,
            "must be a calendar year in [1900, 2200]",
        );
        return Vec::new();
    }
    if last < first {
        errs.at(
            key_line(text, "", "last_year"),
            "last_year",
            last,
            &format!("must not be before first_year ({first})"),
        );
        return Vec::new();
    }
    if last - first + 1 > MAX_HORIZON_YEARS {
        errs.at(
            key_line(text, "", "last_year"),
            "last_year",
            last,
            &format!("horizon must be at most {MAX_HORIZON_YEARS} years"),
        );
        return Vec::new();
    }
    (first as i32..=last as i32).collect()
}

fn central_budgets(
    manifest: &Manifest,
    text: &str,
    years: &[i32],
    sink: &mut Vec<InputError>,
) -> Vec<f64> {
    let mut errs = Collector::new(MANIFEST, sink);
    let cb = &manifest.central_budget_yi;
    if !(cb.default.is_finite() && cb.default >= 0.0) {
        errs.at(
            key_line(text, "central_budget_yi", "default"),
            "central_budget_yi.default",
            cb.default,
            "must be ≥ 0 亿元 per year",
        );
    }
    let mut budgets = vec![cb.default; years.len()];
    for (year, &value) in &cb.by_year {
        let line = key_line(text, "central_budget_yi.by_year", year);
        let field = format!("central_budget_yi.by_year.{year}");
        match year
            .parse::<i32>()
            .ok()
            .and_then(|y| years.iter().position(|&h| h == y))
        {
            Some(t) if value.is_finite() && value >= 0.0 => budgets[t] = value,
            Some(_) => errs.at(line, &field, value, "must be ≥ 0 亿元 per year"),
            None => errs.at(
                line,
                &field,
                year,
                "year is outside the horizon first_year..last_year",
            ),
        }
    }
    budgets
}

#[allow(clippy::too_many_arguments)]
fn read_area_province(
    root: &Path,
    file: &str,
    column: &str,
    complete: bool,
    area_ids: &HashMap<String, usize>,
    province_ids: &HashMap<String, usize>,
    shape: (usize, usize),
    hashes: &mut BTreeMap<String, String>,
    sink: &mut Vec<InputError>,
) -> Array2<f64> {
    let mut values = Array2::<f64>::zeros(shape);
    let schema = Schema {
        required: &["area", "province", column],
        optional: &[],
    };
    let Some(table) = read_table(root, file, &schema, complete, hashes, sink) else {
        return values;
    };
    let mut errs = Collector::new(file, sink);
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    for row in &table.rows {
        let line = Some(row.line);
        let area = lookup(&table, row, "area", area_ids, AREAS, &mut errs);
        let province = lookup(&table, row, "province", province_ids, PROVINCES, &mut errs);
        let unit = if column == "capacity_cu" { " cu" } else { "" };
        let value = non_negative(&table, row, column, unit, &mut errs);
        if let (Some(a), Some(p), Some(v)) = (area, province, value) {
            if let Some(first) = seen.insert((a, p), row.line) {
                errs.file(
                    line,
                    &format!("duplicate area/province pair (first on line {first})"),
                );
            }
            values[[a, p]] = v;
        }
    }
    if complete && errs.count() == 0 {
        let mut missing: Vec<(usize, usize)> = Vec::new();
        for a in 0..shape.0 {
            for p in 0..shape.1 {
                if !seen.contains_key(&(a, p)) {
                    missing.push((a, p));
                }
            }
        }
        if !missing.is_empty() {
            let area_names = invert(area_ids);
            let province_names = invert(province_ids);
            let shown: Vec<String> = missing
                .iter()
                .take(5)
                .map(|&(a, p)| format!("{}/{}", area_names[a], province_names[p]))
                .collect();
            errs.file(
                None,
                &format!(
                    "every area × province pair needs a row; {} missing (e.g. {})",
                    missing.len(),
                    shown.join(", ")
                ),
            );
        }
    }
    values
}

fn invert(ids: &HashMap<String, usize>) -> Vec<String> {
    let mut names = vec![String::new(); ids.len()];
    for (id, &i) in ids {
        names[i] = id.clone();
    }
    names
}

fn lookup(
    table: &Table,
    row: &super::tables::Row,
    column: &str,
    ids: &HashMap<String, usize>,
    defined_in: &str,
    errs: &mut Collector,
) -> Option<usize> {
    let value = table.required_text(row, column, errs)?;
    match ids.get(&value) {
        Some(&i) => Some(i),
        None => {
            errs.at(
                Some(row.line),
                column,
                &value,
                &format!("unknown id; it must be defined in {defined_in}"),
            );
            None
        }
    }
}

/// `item_advantage.csv` (optional): adv_kp for items whose industry sits in
/// particular provinces. An item with rows takes its advantage from them
/// alone; provinces it does not list get 0 (its industry is not there).
fn read_item_advantage(
    root: &Path,
    item_ids: &HashMap<String, usize>,
    province_ids: &HashMap<String, usize>,
    hashes: &mut BTreeMap<String, String>,
    sink: &mut Vec<InputError>,
) -> Vec<Option<Vec<f64>>> {
    let mut rows: Vec<Option<Vec<f64>>> = vec![None; item_ids.len()];
    let schema = Schema {
        required: &["item", "province", "advantage"],
        optional: &[],
    };
    let Some(table) = read_table(root, ITEM_ADVANTAGE, &schema, false, hashes, sink) else {
        return rows;
    };
    let mut errs = Collector::new(ITEM_ADVANTAGE, sink);
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    for row in &table.rows {
        let k = lookup(&table, row, "item", item_ids, ITEMS, &mut errs);
        let p = lookup(&table, row, "province", province_ids, PROVINCES, &mut errs);
        let v = non_negative(&table, row, "advantage", "", &mut errs);
        if let (Some(k), Some(p), Some(v)) = (k, p, v) {
            if let Some(first) = seen.insert((k, p), row.line) {
                errs.file(
                    Some(row.line),
                    &format!("duplicate item/province pair (first on line {first})"),
                );
            }
            rows[k].get_or_insert_with(|| vec![0.0; province_ids.len()])[p] = v;
        }
    }
    rows
}

fn read_provincial_budgets(
    root: &Path,
    base_budgets: &[ProvinceBudget],
    province_ids: &HashMap<String, usize>,
    years: &[i32],
    hashes: &mut BTreeMap<String, String>,
    sink: &mut Vec<InputError>,
) -> Array2<f64> {
    let mut budgets = Array2::<f64>::zeros((province_ids.len(), years.len()));
    for (p, ProvinceBudget(b)) in base_budgets.iter().enumerate() {
        budgets.row_mut(p).fill(*b);
    }
    let schema = Schema {
        required: &["province", "year", "budget_yi"],
        optional: &[],
    };
    let Some(table) = read_table(root, PROVINCIAL_BUDGETS, &schema, false, hashes, sink) else {
        return budgets;
    };
    let mut errs = Collector::new(PROVINCIAL_BUDGETS, sink);
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    for row in &table.rows {
        let p = lookup(&table, row, "province", province_ids, PROVINCES, &mut errs);
        let t = table.integer(row, "year", &mut errs).and_then(|y| {
            let t = years.iter().position(|&h| i64::from(h) == y);
            if t.is_none() {
                errs.at(
                    Some(row.line),
                    "year",
                    y,
                    "year is outside the horizon first_year..last_year",
                );
            }
            t
        });
        let b = non_negative(&table, row, "budget_yi", " 亿元 per year", &mut errs);
        if let (Some(p), Some(t), Some(b)) = (p, t, b) {
            if let Some(first) = seen.insert((p, t), row.line) {
                errs.file(
                    Some(row.line),
                    &format!("duplicate province/year pair (first on line {first})"),
                );
            }
            budgets[[p, t]] = b;
        }
    }
    budgets
}

fn read_links(
    root: &Path,
    item_ids: &HashMap<String, usize>,
    hashes: &mut BTreeMap<String, String>,
    sink: &mut Vec<InputError>,
) -> Vec<ChainLink> {
    let schema = Schema {
        required: &["item", "needs", "max_lead"],
        optional: &[],
    };
    let Some(table) = read_table(root, CHAIN_LINKS, &schema, false, hashes, sink) else {
        return Vec::new();
    };
    let mut errs = Collector::new(CHAIN_LINKS, sink);
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    let mut links = Vec::new();
    for row in &table.rows {
        let item = lookup(&table, row, "item", item_ids, ITEMS, &mut errs);
        let needs = lookup(&table, row, "needs", item_ids, ITEMS, &mut errs);
        let lead = table.number(row, "max_lead", &mut errs).and_then(|v| {
            if (0.0..=1.0).contains(&v) {
                Some(v)
            } else {
                errs.at(Some(row.line), "max_lead", v, "must be a share in [0, 1]");
                None
            }
        });
        if let (Some(item), Some(needs), Some(max_lead)) = (item, needs, lead) {
            if item == needs {
                errs.at(
                    Some(row.line),
                    "needs",
                    table.text(row, "needs"),
                    "an item cannot need itself",
                );
                continue;
            }
            if let Some(first) = seen.insert((item, needs), row.line) {
                errs.file(
                    Some(row.line),
                    &format!("duplicate link (first on line {first})"),
                );
                continue;
            }
            links.push(ChainLink {
                item,
                needs,
                max_lead,
                line: row.line,
            });
        }
    }
    links
}

/// A link whose initial levels already break s[k] ≤ s[k′] + γ makes every
/// plan infeasible in the first years, before any effort can act.
fn check_initial_links(items: &[Item], links: &[ChainLink], sink: &mut Vec<InputError>) {
    let mut errs = Collector::new(CHAIN_LINKS, sink);
    for l in links {
        let (item, needs) = (&items[l.item], &items[l.needs]);
        if item.s0 > needs.s0 + l.max_lead + 1e-12 {
            errs.at(
                Some(l.line),
                "max_lead",
                l.max_lead,
                &format!(
                    "link {} → {}: s0 of {} ({}) already exceeds s0 of {} ({}) plus max_lead; raise max_lead or fix s0",
                    item.id, needs.id, item.id, item.s0, needs.id, needs.s0
                ),
            );
        }
    }
}

/// Topological order of the chain graph (needed items first); a cycle is an
/// input error because realised self-sufficiency (MODEL.md §7) is undefined.
fn chain_order(items: &[String], links: &[ChainLink], sink: &mut Vec<InputError>) -> Vec<usize> {
    let n = items.len();
    let mut indegree = vec![0usize; n];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for l in links {
        if l.item < n && l.needs < n {
            indegree[l.item] += 1;
            dependents[l.needs].push(l.item);
        }
    }
    let mut ready: BTreeSet<usize> = (0..n).filter(|&k| indegree[k] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(k) = ready.pop_first() {
        order.push(k);
        for &d in &dependents[k] {
            indegree[d] -= 1;
            if indegree[d] == 0 {
                ready.insert(d);
            }
        }
    }
    if order.len() < n {
        let cyclic: Vec<&str> = (0..n)
            .filter(|&k| indegree[k] > 0)
            .map(|k| items[k].as_str())
            .collect();
        Collector::new(CHAIN_LINKS, sink).file(
            None,
            &format!(
                "chain links must not form a cycle; items on or behind a cycle: {}",
                cyclic.join(", ")
            ),
        );
    }
    order
}

#[allow(clippy::too_many_arguments)]
fn read_targets(
    manifest: &Manifest,
    text: &str,
    model: &ModelConfig,
    area_ids: &HashMap<String, usize>,
    items: &[Item],
    item_ids: &HashMap<String, usize>,
    years: &[i32],
    sink: &mut Vec<InputError>,
) -> Vec<Target> {
    let mut errs = Collector::new(MANIFEST, sink);
    let mut targets = Vec::new();
    let mut seen = BTreeSet::new();
    for (n, entry) in manifest.targets.iter().enumerate() {
        let line = |key: &str| array_key_line(text, "targets", n, key);
        let mut ok = true;
        if !is_valid_id(&entry.id) {
            errs.at(
                line("id"),
                "targets.id",
                &entry.id,
                "identifiers may contain only letters, digits, '_', '-' and '.'",
            );
            ok = false;
        } else if !seen.insert(entry.id.clone()) {
            errs.at(line("id"), "targets.id", &entry.id, "duplicate target id");
            ok = false;
        }
        let mut group: BTreeSet<usize> = BTreeSet::new();
        for a in &entry.areas {
            if a == "all" {
                group.extend(0..items.len());
            } else if let Some(&ai) = area_ids.get(a) {
                group.extend(
                    items
                        .iter()
                        .enumerate()
                        .filter(|(_, it)| it.area == ai)
                        .map(|(k, _)| k),
                );
            } else {
                errs.at(
                    line("areas"),
                    "targets.areas",
                    a,
                    &format!("unknown area; it must be an id in {AREAS} or \"all\""),
                );
                ok = false;
            }
        }
        for i in &entry.items {
            match item_ids.get(i) {
                Some(&k) => {
                    group.insert(k);
                }
                None => {
                    errs.at(
                        line("items"),
                        "targets.items",
                        i,
                        &format!("unknown item; it must be an id in {ITEMS}"),
                    );
                    ok = false;
                }
            }
        }
        if ok && group.is_empty() && !items.is_empty() {
            errs.field(
                line("areas"),
                "targets.areas",
                &format!("target `{}` covers no item: its group is empty", entry.id),
            );
            ok = false;
        }
        let year = years.iter().position(|&y| i64::from(y) == entry.year);
        if year.is_none() && !years.is_empty() {
            errs.at(
                line("year"),
                "targets.year",
                entry.year,
                "year is outside the horizon first_year..last_year",
            );
            ok = false;
        }
        if !(0.0..=1.0).contains(&entry.level) {
            errs.at(
                line("level"),
                "targets.level",
                entry.level,
                "must be a share in [0, 1]",
            );
            ok = false;
        }
        let penalty = entry
            .penalty_yi_per_point
            .unwrap_or(model.default_penalty_yi_per_point);
        if !(penalty.is_finite() && penalty >= 0.0) {
            errs.at(
                line("penalty_yi_per_point"),
                "targets.penalty_yi_per_point",
                penalty,
                "must be ≥ 0 亿元 per point",
            );
            ok = false;
        }
        if ok {
            if let Some(year) = year {
                let mut parts: Vec<String> = entry.areas.clone();
                parts.extend(entry.items.iter().cloned());
                targets.push(Target {
                    id: entry.id.clone(),
                    group: parts.join("+"),
                    items: group.into_iter().collect(),
                    year,
                    level: entry.level,
                    penalty_yi_per_point: penalty,
                });
            }
        }
    }
    targets
}

fn regional_floor(
    manifest: &Manifest,
    text: &str,
    sink: &mut Vec<InputError>,
) -> Option<RegionalFloor> {
    let entry = manifest.regional_floor.as_ref()?;
    let mut errs = Collector::new(MANIFEST, sink);
    let mut regions = Vec::new();
    for r in &entry.regions {
        match Region::parse(r) {
            Some(region) => regions.push(region),
            None => errs.at(
                key_line(text, "regional_floor", "regions"),
                "regional_floor.regions",
                r,
                "must be east, central, west or northeast",
            ),
        }
    }
    if regions.is_empty() && entry.regions.is_empty() {
        errs.field(
            key_line(text, "regional_floor", "regions"),
            "regional_floor.regions",
            "must name at least one region",
        );
    }
    if !(0.0..=1.0).contains(&entry.min_share) {
        errs.at(
            key_line(text, "regional_floor", "min_share"),
            "regional_floor.min_share",
            entry.min_share,
            "must be a share in [0, 1]",
        );
        return None;
    }
    Some(RegionalFloor {
        regions,
        min_share: entry.min_share,
    })
}

fn continuity(
    manifest: &Manifest,
    text: &str,
    area_ids: &HashMap<String, usize>,
    sink: &mut Vec<InputError>,
) -> Option<super::Continuity> {
    let entry = manifest.continuity.as_ref()?;
    let mut errs = Collector::new(MANIFEST, sink);
    let before = errs.count();
    let line = |key: &str| key_line(text, "continuity", key);
    if !(entry.max_growth.is_finite() && (0.0..=10.0).contains(&entry.max_growth)) {
        errs.at(
            line("max_growth"),
            "continuity.max_growth",
            entry.max_growth,
            "must be a yearly growth share in [0, 10] (0.3 = +30% a year)",
        );
    }
    if !(0.0..=1.0).contains(&entry.max_decline) {
        errs.at(
            line("max_decline"),
            "continuity.max_decline",
            entry.max_decline,
            "must be a yearly decline share in [0, 1] (0.2 = −20% a year)",
        );
    }
    let ramp_ok = |v: f64| v.is_finite() && v >= 0.0;
    if !ramp_ok(entry.ramp_yi) {
        errs.at(
            line("ramp_yi"),
            "continuity.ramp_yi",
            entry.ramp_yi,
            "must be ≥ 0 亿元 per year",
        );
    }
    let mut ramp = vec![entry.ramp_yi; area_ids.len()];
    for (area, &v) in &entry.ramp_yi_by_area {
        let line = key_line(text, "continuity.ramp_yi_by_area", area);
        let field = format!("continuity.ramp_yi_by_area.{area}");
        match area_ids.get(area) {
            Some(&a) if ramp_ok(v) => ramp[a] = v,
            Some(_) => errs.at(line, &field, v, "must be ≥ 0 亿元 per year"),
            None => errs.at(
                line,
                &field,
                area,
                &format!("unknown area; it must be an id in {AREAS}"),
            ),
        }
    }
    (errs.count() == before).then_some(super::Continuity {
        max_growth: entry.max_growth,
        max_decline: entry.max_decline,
        ramp_yi: ramp,
    })
}

fn concentration(manifest: &Manifest, text: &str, sink: &mut Vec<InputError>) -> Option<f64> {
    let entry = manifest.concentration.as_ref()?;
    let chi = entry.max_province_share;
    if chi.is_finite() && chi > 0.0 && chi <= 1.0 {
        Some(chi)
    } else {
        Collector::new(MANIFEST, sink).at(
            key_line(text, "concentration", "max_province_share"),
            "concentration.max_province_share",
            chi,
            "must be a share in (0, 1]",
        );
        None
    }
}

fn objective_weights(
    manifest: &Manifest,
    text: &str,
    model: &ModelConfig,
    sink: &mut Vec<InputError>,
) -> Option<(ObjectiveWeights, String)> {
    let mut errs = Collector::new(MANIFEST, sink);
    let entry = manifest.objective.as_ref();
    let preset_name = entry
        .and_then(|o| o.preset.clone())
        .unwrap_or_else(|| model.default_preset.clone());
    let Some(&preset) = model.presets.get(&preset_name) else {
        let known: Vec<&str> = model.presets.keys().map(String::as_str).collect();
        errs.at(
            key_line(text, "objective", "preset"),
            "objective.preset",
            &preset_name,
            &format!(
                "unknown preset; the model file defines: {}",
                known.join(", ")
            ),
        );
        return None;
    };
    let cost = entry.and_then(|o| o.cost_weight);
    let suff = entry.and_then(|o| o.sufficiency_weight);
    let weights = ObjectiveWeights {
        cost_weight: cost.unwrap_or(preset.cost_weight),
        sufficiency_weight: suff.unwrap_or(preset.sufficiency_weight),
    };
    let mut ok = true;
    for (key, v) in [
        ("cost_weight", weights.cost_weight),
        ("sufficiency_weight", weights.sufficiency_weight),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            errs.at(
                key_line(text, "objective", key),
                &format!("objective.{key}"),
                v,
                "must be ≥ 0",
            );
            ok = false;
        }
    }
    if ok && weights.cost_weight == 0.0 && weights.sufficiency_weight == 0.0 {
        errs.field(
            key_line(text, "objective", "cost_weight"),
            "objective.cost_weight",
            "the cost and sufficiency weights cannot both be 0",
        );
        ok = false;
    }
    let name = if cost.is_some() || suff.is_some() {
        "custom".to_string()
    } else {
        preset_name
    };
    ok.then_some((weights, name))
}
