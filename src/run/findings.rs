//! What the reports of one solve show about its plan, derived once from the
//! plan, its realised levels and its duals: the targets' accounting, where
//! the money goes, which provinces lead and why the others get nothing, lead
//! sites, platforms, talent, self-sufficiency of every group over the years
//! and the marginal values of priced resources. report.md, report.html, the
//! CSV tables and the printed summary all read these numbers.

use ndarray::Array2;

use crate::instance::diagnose::reach::{out_of_reach, OutOfReach};
use crate::instance::Instance;
use crate::plan::totals::{
    funding_by_mode_year, largest_funding_first, lead_sites, most_talent_used_first,
    platforms_by_area_year, provinces_by_funding, talent_by_province, FundingSplit, LeadSite,
    ProvinceFunding, TalentOverHorizon,
};
use crate::plan::why_not::{unfunded_provinces, Unfunded};
use crate::plan::{spend_by_year, Plan, Spend};
use crate::readback::duals::{priced_by_family, DualRow};
use crate::readback::marginal::{marginal_values, MarginalValue};
use crate::readback::pools::{pool_accounts, PoolAccount};
use crate::readback::provinces::{leading_provinces, LeadingProvince};
use crate::readback::ranging::RowRange;
use crate::readback::realise::{group_levels, GroupLevels};
use crate::readback::realise::{
    group_sources, share_sources, threshold_passed_years, GroupMeasures, GroupSources, ShareSources,
};
use crate::readback::spending::{largest_first, spend_totals, spending, SpendTotals, Spending};
use crate::readback::targets::{group_measures, target_rows, TargetRow};

/// How many of the best-funded provinces report.md explains.
pub const LEADING_PROVINCES: usize = 5;

/// Everything the reports of a solve show about its plan.
#[derive(Debug, Clone)]
pub struct Findings {
    /// Every target's accounting, in instance order.
    pub targets: Vec<TargetRow>,
    /// s[k,t]: the model's levels, items × years (share).
    pub model_levels: Array2<f64>,
    /// Self-sufficiency of each area, target group and all items over the years.
    pub groups: Vec<GroupLevels>,
    /// Real spending by year (index) and over the horizon.
    pub spend_by_year: Vec<Spend>,
    pub spend: SpendTotals,
    /// Project funding by area, province and instrument; what falls after the horizon.
    pub spending: Spending,
    /// Indices of the areas, provinces and instruments (mode index) that
    /// spend anything, largest first (ties by id).
    pub areas_by_spending: Vec<usize>,
    pub provinces_by_spending: Vec<usize>,
    pub modes_by_spending: Vec<usize>,
    /// Project funding, instruments (mode index) × years.
    pub funding_by_mode_year: Array2<FundingSplit>,
    /// Every province's funding, largest first.
    pub provinces: Vec<ProvinceFunding>,
    /// The best-funded provinces with their advantage and binding limits.
    pub leading_provinces: Vec<LeadingProvince>,
    /// Provinces without project funding and why.
    pub unfunded: Vec<Unfunded>,
    /// Designated lead sites in the plan's order, and their indices largest
    /// funding first.
    pub lead_sites: Vec<LeadSite>,
    pub lead_sites_by_funding: Vec<usize>,
    /// New platforms, areas × years, and by area over the horizon.
    pub platforms_by_area_year: Array2<f64>,
    pub platforms_by_area: Vec<f64>,
    /// Talent used and available over the horizon by province, and the
    /// provinces most talent used first.
    pub talent: Vec<TalentOverHorizon>,
    pub talent_order: Vec<usize>,
    /// Marginal values of the priced resource rows, largest slope first.
    pub resource_values: Vec<MarginalValue>,
    /// Priced rows (binding, non-zero dual) by family.
    pub priced_families: Vec<(&'static str, usize)>,
    /// Both measures (weighted mean, items assured) of every target's group
    /// in every year, realised; targets × years (docs/model.md §10 (CT)).
    pub group_measures: Vec<Vec<GroupMeasures>>,
    /// (PIPE) with drift or pipeline effort: each item's realised share by
    /// cause, and each row of `groups` split the same way.
    pub share_sources: Option<(ShareSources, Vec<GroupSources>)>,
    /// (THR) every item with an R&D threshold, in item order.
    pub rd_thresholds: Vec<RdThreshold>,
    /// (POOL) every funding pool's account (empty without pools).
    pub pools: Vec<PoolAccount>,
    /// Per target: whether it is a headline target or an item floor.
    pub target_kinds: Vec<TargetKind>,
    /// Per target: for a missed target whose level no plan can reach by its
    /// year, the most its group can reach and why (the limits `qiangji
    /// check` reports); `None` for a met target or one within reach.
    pub out_of_reach: Vec<Option<OutOfReach>>,
}

/// (THR) when an item's realised cumulative effective effort passes its
/// R&D threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RdThreshold {
    pub item: usize,
    /// Θ_k [effort units].
    pub effort: f64,
    /// The first year (calendar) it is passed; `None`: not inside the horizon.
    pub passed_year: Option<i32>,
}

