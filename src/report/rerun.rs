//! The command lines a report suggests, written so that following one
//! literally reproduces the run it comes from: the same instance folder,
//! model file, scenario file, scenarios, `--set` overrides and model options,
//! every word shell-quoted. A suggestion without them would solve another
//! instance (a `relax` of the base instance reports "feasible as it is").

use std::path::Path;

use crate::instance::Instance;
use crate::model::{BuildOptions, ResponseForm};

/// What a suggested command repeats of the run.
#[derive(Debug, Clone, Copy)]
pub struct Rerun<'a> {
    pub inst: &'a Instance,
    pub build: &'a BuildOptions,
    /// The objective preset the run used (`--objective`, or the instance's).
    pub preset: &'a str,
    /// The run's output folder: a suggested command writes beside it.
    pub out: &'a Path,
}

impl<'a> Rerun<'a> {
    /// `qiangji sensitivity` of the same instance and model, writing to the
    /// run's folder name with `-sensitivity` added.
    pub fn sensitivity(&self) -> String {
        let out = self.out.display().to_string();
        let folder = format!("{}-sensitivity", out.trim_end_matches('/'));
        self.command("sensitivity", &["--out", &folder])
    }

    /// `qiangji SUBCOMMAND INSTANCE [options of the run] EXTRA…`, shell-quoted,
    /// with the options `subcommand` takes: `check` the instance's and
    /// `--hard-targets`; `relax` the formulation's (it always solves with hard
    /// targets); any other every model option.
    pub fn command(&self, subcommand: &str, extra: &[&str]) -> String {
        let mut words = vec![
            "qiangji".to_string(),
            subcommand.to_string(),
            self.inst.root.display().to_string(),
        ];
        words.extend(self.instance_words());
        match subcommand {
            // check reads the instance only; its one model option is the targets'.
            "check" => {
                if self.build.hard_targets {
                    words.push("--hard-targets".into());
                }
            }
            "relax" => words.extend(self.model_words(false)),
            _ => words.extend(self.model_words(true)),
        }
        words.extend(extra.iter().map(|w| w.to_string()));
        words
            .iter()
            .map(|w| shell_word(w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The options that turn the instance folder into the instance solved:
    /// `--model`, `--scenarios`, each `--scenario` and each `--set`, in the
    /// order the run applied them.
    fn instance_words(&self) -> Vec<String> {
        let variant = &self.inst.variant;
        let mut words = Vec::new();
        if let Some(model) = &variant.model_file {
            words.push("--model".into());
            words.push(model.display().to_string());
        }
        if let Some((file, _)) = &variant.scenario_file {
            let default = self
                .inst
                .root
                .join(crate::instance::variant::DEFAULT_SCENARIO_FILE);
            if *file != default {
                words.push("--scenarios".into());
                words.push(file.display().to_string());
            }
        }
        for name in &variant.scenarios {
            words.push("--scenario".into());
            words.push(name.clone());
        }
        for o in variant
            .overrides
            .iter()
            .filter(|o| o.origin.file == "--set")
        {
            words.push("--set".into());
            words.push(o.describe());
        }
        words
    }

    /// The options that change the model built from the instance.
    fn model_words(&self, hard_targets: bool) -> Vec<String> {
        let mut words = Vec::new();
        if self.build.relax {
            words.push("--relax".into());
        }
        if self.preset != self.inst.objective_preset {
            words.push("--objective".into());
            words.push(self.preset.to_string());
        }
        if self.build.response_form == ResponseForm::Direct {
            words.push("--dense-response".into());
        }
        if hard_targets && self.build.hard_targets {
            words.push("--hard-targets".into());
        }
        words
    }
}

/// One word as a POSIX shell reads it back unchanged: as it is when it holds
/// only characters no shell treats specially, else in single quotes (a
/// single quote inside written `'\''`).
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '-' | '_' | '.' | '/' | ',' | ':' | '@' | '%' | '+' | '=')
        });
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::overrides::{parse_set, Origin};
    use crate::instance::{load, LoadOptions};
    use std::path::PathBuf;

    /// The demo read with another model file, two scenarios of another file,
    /// one scenario override and one `--set`, solved as an LP with hard
    /// targets under another preset.
    #[test]
    fn every_command_repeats_what_the_run_was_given_and_only_what_it_takes() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("instances/demo");
        let mut inst = load(&root, &LoadOptions::default()).unwrap();
        inst.variant.model_file = Some("my model.toml".into());
        inst.variant.scenario_file = Some(("other.toml".into(), String::new()));
        inst.variant.scenarios = vec!["cut".into(), "west".into()];
        let mut from_scenario = parse_set("gain*=2").unwrap();
        from_scenario.origin = Origin {
            file: "other.toml".into(),
            line: Some(3),
            context: "scenario `cut`".into(),
        };
        let from_set = parse_set("central_budget[from=2025]*=0.5").unwrap();
        assert_eq!(from_set.origin, Origin::command_line());
        inst.variant.overrides = vec![from_scenario, from_set];
        let build = BuildOptions {
            relax: true,
            hard_targets: true,
            ..BuildOptions::for_instance(&inst)
        };
        let rerun = Rerun {
            inst: &inst,
            build: &build,
            preset: "max-sufficiency",
            out: Path::new("out/run/"),
        };
        let variant = format!(
            "{} --model 'my model.toml' --scenarios other.toml --scenario cut --scenario west --set 'central_budget[from=2025]*=0.5'",
            root.display()
        );
        assert_eq!(
            rerun.command("relax", &["--by", "budget"]),
            format!("qiangji relax {variant} --relax --objective max-sufficiency --by budget")
        );
        assert_eq!(
            rerun.command("check", &[]),
            format!("qiangji check {variant} --hard-targets")
        );
        assert_eq!(
            rerun.sensitivity(),
            format!("qiangji sensitivity {variant} --relax --objective max-sufficiency --hard-targets --out out/run-sensitivity")
        );
    }

    #[test]
    fn words_with_shell_characters_are_quoted() {
        assert_eq!(shell_word("instances/demo"), "instances/demo");
        assert_eq!(shell_word("--set"), "--set");
        assert_eq!(
            shell_word("central_budget[from=2024]*=0.8"),
            "'central_budget[from=2024]*=0.8'"
        );
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word("my folder"), "'my folder'");
        assert_eq!(shell_word(""), "''");
    }
}
