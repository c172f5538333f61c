//! A variant of an instance: the scenarios and one-off overrides a command
//! was asked for (`--scenario NAME` repeatable, `--set PARAM[SEL]=VALUE`
//! repeatable), applied to the instance read from its files.

use std::path::{Path, PathBuf};

use super::overrides::{load_scenarios, parse_set, ScenarioFile};
use super::{InputErrors, Instance};

/// The scenario file an instance uses unless told otherwise.
pub const DEFAULT_SCENARIO_FILE: &str = "scenarios.toml";

/// What to apply to a base instance.
#[derive(Debug, Clone, Default)]
pub struct VariantSpec {
    /// Scenario file; `<instance>/scenarios.toml` when not given.
    pub scenario_file: Option<PathBuf>,
    /// Scenario names, composed in order.
    pub scenarios: Vec<String>,
    /// One-off overrides in `--set` syntax, applied after the scenarios.
    pub sets: Vec<String>,
}

impl VariantSpec {
    pub fn is_empty(&self) -> bool {
        self.scenarios.is_empty() && self.sets.is_empty()
    }

    /// The scenario file to read for an instance folder.
    pub fn scenario_path(&self, instance_root: &Path) -> PathBuf {
        self.scenario_file.clone().unwrap_or_else(|| {
            // A workbook's scenarios are the file beside it.
            let folder = if instance_root.is_file() {
                instance_root.parent().unwrap_or(Path::new("."))
            } else {
                instance_root
            };
            folder.join(DEFAULT_SCENARIO_FILE)
        })
    }
}

/// Applies the scenarios (read from their file) and `--set` overrides.
pub fn apply_variant(base: &Instance, spec: &VariantSpec) -> Result<Instance, InputErrors> {
    if spec.is_empty() {
        return Ok(base.clone());
    }
    let file: Option<ScenarioFile> = if spec.scenarios.is_empty() {
        None
    } else {
        Some(load_scenarios(&spec.scenario_path(&base.root))?)
    };
    apply_variant_from(base, spec, file.as_ref())
}

/// [`apply_variant`] with the scenario file already read (`None` when the
/// spec names no scenario).
pub fn apply_variant_from(
    base: &Instance,
    spec: &VariantSpec,
    file: Option<&ScenarioFile>,
) -> Result<Instance, InputErrors> {
    let mut overrides = match file {
        Some(f) => f.compose(&spec.scenarios)?,
        None => Vec::new(),
    };
    let mut errors = Vec::new();
    for text in &spec.sets {
        match parse_set(text) {
            Ok(o) => overrides.push(o),
            Err(e) => errors.extend(e.0),
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    let mut inst = super::overrides::apply_all(base, &overrides)?;
    inst.variant
        .scenarios
        .extend(spec.scenarios.iter().cloned());
    if let Some(f) = file {
        inst.variant.scenario_file = Some((f.path.clone(), f.sha256.clone()));
    }
    Ok(inst)
}
