//! Where the money goes: funding by foundation × province (heat map) and by
//! instrument × year (stacked columns); provinces ranked by what they
//! receive, with their advantage, and why the others receive nothing.

use crate::charts::bars::{stacked_hbars, BarRow, BarSeries};
use crate::charts::columns::{stacked_columns, ColumnSeries};
use crate::charts::heatmap::heatmap;
use crate::charts::{colour, number, ChartError};
use crate::instance::Instance;
use crate::plan::totals::ProvinceFunding;
use crate::plan::why_not::{Reason, Unfunded};
use crate::run::findings::Findings;

use super::i18n::{self as t, Lang};
use super::page::{Cell, LegendEntry, Page, Table};

const CENTRAL_COLOUR: &str = "#0072B2";
const PROVINCIAL_COLOUR: &str = "#E69F00";

/// Funding bars split central / provincial, as the legend and bar series.
pub fn payer_series(lang: Lang) -> (Vec<BarSeries>, Vec<LegendEntry>) {
    let series = vec![
        BarSeries {
            name: lang.t(t::CENTRAL).into(),
            colour: CENTRAL_COLOUR,
        },
        BarSeries {
            name: lang.t(t::PROVINCIAL).into(),
            colour: PROVINCIAL_COLOUR,
        },
    ];
    let legend = series
        .iter()
        .map(|s| LegendEntry::swatch(&s.name, s.colour))
        .collect();
    (series, legend)
}

/// The money section of a solve page.
pub fn money_section(page: &mut Page, inst: &Instance, found: &Findings) -> Result<(), ChartError> {
    let lang = page.lang();
    page.section("money", lang.t(t::MONEY));
    let provinces = &found.provinces;
    let areas = inst.areas_with_items();
    let row_names: Vec<String> = areas.iter().map(|&a| lang.area(inst, a)).collect();
    let column_names: Vec<String> = provinces
        .iter()
        .map(|p| lang.province(inst, p.province))
        .collect();
    let values: Vec<Vec<f64>> = areas
        .iter()
        .map(|&a| provinces.iter().map(|p| p.by_area_yi[a]).collect())
        .collect();
    page.figure(
        "funding-heatmap",
        lang.t(t::HEATMAP_CAPTION),
        &heatmap(&row_names, &column_names, &values, lang.t(t::YI)),
        &[],
    );
    let mut headers = vec![lang.t(t::PROVINCE).to_string()];
    headers.extend(row_names.iter().cloned());
    headers.push(lang.t(t::TOTAL_YI).into());
    page.table(&Table {
        caption: lang.t(t::HEATMAP_TABLE).into(),
        headers,
        rows: provinces
            .iter()
            .map(|p| {
                let mut cells = vec![Cell::text(lang.province(inst, p.province))];
                cells.extend(areas.iter().map(|&a| Cell::num(p.by_area_yi[a])));
                cells.push(Cell::num(p.areas_total_yi));
                cells
            })
            .collect(),
        folded: true,
    });
    by_instrument(page, inst, found)
}

fn by_instrument(page: &mut Page, inst: &Instance, found: &Findings) -> Result<(), ChartError> {
    let lang = page.lang();
    let spend = &found.spend_by_year;
    let mut names: Vec<String> = inst.model.mode_ids().map(|m| lang.mode(inst, m)).collect();
    let mut series: Vec<ColumnSeries> = inst
        .model
        .mode_ids()
        .enumerate()
        .map(|(i, m)| ColumnSeries {
            values: found
                .funding_by_mode_year
                .row(m.index())
                .iter()
                .map(|s| s.total_yi())
                .collect(),
            colour: colour(i),
        })
        .collect();
    let n_modes = series.len();
    names.push(lang.t(t::PLATFORMS_SPEND).into());
    series.push(ColumnSeries {
        values: spend.iter().map(|s| s.platforms_yi()).collect(),
        colour: colour(n_modes),
    });
    names.push(lang.t(t::TRAINING_SPEND).into());
    series.push(ColumnSeries {
        values: spend.iter().map(|s| s.training_yi).collect(),
        colour: colour(n_modes + 1),
    });
    let legend: Vec<LegendEntry> = names
        .iter()
        .zip(&series)
        .map(|(n, s)| LegendEntry::swatch(n, s.colour))
        .collect();
    page.figure(
        "spending-by-instrument",
        lang.t(t::BY_INSTRUMENT_CHART),
        &stacked_columns("spending-by-instrument", &inst.years, &series)?,
        &legend,
    );
    let mut headers = vec![lang.t(t::YEAR).to_string()];
    headers.extend(names.iter().cloned());
    headers.extend([
        lang.t(t::CENTRAL_YI).to_string(),
        lang.t(t::PROVINCIAL_YI).to_string(),
        lang.t(t::TOTAL_YI).to_string(),
    ]);
    page.table(&Table {
        caption: lang.t(t::BY_YEAR_TABLE).into(),
        headers,
        rows: inst
            .years
            .iter()
            .enumerate()
            .map(|(y, year)| {
                let mut cells = vec![Cell::text(year.to_string())];
                cells.extend(series.iter().map(|s| Cell::num(s.values[y])));
                cells.extend([
                    Cell::num(spend[y].central_yi()),
                    Cell::num(spend[y].provincial_yi()),
                    Cell::num(spend[y].total_yi()),
                ]);
                cells
            })
            .collect(),
        folded: true,
    });
    Ok(())
}

