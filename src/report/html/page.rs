//! The page builder: one self-contained HTML file (inline CSS, SVG and a
//! little script; a Content-Security-Policy that forbids every request), with
//! a table of contents, sections, figures with their legends, and tables.

use std::fmt::Write as _;

use crate::charts::svg::escape;
use crate::charts::FONT_STACK;

use super::i18n::{self, Lang};

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// Forbids every network request: a forwarded report never phones home and
/// never depends on anything but itself.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'unsafe-inline'";

/// One entry of a chart's legend.
#[derive(Debug, Clone)]
pub struct LegendEntry {
    pub label: String,
    pub colour: String,
    /// Drawn as a dashed line rather than a swatch.
    pub dashed: bool,
}

impl LegendEntry {
    pub fn swatch(label: impl Into<String>, colour: &str) -> LegendEntry {
        LegendEntry {
            label: label.into(),
            colour: colour.to_string(),
            dashed: false,
        }
    }

    pub fn dashed(label: impl Into<String>, colour: &str) -> LegendEntry {
        LegendEntry {
            label: label.into(),
            colour: colour.to_string(),
            dashed: true,
        }
    }
}

/// A table cell: text, or a number shown formatted and sorted by value.
#[derive(Debug, Clone)]
pub enum Cell {
    Text(String),
    Number {
        shown: String,
        value: f64,
    },
    /// Text marked as a warning (a missed target, a failed check).
    Alert(String),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A number with the chart formatting ([`crate::charts::number`]).
    pub fn num(v: f64) -> Cell {
        Cell::Number {
            shown: crate::charts::number(v),
            value: v,
        }
    }

    /// A share shown in percent.
    pub fn pct(share: f64) -> Cell {
        Cell::Number {
            shown: crate::charts::percent(share),
            value: share,
        }
    }

    /// A count (no decimals).
    pub fn count(n: usize) -> Cell {
        Cell::Number {
            shown: n.to_string(),
            value: n as f64,
        }
    }

    /// An optional number; "–" when absent.
    pub fn opt(v: Option<f64>) -> Cell {
        v.map_or(Cell::text("–"), Cell::num)
    }
}

/// A table with a caption; sortable by clicking a header.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Shown folded (long tables under a chart that shows the same numbers).
    pub folded: bool,
}

/// A page under construction.
pub struct Page {
    lang: Lang,
    title: String,
    body: String,
    contents: Vec<(String, String)>,
    open_section: bool,
}

impl Page {
    pub fn new(lang: Lang, title: &str) -> Page {
        Page {
            lang,
            title: title.to_string(),
            body: String::new(),
            contents: Vec::new(),
            open_section: false,
        }
    }

    /// The page's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A paragraph of text under the title or in a section.
    pub fn paragraph(&mut self, text: &str) {
        let _ = write!(self.body, "<p>{}</p>", escape(text));
    }

