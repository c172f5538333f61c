//! What changed between two solved plans, and why, in the order a planner
//! reads it: (1) what changed in the inputs (scenarios, `--set` overrides,
//! model and instance files); (2) real spending totals — overall, by payer,
//! then by region, province, year, instrument and area, each table largest
//! change first; (3) lead sites and platforms; (4) per target its level in
//! both plans and only the limits that relate to that target, each once,
//! with what one more unit of the limit is worth in plain, unsigned words.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::results::summary::MarginalValue;
use crate::results::tables::AllocationRow;
use crate::results::units::DualUnit;
use crate::results::OutputFolder;

/// A headline number of two plans (the shortfall penalty …).
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub label: String,
    pub unit: String,
    pub before: f64,
    pub after: f64,
}

/// What kind of input differs between the two runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputKind {
    /// A scenario of the scenario file, applied in one run only.
    Scenario,
    /// A `--set` override (scenarios' changes included), by parameter.
    Override,
    /// The model file (by name and hash).
    ModelFile,
    /// A file of the instance (by hash).
    InstanceFile,
}

impl InputKind {
    /// The id written into diff.csv's `table` column.
    pub fn id(self) -> &'static str {
        match self {
            InputKind::Scenario => "scenario",
            InputKind::Override => "override",
            InputKind::ModelFile => "model_file",
            InputKind::InstanceFile => "instance_file",
        }
    }
}

/// One input that differs between the two runs: its name and what each
/// run had ("" when the run had none).
#[derive(Debug, Clone, PartialEq)]
pub struct InputChange {
    pub kind: InputKind,
    /// The scenario, the overridden parameter, or the file.
    pub name: String,
    pub before: String,
    pub after: String,
}

impl InputChange {
    /// How the change reads ("`--set provincial_budget`: none in A, `*=2` in B").
    pub fn sentence(&self, before: &str, after: &str) -> String {
        let side = |v: &str| {
            if v.is_empty() {
                "none".to_string()
            } else {
                format!("`{v}`")
            }
        };
        match self.kind {
            InputKind::Scenario => format!(
                "scenario `{}` applied in {} only",
                self.name,
                if self.after.is_empty() { before } else { after }
            ),
            InputKind::Override => format!(
                "`--set {}`: {} in {before}, {} in {after}",
                self.name,
                side(&self.before),
                side(&self.after)
            ),
            InputKind::ModelFile | InputKind::InstanceFile => format!(
                "{} differs: {} in {before}, {} in {after}",
                self.name,
                side(&self.before),
                side(&self.after)
            ),
        }
    }
}

/// What a spending table sums by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Breakdown {
    /// Real spending in total, central and provincial.
    Overall,
    /// Effort funding by the provinces table's regions.
    Region,
    Province,
    /// Real spending (effort, training, platforms) by year.
    Year,
    /// Effort funding by instrument (mode).
    Instrument,
    Area,
}

impl Breakdown {
    /// The order of the tables in every output.
    pub const ORDER: [Breakdown; 6] = [
        Breakdown::Overall,
        Breakdown::Region,
        Breakdown::Province,
        Breakdown::Year,
        Breakdown::Instrument,
        Breakdown::Area,
    ];

    /// The id written into diff.csv's `table` column.
    pub fn id(self) -> &'static str {
        match self {
            Breakdown::Overall => "overall",
            Breakdown::Region => "region",
            Breakdown::Province => "province",
            Breakdown::Year => "year",
            Breakdown::Instrument => "instrument",
            Breakdown::Area => "area",
        }
    }

    /// The table's title: what is summed, by what.
    pub fn title(self) -> &'static str {
        match self {
            Breakdown::Overall => "Real spending, central and provincial",
            Breakdown::Region => "Effort funding by region (central + provincial)",
            Breakdown::Province => "Effort funding by province (central + provincial)",
            Breakdown::Year => "Real spending by year (effort, training, platforms)",
            Breakdown::Instrument => "Effort funding by instrument (central + provincial)",
            Breakdown::Area => "Effort funding by area (central + provincial)",
        }
    }
}

