//! Scenario files (`scenarios.toml`, see `docs/scenarios.md`): named lists
//! of overrides a planner composes, like Calliope's overrides and scenarios.
//!
//! ```toml
//! [budget_cut]
//! title = "Central budget −20% from 2024"
//! rationale = "Fiscal consolidation: what if the central budget falls by a fifth?"
//! overrides = [
//!   { param = "central_budget", from = 2024, scale = 0.8 },
//! ]
//!
//! [cut_and_embargo]
//! extends = ["budget_cut", "embargo"]    # applied in order; later wins
//! ```
//!
//! Every error names the file, the line and the key.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use super::catalogue::Param;
use super::{Op, Origin, Override, Selector, Value};
use crate::instance::keys::{did_you_mean, Dictionary};
use crate::instance::toml_lines::{explain_in, line_at, lists_where_tables_belong};
use crate::instance::{InputError, InputErrors, Instance};
use crate::quote::{code, cut};

/// One named scenario, with its own overrides (not those it extends).
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub title: String,
    pub rationale: String,
    /// `title_zh`, `rationale_zh`: the same in Chinese ("" when not given).
    pub title_zh: String,
    pub rationale_zh: String,
    pub extends: Vec<String>,
    pub overrides: Vec<Override>,
    /// Line of its `[name]` header.
    pub line: Option<usize>,
}

/// A validated scenario file, scenarios in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioFile {
    pub path: PathBuf,
    pub scenarios: Vec<Scenario>,
    /// sha256 of the file's bytes (recorded with every result).
    pub sha256: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    #[serde(default)]
    title: String,
    #[serde(default)]
    rationale: String,
    #[serde(default)]
    title_zh: String,
    #[serde(default)]
    rationale_zh: String,
    #[serde(default)]
    extends: Vec<Spanned<String>>,
    #[serde(default)]
    overrides: Vec<Spanned<RawOverride>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    param: Spanned<String>,
    set: Option<Spanned<toml::Value>>,
    scale: Option<Spanned<toml::Value>>,
    add: Option<Spanned<toml::Value>>,
    item: Option<OneOrMany>,
    area: Option<OneOrMany>,
    tier: Option<OneOrMany>,
    province: Option<OneOrMany>,
    region: Option<OneOrMany>,
    mode: Option<OneOrMany>,
    target: Option<OneOrMany>,
    pool: Option<OneOrMany>,
    from: Option<i64>,
    to: Option<i64>,
    year: Option<i64>,
}

/// Reads and validates a scenario file (without an instance: parameter
/// names, operations, selector keys, `extends`).
pub fn load_scenarios(path: &Path) -> Result<ScenarioFile, InputErrors> {
    let label = path.display().to_string();
    let err = |line: Option<usize>, field: Option<&str>, rule: String| InputError {
        file: label.clone(),
        line,
        field: field.map(str::to_string),
        value: None,
        rule,
    };
    let bytes = std::fs::read(path).map_err(|e| {
        InputErrors(vec![err(
            None,
            None,
            format!("cannot read the scenario file: {e}"),
        )])
    })?;
    let text = crate::instance::text::decode_toml(&bytes)
        .map_err(|e| InputErrors(vec![err(e.line, None, e.rule)]))?
        .text;
    let mut file = parse_scenarios(&text, &label)?;
    file.path = path.to_path_buf();
    file.sha256 = crate::instance::sha256_hex(&bytes);
    Ok(file)
}