    /// A note set apart (an assumption or caveat the reader must see).
    pub fn note(&mut self, text: &str) {
        let _ = write!(self.body, r#"<p class="note">{}</p>"#, escape(text));
    }

    /// The finding that opens a page: a heading, lead sentences, and one
    /// line per verdict: (what is missed, the verdict in a word or two, why;
    /// `true`: out of reach, marked apart).
    pub fn finding(
        &mut self,
        title: &str,
        lead: &[String],
        verdicts: &[(String, String, String, bool)],
    ) {
        let _ = write!(
            self.body,
            r#"<div class="finding" id="finding"><h2>{}</h2>"#,
            escape(title)
        );
        for line in lead {
            let _ = write!(self.body, r#"<p class="finding-lead">{}</p>"#, escape(line));
        }
        if !verdicts.is_empty() {
            self.body.push_str("<ul>");
            let (colon, dash, stop) = match self.lang {
                Lang::En => (": ", " — ", "."),
                Lang::Zh => ("：", "——", "。"),
            };
            for (subject, verdict, detail, out_of_reach) in verdicts {
                let class = if *out_of_reach {
                    "out-of-reach"
                } else {
                    "underfunded"
                };
                let _ = write!(
                    self.body,
                    r#"<li class="{class}">{}{colon}<strong>{}</strong>{dash}{}{stop}</li>"#,
                    escape(subject),
                    escape(verdict),
                    escape(detail)
                );
            }
            self.body.push_str("</ul>");
        }
        self.body.push_str("</div>");
    }

    /// Key figures as cards: (label, value, detail).
    pub fn cards(&mut self, cards: &[(String, String, String)]) {
        self.body.push_str(r#"<div class="cards">"#);
        for (label, value, detail) in cards {
            let _ = write!(
                self.body,
                r#"<div class="card"><div class="card-label">{}</div><div class="card-value">{}</div><div class="card-detail">{}</div></div>"#,
                escape(label),
                escape(value),
                escape(detail)
            );
        }
        self.body.push_str("</div>");
    }

    /// Starts a section listed in the contents.
    pub fn section(&mut self, id: &str, title: &str) {
        self.close_section();
        let _ = write!(
            self.body,
            r#"<section id="{}"><h2>{}</h2>"#,
            escape(id),
            escape(title)
        );
        self.contents.push((id.to_string(), title.to_string()));
        self.open_section = true;
    }

    fn close_section(&mut self) {
        if self.open_section {
            self.body.push_str("</section>");
            self.open_section = false;
        }
    }

    /// A chart with its caption and legend; `id` names it for readers and tests.
    pub fn figure(&mut self, id: &str, caption: &str, svg: &str, legend: &[LegendEntry]) {
        let _ = write!(
            self.body,
            r#"<figure class="chart" id="chart-{id}" data-chart="{id}"><figcaption>{}</figcaption>"#,
            escape(caption),
            id = escape(id)
        );
        if !legend.is_empty() {
            self.body.push_str(r#"<ul class="legend">"#);
            for entry in legend {
                let class = if entry.dashed { "line" } else { "swatch" };
                let _ = write!(
                    self.body,
                    r#"<li><span class="{class}" style="--c:{}"></span>{}</li>"#,
                    escape(&entry.colour),
                    escape(&entry.label)
                );
            }
            self.body.push_str("</ul>");
        }
        let _ = write!(self.body, r#"<div class="plot">{svg}</div></figure>"#);
    }

    /// A table; folded tables open on click and always when printed.
    pub fn table(&mut self, table: &Table) {
        let lang = self.lang;
        if table.folded {
            let _ = write!(
                self.body,
                "<details><summary>{} — {}</summary>",
                escape(lang.t(i18n::SHOW_TABLE)),
                escape(&table.caption)
            );
        }
        let _ = write!(
            self.body,
            r#"<div class="table-wrap"><table class="sortable"><caption>{}</caption><thead><tr>"#,
            escape(&table.caption)
        );
        for h in &table.headers {
            let _ = write!(self.body, "<th>{}</th>", escape(h));
        }
        self.body.push_str("</tr></thead><tbody>");
        for row in &table.rows {
            self.body.push_str("<tr>");
            for cell in row {
                match cell {
                    Cell::Text(t) => {
                        let _ = write!(self.body, "<td>{}</td>", escape(t));
                    }
                    Cell::Alert(t) => {
                        let _ = write!(self.body, r#"<td class="alert">{}</td>"#, escape(t));
                    }
                    Cell::Number { shown, value } => {
                        let _ = write!(
                            self.body,
                            r#"<td class="num" data-v="{value}">{}</td>"#,
                            escape(shown)
                        );
                    }
                }
            }
            self.body.push_str("</tr>");
        }
        self.body.push_str("</tbody></table></div>");
        if table.folded {
            self.body.push_str("</details>");
        }
    }

    /// The finished, self-contained HTML document.
    pub fn finish(mut self, footer: &str) -> String {
        self.close_section();
        let lang = self.lang;
        let mut nav = String::new();
        if self.contents.len() > 1 {
            let _ = write!(
                nav,
                r#"<nav><strong>{}</strong><ol>"#,
                escape(lang.t(i18n::CONTENTS))
            );
            for (id, title) in &self.contents {
                let _ = write!(
                    nav,
                    r##"<li><a href="#{}">{}</a></li>"##,
                    escape(id),
                    escape(title)
                );
            }
            nav.push_str("</ol></nav>");
        }
        format!(
            r#"<!DOCTYPE html>
<html lang="{html_lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="qiangji {version}">
<title>{title}</title>
<style>:root {{ --font: {font}; }}
{STYLE}</style>
</head>
<body>
<header><h1>{title}</h1></header>
{nav}<main>{body}</main>
<footer>{footer}</footer>
<script>{SCRIPT}</script>
</body>
</html>
"#,
            html_lang = lang.html_lang(),
            version = env!("CARGO_PKG_VERSION"),
            title = escape(&self.title),
            font = FONT_STACK,
            body = self.body,
            footer = escape(footer),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_self_contained_and_escapes_what_it_is_given() {
        let mut page = Page::new(Lang::Zh, "方案 <demo>");
        page.section("targets", "目标");
        page.figure(
            "x",
            "cap & more",
            "<svg></svg>",
            &[LegendEntry::swatch("北京", "#000")],
        );
        page.table(&Table {
            caption: "t".into(),
            headers: vec!["a".into()],
            rows: vec![vec![Cell::num(1234.5)], vec![Cell::Alert("no".into())]],
            folded: true,
        });
        let html = page.finish("footer");
        assert!(html.contains(r#"<html lang="zh-CN">"#));
        assert!(html.contains("方案 &lt;demo&gt;"));
        assert!(html.contains("cap &amp; more"));
        assert!(
            html.contains(r#"data-v="1234.5">1,234"#) || html.contains(r#"data-v="1234.5">1,235"#)
        );
        assert!(html.contains("default-src 'none'"));
        assert!(html.contains("Noto Sans CJK SC"));
        // Nothing is fetched: no external source, stylesheet or font.
        for needle in ["src=\"http", "href=\"http", "@import", "url("] {
            assert!(!html.contains(needle), "{needle}");
        }
    }
}