/// One row of a spending table [亿元].
#[derive(Debug, Clone, PartialEq)]
pub struct TotalRow {
    pub key: String,
    pub before: f64,
    pub after: f64,
    /// Indices into [`PlanDiff::limits`]: for a province, the changed limits
    /// of that province and the national ones; empty for other tables.
    pub because: Vec<usize>,
}

impl TotalRow {
    /// after − before [亿元].
    pub fn change(&self) -> f64 {
        self.after - self.before
    }

    /// The change in % of the first plan's value; `None` when that is 0.
    pub fn change_pct(&self) -> Option<f64> {
        (self.before.abs() > 1e-12).then(|| 100.0 * self.change() / self.before)
    }
}

/// A spending table: rows largest change first (the overall table keeps
/// total, central, provincial in that order).
#[derive(Debug, Clone, PartialEq)]
pub struct TotalsTable {
    pub by: Breakdown,
    pub rows: Vec<TotalRow>,
}

/// What a [`Change`] of sites or platforms is about, by id.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeSubject {
    /// The national lead site of `item` in `province`, designated in the
    /// second plan only (`designated`) or in the first only.
    LeadSite {
        item: String,
        province: String,
        designated: bool,
    },
    /// New platforms of `area` in `province`.
    Platforms { area: String, province: String },
}

/// One change of a site or of platforms.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub subject: ChangeSubject,
    /// What changed ("new platforms of chips in Shanghai").
    pub description: String,
    pub before: f64,
    pub after: f64,
    /// Unit of before and after ("sites", "platforms").
    pub unit: String,
    /// Indices into [`PlanDiff::limits`]: the changed limits of its province
    /// and the national ones.
    pub because: Vec<usize>,
}

impl Change {
    /// after − before, in the change's unit.
    pub fn size(&self) -> f64 {
        self.after - self.before
    }
}

/// A target in both plans, with the limits that relate to its change.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetChange {
    pub id: String,
    /// Areas and items, as the instance names them, joined by `+`.
    pub group: String,
    pub year: i32,
    /// Required and achieved levels, and shortfall, as shares.
    pub required_before: f64,
    pub required_after: f64,
    pub level_before: f64,
    pub level_after: f64,
    pub shortfall_before: f64,
    pub shortfall_after: f64,
    /// Items of the group assured, realised (docs/model.md §10 (CT));
    /// `None` in folders written before it was recorded.
    pub assured_before: Option<usize>,
    pub assured_after: Option<usize>,
    /// Items in the group; `None` in folders written before it was recorded.
    pub items: Option<usize>,
    /// The group's demand-weighted mean share, realised (the measure beside
    /// the count whatever the target's metric); `None` as above.
    pub weighted_before: Option<f64>,
    pub weighted_after: Option<f64>,
    /// Indices into [`PlanDiff::limits`], each once: the target's own row
    /// and the budget, talent and platform rows of the provinces and items
    /// of its group up to its year, and the national ones.
    pub limits: Vec<usize>,
}

impl TargetChange {
    /// Items assured in both plans, when they differ.
    pub fn assured_change(&self) -> Option<(usize, usize)> {
        match (self.assured_before, self.assured_after) {
            (Some(b), Some(a)) if a != b => Some((b, a)),
            _ => None,
        }
    }

    /// Change of the achieved level, in points.
    pub fn points(&self) -> f64 {
        100.0 * (self.level_after - self.level_before)
    }
}

/// Whether one more unit of a limit lowers the objective or raises it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Saves,
    Costs,
    Nothing,
}

/// What one more unit of a limit is worth in one plan, unsigned: the sign
/// is the [`Effect`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Worth {
    pub effect: Effect,
    /// [亿元 of objective], ≥ 0.
    pub amount_yi: f64,
    /// Measured for one whole unit (marginal_values of summary.json); when
    /// false it is the dual, which by convexity bounds the step: one more
    /// unit saves at most, or costs at least, this much (docs/model.md).
    pub measured: bool,
}

