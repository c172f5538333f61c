//! The national instance as the generator's template: its items, provinces,
//! advantage, platforms, chain links, yearly central budget and policy
//! bounds, read from the bundled files (embedded at build time, so a
//! generated instance never depends on where the program runs).

use std::collections::{BTreeMap, HashMap};

const ITEMS: &str = include_str!("../../instances/china-2025/items.csv");
const PROVINCES: &str = include_str!("../../instances/china-2025/provinces.csv");
const ADVANTAGE: &str = include_str!("../../instances/china-2025/advantage.csv");
const ITEM_ADVANTAGE: &str = include_str!("../../instances/china-2025/item_advantage.csv");
const PLATFORMS: &str = include_str!("../../instances/china-2025/platforms.csv");
const LINKS: &str = include_str!("../../instances/china-2025/chain_links.csv");
const MANIFEST: &str = include_str!("../../instances/china-2025/instance.toml");
/// The national instruments (five, with sourced sizes).
pub const MODEL: &str = include_str!("../../models/national.toml");

/// One national key item.
pub struct Item {
    pub id: String,
    pub area: String,
    pub tier: String,
    pub s0: f64,
    pub smax: f64,
    /// Domestic demand [亿元/yr], the item's weight in group targets.
    pub weight_yi: f64,
    pub gain: f64,
    pub effect_lag_years: Option<u32>,
    pub min_site_effort: Option<f64>,
}

/// One national province.
pub struct Province {
    pub id: String,
    pub region: String,
    pub budget_yi: f64,
    pub talent_kfte: f64,
}

/// The national instance, as read from its files.
pub struct National {
    pub items: Vec<Item>,
    pub provinces: Vec<Province>,
    /// (area, province) → area advantage index.
    pub area_advantage: HashMap<(String, String), f64>,
    /// item → (province, item-level advantage) for items with an industry map.
    pub item_advantage: HashMap<String, Vec<(String, f64)>>,
    /// (area, province) → platform capacity [cu].
    pub capacity: HashMap<(String, String), f64>,
    /// (item, needs, max_lead).
    pub links: Vec<(String, String, f64)>,
    /// Central budget by calendar year [亿元/yr]; later years take the last.
    pub central_budget_yi: BTreeMap<i32, f64>,
    /// The `[continuity]`, `[concentration]` and `[regional_floor]` tables
    /// of instance.toml, as written there.
    pub policy_tables: Vec<(String, toml::Table)>,
}

impl National {
    /// Reads the embedded national instance. Its files are checked by the
    /// test suite (`qiangji check` on the bundled instances), so a failure
    /// here is a build defect, not an input error.
    pub fn read() -> National {
        let items = rows(ITEMS)
            .iter()
            .map(|r| Item {
                id: r["id"].clone(),
                area: r["area"].clone(),
                tier: r["tier"].clone(),
                s0: num(r, "s0"),
                smax: num(r, "smax"),
                weight_yi: num(r, "weight_yi"),
                gain: num(r, "gain_per_effort"),
                effect_lag_years: optional(r, "effect_lag_years"),
                min_site_effort: optional(r, "min_site_effort"),
            })
            .collect();
        let provinces = rows(PROVINCES)
            .iter()
            .map(|r| Province {
                id: r["id"].clone(),
                region: r["region"].clone(),
                budget_yi: num(r, "budget_yi"),
                talent_kfte: num(r, "talent_kfte"),
            })
            .collect();
        let by_area = |text: &str, field: &str| -> HashMap<(String, String), f64> {
            rows(text)
                .iter()
                .map(|r| ((r["area"].clone(), r["province"].clone()), num(r, field)))
                .collect()
        };
        let mut item_advantage: HashMap<String, Vec<(String, f64)>> = HashMap::new();
        for r in rows(ITEM_ADVANTAGE) {
            item_advantage
                .entry(r["item"].clone())
                .or_default()
                .push((r["province"].clone(), num(&r, "advantage")));
        }
        let links = rows(LINKS)
            .iter()
            .map(|r| (r["item"].clone(), r["needs"].clone(), num(r, "max_lead")))
            .collect();
        let manifest: toml::Table = MANIFEST.parse().expect("bundled instance.toml parses");
        let budget = manifest["central_budget_yi"]
            .as_table()
            .expect("central_budget_yi is a table");
        let central_budget_yi = budget["by_year"]
            .as_table()
            .expect("central_budget_yi.by_year is a table")
            .iter()
            .map(|(year, v)| {
                (
                    year.parse().expect("years are integers"),
                    v.as_float().expect("budgets are numbers"),
                )
            })
            .collect();
        let policy_tables = ["continuity", "concentration", "regional_floor"]
            .iter()
            .filter_map(|name| {
                manifest
                    .get(*name)
                    .and_then(|v| v.as_table())
                    .map(|t| (name.to_string(), t.clone()))
            })
            .collect();
        National {
            items,
            provinces,
            area_advantage: by_area(ADVANTAGE, "advantage"),
            item_advantage,
            capacity: by_area(PLATFORMS, "capacity_cu"),
            links,
            central_budget_yi,
            policy_tables,
        }
    }

    /// Central budget of `year` [亿元/yr]: the national figure of that year,
    /// the first year's before the record, the last year's after it.
    pub fn central_budget(&self, year: i32) -> f64 {
        self.central_budget_yi
            .range(..=year)
            .next_back()
            .or_else(|| self.central_budget_yi.iter().next())
            .map_or(0.0, |(_, v)| *v)
    }

    /// Total weight of the national items [亿元/yr].
    pub fn total_weight(&self) -> f64 {
        self.items.iter().map(|i| i.weight_yi).sum()
    }
}

fn rows(text: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .expect("embedded template has headers")
        .clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("embedded template is valid CSV");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn num(row: &HashMap<String, String>, key: &str) -> f64 {
    row[key].parse().expect("embedded template numbers parse")
}

fn optional<T: std::str::FromStr>(row: &HashMap<String, String>, key: &str) -> Option<T> {
    row.get(key)
        .filter(|v| !v.trim().is_empty())
        .map(|v| v.parse().ok().expect("embedded template numbers parse"))
}
