//! A heat map of a table of values (foundations × provinces), laid out by
//! hand: row and column labels are names, often Chinese (see `charts`).

use super::number;
use super::svg::{fit, text_width, Anchor, Svg};

const FONT: f64 = 12.0;
const CELL_H: f64 = 26.0;
const TOP: f64 = 34.0;
/// Column labels are turned by this angle [degrees] so that 31 provinces fit.
const TURN: f64 = -55.0;

/// Fill of a cell holding `v` on a scale up to `max`: light to dark blue,
/// linear; zero is light grey.
fn fill(v: f64, max: f64) -> String {
    if v <= 0.0 || max <= 0.0 {
        return "#f1f1f1".into();
    }
    let f = (v / max).clamp(0.0, 1.0);
    let mix = |light: f64, dark: f64| (light + (dark - light) * f).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(222.0, 8.0),
        mix(235.0, 48.0),
        mix(247.0, 107.0)
    )
}

/// A heat map: `values[r][c]` for row `rows[r]` and column `columns[c]`;
/// every cell's tooltip names both and the value with its unit.
pub fn heatmap(rows: &[String], columns: &[String], values: &[Vec<f64>], unit: &str) -> String {
    let label_w = rows
        .iter()
        .map(|r| text_width(r, FONT))
        .fold(40.0, f64::max)
        .min(260.0);
    let n = columns.len().max(1) as f64;
    let cell_w = ((920.0 - label_w - 30.0) / n).clamp(16.0, 70.0);
    let x0 = label_w + 14.0;
    let scale_end = x0
        + 4.0
        + 22.0 * 5.0
        + 4.0
        + text_width(&format!("{} {unit}", number(99999.0)), FONT - 2.0);
    let width = (x0 + cell_w * n + 16.0).max(scale_end + 8.0);
    let col_label_w = columns
        .iter()
        .map(|c| text_width(c, FONT - 1.0))
        .fold(0.0, f64::max)
        .min(140.0);
    let grid_bottom = TOP + CELL_H * rows.len() as f64;
    let height = grid_bottom + col_label_w * TURN.to_radians().sin().abs() + 24.0;
    let max = values.iter().flatten().copied().fold(0.0, f64::max);
    let mut svg = Svg::new(width, height);

    // Scale: five steps from zero to the largest cell.
    svg.text(x0, 14.0, "0", Anchor::End, FONT - 2.0, "#555");
    for i in 0..5 {
        let v = max * (i as f64 + 0.5) / 5.0;
        svg.rect(
            x0 + 4.0 + 22.0 * i as f64,
            4.0,
            22.0,
            12.0,
            &fill(v, max),
            None,
        );
    }
    svg.text(
        x0 + 4.0 + 22.0 * 5.0 + 4.0,
        14.0,
        &format!("{} {unit}", number(max)),
        Anchor::Start,
        FONT - 2.0,
        "#555",
    );

    for (r, row) in rows.iter().enumerate() {
        let y = TOP + CELL_H * r as f64;
        let shown = fit(row, label_w, FONT);
        svg.label(
            x0 - 8.0,
            y + CELL_H / 2.0 + 4.0,
            &shown,
            row,
            Anchor::End,
            FONT,
        );
        for (c, column) in columns.iter().enumerate() {
            let v = values[r][c];
            let tip = format!("{row} — {column}: {} {unit}", number(v));
            svg.rect(
                x0 + cell_w * c as f64 + 0.5,
                y + 0.5,
                cell_w - 1.0,
                CELL_H - 1.0,
                &fill(v, max),
                Some(&tip),
            );
        }
    }
    for (c, column) in columns.iter().enumerate() {
        let x = x0 + cell_w * (c as f64 + 0.5) + 3.0;
        let shown = fit(column, col_label_w, FONT - 1.0);
        svg.text_rotated(x, grid_bottom + 10.0, &shown, TURN, FONT - 1.0);
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_is_drawn_with_its_value_in_the_tooltip() {
        let rows = vec!["基础材料".to_string(), "software".to_string()];
        let columns = vec![
            "北京".to_string(),
            "Shanghai".to_string(),
            "西藏".to_string(),
        ];
        let values = vec![vec![10.0, 0.0, 2.5], vec![0.0, 40.0, 0.0]];
        let svg = heatmap(&rows, &columns, &values, "亿元");
        assert!(svg.contains("基础材料 — 西藏: 2.50 亿元"));
        assert!(svg.contains("software — Shanghai: 40.0 亿元"));
        // Six cells plus the five steps of the scale.
        assert_eq!(svg.matches("<rect").count(), 11);
        // The largest cell is the darkest; empty cells are grey.
        assert!(svg.contains(r##"fill="#08306b""##));
        assert!(svg.contains(r##"fill="#f1f1f1""##));
    }
}
