//! Stacked columns by year (plotters): spending by instrument, platforms
//! built. Only tick numbers are drawn here; the page names the series.

use plotters::prelude::*;

use super::lines::rgb;
use super::ChartError;

/// One stacked series: a value per year and its colour.
#[derive(Debug, Clone)]
pub struct ColumnSeries {
    pub values: Vec<f64>,
    pub colour: &'static str,
}

/// Columns of `series` stacked bottom-up in each of `years`.
pub fn stacked_columns(
    id: &str,
    years: &[i32],
    series: &[ColumnSeries],
) -> Result<String, ChartError> {
    let err = |e: &dyn std::fmt::Display| ChartError::new(id, e);
    if years.is_empty() {
        return Err(ChartError::new(id, "no years"));
    }
    let totals: Vec<f64> = (0..years.len())
        .map(|t| series.iter().map(|s| s.values[t].max(0.0)).sum())
        .collect();
    let top = totals.iter().copied().fold(0.0, f64::max);
    let top = if top > 0.0 { top * 1.06 } else { 1.0 };
    let (x0, x1) = (years[0] as f64 - 0.6, years[years.len() - 1] as f64 + 0.6);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (920, 360)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(&e))?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .x_label_area_size(30)
            .y_label_area_size(64)
            .build_cartesian_2d(x0..x1, 0.0..top)
            .map_err(|e| err(&e))?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(RGBColor(226, 226, 226))
            .light_line_style(TRANSPARENT)
            .axis_style(RGBColor(120, 120, 120))
            .label_style(("sans-serif", 16).into_font().color(&RGBColor(70, 70, 70)))
            .x_labels(years.len().min(16))
            .y_labels(6)
            .x_label_formatter(&|x| super::lines::year_label(*x))
            .y_label_formatter(&|y| super::tick(*y))
            .draw()
            .map_err(|e| err(&e))?;
        for (t, &year) in years.iter().enumerate() {
            let mut base = 0.0;
            for s in series {
                let v = s.values[t].max(0.0);
                if v <= 0.0 {
                    continue;
                }
                let x = year as f64;
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(x - 0.36, base), (x + 0.36, base + v)],
                        rgb(s.colour).filled(),
                    )))
                    .map_err(|e| err(&e))?;
                base += v;
            }
        }
        root.present().map_err(|e| err(&e))?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rectangle_per_positive_value() {
        let series = [
            ColumnSeries {
                values: vec![1.0, 0.0, 3.0],
                colour: "#0072B2",
            },
            ColumnSeries {
                values: vec![2.0, 1.0, 0.0],
                colour: "#E69F00",
            },
        ];
        let svg = stacked_columns("test", &[2024, 2025, 2026], &series).unwrap();
        // Background, plus four bars (zeros are not drawn).
        assert_eq!(svg.matches("<rect").count(), 5, "{svg}");
        assert!(
            svg.contains("\n2026\n"),
            "plotters writes each label on its own line"
        );
    }
}
