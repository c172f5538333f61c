//! The `relax` page: the smallest change of budgets, talent or target levels
//! that gives the hard-target plan a solution, each limit moved with its
//! value now and the value needed, the totals, and how it was verified.

use crate::analysis::relax::{RelaxKind, Relaxation};
use crate::instance::Instance;

use super::super::i18n::{self as t, Lang};
use super::super::page::{Cell, Page, Table};
use super::super::solve::footer;

/// The finding in one sentence, in the page's language.
fn finding(r: &Relaxation, lang: Lang) -> String {
    let kinds: Vec<&str> = match lang {
        Lang::En => r.kinds.iter().map(|k| k.id()).collect(),
        Lang::Zh => r.kinds.iter().map(|&k| kind_name(k, lang)).collect(),
    };
    let kinds = kinds.join(lang.t(t::MD_COMMA));
    match (lang, r.feasible_as_is(), r.verified) {
        (Lang::En, true, _) => {
            "The hard-target plan is feasible as it is: no change is needed.".into()
        }
        (Lang::Zh, true, _) => "硬目标方案本身可行，无需调整。".into(),
        (Lang::En, false, false) => format!(
            "No change of the kinds allowed ({kinds}) gives the hard-target plan a solution (the model with the best changes found is still {}); allow more kinds, e.g. --by all.",
            r.verify_status.id()
        ),
        (Lang::Zh, false, false) => format!(
            "允许的调整类型({kinds})无法使硬目标方案可行(采用所找到的最佳调整后模型仍为{})；请允许更多类型，例如 `--by all`。",
            super::super::solve::status_label(r.verify_status, lang)
        ),
        (Lang::En, false, true) => format!(
            "The smallest change that gives the hard-target plan a solution (moving {kinds}) moves {} limits; with these changes the model was solved again and has a plan{}.",
            r.changes.len(),
            if r.checked {
                " that passed the independent check"
            } else {
                " (talent per year is not instance data, so the plan is the solver's)"
            }
        ),
        (Lang::Zh, false, true) => format!(
            "使硬目标方案可行的最小调整({kinds})共涉及 {} 项约束；按此调整重新求解，模型有可行方案{}。",
            r.changes.len(),
            if r.checked {
                "，并通过独立校验"
            } else {
                "(各年人才不是实例数据，方案为求解器所给)"
            }
        ),
    }
}

fn kind_name(kind: RelaxKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (RelaxKind::Budget, Lang::En) => "extra central budget",
        (RelaxKind::Talent, Lang::En) => "extra talent",
        (RelaxKind::Targets, Lang::En) => "lower target levels",
        (RelaxKind::Budget, Lang::Zh) => "追加中央预算",
        (RelaxKind::Talent, Lang::Zh) => "追加人才",
        (RelaxKind::Targets, Lang::Zh) => "下调目标水平",
    }
}

/// The HTML report of `qiangji relax`.
pub fn relax_page(inst: &Instance, r: &Relaxation, lang: Lang) -> String {
    let mut page = Page::new(lang, &format!("{}: {}", lang.t(t::RELAX_TITLE), inst.name));
    page.paragraph(&finding(r, lang));
    if !r.changes.is_empty() {
        let share_or = |kind: RelaxKind, v: f64| match kind {
            RelaxKind::Targets => Cell::pct(v),
            _ => Cell::num(v),
        };
        let rows = r
            .changes
            .iter()
            .map(|c| {
                vec![
                    Cell::text(crate::report::relax::subject(inst, &c.key, lang)),
                    Cell::text(kind_name(c.kind, lang)),
                    share_or(c.kind, c.current),
                    share_or(c.kind, c.needed),
                    Cell::num(c.amount),
                    Cell::text(crate::report::relax::unit(c.kind, lang)),
                ]
            })
            .collect();
        page.section("changes", lang.t(t::RELAX_CHANGES));
        page.table(&Table {
            caption: lang.t(t::RELAX_CHANGES).into(),
            headers: vec![
                lang.t(t::RELAX_LIMIT).into(),
                lang.t(t::RELAX_KIND).into(),
                lang.t(t::RELAX_NOW).into(),
                lang.t(t::RELAX_NEEDED).into(),
                lang.t(t::RELAX_CHANGE).into(),
                lang.t(t::UNIT).into(),
            ],
            rows,
            folded: false,
        });
        let totals = r
            .kinds
            .iter()
            .map(|&k| {
                vec![
                    Cell::text(kind_name(k, lang)),
                    Cell::num(r.total(k)),
                    Cell::text(crate::report::relax::unit(k, lang)),
                ]
            })
            .collect();
        page.table(&Table {
            caption: lang.t(t::RELAX_TOTALS).into(),
            headers: vec![
                lang.t(t::RELAX_KIND).into(),
                lang.t(t::RELAX_CHANGE).into(),
                lang.t(t::UNIT).into(),
            ],
            rows: totals,
            folded: false,
        });
        if r.changes.len() > 1 {
            page.note(lang.t(t::RELAX_SPLIT_NOTE));
        }
    }
    page.finish(&footer(inst, lang))
}