/// The provinces section: ranked funding with advantage, and why not.
pub fn provinces_section(page: &mut Page, inst: &Instance, found: &Findings) {
    let lang = page.lang();
    page.section("provinces", lang.t(t::PROVINCE_VIEW));
    let provinces = &found.provinces;
    let advantage_note = |p: &ProvinceFunding| match p.strongest_area {
        Some((a, adv)) => format!("{:.2} · {}", adv, lang.area(inst, a)),
        None => String::new(),
    };
    let rows: Vec<BarRow> = provinces
        .iter()
        .map(|p| BarRow {
            label: lang.province(inst, p.province),
            values: vec![p.funding.central_yi, p.funding.provincial_yi],
            note: advantage_note(p),
            faded: false,
        })
        .collect();
    let (series, legend) = payer_series(lang);
    page.figure(
        "provinces-ranked",
        lang.t(t::RANKED_CAPTION),
        &stacked_hbars(&rows, &series, lang.t(t::YI)),
        &legend,
    );
    page.table(&Table {
        caption: lang.t(t::PROVINCE_VIEW).into(),
        headers: vec![
            lang.t(t::PROVINCE).into(),
            lang.t(t::REGION).into(),
            lang.t(t::CENTRAL_YI).into(),
            lang.t(t::PROVINCIAL_YI).into(),
            lang.t(t::TOTAL_YI).into(),
            lang.t(t::ADVANTAGE).into(),
            lang.t(t::BEST_AREA).into(),
            lang.t(t::FUNDED_AREAS).into(),
        ],
        rows: provinces
            .iter()
            .map(|p| {
                let strongest = p.strongest_area;
                vec![
                    Cell::text(lang.province(inst, p.province)),
                    Cell::text(lang.region(inst.provinces[p.province].region)),
                    Cell::num(p.funding.central_yi),
                    Cell::num(p.funding.provincial_yi),
                    Cell::num(p.funding.total_yi()),
                    Cell::opt(strongest.map(|s| s.1)),
                    Cell::text(strongest.map(|s| lang.area(inst, s.0)).unwrap_or_default()),
                    Cell::count(p.funded_areas),
                ]
            })
            .collect(),
        folded: true,
    });
    why_not(page, inst, &found.unfunded);
}

fn why_not(page: &mut Page, inst: &Instance, unfunded: &[Unfunded]) {
    let lang = page.lang();
    if unfunded.is_empty() {
        page.paragraph(lang.t(t::WHY_NOT_NONE));
        return;
    }
    page.table(&Table {
        caption: lang.t(t::WHY_NOT).into(),
        headers: vec![
            lang.t(t::PROVINCE).into(),
            lang.t(t::REGION).into(),
            lang.t(t::REASONS).into(),
        ],
        rows: unfunded
            .iter()
            .map(|u| {
                let reasons: Vec<String> = u
                    .reasons
                    .iter()
                    .map(|r| reason_text(inst, r, lang))
                    .collect();
                vec![
                    Cell::text(lang.province(inst, u.province)),
                    Cell::text(lang.region(inst.provinces[u.province].region)),
                    Cell::text(reasons.join(lang.t(t::LIST_SEPARATOR))),
                ]
            })
            .collect(),
        folded: false,
    });
}

/// A reason in the report's language.
pub fn reason_text(inst: &Instance, reason: &Reason, lang: Lang) -> String {
    match reason {
        Reason::NoIndustry => lang.t(t::REASON_NO_INDUSTRY).into(),
        Reason::NoCapacity => lang.t(t::REASON_NO_CAPACITY).into(),
        Reason::NoTalent => lang.t(t::REASON_NO_TALENT).into(),
        Reason::NoProvincialBudget => lang.t(t::REASON_NO_BUDGET).into(),
        Reason::CheaperElsewhere => lang.t(t::REASON_CHEAPER).into(),
        Reason::OnlyCentralInstruments { modes } => match lang {
            Lang::En => format!(
                "its provincial budget is zero, so only instruments without co-funding remain open to it ({}), and they buy more elsewhere",
                modes.join(", ")
            ),
            Lang::Zh => format!(
                "其地方预算为零，只剩无需地方配套的工具({})，而这些工具用在别处成效更高",
                modes.join("、")
            ),
        },
        Reason::IneligibleForLeadSites {
            best_advantage,
            threshold,
        } => match lang {
            Lang::En => format!(
                "cannot host a national lead site: advantage {} below the threshold {}",
                number(*best_advantage),
                number(*threshold)
            ),
            Lang::Zh => format!(
                "不具备国家牵头地资格：优势指数 {} 低于门槛 {}",
                number(*best_advantage),
                number(*threshold)
            ),
        },
        Reason::LowerAdvantage {
            area,
            advantage,
            marginal_province,
            marginal_advantage,
        } => match lang {
            Lang::En => format!(
                "lower advantage than the marginal funded province in {}: {} here against {} in {}",
                lang.area(inst, *area),
                number(*advantage),
                number(*marginal_advantage),
                lang.province(inst, *marginal_province)
            ),
            Lang::Zh => format!(
                "优势低于边际获资助省份：{}领域本省 {}，{} {}",
                lang.area(inst, *area),
                number(*advantage),
                lang.province(inst, *marginal_province),
                number(*marginal_advantage)
            ),
        },
    }
}
