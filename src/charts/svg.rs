//! A small SVG writer for charts laid out by hand: shapes, measured text and
//! tooltips, with the CJK font stack on the root element.

use std::fmt::Write as _;

use super::FONT_STACK;

/// Escapes text for XML and HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether a character is drawn a full em wide (CJK ideographs, kana,
/// Hangul, full-width forms and CJK punctuation).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Estimated width of `text` at `size` px: a wide character is one em, a
/// Latin character a little over half (generous, so labels never collide).
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| {
            if is_wide(c) {
                1.0
            } else if c.is_ascii_uppercase() || c == 'm' || c == 'w' {
                0.72
            } else {
                0.56
            }
        })
        .sum::<f64>()
        * size
}

/// `text` cut to fit `max_width` at `size` px, with an ellipsis when cut.
pub fn fit(text: &str, max_width: f64, size: f64) -> String {
    if text_width(text, size) <= max_width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let candidate = format!("{out}{c}…");
        if text_width(&candidate, size) > max_width {
            break;
        }
        out.push(c);
    }
    format!("{out}…")
}

/// How a text is anchored at its x position.
#[derive(Debug, Clone, Copy)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn attr(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// An SVG drawing of a fixed size (scaled by the page to fit).
pub struct Svg {
    width: f64,
    height: f64,
    defs: String,
    body: String,
}

impl Svg {
    pub fn new(width: f64, height: f64) -> Svg {
        Svg {
            width,
            height,
            defs: String::new(),
            body: String::new(),
        }
    }

    /// A filled rectangle with an optional tooltip and opacity.
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, tooltip: Option<&str>) {
        self.rect_with(x, y, w, h, fill, 1.0, tooltip);
    }

    /// As [`Svg::rect`], with a fill opacity.
    #[allow(clippy::too_many_arguments)]
    pub fn rect_with(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: &str,
        opacity: f64,
        tooltip: Option<&str>,
    ) {
        let _ = write!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{fill}""#,
            w.max(0.0),
            h.max(0.0)
        );
        if opacity < 1.0 {
            let _ = write!(self.body, r#" fill-opacity="{opacity:.2}" stroke="{fill}""#);
        }
        match tooltip {
            Some(t) => {
                let _ = write!(self.body, "><title>{}</title></rect>", escape(t));
            }
            None => self.body.push_str("/>"),
        }
    }

    /// A straight line; `dash` draws it dashed.
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), stroke: &str, width: f64, dash: bool) {
        let _ = write!(
            self.body,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{stroke}" stroke-width="{width}"{}/>"#,
            from.0,
            from.1,
            to.0,
            to.1,
            if dash {
                r#" stroke-dasharray="4 3""#
            } else {
                ""
            }
        );
    }

    /// A text label (escaped), optionally bold or in a colour.
    pub fn text(&mut self, x: f64, y: f64, text: &str, anchor: Anchor, size: f64, fill: &str) {
        let _ = write!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{}" font-size="{size}" fill="{fill}">{}</text>"#,
            anchor.attr(),
            escape(text)
        );
    }

    /// A text label rotated by `degrees` around its anchor point.
    pub fn text_rotated(&mut self, x: f64, y: f64, text: &str, degrees: f64, size: f64) {
        let _ = write!(
            self.body,
            r##"<text x="{x:.1}" y="{y:.1}" text-anchor="end" font-size="{size}" fill="#333" transform="rotate({degrees} {x:.1} {y:.1})">{}</text>"##,
            escape(text)
        );
    }

    /// A text label with a tooltip holding its full form.
    #[allow(clippy::too_many_arguments)]
    pub fn label(&mut self, x: f64, y: f64, shown: &str, full: &str, anchor: Anchor, size: f64) {
        let _ = write!(
            self.body,
            r##"<text class="label" x="{x:.1}" y="{y:.1}" text-anchor="{}" font-size="{size}" fill="#222"><title>{}</title>{}</text>"##,
            anchor.attr(),
            escape(full),
            escape(shown)
        );
    }

    /// Adds a definition (pattern, gradient) to `<defs>`.
    pub fn def(&mut self, def: &str) {
        self.defs.push_str(def);
    }

    /// The finished SVG element. It scales to its container (viewBox) and
    /// names the CJK font stack, also when opened on its own.
    pub fn finish(self) -> String {
        let defs = if self.defs.is_empty() {
            String::new()
        } else {
            format!("<defs>{}</defs>", self.defs)
        };
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" font-family="{font}" role="img">{defs}{body}</svg>"#,
            w = self.width,
            h = self.height,
            font = FONT_STACK.replace('\'', "&#39;"),
            body = self.body
        )
    }
}

