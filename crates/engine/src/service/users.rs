//! The rules a users CSV is checked against: the blueprint's `[users]` section, the roles the
//! caller typed (`--roles`, the import dialog) taking the place of its roles.

use hangar_core::parse_blueprint;
use hangar_core::users::UsersPolicy;

use super::{Service, ServiceError};

/// `blueprint`'s rules (the defaults when it has no `[users]` section, or does not parse: the
/// environment itself is then refused with the blueprint's errors), its roles replaced by
/// `roles` when given.
pub fn users_policy(blueprint: &str, roles: Option<Vec<String>>) -> UsersPolicy {
    let policy = parse_blueprint(blueprint)
        .map(|bp| bp.users)
        .unwrap_or_default();
    match roles {
        Some(roles) => policy.with_roles(roles),
        None => policy,
    }
}

impl Service {
    /// The rules for a users list given to the environment `env_name`: those of the blueprint
    /// it was created from.
    pub fn environment_users_policy(
        &self,
        env_name: &str,
        roles: Option<Vec<String>>,
    ) -> Result<UsersPolicy, ServiceError> {
        let env = self.environment(env_name)?;
        Ok(users_policy(&env.blueprint_source, roles))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_roles_replace_the_blueprints() {
        let text = hangar_core::builtin_source("single-host-dev").expect("built-in");
        assert_eq!(users_policy(text, None), UsersPolicy::default());
        let policy = users_policy(text, Some(vec!["user".into()]));
        assert_eq!(policy.roles, ["user"]);
        assert_eq!(policy.required, UsersPolicy::default().required);
    }
}
