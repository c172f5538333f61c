//! Totals of a plan that reports chart and tabulate: project funding by area ×
//! province and by instrument × year, talent used against talent available,
//! platforms built, designated lead sites. Each is a plain sum over the plan,
//! computed here once so that no report adds numbers of its own.

use ndarray::{Array2, Array3};

use crate::instance::Instance;

use super::{EffortValue, Plan};

/// Project funding split by payer [亿元].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FundingSplit {
    pub central_yi: f64,
    pub provincial_yi: f64,
}

impl FundingSplit {
    /// Central plus provincial [亿元].
    pub fn total_yi(&self) -> f64 {
        self.central_yi + self.provincial_yi
    }

    fn add(&mut self, other: FundingSplit) {
        self.central_yi += other.central_yi;
        self.provincial_yi += other.provincial_yi;
    }
}

/// Funding of one effort decision: σ_m f_m e (central) and (1−σ_m) f_m e (provincial).
pub fn effort_funding(inst: &Instance, e: &EffortValue) -> FundingSplit {
    let m = inst.model.mode(e.mode);
    let total = m.funding_yi_per_effort * e.effort;
    FundingSplit {
        central_yi: m.central_share * total,
        provincial_yi: total - m.central_share * total,
    }
}

/// Project funding over the horizon, areas × provinces [亿元].
pub fn funding_by_area_province(inst: &Instance, plan: &Plan) -> Array2<FundingSplit> {
    let mut out: Array2<FundingSplit> = Array2::default((inst.areas.len(), inst.provinces.len()));
    for e in &plan.effort {
        let split = effort_funding(inst, e);
        out[[inst.items[e.item].area, e.province]].add(split);
    }
    out
}

/// Project funding over the horizon by province [亿元].
pub fn funding_by_province(inst: &Instance, plan: &Plan) -> Vec<FundingSplit> {
    let by_area = funding_by_area_province(inst, plan);
    (0..inst.provinces.len())
        .map(|p| {
            let mut sum = FundingSplit::default();
            by_area.column(p).iter().for_each(|s| sum.add(*s));
            sum
        })
        .collect()
}

/// Project funding, instruments (mode index) × years [亿元].
pub fn funding_by_mode_year(inst: &Instance, plan: &Plan) -> Array2<FundingSplit> {
    let mut out: Array2<FundingSplit> = Array2::default((inst.model.modes.len(), inst.years.len()));
    for e in &plan.effort {
        out[[e.mode.index(), e.year]].add(effort_funding(inst, e));
    }
    out
}

/// Talent of one province in one year [k FTE].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TalentUse {
    /// Σ_{k,m} h_m e[k,p,m,t].
    pub used_kfte: f64,
    /// H0_p (1+g_p)^(t−t0) + ψ Σ_{t′ ≤ t−Lh} tr[p,t′]: the right-hand side of (H).
    pub available_kfte: f64,
}

impl TalentUse {
    /// Whether the province uses all the talent it has (within the
    /// feasibility tolerance, scaled by the stock).
    pub fn at_limit(&self) -> bool {
        self.available_kfte - self.used_kfte
            <= crate::tolerances::BINDING_TOL * self.available_kfte.max(1.0)
    }
}

/// Talent used and available, provinces × years [k FTE].
pub fn talent_by_province_year(inst: &Instance, plan: &Plan) -> Array2<TalentUse> {
    let model = &inst.model;
    let (n_p, n_t) = (inst.provinces.len(), inst.years.len());
    let mut out = Array2::from_shape_fn((n_p, n_t), |(p, t)| {
        let trained_yi: f64 = (0..n_t)
            .filter(|&t2| t2 + model.training_lag_years <= t)
            .map(|t2| plan.training_yi[[p, t2]])
            .sum();
        TalentUse {
            used_kfte: 0.0,
            available_kfte: inst.base_talent_kfte(p, t) + model.training_kfte_per_yi * trained_yi,
        }
    });
    for e in &plan.effort {
        out[[e.province, e.year]].used_kfte += model.mode(e.mode).talent_kfte_per_effort * e.effort;
    }
    out
}

