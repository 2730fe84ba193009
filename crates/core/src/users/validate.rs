//! Every row checked, every problem reported: required cells, usernames that are safe Linux
//! accounts, email syntax, roles in the allowed set, and duplicates (the second occurrence is
//! the error, and it names the row of the first).

use std::collections::HashMap;

use super::headers::{Columns, Field};
use super::parse::{RawRow, Table};
use super::{RowError, UserRow, shown};

/// Accounts a distribution, a cloud image or a common package already owns, or that would
/// mislead (`admin`). Any name starting with `systemd-` is reserved too.
pub const RESERVED_USERNAMES: &[&str] = &[
    "root",
    "daemon",
    "bin",
    "sys",
    "sync",
    "games",
    "man",
    "lp",
    "mail",
    "news",
    "uucp",
    "proxy",
    "www-data",
    "backup",
    "list",
    "irc",
    "gnats",
    "nobody",
    "nogroup",
    "adm",
    "wheel",
    "sudo",
    "operator",
    "halt",
    "shutdown",
    "ftp",
    "admin",
    "administrator",
    "ubuntu",
    "ec2-user",
    "ssm-user",
    "centos",
    "debian",
    "fedora",
    "docker",
    "postgres",
    "mysql",
    "redis",
    "nginx",
    "sshd",
    "_apt",
    "messagebus",
    "syslog",
    "uuidd",
    "tcpdump",
    "tss",
    "landscape",
    "pollinate",
    "lxd",
    "chrony",
    "ntp",
    "dbus",
    "polkitd",
    "rpc",
    "rpcuser",
    "nfsnobody",
    "dnsmasq",
    "postfix",
    "ec2-instance-connect",
    "usbmux",
    "fwupd-refresh",
];

pub fn is_reserved_username(name: &str) -> bool {
    RESERVED_USERNAMES.contains(&name) || name.starts_with("systemd-")
}

pub(crate) struct Checked {
    pub users: Vec<UserRow>,
    pub errors: Vec<RowError>,
    pub invalid_rows: usize,
}

pub(crate) fn check_rows(table: &Table, roles: &[&str], require_name: bool) -> Checked {
    let columns = &table.columns;
    let mut users = Vec::new();
    let mut errors = Vec::new();
    let mut invalid_rows = 0;
    let mut seen_usernames: HashMap<String, u64> = HashMap::new();
    let mut seen_emails: HashMap<String, u64> = HashMap::new();
    for raw in &table.rows {
        let before = errors.len();
        let mut row = RowCheck {
            raw,
            columns,
            errors: &mut errors,
        };
        let username = row.cell(Field::Username);
        let email = row.cell(Field::Email);
        let name = row.cell(Field::Name);
        let role = row.cell(Field::Role);

        if row.required(Field::Username, &username) {
            row.check(Field::Username, username_problem(&username));
        }
        if row.required(Field::Email, &email) {
            row.check(Field::Email, email_problem(&email));
        }
        if !require_name || row.required(Field::Name, &name) {
            row.check(Field::Name, name_problem(&name));
        }
        let role = if row.required(Field::Role, &role) {
            let found = roles
                .iter()
                .find(|r| r.eq_ignore_ascii_case(&role))
                .copied();
            if found.is_none() {
                row.error(
                    Field::Role,
                    format!(
                        "{} is not a role; allowed: {}",
                        shown(&role),
                        roles.join(", ")
                    ),
                );
            }
            found
        } else {
            None
        };
        if raw.cells.len() > columns.width {
            let extra = &raw.cells[columns.width..];
            if extra.iter().any(|c| !c.trim().is_empty()) {
                row.errors.push(RowError {
                    row: raw.line,
                    column: String::new(),
                    message: format!(
                        "has {} cells but the header has {} columns (a value with a delimiter in it needs quotes)",
                        raw.cells.len(),
                        columns.width
                    ),
                });
            }
        }
        // Duplicates are looked for whatever else is wrong: `Alice` then `alice` is the same
        // person, and fixing the case of the first must not hide the second.
        if !username.is_empty() {
            duplicate(&mut row, Field::Username, &username, &mut seen_usernames);
        }
        if !email.is_empty() {
            duplicate(&mut row, Field::Email, &email, &mut seen_emails);
        }

        let row_has_errors = errors.len() > before;
        match role {
            Some(role) if !row_has_errors => users.push(UserRow {
                username,
                email,
                name: (!name.is_empty()).then_some(name),
                role: role.to_owned(),
            }),
            _ => invalid_rows += 1,
        }
    }
    Checked {
        users,
        errors,
        invalid_rows,
    }
}

struct RowCheck<'a> {
    raw: &'a RawRow,
    columns: &'a Columns,
    errors: &'a mut Vec<RowError>,
}

impl RowCheck<'_> {
    /// The cell trimmed, with a formula-neutralising `'` (as our export writes it) removed.
    fn cell(&self, field: Field) -> String {
        let Some((index, _)) = self.columns.get(field) else {
            return String::new();
        };
        let value = self.raw.cells.get(index).map_or("", |c| c.trim());
        super::export::unneutralise(value).to_owned()
    }

    fn error(&mut self, field: Field, message: String) {
        self.errors.push(RowError {
            row: self.raw.line,
            column: self.columns.label(field).to_owned(),
            message,
        });
    }

    fn required(&mut self, field: Field, value: &str) -> bool {
        if value.is_empty() {
            let article = if field == Field::Email { "an" } else { "a" };
            self.error(
                field,
                format!("is empty; every user needs {article} {}", field.canonical()),
            );
            return false;
        }
        true
    }

    fn check(&mut self, field: Field, problem: Option<String>) {
        if let Some(message) = problem {
            self.error(field, message);
        }
    }
}

