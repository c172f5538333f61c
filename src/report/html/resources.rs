//! Lead sites, platforms and talent: where the national instrument
//! concentrates, what is built when, and how much of each province's talent
//! the plan uses.

use crate::charts::bars::{stacked_hbars, BarRow, BarSeries};
use crate::charts::columns::{stacked_columns, ColumnSeries};
use crate::charts::{colour, ChartError};
use crate::instance::Instance;
use crate::run::findings::Findings;

use super::i18n::{self as t};
use super::money::payer_series;
use super::page::{Cell, LegendEntry, Page, Table};

/// National lead sites: funding of each designated site, with its advantage.
pub fn lead_sites_section(page: &mut Page, inst: &Instance, found: &Findings) {
    let lang = page.lang();
    page.section("lead-sites", lang.t(t::LEAD_SITES));
    let sites: Vec<_> = found
        .lead_sites_by_funding
        .iter()
        .map(|&i| &found.lead_sites[i])
        .collect();
    if sites.is_empty() {
        page.paragraph(lang.t(t::NO_LEAD_SITES));
        return;
    }
    let rows: Vec<BarRow> = sites
        .iter()
        .map(|s| BarRow {
            label: format!(
                "{} — {}",
                lang.item(inst, s.item),
                lang.province(inst, s.province)
            ),
            values: vec![s.funding.central_yi, s.funding.provincial_yi],
            note: format!("{:.2}", s.advantage),
            faded: false,
        })
        .collect();
    let (series, legend) = payer_series(lang);
    page.figure(
        "lead-sites",
        lang.t(t::LEAD_SITES_CAPTION),
        &stacked_hbars(&rows, &series, lang.t(t::YI)),
        &legend,
    );
    page.table(&Table {
        caption: lang.t(t::LEAD_SITES).into(),
        headers: vec![
            lang.t(t::ITEM).into(),
            lang.t(t::AREA).into(),
            lang.t(t::PROVINCE).into(),
            lang.t(t::ADVANTAGE).into(),
            lang.t(t::EFFORT).into(),
            lang.t(t::CENTRAL_YI).into(),
            lang.t(t::PROVINCIAL_YI).into(),
        ],
        rows: sites
            .iter()
            .map(|s| {
                vec![
                    Cell::text(lang.item(inst, s.item)),
                    Cell::text(lang.area(inst, inst.items[s.item].area)),
                    Cell::text(lang.province(inst, s.province)),
                    Cell::num(s.advantage),
                    Cell::num(s.effort),
                    Cell::num(s.funding.central_yi),
                    Cell::num(s.funding.provincial_yi),
                ]
            })
            .collect(),
        folded: true,
    });
}

/// New platforms by foundation and year.
pub fn platforms_section(
    page: &mut Page,
    inst: &Instance,
    found: &Findings,
) -> Result<(), ChartError> {
    let lang = page.lang();
    page.section("platforms", lang.t(t::PLATFORMS));
    let built = &found.platforms_by_area_year;
    let areas = inst.areas_with_items();
    if built.iter().all(|&n| n <= crate::tolerances::PRINT_ZERO) {
        page.paragraph(lang.t(t::NO_PLATFORMS));
    }
    let series: Vec<ColumnSeries> = areas
        .iter()
        .enumerate()
        .map(|(i, &a)| ColumnSeries {
            values: built.row(a).to_vec(),
            colour: colour(i),
        })
        .collect();
    let legend: Vec<LegendEntry> = areas
        .iter()
        .enumerate()
        .map(|(i, &a)| LegendEntry::swatch(lang.area(inst, a), colour(i)))
        .collect();
    page.figure(
        "platforms",
        lang.t(t::PLATFORMS_CAPTION),
        &stacked_columns("platforms", &inst.years, &series)?,
        &legend,
    );
    let mut headers = vec![lang.t(t::AREA).to_string()];
    headers.extend(inst.years.iter().map(i32::to_string));
    headers.push(lang.t(t::TOTAL).into());
    page.table(&Table {
        caption: lang.t(t::PLATFORMS_TABLE).into(),
        headers,
        rows: areas
            .iter()
            .map(|&a| {
                let mut cells = vec![Cell::text(lang.area(inst, a))];
                cells.extend(built.row(a).iter().map(|&n| Cell::num(n)));
                cells.push(Cell::num(found.platforms_by_area[a]));
                cells
            })
            .collect(),
        folded: true,
    });
    Ok(())
}

/// Talent used against talent available, by province over the horizon.
pub fn talent_section(page: &mut Page, inst: &Instance, found: &Findings) {
    let lang = page.lang();
    page.section("talent", lang.t(t::TALENT));
    let (talent, order) = (&found.talent, &found.talent_order);
    let years_note = |n: usize| match lang {
        super::Lang::En => format!("{n} yr at limit"),
        super::Lang::Zh => format!("{n} 年达上限"),
    };
    let rows: Vec<BarRow> = order
        .iter()
        .map(|&p| {
            let t = &talent[p];
            BarRow {
                label: lang.province(inst, p),
                values: vec![t.used_kfte_years, t.spare_kfte_years()],
                note: if t.years_at_limit > 0 {
                    years_note(t.years_at_limit)
                } else {
                    String::new()
                },
                faded: false,
            }
        })
        .collect();
    let series = vec![
        BarSeries {
            name: lang.t(t::TALENT_USED).into(),
            colour: "#009E73",
        },
        BarSeries {
            name: lang.t(t::TALENT_SPARE).into(),
            colour: "#c9e9df",
        },
    ];
    let legend: Vec<LegendEntry> = series
        .iter()
        .map(|s| LegendEntry::swatch(&s.name, s.colour))
        .collect();
    page.figure(
        "talent",
        lang.t(t::TALENT_CAPTION),
        &stacked_hbars(&rows, &series, lang.t(t::KFTE_YEARS)),
        &legend,
    );
    let kfte = |label: t::Text| format!("{} ({})", lang.t(label), lang.t(t::KFTE_YEARS_COLUMN));
    page.table(&Table {
        caption: lang.t(t::TALENT).into(),
        headers: vec![
            lang.t(t::PROVINCE).into(),
            kfte(t::TALENT_USED),
            kfte(t::TALENT_AVAILABLE),
            lang.t(t::UTILISATION).into(),
            lang.t(t::YEARS_AT_LIMIT).into(),
        ],
        rows: order
            .iter()
            .map(|&p| {
                let t = &talent[p];
                vec![
                    Cell::text(lang.province(inst, p)),
                    Cell::num(t.used_kfte_years),
                    Cell::num(t.available_kfte_years),
                    Cell::pct(t.utilisation()),
                    Cell::count(t.years_at_limit),
                ]
            })
            .collect(),
        folded: true,
    });
}