impl Worth {
    /// From an objective change of one more unit (signed) [亿元].
    fn of(change_yi: f64, measured: bool) -> Worth {
        let effect = if change_yi < -1e-9 {
            Effect::Saves
        } else if change_yi > 1e-9 {
            Effect::Costs
        } else {
            Effect::Nothing
        };
        Worth {
            effect,
            amount_yi: change_yi.abs(),
            measured,
        }
    }

    /// "would save 12.1 亿元", "would cost at least 0.90 亿元", "would change nothing".
    pub fn words(&self) -> String {
        let bound = |word: &str| {
            if self.measured {
                String::new()
            } else {
                format!("{word} ")
            }
        };
        match self.effect {
            Effect::Saves => format!(
                "would save {}{} 亿元",
                bound("at most"),
                readable(self.amount_yi)
            ),
            Effect::Costs => format!(
                "would cost {}{} 亿元",
                bound("at least"),
                readable(self.amount_yi)
            ),
            Effect::Nothing => "would change nothing".into(),
        }
    }
}

/// A limit that binds in one plan and not the other (or with another price).
#[derive(Debug, Clone, PartialEq)]
pub struct LimitChange {
    pub family: String,
    pub keys: String,
    pub year: String,
    /// Duals in the unit a planner reads ([`DualUnit::as_planner_reads`]).
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub unit: DualUnit,
    /// What one more unit is worth in each plan where it binds.
    pub worth_before: Option<Worth>,
    pub worth_after: Option<Worth>,
}

impl LimitChange {
    /// How the limit reads, e.g. "provincial budget in p1 in 2024".
    pub fn what(&self) -> String {
        let mut s = self.family.replace('_', " ");
        for (name, value) in self.key_pairs() {
            let _ = match name {
                "province" | "region" => write!(s, " in {value}"),
                "area" => write!(s, " for {value}"),
                "needs" => write!(s, " needing {value}"),
                "item" => write!(s, " of {value}"),
                _ => write!(s, " {value}"),
            };
        }
        if !self.year.is_empty() {
            let _ = write!(s, " in {}", self.year);
        }
        s
    }

    /// A sentence a planner can forward, every value unsigned: "one more cu
    /// of platform capacity for components in east in 2025 would save 3.20
    /// 亿元 of objective in A and 12.1 亿元 in B".
    pub fn sentence(&self, before: &str, after: &str) -> String {
        let one_more = format!("one more {} of {}", step(self.unit), self.what());
        match (self.worth_before, self.worth_after) {
            (None, Some(w)) => format!(
                "{one_more} {} of objective in {after}, where it binds (it does not bind in {before})",
                w.words()
            ),
            (Some(w), None) => format!(
                "{one_more} {} of objective in {before}, where it binds (it no longer binds in {after})",
                w.words()
            ),
            (Some(b), Some(a)) => format!(
                "{one_more} {} of objective in {before} and {} in {after}",
                b.words(),
                a.words().trim_start_matches("would ")
            ),
            (None, None) => self.what(),
        }
    }

    fn size(&self) -> f64 {
        (self.after.unwrap_or(0.0) - self.before.unwrap_or(0.0)).abs()
    }

    /// The limit's keys as (name, value), e.g. ("province", "east").
    pub fn key_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.keys
            .split(';')
            .filter_map(|k| k.split_once('='))
            .filter(|(_, v)| !v.is_empty())
    }

    fn key(&self, name: &str) -> Option<&str> {
        self.key_pairs().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    fn year_number(&self) -> Option<i32> {
        self.year.parse().ok()
    }

    /// A national limit: it names no province, area, item or target.
    fn is_national(&self) -> bool {
        self.key_pairs().next().is_none()
    }

    /// Rows that carry the model's mechanics rather than a planner's limit.
    pub fn is_technical(&self) -> bool {
        matches!(
            self.family.as_str(),
            "stock"
                | "response"
                | "site_link"
                | "site_minimum"
                | "area_funding"
                | "central_funding"
        )
    }
}

