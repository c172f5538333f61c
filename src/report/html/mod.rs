//! The HTML report: one self-contained file per command that solves
//! (`report.html`), in English or Chinese, with charts and the same numbers
//! in tables beneath them. Inline CSS, SVG and a little script; no network,
//! no external fonts or scripts; printable to PDF.
//!
//! Pages: [`solve_page`] (solve, sensitivity), [`sweep_page`],
//! [`tornado_page`], [`montecarlo_page`], and for batches
//! [`comparison_page`] and [`diff_page`], which take plain views that the
//! batch command fills.

pub mod compare;
pub mod i18n;
pub mod marginal;
mod money;
pub mod page;
mod pools;
mod resources;
mod solve;
mod studies;
mod sufficiency;

pub use compare::{
    comparison_page, diff_page, Change, ComparisonView, DiffView, Headline, ScenarioRow,
    TargetColumn, TargetOutcome,
};
pub use i18n::Lang;
pub use marginal::MarginalRow;
pub use solve::{solve_page, solver_status, status_text};
pub(crate) use studies::analysis_phrase;
pub use studies::{
    alternatives_page, frontier_page, montecarlo_page, relax_page, sweep_page, tornado_page,
    tornado_series,
};

/// Which readable reports a command writes (`--report`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    Html,
    Markdown,
    #[default]
    Both,
    None,
}

impl ReportFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [ReportFormat; 4] = [
        ReportFormat::Html,
        ReportFormat::Markdown,
        ReportFormat::Both,
        ReportFormat::None,
    ];

    /// The command-line id.
    pub fn id(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Markdown => "md",
            ReportFormat::Both => "both",
            ReportFormat::None => "none",
        }
    }

    /// Whether `report.html` is written.
    pub fn html(self) -> bool {
        matches!(self, ReportFormat::Html | ReportFormat::Both)
    }

    /// Whether `report.md` is written.
    pub fn markdown(self) -> bool {
        matches!(self, ReportFormat::Markdown | ReportFormat::Both)
    }
}

impl std::str::FromStr for ReportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<ReportFormat, String> {
        ReportFormat::ALL
            .into_iter()
            .find(|f| f.id() == s)
            .ok_or_else(|| {
                format!(
                    "unknown report format {}; expected html, md, both or none",
                    crate::quote::code(s)
                )
            })
    }
}

/// What readable reports to write, and in which language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportOptions {
    pub format: ReportFormat,
    pub lang: Lang,
}

/// The file name of the HTML report in an output folder.
pub const HTML_FILE: &str = "report.html";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_languages_parse_from_their_ids() {
        for f in ReportFormat::ALL {
            assert_eq!(f.id().parse::<ReportFormat>(), Ok(f));
        }
        assert!("pdf".parse::<ReportFormat>().is_err());
        assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
        assert!(ReportFormat::Both.html() && ReportFormat::Both.markdown());
        assert!(!ReportFormat::None.html() && !ReportFormat::None.markdown());
        assert_eq!(ReportOptions::default().lang, Lang::En);
    }
}
