//! The generated instance's tables: items, provinces and their advantage,
//! platforms and chain links, each a jittered copy of a national one, with
//! money, talent and capacity scaled so that a generated item costs what a
//! national item of the same market costs.

use std::collections::HashMap;
use std::fmt::Write as _;

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal};

use super::template::National;
use super::GenerateOptions;

/// Spread of the multiplicative jitter on weights, gains, budgets, talent,
/// capacity and advantage (log-normal σ): enough that no two copies of an
/// item or province are alike, small against the national spread.
const JITTER_SIGMA: f64 = 0.15;

/// A national lead site must receive at least this effort (A18's floor)
/// [effort units].
const SITE_EFFORT_FLOOR: f64 = 10.0;

/// The tables of a generated instance and what the manifest needs to know.
pub struct Replica {
    /// CSV files, name → contents.
    pub files: Vec<(String, String)>,
    /// Generated demand over national demand: the scale of every budget.
    pub weight_scale: f64,
    /// Whether any item is a component or a material (the core group).
    pub has_core_items: bool,
    /// Provinces in each region.
    pub regions: HashMap<String, usize>,
}

/// Items as national copies, drawn so that every block of as many items as
/// the national instance has holds each national item once: the mix of
/// tiers and markets, which decides what the targets cost, is national at
/// every size that is a multiple of it and close to it in between.
fn draw_templates(national: &National, items: usize, rng: &mut ChaCha8Rng) -> Vec<usize> {
    let n = national.items.len();
    let mut drawn = Vec::with_capacity(items);
    let mut block: Vec<usize> = (0..n).collect();
    for i in 0..items {
        if i % n == 0 {
            block.shuffle(rng);
        }
        drawn.push(block[i % n]);
    }
    drawn
}

/// Builds every table of the instance. The random draws come in a fixed
/// order (items, links, provinces, area indices and platforms, item
/// indices), so a seed gives the same instance.
pub fn replicate(opts: &GenerateOptions, national: &National, rng: &mut ChaCha8Rng) -> Replica {
    let jitter = LogNormal::new(0.0, JITTER_SIGMA).expect("valid lognormal");
    let mut items = ItemCopies::draw(opts, national, &jitter, rng);
    let links = copy_links(national, &items.templates, &mut items.s0s, rng);
    let items_csv = items.csv(national);
    let mut links_csv = String::from("item,needs,max_lead\n");
    for (d, n, lead) in &links {
        let _ = writeln!(links_csv, "{},{},{}", items.ids[*d], items.ids[*n], lead);
    }
    // Money, talent and capacity scaled by the generated demand over the
    // national demand, shared among the provinces.
    let weight_scale = items.weights.iter().sum::<f64>() / national.total_weight();
    let province_scale = national.provinces.len() as f64 / opts.provinces as f64;
    let scale = weight_scale * province_scale;
    let provinces = ProvinceCopies::draw(opts, national, rng);
    let (provinces_csv, regions) = provinces.csv(national, scale, &jitter, rng);
    let (advantage_csv, platforms_csv) =
        area_advantage_and_platforms(national, &provinces, scale, &jitter, rng);
    let item_advantage_csv = item_advantage(national, &items, &provinces, &jitter, rng);
    let has_core_items = items
        .templates
        .iter()
        .any(|&t| matches!(national.items[t].area.as_str(), "components" | "materials"));
    let areas_csv = std::iter::once("id")
        .chain(super::AREAS.iter().copied())
        .fold(String::new(), |mut s, a| {
            let _ = writeln!(s, "{a}");
            s
        });
    Replica {
        files: vec![
            ("areas.csv".into(), areas_csv),
            ("items.csv".into(), items_csv),
            ("provinces.csv".into(), provinces_csv),
            ("advantage.csv".into(), advantage_csv),
            ("item_advantage.csv".into(), item_advantage_csv),
            ("platforms.csv".into(), platforms_csv),
            ("chain_links.csv".into(), links_csv),
        ],
        weight_scale,
        has_core_items,
        regions,
    }
}

