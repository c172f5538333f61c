//! Horizontal bar charts with name labels, laid out by hand (see the module
//! docs of `charts` for why): stacked bars (funding by province, talent used
//! and spare, marginal values, scenarios) and diverging bars from zero
//! (tornado, differences between plans).

use super::svg::{fit, text_width, ticks, Anchor, Svg};
use super::{number, tick};

/// One row: a label, one value per series, a note after the bar.
#[derive(Debug, Clone, Default)]
pub struct BarRow {
    pub label: String,
    /// One value per series: stacked (≥ 0) or, in a diverging chart, signed.
    pub values: Vec<f64>,
    /// Text after the bar (e.g. an advantage index).
    pub note: String,
    /// Draw the row pale (a value that holds at the current point only).
    pub faded: bool,
}

/// A series: its name (tooltips, legend) and colour.
#[derive(Debug, Clone)]
pub struct BarSeries {
    pub name: String,
    pub colour: &'static str,
}

const WIDTH: f64 = 920.0;
const FONT: f64 = 12.0;
const ROW: f64 = 22.0;
const BAR: f64 = 15.0;
const TOP: f64 = 26.0;

/// Geometry shared by both kinds of chart.
struct Frame {
    x0: f64,
    x1: f64,
    lo: f64,
    hi: f64,
    note_x: f64,
}

impl Frame {
    fn new(rows: &[BarRow], lo: f64, hi: f64) -> Frame {
        let (x0, x1) = plot_span(
            rows.iter().map(|r| r.label.as_str()),
            rows.iter().map(|r| r.note.as_str()),
            220.0,
        );
        let (lo, hi) = if hi - lo <= 0.0 {
            (lo, lo + 1.0)
        } else {
            (lo, hi)
        };
        Frame {
            x0,
            x1,
            lo,
            hi,
            note_x: x1 + 8.0,
        }
    }

    fn x(&self, v: f64) -> f64 {
        self.x0 + (v - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)
    }

    /// Tick labels on top, grid lines through the rows.
    fn axis(&self, svg: &mut Svg, height: f64) {
        for t in ticks(self.lo, self.hi, 6) {
            let x = self.x(t);
            svg.line((x, TOP - 4.0), (x, height - 6.0), "#e3e3e3", 1.0, false);
            svg.text(x, TOP - 8.0, &tick(t), Anchor::Middle, FONT - 2.0, "#555");
        }
    }

    fn label(&self, svg: &mut Svg, y: f64, row: &BarRow) {
        let shown = fit(&row.label, self.x0 - 14.0, FONT);
        svg.label(self.x0 - 8.0, y, &shown, &row.label, Anchor::End, FONT);
        if !row.note.is_empty() {
            let shown = fit(&row.note, WIDTH - self.note_x - 4.0, FONT - 1.0);
            svg.label(self.note_x, y, &shown, &row.note, Anchor::Start, FONT - 1.0);
        }
    }
}

/// Where the bars of a chart 920 px wide start and end: after the widest
/// label (at most 300 px), before the widest note (at most `note_max` px).
pub(super) fn plot_span<'a>(
    labels: impl Iterator<Item = &'a str>,
    notes: impl Iterator<Item = &'a str>,
    note_max: f64,
) -> (f64, f64) {
    let label_w = labels
        .map(|l| text_width(l, FONT))
        .fold(40.0, f64::max)
        .min(300.0);
    let note_w = notes
        .map(|n| text_width(n, FONT - 1.0))
        .fold(0.0, f64::max)
        .min(note_max);
    (label_w + 14.0, WIDTH - note_w - 16.0)
}

fn height(rows: usize) -> f64 {
    TOP + ROW * rows.max(1) as f64 + 8.0
}

fn opacity(row: &BarRow) -> f64 {
    if row.faded {
        0.35
    } else {
        1.0
    }
}

/// Bars whose series are stacked left to right from zero (values ≥ 0).
pub fn stacked_hbars(rows: &[BarRow], series: &[BarSeries], unit: &str) -> String {
    let hi = rows
        .iter()
        .map(|r| r.values.iter().map(|v| v.max(0.0)).sum::<f64>())
        .fold(0.0, f64::max);
    let frame = Frame::new(rows, 0.0, hi * 1.02);
    let h = height(rows.len());
    let mut svg = Svg::new(WIDTH, h);
    frame.axis(&mut svg, h);
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let mut start = 0.0;
        for (s, v) in series.iter().zip(&row.values) {
            let v = v.max(0.0);
            let tip = format!("{} — {}: {} {unit}", row.label, s.name, number(v));
            let (a, b) = (frame.x(start), frame.x(start + v));
            svg.rect_with(a, y + 3.0, b - a, BAR, s.colour, opacity(row), Some(&tip));
            start += v;
        }
        frame.label(&mut svg, y + 3.0 + BAR - 3.5, row);
    }
    svg.finish()
}

/// Bars drawn from a zero line, negative to the left; with several series
/// each row is split into thin bars, one per series.
pub fn diverging_hbars(rows: &[BarRow], series: &[BarSeries], unit: &str) -> String {
    let values = rows.iter().flat_map(|r| r.values.iter().copied());
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = 0.04 * (hi - lo).max(1e-9);
    let frame = Frame::new(
        rows,
        if lo < 0.0 { lo - pad } else { 0.0 },
        if hi > 0.0 { hi + pad } else { 0.0 },
    );
    let h = height(rows.len());
    let mut svg = Svg::new(WIDTH, h);
    frame.axis(&mut svg, h);
    let zero = frame.x(0.0);
    let thin = BAR / series.len().max(1) as f64;
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        for (j, (s, &v)) in series.iter().zip(&row.values).enumerate() {
            let tip = format!("{} — {}: {} {unit}", row.label, s.name, number(v));
            let x = frame.x(v);
            svg.rect_with(
                zero.min(x),
                y + 3.0 + thin * j as f64,
                (x - zero).abs(),
                thin,
                s.colour,
                opacity(row),
                Some(&tip),
            );
        }
        frame.label(&mut svg, y + 3.0 + BAR - 3.5, row);
    }
    svg.line((zero, TOP - 4.0), (zero, h - 6.0), "#333", 1.0, false);
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, values: &[f64]) -> BarRow {
        BarRow {
            label: label.into(),
            values: values.to_vec(),
            note: "adv 1.50".into(),
            faded: false,
        }
    }

    fn series(n: usize) -> Vec<BarSeries> {
        (0..n)
            .map(|i| BarSeries {
                name: format!("s{i}"),
                colour: super::super::colour(i),
            })
            .collect()
    }

    #[test]
    fn stacked_segments_end_where_their_sum_ends() {
        let svg = stacked_hbars(
            &[row("北京", &[3.0, 1.0]), row("Tianjin", &[2.0, 0.0])],
            &series(2),
            "亿元",
        );
        assert!(svg.contains(">北京</text>") || svg.contains("北京</title>北京"));
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(svg.contains("北京 — s0: 3.00 亿元"));
        assert!(svg.contains("adv 1.50"));
    }

    #[test]
    fn diverging_bars_go_left_for_negative_values() {
        let svg = diverging_hbars(&[row("budget", &[-2.0, 4.0])], &series(2), "亿元");
        let rects: Vec<&str> = svg.split("<rect").skip(1).collect();
        let x = |r: &str| -> f64 {
            r.split("x=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        // The negative bar starts left of the positive one, which starts at zero.
        assert!(x(rects[0]) < x(rects[1]));
    }
}
