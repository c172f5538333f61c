//! Self-sufficiency: realised trajectories by foundation and by target group,
//! with the target levels and years marked, and a table with every target
//! year.

use crate::charts::lines::{line_plot, Line, LinePlot, Marker};
use crate::charts::{colour, ChartError, REQUIRED_COLOUR};
use crate::instance::Instance;
use crate::readback::realise::{GroupKind, GroupLevels};
use crate::run::findings::Findings;

use super::i18n::{self as t, Lang};
use super::page::{Cell, LegendEntry, Page, Table};

/// Item-floor groups beside headline groups: context, not the finding.
const FLOOR_COLOUR: &str = "#c4c4c4";

fn trajectory_points(inst: &Instance, levels: &[f64]) -> Vec<(f64, f64)> {
    inst.years
        .iter()
        .zip(levels)
        .map(|(&y, &s)| (y as f64, s))
        .collect()
}

/// The self-sufficiency section of a solve page.
pub fn section(page: &mut Page, inst: &Instance, found: &Findings) -> Result<(), ChartError> {
    let lang = page.lang();
    page.section("self-sufficiency", lang.t(t::SELF_SUFFICIENCY));
    let year_refs: Vec<f64> = inst
        .target_years()
        .iter()
        .map(|&y| inst.years[y] as f64)
        .collect();
    by_area_chart(page, inst, found, &year_refs)?;
    by_target_chart(page, inst, found, year_refs)?;
    let mut headline = table(inst, &found.groups, &inst.milestone_years(), lang);
    headline.caption = lang.t(t::SELF_SUFFICIENCY_TABLE).into();
    page.table(&headline);
    let every_year: Vec<usize> = (0..inst.years.len()).collect();
    let mut full = table(inst, &found.groups, &every_year, lang);
    full.caption = lang.t(t::SELF_SUFFICIENCY_EVERY_YEAR).into();
    full.folded = true;
    page.table(&full);
    Ok(())
}

fn by_area_chart(
    page: &mut Page,
    inst: &Instance,
    found: &Findings,
    year_refs: &[f64],
) -> Result<(), ChartError> {
    let lang = page.lang();
    let mut by_area = LinePlot {
        y_refs: inst.target_levels(),
        x_refs: year_refs.to_vec(),
        x_years: true,
        y_percent: true,
        ..LinePlot::default()
    };
    let mut legend = Vec::new();
    let areas = found.groups.iter().filter_map(|g| match g.kind {
        GroupKind::Area(a) => Some((a, g)),
        _ => None,
    });
    for (i, (a, group)) in areas.enumerate() {
        by_area.lines.push(Line {
            points: trajectory_points(inst, &group.realised),
            colour: colour(i),
            dashed: false,
        });
        legend.push(LegendEntry::swatch(lang.area(inst, a), colour(i)));
    }
    legend.push(LegendEntry::dashed(lang.t(t::REQUIRED), REQUIRED_COLOUR));
    page.figure(
        "sufficiency-by-area",
        lang.t(t::BY_AREA_CHART),
        &line_plot("sufficiency-by-area", &by_area)?,
        &legend,
    );
    Ok(())
}

fn by_target_chart(
    page: &mut Page,
    inst: &Instance,
    found: &Findings,
    year_refs: Vec<f64>,
) -> Result<(), ChartError> {
    let lang = page.lang();
    let groups: Vec<_> = found
        .groups
        .iter()
        .filter_map(|g| match &g.kind {
            GroupKind::Target(group) => Some((group, g)),
            _ => None,
        })
        .collect();
    if groups.is_empty() {
        return Ok(());
    }
    let mut by_group = LinePlot {
        x_refs: year_refs,
        x_years: true,
        y_percent: true,
        ..LinePlot::default()
    };
    // Many groups drawn alike are a tangle (the national instance has 24):
    // with headline targets beside item floors, the headline groups keep
    // the colours and the floors are drawn first, in grey.
    let is_floor = |items: &[usize]| items.len() == 1;
    let grey_floors = groups.iter().any(|(g, _)| !is_floor(&g.items))
        && groups.iter().any(|(g, _)| is_floor(&g.items));
    let mut order: Vec<usize> = (0..groups.len()).collect();
    if grey_floors {
        order.sort_by_key(|&i| !is_floor(&groups[i].0.items));
    }
    let mut legend = Vec::new();
    let mut coloured = 0;
    for i in order {
        let (group, levels) = groups[i];
        let shade = if grey_floors && is_floor(&group.items) {
            FLOOR_COLOUR
        } else {
            coloured += 1;
            colour(coloured - 1)
        };
        by_group.lines.push(Line {
            points: trajectory_points(inst, &levels.realised),
            colour: shade,
            dashed: false,
        });
        for &g in &group.targets {
            by_group.markers.push(Marker {
                x: inst.years[inst.targets[g].year] as f64,
                y: inst.targets[g].level,
                colour: shade,
                filled: found.targets.get(g).is_some_and(|r| r.met),
            });
        }
        if shade != FLOOR_COLOUR {
            legend.push(LegendEntry::swatch(lang.group(inst, &group.group), shade));
        }
    }
    if grey_floors {
        legend.push(LegendEntry::swatch(
            lang.t(t::ITEM_FLOORS_GREY),
            FLOOR_COLOUR,
        ));
    }
    page.figure(
        "sufficiency-by-target",
        lang.t(t::BY_GROUP_CHART),
        &line_plot("sufficiency-by-target", &by_group)?,
        &legend,
    );
    Ok(())
}

/// Rows: foundations, target groups, all items; columns: initial, then the
/// realised level in each of `years` (indices).
fn table(inst: &Instance, groups: &[GroupLevels], years: &[usize], lang: Lang) -> Table {
    let mut headers = vec![
        lang.t(t::LEVEL).to_string(),
        String::new(),
        lang.t(t::INITIAL).to_string(),
    ];
    headers.extend(years.iter().map(|&y| inst.years[y].to_string()));
    let rows = groups
        .iter()
        .map(|g| {
            let (kind, name) = match &g.kind {
                GroupKind::Area(a) => (lang.t(t::AREA), lang.area(inst, *a)),
                GroupKind::Target(group) => {
                    (lang.t(t::TARGET_GROUP), lang.group(inst, &group.group))
                }
                GroupKind::All => (lang.t(t::ALL), lang.t(t::ALL).to_string()),
            };
            let mut cells = vec![Cell::text(kind), Cell::text(name), Cell::pct(g.initial)];
            cells.extend(years.iter().map(|&y| Cell::pct(g.realised[y])));
            cells
        })
        .collect();
    Table {
        caption: String::new(),
        headers,
        rows,
        folded: false,
    }
}
