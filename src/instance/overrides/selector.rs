//! Selectors: which elements of a parameter an override touches — items (by
//! id, area or tier), areas, provinces (by id or region), years (a range),
//! targets, instruments and tiers. Different keys narrow each other; a list
//! under one key means any of them.

use crate::instance::{Instance, Region, Tier};
use crate::quote::{code, quote};

/// The selector keys of one override, as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selector {
    pub item: Option<Vec<String>>,
    pub area: Option<Vec<String>>,
    pub tier: Option<Vec<String>>,
    pub province: Option<Vec<String>>,
    pub region: Option<Vec<String>>,
    pub mode: Option<Vec<String>>,
    pub target: Option<Vec<String>>,
    /// First year, inclusive.
    pub from: Option<i64>,
    /// Last year, inclusive.
    pub to: Option<i64>,
    /// Funding pools (POOL).
    pub pool: Option<Vec<String>>,
}

impl Selector {
    /// The keys that are given, for checking them against a parameter.
    pub fn keys(&self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        for (key, given) in [
            ("item", self.item.is_some()),
            ("area", self.area.is_some()),
            ("tier", self.tier.is_some()),
            ("province", self.province.is_some()),
            ("region", self.region.is_some()),
            ("mode", self.mode.is_some()),
            ("target", self.target.is_some()),
            ("from", self.from.is_some()),
            ("to", self.to.is_some()),
            ("pool", self.pool.is_some()),
        ] {
            if given {
                keys.push(key);
            }
        }
        keys
    }

    /// Sets one key from text; `year` sets `from` and `to`.
    pub fn set(&mut self, key: &str, values: Vec<String>) -> Result<(), String> {
        let year = |values: &[String]| -> Result<i64, String> {
            match values {
                [v] => v
                    .parse::<i64>()
                    .map_err(|_| format!("`{key}` must be a calendar year, got {}", quote(v))),
                _ => Err(format!("`{key}` takes one year")),
            }
        };
        match key {
            "item" => self.item = Some(values),
            "area" => self.area = Some(values),
            "tier" => self.tier = Some(values),
            "province" => self.province = Some(values),
            "region" => self.region = Some(values),
            "mode" => self.mode = Some(values),
            "target" => self.target = Some(values),
            "pool" => self.pool = Some(values),
            "from" => self.from = Some(year(&values)?),
            "to" => self.to = Some(year(&values)?),
            "year" => {
                let y = year(&values)?;
                self.from = Some(y);
                self.to = Some(y);
            }
            other => {
                return Err(format!(
                    "unknown selector {}; selectors are item, area, tier, province, region, mode, target, from, to, year, pool",
                    code(other)
                ))
            }
        }
        Ok(())
    }

    /// Items selected by `item`, `area` and `tier` (all items without them).
    pub fn items(&self, inst: &Instance) -> Result<Vec<usize>, String> {
        let ids = resolve(&self.item, "item", inst.items.iter().map(|i| i.id.as_str()))?;
        let areas = self.areas(inst)?;
        let tiers = match &self.tier {
            None => None,
            Some(list) => Some(
                list.iter()
                    .map(|t| tier(t))
                    .collect::<Result<Vec<Tier>, String>>()?,
            ),
        };
        Ok((0..inst.items.len())
            .filter(|k| ids.as_ref().is_none_or(|ids| ids.contains(k)))
            .filter(|&k| self.area.is_none() || areas.contains(&inst.items[k].area))
            .filter(|&k| {
                tiers
                    .as_ref()
                    .is_none_or(|t| t.contains(&inst.items[k].tier))
            })
            .collect())
    }

    /// Areas selected by `area` (all areas without it).
    pub fn areas(&self, inst: &Instance) -> Result<Vec<usize>, String> {
        Ok(
            resolve(&self.area, "area", inst.areas.iter().map(|a| a.id.as_str()))?
                .unwrap_or_else(|| (0..inst.areas.len()).collect()),
        )
    }

    /// Provinces selected by `province` and `region`.
    pub fn provinces(&self, inst: &Instance) -> Result<Vec<usize>, String> {
        let ids = resolve(
            &self.province,
            "province",
            inst.provinces.iter().map(|p| p.id.as_str()),
        )?;
        let regions = self.regions()?;
        Ok((0..inst.provinces.len())
            .filter(|p| ids.as_ref().is_none_or(|ids| ids.contains(p)))
            .filter(|&p| {
                regions
                    .as_ref()
                    .is_none_or(|r| r.contains(&inst.provinces[p].region))
            })
            .collect())
    }