/// Parses scenario-file text; `label` names it in messages.
pub fn parse_scenarios(text: &str, label: &str) -> Result<ScenarioFile, InputErrors> {
    let err = |line: Option<usize>, field: Option<&str>, value: Option<String>, rule: String| {
        InputError {
            file: label.to_string(),
            line,
            field: field.map(str::to_string),
            value,
            rule,
        }
    };
    let misplaced = lists_where_tables_belong(text, None, Dictionary::Scenarios);
    if !misplaced.is_empty() {
        return Err(InputErrors(
            misplaced
                .into_iter()
                .map(|p| {
                    let rule = format!("invalid scenario file: {}", p.rule);
                    err(p.line, p.field.as_deref(), None, rule)
                })
                .collect(),
        ));
    }
    let raw: IndexMap<String, Spanned<RawScenario>> = toml::from_str(text).map_err(|e| {
        let p = explain_in(text, &e, Dictionary::Scenarios);
        InputErrors(vec![err(
            p.line,
            p.field.as_deref(),
            None,
            format!("invalid scenario file: {}", p.rule),
        )])
    })?;
    let mut errors = Vec::new();
    let mut scenarios = Vec::new();
    let mut extends_written: Vec<(String, Vec<Spanned<String>>)> = Vec::new();
    for (name, spanned) in raw {
        let header = line_at(text, spanned.span().start);
        let raw = spanned.into_inner();
        if !crate::instance::tables::is_valid_id(&name) {
            errors.push(err(Some(header), Some("name"), Some(name.clone()), "scenario names may contain only letters, digits, '_', '-' and '.' (they name output folders)".into()));
        }
        let mut overrides = Vec::new();
        for (n, o) in raw.overrides.into_iter().enumerate() {
            let line = line_at(text, o.span().start);
            let context = format!("scenario {}, override {}", code(&name), n + 1);
            match override_from_raw(o.into_inner(), text, label, &context) {
                Ok(ov) => overrides.push(ov),
                Err(e) => errors.push(InputError {
                    line: e.line.or(Some(line)),
                    ..e
                }),
            }
        }
        scenarios.push(Scenario {
            name: name.clone(),
            title: raw.title,
            rationale: raw.rationale,
            title_zh: raw.title_zh,
            rationale_zh: raw.rationale_zh,
            extends: raw.extends.iter().map(|e| e.get_ref().clone()).collect(),
            overrides,
            line: Some(header),
        });
        extends_written.push((name, raw.extends));
    }
    // Names in `extends` must exist, and extending must not loop.
    let known: Vec<&str> = scenarios.iter().map(|s| s.name.as_str()).collect();
    for (name, extends) in &extends_written {
        for e in extends {
            if !known.contains(&e.get_ref().as_str()) {
                let near = did_you_mean(e.get_ref(), known.iter().copied());
                errors.push(err(
                    Some(line_at(text, e.span().start)),
                    Some("extends"),
                    Some(e.get_ref().clone()),
                    format!("scenario {} extends an unknown scenario{near}", code(name)),
                ));
            }
        }
    }
    if errors.is_empty() {
        for s in &scenarios {
            if let Err(cycle) = composition_order(&scenarios, &s.name, &mut Vec::new()) {
                errors.push(err(
                    s.line,
                    Some("extends"),
                    None,
                    format!(
                        "scenarios extend each other in a loop: {}",
                        cycle.join(" → ")
                    ),
                ));
                break;
            }
        }
    }
    if errors.is_empty() {
        Ok(ScenarioFile {
            path: PathBuf::from(label),
            scenarios,
            sha256: String::new(),
        })
    } else {
        Err(InputErrors(errors))
    }
}

