//! Line charts of numbers over numbers (plotters): self-sufficiency over the
//! years, spending over a swept parameter, fan charts of uncertain levels.
//! Only tick numbers are drawn here; the page names the axes and series.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::ChartError;

/// A polyline with dots at its points.
#[derive(Debug, Clone)]
pub struct Line {
    pub points: Vec<(f64, f64)>,
    pub colour: &'static str,
    pub dashed: bool,
}

/// A shaded band between two polylines over the same x values.
#[derive(Debug, Clone)]
pub struct Band {
    pub lower: Vec<(f64, f64)>,
    pub upper: Vec<(f64, f64)>,
    pub colour: &'static str,
    pub opacity: f64,
}

/// A single marker (e.g. a target's required level in its year).
#[derive(Debug, Clone)]
pub struct Marker {
    pub x: f64,
    pub y: f64,
    pub colour: &'static str,
    /// Filled (met) or open (missed).
    pub filled: bool,
}

/// What a line chart shows.
#[derive(Debug, Clone, Default)]
pub struct LinePlot {
    pub lines: Vec<Line>,
    pub bands: Vec<Band>,
    pub markers: Vec<Marker>,
    /// Horizontal dashed reference lines (target levels).
    pub y_refs: Vec<f64>,
    /// Vertical grey lines (target years, basis changes).
    pub x_refs: Vec<f64>,
    /// x is a calendar year: one tick per year, no decimals.
    pub x_years: bool,
    /// y is a share, shown in percent.
    pub y_percent: bool,
    /// Values the y range must include (e.g. 0).
    pub y_include: Vec<f64>,
}

/// Size of every line chart [px] (the page scales it).
const SIZE: (u32, u32) = (920, 400);

/// An RGB colour from `#rrggbb`.
pub(crate) fn rgb(hex: &str) -> RGBColor {
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    RGBColor(channel(1), channel(3), channel(5))
}

fn span(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

fn padded((lo, hi): (f64, f64), share: f64) -> (f64, f64) {
    let pad = ((hi - lo).abs() * share).max(if hi.abs() > 0.0 {
        hi.abs() * 0.02
    } else {
        1e-3
    });
    (lo - pad, hi + pad)
}

/// A year tick's label; ticks between years (which plotters may choose on
/// a short horizon) stay unlabelled.
pub(crate) fn year_label(x: f64) -> String {
    if (x - x.round()).abs() < 1e-6 {
        format!("{x:.0}")
    } else {
        String::new()
    }
}

/// Ticks of the x axis: every year when there are few, else every second
/// or fifth (plotters is asked for that many labels).
fn year_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (first, last) = (lo.ceil() as i64, hi.floor() as i64);
    let step = match last - first {
        0..=15 => 1,
        16..=30 => 2,
        _ => 5,
    };
    (first..=last)
        .step_by(step as usize)
        .map(|y| y as f64)
        .collect()
}

/// The cartesian chart every line plot draws on.
type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The axis ranges of a plot: every point, band, marker and reference
/// inside, padded; `None` when there is nothing to draw.
fn axis_ranges(plot: &LinePlot) -> Option<((f64, f64), (f64, f64))> {
    let xs = plot
        .lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.0))
        .chain(plot.bands.iter().flat_map(|b| b.upper.iter().map(|p| p.0)))
        .chain(plot.markers.iter().map(|m| m.x));
    let ys = plot
        .lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .chain(
            plot.bands
                .iter()
                .flat_map(|b| b.upper.iter().chain(&b.lower).map(|p| p.1)),
        )
        .chain(plot.markers.iter().map(|m| m.y))
        .chain(plot.y_refs.iter().copied())
        .chain(plot.y_include.iter().copied());
    let (x_span, y_span) = (span(xs)?, span(ys)?);
    let x = if plot.x_years {
        (x_span.0 - 0.4, x_span.1 + 0.4)
    } else {
        padded(x_span, 0.03)
    };
    Some((x, padded(y_span, 0.06)))
}

/// Grid and tick labels: years without decimals, shares in percent.
fn draw_mesh(chart: &mut Chart, plot: &LinePlot, (x0, x1): (f64, f64)) -> Result<(), String> {
    let x_labels = if plot.x_years {
        year_ticks(x0, x1).len()
    } else {
        8
    };
    let years = plot.x_years;
    let percent = plot.y_percent;
    let x_format = move |x: &f64| {
        if years {
            year_label(*x)
        } else {
            super::tick(*x)
        }
    };
    let y_format = move |y: &f64| {
        if percent {
            format!("{}%", super::tick(100.0 * y))
        } else {
            super::tick(*y)
        }
    };
    chart
        .configure_mesh()
        .bold_line_style(RGBColor(226, 226, 226))
        .light_line_style(TRANSPARENT)
        .axis_style(RGBColor(120, 120, 120))
        .label_style(("sans-serif", 16).into_font().color(&RGBColor(70, 70, 70)))
        .x_labels(x_labels)
        .y_labels(6)
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .draw()
        .map_err(|e| e.to_string())
}