/// Talent of one province over the horizon.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TalentOverHorizon {
    /// Σ_t used [k FTE-years].
    pub used_kfte_years: f64,
    /// Σ_t available [k FTE-years].
    pub available_kfte_years: f64,
    /// Years in which the province uses all the talent it has.
    pub years_at_limit: usize,
}

impl TalentOverHorizon {
    /// Talent available but not used [k FTE-years], never negative.
    pub fn spare_kfte_years(&self) -> f64 {
        (self.available_kfte_years - self.used_kfte_years).max(0.0)
    }

    /// Share of the available talent used (0 without any).
    pub fn utilisation(&self) -> f64 {
        if self.available_kfte_years > 0.0 {
            self.used_kfte_years / self.available_kfte_years
        } else {
            0.0
        }
    }
}

/// Provinces by talent used over the horizon, most first (ties in instance order).
pub fn most_talent_used_first(talent: &[TalentOverHorizon]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..talent.len()).collect();
    order.sort_by(|&a, &b| {
        talent[b]
            .used_kfte_years
            .total_cmp(&talent[a].used_kfte_years)
            .then(a.cmp(&b))
    });
    order
}

/// Talent used and available over the horizon, by province.
pub fn talent_by_province(inst: &Instance, plan: &Plan) -> Vec<TalentOverHorizon> {
    talent_by_province_year(inst, plan)
        .rows()
        .into_iter()
        .map(|row| TalentOverHorizon {
            used_kfte_years: row.iter().map(|u| u.used_kfte).sum(),
            available_kfte_years: row.iter().map(|u| u.available_kfte).sum(),
            years_at_limit: row.iter().filter(|u| u.at_limit()).count(),
        })
        .collect()
}

/// New platforms, areas × years, summed over provinces.
pub fn platforms_by_area_year(plan: &Plan) -> Array2<f64> {
    sum_over_provinces(&plan.new_platforms)
}

fn sum_over_provinces(by_area_province_year: &Array3<f64>) -> Array2<f64> {
    by_area_province_year.sum_axis(ndarray::Axis(1))
}

/// A designated national lead site and what it receives.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadSite {
    pub item: usize,
    pub province: usize,
    /// adv_kp of the site.
    pub advantage: f64,
    /// Effort through lead-site instruments over the horizon [effort units].
    pub effort: f64,
    /// Funding of that effort over the horizon [亿元].
    pub funding: FundingSplit,
}

/// Designated lead sites (value ≥ ½), in the plan's order (by item, then
/// province).
pub fn lead_sites(inst: &Instance, plan: &Plan) -> Vec<LeadSite> {
    let mut sites: Vec<LeadSite> = plan
        .sites
        .iter()
        .filter(|s| s.value >= 0.5)
        .map(|s| LeadSite {
            item: s.item,
            province: s.province,
            advantage: inst.adv(s.item, s.province),
            effort: 0.0,
            funding: FundingSplit::default(),
        })
        .collect();
    for e in plan
        .effort
        .iter()
        .filter(|e| inst.model.mode(e.mode).lead_sites)
    {
        if let Some(site) = sites
            .iter_mut()
            .find(|s| s.item == e.item && s.province == e.province)
        {
            site.effort += e.effort;
            site.funding.add(effort_funding(inst, e));
        }
    }
    sites
}

/// Indices into `sites`, largest funding first (ties by item, then province).
pub fn largest_funding_first(sites: &[LeadSite]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sites.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&sites[i], &sites[j]);
        b.funding
            .total_yi()
            .total_cmp(&a.funding.total_yi())
            .then((a.item, a.province).cmp(&(b.item, b.province)))
    });
    order
}

/// A province's project funding over the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct ProvinceFunding {
    pub province: usize,
    /// By payer, summed over areas.
    pub funding: FundingSplit,
    /// Central plus provincial in each area [亿元], areas in instance order.
    pub by_area_yi: Vec<f64>,
    /// Σ of `by_area_yi` over the areas that have items [亿元].
    pub areas_total_yi: f64,
    /// Areas in which it receives anything.
    pub funded_areas: usize,
    /// Its highest area advantage index, and that area.
    pub strongest_area: Option<(usize, f64)>,
}

