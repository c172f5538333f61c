//! SVG charts (plotters): sweep curves and tornado bars.

use plotters::prelude::*;

use super::OutputError;

fn err(e: impl std::fmt::Display) -> OutputError {
    OutputError {
        path: "chart.svg".into(),
        message: e.to_string(),
    }
}

fn padded(lo: f64, hi: f64) -> (f64, f64) {
    let span = (hi - lo).abs().max(1e-9);
    (lo - 0.05 * span, hi + 0.05 * span)
}

/// A line chart of `(x, y)` points with breakpoints marked on the curve.
pub fn line_chart(
    title: &str,
    x_label: &str,
    y_label: &str,
    points: &[(f64, f64)],
    marks: &[f64],
) -> Result<String, OutputError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, 560)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (x0, x1) = padded(
            points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min),
            points.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max),
        );
        let (y0, y1) = padded(
            points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min),
            points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max),
        );
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 22))
            .margin(20)
            .x_label_area_size(45)
            .y_label_area_size(80)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc(x_label)
            .y_desc(y_label)
            .draw()
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                BLUE.stroke_width(2),
            ))
            .map_err(err)?;
        chart
            .draw_series(
                points
                    .iter()
                    .map(|&(x, y)| Circle::new((x, y), 3, BLUE.filled())),
            )
            .map_err(err)?;
        let marked = points
            .iter()
            .filter(|(x, _)| marks.iter().any(|m| (m - x).abs() < 1e-12));
        chart
            .draw_series(marked.map(|&(x, y)| Circle::new((x, y), 6, RED.stroke_width(2))))
            .map_err(err)?
            .label("optimal basis changes here")
            .legend(|(x, y)| Circle::new((x, y), 5, RED.stroke_width(2)));
        chart
            .configure_series_labels()
            .border_style(BLACK)
            .background_style(WHITE)
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// A tornado chart: one bar per parameter from its low to its high KPI change.
pub fn tornado_chart(
    title: &str,
    x_label: &str,
    bars: &[(String, f64, f64)],
) -> Result<String, OutputError> {
    let mut svg = String::new();
    {
        let height = 120 + 34 * bars.len() as u32;
        let root = SVGBackend::with_string(&mut svg, (900, height)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let lo = bars.iter().map(|b| b.1.min(b.2)).fold(0.0, f64::min);
        let hi = bars.iter().map(|b| b.1.max(b.2)).fold(0.0, f64::max);
        let (x0, x1) = padded(lo, hi);
        let n = bars.len().max(1) as i32;
        let (names, bars_area) = root.split_horizontally(260);
        let mut chart = ChartBuilder::on(&bars_area)
            .caption(title, ("sans-serif", 20))
            .margin(15)
            .x_label_area_size(40)
            .build_cartesian_2d(x0..x1, 0..n)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .x_desc(x_label)
            .draw()
            .map_err(err)?;
        for (i, (_, a, b)) in bars.iter().enumerate() {
            let row = n - 1 - i as i32;
            for (v, color) in [(*a, RED.mix(0.6)), (*b, BLUE.mix(0.6))] {
                let (l, r) = if v < 0.0 { (v, 0.0) } else { (0.0, v) };
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(l, row), (r, row + 1)],
                        color.filled(),
                    )))
                    .map_err(err)?;
            }
        }
        // Parameter names in the left margin, level with their bars.
        let top = 15 + 20 + 15;
        let usable = height as i32 - top - 40 - 15;
        for (i, (name, _, _)) in bars.iter().enumerate() {
            let y = top + (usable * (2 * i as i32 + 1)) / (2 * n);
            names
                .draw(&Text::new(name.clone(), (10, y), ("sans-serif", 14)))
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(svg)
}