/// The generated items: which national item each copies, and its values.
struct ItemCopies {
    templates: Vec<usize>,
    ids: Vec<String>,
    s0s: Vec<f64>,
    weights: Vec<f64>,
    gains: Vec<f64>,
}

impl ItemCopies {
    /// A jittered market (weight) with the gain moved inversely, so a point
    /// of a copy's market costs what it costs nationally (A20), then a
    /// second jitter on the gain for item-to-item spread.
    fn draw(
        opts: &GenerateOptions,
        national: &National,
        jitter: &LogNormal<f64>,
        rng: &mut ChaCha8Rng,
    ) -> ItemCopies {
        let templates = draw_templates(national, opts.items, rng);
        let mut s0s = Vec::with_capacity(opts.items);
        let mut weights = Vec::with_capacity(opts.items);
        let mut gains = Vec::with_capacity(opts.items);
        for &t in &templates {
            let tpl = &national.items[t];
            s0s.push((tpl.s0 + rng.gen_range(-0.05..0.05)).clamp(0.0, tpl.smax - 0.05));
            let w = jitter.sample(rng);
            weights.push(tpl.weight_yi * w);
            gains.push((tpl.gain / w * jitter.sample(rng)).min(1.0));
        }
        ItemCopies {
            templates,
            ids: (0..opts.items).map(|i| format!("k{:05}", i + 1)).collect(),
            s0s,
            weights,
            gains,
        }
    }

    /// `items.csv`.
    fn csv(&self, national: &National) -> String {
        let mut csv = String::from(
            "id,area,tier,s0,smax,weight_yi,gain_per_effort,effect_lag_years,min_site_effort,note\n",
        );
        for (i, &t) in self.templates.iter().enumerate() {
            let tpl = &national.items[t];
            let gain = self.gains[i];
            // A18: the minimum site effort buys a fixed number of points, so
            // it moves inversely with the gain.
            let site_min = tpl
                .min_site_effort
                .map(|e| format!("{:.1}", (e * tpl.gain / gain).max(SITE_EFFORT_FLOOR)))
                .unwrap_or_default();
            let lag = tpl
                .effect_lag_years
                .map(|l| l.to_string())
                .unwrap_or_default();
            let _ = writeln!(
                csv,
                "{},{},{},{:.4},{},{:.2},{:.8},{lag},{site_min},like {}",
                self.ids[i],
                tpl.area,
                tpl.tier,
                self.s0s[i],
                tpl.smax,
                self.weights[i],
                gain,
                tpl.id
            );
        }
        csv
    }
}

/// The generated provinces: copies of national provinces in a shuffled order.
struct ProvinceCopies {
    /// The national province each copies.
    copies: Vec<usize>,
    ids: Vec<String>,
}

impl ProvinceCopies {
    fn draw(opts: &GenerateOptions, national: &National, rng: &mut ChaCha8Rng) -> ProvinceCopies {
        let mut order: Vec<usize> = (0..national.provinces.len()).collect();
        order.shuffle(rng);
        ProvinceCopies {
            copies: (0..opts.provinces)
                .map(|p| order[p % order.len()])
                .collect(),
            ids: (0..opts.provinces)
                .map(|p| format!("p{:04}", p + 1))
                .collect(),
        }
    }

    /// `provinces.csv`, with the copied province's budget and talent scaled
    /// by `scale`, and the provinces in each region.
    fn csv(
        &self,
        national: &National,
        scale: f64,
        jitter: &LogNormal<f64>,
        rng: &mut ChaCha8Rng,
    ) -> (String, HashMap<String, usize>) {
        let mut csv = String::from("id,region,budget_yi,talent_kfte,note\n");
        let mut regions: HashMap<String, usize> = HashMap::new();
        for (p, &q) in self.copies.iter().enumerate() {
            let tpl = &national.provinces[q];
            *regions.entry(tpl.region.clone()).or_default() += 1;
            let _ = writeln!(
                csv,
                "{},{},{:.4},{:.4},like {}",
                self.ids[p],
                tpl.region,
                tpl.budget_yi * scale * jitter.sample(rng),
                tpl.talent_kfte * scale * jitter.sample(rng),
                tpl.id
            );
        }
        (csv, regions)
    }
}