/// What a target is to a reader of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// A target on a group of several items (areas, or all items): what a
    /// programme is judged by.
    Headline,
    /// A floor on one item's own self-sufficiency.
    ItemFloor,
}

/// Targets met out of targets set, of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetCount {
    pub met: usize,
    pub total: usize,
}

impl Findings {
    /// Targets the plan meets.
    pub fn targets_met(&self) -> usize {
        self.targets.iter().filter(|t| t.met).count()
    }

    /// Targets of `kind` met, out of those set.
    pub fn met_of_kind(&self, kind: TargetKind) -> MetCount {
        let of_kind = || {
            self.targets
                .iter()
                .zip(&self.target_kinds)
                .filter(move |(_, k)| **k == kind)
        };
        MetCount {
            met: of_kind().filter(|(t, _)| t.met).count(),
            total: of_kind().count(),
        }
    }
}

/// A target on one item is that item's floor; any larger group is a headline target.
fn target_kind(items: &[usize]) -> TargetKind {
    if items.len() == 1 {
        TargetKind::ItemFloor
    } else {
        TargetKind::Headline
    }
}

/// Derives the findings of `plan`; `realised` are its realised levels.
pub fn findings(
    inst: &Instance,
    plan: &Plan,
    realised: &Array2<f64>,
    duals: &[DualRow],
    row_ranges: &[RowRange],
) -> Findings {
    let model_levels = plan.model_levels(inst);
    let spend_by_year = spend_by_year(inst, plan);
    let spending = spending(inst, plan);
    let lead_sites = lead_sites(inst, plan);
    let talent = talent_by_province(inst, plan);
    let platforms = platforms_by_area_year(plan);
    let groups = group_levels(inst, realised, &model_levels);
    let share_sources = inst.has_history().then(|| {
        let items = share_sources(inst, plan);
        let by_group = group_sources(inst, &items, &groups);
        (items, by_group)
    });
    let targets = target_rows(inst, plan, &model_levels, realised, duals);
    // Only a missed target needs its reach: the diagnosis walks every
    // province, instrument and year, and batches and Monte Carlo draws
    // derive findings many times.
    let out_of_reach = inst
        .targets
        .iter()
        .zip(&targets)
        .map(|(target, row)| (!row.met).then(|| out_of_reach(inst, target)).flatten())
        .collect();
    Findings {
        target_kinds: inst.targets.iter().map(|t| target_kind(&t.items)).collect(),
        out_of_reach,
        targets,
        groups,
        share_sources,
        rd_thresholds: rd_thresholds(inst, plan),
        model_levels,
        spend: spend_totals(inst, &spend_by_year),
        spend_by_year,
        areas_by_spending: largest_first(&spending.by_area, |a| &inst.areas[a].id),
        provinces_by_spending: largest_first(&spending.by_province, |p| &inst.provinces[p].id),
        modes_by_spending: largest_first(&spending.by_mode, |m| &inst.model.modes[m].id),
        spending,
        funding_by_mode_year: funding_by_mode_year(inst, plan),
        provinces: provinces_by_funding(inst, plan),
        leading_provinces: leading_provinces(inst, plan, duals, LEADING_PROVINCES),
        unfunded: unfunded_provinces(inst, plan),
        lead_sites_by_funding: largest_funding_first(&lead_sites),
        lead_sites,
        platforms_by_area: platforms.rows().into_iter().map(|r| r.sum()).collect(),
        platforms_by_area_year: platforms,
        talent_order: most_talent_used_first(&talent),
        talent,
        resource_values: marginal_values(duals, row_ranges),
        priced_families: priced_by_family(duals),
        pools: pool_accounts(inst, plan, duals),
        group_measures: group_measures(inst, realised),
    }
}

