//! Parsers of the numbers (and Slurm values) given on the command line.
//! Each states its rule in the error, which clap prints after the flag and
//! the value (`invalid value '-1' for '--time-limit <SECONDS>': must be …`),
//! so a bad value is an input error (exit status 2) before anything is read.
//! Flags that take numbers also set `allow_negative_numbers`, so that `-1`
//! reaches these rules instead of being taken for an unknown option.

use std::fmt::Display;
use std::ops::Bound;
use std::str::FromStr;

/// Most workers, jobs or solver threads a command starts: more than any
/// machine here has cores, and far below what would exhaust it.
pub const MAX_PARALLEL: u32 = 1024;

/// A whole number in [`min`, `max`] (`max` `None`: as large as the type
/// holds). The message states the range.
pub fn whole<T>(
    min: T,
    max: Option<T>,
) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static
where
    T: FromStr + PartialOrd + Display + Copy + Send + Sync + 'static,
{
    move |text: &str| {
        let rule = match max {
            Some(max) => format!("must be a whole number from {min} to {max}"),
            None => format!("must be a whole number ≥ {min}"),
        };
        match text.trim().parse::<T>() {
            Ok(v) if v >= min && max.is_none_or(|max| v <= max) => Ok(v),
            _ => Err(rule),
        }
    }
}

/// Workers, jobs or threads: a whole number from 1 to [`MAX_PARALLEL`].
pub fn parallel<T>() -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static
where
    T: FromStr + PartialOrd + Display + Copy + Send + Sync + From<u8> + TryFrom<u32> + 'static,
{
    let max = T::try_from(MAX_PARALLEL).ok();
    whole(T::from(1), max)
}

/// A finite number between `low` and `high`; `example` is a valid value
/// for the message, e.g. `600`.
pub fn number(
    low: Bound<f64>,
    high: Bound<f64>,
    example: &'static str,
) -> impl Fn(&str) -> Result<f64, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        let inside = |v: f64| {
            let above = match low {
                Bound::Included(a) => v >= a,
                Bound::Excluded(a) => v > a,
                Bound::Unbounded => true,
            };
            let below = match high {
                Bound::Included(b) => v <= b,
                Bound::Excluded(b) => v < b,
                Bound::Unbounded => true,
            };
            above && below
        };
        match text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() && inside(v) => Ok(v),
            _ => Err(format!(
                "must be a finite number{}, e.g. {example}",
                interval(low, high)
            )),
        }
    }
}

/// ` > 0`, ` in [0, 1)`, or nothing for the whole line.
fn interval(low: Bound<f64>, high: Bound<f64>) -> String {
    match (low, high) {
        (Bound::Unbounded, Bound::Unbounded) => String::new(),
        (Bound::Included(a), Bound::Unbounded) => format!(" ≥ {a}"),
        (Bound::Excluded(a), Bound::Unbounded) => format!(" > {a}"),
        (Bound::Unbounded, Bound::Included(b)) => format!(" ≤ {b}"),
        (Bound::Unbounded, Bound::Excluded(b)) => format!(" < {b}"),
        (low, high) => {
            let (open, a) = match low {
                Bound::Included(a) => ('[', a),
                Bound::Excluded(a) => ('(', a),
                Bound::Unbounded => unreachable!("handled above"),
            };
            let (close, b) = match high {
                Bound::Included(b) => (']', b),
                Bound::Excluded(b) => (')', b),
                Bound::Unbounded => unreachable!("handled above"),
            };
            format!(" in {open}{a}, {b}{close}")
        }
    }
}

