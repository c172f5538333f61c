//! What every key of `instance.toml` and of a model file means, with its
//! unit, so that a TOML error names the key, its meaning and unit instead of
//! the parser's "expected i64".

/// (key path, meaning and unit). `*` stands for any one name (an
/// instrument, a preset, a year, an area).
const MEANINGS: &[(&str, &str)] = &[
    // instance.toml
    ("name", "the instance's identifier, text in quotes"),
    ("description", "free text in quotes"),
    ("description_zh", "the description in Chinese, shown by reports in Chinese: free text in quotes"),
    ("model", "path of the model file, relative to the instance folder, text in quotes"),
    ("first_year", "t0, the first year money can be spent: a calendar year such as 2024"),
    ("last_year", "the last year of the horizon: a calendar year such as 2035"),
    ("central_budget_yi", "Bc_t, the central budget [亿元 per year]: a table with `default` and optional `by_year`"),
    ("central_budget_yi.default", "Bc_t, the central budget of every year [亿元 per year]"),
    ("central_budget_yi.by_year", "central budgets of particular years, e.g. 2025 = 30.0 [亿元 per year]"),
    ("central_budget_yi.by_year.*", "the central budget of that year [亿元 per year]"),
    ("targets", "self-sufficiency targets, each a [[targets]] table"),
    ("targets.id", "the target's identifier, text in quotes"),
    ("targets.areas", "areas whose items form the group, a list such as [\"components\"] (\"all\" = every item)"),
    ("targets.items", "further items of the group, a list such as [\"chip\"]"),
    ("targets.year", "the year the target must be met: a calendar year in the horizon"),
    ("targets.level", "θ_g, the required demand-weighted self-sufficiency: a share in [0, 1]"),
    ("targets.penalty_yi_per_point", "λ_g, the penalty per point of shortfall [亿元 per point]"),
    ("objective.preset", "an objective preset of the model file, text in quotes such as \"min-cost\""),
    ("objective.cost_weight", "ω_cost, the weight on discounted spending (a number ≥ 0)"),
    ("objective.sufficiency_weight", "ω_suff, the weight on mean self-sufficiency [亿元 per point]"),
    ("regional_floor.regions", "regions of the floor, a list such as [\"west\", \"northeast\"]"),
    ("regional_floor.min_share", "ρ_R, the minimum share of central project funding going to these regions: a share in [0, 1]"),
    ("continuity.max_growth", "g_up, the largest yearly growth of an area's project funding (a share per year)"),
    ("continuity.max_decline", "g_down, the largest yearly decline of an area's project funding (a share per year in [0, 1])"),
    ("continuity.ramp_yi", "ramp_a, funding an area may add in a year beyond the growth share [亿元 per year]"),
    ("continuity.ramp_yi_by_area", "ramp_a of particular areas, e.g. software = 5.0 [亿元 per year]"),
    ("continuity.ramp_yi_by_area.*", "ramp_a of that area [亿元 per year]"),
    ("concentration.max_province_share", "χ, the largest share of a year's central project funding one province may receive: a share in (0, 1]"),
    ("allowed_modes.stranglehold", "instruments allowed for stranglehold items, a list such as [\"national\", \"chain\"]"),
    ("allowed_modes.shortboard", "instruments allowed for shortboard items, a list of instrument ids"),
    ("allowed_modes.general", "instruments allowed for general items, a list of instrument ids"),
    ("pools", "funding pools, one [pools.<id>] table each; when given they are the central money (no [central_budget_yi])"),
    ("pools.*.inflow_yi", "B_f,t, the pool's inflow [亿元 per year]: a table with `default` and particular years, e.g. { default = 10.0, 2025 = 30.0 }"),
    ("pools.*.inflow_yi.default", "the pool's inflow of every year [亿元 per year]"),
    ("pools.*.inflow_yi.by_year", "the pool's inflow of particular years, e.g. 2025 = 30.0 [亿元 per year]"),
    ("pools.*.inflow_yi.*", "the pool's inflow of that year [亿元 per year]"),
    ("pools.*.carry_over", "κ_f, the share of unspent money the pool keeps for the next year: a share in [0, 1] (0 use it or lose it, 1 revolving)"),
    ("pools.*.areas", "areas the pool may pay for, a list of area ids (absent: every area)"),
    ("pools.*.tiers", "tiers the pool may pay for, a list such as [\"stranglehold\"] (absent: every tier)"),
    ("pools.*.items", "items the pool may pay for, a list of item ids (absent: every item)"),
    ("pools.*.modes", "instruments the pool may pay for, a list of instrument ids (absent: every instrument)"),
    ("pools.*.platforms", "whether the pool may pay the central cost of new platforms: true or false (absent: true)"),
    ("continuity.modes", "(CONT-M) continuity per instrument: a table with max_growth, max_decline, ramp_yi"),
    ("continuity.modes.max_growth", "g_up, the largest yearly growth of an instrument's project funding (a share per year)"),
    ("continuity.modes.max_decline", "g_down, the largest yearly decline of an instrument's project funding (a share per year in [0, 1])"),
    ("continuity.modes.ramp_yi", "ramp_m, funding an instrument may add in a year beyond the growth share [亿元 per year]"),
    ("continuity.modes.ramp_yi_by_mode", "ramp_m of particular instruments, e.g. national = 50.0 [亿元 per year]"),
    ("continuity.modes.ramp_yi_by_mode.*", "ramp_m of that instrument [亿元 per year]"),
    ("horizon_end.value", "(END) \"penalty\" values the share bought after the last year, \"none\" does not"),
    ("training_budget_yi", "(TB) caps and floors on training spending, each a [[training_budget_yi]] table with provinces, regions, from, to, max, min"),
    ("training_budget_yi.provinces", "provinces the entry applies to, a list of province ids such as [\"sichuan\"] (absent: every province)"),
    ("training_budget_yi.regions", "regions the entry applies to, a list such as [\"west\"] (absent: every region)"),
    ("training_budget_yi.from", "the first year the entry applies to: a calendar year in the horizon (absent: the first year)"),
    ("training_budget_yi.to", "the last year the entry applies to: a calendar year in the horizon (absent: the last year)"),
    ("training_budget_yi.max", "TBmax, the most a selected province may spend on training in a year [亿元 per year]"),
    ("training_budget_yi.min", "TBmin, the least a selected province must spend on training in a year [亿元 per year]"),
    ("horizon_end.weight", "ω_end, the weight on the share bought after the last year (a number in [0, 10], default 1)"),
    // model files
    ("modes", "the instruments, one [modes.<id>] table each"),
    ("modes.*.name", "the instrument's English name, text in quotes"),
    ("modes.*.name_zh", "the instrument's Chinese name, text in quotes"),
    ("modes.*.funding_yi_per_effort", "f_m, funding per effort unit [亿元]"),
    ("modes.*.talent_kfte_per_effort", "h_m, talent per effort unit [k FTE]"),
    ("modes.*.capacity_cu_per_effort", "c_m, platform capacity per effort unit [cu]"),
    ("modes.*.central_share", "σ_m, the central share of funding: a share in [0, 1]"),
    ("modes.*.productivity", "η_m, effective effort per effort unit (a multiplier > 0)"),
    ("modes.*.tiers", "tiers the instrument may address, a list such as [\"stranglehold\"]"),
    ("modes.*.lead_sites", "whether effort goes only to designated lead sites: true or false"),
    ("response.multipliers", "μ_j, the response multipliers: a list starting at 1.0 and strictly decreasing"),
    ("response.effect_lag_years", "L, years between effort and its effect: a whole number"),
    ("national.eligibility_threshold", "θnat, the minimum advantage index of a lead site"),
    ("national.max_sites_per_item", "S_k, lead sites per item: a whole number ≥ 1"),
    ("national.min_site_effort", "Emin_k, minimum effort of a designated site over the horizon [effort units]"),
    ("training.kfte_per_yi", "ψ, talent added per 亿元 of training [k FTE per 亿元]"),
    ("training.lag_years", "Lh, years before trained talent is available: a whole number"),
    ("platforms.capacity_cu_per_platform", "κ, capacity of one new platform [cu]"),
    ("platforms.cost_yi_per_platform", "φ, cost of one new platform [亿元]"),
    ("platforms.central_share", "σplat, the central share of platform cost: a share in [0, 1]"),
    ("platforms.construction_lag_years", "Lc, years until a new platform is usable: a whole number"),
    ("platforms.max_new_per_province_year", "Nmax_p, new platforms per province and year: a whole number"),
    ("talent.default_growth_per_year", "g_p, yearly talent growth (a rate per year)"),
    ("targets.default_penalty_yi_per_point", "λ_g default, penalty per point of shortfall [亿元 per point]"),
    ("objective.discount_rate", "r, the discount rate per year: a number in [0, 1)"),
    ("objective.default_preset", "the preset used unless the instance chooses one, text in quotes"),
    ("objective.presets.*.cost_weight", "ω_cost of the preset (a number ≥ 0)"),
    ("objective.presets.*.sufficiency_weight", "ω_suff of the preset [亿元 per point]"),
];

