//! `chain_links.csv` (optional): item `item` needs item `needs` and may lead
//! it by at most `max_lead`. Links must not form a cycle, and the initial
//! levels must already satisfy them.

use std::collections::{BTreeSet, HashMap};

use super::{first_time, share, Ids, Reader, CHAIN_LINKS};
use crate::instance::error::Collector;
use crate::instance::error::InputError;
use crate::instance::tables::Schema;
use crate::instance::{ChainLink, Item};

pub fn read(r: &mut Reader, items: &Ids) -> Vec<ChainLink> {
    let schema = Schema {
        required: &["item", "needs", "max_lead"],
        optional: &[],
    };
    let Some(table) = r.table(CHAIN_LINKS, &schema, false) else {
        return Vec::new();
    };
    let mut errs = r.errs(CHAIN_LINKS);
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    let mut links = Vec::new();
    for row in &table.rows {
        let item = items.lookup(&table, row, "item", &mut errs);
        let needs = items.lookup(&table, row, "needs", &mut errs);
        let lead = share(&table, row, "max_lead", &mut errs);
        if let (Some(item), Some(needs), Some(max_lead)) = (item, needs, lead) {
            if item == needs {
                errs.at(
                    Some(row.line),
                    "needs",
                    table.text(row, "needs"),
                    "an item cannot need itself",
                );
                continue;
            }
            if !first_time(&mut seen, (item, needs), row.line, "link", &mut errs) {
                continue;
            }
            links.push(ChainLink {
                item,
                needs,
                max_lead,
                line: row.line,
            });
        }
    }
    // Ordered by the items they join, not by row.
    links.sort_by_key(|l| (l.item, l.needs));
    links
}

/// A link whose initial levels already break s[k] ≤ s[k′] + γ makes every
/// plan infeasible in the first years, before any effort can act.
pub fn check_initial_levels(items: &[Item], links: &[ChainLink], sink: &mut Vec<InputError>) {
    let mut errs = Collector::new(CHAIN_LINKS, sink);
    for l in links {
        let (item, needs) = (&items[l.item], &items[l.needs]);
        if item.s0 > needs.s0 + l.max_lead + 1e-12 {
            errs.at(
                Some(l.line),
                "max_lead",
                l.max_lead,
                &format!(
                    "link {} → {}: s0 of {} ({}) already exceeds s0 of {} ({}) plus max_lead; raise max_lead or fix s0",
                    item.id, needs.id, item.id, item.s0, needs.id, needs.s0
                ),
            );
        }
    }
}

/// Topological order of the chain graph (needed items first); a cycle is an
/// input error because realised self-sufficiency (docs/model.md §7) is undefined.
pub fn chain_order(
    items: &[String],
    links: &[ChainLink],
    sink: &mut Vec<InputError>,
) -> Vec<usize> {
    let n = items.len();
    let mut indegree = vec![0usize; n];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for l in links {
        if l.item < n && l.needs < n {
            indegree[l.item] += 1;
            dependents[l.needs].push(l.item);
        }
    }
    let mut ready: BTreeSet<usize> = (0..n).filter(|&k| indegree[k] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(k) = ready.pop_first() {
        order.push(k);
        for &d in &dependents[k] {
            indegree[d] -= 1;
            if indegree[d] == 0 {
                ready.insert(d);
            }
        }
    }
    if order.len() < n {
        let cyclic: Vec<&str> = (0..n)
            .filter(|&k| indegree[k] > 0)
            .map(|k| items[k].as_str())
            .collect();
        Collector::new(CHAIN_LINKS, sink).file(
            None,
            &format!(
                "chain links must not form a cycle; items on or behind a cycle: {}",
                cyclic.join(", ")
            ),
        );
    }
    order
}