/// A Slurm time limit as `sbatch --time` reads it: MINUTES, MM:SS,
/// HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS. Anything else would reach the job
/// script as written.
pub fn slurm_time(text: &str) -> Result<String, String> {
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    let (days, clock) = match text.split_once('-') {
        Some((d, rest)) => (Some(d), rest),
        None => (None, text),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let fits = days.is_none_or(digits)
        && parts.iter().all(|p| digits(p))
        && parts.len() <= 3
        && !parts.is_empty();
    if fits {
        Ok(text.to_string())
    } else {
        Err(
            "must be a Slurm time limit: MINUTES, MM:SS, HH:MM:SS or D-HH[:MM[:SS]], e.g. 01:00:00"
                .into(),
        )
    }
}

/// Memory as `sbatch --mem` reads it: a whole number with an optional unit
/// K, M, G or T (megabytes without one).
pub fn slurm_memory(text: &str) -> Result<String, String> {
    let number = text.trim_end_matches(['K', 'M', 'G', 'T', 'k', 'm', 'g', 't']);
    let unit_len = text.len() - number.len();
    if !number.is_empty() && unit_len <= 1 && number.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_string())
    } else {
        Err("must be a whole amount with an optional unit K, M, G or T, e.g. 4G".into())
    }
}

/// A Slurm partition (or a comma-separated list of them): letters, digits,
/// `_`, `-` and `.`.
pub fn slurm_partition(text: &str) -> Result<String, String> {
    let name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    if !text.is_empty()
        && text
            .split(',')
            .all(|p| !p.is_empty() && p.chars().all(name_char))
    {
        Ok(text.to_string())
    } else {
        Err("must be a partition name of letters, digits, '_', '-' and '.' (several separated by commas), e.g. debug".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Bound::{Excluded, Included, Unbounded};

    #[test]
    fn whole_numbers_state_their_range() {
        let jobs = parallel::<usize>();
        assert_eq!(jobs("3"), Ok(3));
        assert_eq!(
            jobs("0").unwrap_err(),
            "must be a whole number from 1 to 1024"
        );
        assert!(jobs("-2").is_err() && jobs("1.5").is_err() && jobs("5000").is_err());
        let seed = whole(0u64, None);
        assert_eq!(seed("-1").unwrap_err(), "must be a whole number ≥ 0");
        assert_eq!(seed("18446744073709551615"), Ok(u64::MAX));
        let highs_seed = whole(0i32, Some(i32::MAX));
        assert!(highs_seed("-1")
            .unwrap_err()
            .contains("from 0 to 2147483647"));
    }

    #[test]
    fn real_numbers_are_finite_and_inside_their_interval() {
        let seconds = number(Excluded(0.0), Unbounded, "600");
        assert_eq!(seconds("0.5"), Ok(0.5));
        for bad in ["0", "-1", "inf", "NaN", "lots"] {
            assert_eq!(
                seconds(bad).unwrap_err(),
                "must be a finite number > 0, e.g. 600",
                "{bad}"
            );
        }
        let gap = number(Included(0.0), Excluded(1.0), "0.001");
        assert_eq!(gap("0"), Ok(0.0));
        assert!(gap("1").unwrap_err().contains("in [0, 1)"));
        let any = number(Unbounded, Unbounded, "-5");
        assert_eq!(any("-5"), Ok(-5.0));
        assert_eq!(any("-inf").unwrap_err(), "must be a finite number, e.g. -5");
    }

    #[test]
    fn slurm_values_cannot_carry_anything_into_the_script() {
        for ok in ["30", "10:00", "01:00:00", "2-00", "2-12:30:00"] {
            assert!(slurm_time(ok).is_ok(), "{ok}");
        }
        for bad in ["", "1:00:00\nrm -rf ~", "1h", "1:2:3:4", "-1", "2-"] {
            assert!(slurm_time(bad).is_err(), "{bad:?}");
        }
        assert!(slurm_memory("4G").is_ok() && slurm_memory("4096").is_ok());
        assert!(slurm_memory("-4G").is_err() && slurm_memory("4GB").is_err());
        assert!(slurm_partition("debug,long").is_ok());
        assert!(slurm_partition("debug; rm").is_err() && slurm_partition("a,").is_err());
    }
}