fn duplicate(row: &mut RowCheck<'_>, field: Field, value: &str, seen: &mut HashMap<String, u64>) {
    let key = value.to_lowercase();
    match seen.get(&key) {
        Some(&first) => row.error(
            field,
            format!(
                "{} is a duplicate of row {first} (compared without regard to case)",
                shown(value)
            ),
        ),
        None => {
            seen.insert(key, row.raw.line);
        }
    }
}

fn safe_username_chars(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z' | '_'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '-'))
}

/// `^[a-z_][a-z0-9_-]{0,31}$`, not reserved; uppercase is named as such.
pub(crate) fn username_problem(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    if name.chars().count() > 32 {
        return Some(format!(
            "{} is {} characters long; Linux usernames have at most 32",
            shown(name),
            name.chars().count()
        ));
    }
    if !safe_username_chars(name) {
        if lower != name && safe_username_chars(&lower) {
            return Some(format!(
                "{} has uppercase letters; Linux usernames are lowercase: use `{lower}`",
                shown(name)
            ));
        }
        if name.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            return Some(format!(
                "{} is not a safe Linux username: it must start with a lowercase letter or `_`",
                shown(name)
            ));
        }
        return Some(format!(
            "{} is not a safe Linux username: use only lowercase letters, digits, `_` and `-`",
            shown(name)
        ));
    }
    if is_reserved_username(name) {
        return Some(format!(
            "{} is reserved for the system or the server image; choose another username",
            shown(name)
        ));
    }
    None
}

/// A pragmatic check, not RFC 5322: one `@`; a local part of 1 to 64 ASCII characters that
/// mail systems accept, dots not leading, trailing or doubled; a domain with at least one dot,
/// every label 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen.
pub(crate) fn email_problem(email: &str) -> Option<String> {
    let not = |why: &str| Some(format!("{} is not an email address: {why}", shown(email)));
    if email.chars().any(char::is_whitespace) {
        return not("it contains a space");
    }
    if email.len() > 254 {
        return not("it is longer than 254 characters");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return not("it has no `@`");
    };
    if domain.contains('@') {
        return not("it has more than one `@`");
    }
    if local.is_empty() {
        return not("nothing before the `@`");
    }
    if domain.is_empty() {
        return not("nothing after the `@`");
    }
    if local.len() > 64 {
        return not("the part before the `@` is longer than 64 characters");
    }
    let local_ok = local
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    if !local_ok {
        return not("the part before the `@` has a character addresses cannot use");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return not("a dot cannot start or end the part before the `@`, or follow another dot");
    }
    if !domain.contains('.') {
        return not("the domain has no dot");
    }
    for label in domain.split('.') {
        if label.is_empty() {
            return not("the domain has an empty part between dots");
        }
        if label.len() > 63
            || label.starts_with('-')
            || label.ends_with('-')
            || !label.chars().all(|c| c.is_alphanumeric() || c == '-')
        {
            return not(&format!("`{label}` is not a valid domain label"));
        }
    }
    None
}

/// Names are free text on one line.
fn name_problem(name: &str) -> Option<String> {
    if name.contains(['\n', '\r']) {
        return Some(format!(
            "{} has a line break; a name must be on one line",
            shown(name)
        ));
    }
    if name.chars().any(char::is_control) {
        return Some(format!("{} has a control character", shown(name)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert_eq!(username_problem("alice"), None);
        assert_eq!(username_problem("_svc-1"), None);
        assert_eq!(username_problem(&"a".repeat(32)), None);
        assert!(
            username_problem(&"a".repeat(33))
                .expect("long")
                .contains("at most 32")
        );
        assert!(
            username_problem("Alice")
                .expect("upper")
                .contains("use `alice`")
        );
        assert!(
            username_problem("1alice")
                .expect("digit")
                .contains("must start")
        );
        assert!(
            username_problem("al ice")
                .expect("space")
                .contains("only lowercase")
        );
        assert!(
            username_problem("al;rm")
                .expect("shell")
                .contains("only lowercase")
        );
        assert!(
            username_problem("root")
                .expect("reserved")
                .contains("reserved")
        );
        assert!(
            username_problem("systemd-network")
                .expect("reserved")
                .contains("reserved")
        );
    }

    #[test]
    fn emails() {
        for ok in [
            "a@b.co",
            "first.last+tag@mail.example.com",
            "x@xn--bcher-kva.de",
            "o'neil@ex.ie",
        ] {
            assert_eq!(email_problem(ok), None, "{ok}");
        }
        let cases = [
            ("bob@", "nothing after"),
            ("@x.com", "nothing before"),
            ("bob", "no `@`"),
            ("a@b@c.com", "more than one"),
            ("bob@localhost", "no dot"),
            ("b ob@x.com", "space"),
            ("bob@x..com", "empty part"),
            ("bob@-x.com", "not a valid domain label"),
            ("bob@x_y.com", "not a valid domain label"),
            (".bob@x.com", "dot cannot"),
            ("bo\"b@x.com", "cannot use"),
        ];
        for (email, why) in cases {
            let message = email_problem(email).unwrap_or_default();
            assert!(message.contains(why), "{email}: {message}");
            assert!(
                message.contains("is not an email address"),
                "{email}: {message}"
            );
        }
        let long_local = format!("{}@x.com", "a".repeat(65));
        assert!(
            email_problem(&long_local)
                .unwrap_or_default()
                .contains("64")
        );
    }
}
