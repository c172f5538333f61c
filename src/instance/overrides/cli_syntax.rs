//! One override on the command line: `PARAM[SELECTORS]=VALUE` (set),
//! `PARAM[SELECTORS]*=FACTOR` (scale) or `PARAM[SELECTORS]+=AMOUNT` (add).
//! Selectors are `key=value` pairs separated by commas; `|` separates several
//! values of one key. Examples:
//!
//! ```text
//! central_budget[from=2024]*=0.8
//! provincial_budget[province=sichuan|chongqing]+=5
//! gain[tier=stranglehold]*=0.7
//! target_level[target=core_2025]=0.75
//! allowed_modes[tier=stranglehold]=chain
//! objective=max-sufficiency
//! continuity={max_growth=0.3,max_decline=0.2,ramp_yi=20}
//! ```

use super::catalogue::Param;
use super::{Op, Origin, Override, Selector, Value};
use crate::instance::{InputError, InputErrors};
use crate::quote::{code, quote};

/// Parses one `--set` argument.
pub fn parse_set(text: &str) -> Result<Override, InputErrors> {
    let fail = |rule: String| {
        InputErrors(vec![InputError {
            file: "--set".into(),
            line: None,
            field: None,
            value: Some(text.to_string()),
            rule,
        }])
    };
    let (lhs, op, value) = split_op(text).ok_or_else(|| {
        fail("expected PARAM[SELECTORS]=VALUE, PARAM[SELECTORS]*=FACTOR or PARAM[SELECTORS]+=AMOUNT, e.g. central_budget[from=2024]*=0.8".into())
    })?;
    let (name, selectors) = match lhs.find('[') {
        Some(i) if lhs.ends_with(']') => (&lhs[..i], Some(&lhs[i + 1..lhs.len() - 1])),
        Some(_) => {
            return Err(fail(
                "a selector list opened with `[` must end with `]`".into(),
            ))
        }
        None => (lhs, None),
    };
    let name = name.trim();
    let param = Param::parse(name).ok_or_else(|| {
        fail(format!(
            "unknown parameter {}; {}",
            code(name),
            Param::unknown_name_hint(name)
        ))
    })?;
    let mut selector = Selector::default();
    if let Some(list) = selectors {
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, values) = part
                .split_once('=')
                .ok_or_else(|| fail(format!("selector {} must be key=value", code(part))))?;
            let values: Vec<String> = values.split('|').map(|v| v.trim().to_string()).collect();
            selector.set(key.trim(), values).map_err(fail)?;
        }
    }
    let value = parse_value(param, value.trim()).map_err(fail)?;
    Ok(Override::new(
        param,
        selector,
        op,
        value,
        Origin::command_line(),
    ))
}

/// Splits at the operator outside the selector brackets.
fn split_op(text: &str) -> Option<(&str, Op, &str)> {
    let close = text.find(']').map_or(0, |i| i + 1);
    let rest = &text[close..];
    let eq = rest.find('=')? + close;
    let (op, lhs_end) = match text[..eq].chars().last() {
        Some('*') => (Op::Scale, eq - 1),
        Some('+') => (Op::Add, eq - 1),
        _ => (Op::Set, eq),
    };
    Some((&text[..lhs_end], op, &text[eq + 1..]))
}

fn parse_value(param: Param, text: &str) -> Result<Value, String> {
    if param.is_numeric() {
        return text.parse::<f64>().map(Value::Number).map_err(|_| {
            format!(
                "{param} takes a number ({}), got {}",
                param.spec().unit,
                quote(text)
            )
        });
    }
    match param {
        Param::AllowedModes => Ok(Value::List(
            text.trim_matches(|c| c == '[' || c == ']')
                .split(['|', ','])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        )),
        Param::Continuity => {
            let inner = text
                .strip_prefix('{')
                .and_then(|t| t.strip_suffix('}'))
                .ok_or("continuity takes {max_growth=…,max_decline=…,ramp_yi=…}")?;
            inner
                .split(',')
                .map(|pair| {
                    let (k, v) = pair
                        .split_once('=')
                        .ok_or_else(|| format!("{} must be key=value", code(pair)))?;
                    let v: f64 = v
                        .trim()
                        .parse()
                        .map_err(|_| format!("{} must be a number", code(k.trim())))?;
                    Ok((k.trim().to_string(), v))
                })
                .collect::<Result<Vec<_>, String>>()
                .map(Value::Table)
        }
        _ => Ok(Value::Text(text.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_operations_and_selectors() {
        let o = parse_set("central_budget[from=2024]*=0.8").unwrap();
        assert_eq!(
            (o.param, o.op, o.selector.from),
            (Param::CentralBudget, Op::Scale, Some(2024))
        );
        assert_eq!(o.value, Value::Number(0.8));
        let o = parse_set("provincial_budget[province=a|b,year=2025]+=-5").unwrap();
        assert_eq!(o.op, Op::Add);
        assert_eq!(o.selector.province, Some(vec!["a".into(), "b".into()]));
        assert_eq!((o.selector.from, o.selector.to), (Some(2025), Some(2025)));
        assert_eq!(o.value, Value::Number(-5.0));
        let o = parse_set("allowed_modes[tier=stranglehold]=chain|national").unwrap();
        assert_eq!(
            o.value,
            Value::List(vec!["chain".into(), "national".into()])
        );
        let o = parse_set("continuity={max_growth=0.3,max_decline=0.2,ramp_yi=20}").unwrap();
        assert!(matches!(o.value, Value::Table(ref t) if t.len() == 3));
        assert_eq!(
            o.describe(),
            "continuity={ max_growth = 0.3, max_decline = 0.2, ramp_yi = 20 }"
        );
        assert_eq!(
            parse_set("gain[tier=general]*=2").unwrap().describe(),
            "gain[tier=general]*=2"
        );
    }

    #[test]
    fn bad_arguments_say_what_is_expected() {
        let msg = |t: &str| parse_set(t).unwrap_err().to_string();
        assert!(msg("centrl_budget*=0.8").contains("did you mean `central_budget`"));
        assert!(msg("central_budget*=lots").contains("takes a number (亿元/yr)"));
        assert!(msg("central_budget[from=2024*=0.8").contains("must end with `]`"));
        assert!(msg("central_budget[colour=red]*=0.8").contains("unknown selector `colour`"));
        assert!(msg("central_budget").contains("expected PARAM[SELECTORS]=VALUE"));
    }
}