/// What every key of a scenario file means: the file's tables are the
/// scenarios, each under its own name (`*`).
const SCENARIO_MEANINGS: &[(&str, &str)] = &[
    ("*", "a scenario: a [name] table with title, rationale, extends and overrides"),
    ("*.title", "the scenario's title, text in quotes"),
    ("*.rationale", "why the scenario is asked, text in quotes"),
    ("*.title_zh", "the scenario's title in Chinese, for reports in Chinese, text in quotes"),
    ("*.rationale_zh", "why the scenario is asked, in Chinese, text in quotes"),
    ("*.extends", "scenarios applied first, a list such as [\"budget_cut\"]"),
    ("*.overrides", "the scenario's changes, a list of tables such as [{ param = \"central_budget\", scale = 0.8 }]"),
];

/// Whose keys: those of `instance.toml` and model files, or of a scenario file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dictionary {
    Instance,
    Scenarios,
}

impl Dictionary {
    fn entries(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Dictionary::Instance => MEANINGS,
            Dictionary::Scenarios => SCENARIO_MEANINGS,
        }
    }
}

/// The meaning and unit of a key (`table.key`) in `dictionary`, if it is a
/// known key.
pub fn meaning(dictionary: Dictionary, path: &str) -> Option<&'static str> {
    let parts: Vec<&str> = path.split('.').collect();
    dictionary
        .entries()
        .iter()
        .find(|(pattern, _)| {
            let pattern: Vec<&str> = pattern.split('.').collect();
            pattern.len() == parts.len()
                && pattern.iter().zip(&parts).all(|(p, k)| *p == "*" || p == k)
        })
        .map(|(_, m)| *m)
}

