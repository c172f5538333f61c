//! Which scenarios a batch (or one shard of it) runs: the base case, then
//! the scenario file's scenarios in file order, narrowed by `--only`, and
//! dealt round-robin to shards so every shard gets a fair share.

use crate::instance::overrides::ScenarioFile;
use crate::instance::{InputError, InputErrors};
use crate::quote::quote;

use super::BASE;

/// Shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// Parses `K/N` with 1 ≤ K ≤ N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("--shard takes K/N (e.g. 2/4), got {}", quote(text)))?;
        let (index, count) = (
            k.trim()
                .parse::<usize>()
                .map_err(|_| format!("--shard: {} is not a whole number", quote(k)))?,
            n.trim()
                .parse::<usize>()
                .map_err(|_| format!("--shard: {} is not a whole number", quote(n)))?,
        );
        if count == 0 || index == 0 || index > count {
            return Err(format!("--shard K/N needs 1 ≤ K ≤ N, got {index}/{count}"));
        }
        Ok(Shard { index, count })
    }
}

/// The cases to run: `base` first, then the scenarios in file order (only
/// those named in `only`, when given), then the shard's slice. Every shard
/// runs the base case too: it is the start of every scenario and the row
/// every comparison is read against.
pub fn select(
    file: &ScenarioFile,
    only: Option<&[String]>,
    shard: Option<Shard>,
) -> Result<(Vec<String>, Vec<String>), InputErrors> {
    if file.get(BASE).is_some() {
        return Err(InputErrors(vec![InputError {
            file: file.path.display().to_string(),
            line: file.get(BASE).and_then(|s| s.line),
            field: Some("name".into()),
            value: Some(BASE.into()),
            rule: "`base` names the base instance in every batch; rename this scenario".into(),
        }]));
    }
    let mut all: Vec<String> = Vec::new();
    if let Some(only) = only {
        let mut errors = Vec::new();
        for name in only {
            if name != BASE && file.get(name).is_none() {
                let known = file.names();
                let near = crate::instance::keys::did_you_mean(name, known.iter().copied());
                errors.push(InputError {
                    file: file.path.display().to_string(),
                    line: None,
                    field: Some("--only".into()),
                    value: Some(name.clone()),
                    rule: format!("no such scenario{near}"),
                });
            }
        }
        if !errors.is_empty() {
            return Err(InputErrors(errors));
        }
    }
    for s in &file.scenarios {
        if only.is_none_or(|o| o.iter().any(|n| n == &s.name)) {
            all.push(s.name.clone());
        }
    }
    let mine: Vec<String> = match shard {
        None => all.clone(),
        Some(sh) => all
            .iter()
            .enumerate()
            .filter(|(i, _)| i % sh.count == sh.index - 1)
            .map(|(_, n)| n.clone())
            .collect(),
    };
    let mut run = vec![BASE.to_string()];
    run.extend(mine);
    let mut order = vec![BASE.to_string()];
    order.extend(all);
    Ok((run, order))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::overrides::scenarios::parse_scenarios;

    #[test]
    fn shards_deal_the_scenarios_round_robin_and_all_run_the_base() {
        let f = parse_scenarios("[a]\n[b]\n[c]\n[d]\n[e]\n", "s.toml").unwrap();
        let (run, order) = select(&f, None, Some(Shard::parse("2/2").unwrap())).unwrap();
        assert_eq!(run, vec!["base", "b", "d"]);
        assert_eq!(order, vec!["base", "a", "b", "c", "d", "e"]);
        let (run, _) = select(&f, Some(&["e".into(), "a".into()]), None).unwrap();
        assert_eq!(run, vec!["base", "a", "e"], "file order, not --only order");
        assert!(select(&f, Some(&["x".into()]), None).is_err());
        assert!(Shard::parse("3/2").is_err() && Shard::parse("0/2").is_err());
        assert!(select(&parse_scenarios("[base]\n", "s.toml").unwrap(), None, None).is_err());
    }
}