/// (THR) every item with an R&D threshold and the year the plan passes it.
fn rd_thresholds(inst: &Instance, plan: &Plan) -> Vec<RdThreshold> {
    threshold_passed_years(inst, plan)
        .into_iter()
        .enumerate()
        .filter_map(|(k, passed)| {
            passed.map(|passed_year| RdThreshold {
                item: k,
                effort: inst.items[k].rd_threshold,
                passed_year,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readback::realise::GroupKind;
    use crate::run::{solve_instance, RunOptions};

    #[test]
    fn the_demo_plan_found_once_agrees_with_its_hand_derivation() {
        let inst = crate::testing::tiny_instance();
        let result = solve_instance(&inst, &RunOptions::default()).unwrap();
        let found = result.findings.as_ref().expect("a plan has findings");
        // docs/demo-derivation.md: the one target is met exactly.
        assert_eq!(found.targets.len(), 1);
        assert_eq!(found.targets_met(), 1);
        approx::assert_abs_diff_eq!(found.targets[0].achieved, 0.60, epsilon = 1e-6);
        // Spending by year, by payer and over the horizon agree.
        let by_year: f64 = found.spend_by_year.iter().map(Spend::total_yi).sum();
        approx::assert_abs_diff_eq!(found.spend.total_yi, by_year, epsilon = 1e-12);
        approx::assert_abs_diff_eq!(
            found.spend.central_yi + found.spend.provincial_yi,
            found.spend.total_yi,
            epsilon = 1e-9
        );
        // One lead site, the chip in the east.
        assert_eq!(found.lead_sites.len(), 1);
        assert_eq!(inst.provinces[found.lead_sites[0].province].id, "east");
        assert_eq!(found.lead_sites_by_funding, vec![0]);
        // Provinces come largest funding first; the east leads.
        assert!(found
            .provinces
            .windows(2)
            .all(|w| w[0].funding.total_yi() >= w[1].funding.total_yi()));
        assert_eq!(
            found.leading_provinces[0].province,
            found.provinces[0].province
        );
        // Rows: two areas, one target group, all items; levels never fall
        // below their start.
        let kinds: Vec<&GroupKind> = found.groups.iter().map(|g| &g.kind).collect();
        assert!(matches!(
            kinds[..],
            [
                GroupKind::Area(0),
                GroupKind::Area(1),
                GroupKind::Target(_),
                GroupKind::All
            ]
        ));
        for g in &found.groups {
            assert_eq!(g.realised.len(), inst.years.len());
            assert!(g.realised.iter().all(|&s| s >= g.initial - 1e-12), "{g:?}");
        }
        // Priced rows by family add up to the priced duals.
        let priced = result.duals.iter().filter(|d| d.is_priced()).count();
        let counted: usize = found.priced_families.iter().map(|(_, n)| n).sum();
        assert_eq!(counted, priced);
    }
}
