//! Values a blueprint may use without declaring them. `${env_short_id}` is the first 8 hex
//! characters of the environment's id (the `hangar:env-id` UUID): stable for the
//! environment's life and different for each environment, so a name that must be unique in
//! all of AWS (a bucket's) can end in it. A parameter's value may be `${env_short_id}` too
//! (`bucket_suffix` defaults to it).
//!
//! A plan made before the environment exists has no id yet: `xxxxxxxx` stands for it there,
//! the same length and valid in every name, so naming rules are checked as they will apply.

use std::collections::BTreeMap;

use super::params::ParamValue;

/// The name under which blueprints read the environment's short id.
pub const ENV_SHORT_ID: &str = "env_short_id";

/// What `${env_short_id}` becomes in a plan made before the environment has an id.
pub const ENV_SHORT_ID_PENDING: &str = "xxxxxxxx";

/// Names no `[[params]]` entry may take.
pub const RESERVED: [&str; 1] = [ENV_SHORT_ID];

/// The environment whose plan is made: its id once it exists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PlanFor<'a> {
    /// Before the environment exists (a preview): its id is not known yet.
    #[default]
    Preview,
    /// The environment with this id (`hangar:env-id`).
    Environment(&'a str),
}

impl PlanFor<'_> {
    /// The first 8 hex characters of the id, or the placeholder in a preview.
    pub fn short_id(self) -> String {
        match self {
            PlanFor::Preview => ENV_SHORT_ID_PENDING.to_string(),
            PlanFor::Environment(uid) => uid
                .chars()
                .filter(char::is_ascii_hexdigit)
                .map(|c| c.to_ascii_lowercase())
                .take(8)
                .collect(),
        }
    }
}

/// `${env_short_id}` inside parameter values, replaced by its value.
pub fn fill_values(values: &mut BTreeMap<String, ParamValue>, short_id: &str) {
    let token = format!("${{{ENV_SHORT_ID}}}");
    for value in values.values_mut() {
        match value {
            ParamValue::Str(s) => *s = s.replace(&token, short_id),
            ParamValue::List(items) => {
                for item in items {
                    *item = item.replace(&token, short_id);
                }
            }
            ParamValue::Int(_) | ParamValue::Bool(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_short_id_is_the_uuids_first_eight_hex_digits() {
        let env = PlanFor::Environment("3F2A9C1E-77b0-4c1e-9d2a-0123456789ab");
        assert_eq!(env.short_id(), "3f2a9c1e");
        assert_eq!(PlanFor::Preview.short_id(), ENV_SHORT_ID_PENDING);
    }

    #[test]
    fn values_that_name_it_are_filled() {
        let mut values = BTreeMap::from([
            (
                "suffix".to_string(),
                ParamValue::Str("${env_short_id}".into()),
            ),
            ("mine".to_string(), ParamValue::Str("mine".into())),
        ]);
        fill_values(&mut values, "3f2a9c1e");
        assert_eq!(values["suffix"], ParamValue::Str("3f2a9c1e".into()));
        assert_eq!(values["mine"], ParamValue::Str("mine".into()));
    }
}
