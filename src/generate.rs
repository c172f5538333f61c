//! Synthetic instances for scale: `qiangji generate` writes an instance of any
//! size whose data follow the national instance's distributions (item tiers,
//! baseline shares and gains; provincial budgets, talent, capacity and
//! advantage), so that it solves like the real problem rather than like noise.
//! Deterministic for a seed.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal};

use crate::report::atomic::write_folder;
use crate::report::OutputError;

/// The national instance and default model, embedded as templates.
const ITEMS: &str = include_str!("../instances/china-2025/items.csv");
const PROVINCES: &str = include_str!("../instances/china-2025/provinces.csv");
const ADVANTAGE: &str = include_str!("../instances/china-2025/advantage.csv");
const PLATFORMS: &str = include_str!("../instances/china-2025/platforms.csv");
const LINKS: &str = include_str!("../instances/china-2025/chain_links.csv");
const MODEL: &str = include_str!("../models/default.toml");
/// Central budget of the national instance [亿元/yr] (assumption A11 there).
const NATIONAL_CENTRAL_BUDGET_YI: f64 = 198.66;
const FIRST_YEAR: i32 = 2022;
const AREAS: [&str; 5] = [
    "components",
    "materials",
    "processes",
    "software",
    "quality",
];

/// Size and seed of a generated instance.
#[derive(Debug, Clone, Copy)]
pub struct GenerateOptions {
    pub items: usize,
    pub provinces: usize,
    pub years: usize,
    pub seed: u64,
}

/// Why generation was refused.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Output(#[from] OutputError),
}

struct TemplateItem {
    id: String,
    area: String,
    tier: String,
    s0: f64,
    smax: f64,
    gain: f64,
}

struct TemplateProvince {
    id: String,
    region: String,
    budget_yi: f64,
    talent_kfte: f64,
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

impl crate::exit::HasExitStatus for GenerateError {
    fn exit_status(&self) -> crate::exit::ExitStatus {
        match self {
            GenerateError::Invalid(_) => crate::exit::ExitStatus::Input,
            GenerateError::Output(e) => e.exit_status(),
        }
    }
}

/// Writes a generated instance into `out` (whole or not at all).
pub fn generate(opts: &GenerateOptions, out: &Path) -> Result<(), GenerateError> {
    if opts.items == 0 || opts.provinces == 0 {
        return Err(GenerateError::Invalid(
            "--items and --provinces must be at least 1".into(),
        ));
    }
    if !(1..=100).contains(&opts.years) {
        return Err(GenerateError::Invalid(
            "--years must be between 1 and 100".into(),
        ));
    }
    let files = build(opts);
    write_folder(out, "generate", files)?;
    Ok(())
}

/// The generated files, name → contents, in memory.
pub fn build(opts: &GenerateOptions) -> Vec<(String, String)> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let template_items: Vec<TemplateItem> = rows(ITEMS)
        .iter()
        .map(|r| TemplateItem {
            id: r["id"].clone(),
            area: r["area"].clone(),
            tier: r["tier"].clone(),
            s0: num(r, "s0"),
            smax: num(r, "smax"),
            gain: num(r, "gain_per_effort"),
        })
        .collect();
    let template_provinces: Vec<TemplateProvince> = rows(PROVINCES)
        .iter()
        .map(|r| TemplateProvince {
            id: r["id"].clone(),
            region: r["region"].clone(),
            budget_yi: num(r, "budget_yi"),
            talent_kfte: num(r, "talent_kfte"),
        })
        .collect();
    let advantage: HashMap<(String, String), f64> = rows(ADVANTAGE)
        .iter()
        .map(|r| {
            (
                (r["area"].clone(), r["province"].clone()),
                num(r, "advantage"),
            )
        })
        .collect();
    let capacity: HashMap<(String, String), f64> = rows(PLATFORMS)
        .iter()
        .map(|r| {
            (
                (r["area"].clone(), r["province"].clone()),
                num(r, "capacity_cu"),
            )
        })
        .collect();
    let template_links: Vec<(String, String, f64)> = rows(LINKS)
        .iter()
        .map(|r| (r["item"].clone(), r["needs"].clone(), num(r, "max_lead")))
        .collect();

    // Money, talent and capacity scale with the number of items (effort per
    // item stays national-like) and are shared out over the provinces.
    let item_scale = opts.items as f64 / template_items.len() as f64;
    let province_scale = template_provinces.len() as f64 / opts.provinces as f64;
    let jitter = LogNormal::new(0.0, 0.15).expect("valid lognormal");

