//! Malformed instances: each gives exit status 2, a message naming the file
//! and the field (or the rule), and writes no output folder.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// A copy of the demo instance with its model file beside it.
fn demo_copy(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    for entry in fs::read_dir(demo()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    fs::copy(repo().join("models/default.toml"), dir.join("model.toml")).unwrap();
    edit(
        dir,
        "instance.toml",
        "../../models/default.toml",
        "model.toml",
    );
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn append(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    let mut old = fs::read_to_string(&path).unwrap_or_default();
    old.push_str(text);
    fs::write(path, old).unwrap();
}

fn write(dir: &Path, file: &str, text: &str) {
    fs::write(dir.join(file), text).unwrap();
}

/// Replaces the demo's central budget (lines 9–10) by `[pools.fund]` with
/// `body` from line 10 on.
fn pool(dir: &Path, body: &str) {
    edit(
        dir,
        "instance.toml",
        "[central_budget_yi]\ndefault = 20.0\n",
        &format!("[pools.fund]\n{body}"),
    );
}

type Mutation = fn(&Path);

/// What is wrong with `qiangji solve INST --out OUT ARGS…` as a refusal of
/// case `name`: not exit status 2, an output folder, or a message without
/// each of `fragments`.
fn refused(
    name: &str,
    inst: &Path,
    out: &Path,
    args: &[String],
    fragments: &[&str],
) -> Vec<String> {
    let (code, stderr) = solve_copy(inst, out, args);
    if code != Some(2) {
        return vec![format!("{name}: exit {code:?}, stderr:\n{stderr}")];
    }
    let mut failures = Vec::new();
    if out.exists() {
        failures.push(format!("{name}: an output folder was written"));
    }
    for f in fragments {
        if !stderr.contains(f) {
            failures.push(format!("{name}: message lacks {f:?}:\n{stderr}"));
        }
    }
    failures
}

/// `qiangji solve INST --out OUT ARGS…`: its exit code and stderr.
fn solve_copy(inst: &Path, out: &Path, args: &[String]) -> (Option<i32>, String) {
    let result = qiangji()
        .arg("solve")
        .arg(inst)
        .arg("--out")
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr).to_string();
    (result.status.code(), stderr)
}

/// (name, mutation, fragments the error message must contain)
fn cases() -> Vec<(&'static str, Mutation, &'static [&'static str])> {
    vec![
        (
            "targets written as one table instead of an array of tables",
            |d| edit(d, "instance.toml", "[[targets]]", "[targets]"),
            &[
                "instance.toml line",
                "field `targets`",
                "must be a list, not a table [targets]: write [[targets]] (double brackets)",
            ],
        ),
        (
            "a table written by pandas with its index column",
            |d| {
                write(
                    d,
                    "items.csv",
                    ",id,area,tier,s0,smax,weight_yi,gain_per_effort\n0,chip,components,stranglehold,0.30,0.90,40,0.02\n1,bearing,components,general,0.50,0.95,30,0.03\n2,alloy,materials,shortboard,0.40,0.85,30,0.025\n",
                )
            },
            &[
                "items.csv line 1",
                "column 1",
                "an empty column header",
                "delete the column",
            ],
        ),
        (
            "a header with a trailing comma",
            |d| {
                write(
                    d,
                    "areas.csv",
                    "id,name_en,name_zh,\ncomponents,basic parts and components,基础零部件和元器件,\nmaterials,key basic materials,基础材料,\n",
                )
            },
            &["areas.csv line 1", "column 4", "an empty column header"],
        ),
        (
            "a target level written in percent",
            |d| edit(d, "instance.toml", "level = 0.60", "level = 60"),
            &[
                "instance.toml",
                "targets.level",
                "did you mean 0.6 (60% written as a number)?",
            ],
        ),
        (
            "an initial share written in percent",
            |d| {
                edit(
                    d,
                    "items.csv",
                    "chip,components,stranglehold,0.30",
                    "chip,components,stranglehold,30",
                )
            },
            &["items.csv line 2", "field `s0`", "did you mean 0.3"],
        ),
        (
            "a target group naming a misspelt area",
            |d| {
                edit(
                    d,
                    "instance.toml",
                    "areas = [\"components\", \"materials\"]",
                    "areas = [\"components\", \"material\"]",
                )
            },
            &["targets.areas", "unknown area", "did you mean `materials`?"],
        ),
        (
            "an item id in Chinese",
            |d| edit(d, "items.csv", "chip,components", "芯片,components"),
            &[
                "items.csv line 2",
                "field `id`",
                "only ASCII letters",
                "name_zh",
            ],
        ),
        (
            "effect lag not a whole number",
            |d| {
                write(
                    d,
                    "items.csv",
                    "id,area,tier,s0,smax,weight_yi,gain_per_effort,effect_lag_years\nchip,components,stranglehold,0.30,0.90,40,0.02,1.5\nbearing,components,general,0.50,0.95,30,0.03,\nalloy,materials,shortboard,0.40,0.95,30,0.025,\n",
                )
            },
            &[
                "items.csv line 2",
                "field `effect_lag_years`",
                "whole number of years",
            ],
        ),
        (
            "item advantage for an unknown province",
            |d| {
                write(
                    d,
                    "item_advantage.csv",
                    "item,province,advantage\nchip,east,1.5\nchip,north,1.2\n",
                )
            },
            &[
                "item_advantage.csv line 3",
                "field `province`",
                "unknown province",
            ],
        ),
        (
            "item advantage for an unknown item",
            |d| {
                write(
                    d,
                    "item_advantage.csv",
                    "item,province,advantage\nchips,east,1.5\n",
                )
            },
            &["item_advantage.csv line 2", "field `item`", "unknown item"],
        ),
        (
            "negative item advantage",
            |d| {
                write(
                    d,
                    "item_advantage.csv",
                    "item,province,advantage\nchip,east,-1\n",
                )
            },
            &[
                "item_advantage.csv line 2",
                "field `advantage`",
                "must be ≥ 0",
            ],
        ),
        (
            "duplicate item advantage",
            |d| {
                write(
                    d,
                    "item_advantage.csv",
                    "item,province,advantage\nchip,east,1.5\nchip,east,1.4\n",
                )
            },
            &["item_advantage.csv line 3", "duplicate item/province pair"],
        ),
        (
            "continuity decline above one",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[continuity]\nmax_growth = 0.5\nmax_decline = 1.5\nramp_yi = 10\n",
                )
            },
            &[
                "instance.toml line",
                "field `continuity.max_decline`",
                "decline share in [0, 1]",
            ],
        ),
        (
            "continuity ramp for an unknown area",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[continuity]\nmax_growth = 0.5\nmax_decline = 0.2\nramp_yi = 10\n[continuity.ramp_yi_by_area]\nsoftware = 5\n",
                )
            },
            &[
                "field `continuity.ramp_yi_by_area.software`",
                "unknown area",
            ],
        ),
        (
            "negative continuity ramp",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[continuity]\nmax_growth = 0.5\nmax_decline = 0.2\nramp_yi = -1\n",
                )
            },
            &["field `continuity.ramp_yi`", "must be ≥ 0 亿元 per year"],
        ),
        (
            "concentration cap of zero",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[concentration]\nmax_province_share = 0\n",
                )
            },
            &[
                "field `concentration.max_province_share`",
                "share in (0, 1]",
            ],
        ),
        (
            "share above one",
            |d| {
                edit(
                    d,
                    "items.csv",
                    "chip,components,stranglehold,0.30",
                    "chip,components,stranglehold,1.30",
                )
            },
            &["items.csv line 2", "field `s0`", "share in [0, 1]"],
        ),
        (
            "s0 above smax",
            |d| {
                edit(
                    d,
                    "items.csv",
                    "chip,components,stranglehold,0.30,0.90",
                    "chip,components,stranglehold,0.95,0.90",
                )
            },
            &["items.csv line 2", "field `s0`", "must not exceed smax"],
        ),
        (
            "negative weight",
            |d| edit(d, "items.csv", "0.50,0.95,30", "0.50,0.95,-3"),
            &["items.csv line 3", "field `weight_yi`", "-3"],
        ),
        (
            "zero gain",
            |d| edit(d, "items.csv", "0.40,0.85,30,0.025", "0.40,0.85,30,0"),
            &["items.csv line 4", "field `gain_per_effort`"],
        ),
        (
            "NaN gain",
            |d| edit(d, "items.csv", "0.40,0.85,30,0.025", "0.40,0.85,30,NaN"),
            &["items.csv line 4", "field `gain_per_effort`", "finite"],
        ),
        (
            "infinite weight",
            |d| edit(d, "items.csv", "0.50,0.95,30", "0.50,0.95,inf"),
            &["items.csv line 3", "field `weight_yi`", "finite"],
        ),
        (
            "unknown area",
            |d| edit(d, "items.csv", "alloy,materials", "alloy,metals"),
            &["items.csv line 4", "field `area`", "unknown area"],
        ),
        (
            "unknown tier",
            |d| edit(d, "items.csv", "general", "urgent"),
            &["items.csv line 3", "field `tier`"],
        ),
        (
            "duplicate item",
            |d| edit(d, "items.csv", "bearing,components", "chip,components"),
            &["items.csv line 3", "field `id`", "duplicate"],
        ),
        (
            "missing column",
            |d| edit(d, "items.csv", ",smax,", ",ceiling,"),
            &["items.csv", "field `smax`", "required column is missing"],
        ),
        (
            "column without unit",
            |d| edit(d, "items.csv", "weight_yi", "weight"),
            &["items.csv line 1", "field `weight`", "unknown column"],
        ),
        (
            "id with a space",
            |d| {
                edit(
                    d,
                    "items.csv",
                    "bearing,components",
                    "high bearing,components",
                )
            },
            &["items.csv line 3", "field `id`", "identifiers"],
        ),
        (
            "row too long",
            |d| {
                edit(
                    d,
                    "items.csv",
                    "high-temperature alloys",
                    "high-temperature alloys,extra",
                )
            },
            &["items.csv line 4", "fields but the header has"],
        ),
        (
            "negative provincial budget",
            |d| edit(d, "provinces.csv", "east,east,10", "east,east,-3"),
            &["provinces.csv line 2", "field `budget_yi`", "must be ≥ 0"],
        ),
        (
            "unknown region",
            |d| edit(d, "provinces.csv", "west,west", "west,south"),
            &["provinces.csv line 3", "field `region`"],
        ),
        (
            "talent not a number",
            |d| edit(d, "provinces.csv", "west,west,10,1.0", "west,west,10,abc"),
            &[
                "provinces.csv line 3",
                "field `talent_kfte`",
                "must be a number",
            ],
        ),
        (
            "missing advantage pair",
            |d| edit(d, "advantage.csv", "materials,west,1.3\n", ""),
            &["advantage.csv", "materials/west"],
        ),
        (
            "unknown province",
            |d| edit(d, "advantage.csv", "materials,west", "materials,north"),
            &[
                "advantage.csv line 5",
                "field `province`",
                "unknown province",
            ],
        ),
        (
            "negative advantage",
            |d| {
                edit(
                    d,
                    "advantage.csv",
                    "components,west,0.8",
                    "components,west,-0.8",
                )
            },
            &["advantage.csv line 3", "field `advantage`"],
        ),
        (
            "duplicate advantage pair",
            |d| append(d, "advantage.csv", "materials,west,1.0\n"),
            &["advantage.csv line 6", "duplicate area/province pair"],
        ),
        (
            "negative capacity",
            |d| {
                edit(
                    d,
                    "platforms.csv",
                    "materials,west,10",
                    "materials,west,-10",
                )
            },
            &["platforms.csv line 5", "field `capacity_cu`"],
        ),
        (
            "chain cycle",
            |d| {
                write(
                    d,
                    "chain_links.csv",
                    "item,needs,max_lead\nchip,alloy,0.2\nalloy,chip,0.2\n",
                )
            },
            &["chain_links.csv", "cycle", "alloy", "chip"],
        ),
        (
            "self link",
            |d| write(d, "chain_links.csv", "item,needs,max_lead\nchip,chip,0.2\n"),
            &[
                "chain_links.csv line 2",
                "field `needs`",
                "cannot need itself",
            ],
        ),
        (
            "link to unknown item",
            |d| write(d, "chain_links.csv", "item,needs,max_lead\nchip,eda,0.2\n"),
            &["chain_links.csv line 2", "field `needs`", "unknown item"],
        ),
        (
            "lead above one",
            |d| write(d, "chain_links.csv", "item,needs,max_lead\nchip,alloy,2\n"),
            &["chain_links.csv line 2", "field `max_lead`"],
        ),
        (
            "link broken from the start",
            |d| {
                write(
                    d,
                    "chain_links.csv",
                    "item,needs,max_lead\nbearing,chip,0.1\n",
                )
            },
            &[
                "chain_links.csv line 2",
                "field `max_lead`",
                "already exceeds",
            ],
        ),
        (
            "target year outside horizon",
            |d| edit(d, "instance.toml", "\nyear = 2026", "\nyear = 2030"),
            &[
                "instance.toml line 16",
                "field `targets.year`",
                "outside the horizon",
            ],
        ),
        (
            "target level above one",
            |d| edit(d, "instance.toml", "level = 0.60", "level = 1.5"),
            &["instance.toml line 17", "field `targets.level`"],
        ),
        (
            "target on empty group",
            |d| {
                edit(
                    d,
                    "instance.toml",
                    "areas = [\"components\", \"materials\"]",
                    "areas = []",
                )
            },
            &["instance.toml", "field `targets.areas`", "group is empty"],
        ),
        (
            "target on unknown area",
            |d| edit(d, "instance.toml", "\"materials\"]", "\"metals\"]"),
            &["instance.toml line 15", "field `targets.areas`", "metals"],
        ),
        (
            "horizon backwards",
            |d| edit(d, "instance.toml", "last_year = 2026", "last_year = 2020"),
            &["instance.toml line 6", "field `last_year`"],
        ),
        (
            "negative central budget",
            |d| edit(d, "instance.toml", "default = 20.0", "default = -5.0"),
            &["instance.toml line 10", "field `central_budget_yi.default`"],
        ),
        (
            "central budget year outside horizon",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[central_budget_yi.by_year]\n2099 = 5.0\n",
                )
            },
            &[
                "instance.toml",
                "central_budget_yi.by_year.2099",
                "outside the horizon",
            ],
        ),
        (
            "unknown instance key",
            |d| {
                edit(
                    d,
                    "instance.toml",
                    "first_year = 2024",
                    "first_year = 2024\nbudget = 3",
                )
            },
            &["instance.toml line 6", "field `budget`", "unknown key"],
        ),
        (
            "TOML syntax error",
            |d| edit(d, "instance.toml", "level = 0.60", "level = = 0.60"),
            &["instance.toml line 17", "invalid instance file"],
        ),
        (
            "model file missing",
            |d| edit(d, "instance.toml", "model.toml", "nowhere.toml"),
            &["instance.toml line 4", "field `model`", "cannot be read"],
        ),
        (
            "central share above one",
            |d| {
                edit(
                    d,
                    "model.toml",
                    "central_share = 1.0",
                    "central_share = 1.5",
                )
            },
            &[
                "model.toml line 17",
                "field `modes.national.central_share`",
                "share in [0, 1]",
            ],
        ),
        (
            "multipliers increase",
            |d| edit(d, "model.toml", "[1.0, 0.6, 0.3]", "[1.0, 0.7, 0.8]"),
            &[
                "model.toml",
                "field `response.multipliers`",
                "strictly decrease",
            ],
        ),
        (
            "unknown tier of an instrument",
            |d| {
                edit(
                    d,
                    "model.toml",
                    "tiers = [\"shortboard\", \"general\"]",
                    "tiers = [\"shortboard\", \"generic\"]",
                )
            },
            &[
                "model.toml line 36",
                "field `modes.enterprise.tiers`",
                "unknown tier",
            ],
        ),
        (
            "old tier table in a model file",
            |d| {
                append(
                    d,
                    "model.toml",
                    "\n[allowed_modes]\nstranglehold = [\"national\"]\nshortboard = [\"chain\"]\ngeneral = [\"enterprise\"]\n",
                )
            },
            &[
                "model.toml",
                "field `allowed_modes`",
                "moved into each instrument",
            ],
        ),
        (
            "a tier no instrument addresses",
            |d| {
                edit(
                    d,
                    "model.toml",
                    "tiers = [\"shortboard\", \"general\"]",
                    "tiers = [\"shortboard\"]",
                )
            },
            &["model.toml", "no instrument addresses tier `general`"],
        ),
        (
            "provincial budget year outside horizon",
            |d| {
                write(
                    d,
                    "provincial_budgets.csv",
                    "province,year,budget_yi\neast,2031,5\n",
                )
            },
            &[
                "provincial_budgets.csv line 2",
                "field `year`",
                "outside the horizon",
            ],
        ),
        (
            "missing items table",
            |d| fs::remove_file(d.join("items.csv")).unwrap(),
            &["items.csv", "cannot read file"],
        ),
        (
            "unknown objective preset",
            |d| append(d, "instance.toml", "\n[objective]\npreset = \"cheapest\"\n"),
            &[
                "instance.toml",
                "field `objective.preset`",
                "unknown preset",
            ],
        ),
        (
            "regional floor above one",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[regional_floor]\nregions = [\"west\"]\nmin_share = 2.0\n",
                )
            },
            &["instance.toml", "field `regional_floor.min_share`"],
        ),
        (
            "duplicate target id",
            |d| {
                append(d, "instance.toml", "\n[[targets]]\nid = \"core_2026\"\nitems = [\"chip\"]\nyear = 2025\nlevel = 0.5\n")
            },
            &[
                "instance.toml line 20",
                "field `targets.id`",
                "duplicate target id",
            ],
        ),
        (
            "talent growth out of range, fractional platform count",
            |d| {
                write(d, "provinces.csv", "id,region,budget_yi,talent_kfte,talent_growth,max_new_platforms\neast,east,10,1.0,-0.9,2\nwest,west,10,1.0,0.03,1.5\n")
            },
            &[
                "provinces.csv line 2, field `talent_growth`",
                "provinces.csv line 3, field `max_new_platforms`",
                "whole number",
            ],
        ),
        (
            "site options out of range",
            |d| {
                write(d, "items.csv", "id,area,tier,s0,smax,weight_yi,gain_per_effort,max_sites,min_site_effort\nchip,components,stranglehold,0.30,0.90,40,0.020,0,1\nbearing,components,general,0.50,0.95,30,0.030,,\nalloy,materials,shortboard,0.40,0.85,30,0.025,,-2\n")
            },
            &[
                "items.csv line 2, field `max_sites`",
                "items.csv line 4, field `min_site_effort`",
            ],
        ),
        (
            "unknown region in the floor",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[regional_floor]\nregions = [\"south\"]\nmin_share = 0.3\n",
                )
            },
            &[
                "instance.toml line 20",
                "field `regional_floor.regions`",
                "south",
            ],
        ),
        (
            "objective weights both zero",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[objective]\ncost_weight = 0.0\nsufficiency_weight = 0.0\n",
                )
            },
            &[
                "instance.toml line 20",
                "field `objective.cost_weight`",
                "both be 0",
            ],
        ),
        (
            "instance name with a space",
            |d| edit(d, "instance.toml", "name = \"demo\"", "name = \"my demo\""),
            &["instance.toml line 2", "field `name`"],
        ),
        (
            "duplicate area",
            |d| append(d, "areas.csv", "components,again,重复\n"),
            &["areas.csv line 4", "field `id`", "duplicate"],
        ),
        (
            "duplicate chain link",
            |d| {
                write(
                    d,
                    "chain_links.csv",
                    "item,needs,max_lead\nchip,alloy,0.2\nchip,alloy,0.3\n",
                )
            },
            &["chain_links.csv line 3", "duplicate link"],
        ),
        (
            "duplicate provincial budget",
            |d| {
                write(
                    d,
                    "provincial_budgets.csv",
                    "province,year,budget_yi\neast,2025,5\neast,2025,6\n",
                )
            },
            &["provincial_budgets.csv line 3", "duplicate province/year"],
        ),
        (
            "unknown mode in the instance's tier table",
            |d| {
                append(d, "instance.toml", "\n[allowed_modes]\nstranglehold = [\"national\"]\nshortboard = [\"chain\"]\ngeneral = [\"market\"]\n")
            },
            &[
                "instance.toml line 22",
                "field `allowed_modes.general`",
                "unknown mode",
            ],
        ),
        (
            "platforms for an unknown area",
            |d| edit(d, "platforms.csv", "materials,west,10", "metals,west,10"),
            &["platforms.csv line 5", "field `area`", "unknown area"],
        ),
        (
            "first year implausible",
            |d| edit(d, "instance.toml", "first_year = 2024", "first_year = 1800"),
            &["instance.toml line 5", "field `first_year`"],
        ),
        (
            "negative central budget in one year",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[central_budget_yi.by_year]\n2025 = -1.0\n",
                )
            },
            &[
                "instance.toml line 20",
                "field `central_budget_yi.by_year.2025`",
                "≥ 0",
            ],
        ),
        (
            "unknown model key",
            |d| edit(d, "model.toml", "[talent]", "[talent]\nspeed = 2"),
            &["model.toml line 70", "field `talent.speed`", "unknown key"],
        ),
        (
            "effect lag too long",
            |d| {
                edit(
                    d,
                    "model.toml",
                    "effect_lag_years = 1",
                    "effect_lag_years = 60",
                )
            },
            &["model.toml", "field `response.effect_lag_years`", "[0, 50]"],
        ),
        (
            "free national effort",
            |d| {
                edit(
                    d,
                    "model.toml",
                    "funding_yi_per_effort = 1.0",
                    "funding_yi_per_effort = 0.0",
                )
            },
            &[
                "model.toml line 14",
                "field `modes.national.funding_yi_per_effort`",
                "must be > 0",
            ],
        ),
        // ---- Files that look like tables but are not in the format ----
        (
            "optional table saved singular",
            |d| write(d, "chain_link.csv", "item,needs,max_lead\nchip,alloy,0.2\n"),
            &["chain_link.csv", "did you mean `chain_links.csv`"],
        ),
        (
            "optional table in other letter case",
            |d| fs::rename(d.join("platforms.csv"), d.join("Platforms.csv")).unwrap(),
            &["Platforms.csv", "did you mean `platforms.csv`"],
        ),
        (
            "optional table with a typo",
            |d| {
                write(
                    d,
                    "provincial_budget.csv",
                    "province,year,budget_yi\neast,2025,5\n",
                )
            },
            &[
                "provincial_budget.csv",
                "did you mean `provincial_budgets.csv`",
            ],
        ),
        (
            "optional table without its underscore",
            |d| {
                write(
                    d,
                    "itemadvantage.csv",
                    "item,province,advantage\nchip,east,1.5\n",
                )
            },
            &["itemadvantage.csv", "did you mean `item_advantage.csv`"],
        ),
        (
            "an unrelated csv in the instance folder",
            |d| write(d, "budget_notes.csv", "a,b\n1,2\n"),
            &[
                "budget_notes.csv",
                "not a table of the instance format",
                "has 1 input error(s)",
            ],
        ),
        // ---- Optional tables that exist but cannot be read ----
        (
            "dangling symbolic link as an optional table",
            |d| {
                fs::remove_file(d.join("platforms.csv")).unwrap();
                std::os::unix::fs::symlink(d.join("nowhere.csv"), d.join("platforms.csv")).unwrap();
            },
            &[
                "platforms.csv",
                "symbolic link whose target is missing or loops",
            ],
        ),
        (
            "looping symbolic link as an optional table",
            |d| {
                std::os::unix::fs::symlink(d.join("chain_links.csv"), d.join("chain_links.csv"))
                    .unwrap()
            },
            &[
                "chain_links.csv",
                "symbolic link whose target is missing or loops",
            ],
        ),
        (
            "a folder in place of an optional table",
            |d| fs::create_dir(d.join("item_advantage.csv")).unwrap(),
            &["item_advantage.csv", "is a folder"],
        ),
        (
            "dangling symbolic link as a required table",
            |d| {
                fs::remove_file(d.join("advantage.csv")).unwrap();
                std::os::unix::fs::symlink(d.join("gone.csv"), d.join("advantage.csv")).unwrap();
            },
            &["advantage.csv", "symbolic link", "has 1 input error(s)"],
        ),
        // ---- Excel error values, in any cell ----
        (
            "#N/A in an id column",
            |d| edit(d, "items.csv", "bearing,components", "#N/A,components"),
            &[
                "items.csv line 3",
                "field `id`",
                "Excel error value",
                "#N/A",
            ],
        ),
        (
            "#N/A at the start of a line is not a comment",
            |d| edit(d, "advantage.csv", "materials,west,1.3", "#N/A,west,1.3"),
            &["advantage.csv line 5", "field `area`", "Excel error value"],
        ),
        (
            "#REF! in an advantage",
            |d| {
                edit(
                    d,
                    "advantage.csv",
                    "components,west,0.8",
                    "components,west,#REF!",
                )
            },
            &["advantage.csv line 3", "field `advantage`", "#REF!"],
        ),
        (
            "#VALUE! in a budget",
            |d| edit(d, "provinces.csv", "west,west,10", "west,west,#VALUE!"),
            &[
                "provinces.csv line 3",
                "field `budget_yi`",
                "Excel error value",
            ],
        ),
        (
            "#DIV/0! in a gain",
            |d| edit(d, "items.csv", "0.40,0.85,30,0.025", "0.40,0.85,30,#DIV/0!"),
            &["items.csv line 4", "field `gain_per_effort`", "#DIV/0!"],
        ),
        (
            "#NAME? in a chain link",
            |d| {
                write(
                    d,
                    "chain_links.csv",
                    "item,needs,max_lead\n#NAME?,alloy,0.2\n",
                )
            },
            &[
                "chain_links.csv line 2",
                "field `item`",
                "Excel error value",
            ],
        ),
        (
            "#NULL! in a capacity",
            |d| {
                edit(
                    d,
                    "platforms.csv",
                    "materials,west,10",
                    "materials,west,#NULL!",
                )
            },
            &["platforms.csv line 5", "field `capacity_cu`", "#NULL!"],
        ),
        (
            "#NUM! in an item advantage",
            |d| {
                write(
                    d,
                    "item_advantage.csv",
                    "item,province,advantage\nchip,east,#NUM!\n",
                )
            },
            &[
                "item_advantage.csv line 2",
                "field `advantage`",
                "Excel error value",
            ],
        ),
        (
            "#N/A in a free-text column",
            |d| edit(d, "items.csv", "integrated circuits", "#N/A"),
            &["items.csv line 2", "field `name_en`", "Excel error value"],
        ),
        (
            "Excel error in a header",
            |d| edit(d, "areas.csv", "id,name_en", "id,#REF!"),
            &["areas.csv line 1", "field `column 2`", "Excel error value"],
        ),
        // ---- Quotes ----
        (
            "unbalanced quote in items",
            |d| edit(d, "items.csv", "high-end bearings", "\"high-end bearings"),
            &[
                "items.csv line 3",
                "unbalanced quote",
                "has 1 input error(s)",
            ],
        ),
        (
            "unbalanced quote on the last line",
            |d| edit(d, "provinces.csv", "Western province", "\"Western province"),
            &["provinces.csv line 3", "unbalanced quote"],
        ),
        // ---- Encodings that cannot be read, without cascades ----
        (
            "bytes that are no known text encoding",
            |d| {
                fs::write(
                    d.join("provinces.csv"),
                    b"id,region\n\xff\xfe\xff\xfe\x80\x80\n\xff\n",
                )
                .unwrap()
            },
            &[
                "provinces.csv",
                "UTF-8, UTF-16 or GB18030",
                "CSV UTF-8",
                "has 1 input error(s)",
            ],
        ),
        (
            "a binary file in place of a table",
            |d| fs::write(d.join("areas.csv"), b"PK\x03\x04\x00\x00\x00\x08\x00\x00").unwrap(),
            &["areas.csv", "has 1 input error(s)"],
        ),
        (
            "unreadable instance.toml",
            |d| fs::write(d.join("instance.toml"), b"\xff\xff\x80name = 1\x00\x00").unwrap(),
            &["instance.toml", "has 1 input error(s)"],
        ),
        // ---- A missing column produces one error, not one per row ----
        (
            "missing id column of the areas",
            |d| write(d, "areas.csv", "key,name_en\ncomponents,x\nmaterials,y\n"),
            &[
                "areas.csv line 1",
                "field `id`",
                "required column is missing",
                "has 2 input error(s)",
            ],
        ),
        (
            "missing area column of the items",
            |d| edit(d, "items.csv", "id,area,tier", "id,tier"),
            &["items.csv line 1", "field `area`", "has 1 input error(s)"],
        ),
        (
            "missing id column of the provinces",
            |d| edit(d, "provinces.csv", "id,region", "name,region"),
            &["provinces.csv line 1", "field `id`", "has 1 input error(s)"],
        ),
        (
            "misspelled column names the nearest",
            |d| edit(d, "items.csv", "gain_per_effort", "gain_per_efort"),
            &[
                "items.csv line 1",
                "did you mean `gain_per_effort`",
                "has 2 input error(s)",
            ],
        ),
        (
            "duplicate column",
            |d| {
                edit(
                    d,
                    "provinces.csv",
                    "id,region,budget_yi",
                    "id,region,budget_yi,budget_yi",
                )
            },
            &["provinces.csv line 1", "column names must be unique"],
        ),
        // ---- Magnitudes outside documented ranges ----
        (
            "an advantage of 1e20",
            |d| {
                edit(
                    d,
                    "advantage.csv",
                    "components,east,1.5",
                    "components,east,1e20",
                )
            },
            &[
                "advantage.csv line 2",
                "field `advantage`",
                "must be in [0, 100]",
            ],
        ),
        (
            "a gain of 1e-320",
            |d| edit(d, "items.csv", "0.40,0.85,30,0.025", "0.40,0.85,30,1e-320"),
            &[
                "items.csv line 4",
                "field `gain_per_effort`",
                "must be in [1e-6, 1]",
            ],
        ),
        (
            "a central budget above the ceiling",
            |d| edit(d, "instance.toml", "default = 20.0", "default = 2e9"),
            &[
                "instance.toml line 10",
                "field `central_budget_yi.default`",
                "[0, 1e6] 亿元 per year",
            ],
        ),
        (
            "a provincial budget above the ceiling",
            |d| edit(d, "provinces.csv", "east,east,10", "east,east,5e6"),
            &[
                "provinces.csv line 2",
                "field `budget_yi`",
                "1e6] 亿元 per year",
            ],
        ),
        (
            "a weight above the ceiling",
            |d| edit(d, "items.csv", "0.50,0.95,30", "0.50,0.95,3e12"),
            &["items.csv line 3", "field `weight_yi`", "亿元"],
        ),
        (
            "talent above the ceiling",
            |d| edit(d, "provinces.csv", "west,west,10,1.0", "west,west,10,1e9"),
            &["provinces.csv line 3", "field `talent_kfte`", "k FTE"],
        ),
        (
            "capacity above the ceiling",
            |d| {
                edit(
                    d,
                    "platforms.csv",
                    "materials,west,10",
                    "materials,west,1e12",
                )
            },
            &["platforms.csv line 5", "field `capacity_cu`", "cu"],
        ),
        (
            "a tiny nonzero share",
            |d| {
                edit(
                    d,
                    "items.csv",
                    "chip,components,stranglehold,0.30",
                    "chip,components,stranglehold,1e-15",
                )
            },
            &["items.csv line 2", "field `s0`", "at least 1e-9"],
        ),
        (
            "a penalty above the ceiling",
            |d| {
                edit(
                    d,
                    "instance.toml",
                    "level = 0.60",
                    "level = 0.60\npenalty_yi_per_point = 1e12",
                )
            },
            &[
                "instance.toml line 18",
                "field `targets.penalty_yi_per_point`",
                "亿元 per point",
            ],
        ),
        (
            "a lead-site count above the ceiling",
            |d| {
                write(d, "items.csv", "id,area,tier,s0,smax,weight_yi,gain_per_effort,max_sites\nchip,components,stranglehold,0.30,0.90,40,0.020,5000\nbearing,components,general,0.50,0.95,30,0.030,\nalloy,materials,shortboard,0.40,0.85,30,0.025,\n")
            },
            &["items.csv line 2", "field `max_sites`", "whole number"],
        ),
        (
            "a model cost far above the ceiling",
            |d| {
                edit(
                    d,
                    "model.toml",
                    "funding_yi_per_effort = 1.0",
                    "funding_yi_per_effort = 1e9",
                )
            },
            &[
                "model.toml line 14",
                "field `modes.national.funding_yi_per_effort`",
                "亿元 per effort unit",
            ],
        ),
        (
            "a vanishing productivity",
            |d| edit(d, "model.toml", "productivity = 1.5", "productivity = 1e-9"),
            &[
                "model.toml line 18",
                "field `modes.national.productivity`",
                "must be in",
            ],
        ),
        (
            "a huge platform cost",
            |d| {
                edit(
                    d,
                    "model.toml",
                    "cost_yi_per_platform = 2.0",
                    "cost_yi_per_platform = 2e8",
                )
            },
            &[
                "model.toml",
                "field `platforms.cost_yi_per_platform`",
                "亿元",
            ],
        ),
        // ---- TOML errors name the key, its meaning and unit ----
        (
            "a year written as text",
            |d| {
                edit(
                    d,
                    "instance.toml",
                    "first_year = 2024",
                    "first_year = \"2024\"",
                )
            },
            &[
                "instance.toml line 5",
                "field `first_year`",
                "a whole number",
                "calendar year",
                "\"2024\"",
            ],
        ),
        (
            "a target level written as text",
            |d| edit(d, "instance.toml", "level = 0.60", "level = \"high\""),
            &[
                "instance.toml line 17",
                "field `targets.level`",
                "a number",
                "share in [0, 1]",
            ],
        ),
        (
            "a budget written as text",
            |d| edit(d, "instance.toml", "default = 20.0", "default = \"20\""),
            &[
                "instance.toml line 10",
                "field `central_budget_yi.default`",
                "亿元 per year",
            ],
        ),
        (
            "areas written as one text instead of a list",
            |d| {
                edit(
                    d,
                    "instance.toml",
                    "areas = [\"components\", \"materials\"]",
                    "areas = \"components\"",
                )
            },
            &["instance.toml line 15", "field `targets.areas`", "a list"],
        ),
        (
            "a misspelled key names the nearest",
            |d| edit(d, "instance.toml", "first_year = 2024", "frist_year = 2024"),
            &["instance.toml line 5", "did you mean `first_year`"],
        ),
        (
            "a model share written as text",
            |d| {
                edit(
                    d,
                    "model.toml",
                    "central_share = 1.0",
                    "central_share = \"all\"",
                )
            },
            &[
                "model.toml line 17",
                "field `modes.national.central_share`",
                "σ_m",
                "a number",
            ],
        ),
        (
            "a model key left out",
            |d| edit(d, "model.toml", "productivity = 1.5\n", ""),
            &[
                "model.toml",
                "field `modes.national.productivity`",
                "required key is missing",
                "η_m",
            ],
        ),
        (
            "a model file neither beside the instance nor bundled",
            |d| {
                edit(
                    d,
                    "instance.toml",
                    "model.toml",
                    "../models/unknown-policy.toml",
                )
            },
            &[
                "instance.toml line 4",
                "field `model`",
                "no bundled model of that name",
            ],
        ),
        // ---- Cells a spreadsheet writes for people ----
        (
            "a thousands separator",
            |d| edit(d, "items.csv", "0.50,0.95,30", "0.50,0.95,\"3,000\""),
            &[
                "items.csv line 3",
                "field `weight_yi`",
                "thousands separators",
            ],
        ),
        (
            "a percentage",
            |d| {
                edit(
                    d,
                    "items.csv",
                    "chip,components,stranglehold,0.30",
                    "chip,components,stranglehold,30%",
                )
            },
            &["items.csv line 2", "field `s0`", "not a percentage"],
        ),
        (
            "an empty required cell",
            |d| edit(d, "provinces.csv", "west,west", "west,"),
            &[
                "provinces.csv line 3",
                "field `region`",
                "must not be empty",
            ],
        ),
        (
            "an unknown item suggests the nearest",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[[targets]]\nid = \"chips\"\nitems = [\"chp\"]\nyear = 2026\nlevel = 0.4\n",
                )
            },
            &[
                "instance.toml line 21",
                "field `targets.items`",
                "did you mean `chip`",
            ],
        ),
        // ---- Line numbers count physical lines, comments included ----
        (
            "comment lines before a bad row",
            |d| {
                edit(
                    d,
                    "items.csv",
                    "alloy,materials,shortboard,0.40",
                    "# materials\n# from the 2023 yearbook\nalloy,materials,shortboard,1.40",
                )
            },
            &["items.csv line 6", "field `s0`"],
        ),
        (
            "blank lines and comments before the header",
            |d| {
                let text = fs::read_to_string(d.join("provinces.csv")).unwrap();
                fs::write(
                    d.join("provinces.csv"),
                    format!("# provinces\n\n{}", text.replace("west,west", "west,south")),
                )
                .unwrap()
            },
            &["provinces.csv line 5", "field `region`"],
        ),
        (
            "an error in a UTF-16 file names its line",
            |d| {
                let text = fs::read_to_string(d.join("items.csv"))
                    .unwrap()
                    .replace("0.40,0.85", "0.40,1.85");
                let mut bytes = vec![0xFF, 0xFE];
                for u in text.encode_utf16() {
                    bytes.extend(u.to_le_bytes());
                }
                fs::write(d.join("items.csv"), bytes).unwrap()
            },
            &["items.csv line 4", "field `smax`"],
        ),
        (
            "an error in a GBK file names its line",
            |d| {
                let text =
                    fs::read_to_string(d.join("areas.csv")).unwrap() + "components,重复,重复\n";
                fs::write(d.join("areas.csv"), encoding_rs::GBK.encode(&text).0).unwrap()
            },
            &[
                "areas.csv line 4",
                "field `id`",
                "duplicate",
                "has 1 input error(s)",
            ],
        ),
        (
            "a regional floor share written as a percentage number",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[regional_floor]\nregions = [\"west\"]\nmin_share = 30\n",
                )
            },
            &[
                "instance.toml line 21",
                "field `regional_floor.min_share`",
                "share in [0, 1]",
            ],
        ),
        (
            "concentration above one",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[concentration]\nmax_province_share = 1.5\n",
                )
            },
            &[
                "instance.toml line 20",
                "field `concentration.max_province_share`",
            ],
        ),
        (
            "a negative effect lag",
            |d| {
                write(d, "items.csv", "id,area,tier,s0,smax,weight_yi,gain_per_effort,effect_lag_years\nchip,components,stranglehold,0.30,0.90,40,0.02,-1\nbearing,components,general,0.50,0.95,30,0.03,\nalloy,materials,shortboard,0.40,0.95,30,0.025,\n")
            },
            &[
                "items.csv line 2",
                "field `effect_lag_years`",
                "whole number of years",
            ],
        ),
        (
            "pools and a central budget together",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[pools.fund]\ninflow_yi = { default = 5.0 }\n",
                )
            },
            &["instance.toml line 20", "field `pools`", "not both"],
        ),
        (
            "pool carry-over above 1",
            |d| pool(d, "inflow_yi = { default = 20.0 }\ncarry_over = 1.5\n"),
            &[
                "instance.toml line 11",
                "field `pools.fund.carry_over`",
                "share in [0, 1]",
            ],
        ),
        (
            "pool inflow negative",
            |d| pool(d, "inflow_yi = { default = -2.0 }\n"),
            &[
                "instance.toml line 10",
                "field `pools.fund.inflow_yi.default`",
                "must be ≥ 0",
            ],
        ),
        (
            "pool inflow year outside horizon",
            |d| pool(d, "inflow_yi = { default = 20.0, 2099 = 5.0 }\n"),
            &[
                "instance.toml line 10",
                "field `pools.fund.inflow_yi.2099`",
                "outside the horizon",
            ],
        ),
        (
            "pool on an unknown area",
            |d| {
                pool(
                    d,
                    "inflow_yi = { default = 20.0 }\nareas = [\"material\"]\n",
                )
            },
            &[
                "instance.toml line 11",
                "field `pools.fund.areas`",
                "did you mean `materials`",
            ],
        ),
        (
            "pool on an unknown tier",
            |d| {
                pool(
                    d,
                    "inflow_yi = { default = 20.0 }\ntiers = [\"stranglhold\"]\n",
                )
            },
            &[
                "instance.toml line 11",
                "field `pools.fund.tiers`",
                "did you mean `stranglehold`",
            ],
        ),
        (
            "pool on an unknown item",
            |d| pool(d, "inflow_yi = { default = 20.0 }\nitems = [\"chipp\"]\n"),
            &[
                "instance.toml line 11",
                "field `pools.fund.items`",
                "did you mean `chip`",
            ],
        ),
        (
            "pool on an unknown instrument",
            |d| pool(d, "inflow_yi = { default = 20.0 }\nmodes = [\"nationl\"]\n"),
            &[
                "instance.toml line 11",
                "field `pools.fund.modes`",
                "did you mean `national`",
            ],
        ),
        (
            "pool with an empty eligibility list",
            |d| pool(d, "inflow_yi = { default = 20.0 }\nitems = []\n"),
            &[
                "instance.toml line 11",
                "field `pools.fund.items`",
                "empty list",
            ],
        ),
        (
            "pool with an unknown key",
            |d| pool(d, "inflow_yi = { default = 20.0 }\ncarryover = 1.0\n"),
            &["instance.toml", "carryover", "carry_over"],
        ),
        (
            "a target metric that is neither weighted nor count",
            |d| append(d, "instance.toml", "metric = \"products\"\n"),
            &[
                "instance.toml line 18",
                "field `targets.metric`",
                "\"weighted\"",
                "\"count\"",
            ],
        ),
        (
            "a target's assured_at above 1",
            |d| append(d, "instance.toml", "metric = \"count\"\nassured_at = 1.5\n"),
            &[
                "instance.toml line 19",
                "field `targets.assured_at`",
                "share in (0, 1]",
            ],
        ),
        (
            "an item's assured_at of 0",
            |d| {
                write(d, "items.csv", "id,area,tier,s0,smax,weight_yi,gain_per_effort,assured_at\nchip,components,stranglehold,0.30,0.90,40,0.02,\nbearing,components,general,0.50,0.95,30,0.03,0\nalloy,materials,shortboard,0.40,0.95,30,0.025,\n")
            },
            &["items.csv line 3", "field `assured_at`", "share in (0, 1]"],
        ),
        (
            "negative R&D threshold",
            |d| {
                edit(
                    d,
                    "items.csv",
                    "gain_per_effort,name_en",
                    "gain_per_effort,name_en,rd_threshold",
                );
                edit(
                    d,
                    "items.csv",
                    "integrated circuits",
                    "integrated circuits,-3",
                );
            },
            &[
                "items.csv line 2",
                "rd_threshold",
                "must be ≥ 0 effort units",
            ],
        ),
        (
            "negative drift",
            |d| {
                edit(
                    d,
                    "items.csv",
                    "gain_per_effort,name_en",
                    "gain_per_effort,name_en,drift",
                );
                edit(
                    d,
                    "items.csv",
                    "high-end bearings",
                    "high-end bearings,-0.01",
                );
            },
            &["items.csv line 3", "drift", "must be ≥ 0 share per year"],
        ),
        (
            "drift above one share per year",
            |d| {
                edit(
                    d,
                    "items.csv",
                    "gain_per_effort,name_en",
                    "gain_per_effort,name_en,drift",
                );
                edit(d, "items.csv", "high-end bearings", "high-end bearings,1.5");
            },
            &[
                "items.csv line 3",
                "drift",
                "must be in [0, 1] share per year",
            ],
        ),
        (
            "pipeline names an unknown item",
            |d| {
                write(
                    d,
                    "pipeline.csv",
                    "item,year,effective_effort\nchipp,2023,1\n",
                )
            },
            &[
                "pipeline.csv line 2",
                "item",
                "unknown item",
                "did you mean `chip`",
            ],
        ),
        (
            "pipeline year inside the horizon",
            |d| {
                write(
                    d,
                    "pipeline.csv",
                    "item,year,effective_effort\nchip,2020,1\nchip,2025,1\n",
                )
            },
            &[
                "pipeline.csv line 3",
                "year",
                "must be before the first year",
            ],
        ),
        (
            "a training budget for an unknown province",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[[training_budget_yi]]\nprovinces = [\"wset\"]\nmax = 1.0\n",
                )
            },
            &[
                "instance.toml line 20",
                "field `training_budget_yi.provinces`",
                "unknown province",
                "did you mean `west`?",
            ],
        ),
        (
            "a training budget for an unknown region",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[[training_budget_yi]]\nregions = [\"wst\"]\nmax = 1.0\n",
                )
            },
            &[
                "instance.toml line 20",
                "field `training_budget_yi.regions`",
                "did you mean `west`?",
            ],
        ),
        (
            "a negative training budget",
            |d| append(d, "instance.toml", "\n[[training_budget_yi]]\nmax = -1.0\n"),
            &[
                "instance.toml line 20",
                "field `training_budget_yi.max`",
                "must be ≥ 0",
            ],
        ),
        (
            "a negative training floor",
            |d| append(d, "instance.toml", "\n[[training_budget_yi]]\nmin = -1.0\n"),
            &[
                "instance.toml line 20",
                "field `training_budget_yi.min`",
                "must be ≥ 0",
            ],
        ),
        (
            "a training budget year outside the horizon",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[[training_budget_yi]]\nfrom = 2030\nmax = 1.0\n",
                )
            },
            &[
                "instance.toml line 20",
                "field `training_budget_yi.from`",
                "outside the horizon",
            ],
        ),
        (
            "a training budget ending before it starts",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[[training_budget_yi]]\nfrom = 2026\nto = 2025\nmax = 1.0\n",
                )
            },
            &[
                "instance.toml line 21",
                "field `training_budget_yi.to`",
                "must not be before `from` (2026)",
            ],
        ),
        (
            "a training budget entry with neither cap nor floor",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[[training_budget_yi]]\nprovinces = [\"east\"]\n",
                )
            },
            &[
                "instance.toml line 19",
                "field `training_budget_yi`",
                "sets `max` (the cap), `min` (the floor) or both",
            ],
        ),
        (
            "a training budget naming no province",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[[training_budget_yi]]\nprovinces = []\nmax = 1.0\n",
                )
            },
            &[
                "instance.toml line 20",
                "field `training_budget_yi.provinces`",
                "must name at least one",
            ],
        ),
        (
            "a training budget whose province is not in its region",
            |d| {
                append(d, "instance.toml", "\n[[training_budget_yi]]\nprovinces = [\"east\"]\nregions = [\"west\"]\nmax = 1.0\n")
            },
            &[
                "instance.toml line 21",
                "field `training_budget_yi.regions`",
                "selects no province",
            ],
        ),
        (
            "a training floor above its cap",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[[training_budget_yi]]\nmax = 1.0\nmin = 2.0\n",
                )
            },
            &[
                "instance.toml line 21",
                "field `training_budget_yi.min`",
                "the floor of east in 2024 is above its cap",
            ],
        ),
        (
            "a training floor above the provincial budget",
            |d| append(d, "instance.toml", "\n[[training_budget_yi]]\nmin = 11.0\n"),
            &[
                "instance.toml line 20",
                "field `training_budget_yi.min`",
                "above its provincial budget (10 亿元)",
            ],
        ),
        (
            "a training budget with an unknown key",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[[training_budget_yi]]\nmaximum = 1.0\n",
                )
            },
            &["instance.toml line 20", "maximum", "max"],
        ),
        (
            "a training floor where the model trains no talent",
            |d| {
                edit(d, "model.toml", "kfte_per_yi = 0.05", "kfte_per_yi = 0.0");
                append(d, "instance.toml", "\n[[training_budget_yi]]\nmin = 1.0\n");
            },
            &[
                "instance.toml line 20",
                "field `training_budget_yi.min`",
                "needs training in the model",
            ],
        ),
        (
            "a target level of 50 meant as 50%",
            |d| edit(d, "instance.toml", "level = 0.60", "level = 50"),
            &[
                "instance.toml line 17",
                "field `targets.level`",
                "did you mean 0.5 (50% written as a number)?",
            ],
        ),
        (
            "a province id in Chinese",
            |d| {
                edit(d, "provinces.csv", "west,west", "四川,west");
                write(
                    d,
                    "advantage.csv",
                    &std::fs::read_to_string(d.join("advantage.csv"))
                        .unwrap()
                        .replace(",west,", ",四川,"),
                );
            },
            &["provinces.csv line 3", "field `id`", "only ASCII letters"],
        ),
        (
            "a regional floor naming a misspelt region",
            |d| {
                append(
                    d,
                    "instance.toml",
                    "\n[regional_floor]\nregions = [\"wets\"]\nmin_share = 0.3\n",
                )
            },
            &[
                "instance.toml line 20",
                "field `regional_floor.regions`",
                "did you mean `west`?",
            ],
        ),
        (
            "a province in a misspelt region",
            |d| edit(d, "provinces.csv", "west,west", "west,wets"),
            &[
                "provinces.csv line 3",
                "field `region`",
                "did you mean `west`?",
            ],
        ),
        (
            "negative pipeline effort",
            |d| {
                write(
                    d,
                    "pipeline.csv",
                    "item,year,effective_effort\nalloy,2022,-1\n",
                )
            },
            &["pipeline.csv line 2", "effective_effort", "must be ≥ 0"],
        ),
        (
            "pipeline item and year given twice",
            |d| {
                write(
                    d,
                    "pipeline.csv",
                    "item,year,effective_effort\nalloy,2022,1\nalloy,2022,2\n",
                )
            },
            &[
                "pipeline.csv line 3",
                "duplicate item/year pair (first on line 2)",
            ],
        ),
    ]
}

