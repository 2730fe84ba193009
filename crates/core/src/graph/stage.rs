//! Whether an environment is prod, decided once from its `environment` parameter (every
//! built-in declares it, `dev` or `prod`), so the graph builder can write what prod means
//! into the specs: deletion protection, a final snapshot, backup buckets kept.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::blueprint::ParamValue;
use crate::blueprint::params::ENVIRONMENT;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Anything but prod (`dev`, `staging`, or a blueprint with no `environment`): teardown
    /// removes everything.
    #[default]
    NonProd,
    /// Its data outlives a teardown, and a teardown needs the environment's name typed out.
    Prod,
}

impl Stage {
    /// `prod` when the `environment` parameter resolved to `prod`.
    pub fn of(values: &BTreeMap<String, ParamValue>) -> Stage {
        match values.get(ENVIRONMENT) {
            Some(ParamValue::Str(s)) if s.trim() == "prod" => Stage::Prod,
            Some(_) | None => Stage::NonProd,
        }
    }

    pub fn is_prod(self) -> bool {
        self == Stage::Prod
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(env: Option<&str>) -> BTreeMap<String, ParamValue> {
        env.map(|e| (ENVIRONMENT.to_string(), ParamValue::Str(e.to_string())))
            .into_iter()
            .collect()
    }

    #[test]
    fn only_prod_is_prod() {
        assert_eq!(Stage::of(&values(Some("prod"))), Stage::Prod);
        for other in [Some("dev"), Some("staging"), Some("production-ish"), None] {
            assert_eq!(Stage::of(&values(other)), Stage::NonProd, "{other:?}");
        }
    }
}