/// The unit one more step of a limit is counted in, as words.
fn step(unit: DualUnit) -> &'static str {
    match unit {
        DualUnit::Budget
        | DualUnit::RegionalSpending
        | DualUnit::Funding
        | DualUnit::RampAllowance
        | DualUnit::RequiredFunding
        | DualUnit::AllowedCentralFunding
        | DualUnit::CentralFunding
        | DualUnit::PoolInflow => "亿元",
        DualUnit::Talent => "k FTE",
        DualUnit::Capacity => "cu",
        DualUnit::Platform => "platform",
        DualUnit::TargetPoint | DualUnit::TargetShare => "point",
        DualUnit::Site => "site",
        DualUnit::EffortUnit => "effort unit",
        DualUnit::EffectiveEffort => "unit of effective effort",
        DualUnit::AllowedLeadShare => "unit share of allowed lead",
        DualUnit::ItemShare | DualUnit::Share => "unit share",
        DualUnit::ThresholdIndicator => "unit of threshold indicator",
        DualUnit::SegmentWidth => "unit share of segment width",
    }
}

/// The difference between two plans, section by section.
#[derive(Debug, Clone)]
pub struct PlanDiff {
    pub before: OutputFolder,
    pub after: OutputFolder,
    /// (1) Inputs that differ: scenarios, overrides, model and instance files.
    pub inputs: Vec<InputChange>,
    /// (2) Spending tables, in [`Breakdown::ORDER`].
    pub spending: Vec<TotalsTable>,
    /// (3) Lead sites, then platforms, each largest first.
    pub sites: Vec<Change>,
    /// (4) Every target of the second plan found in the first.
    pub targets: Vec<TargetChange>,
    /// The shortfall penalty (not money).
    pub penalty: Headline,
    /// Every limit that binds in one plan and not the other, or at another
    /// price; the other parts refer to it by index.
    pub limits: Vec<LimitChange>,
}

/// What a plan's folder holds, summed the way a diff compares it.
#[derive(Default)]
struct Totals {
    /// Designated lead sites (item, province).
    sites: BTreeSet<(String, String)>,
    /// (area, province) → new platforms over the horizon.
    platforms: BTreeMap<(String, String), f64>,
    /// Binding rows with a price: (family, keys, year) → (dual, unit).
    binding: BTreeMap<(String, String, String), (f64, DualUnit)>,
    /// One more unit measured: (family, keys, year) → objective change [亿元].
    one_more: BTreeMap<(String, String, String), f64>,
}

impl Totals {
    fn of(folder: &OutputFolder) -> Totals {
        let mut t = Totals {
            sites: folder
                .lead_sites()
                .map(|s| (s.item.clone(), s.province.clone()))
                .collect(),
            ..Totals::default()
        };
        for r in &folder.platforms {
            *t.platforms
                .entry((r.area.clone(), r.province.clone()))
                .or_default() += r.new_platforms;
        }
        let year_text = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
        for r in &folder.duals {
            if r.binding && r.dual.abs() > 1e-9 {
                t.binding.insert(
                    (r.family.clone(), r.keys.clone(), year_text(r.year)),
                    (r.dual, r.unit),
                );
            }
        }
        let values = folder.summary.marginal_values.iter();
        for v in values.flat_map(|m| &m.values) {
            if let Some(change) = measured_one_more(v) {
                t.one_more.insert(
                    (v.family.clone(), v.keys.clone(), year_text(v.year)),
                    change,
                );
            }
        }
        t
    }
}

/// The objective change of one more unit, when it was measured for the
/// whole step (`solve` measures the most valuable limits only; the others
/// keep the dual's bound).
fn measured_one_more(v: &MarginalValue) -> Option<f64> {
    v.one_more.objective_change_yi.filter(|c| c.is_finite())
}

