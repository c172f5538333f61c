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

/// Builds every table of the instance.
pub fn replicate(opts: &GenerateOptions, national: &National, rng: &mut ChaCha8Rng) -> Replica {
    let jitter = LogNormal::new(0.0, JITTER_SIGMA).expect("valid lognormal");
    let templates = draw_templates(national, opts.items, rng);
    let item_ids: Vec<String> = (0..opts.items).map(|i| format!("k{:05}", i + 1)).collect();

    // Items: a jittered market (weight) with the gain moved inversely, so a
    // point of a copy's market costs what it costs nationally (A20), then a
    // second jitter on the gain for item-to-item spread.
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
    let links = copy_links(national, &templates, &mut s0s, rng);
    let mut items_csv = String::from(
        "id,area,tier,s0,smax,weight_yi,gain_per_effort,effect_lag_years,min_site_effort,note\n",
    );
    for (i, &t) in templates.iter().enumerate() {
        let tpl = &national.items[t];
        // A18: the minimum site effort buys a fixed number of points, so it
        // moves inversely with the gain.
        let site_min = tpl
            .min_site_effort
            .map(|e| format!("{:.1}", (e * tpl.gain / gains[i]).max(SITE_EFFORT_FLOOR)))
            .unwrap_or_default();
        let lag = tpl
            .effect_lag_years
            .map(|l| l.to_string())
            .unwrap_or_default();
        let _ = writeln!(
            items_csv,
            "{},{},{},{:.4},{},{:.2},{:.8},{lag},{site_min},like {}",
            item_ids[i], tpl.area, tpl.tier, s0s[i], tpl.smax, weights[i], gains[i], tpl.id
        );
    }
    let mut links_csv = String::from("item,needs,max_lead\n");
    for (d, n, lead) in &links {
        let _ = writeln!(links_csv, "{},{},{}", item_ids[*d], item_ids[*n], lead);
    }

    // Provinces: copies of national provinces in a shuffled order, sharing
    // the copied province's budget, talent and capacity, all scaled by the
    // generated demand over the national demand.
    let weight_scale = weights.iter().sum::<f64>() / national.total_weight();
    let province_scale = national.provinces.len() as f64 / opts.provinces as f64;
    let scale = weight_scale * province_scale;
    let mut order: Vec<usize> = (0..national.provinces.len()).collect();
    order.shuffle(rng);
    let copies: Vec<usize> = (0..opts.provinces)
        .map(|p| order[p % order.len()])
        .collect();
    let province_ids: Vec<String> = (0..opts.provinces)
        .map(|p| format!("p{:04}", p + 1))
        .collect();
    let mut provinces_csv = String::from("id,region,budget_yi,talent_kfte,note\n");
    let mut regions: HashMap<String, usize> = HashMap::new();
    for (p, &q) in copies.iter().enumerate() {
        let tpl = &national.provinces[q];
        *regions.entry(tpl.region.clone()).or_default() += 1;
        let _ = writeln!(
            provinces_csv,
            "{},{},{:.4},{:.4},like {}",
            province_ids[p],
            tpl.region,
            tpl.budget_yi * scale * jitter.sample(rng),
            tpl.talent_kfte * scale * jitter.sample(rng),
            tpl.id
        );
    }
    let areas: Vec<&str> = super::AREAS.to_vec();
    let mut advantage_csv = String::from("area,province,advantage\n");
    let mut platforms_csv = String::from("area,province,capacity_cu\n");
    for area in &areas {
        let raw: Vec<f64> = copies
            .iter()
            .map(|&q| {
                let key = (area.to_string(), national.provinces[q].id.clone());
                national.area_advantage[&key] * jitter.sample(rng)
            })
            .collect();
        // Keep the index's meaning: 1 = average over the generated provinces.
        let mean = raw.iter().sum::<f64>() / raw.len() as f64;
        for (p, &q) in copies.iter().enumerate() {
            let key = (area.to_string(), national.provinces[q].id.clone());
            let _ = writeln!(
                advantage_csv,
                "{area},{},{:.4}",
                province_ids[p],
                (raw[p] / mean).max(0.3)
            );
            let _ = writeln!(
                platforms_csv,
                "{area},{},{:.4}",
                province_ids[p],
                national.capacity[&key] * scale * jitter.sample(rng)
            );
        }
    }
    // Item-level advantage: a copy of an item with an industry map works
    // where copies of its national provinces are (and nowhere else).
    let mut item_advantage_csv = String::from("item,province,advantage\n");
    for (i, &t) in templates.iter().enumerate() {
        let Some(map) = national.item_advantage.get(&national.items[t].id) else {
            continue;
        };
        let by_province: HashMap<&str, f64> = map.iter().map(|(p, v)| (p.as_str(), *v)).collect();
        for (p, &q) in copies.iter().enumerate() {
            if let Some(v) = by_province.get(national.provinces[q].id.as_str()) {
                let _ = writeln!(
                    item_advantage_csv,
                    "{},{},{:.4}",
                    item_ids[i],
                    province_ids[p],
                    v * jitter.sample(rng)
                );
            }
        }
    }

    let has_core_items = templates
        .iter()
        .any(|&t| matches!(national.items[t].area.as_str(), "components" | "materials"));
    let areas_csv =
        std::iter::once("id")
            .chain(areas.iter().copied())
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