/// Shaded bands, drawn first so that lines stay on top.
fn draw_bands(chart: &mut Chart, bands: &[Band]) -> Result<(), String> {
    for band in bands {
        let outline: Vec<(f64, f64)> = band
            .upper
            .iter()
            .copied()
            .chain(band.lower.iter().rev().copied())
            .collect();
        chart
            .draw_series(std::iter::once(Polygon::new(
                outline,
                rgb(band.colour).mix(band.opacity).filled(),
            )))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Vertical grey lines and horizontal dashed required levels across the
/// whole plot area.
fn draw_references(
    chart: &mut Chart,
    plot: &LinePlot,
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
) -> Result<(), String> {
    let grey = RGBColor(150, 150, 150);
    for &x in &plot.x_refs {
        chart
            .draw_series(LineSeries::new([(x, y0), (x, y1)], grey.stroke_width(1)))
            .map_err(|e| e.to_string())?;
    }
    for &y in &plot.y_refs {
        chart
            .draw_series(DashedLineSeries::new(
                [(x0, y), (x1, y)],
                6,
                4,
                rgb(super::REQUIRED_COLOUR).stroke_width(1),
            ))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Each line, solid or dashed, with a dot at every point.
fn draw_lines(chart: &mut Chart, lines: &[Line]) -> Result<(), String> {
    for line in lines {
        let colour = rgb(line.colour);
        if line.dashed {
            chart
                .draw_series(DashedLineSeries::new(
                    line.points.iter().copied(),
                    7,
                    4,
                    colour.stroke_width(2),
                ))
                .map_err(|e| e.to_string())?;
        } else {
            chart
                .draw_series(LineSeries::new(
                    line.points.iter().copied(),
                    colour.stroke_width(2),
                ))
                .map_err(|e| e.to_string())?;
        }
        chart
            .draw_series(
                line.points
                    .iter()
                    .map(|&p| Circle::new(p, 2, colour.filled())),
            )
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Triangles: filled for a met target, open for a missed one.
fn draw_markers(chart: &mut Chart, markers: &[Marker]) -> Result<(), String> {
    for m in markers {
        let colour = rgb(m.colour);
        let style = if m.filled {
            colour.filled()
        } else {
            colour.stroke_width(2)
        };
        chart
            .draw_series(std::iter::once(TriangleMarker::new((m.x, m.y), 7, style)))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Draws a line chart; `id` names it in errors.
pub fn line_plot(id: &str, plot: &LinePlot) -> Result<String, ChartError> {
    let err = |e: &dyn std::fmt::Display| ChartError::new(id, e);
    let Some((x_range, y_range)) = axis_ranges(plot) else {
        return Err(ChartError::new(id, "nothing to draw"));
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(&e))?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .x_label_area_size(30)
            .y_label_area_size(64)
            .build_cartesian_2d(x_range.0..x_range.1, y_range.0..y_range.1)
            .map_err(|e| err(&e))?;
        draw_mesh(&mut chart, plot, x_range).map_err(|e| err(&e))?;
        draw_bands(&mut chart, &plot.bands).map_err(|e| err(&e))?;
        draw_references(&mut chart, plot, x_range, y_range).map_err(|e| err(&e))?;
        draw_lines(&mut chart, &plot.lines).map_err(|e| err(&e))?;
        draw_markers(&mut chart, &plot.markers).map_err(|e| err(&e))?;
        root.present().map_err(|e| err(&e))?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trajectory_with_targets_draws_every_element() {
        let plot = LinePlot {
            lines: vec![Line {
                points: vec![(2022.0, 0.4), (2025.0, 0.7), (2030.0, 0.85)],
                colour: "#0072B2",
                dashed: false,
            }],
            markers: vec![Marker {
                x: 2025.0,
                y: 0.7,
                colour: "#D55E00",
                filled: true,
            }],
            y_refs: vec![0.7],
            x_refs: vec![2025.0],
            x_years: true,
            y_percent: true,
            ..LinePlot::default()
        };
        let svg = line_plot("test", &plot).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("\n70%\n"), "percent ticks");
        assert!(svg.contains("\n2025\n"), "year ticks");
        assert!(!svg.contains("2025.5"));
        assert!(svg.contains("polyline") || svg.contains("<path"));
    }

    #[test]
    fn an_empty_plot_is_an_error() {
        assert!(line_plot("empty", &LinePlot::default()).is_err());
    }
}