fn override_from_raw(
    raw: RawOverride,
    text: &str,
    label: &str,
    context: &str,
) -> Result<Override, InputError> {
    let param_line = line_at(text, raw.param.span().start);
    let base_err = |line: usize, field: &str, value: Option<String>, rule: String| InputError {
        file: label.to_string(),
        line: Some(line),
        field: Some(field.to_string()),
        value,
        rule: format!("{context}: {rule}"),
    };
    let name = raw.param.get_ref();
    let param = Param::parse(name).ok_or_else(|| {
        let rule = format!("unknown parameter; {}", Param::unknown_name_hint(name));
        base_err(param_line, "param", Some(name.clone()), rule)
    })?;
    let ops: Vec<(Op, Spanned<toml::Value>)> = [
        (Op::Set, raw.set),
        (Op::Scale, raw.scale),
        (Op::Add, raw.add),
    ]
    .into_iter()
    .filter_map(|(op, v)| v.map(|v| (op, v)))
    .collect();
    let (op, value) = match ops.len() {
        1 => ops.into_iter().next().expect("one"),
        0 => {
            return Err(base_err(
                param_line,
                "param",
                Some(name.clone()),
                "give one of `set`, `scale` or `add`".into(),
            ))
        }
        _ => {
            return Err(base_err(
                param_line,
                "param",
                Some(name.clone()),
                "give only one of `set`, `scale` or `add`".into(),
            ))
        }
    };
    let value_line = line_at(text, value.span().start);
    let value = to_value(param, value.into_inner())
        .map_err(|rule| base_err(value_line, op.id(), None, rule))?;
    let mut selector = Selector::default();
    for (key, list) in [
        ("item", raw.item),
        ("area", raw.area),
        ("tier", raw.tier),
        ("province", raw.province),
        ("region", raw.region),
        ("mode", raw.mode),
        ("target", raw.target),
        ("pool", raw.pool),
    ] {
        if let Some(list) = list {
            selector
                .set(key, list.into_vec())
                .map_err(|rule| base_err(param_line, key, None, rule))?;
        }
    }
    if let Some(y) = raw.year {
        if raw.from.is_some() || raw.to.is_some() {
            return Err(base_err(
                param_line,
                "year",
                None,
                "give `year` or `from`/`to`, not both".into(),
            ));
        }
        selector.from = Some(y);
        selector.to = Some(y);
    }
    selector.from = raw.from.or(selector.from);
    selector.to = raw.to.or(selector.to);
    if let Some((key, rule)) = param.foreign_selector_key(&selector) {
        return Err(base_err(param_line, key, None, rule));
    }
    Ok(Override::new(
        param,
        selector,
        op,
        value,
        Origin::file(label, param_line, context),
    ))
}

