//! Self-sufficiency: realised trajectories by foundation and by target group,
//! with the target levels and years marked, and a table with every target
//! year.

use ndarray::Array2;

use crate::charts::lines::{line_plot, Line, LinePlot, Marker};
use crate::charts::{colour, ChartError, REQUIRED_COLOUR};
use crate::instance::Instance;
use crate::readback::realise::group_trajectory;
use crate::report::tables::TargetRow;

use super::i18n::{self as t, Lang};
use super::page::{Cell, LegendEntry, Page, Table};

/// A group of items that one or more targets share, with those targets.
pub struct TargetGroup {
    pub label: String,
    pub items: Vec<usize>,
    /// Indices into the instance's targets, by year.
    pub targets: Vec<usize>,
}

/// Distinct target groups (by their item sets), in the order targets name them.
pub fn target_groups(inst: &Instance, lang: Lang) -> Vec<TargetGroup> {
    let mut groups: Vec<TargetGroup> = Vec::new();
    for (g, target) in inst.targets.iter().enumerate() {
        match groups.iter_mut().find(|x| x.items == target.items) {
            Some(group) => group.targets.push(g),
            None => groups.push(TargetGroup {
                label: lang.group(inst, &target.group),
                items: target.items.clone(),
                targets: vec![g],
            }),
        }
    }
    for group in &mut groups {
        group.targets.sort_by_key(|&g| inst.targets[g].year);
    }
    groups
}

/// Distinct target years, ascending.
pub fn target_years(inst: &Instance) -> Vec<usize> {
    let mut years: Vec<usize> = inst.targets.iter().map(|g| g.year).collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// Distinct target levels, ascending (the 70% of the 2025 milestone among them).
fn target_levels(inst: &Instance) -> Vec<f64> {
    let mut levels: Vec<f64> = inst.targets.iter().map(|g| g.level).collect();
    levels.sort_by(f64::total_cmp);
    levels.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
    levels
}

fn trajectory_points(inst: &Instance, levels: &[f64]) -> Vec<(f64, f64)> {
    inst.years
        .iter()
        .zip(levels)
        .map(|(&y, &s)| (y as f64, s))
        .collect()
}

/// The self-sufficiency section of a solve page.
pub fn section(
    page: &mut Page,
    inst: &Instance,
    realised: &Array2<f64>,
    targets: &[TargetRow],
) -> Result<(), ChartError> {
    let lang = page.lang();
    page.section("self-sufficiency", lang.t(t::SELF_SUFFICIENCY));
    let year_refs: Vec<f64> = target_years(inst)
        .iter()
        .map(|&y| inst.years[y] as f64)
        .collect();
    let target_legend = LegendEntry::dashed(lang.t(t::REQUIRED), REQUIRED_COLOUR);

    let areas: Vec<(usize, Vec<usize>)> = (0..inst.areas.len())
        .map(|a| (a, inst.items_in_area(a)))
        .filter(|(_, items)| !items.is_empty())
        .collect();
    let mut by_area = LinePlot {
        y_refs: target_levels(inst),
        x_refs: year_refs.clone(),
        x_years: true,
        y_percent: true,
        ..LinePlot::default()
    };
    let mut legend = Vec::new();
    for (i, (a, items)) in areas.iter().enumerate() {
        let levels = group_trajectory(inst, items, realised);
        by_area.lines.push(Line {
            points: trajectory_points(inst, &levels),
            colour: colour(i),
            dashed: false,
        });
        legend.push(LegendEntry::swatch(lang.area(inst, *a), colour(i)));
    }
    legend.push(target_legend.clone());
    page.figure(
        "sufficiency-by-area",
        lang.t(t::BY_AREA_CHART),
        &line_plot("sufficiency-by-area", &by_area)?,
        &legend,
    );

    let groups = target_groups(inst, lang);
    if !groups.is_empty() {
        let mut by_group = LinePlot {
            x_refs: year_refs,
            x_years: true,
            y_percent: true,
            ..LinePlot::default()
        };
        let mut legend = Vec::new();
        for (i, group) in groups.iter().enumerate() {
            let levels = group_trajectory(inst, &group.items, realised);
            by_group.lines.push(Line {
                points: trajectory_points(inst, &levels),
                colour: colour(i),
                dashed: false,
            });
            for &g in &group.targets {
                by_group.markers.push(Marker {
                    x: inst.years[inst.targets[g].year] as f64,
                    y: inst.targets[g].level,
                    colour: colour(i),
                    filled: targets.get(g).is_some_and(|r| r.met),
                });
            }
            legend.push(LegendEntry::swatch(&group.label, colour(i)));
        }
        page.figure(
            "sufficiency-by-target",
            lang.t(t::BY_GROUP_CHART),
            &line_plot("sufficiency-by-target", &by_group)?,
            &legend,
        );
    }
    let mut milestones = target_years(inst);
    milestones.extend([0, inst.years.len() - 1]);
    milestones.sort_unstable();
    milestones.dedup();
    let mut headline = table(inst, realised, &areas, &groups, &milestones, lang);
    headline.caption = lang.t(t::SELF_SUFFICIENCY_TABLE).into();
    page.table(&headline);
    let every_year: Vec<usize> = (0..inst.years.len()).collect();
    let mut full = table(inst, realised, &areas, &groups, &every_year, lang);
    full.caption = lang.t(t::SELF_SUFFICIENCY_EVERY_YEAR).into();
    full.folded = true;
    page.table(&full);
    Ok(())
}

/// Rows: foundations, target groups, all items; columns: initial, then the
/// realised level in each of `years` (indices).
fn table(
    inst: &Instance,
    realised: &Array2<f64>,
    areas: &[(usize, Vec<usize>)],
    groups: &[TargetGroup],
    years: &[usize],
    lang: Lang,
) -> Table {
    let mut headers = vec![
        lang.t(t::LEVEL).to_string(),
        String::new(),
        lang.t(t::INITIAL).to_string(),
    ];
    headers.extend(years.iter().map(|&y| inst.years[y].to_string()));
    let row = |kind: &str, name: String, items: &[usize]| {
        let levels = group_trajectory(inst, items, realised);
        let mut cells = vec![
            Cell::text(kind),
            Cell::text(name),
            Cell::pct(inst.initial_group_level(items)),
        ];
        cells.extend(years.iter().map(|&y| Cell::pct(levels[y])));
        cells
    };
    let mut rows: Vec<Vec<Cell>> = areas
        .iter()
        .map(|(a, items)| row(lang.t(t::AREA), lang.area(inst, *a), items))
        .collect();
    rows.extend(
        groups
            .iter()
            .map(|g| row(lang.t(t::TARGET_GROUP), g.label.clone(), &g.items)),
    );
    let all: Vec<usize> = (0..inst.items.len()).collect();
    rows.push(row(lang.t(t::ALL), lang.t(t::ALL).to_string(), &all));
    Table {
        caption: String::new(),
        headers,
        rows,
        folded: false,
    }
}
