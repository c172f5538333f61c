//! The documented range of every number an instance or model file gives
//! (docs/instance-format.md, "Ranges"). A value outside its range is a unit
//! mistake or a typo far more often than a real figure, and left in it would
//! reach the solver as a badly scaled model; so it is an input error, named
//! with its unit, before anything is solved.

/// The accepted values of one field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// Smallest value accepted.
    pub min: f64,
    /// Largest value accepted.
    pub max: f64,
    /// Whether `min` itself is accepted (false: values must exceed it).
    pub min_inclusive: bool,
    /// Unit and meaning, as written after the number in messages.
    pub unit: &'static str,
}

/// Nonzero values smaller than this in magnitude are refused everywhere:
/// they are rounding noise or a unit slip, never data (write 0 for none).
pub const SMALLEST_NONZERO: f64 = 1e-9;

const fn closed(min: f64, max: f64, unit: &'static str) -> Range {
    Range {
        min,
        max,
        min_inclusive: true,
        unit,
    }
}

const fn above(min: f64, max: f64, unit: &'static str) -> Range {
    Range {
        min,
        max,
        min_inclusive: false,
        unit,
    }
}

/// "; did you mean 0.5 (50% written as a number)?" for a share written in
/// percent, else nothing.
pub fn percent_hint(value: f64) -> String {
    if value > 1.0 && value <= 100.0 {
        format!(
            "; did you mean {} ({value}% written as a number)?",
            value / 100.0
        )
    } else {
        String::new()
    }
}

/// A share in [0, 1].
pub const SHARE: Range = closed(0.0, 1.0, "(share)");
/// smax: a ceiling share in (0, 1].
pub const CEILING_SHARE: Range = above(0.0, 1.0, "(share)");
/// gain_k: share per effort unit.
pub const GAIN: Range = closed(1e-6, 1.0, "share per effort unit");
/// w_k: domestic demand value.
pub const WEIGHT_YI: Range = closed(1e-3, 1e7, "亿元");
/// Budgets per year, central or provincial: at most about China's GDP.
pub const BUDGET_YI: Range = closed(0.0, 1e6, "亿元 per year");
/// H0_p: talent.
pub const TALENT_KFTE: Range = closed(0.0, 1e5, "k FTE");
/// g_p: talent growth per year.
pub const TALENT_GROWTH: Range = closed(-0.5, 1.0, "per year");
/// C0_ap and κ: platform capacity.
pub const CAPACITY_CU: Range = closed(0.0, 1e7, "cu");
/// adv: advantage index (1 = national average).
pub const ADVANTAGE: Range = closed(0.0, 100.0, "(index, 1 = national average)");
/// Emin_k: minimum site effort over the horizon.
pub const SITE_EFFORT: Range = closed(0.0, 1e6, "effort units");
/// Whole numbers of sites, platforms per year.
pub const SITES: Range = closed(1.0, 1000.0, "sites");
pub const PLATFORMS_PER_YEAR: Range = closed(0.0, 1000.0, "platforms per year");
/// Lags in whole years.
pub const LAG_YEARS: Range = closed(0.0, 50.0, "years");
/// λ_g: penalty per point of shortfall.
pub const PENALTY_YI_PER_POINT: Range = closed(0.0, 1e7, "亿元 per point");
/// (CONT) growth share per year.
pub const GROWTH_SHARE: Range = closed(0.0, 10.0, "(share per year)");
/// (CONT) ramp per area.
pub const RAMP_YI: Range = closed(0.0, 1e6, "亿元 per year");
/// Model file: f_m funding per effort unit.
pub const FUNDING_PER_EFFORT_YI: Range = closed(0.0, 1e4, "亿元 per effort unit");
/// Model file: h_m talent per effort unit.
pub const TALENT_PER_EFFORT_KFTE: Range = closed(0.0, 1e3, "k FTE per effort unit");
/// Model file: c_m capacity per effort unit.
pub const CAPACITY_PER_EFFORT_CU: Range = closed(0.0, 1e4, "cu per effort unit");
/// Model file: η_m productivity.
pub const PRODUCTIVITY: Range = closed(1e-3, 100.0, "(multiplier)");
/// Model file: ψ k FTE per 亿元 of training.
pub const TRAINING_KFTE_PER_YI: Range = closed(0.0, 1e3, "k FTE per 亿元");
/// Model file: φ cost of one platform.
pub const PLATFORM_COST_YI: Range = closed(0.0, 1e4, "亿元");
/// Model file: θnat eligibility threshold on the advantage index.
pub const ELIGIBILITY: Range = closed(0.0, 100.0, "(advantage index)");
/// Objective weights (ω_cost dimensionless, ω_suff 亿元 per point).
pub const OBJECTIVE_WEIGHT: Range = closed(0.0, 1e8, "");
/// r: discount rate per year.
pub const DISCOUNT_RATE: Range = Range {
    min: 0.0,
    max: 0.99,
    min_inclusive: true,
    unit: "per year",
};
/// (THR) Θ_k: cumulative effective effort before an item gains any share.
pub const RD_THRESHOLD: Range = closed(0.0, 1e7, "effort units");
/// (PIPE) drift_k: share gained per year without programme money.
pub const DRIFT: Range = closed(0.0, 1.0, "share per year");
/// (PIPE) effective effort of one pipeline row.
pub const PIPELINE_EFFORT: Range = closed(0.0, 1e7, "effort units");

impl Range {
    /// Whether `v` lies in the range (finite, not a tiny nonzero).
    pub fn contains(&self, v: f64) -> bool {
        v.is_finite()
            && (v == 0.0 || v.abs() >= SMALLEST_NONZERO)
            && (if self.min_inclusive {
                v >= self.min
            } else {
                v > self.min
            })
            && v <= self.max
    }

    /// The rule a value outside the range breaks, e.g. "must be in [0, 1e6] 亿元 per year".
    pub fn rule(&self) -> String {
        let open = if self.min_inclusive { '[' } else { '(' };
        let unit = if self.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", self.unit)
        };
        format!(
            "must be in {open}{}, {}]{unit}; nonzero values must be at least {} in magnitude",
            fmt(self.min),
            fmt(self.max),
            fmt(SMALLEST_NONZERO)
        )
    }
}

fn fmt(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e5 || v.abs() < 1e-3) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_refuse_extremes_and_tiny_nonzeros() {
        assert!(ADVANTAGE.contains(0.0) && ADVANTAGE.contains(1.4));
        assert!(!ADVANTAGE.contains(1e20));
        assert!(!GAIN.contains(1e-320));
        assert!(!BUDGET_YI.contains(f64::NAN));
        assert!(!BUDGET_YI.contains(2e6));
        assert!(!SHARE.contains(1e-12), "a tiny nonzero is refused");
        assert!(!CEILING_SHARE.contains(0.0));
        assert_eq!(
            BUDGET_YI.rule(),
            "must be in [0, 1e6] 亿元 per year; nonzero values must be at least 1e-9 in magnitude"
        );
    }
}
