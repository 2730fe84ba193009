//! What a users CSV must hold for one blueprint: the roles its app knows and the columns every
//! row must fill. A blueprint says so in an optional `[users]` section; without one, today's
//! rules (admin, developer, viewer; username, email and role required) hold.

use serde::{Deserialize, Serialize};

use super::DEFAULT_ROLES;
use crate::error::ValidationErrors;

/// The columns a `required` list may name.
pub const COLUMNS: &[&str] = &["username", "email", "name", "role"];
/// The columns no blueprint can make optional: they are the account, its address and its role.
const ALWAYS_REQUIRED: &[&str] = &["username", "email", "role"];

/// A blueprint's `[users]` section, or the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsersPolicy {
    /// The roles a row may have, spelled as the app spells them.
    #[serde(default = "default_roles")]
    pub roles: Vec<String>,
    /// The columns every row must fill.
    #[serde(default = "default_required")]
    pub required: Vec<String>,
}

fn default_roles() -> Vec<String> {
    DEFAULT_ROLES.iter().map(|r| r.to_string()).collect()
}

fn default_required() -> Vec<String> {
    ALWAYS_REQUIRED.iter().map(|c| c.to_string()).collect()
}

impl Default for UsersPolicy {
    fn default() -> Self {
        Self {
            roles: default_roles(),
            required: default_required(),
        }
    }
}

impl UsersPolicy {
    /// The same columns with other roles (`--roles`, the import dialog's field).
    pub fn with_roles(&self, roles: Vec<String>) -> Self {
        Self {
            roles,
            required: self.required.clone(),
        }
    }

    pub fn requires_name(&self) -> bool {
        self.required.iter().any(|c| c == "name")
    }

    /// Every problem, each at its path under `at` (`users` in a blueprint): `users.roles[2]`.
    pub fn validate(&self, at: &str) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if self.roles.is_empty() {
            errors.push(format!("{at}.roles"), "needs at least one role");
        }
        for (i, role) in self.roles.iter().enumerate() {
            let path = format!("{at}.roles[{i}]");
            if role.trim().is_empty() {
                errors.push(path, "is empty; a role needs a name");
            } else if role.contains(',') || role.trim() != role {
                errors.push(path, format!("'{role}' has a comma or spaces around it"));
            } else if self.roles[..i].iter().any(|r| r.eq_ignore_ascii_case(role)) {
                errors.push(path, format!("'{role}' is listed twice"));
            }
        }
        for (i, column) in self.required.iter().enumerate() {
            if !COLUMNS.contains(&column.as_str()) {
                errors.push(
                    format!("{at}.required[{i}]"),
                    format!("'{column}' is not a column; one of {}", COLUMNS.join(", ")),
                );
            }
        }
        for column in ALWAYS_REQUIRED {
            if !self.required.iter().any(|c| c == column) {
                errors.push(
                    format!("{at}.required"),
                    format!("must name '{column}': every user needs one"),
                );
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Roles typed as `a,b,c` (`--roles`, a text field): trimmed, blanks dropped; checked like a
/// blueprint's, with errors at `roles[i]`.
pub fn parse_roles(text: &str) -> Result<Vec<String>, ValidationErrors> {
    let roles: Vec<String> = text
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    let policy = UsersPolicy {
        roles,
        required: default_required(),
    };
    match policy.validate("") {
        Ok(()) => Ok(policy.roles),
        Err(errors) => Err(ValidationErrors(
            errors
                .0
                .into_iter()
                .map(|mut e| {
                    e.path = e.path.trim_start_matches('.').to_string();
                    e
                })
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(roles: &[&str], required: &[&str]) -> UsersPolicy {
        UsersPolicy {
            roles: roles.iter().map(|r| r.to_string()).collect(),
            required: required.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn the_defaults_are_todays_rules() {
        let p = UsersPolicy::default();
        assert_eq!(p.roles, ["admin", "developer", "viewer"]);
        assert!(!p.requires_name());
        assert!(p.validate("users").is_ok());
    }

    #[test]
    fn errors_name_the_entry() {
        let errors = policy(
            &["user", "manager", "User"],
            &["username", "email", "role", "phone"],
        )
        .validate("users")
        .expect_err("invalid");
        let paths: Vec<&str> = errors.0.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["users.roles[2]", "users.required[3]"]);
        let errors = policy(&[], &["username", "email"])
            .validate("users")
            .expect_err("invalid");
        assert!(errors.to_string().contains("users.roles"), "{errors}");
        assert!(errors.to_string().contains("must name 'role'"), "{errors}");
    }

    #[test]
    fn typed_roles_are_trimmed_and_checked() {
        assert_eq!(
            parse_roles(" user, manager ,").expect("roles"),
            ["user", "manager"]
        );
        assert_eq!(
            parse_roles("a,b,a").expect_err("twice").0[0].path,
            "roles[2]"
        );
        assert!(parse_roles(" , ").is_err());
    }
}
