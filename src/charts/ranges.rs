//! Range charts: one row per name, a bar from the least to the most a
//! quantity can be, and a mark where one solution puts it (near-optimal
//! plans: the range of a direction's funding, the optimum marked). Laid
//! out by hand like [`super::bars`], since the labels are names.

use super::number;
use super::svg::{fit, ticks, Anchor, Svg};

/// One row: a name, its range, the marked value and the bar's colour.
#[derive(Debug, Clone)]
pub struct RangeRow {
    pub label: String,
    pub min: f64,
    pub max: f64,
    pub mark: f64,
    pub colour: &'static str,
    /// Text after the bar (a verdict).
    pub note: String,
}

const WIDTH: f64 = 920.0;
const FONT: f64 = 12.0;
const ROW: f64 = 22.0;
const BAR: f64 = 12.0;
const TOP: f64 = 26.0;
/// Colour of the marked value.
pub const MARK_COLOUR: &str = "#111111";

/// Min–max bars with the marked value drawn as a black tick; `unit` is
/// named in every tooltip.
pub fn range_bars(rows: &[RangeRow], unit: &str) -> String {
    let (x0, x1) = super::bars::plot_span(
        rows.iter().map(|r| r.label.as_str()),
        rows.iter().map(|r| r.note.as_str()),
        160.0,
    );
    let hi = rows.iter().map(|r| r.max.max(r.mark)).fold(0.0, f64::max);
    let hi = if hi > 0.0 { hi } else { 1.0 };
    let x = |v: f64| x0 + v.max(0.0) / hi * (x1 - x0);
    let height = TOP + ROW * rows.len().max(1) as f64 + 8.0;
    let mut svg = Svg::new(WIDTH, height);
    for t in ticks(0.0, hi, 6) {
        svg.line(
            (x(t), TOP - 4.0),
            (x(t), height - 6.0),
            "#e3e3e3",
            1.0,
            false,
        );
        svg.text(
            x(t),
            TOP - 8.0,
            &super::tick(t),
            Anchor::Middle,
            FONT - 2.0,
            "#555",
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let mid = y + ROW / 2.0;
        let shown = fit(&r.label, x0 - 14.0, FONT);
        svg.label(x0 - 8.0, mid + 4.0, &shown, &r.label, Anchor::End, FONT);
        let tip = format!(
            "{}: {} – {} {unit}; marked {} {unit}",
            r.label,
            number(r.min),
            number(r.max),
            number(r.mark)
        );
        // A range of zero width still shows as a thin bar.
        let w = (x(r.max) - x(r.min)).max(2.0);
        svg.rect_with(
            x(r.min),
            mid - BAR / 2.0,
            w,
            BAR,
            r.colour,
            0.75,
            Some(&tip),
        );
        svg.line(
            (x(r.mark), mid - BAR / 2.0 - 3.0),
            (x(r.mark), mid + BAR / 2.0 + 3.0),
            MARK_COLOUR,
            2.5,
            false,
        );
        if !r.note.is_empty() {
            let shown = fit(&r.note, WIDTH - x1 - 12.0, FONT - 1.0);
            svg.label(
                x1 + 8.0,
                mid + 4.0,
                &shown,
                &r.note,
                Anchor::Start,
                FONT - 1.0,
            );
        }
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_draws_its_bar_from_min_to_max_and_its_mark() {
        let rows = [RangeRow {
            label: "materials".into(),
            min: 10.0,
            max: 30.0,
            mark: 20.0,
            colour: "#0072B2",
            note: "contestable".into(),
        }];
        let svg = range_bars(&rows, "亿元");
        assert!(
            svg.contains("materials: 10.0 – 30.0 亿元; marked 20.0 亿元"),
            "{svg}"
        );
        assert!(svg.contains("contestable"));
        assert!(svg.contains(MARK_COLOUR));
    }
}