/// Known keys of the table `table` ("" for the top level) in `dictionary`,
/// for suggestions.
pub fn keys_of(dictionary: Dictionary, table: &str) -> Vec<&'static str> {
    let depth = if table.is_empty() {
        0
    } else {
        table.split('.').count()
    };
    dictionary
        .entries()
        .iter()
        .filter_map(|(pattern, _)| {
            let parts: Vec<&str> = pattern.split('.').collect();
            let prefix_matches = parts.len() == depth + 1
                && parts[..depth]
                    .iter()
                    .zip(table.split('.'))
                    .all(|(p, t)| *p == "*" || *p == t);
            prefix_matches.then(|| parts[depth])
        })
        .collect()
}

/// The known key nearest to `unknown` (a typo, another letter case), if any
/// is close enough to be a likely intent.
pub fn nearest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = unknown.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

/// "; did you mean `…`?" naming the known name nearest `unknown`, or
/// nothing when none is near, to follow an "unknown …" rule.
pub fn did_you_mean<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    nearest(unknown, known)
        .map(|near| format!("; did you mean `{near}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_have_meanings_with_wildcards() {
        use Dictionary::{Instance, Scenarios};
        assert!(meaning(Instance, "first_year")
            .unwrap()
            .contains("calendar year"));
        assert!(meaning(Instance, "modes.chain.central_share")
            .unwrap()
            .contains("σ_m"));
        assert!(meaning(Instance, "central_budget_yi.by_year.2025").is_some());
        assert_eq!(meaning(Instance, "nonsense"), None);
        assert!(keys_of(Instance, "").contains(&"first_year"));
        assert!(keys_of(Instance, "targets").contains(&"level"));
        assert_eq!(
            nearest("frist_year", keys_of(Instance, "")),
            Some("first_year")
        );
        assert_eq!(nearest("zzz", keys_of(Instance, "")), None);
        // A scenario's keys, whatever its name; none leaks into instance.toml.
        assert!(meaning(Scenarios, "budget_cut.overrides").is_some());
        assert!(!keys_of(Instance, "objective").contains(&"overrides"));
    }
}