#[test]
fn malformed_instances_are_rejected_with_precise_messages() {
    let cases = cases();
    assert!(cases.len() >= 80, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (name, mutate, fragments) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let inst = tmp.path().join("inst");
        demo_copy(&inst);
        mutate(&inst);
        let out = tmp.path().join("out");
        failures.extend(refused(name, &inst, &out, &[], fragments));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn all_errors_are_reported_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let inst = tmp.path().join("inst");
    demo_copy(&inst);
    edit(
        &inst,
        "items.csv",
        "chip,components,stranglehold,0.30",
        "chip,components,stranglehold,1.30",
    );
    edit(&inst, "provinces.csv", "west,west", "west,south");
    edit(&inst, "instance.toml", "level = 0.60", "level = 1.5");
    let result = qiangji().arg("check").arg(&inst).output().unwrap();
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("3 input error(s)"), "{stderr}");
    for f in ["items.csv line 2", "provinces.csv line 3", "targets.level"] {
        assert!(stderr.contains(f), "{stderr}");
    }
}

/// A bad value of 1,234 characters; no message may quote it whole.
fn long() -> String {
    "x".repeat(1234)
}

/// Every reader and parser that quotes a value a user wrote quotes at most
/// its first 80 characters, with an ellipsis and its full length.
#[test]
fn a_long_bad_value_is_quoted_by_its_first_characters_and_its_length() {
    // (what, file, text replaced (empty: the file gets the text appended),
    // the text put there, extra arguments); LONG stands for the long value.
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
    );
    let cases: [Case; 11] = [
        (
            "a number cell",
            "items.csv",
            "stranglehold,0.30",
            "stranglehold,LONG",
            &[],
        ),
        (
            "a column name",
            "areas.csv",
            "id,name_en,name_zh",
            "id,name_en,name_zh,LONG",
            &[],
        ),
        (
            "an instance name that is no identifier",
            "instance.toml",
            "name = \"demo\"",
            "name = \"LONG !\"",
            &[],
        ),
        (
            "a year written as text",
            "instance.toml",
            "first_year = 2024",
            "first_year = \"LONG\"",
            &[],
        ),
        ("an unknown key", "instance.toml", "", "LONG = 1\n", &[]),
        (
            "an unknown parameter in a scenario file",
            "scenarios.toml",
            "",
            "[s]\noverrides = [{ param = \"LONG\", scale = 1 }]\n",
            &["--scenario", "s"],
        ),
        (
            "an unknown scenario",
            "scenarios.toml",
            "",
            "[s]\n",
            &["--scenario", "LONG"],
        ),
        (
            "a --set value",
            "",
            "",
            "",
            &["--set", "central_budget*=LONG"],
        ),
        (
            "an unknown objective preset",
            "",
            "",
            "",
            &["--objective", "LONG"],
        ),
        ("a command-line number", "", "", "", &["--mip-gap", "LONG"]),
        ("an unknown option", "", "", "", &["--LONG"]),
    ];
    let mut failures = Vec::new();
    for (name, file, from, to, args) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let inst = tmp.path().join("inst");
        demo_copy(&inst);
        let to = to.replace("LONG", &long());
        match (file, from) {
            ("", _) => {}
            (file, "") => append(&inst, file, &to),
            (file, from) => edit(&inst, file, from, &to),
        }
        let out = tmp.path().join("out");
        let args: Vec<String> = args.iter().map(|a| a.replace("LONG", &long())).collect();
        let (code, stderr) = solve_copy(&inst, &out, &args);
        if code != Some(2) {
            failures.push(format!("{name}: exit {code:?}:\n{stderr}"));
        } else if stderr.contains(&"x".repeat(81)) {
            failures.push(format!("{name}: the value is quoted whole:\n{stderr}"));
        } else if !stderr.contains(&format!("{}…", "x".repeat(70)))
            || !stderr.contains(" characters)")
        {
            failures.push(format!("{name}: no cut value with its length:\n{stderr}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // The form of every cut value, for a cell.
    let tmp = tempfile::tempdir().unwrap();
    let inst = tmp.path().join("inst");
    demo_copy(&inst);
    edit(
        &inst,
        "items.csv",
        "stranglehold,0.30",
        &format!("stranglehold,{}", long()),
    );
    let result = qiangji().arg("check").arg(&inst).output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    let expected = format!("got \"{}…\" (1,234 characters)", "x".repeat(80));
    assert!(stderr.contains(&expected), "{stderr}");
}

/// `text` in Latin-1 (a character beyond it as `?`).
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

/// `text` in UTF-8, except that `\xHH` stands for the byte HH.
fn with_raw_bytes(text: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    for (i, part) in text.split("\\x").enumerate() {
        match (
            i,
            part.get(..2).and_then(|h| u8::from_str_radix(h, 16).ok()),
        ) {
            (0, _) | (_, None) => bytes.extend(part.as_bytes()),
            (_, Some(byte)) => {
                bytes.push(byte);
                bytes.extend(&part.as_bytes()[2..]);
            }
        }
    }
    bytes
}

/// A table that is not in an encoding docs/instance-format.md accepts, or a
/// TOML file that is not UTF-8, is refused naming the file, the line of the
/// first offending byte and the rule; nothing is read with mojibake.
#[test]
fn a_file_in_an_encoding_not_accepted_is_refused_by_file_and_line() {
    let utf16le = |t: &str| -> Vec<u8> {
        let units = t.encode_utf16().flat_map(u16::to_le_bytes);
        [0xFF, 0xFE].into_iter().chain(units).collect()
    };
    let gbk = |t: &str| -> Vec<u8> { encoding_rs::GBK.encode(t).0.into_owned() };
    // (what, file, (text replaced, by what; an empty text is appended to),
    // how the file is written, extra arguments, fragments of the message)
    type Case = (
        &'static str,
        &'static str,
        (&'static str, &'static str),
        fn(&str) -> Vec<u8>,
        &'static [&'static str],
        &'static [&'static str],
    );
    let scenario = "[cut]\noverrides = [{ param = \"central_budget\", scale = 0.8 }]\n";
    let cases: [Case; 6] = [
        (
            "Latin-1 with an accented name",
            "items.csv",
            ("integrated circuits", "Müller circuits"),
            latin1,
            &[],
            &[
                "items.csv line 2",
                "0xFC 0x6C",
                "\"ül\" in Latin-1",
                "GB2312",
                "docs/instance-format.md",
            ],
        ),
        (
            "Latin-1 with two accented letters in a row",
            "items.csv",
            ("integrated circuits", "Informação circuits"),
            latin1,
            &[],
            &["items.csv line 2", "between Latin letters", "Latin-1"],
        ),
        (
            "bytes valid in no accepted encoding",
            "provinces.csv",
            ("Western province", "Western \\x80\\x81province"),
            with_raw_bytes,
            &[],
            &[
                "provinces.csv line 3",
                "0x80",
                "UTF-8, UTF-16 or GB18030",
                "CSV UTF-8",
            ],
        ),
        (
            "UTF-8 with one stray Latin-1 byte",
            "areas.csv",
            ("基础材料", "基础材料 \\xE9"),
            with_raw_bytes,
            &[],
            &["areas.csv line 3", "is UTF-8 text except for byte 0xE9"],
        ),
        (
            "instance.toml in GBK",
            "instance.toml",
            ("Two foundations", "两个基础"),
            gbk,
            &[],
            &["instance.toml line 3", "GB18030", "must be UTF-8"],
        ),
        (
            "scenarios.toml in UTF-16",
            "scenarios.toml",
            ("", scenario),
            utf16le,
            &["--scenario", "cut"],
            &["scenarios.toml line 1", "UTF-16LE", "must be UTF-8"],
        ),
    ];
    let mut failures = Vec::new();
    for (name, file, (from, to), encode, args, fragments) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let inst = tmp.path().join("inst");
        demo_copy(&inst);
        let text = fs::read_to_string(inst.join(file)).unwrap_or_default();
        assert!(text.contains(from), "{name}: {file} lacks {from:?}");
        fs::write(inst.join(file), encode(&text.replacen(from, to, 1))).unwrap();
        let out = tmp.path().join("out");
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        failures.extend(refused(name, &inst, &out, &args, fragments));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A TOML key of the wrong kind, as a planner writes it by mistake, is
/// named: file, line, key, the kind expected and the kind found.
#[test]
fn a_toml_key_of_the_wrong_kind_names_file_line_key_and_both_kinds() {
    // (what, file, (text replaced, by what; an empty text is appended to),
    // extra arguments, fragments of the message)
    type Case = (
        &'static str,
        &'static str,
        (&'static str, &'static str),
        &'static [&'static str],
        &'static [&'static str],
    );
    let cut = &["--scenario", "cut"][..];
    let cases: [Case; 10] = [
        (
            "the model's national table as a list of tables",
            "model.toml",
            ("[national]", "[[national]]"),
            &[],
            &[
                "model.toml line 44",
                "field `national`",
                "must be a table, not a list of tables [[national]]",
            ],
        ),
        (
            "the central budget as a list of one value (the parser would take it as `default`)",
            "instance.toml",
            (
                "[central_budget_yi]\ndefault = 20.0",
                "central_budget_yi = [20.0]",
            ),
            &[],
            &[
                "instance.toml line 9",
                "field `central_budget_yi`",
                "must be a table, not a list",
            ],
        ),
        (
            "a scenario as a list",
            "scenarios.toml",
            ("", "cut = [\"a title\"]\n"),
            cut,
            &[
                "scenarios.toml line 1",
                "field `cut`",
                "must be a table, not a list",
            ],
        ),
        (
            "targets as a table",
            "instance.toml",
            ("[[targets]]", "[targets]"),
            &[],
            &[
                "instance.toml line 13",
                "field `targets`",
                "must be a list, not a table [targets]",
                "write [[targets]]",
            ],
        ),
        (
            "the central budget as a number",
            "instance.toml",
            (
                "[central_budget_yi]\ndefault = 20.0",
                "central_budget_yi = 20.0",
            ),
            &[],
            &[
                "instance.toml line 9",
                "field `central_budget_yi`",
                "must be a table, not the number 20",
            ],
        ),
        (
            "the central budget as a list of tables",
            "instance.toml",
            ("[central_budget_yi]", "[[central_budget_yi]]"),
            &[],
            &[
                "instance.toml line 9",
                "field `central_budget_yi`",
                "must be a table, not a list of tables [[central_budget_yi]]",
            ],
        ),
        (
            "a target's areas as text",
            "instance.toml",
            (
                "areas = [\"components\", \"materials\"]",
                "areas = \"components, materials\"",
            ),
            &[],
            &[
                "instance.toml line 15",
                "field `targets.areas`",
                "must be a list, not the text \"components, materials\"",
            ],
        ),
        (
            "a scenario's overrides as a table",
            "scenarios.toml",
            (
                "",
                "[cut]\n[cut.overrides]\nparam = \"central_budget\"\nscale = 0.8\n",
            ),
            cut,
            &[
                "scenarios.toml line 2",
                "field `cut.overrides`",
                "must be a list, not a table [cut.overrides]",
            ],
        ),
        (
            "a scenario's overrides as an inline table",
            "scenarios.toml",
            (
                "",
                "[cut]\noverrides = { param = \"central_budget\", scale = 0.8 }\n",
            ),
            cut,
            &[
                "scenarios.toml line 2",
                "field `cut.overrides`",
                "must be a list, not a table",
                "square brackets",
            ],
        ),
        (
            "a scenario as a number",
            "scenarios.toml",
            ("", "cut = 0.8\n"),
            cut,
            &[
                "scenarios.toml line 1",
                "field `cut`",
                "must be a table, not the number 0.8",
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (name, file, (from, to), args, fragments) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let inst = tmp.path().join("inst");
        demo_copy(&inst);
        match from {
            "" => append(&inst, file, to),
            from => edit(&inst, file, from, to),
        }
        let out = tmp.path().join("out");
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        failures.extend(refused(name, &inst, &out, &args, fragments));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
