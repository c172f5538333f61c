//! Pages of the studies built on many solves: a sweep (spending, objective
//! and target levels over one parameter), a tornado (each parameter group
//! moved alone) and Monte Carlo (fan charts of target levels and the
//! probability each target is met).

mod alternatives;
mod frontier;
mod montecarlo;
mod relax;
mod sweep;
mod tornado;

pub use alternatives::alternatives_page;
pub use frontier::frontier_page;
pub use montecarlo::montecarlo_page;
pub use relax::relax_page;
pub use sweep::sweep_page;
pub use tornado::{tornado_page, tornado_series};

use super::i18n::Lang;

/// How a study was run (the analyses describe it in English: `warm`,
/// `fixed at the base plan`, `re-solved`, …), in the report's language;
/// a phrase not known here is shown as it is.
pub(crate) fn analysis_phrase(phrase: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return phrase.to_string();
    }
    match phrase {
        "warm" => "热启动",
        "cold" => "冷启动",
        "none" => "无",
        "fixed at the base plan" => "固定为基准方案",
        "re-optimised at every point" => "每点重新优化",
        "base plan re-evaluated" => "重新评估基准方案",
        "re-solved" => "逐样本重新求解",
        "re-solved (sites and platforms fixed at the base plan)" => {
            "逐样本重新求解(牵头地与平台固定为基准方案)"
        }
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_a_study_ran_is_said_in_the_report_language() {
        assert_eq!(analysis_phrase("warm", Lang::Zh), "热启动");
        assert_eq!(analysis_phrase("warm", Lang::En), "warm");
        assert_eq!(analysis_phrase("something new", Lang::Zh), "something new");
    }
}
