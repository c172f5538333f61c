//! Input errors: every broken rule is reported with the file, line, field,
//! offending value and the rule itself, so a planner can fix the data without
//! reading code.

use std::fmt;

use crate::quote::{code, quote};

/// One broken input rule.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// File name relative to the instance folder (or the model file path).
    pub file: String,
    /// 1-based line in the file, where one can be named.
    pub line: Option<usize>,
    /// Column or key that holds the bad value.
    pub field: Option<String>,
    /// The value as written, where there is one.
    pub value: Option<String>,
    /// The rule that was broken, phrased as what is required.
    pub rule: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, " line {line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field {}", code(field))?;
        }
        write!(f, ": {}", self.rule)?;
        if let Some(value) = &self.value {
            write!(f, ", got {}", quote(value))?;
        }
        Ok(())
    }
}

/// Every input error found while loading an instance, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InputErrors(pub Vec<InputError>);

impl InputErrors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &InputError> {
        self.0.iter()
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}

impl crate::exit::HasExitStatus for InputErrors {
    fn exit_status(&self) -> crate::exit::ExitStatus {
        crate::exit::ExitStatus::Input
    }
}

/// Collects errors for one file so that loading continues past the first one.
#[derive(Debug)]
pub struct Collector<'a> {
    pub file: String,
    sink: &'a mut Vec<InputError>,
}

impl<'a> Collector<'a> {
    pub fn new(file: impl Into<String>, sink: &'a mut Vec<InputError>) -> Self {
        Collector {
            file: file.into(),
            sink,
        }
    }

    /// Records a broken rule at a line and field.
    pub fn at(&mut self, line: Option<usize>, field: &str, value: impl fmt::Display, rule: &str) {
        self.sink.push(InputError {
            file: self.file.clone(),
            line,
            field: Some(field.to_string()),
            value: Some(value.to_string()),
            rule: rule.to_string(),
        });
    }

    /// Records a broken rule that concerns a field but has no single value.
    pub fn field(&mut self, line: Option<usize>, field: &str, rule: &str) {
        self.sink.push(InputError {
            file: self.file.clone(),
            line,
            field: Some(field.to_string()),
            value: None,
            rule: rule.to_string(),
        });
    }

    /// Records a broken rule about the file as a whole.
    pub fn file(&mut self, line: Option<usize>, rule: &str) {
        self.sink.push(InputError {
            file: self.file.clone(),
            line,
            field: None,
            value: None,
            rule: rule.to_string(),
        });
    }

    pub fn count(&self) -> usize {
        self.sink.len()
    }
}
