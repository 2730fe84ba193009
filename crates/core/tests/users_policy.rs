//! A blueprint's `[users]` section decides which roles a users CSV may hold: a team whose app
//! says `user` and `manager` can import its people, and one without the section keeps today's
//! admin, developer and viewer.

use hangar_core::blueprint::builtin_source;
use hangar_core::parse_blueprint;
use hangar_core::users::{UsersPolicy, check_users_csv, check_users_csv_with_policy};

const CSV: &[u8] =
    b"username,email,name,role\nalice,alice@example.com,Alice,user\nbob,bob@example.com,,manager\n";

fn with_users_section(section: &str) -> String {
    let base = builtin_source("single-host-dev").expect("built-in");
    format!("{base}\n{section}")
}

#[test]
fn a_role_the_defaults_do_not_know_is_refused_by_row_and_column() {
    let report = check_users_csv(CSV).expect("a users CSV");
    assert_eq!(report.users.len(), 0);
    let manager = report
        .errors
        .iter()
        .find(|e| e.row == 3)
        .expect("row 3 refused");
    assert_eq!(manager.column, "role");
    assert!(
        manager.message.contains("manager") && manager.message.contains("is not a role"),
        "{manager}"
    );
    assert!(
        manager.message.contains("admin, developer, viewer"),
        "{manager}"
    );
}

#[test]
fn the_blueprints_roles_accept_them() {
    let bp = parse_blueprint(&with_users_section(
        "[users]\nroles = [\"user\", \"manager\"]\n",
    ))
    .expect("valid");
    assert_eq!(bp.users.roles, ["user", "manager"]);
    let report = check_users_csv_with_policy(CSV, &bp.users).expect("a users CSV");
    assert!(report.is_valid(), "{:?}", report.errors);
    let roles: Vec<&str> = report.users.iter().map(|u| u.role.as_str()).collect();
    assert_eq!(roles, ["user", "manager"]);
}

#[test]
fn without_a_section_the_defaults_hold() {
    let bp = parse_blueprint(builtin_source("single-host-dev").expect("built-in")).expect("valid");
    assert_eq!(bp.users, UsersPolicy::default());
}

#[test]
fn a_required_name_refuses_a_row_without_one() {
    let bp = parse_blueprint(&with_users_section(
        "[users]\nroles = [\"user\", \"manager\"]\nrequired = [\"username\", \"email\", \"role\", \"name\"]\n",
    ))
    .expect("valid");
    let report = check_users_csv_with_policy(CSV, &bp.users).expect("a users CSV");
    assert_eq!(report.users.len(), 1);
    assert_eq!(report.errors[0].row, 3);
    assert_eq!(report.errors[0].column, "name");
}

#[test]
fn errors_in_the_section_carry_their_path() {
    let errors = parse_blueprint(&with_users_section(
        "[users]\nroles = [\"user\", \"manager\", \"\"]\n",
    ))
    .expect_err("an empty role");
    assert_eq!(errors.0[0].path, "users.roles[2]", "{errors}");
    let errors = parse_blueprint(&with_users_section("[users]\nroles = \"user\"\n"))
        .expect_err("not a list");
    assert_eq!(errors.0[0].path, "users.roles", "{errors}");
    let errors =
        parse_blueprint(&with_users_section("[users]\nrole = [\"user\"]\n")).expect_err("a typo");
    assert!(errors.0[0].path.starts_with("users"), "{errors}");
}
