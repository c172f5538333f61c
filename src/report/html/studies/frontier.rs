//! The frontier page: the chart (least real spending over the target's
//! level, or the highest level over the budget) with its breakpoints, what
//! changes at each, and every point in a table.

use crate::analysis::frontier::FrontierResult;
use crate::charts::lines::line_plot;
use crate::charts::ChartError;
use crate::instance::Instance;
use crate::report::frontier::{
    axis_label, breakpoint_sentences, frontier_plot, how_run, legend, marginal_label, shown_x,
};

use super::super::i18n::Lang;
use super::super::page::{Cell, LegendEntry, Page, Table};
use super::super::solve::footer;

/// The HTML report of `frontier`.
pub fn frontier_page(
    inst: &Instance,
    result: &FrontierResult,
    lang: Lang,
) -> Result<String, ChartError> {
    let title = match lang {
        Lang::En => "Cost–self-sufficiency frontier",
        Lang::Zh => "成本—自主保障前沿",
    };
    let target = &inst.targets[result.target].id;
    let mut page = Page::new(lang, &format!("{title}: {} — {target}", inst.name));
    page.paragraph(&how_run(inst, result, lang));
    if let Some(plot) = frontier_plot(result) {
        let chart = line_plot("frontier", &plot)?;
        let legend: Vec<LegendEntry> = legend(result.axis, lang)
            .into_iter()
            .map(|(label, colour)| LegendEntry::swatch(label, colour))
            .collect();
        page.figure("frontier", axis_label(result.axis, lang), &chart, &legend);
    }
    for s in breakpoint_sentences(result, lang) {
        page.paragraph(&s);
    }
    let headers = match lang {
        Lang::En => vec![
            axis_label(result.axis, lang).to_string(),
            "level reached %".into(),
            "real spending 亿元".into(),
            marginal_label(result.axis, lang).into(),
            "breakpoint".into(),
            "status".into(),
        ],
        Lang::Zh => vec![
            axis_label(result.axis, lang).to_string(),
            "达到水平 %".into(),
            "实际支出 亿元".into(),
            marginal_label(result.axis, lang).into(),
            "转折点".into(),
            "状态".into(),
        ],
    };
    let yes = match lang {
        Lang::En => "yes",
        Lang::Zh => "是",
    };
    page.table(&Table {
        caption: title.to_string(),
        headers,
        rows: result
            .points
            .iter()
            .map(|p| {
                vec![
                    Cell::num(shown_x(result.axis, p.x)),
                    Cell::opt(p.level.map(|l| 100.0 * l)),
                    Cell::opt(p.spend_yi),
                    Cell::opt(p.marginal),
                    Cell::text(if p.breakpoint { yes } else { "" }),
                    Cell::text(p.status.id()),
                ]
            })
            .collect(),
        folded: false,
    });
    Ok(page.finish(&footer(inst, lang)))
}