/// Compares two plans.
pub fn diff(before: OutputFolder, after: OutputFolder) -> PlanDiff {
    let (b_totals, a_totals) = (Totals::of(&before), Totals::of(&after));
    let limits = limit_changes(&b_totals, &a_totals);
    let inputs = input_changes(&before, &after);
    let spending = spending_tables(&before, &after, &limits);
    let mut sites = site_changes(&b_totals, &a_totals, &limits);
    sites.extend(platform_changes(&b_totals, &a_totals, &limits));
    let targets = target_changes(&before, &after, &limits);
    let penalty = Headline {
        label: "shortfall penalty (not money)".into(),
        unit: "亿元".into(),
        before: before.summary.penalty_yi().unwrap_or(0.0),
        after: after.summary.penalty_yi().unwrap_or(0.0),
    };
    PlanDiff {
        before,
        after,
        inputs,
        spending,
        sites,
        targets,
        penalty,
        limits,
    }
}

/// Limits whose dual differs, or that bind in one plan only: one side
/// binding first, then by dual change; the technical rows (stock,
/// response, site links) last.
fn limit_changes(b_totals: &Totals, a_totals: &Totals) -> Vec<LimitChange> {
    let mut limits: Vec<LimitChange> = Vec::new();
    let keys: BTreeSet<&(String, String, String)> = b_totals
        .binding
        .keys()
        .chain(a_totals.binding.keys())
        .collect();
    for k in keys {
        let (b, a) = (b_totals.binding.get(k), a_totals.binding.get(k));
        let changed = match (b, a) {
            (Some((x, _)), Some((y, _))) => (x - y).abs() > 1e-6 * x.abs().max(y.abs()).max(1.0),
            _ => true,
        };
        let Some(&(_, unit)) = a.or(b) else {
            continue;
        };
        if !changed {
            continue;
        }
        let (unit, scale) = unit.as_planner_reads();
        let worth = |totals: &Totals, dual: Option<&(f64, DualUnit)>| {
            let (d, _) = dual?;
            Some(match totals.one_more.get(k) {
                Some(&change) => Worth::of(change, true),
                None => Worth::of(d * scale, false),
            })
        };
        limits.push(LimitChange {
            family: k.0.clone(),
            keys: k.1.clone(),
            year: k.2.clone(),
            before: b.map(|v| v.0 * scale),
            after: a.map(|v| v.0 * scale),
            unit,
            worth_before: worth(b_totals, b),
            worth_after: worth(a_totals, a),
        });
    }
    limits.sort_by(|x, y| {
        x.is_technical()
            .cmp(&y.is_technical())
            .then(
                (x.before.is_some() && x.after.is_some())
                    .cmp(&(y.before.is_some() && y.after.is_some())),
            )
            .then(y.size().total_cmp(&x.size()))
            .then(x.what().cmp(&y.what()))
    });
    limits
}

/// The inputs of one run that the other's did not have: scenarios,
/// overrides by parameter, model file and instance files.
fn input_changes(before: &OutputFolder, after: &OutputFolder) -> Vec<InputChange> {
    let (b, a) = (&before.summary, &after.summary);
    let mut inputs = Vec::new();
    let scenarios: BTreeSet<&String> = b
        .variant
        .scenarios
        .iter()
        .chain(&a.variant.scenarios)
        .collect();
    for s in scenarios {
        let (in_b, in_a) = (
            b.variant.scenarios.contains(s),
            a.variant.scenarios.contains(s),
        );
        if in_b != in_a {
            let applied = |yes: bool| if yes { "applied" } else { "" }.to_string();
            inputs.push(InputChange {
                kind: InputKind::Scenario,
                name: s.clone(),
                before: applied(in_b),
                after: applied(in_a),
            });
        }
    }
    let (b_set, a_set) = (
        overrides_by_parameter(&b.variant.overrides),
        overrides_by_parameter(&a.variant.overrides),
    );
    let parameters: BTreeSet<&String> = b_set.keys().chain(a_set.keys()).collect();
    for p in parameters {
        let (x, y) = (b_set.get(p), a_set.get(p));
        if x != y {
            inputs.push(InputChange {
                kind: InputKind::Override,
                name: p.clone(),
                before: x.cloned().unwrap_or_default(),
                after: y.cloned().unwrap_or_default(),
            });
        }
    }
    if b.model.sha256 != a.model.sha256 {
        let model = |m: &crate::results::summary::ModelInfo| {
            format!("{} ({}, sha256 {})", m.name, m.file, short_hash(&m.sha256))
        };
        inputs.push(InputChange {
            kind: InputKind::ModelFile,
            name: "model file".into(),
            before: model(&b.model),
            after: model(&a.model),
        });
    }
    let (b_files, a_files) = (&b.instance.files_sha256, &a.instance.files_sha256);
    let files: BTreeSet<&String> = b_files.keys().chain(a_files.keys()).collect();
    for f in files {
        let (x, y) = (b_files.get(f), a_files.get(f));
        if x != y {
            let hash = |h: Option<&String>| {
                h.map(|h| format!("sha256 {}", short_hash(h)))
                    .unwrap_or_default()
            };
            inputs.push(InputChange {
                kind: InputKind::InstanceFile,
                name: format!("instance file {f}"),
                before: hash(x),
                after: hash(y),
            });
        }
    }
    inputs
}