/// Every province's project funding, largest first (ties in instance order).
pub fn provinces_by_funding(inst: &Instance, plan: &Plan) -> Vec<ProvinceFunding> {
    let by_area = funding_by_area_province(inst, plan);
    let funding = funding_by_province(inst, plan);
    let areas = inst.areas_with_items();
    let mut rows: Vec<ProvinceFunding> = (0..inst.provinces.len())
        .map(|p| ProvinceFunding {
            province: p,
            funding: funding[p],
            by_area_yi: by_area.column(p).iter().map(|s| s.total_yi()).collect(),
            areas_total_yi: areas.iter().map(|&a| by_area[[a, p]].total_yi()).sum(),
            funded_areas: by_area
                .column(p)
                .iter()
                .filter(|s| s.total_yi() > crate::tolerances::PRINT_ZERO)
                .count(),
            strongest_area: inst.strongest_area(p),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.funding
            .total_yi()
            .total_cmp(&a.funding.total_yi())
            .then(a.province.cmp(&b.province))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{solve_instance, RunOptions};

    #[test]
    fn totals_agree_with_the_spending_by_year() {
        let inst = crate::testing::tiny_instance();
        let result = solve_instance(&inst, &RunOptions::default()).unwrap();
        let plan = result.plan.as_ref().unwrap();
        let spend = super::super::spend_by_year(&inst, plan);
        let central: f64 = spend.iter().map(|s| s.effort_central_yi).sum();
        let provincial: f64 = spend.iter().map(|s| s.effort_provincial_yi).sum();
        let by_area = funding_by_area_province(&inst, plan);
        let by_mode = funding_by_mode_year(&inst, plan);
        let by_province = funding_by_province(&inst, plan);
        for total in [
            by_area.iter().map(|s| s.central_yi).sum::<f64>(),
            by_mode.iter().map(|s| s.central_yi).sum::<f64>(),
            by_province.iter().map(|s| s.central_yi).sum::<f64>(),
        ] {
            approx::assert_abs_diff_eq!(total, central, epsilon = 1e-9);
        }
        let provincial_by_area: f64 = by_area.iter().map(|s| s.provincial_yi).sum();
        approx::assert_abs_diff_eq!(provincial_by_area, provincial, epsilon = 1e-9);
        // docs/demo-derivation.md: the chip goes to a lead site in the east,
        // 8.148 effort units of the national instrument (1 亿元 each, central).
        let sites = lead_sites(&inst, plan);
        assert_eq!(sites.len(), 1);
        assert_eq!(largest_funding_first(&sites), vec![0]);
        assert_eq!(inst.provinces[sites[0].province].id, "east");
        approx::assert_abs_diff_eq!(sites[0].funding.central_yi, 8.148148, epsilon = 1e-5);
    }

    #[test]
    fn talent_never_exceeds_what_is_available() {
        let inst = crate::testing::tiny_instance();
        let result = solve_instance(&inst, &RunOptions::default()).unwrap();
        let plan = result.plan.as_ref().unwrap();
        let talent = talent_by_province_year(&inst, plan);
        assert!(talent.iter().any(|t| t.used_kfte > 0.0));
        for t in talent.iter() {
            assert!(t.used_kfte <= t.available_kfte + 1e-9, "{t:?}");
        }
        // docs/demo-derivation.md: east uses 0.26 k FTE of its 1.0 in 2025;
        // nowhere is talent at its limit.
        let horizon = talent_by_province(&inst, plan);
        approx::assert_abs_diff_eq!(horizon[0].used_kfte_years, 0.26296, epsilon = 1e-4);
        assert!(horizon.iter().all(|h| h.years_at_limit == 0));
        approx::assert_abs_diff_eq!(
            horizon[0].available_kfte_years,
            talent.row(0).iter().map(|u| u.available_kfte).sum::<f64>()
        );
    }
}