/// Width and height of the root element of an SVG drawn by the chart
/// modules (plotters and [`Svg`] both write them as attributes).
fn root_size(svg: &str) -> (f64, f64) {
    let root = svg.split('>').next().unwrap_or("");
    let attr = |name: &str| {
        root.split(&format!(r#" {name}=""#))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    (attr("width"), attr("height"))
}

/// A stand-alone SVG file: a title and a legend laid out here (they may be
/// Chinese), above a chart nested as it is.
pub fn standalone(title: &str, legend: &[(String, &str)], chart: &str) -> String {
    const HEADER: f64 = 54.0;
    let size = root_size(chart);
    let mut svg = Svg::new(size.0, size.1 + HEADER);
    svg.rect(0.0, 0.0, size.0, size.1 + HEADER, "#ffffff", None);
    svg.text(16.0, 22.0, title, Anchor::Start, 16.0, "#111");
    let mut x = 16.0;
    for (label, colour) in legend {
        svg.rect(x, 34.0, 12.0, 12.0, colour, None);
        svg.text(x + 17.0, 44.0, label, Anchor::Start, 12.0, "#333");
        x += 17.0 + text_width(label, 12.0) + 18.0;
    }
    svg.body
        .push_str(&chart.replacen("<svg ", &format!(r#"<svg x="0" y="{HEADER}" "#), 1));
    svg.finish()
}

/// About `n` round tick values covering [lo, hi] (steps of 1, 2 or 5 × 10^k).
pub fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let span = (hi - lo).abs();
    if !span.is_finite() || span == 0.0 {
        return vec![lo];
    }
    let raw = span / n.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_measured_a_full_em_wide() {
        assert_eq!(text_width("北京", 10.0), 20.0);
        assert!(text_width("ab", 10.0) < 12.0);
        let cut = fit("基础零部件和元器件", 45.0, 10.0);
        assert!(
            cut.ends_with('…') && text_width(&cut, 10.0) <= 45.0,
            "{cut}"
        );
        assert_eq!(fit("short", 100.0, 10.0), "short");
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            ticks(0.0, 100.0, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(ticks(-3.0, 7.0, 5), vec![-2.0, 0.0, 2.0, 4.0, 6.0]);
        assert_eq!(ticks(5.0, 5.0, 4), vec![5.0]);
    }

    #[test]
    fn a_standalone_chart_nests_the_chart_below_its_title() {
        let inner = r#"<svg width="100" height="50" xmlns="http://www.w3.org/2000/svg"></svg>"#;
        let svg = standalone("目标函数 (亿元)", &[("下调".into(), "#D55E00")], inner);
        assert!(svg.contains(r#"viewBox="0 0 100 104""#));
        assert!(svg.contains(r#"<svg x="0" y="54" width="100""#));
        assert!(svg.contains("Noto Sans CJK SC"));
        assert!(svg.contains(">目标函数 (亿元)</text>"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        let mut svg = Svg::new(10.0, 10.0);
        svg.text(0.0, 0.0, "<x>", Anchor::Start, 10.0, "#000");
        assert!(svg.finish().contains("&lt;x&gt;"));
    }
}