fn short_hash(h: &str) -> &str {
    h.get(..12).unwrap_or(h)
}

/// Overrides in `--set` syntax grouped by the parameter they set: the text
/// before the operator → the operators and values, in order.
fn overrides_by_parameter(overrides: &[String]) -> BTreeMap<String, String> {
    let mut by: BTreeMap<String, String> = BTreeMap::new();
    for o in overrides {
        // The operator follows the parameter and its `[key=value]` selector.
        let first_eq = o.find('=').unwrap_or(o.len());
        let selector_end = match o.find('[') {
            Some(i) if i < first_eq => o[i..].find(']').map_or(0, |j| i + j + 1),
            _ => 0,
        };
        let at = ["*=", "+=", "-=", "="]
            .iter()
            .filter_map(|op| o[selector_end..].find(op))
            .min()
            .map_or(o.len(), |i| selector_end + i);
        let (parameter, value) = o.split_at(at);
        let entry = by.entry(parameter.trim().to_string()).or_default();
        if !entry.is_empty() {
            entry.push_str(" then ");
        }
        entry.push_str(value.trim());
    }
    by
}

/// The spending tables of [`Breakdown::ORDER`].
fn spending_tables(
    before: &OutputFolder,
    after: &OutputFolder,
    limits: &[LimitChange],
) -> Vec<TotalsTable> {
    let spend = |f: &OutputFolder| f.summary.spend_yi.clone();
    let (b_spend, a_spend) = (spend(before), spend(after));
    let overall = |s: &Option<crate::results::summary::Spending>| {
        s.as_ref()
            .map_or([0.0; 3], |s| [s.total, s.central, s.provincial])
    };
    let (b_all, a_all) = (overall(&b_spend), overall(&a_spend));
    let overall_rows = ["real spending", "central", "provincial"]
        .iter()
        .enumerate()
        .map(|(i, key)| TotalRow {
            key: key.to_string(),
            before: b_all[i],
            after: a_all[i],
            because: Vec::new(),
        })
        .collect();
    let by_year = |s: &Option<crate::results::summary::Spending>| -> BTreeMap<String, f64> {
        s.iter()
            .flat_map(|s| &s.by_year)
            .map(|y| (y.year.to_string(), y.total))
            .collect()
    };
    let regions = |f: &OutputFolder| f.summary.instance.regions.clone();
    let mut region_of = regions(after);
    region_of.extend(regions(before));
    let funding = |key: &dyn Fn(&AllocationRow) -> Option<String>| {
        (
            sum_by(&before.allocation, key),
            sum_by(&after.allocation, key),
        )
    };
    let table = |by: Breakdown, (b, a): (BTreeMap<String, f64>, BTreeMap<String, f64>)| {
        let mut rows = paired_rows(&b, &a);
        if by == Breakdown::Province {
            for r in &mut rows {
                r.because = related(limits, |l| {
                    l.key("province") == Some(r.key.as_str()) || l.is_national()
                });
            }
        }
        TotalsTable { by, rows }
    };
    let mut tables = vec![TotalsTable {
        by: Breakdown::Overall,
        rows: overall_rows,
    }];
    if !region_of.is_empty() {
        tables.push(table(
            Breakdown::Region,
            funding(&|r| region_of.get(&r.province).cloned()),
        ));
    }
    tables.push(table(
        Breakdown::Province,
        funding(&|r| Some(r.province.clone())),
    ));
    tables.push(table(
        Breakdown::Year,
        (by_year(&b_spend), by_year(&a_spend)),
    ));
    tables.push(table(
        Breakdown::Instrument,
        funding(&|r| Some(r.mode.clone())),
    ));
    tables.push(table(Breakdown::Area, funding(&|r| Some(r.area.clone()))));
    tables
}