/// `advantage.csv` and `platforms.csv`: each area's index and capacity of
/// the copied provinces, jittered; capacity scaled by `scale`.
fn area_advantage_and_platforms(
    national: &National,
    provinces: &ProvinceCopies,
    scale: f64,
    jitter: &LogNormal<f64>,
    rng: &mut ChaCha8Rng,
) -> (String, String) {
    let mut advantage_csv = String::from("area,province,advantage\n");
    let mut platforms_csv = String::from("area,province,capacity_cu\n");
    for area in super::AREAS {
        let raw: Vec<f64> = provinces
            .copies
            .iter()
            .map(|&q| {
                let key = (area.to_string(), national.provinces[q].id.clone());
                national.area_advantage[&key] * jitter.sample(rng)
            })
            .collect();
        // Keep the index's meaning: 1 = average over the generated provinces.
        let mean = raw.iter().sum::<f64>() / raw.len() as f64;
        for (p, &q) in provinces.copies.iter().enumerate() {
            let key = (area.to_string(), national.provinces[q].id.clone());
            let id = &provinces.ids[p];
            let _ = writeln!(advantage_csv, "{area},{id},{:.4}", (raw[p] / mean).max(0.3));
            let _ = writeln!(
                platforms_csv,
                "{area},{id},{:.4}",
                national.capacity[&key] * scale * jitter.sample(rng)
            );
        }
    }
    (advantage_csv, platforms_csv)
}

/// `item_advantage.csv`: a copy of an item with an industry map works where
/// copies of its national provinces are (and nowhere else).
fn item_advantage(
    national: &National,
    items: &ItemCopies,
    provinces: &ProvinceCopies,
    jitter: &LogNormal<f64>,
    rng: &mut ChaCha8Rng,
) -> String {
    let mut csv = String::from("item,province,advantage\n");
    for (i, &t) in items.templates.iter().enumerate() {
        let Some(map) = national.item_advantage.get(&national.items[t].id) else {
            continue;
        };
        let by_province: HashMap<&str, f64> = map.iter().map(|(p, v)| (p.as_str(), *v)).collect();
        for (p, &q) in provinces.copies.iter().enumerate() {
            if let Some(v) = by_province.get(national.provinces[q].id.as_str()) {
                let _ = writeln!(
                    csv,
                    "{},{},{:.4}",
                    items.ids[i],
                    provinces.ids[p],
                    v * jitter.sample(rng)
                );
            }
        }
    }
    csv
}

/// Chain links follow the national links between the items' templates (a
/// dependent copy needs one random copy of each input); the national graph
/// is acyclic, so the copy is too. Initial shares are lowered where a link
/// would be broken at the start.
fn copy_links(
    national: &National,
    templates: &[usize],
    s0s: &mut [f64],
    rng: &mut ChaCha8Rng,
) -> Vec<(usize, usize, f64)> {
    let mut by_template: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, t) in templates.iter().enumerate() {
        by_template.entry(*t).or_default().push(i);
    }
    let index: HashMap<&str, usize> = national
        .items
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut links: Vec<(usize, usize, f64)> = Vec::new();
    for (item, needs, lead) in &national.links {
        let (Some(ti), Some(tn)) = (index.get(item.as_str()), index.get(needs.as_str())) else {
            continue;
        };
        let (Some(dependents), Some(inputs)) = (by_template.get(ti), by_template.get(tn)) else {
            continue;
        };
        for &d in dependents {
            let &n = inputs.choose(rng).expect("non-empty");
            links.push((d, n, *lead));
        }
    }
    links.sort_by_key(|l| (l.0, l.1));
    links.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    // Inputs first: as many passes as the longest chain can need.
    for _ in 0..national.items.len() {
        for &(d, n, lead) in &links {
            if s0s[d] > s0s[n] + lead {
                s0s[d] = s0s[n] + lead;
            }
        }
    }
    links
}