    // Items: each copies a random national item, with jittered baseline and gain.
    let mut items: Vec<(String, usize)> = Vec::with_capacity(opts.items); // (id, template index)
    let mut s0s = Vec::with_capacity(opts.items);
    let mut items_csv = String::from("id,area,tier,s0,smax,weight_yi,gain_per_effort,note\n");
    for i in 0..opts.items {
        let t = rng.gen_range(0..template_items.len());
        let tpl = &template_items[t];
        let s0 = (tpl.s0 + rng.gen_range(-0.05..0.05)).clamp(0.0, tpl.smax - 0.05);
        items.push((format!("k{:05}", i + 1), t));
        s0s.push(s0);
    }
    // Chain links follow the template's links between the items' templates;
    // the template graph is acyclic, so the copy is too.
    let mut by_template: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, (_, t)) in items.iter().enumerate() {
        by_template.entry(*t).or_default().push(i);
    }
    let template_index: HashMap<&str, usize> = template_items
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut links: Vec<(usize, usize, f64)> = Vec::new();
    for (item, needs, lead) in &template_links {
        let (Some(&ti), Some(&tn)) = (
            template_index.get(item.as_str()),
            template_index.get(needs.as_str()),
        ) else {
            continue;
        };
        let (Some(dependents), Some(inputs)) = (by_template.get(&ti), by_template.get(&tn)) else {
            continue;
        };
        for &d in dependents {
            let &n = inputs.choose(&mut rng).expect("non-empty");
            links.push((d, n, *lead));
        }
    }
    // Initial levels must satisfy every link: lower dependents where needed,
    // inputs first (template order of the national chain graph).
    for _ in 0..template_items.len() {
        for &(d, n, lead) in &links {
            if s0s[d] > s0s[n] + lead {
                s0s[d] = s0s[n] + lead;
            }
        }
    }
    for (i, (id, t)) in items.iter().enumerate() {
        let tpl = &template_items[*t];
        let gain = (tpl.gain * jitter.sample(&mut rng)).min(1.0);
        let _ = writeln!(
            items_csv,
            "{id},{},{},{:.4},{},100,{:.6},like {}",
            tpl.area, tpl.tier, s0s[i], tpl.smax, gain, tpl.id
        );
    }
    let mut links_csv = String::from("item,needs,max_lead\n");
    links.sort_by_key(|l| (l.0, l.1));
    links.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    for (d, n, lead) in &links {
        let _ = writeln!(links_csv, "{},{},{}", items[*d].0, items[*n].0, lead);
    }

    // Provinces: each copies a national province, sharing its budget, talent
    // and capacity with the other copies.
    let mut provinces_csv = String::from("id,region,budget_yi,talent_kfte,note\n");
    let mut advantage_csv = String::from("area,province,advantage\n");
    let mut platforms_csv = String::from("area,province,capacity_cu\n");
    let mut order: Vec<usize> = (0..template_provinces.len()).collect();
    order.shuffle(&mut rng);
    let mut adv_rows: Vec<Vec<f64>> = vec![Vec::with_capacity(opts.provinces); AREAS.len()];
    let mut cap_rows: Vec<Vec<f64>> = vec![Vec::with_capacity(opts.provinces); AREAS.len()];
    for p in 0..opts.provinces {
        let tpl = &template_provinces[order[p % order.len()]];
        let scale = item_scale * province_scale;
        let _ = writeln!(
            provinces_csv,
            "p{:04},{},{:.4},{:.4},like {}",
            p + 1,
            tpl.region,
            tpl.budget_yi * scale * jitter.sample(&mut rng),
            tpl.talent_kfte * scale * jitter.sample(&mut rng),
            tpl.id
        );
        for (a, area) in AREAS.iter().enumerate() {
            let key = (area.to_string(), tpl.id.clone());
            adv_rows[a].push(advantage[&key] * jitter.sample(&mut rng));
            cap_rows[a].push(capacity[&key] * scale * jitter.sample(&mut rng));
        }
    }
    for (a, area) in AREAS.iter().enumerate() {
        // Keep the index's meaning: 1 = average over the generated provinces.
        let mean = adv_rows[a].iter().sum::<f64>() / opts.provinces as f64;
        for p in 0..opts.provinces {
            let _ = writeln!(
                advantage_csv,
                "{area},p{:04},{:.4}",
                p + 1,
                (adv_rows[a][p] / mean).max(0.3)
            );
            let _ = writeln!(platforms_csv, "{area},p{:04},{:.4}", p + 1, cap_rows[a][p]);
        }
    }

    // The core target covers components and materials; a small instance
    // may have drawn none of them, and then the target covers every item
    // (an empty group is an input error).
    let has_core_items = items
        .iter()
        .any(|(_, t)| matches!(template_items[*t].area.as_str(), "components" | "materials"));
    let core_areas = if has_core_items {
        "[\"components\", \"materials\"]"
    } else {
        "[\"all\"]"
    };
    let last_year = FIRST_YEAR + opts.years as i32 - 1;
    let at = |index: usize| FIRST_YEAR + index.min(opts.years - 1) as i32;
    let mut toml = format!(
        "# Generated by `qiangji generate --items {} --provinces {} --years {} --seed {}`\n\
         name = \"generated-{}x{}x{}-s{}\"\n\
         description = \"Synthetic instance following the national instance's distributions\"\n\
         model = \"model.toml\"\nfirst_year = {FIRST_YEAR}\nlast_year = {last_year}\n\n\
         [central_budget_yi]\ndefault = {:.4}\n\n\
         [[targets]]\nid = \"core\"\nareas = {core_areas}\nyear = {}\nlevel = 0.70\npenalty_yi_per_point = 1000\n",
        opts.items, opts.provinces, opts.years, opts.seed, opts.items, opts.provinces, opts.years, opts.seed,
        NATIONAL_CENTRAL_BUDGET_YI * item_scale,
        at(3)
    );
    if opts.years >= 9 {
        let _ = write!(
            toml,
            "\n[[targets]]\nid = \"all_mid\"\nareas = [\"all\"]\nyear = {}\nlevel = 0.70\n",
            at(8)
        );
    }
    if opts.years >= 14 {
        let _ = write!(
            toml,
            "\n[[targets]]\nid = \"all_late\"\nareas = [\"all\"]\nyear = {}\nlevel = 0.80\n",
            at(13)
        );
    }
    let areas_csv = "id\ncomponents\nmaterials\nprocesses\nsoftware\nquality\n".to_string();
    vec![
        ("instance.toml".into(), toml),
        ("model.toml".into(), MODEL.to_string()),
        ("areas.csv".into(), areas_csv),
        ("items.csv".into(), items_csv),
        ("provinces.csv".into(), provinces_csv),
        ("advantage.csv".into(), advantage_csv),
        ("platforms.csv".into(), platforms_csv),
        ("chain_links.csv".into(), links_csv),
    ]
}