/// Effort funding (central + provincial) summed by a key [亿元].
fn sum_by(
    rows: &[AllocationRow],
    key: &dyn Fn(&AllocationRow) -> Option<String>,
) -> BTreeMap<String, f64> {
    let mut sums: BTreeMap<String, f64> = BTreeMap::new();
    for r in rows {
        if let Some(k) = key(r) {
            *sums.entry(k).or_default() += r.funding_central_yi + r.funding_provincial_yi;
        }
    }
    sums
}

/// Rows of every key of either plan, largest change first.
fn paired_rows(before: &BTreeMap<String, f64>, after: &BTreeMap<String, f64>) -> Vec<TotalRow> {
    let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let mut rows: Vec<TotalRow> = keys
        .into_iter()
        .map(|k| TotalRow {
            key: k.clone(),
            before: before.get(k).copied().unwrap_or(0.0),
            after: after.get(k).copied().unwrap_or(0.0),
            because: Vec::new(),
        })
        .filter(|r| r.before.abs() > 1e-12 || r.after.abs() > 1e-12)
        .collect();
    rows.sort_by(|x, y| {
        y.change()
            .abs()
            .total_cmp(&x.change().abs())
            .then(x.key.cmp(&y.key))
    });
    rows
}

/// Indices of the planner's (non-technical) limits that `relates` picks.
fn related(limits: &[LimitChange], relates: impl Fn(&LimitChange) -> bool) -> Vec<usize> {
    (0..limits.len())
        .filter(|&i| !limits[i].is_technical() && relates(&limits[i]))
        .collect()
}

/// Lead sites designated in one plan and not the other.
fn site_changes(b_totals: &Totals, a_totals: &Totals, limits: &[LimitChange]) -> Vec<Change> {
    let mut changes = Vec::new();
    for (item, province) in b_totals.sites.symmetric_difference(&a_totals.sites) {
        let designated_after = a_totals.sites.contains(&(item.clone(), province.clone()));
        changes.push(Change {
            subject: ChangeSubject::LeadSite {
                item: item.clone(),
                province: province.clone(),
                designated: designated_after,
            },
            description: format!(
                "lead site of {item} in {province} {}",
                if designated_after {
                    "designated"
                } else {
                    "dropped"
                }
            ),
            before: if designated_after { 0.0 } else { 1.0 },
            after: if designated_after { 1.0 } else { 0.0 },
            unit: "sites".into(),
            because: related(limits, |l| {
                l.key("item") == Some(item.as_str())
                    || l.key("province") == Some(province.as_str())
                    || l.is_national()
            }),
        });
    }
    changes
}

