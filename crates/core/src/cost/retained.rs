//! What a teardown leaves on purpose (a prod database's final snapshot, a backup bucket) and
//! what it goes on costing: storage per GB-month, an estimate from the price table.

use serde::{Deserialize, Serialize};

use super::prices::{RDS_SNAPSHOT_GB_MONTH, S3_STANDARD_GB_MONTH};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum RetainedKind {
    /// A bucket teardown left standing, with every object and version in it.
    S3Bucket,
    /// The snapshot a prod database's delete took.
    DbSnapshot,
}

impl RetainedKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<RetainedKind> {
        s.parse().ok()
    }

    pub fn all() -> impl Iterator<Item = RetainedKind> {
        <Self as strum::VariantArray>::VARIANTS.iter().copied()
    }

    pub fn label(self) -> &'static str {
        match self {
            RetainedKind::S3Bucket => "S3 bucket",
            RetainedKind::DbSnapshot => "DB snapshot",
        }
    }

    /// USD per GB-month.
    pub fn gb_month_price(self) -> f64 {
        match self {
            RetainedKind::S3Bucket => S3_STANDARD_GB_MONTH,
            RetainedKind::DbSnapshot => RDS_SNAPSHOT_GB_MONTH,
        }
    }
}

/// The monthly estimate for `size_gb` of it, to the cent.
pub fn retained_monthly(kind: RetainedKind, size_gb: f64) -> f64 {
    (size_gb.max(0.0) * kind.gb_month_price() * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_is_priced_per_gb_month() {
        assert_eq!(retained_monthly(RetainedKind::DbSnapshot, 20.0), 1.9);
        assert_eq!(retained_monthly(RetainedKind::S3Bucket, 10.0), 0.23);
        assert_eq!(retained_monthly(RetainedKind::S3Bucket, 0.0), 0.0);
        for kind in RetainedKind::all() {
            assert_eq!(RetainedKind::parse(kind.as_str()), Some(kind));
        }
    }
}
