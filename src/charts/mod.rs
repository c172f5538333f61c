//! Charts of the reports, as SVG strings.
//!
//! Two kinds, by what fits:
//! - [`lines`] and [`columns`] plot numbers over numbers (self-sufficiency
//!   over years, spending over a swept parameter, fan charts, bars by year)
//!   with plotters; their only text is tick numbers, and titles, axis units
//!   and legends are written by the page around them.
//! - [`bars`] and [`heatmap`] are laid out by hand because their labels are
//!   names (provinces, foundations, resources, parameter groups) that may be
//!   Chinese: plotters' SVG backend, built without its `ttf` feature,
//!   estimates a label's width from its length in bytes (a Chinese character
//!   counts as three Latin ones), so its label columns, centring and legend
//!   boxes go wrong, and it writes `font-family="sans-serif"`, which renders
//!   Chinese as empty boxes in a stand-alone SVG. Laid out here, every label
//!   is measured by character width and carries the CJK font stack.

pub mod bars;
pub mod columns;
pub mod heatmap;
pub mod lines;
pub mod ranges;
pub mod svg;

/// Fonts for every label: Latin faces first, then CJK faces found on Debian
/// (`fonts-noto-cjk`), Windows (Microsoft YaHei) and macOS (PingFang SC), so
/// that a Chinese label never falls back to a font without its glyphs.
pub const FONT_STACK: &str = "'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'WenQuanYi Micro Hei', sans-serif";

/// Colour-blind-safe palette (Okabe–Ito, yellow replaced by brown), in the
/// order series take it.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C6D31", "#666666",
];

/// Colour of required levels (target lines and markers).
pub const REQUIRED_COLOUR: &str = "#c82828";

/// Colour of series `i`.
pub fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// A chart could not be drawn.
#[derive(Debug, thiserror::Error)]
#[error("chart `{chart}`: {message}")]
pub struct ChartError {
    pub chart: String,
    pub message: String,
}

impl ChartError {
    pub(crate) fn new(chart: &str, e: impl std::fmt::Display) -> ChartError {
        ChartError {
            chart: chart.to_string(),
            message: e.to_string(),
        }
    }
}

/// A number for charts and tables: two decimals below 10, one below 100,
/// none above, with thousands separated by commas.
pub fn number(v: f64) -> String {
    let decimals = match v.abs() {
        a if a < 10.0 => 2,
        a if a < 100.0 => 1,
        _ => 0,
    };
    with_decimals(v, decimals)
}

/// An axis tick: as few decimals as the tick needs (at most two).
pub fn tick(v: f64) -> String {
    let decimals = (0..2)
        .find(|&d| {
            let scaled = v * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(2);
    with_decimals(v, decimals as usize)
}

/// `v` with `decimals` decimals, thousands separated, a true minus sign,
/// and no "−0".
fn with_decimals(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let negative = v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { "−" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A share as a percentage with one decimal ("70.0%").
pub fn percent(share: f64) -> String {
    if share.is_finite() {
        format!("{:.1}%", 100.0 * share)
    } else {
        "–".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_rounded_by_size() {
        assert_eq!(number(1234567.4), "1,234,567");
        assert_eq!(number(-0.004), "0.00");
        assert_eq!(number(-12.34), "−12.3");
        assert_eq!(number(4.236), "4.24");
        assert_eq!(number(999.6), "1,000");
        assert_eq!(number(f64::NAN), "–");
        assert_eq!(percent(0.7), "70.0%");
        assert_eq!(tick(2.0), "2");
        assert_eq!(tick(10.0), "10");
        assert_eq!(tick(2500.0), "2,500");
        assert_eq!(tick(0.5), "0.5");
        assert_eq!(tick(0.25), "0.25");
        assert_eq!(tick(-0.0), "0");
    }
}