/// New platforms by area and province, largest change first.
fn platform_changes(b_totals: &Totals, a_totals: &Totals, limits: &[LimitChange]) -> Vec<Change> {
    let mut changes = Vec::new();
    let platform_keys: BTreeSet<&(String, String)> = b_totals
        .platforms
        .keys()
        .chain(a_totals.platforms.keys())
        .collect();
    for (area, province) in platform_keys {
        let k = (area.clone(), province.clone());
        let (b, a) = (
            b_totals.platforms.get(&k).copied().unwrap_or(0.0),
            a_totals.platforms.get(&k).copied().unwrap_or(0.0),
        );
        if (a - b).abs() > 1e-6 {
            changes.push(Change {
                subject: ChangeSubject::Platforms {
                    area: area.clone(),
                    province: province.clone(),
                },
                description: format!("new platforms of {area} in {province}"),
                before: b,
                after: a,
                unit: "platforms".into(),
                because: related(limits, |l| {
                    l.key("province") == Some(province.as_str())
                        && l.key("area").is_none_or(|x| x == area)
                        || l.is_national()
                }),
            });
        }
    }
    changes.sort_by(|x, y| {
        y.size()
            .abs()
            .total_cmp(&x.size().abs())
            .then(x.description.cmp(&y.description))
    });
    changes
}

/// The items, areas and provinces a target's group funds in either plan up
/// to the target's year.
struct TargetReach<'a> {
    id: &'a str,
    year: i32,
    items: BTreeSet<&'a str>,
    areas: BTreeSet<&'a str>,
    provinces: BTreeSet<&'a str>,
}

impl<'a> TargetReach<'a> {
    fn of(id: &'a str, group: &'a str, year: i32, folders: [&'a OutputFolder; 2]) -> Self {
        let parts: Vec<&str> = group.split('+').collect();
        let in_group = |r: &AllocationRow| {
            parts
                .iter()
                .any(|&p| p == "all" || p == r.area || p == r.item)
        };
        let mut reach = TargetReach {
            id,
            year,
            items: BTreeSet::new(),
            areas: BTreeSet::new(),
            provinces: BTreeSet::new(),
        };
        for r in folders.iter().flat_map(|f| &f.allocation) {
            if r.year <= year && in_group(r) {
                reach.items.insert(&r.item);
                reach.areas.insert(&r.area);
                reach.provinces.insert(&r.province);
            }
        }
        reach
    }

    /// Whether a limit bears on this target: its own row, or a limit of its
    /// years on the provinces, areas or items its group is funded in (a
    /// national limit — central budget, regional floor — included).
    fn relates(&self, l: &LimitChange) -> bool {
        if l.family == "target" {
            return l.key("target") == Some(self.id);
        }
        if l.year_number().is_some_and(|y| y > self.year) {
            return false;
        }
        let fits = |name: &str, set: &BTreeSet<&str>| l.key(name).is_none_or(|v| set.contains(v));
        fits("province", &self.provinces)
            && fits("area", &self.areas)
            && fits("item", &self.items)
            && fits("needs", &self.items)
            && l.key("target").is_none()
    }
}

/// Every target of the second plan that the first has, with its related limits.
fn target_changes(
    before: &OutputFolder,
    after: &OutputFolder,
    limits: &[LimitChange],
) -> Vec<TargetChange> {
    let mut changes = Vec::new();
    for a in &after.targets {
        let Some(b) = before.targets.iter().find(|b| b.target == a.target) else {
            continue;
        };
        let reach = TargetReach::of(&a.target, &a.group, a.year, [before, after]);
        changes.push(TargetChange {
            id: a.target.clone(),
            group: a.group.clone(),
            year: a.year,
            required_before: b.level,
            required_after: a.level,
            level_before: b.achieved,
            level_after: a.achieved,
            shortfall_before: b.shortfall,
            shortfall_after: a.shortfall,
            assured_before: b.count_assured,
            assured_after: a.count_assured,
            items: a.count_items.or(b.count_items),
            weighted_before: b.weighted_realised,
            weighted_after: a.weighted_realised,
            limits: related(limits, |l| reach.relates(l)),
        });
    }
    changes
}

/// A number for sentences: two decimals from 1 up, four significant digits
/// below (the CSV keeps full precision).
pub fn readable(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else if v.abs() >= 1.0 {
        format!("{v:.2}")
    } else {
        let digits = (3 - v.abs().log10().floor() as i32).clamp(0, 12) as usize;
        format!("{v:.digits$}")
    }
}
