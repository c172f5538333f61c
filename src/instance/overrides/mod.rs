//! Overrides: the one way anything changes an instance after it is loaded.
//! A scenario, a `--set` argument, a sweep point, a tornado bar and a Monte
//! Carlo draw are each a list of [`Override`]s — (parameter, selector,
//! operation, value) — applied in order to a validated instance, and the
//! result is validated again with the same rules as the files.
//!
//! ```
//! use qiangji::instance::{load, LoadOptions};
//! use qiangji::instance::overrides::{apply_all, parse_set};
//!
//! let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/demo");
//! let base = load(&dir, &LoadOptions::default()).unwrap();
//! let cut = parse_set("central_budget[from=2025]*=0.8").unwrap();
//! let inst = apply_all(&base, &[cut]).unwrap();
//! assert_eq!(inst.central_budget_yi[0], base.central_budget_yi[0]);
//! assert!((inst.central_budget_yi[1] - 0.8 * base.central_budget_yi[1]).abs() < 1e-12);
//! ```

mod apply;
pub mod catalogue;
mod cli_syntax;
pub mod scenarios;
pub mod selector;

use std::fmt;

pub use apply::{apply, apply_all, selected_values};
pub use catalogue::{Param, Touch};
pub use cli_syntax::parse_set;
pub use scenarios::{load_scenarios, parse_scenarios, Scenario, ScenarioFile};
pub use selector::Selector;

/// How an override changes the selected values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Replace the value.
    Set,
    /// Multiply the value.
    Scale,
    /// Add to the value (in the parameter's unit).
    Add,
}

impl Op {
    pub fn id(self) -> &'static str {
        match self {
            Op::Set => "set",
            Op::Scale => "scale",
            Op::Add => "add",
        }
    }
}

/// The value of an override.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
    List(Vec<String>),
    /// A table of numbers, e.g. `continuity = { max_growth = 0.3, … }`.
    Table(Vec<(String, f64)>),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(v) => write!(f, "{v}"),
            Value::Text(s) => write!(f, "{s}"),
            Value::List(l) => write!(f, "[{}]", l.join(", ")),
            Value::Table(t) => {
                let parts: Vec<String> = t.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                write!(f, "{{ {} }}", parts.join(", "))
            }
        }
    }
}

/// Where an override was written, for error messages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Origin {
    /// The scenario file, or `--set` for the command line.
    pub file: String,
    pub line: Option<usize>,
    /// What to name in a message, e.g. "scenario `budget_cut`, override 2".
    pub context: String,
}

impl Origin {
    /// A `--set` argument on the command line.
    pub fn command_line() -> Origin {
        Origin {
            file: "--set".into(),
            line: None,
            context: String::new(),
        }
    }

    /// An override built in code (sweeps, tornado, Monte Carlo): no file.
    pub fn code(context: &str) -> Origin {
        Origin {
            file: String::new(),
            line: None,
            context: context.to_string(),
        }
    }

    /// An override at `line` of the file `file`.
    pub fn file(file: &str, line: usize, context: &str) -> Origin {
        Origin {
            file: file.to_string(),
            line: Some(line),
            context: context.to_string(),
        }
    }
}

/// One change of one parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub param: Param,
    pub selector: Selector,
    pub op: Op,
    pub value: Value,
    pub origin: Origin,
}

impl Override {
    /// An override of `param` on the elements `selector` picks, written at `origin`.
    pub fn new(param: Param, selector: Selector, op: Op, value: Value, origin: Origin) -> Override {
        Override {
            param,
            selector,
            op,
            value,
            origin,
        }
    }

    /// A numeric override built in code (sweeps, tornado, Monte Carlo).
    pub fn numeric(
        param: Param,
        selector: Selector,
        op: Op,
        value: f64,
        context: &str,
    ) -> Override {
        Override::new(
            param,
            selector,
            op,
            Value::Number(value),
            Origin::code(context),
        )
    }

    /// The parameter with its selectors, e.g. `gain[area=software]`.
    pub fn target(&self) -> String {
        let mut parts = Vec::new();
        let sel = &self.selector;
        for (key, list) in [
            ("item", &sel.item),
            ("area", &sel.area),
            ("tier", &sel.tier),
            ("province", &sel.province),
            ("region", &sel.region),
            ("mode", &sel.mode),
            ("target", &sel.target),
        ] {
            if let Some(list) = list {
                parts.push(format!("{key}={}", list.join("|")));
            }
        }
        match (sel.from, sel.to) {
            (Some(a), Some(b)) if a == b => parts.push(format!("year={a}")),
            (from, to) => {
                if let Some(a) = from {
                    parts.push(format!("from={a}"));
                }
                if let Some(b) = to {
                    parts.push(format!("to={b}"));
                }
            }
        }
        if parts.is_empty() {
            self.param.to_string()
        } else {
            format!("{}[{}]", self.param, parts.join(","))
        }
    }

    /// The override as one `--set` argument would write it.
    pub fn describe(&self) -> String {
        let op = match self.op {
            Op::Set => "=",
            Op::Scale => "*=",
            Op::Add => "+=",
        };
        let value = match &self.value {
            Value::List(l) => l.join("|"),
            other => other.to_string(),
        };
        format!("{}{op}{value}", self.target())
    }

    /// The input error for a broken rule of this override.
    pub fn error(&self, field: &str, rule: impl Into<String>) -> crate::instance::InputError {
        let rule = rule.into();
        crate::instance::InputError {
            file: if self.origin.file.is_empty() {
                "override".into()
            } else {
                self.origin.file.clone()
            },
            line: self.origin.line,
            field: Some(field.to_string()),
            value: Some(self.describe()),
            rule: if self.origin.context.is_empty() {
                rule
            } else {
                format!("{}: {rule}", self.origin.context)
            },
        }
    }
}