    /// The regions named by `region`, if given.
    pub fn regions(&self) -> Result<Option<Vec<Region>>, String> {
        self.region
            .as_ref()
            .map(|list| {
                list.iter()
                    .map(|r| {
                        Region::parse(r).ok_or_else(|| {
                            format!(
                                "unknown region {}; expected east, central, west or northeast{}",
                                code(r),
                                crate::instance::keys::did_you_mean(r, Region::ALL.map(Region::id))
                            )
                        })
                    })
                    .collect()
            })
            .transpose()
    }

    /// Year indices selected by `from` and `to`.
    pub fn years(&self, inst: &Instance) -> Result<Vec<usize>, String> {
        let (first, last) = (
            inst.years[0] as i64,
            inst.years[inst.years.len() - 1] as i64,
        );
        for (key, y) in [("from", self.from), ("to", self.to)] {
            if let Some(y) = y {
                if !(first..=last).contains(&y) {
                    return Err(format!(
                        "`{key} = {y}` is outside the horizon {first}–{last}"
                    ));
                }
            }
        }
        let (from, to) = (self.from.unwrap_or(first), self.to.unwrap_or(last));
        if from > to {
            return Err(format!("`from = {from}` is after `to = {to}`"));
        }
        Ok(inst
            .years
            .iter()
            .enumerate()
            .filter(|(_, &y)| (from..=to).contains(&(y as i64)))
            .map(|(t, _)| t)
            .collect())
    }

    /// Targets selected by `target`.
    pub fn targets(&self, inst: &Instance) -> Result<Vec<usize>, String> {
        Ok(resolve(
            &self.target,
            "target",
            inst.targets.iter().map(|g| g.id.as_str()),
        )?
        .unwrap_or_else(|| (0..inst.targets.len()).collect()))
    }

    /// Instruments selected by `mode`.
    pub fn modes(&self, inst: &Instance) -> Result<Vec<usize>, String> {
        Ok(resolve(
            &self.mode,
            "mode",
            inst.model.modes.iter().map(|m| m.id.as_str()),
        )?
        .unwrap_or_else(|| (0..inst.model.modes.len()).collect()))
    }

    /// Funding pools selected by `pool` (every pool without it).
    pub fn pools(&self, inst: &Instance) -> Result<Vec<usize>, String> {
        Ok(
            resolve(&self.pool, "pool", inst.pools.iter().map(|f| f.id.as_str()))?
                .unwrap_or_else(|| (0..inst.pools.len()).collect()),
        )
    }

    /// Tiers selected by `tier`.
    pub fn tiers(&self) -> Result<Vec<Tier>, String> {
        match &self.tier {
            None => Ok(Tier::ALL.to_vec()),
            Some(list) => list.iter().map(|t| tier(t)).collect(),
        }
    }
}

/// The tier a selector names.
fn tier(text: &str) -> Result<Tier, String> {
    Tier::parse(text).ok_or_else(|| {
        format!(
            "unknown tier {}; expected stranglehold, shortboard or general{}",
            code(text),
            crate::instance::keys::did_you_mean(text, Tier::ALL.map(Tier::id))
        )
    })
}

/// Positions of the listed ids among `known`; an unknown id is an error that
/// suggests the nearest known one.
fn resolve<'a>(
    list: &Option<Vec<String>>,
    key: &str,
    known: impl Iterator<Item = &'a str>,
) -> Result<Option<Vec<usize>>, String> {
    let Some(list) = list else {
        return Ok(None);
    };
    let known: Vec<&str> = known.collect();
    list.iter()
        .map(|id| {
            known.iter().position(|k| k == id).ok_or_else(|| {
                match crate::instance::keys::nearest(id, known.iter().copied()) {
                    Some(near) => format!("unknown {key} {}; did you mean `{near}`?", code(id)),
                    None => format!("unknown {key} {}", code(id)),
                }
            })
        })
        .collect::<Result<Vec<usize>, String>>()
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_narrow_and_suggest() {
        let inst = crate::testing::tiny_instance();
        let mut s = Selector::default();
        let ids = |ks: Vec<usize>| -> Vec<&str> {
            ks.iter().map(|&k| inst.items[k].id.as_str()).collect()
        };
        s.set("area", vec!["components".into()]).unwrap();
        assert_eq!(ids(s.items(&inst).unwrap()), vec!["bearing", "chip"]);
        s.set("tier", vec!["general".into()]).unwrap();
        assert_eq!(ids(s.items(&inst).unwrap()), vec!["bearing"]);
        let mut s = Selector::default();
        s.set("province", vec!["wset".into()]).unwrap();
        assert_eq!(
            s.provinces(&inst).unwrap_err(),
            "unknown province `wset`; did you mean `west`?"
        );
        let mut s = Selector::default();
        s.set("from", vec!["2026".into()]).unwrap();
        assert_eq!(s.years(&inst).unwrap(), vec![2]);
        s.set("to", vec!["2030".into()]).unwrap();
        assert!(s.years(&inst).unwrap_err().contains("outside the horizon"));
    }
}
