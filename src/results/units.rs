//! Units that are written into output files and read back from them, in one
//! place: the writer prints these texts and a reader parses them into the
//! same values, so the two cannot drift apart.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Unit of a row's dual: objective 亿元 per unit of the row's right-hand
/// side (`duals.csv`, `ranging.csv`, `marginal_values` of summary.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DualUnit {
    EffectiveEffort,
    AllowedLeadShare,
    Budget,
    Talent,
    Capacity,
    Platform,
    EffortUnit,
    Site,
    /// A target's row is in shares (1 = 100 points).
    TargetShare,
    /// The same dual read per point of target level, as a planner reads targets.
    TargetPoint,
    RegionalSpending,
    Funding,
    RampAllowance,
    RequiredFunding,
    AllowedCentralFunding,
    /// (POOL) a pool's share of one central funding decision.
    CentralFunding,
    /// (POOL) one 亿元 more of a pool's inflow in a year.
    PoolInflow,
    /// (CT) an item's level against its assurance threshold.
    ItemShare,
    /// (THR) a threshold indicator's order row.
    ThresholdIndicator,
    /// (THR, PIPE) an item's room below its ceiling.
    Share,
    /// (END) one unit share more of a post-horizon segment's width.
    SegmentWidth,
}

impl DualUnit {
    pub const ALL: [DualUnit; 21] = [
        DualUnit::EffectiveEffort,
        DualUnit::AllowedLeadShare,
        DualUnit::Budget,
        DualUnit::Talent,
        DualUnit::Capacity,
        DualUnit::Platform,
        DualUnit::EffortUnit,
        DualUnit::Site,
        DualUnit::TargetShare,
        DualUnit::TargetPoint,
        DualUnit::RegionalSpending,
        DualUnit::Funding,
        DualUnit::RampAllowance,
        DualUnit::RequiredFunding,
        DualUnit::AllowedCentralFunding,
        DualUnit::CentralFunding,
        DualUnit::PoolInflow,
        DualUnit::ItemShare,
        DualUnit::ThresholdIndicator,
        DualUnit::Share,
        DualUnit::SegmentWidth,
    ];

    /// The text written into output files.
    pub fn text(self) -> &'static str {
        match self {
            DualUnit::EffectiveEffort => "亿元 per unit of effective effort",
            DualUnit::AllowedLeadShare => "亿元 per unit share of allowed lead",
            DualUnit::Budget => "亿元 of objective per 亿元 of budget",
            DualUnit::Talent => "亿元 of objective per k FTE",
            DualUnit::Capacity => "亿元 of objective per cu",
            DualUnit::Platform => "亿元 of objective per platform",
            DualUnit::EffortUnit => "亿元 per effort unit",
            DualUnit::Site => "亿元 per site",
            DualUnit::TargetShare => "亿元 per unit share of target level",
            DualUnit::TargetPoint => "亿元 per point of target level",
            DualUnit::RegionalSpending => "亿元 per 亿元 of regional central spending",
            DualUnit::Funding => "亿元 per 亿元 of funding",
            DualUnit::RampAllowance => "亿元 of objective per 亿元 of ramp allowance",
            DualUnit::RequiredFunding => "亿元 of objective per 亿元 of required funding",
            DualUnit::AllowedCentralFunding => {
                "亿元 of objective per 亿元 of allowed central funding"
            }
            DualUnit::CentralFunding => "亿元 per 亿元 of central funding",
            DualUnit::PoolInflow => "亿元 of objective per 亿元 of inflow",
            DualUnit::ItemShare => "亿元 per unit share of the item's level",
            DualUnit::ThresholdIndicator => "亿元 per unit of threshold indicator",
            DualUnit::Share => "亿元 per unit share",
            DualUnit::SegmentWidth => "亿元 per unit share of segment width",
        }
    }

    /// The unit a text names, as written by [`DualUnit::text`].
    pub fn from_text(text: &str) -> Option<DualUnit> {
        DualUnit::ALL.into_iter().find(|u| u.text() == text)
    }

    /// The unit a planner reads this dual in, and the factor that converts
    /// it: a target's dual per point (1/100 of a share) rather than per share.
    pub fn as_planner_reads(self) -> (DualUnit, f64) {
        match self {
            DualUnit::TargetShare => (DualUnit::TargetPoint, 0.01),
            other => (other, 1.0),
        }
    }
}

impl fmt::Display for DualUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

impl From<DualUnit> for String {
    fn from(u: DualUnit) -> String {
        u.text().to_string()
    }
}

impl Serialize for DualUnit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text())
    }
}

impl<'de> Deserialize<'de> for DualUnit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DualUnit, D::Error> {
        let text = String::deserialize(d)?;
        DualUnit::from_text(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a unit of a dual qiangji writes"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_reads_back_from_its_text() {
        for u in DualUnit::ALL {
            assert_eq!(DualUnit::from_text(u.text()), Some(u), "{u}");
            let json = serde_json::to_string(&u).unwrap();
            assert_eq!(serde_json::from_str::<DualUnit>(&json).unwrap(), u);
        }
        assert_eq!(DualUnit::from_text("亿元 per share"), None);
        assert!(serde_json::from_str::<DualUnit>("\"亿元 per share\"").is_err());
    }

    #[test]
    fn a_target_dual_reads_per_point() {
        assert_eq!(
            DualUnit::TargetShare.as_planner_reads(),
            (DualUnit::TargetPoint, 0.01)
        );
        assert_eq!(DualUnit::Talent.as_planner_reads(), (DualUnit::Talent, 1.0));
    }
}
