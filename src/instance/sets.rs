//! The fixed sets of docs/model.md §1–§2: tiers, instruments (modes) and regions.

use std::fmt;

/// Problem tier of a key item (docs/model.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    /// 卡脖子: an embargo would choke a strategic industry.
    Stranglehold,
    /// 短板: poor reliability and weak chain coordination.
    Shortboard,
    /// 小散多软: small, scattered, weak enterprises.
    General,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Stranglehold, Tier::Shortboard, Tier::General];

    pub fn id(self) -> &'static str {
        match self {
            Tier::Stranglehold => "stranglehold",
            Tier::Shortboard => "shortboard",
            Tier::General => "general",
        }
    }

    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.id() == s)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Policy instrument through which effort is delivered (docs/model.md §1): an
/// index into the model file's instruments ([`ModelConfig::modes`]), which
/// are data — by default `national` (新型举国体制, central money at lead
/// sites), `chain` (链式, central–provincial co-funding) and `enterprise`
/// (leading enterprises and 专精特新 cultivation).
///
/// [`ModelConfig::modes`]: super::ModelConfig::modes
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mode(pub usize);

impl Mode {
    pub fn index(self) -> usize {
        self.0
    }
}

/// NBS four-region split of provincial-level divisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    East,
    Central,
    West,
    Northeast,
}

impl Region {
    pub const ALL: [Region; 4] = [
        Region::East,
        Region::Central,
        Region::West,
        Region::Northeast,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Region::East => "east",
            Region::Central => "central",
            Region::West => "west",
            Region::Northeast => "northeast",
        }
    }

    pub fn parse(s: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.id() == s)
    }
}

macro_rules! display_by_id {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
    )*};
}
display_by_id!(Tier, Region);
