//! The near-optimal plans page: per kind of direction a range chart (least
//! to most funding over the plans within the slack, the least-cost plan
//! marked), the sentences a planner can forward, and the table.

use crate::analysis::alternatives::{AlternativesResult, Side};
use crate::charts::ranges::range_bars;
use crate::instance::Instance;
use crate::report::alternatives::{
    direction_name, how_run, kind_name, kinds, legend, range_rows, rule_sentence, verdict_sentence,
    verdict_word,
};

use super::super::i18n::Lang;
use super::super::page::{Cell, LegendEntry, Page, Table};
use super::super::solve::footer;

/// The HTML report of `alternatives`.
pub fn alternatives_page(inst: &Instance, result: &AlternativesResult, lang: Lang) -> String {
    let title = match lang {
        Lang::En => "Near-optimal plans",
        Lang::Zh => "近优方案",
    };
    let mut page = Page::new(lang, &format!("{title}: {}", inst.name));
    page.paragraph(&how_run(result, lang));
    page.note(&rule_sentence(lang));
    let legend: Vec<LegendEntry> = legend(lang)
        .into_iter()
        .map(|(label, colour)| LegendEntry::swatch(label, colour))
        .collect();
    let headers: Vec<String> = match lang {
        Lang::En => [
            "direction",
            "least-cost plan 亿元",
            "min 亿元",
            "max 亿元",
            "range 亿元",
            "verdict",
            "plans",
        ],
        Lang::Zh => [
            "方向",
            "最低成本方案 亿元",
            "最少 亿元",
            "最多 亿元",
            "区间 亿元",
            "判断",
            "方案",
        ],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    for kind in kinds(result) {
        page.section(kind.id(), kind_name(kind, lang));
        let chart = range_bars(&range_rows(inst, result, kind, lang), "亿元");
        let caption = match lang {
            Lang::En => "Project funding over the horizon (亿元): the bar spans the near-optimal plans, the black tick is the least-cost plan",
            Lang::Zh => "规划期项目资金(亿元)：条形为近优方案的范围，黑色刻度为最低成本方案",
        };
        page.figure(&format!("ranges-{}", kind.id()), caption, &chart, &legend);
        let ranges: Vec<_> = result
            .ranges
            .iter()
            .filter(|r| r.direction.kind == kind)
            .collect();
        for r in &ranges {
            page.paragraph(&verdict_sentence(inst, r, result.slack, lang));
        }
        page.table(&Table {
            caption: kind_name(kind, lang).to_string(),
            headers: headers.clone(),
            rows: ranges
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(direction_name(inst, &r.direction, lang)),
                        Cell::num(r.optimum_yi),
                        Cell::num(r.min.funding_yi),
                        Cell::num(r.max.funding_yi),
                        Cell::num(r.range_yi()),
                        Cell::text(verdict_word(r.verdict(), lang)),
                        Cell::text(format!("{}/ {}/", r.folder(Side::Min), r.folder(Side::Max))),
                    ]
                })
                .collect(),
            folded: true,
        });
    }
    page.finish(&footer(inst, lang))
}