/// A TOML value as an override value of `param`.
fn to_value(param: Param, v: toml::Value) -> Result<Value, String> {
    let unit = param.spec().unit;
    if param.is_numeric() {
        return match v {
            toml::Value::Float(f) => Ok(Value::Number(f)),
            toml::Value::Integer(i) => Ok(Value::Number(i as f64)),
            other => Err(format!(
                "{param} takes a number ({unit}), got {}",
                cut(&other.to_string())
            )),
        };
    }
    match (param, v) {
        (Param::AllowedModes, toml::Value::Array(a)) => a
            .into_iter()
            .map(|x| match x {
                toml::Value::String(s) => Ok(s),
                other => Err(format!(
                    "allowed_modes lists instrument ids, got {}",
                    cut(&other.to_string())
                )),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::List),
        (Param::AllowedModes, toml::Value::String(s)) => Ok(Value::List(vec![s])),
        (Param::Objective, toml::Value::String(s)) => Ok(Value::Text(s)),
        (Param::Continuity, toml::Value::Table(t)) => t
            .into_iter()
            .map(|(k, v)| match v {
                toml::Value::Float(f) => Ok((k, f)),
                toml::Value::Integer(i) => Ok((k, i as f64)),
                other => Err(format!(
                    "continuity key {} must be a number, got {}",
                    code(&k),
                    cut(&other.to_string())
                )),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Table),
        (param, other) => Err(format!(
            "{param} does not take {} ({unit})",
            cut(&other.to_string())
        )),
    }
}

/// Names in the order their overrides apply for `name`: what it extends
/// (depth first, in order), then itself. A loop is returned as the error.
fn composition_order(
    scenarios: &[Scenario],
    name: &str,
    stack: &mut Vec<String>,
) -> Result<Vec<String>, Vec<String>> {
    if stack.iter().any(|s| s == name) {
        let mut cycle = stack.clone();
        cycle.push(name.to_string());
        return Err(cycle);
    }
    let Some(s) = scenarios.iter().find(|s| s.name == name) else {
        return Ok(Vec::new());
    };
    stack.push(name.to_string());
    let mut order = Vec::new();
    for parent in &s.extends {
        order.extend(composition_order(scenarios, parent, stack)?);
    }
    stack.pop();
    order.push(name.to_string());
    Ok(order)
}

impl ScenarioFile {
    pub fn get(&self, name: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.name == name)
    }

    /// Scenario names in file order.
    pub fn names(&self) -> Vec<&str> {
        self.scenarios.iter().map(|s| s.name.as_str()).collect()
    }

    /// The overrides of the named scenarios, composed in order: each
    /// scenario's parents first (once each), then the scenario; later wins.
    pub fn compose(&self, names: &[String]) -> Result<Vec<Override>, InputErrors> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for name in names {
            if self.get(name).is_none() {
                let known = self.names();
                let near = did_you_mean(name, known.iter().copied());
                return Err(InputErrors(vec![InputError {
                    file: self.path.display().to_string(),
                    line: None,
                    field: Some("--scenario".into()),
                    value: Some(name.clone()),
                    rule: format!(
                        "no such scenario{near} (the file defines: {})",
                        known.join(", ")
                    ),
                }]));
            }
            let order = composition_order(&self.scenarios, name, &mut Vec::new())
                .expect("loops are refused when the file is read");
            for n in order {
                if seen.insert(n.clone()) {
                    out.extend(self.get(&n).expect("known").overrides.iter().cloned());
                }
            }
        }
        Ok(out)
    }

    /// Applies every scenario to `base` to check selectors and values;
    /// returns every error of every scenario.
    pub fn validate_against(&self, base: &Instance) -> Result<(), InputErrors> {
        let mut errors = Vec::new();
        for s in &self.scenarios {
            let overrides = self.compose(std::slice::from_ref(&s.name))?;
            if let Err(e) = super::apply_all(base, &overrides) {
                errors.extend(e.0);
            }
        }
        errors.dedup();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(InputErrors(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_in_order_and_names_lines() {
        let text = r#"
[a]
overrides = [{ param = "central_budget", scale = 0.8 }]

[b]
rationale = "b"
overrides = [
  { param = "gain", tier = "general", scale = 2 },
]

[c]
extends = ["a", "b"]
overrides = [{ param = "central_budget", scale = 0.5 }]
"#;
        let f = parse_scenarios(text, "s.toml").unwrap();
        assert_eq!(f.names(), vec!["a", "b", "c"]);
        let composed = f.compose(&["c".into()]).unwrap();
        let params: Vec<Param> = composed.iter().map(|o| o.param).collect();
        assert_eq!(
            params,
            vec![Param::CentralBudget, Param::Gain, Param::CentralBudget]
        );
        assert_eq!(composed[1].origin.line, Some(8));
        // Composing a with c applies a once.
        assert_eq!(f.compose(&["a".into(), "c".into()]).unwrap().len(), 3);
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let msg = |text: &str| parse_scenarios(text, "s.toml").unwrap_err().to_string();
        let m = msg("[a]\noverrides = [\n  { param = \"centrl_budget\", scale = 0.8 },\n]\n");
        assert!(
            m.contains("s.toml line 3") && m.contains("did you mean `central_budget`"),
            "{m}"
        );
        let m =
            msg("[a]\noverrides = [{ param = \"gain\", area = \"x\", scale = 1, colour = 2 }]\n");
        assert!(m.contains("s.toml line 2") && m.contains("colour"), "{m}");
        let m = msg("[a]\nextends = [\"b\"]\n");
        assert!(
            m.contains("line 2") && m.contains("unknown scenario"),
            "{m}"
        );
        let m = msg("[a]\nextends = [\"b\"]\n[b]\nextends = [\"a\"]\n");
        assert!(m.contains("loop"), "{m}");
        let m = msg("[a]\noverrides = [{ param = \"gain\", province = \"x\", scale = 1 }]\n");
        assert!(m.contains("`province` does not apply to gain"), "{m}");
        let m = msg("[a]\noverrides = [{ param = \"gain\", scale = 1, set = 2 }]\n");
        assert!(m.contains("only one of"), "{m}");
    }
}
