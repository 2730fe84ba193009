//! The header row: which column is which. Names are compared without regard to case, spaces,
//! `_` and `-`, and each field has its aliases (`User Name`, `LOGIN`, `e-mail`, `Full name`...).

use super::{FileError, FileErrorKind};

/// The fields a users CSV carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Username,
    Email,
    Name,
    Role,
}

impl Field {
    pub const ALL: [Field; 4] = [Field::Username, Field::Email, Field::Name, Field::Role];

    pub fn canonical(self) -> &'static str {
        match self {
            Field::Username => "username",
            Field::Email => "email",
            Field::Name => "name",
            Field::Role => "role",
        }
    }

    pub fn required(self) -> bool {
        !matches!(self, Field::Name)
    }

    /// Spellings after [`normalise`].
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Username => &[
                "username",
                "user",
                "login",
                "loginname",
                "userid",
                "account",
            ],
            Field::Email => &["email", "mail", "emailaddress", "mailaddress"],
            Field::Name => &["name", "fullname", "displayname", "realname"],
            Field::Role => &["role", "roles", "userrole"],
        }
    }

    fn from_header(cell: &str) -> Option<Field> {
        let key = normalise(cell);
        Field::ALL
            .into_iter()
            .find(|f| f.aliases().contains(&key.as_str()))
    }
}

/// Lower case, with spaces, `_`, `-` and `.` dropped: `E-Mail ` → `email`, `Full_Name` → `fullname`.
fn normalise(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where each field is, and how the header spells it.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    /// For each of [`Field::ALL`]: the column index and the header text as written.
    slots: [Option<(usize, String)>; 4],
    pub width: usize,
    pub ignored: Vec<String>,
}

impl Columns {
    pub fn get(&self, field: Field) -> Option<(usize, &str)> {
        self.slots[field as usize]
            .as_ref()
            .map(|(i, name)| (*i, name.as_str()))
    }

    /// The header's spelling of a field, or its canonical name when the column is absent.
    pub fn label(&self, field: Field) -> &str {
        self.get(field).map_or(field.canonical(), |(_, name)| name)
    }
}

pub(crate) fn map_header(header: &[String]) -> Result<Columns, FileError> {
    let mut slots: [Option<(usize, String)>; 4] = Default::default();
    let mut ignored = Vec::new();
    for (index, raw) in header.iter().enumerate() {
        let written = raw.trim().to_owned();
        match Field::from_header(&written) {
            Some(field) => {
                if let Some((first, first_name)) = &slots[field as usize] {
                    return Err(FileError::new(
                        FileErrorKind::DuplicateColumn,
                        format!(
                            "the header has two {} columns: `{}` (column {}) and `{}` (column {}); keep one",
                            field.canonical(),
                            first_name,
                            first + 1,
                            written,
                            index + 1
                        ),
                    ));
                }
                slots[field as usize] = Some((index, written));
            }
            None if written.is_empty() => {}
            None => ignored.push(written),
        }
    }
    if slots.iter().all(Option::is_none) {
        // The row is not shown: a file that is not a users CSV may be anything (a `.env` with
        // a key, a password file), and this message goes to the window and the terminal.
        return Err(FileError::new(
            FileErrorKind::NoHeader,
            format!(
                "the first row ({} columns) names none of username, email, name or role, so it is \
                 not a header: a users CSV starts with a row naming its columns, such as \
                 `username,email,name,role`",
                header.len()
            ),
        ));
    }
    let missing: Vec<&str> = Field::ALL
        .into_iter()
        .filter(|f| f.required() && slots[*f as usize].is_none())
        .map(Field::canonical)
        .collect();
    if !missing.is_empty() {
        let plural = if missing.len() == 1 {
            "column"
        } else {
            "columns"
        };
        return Err(FileError::new(
            FileErrorKind::MissingColumn,
            format!(
                "the header has no {} {plural}; a users CSV needs username, email and role (name is optional)",
                missing.join(", ")
            ),
        ));
    }
    Ok(Columns {
        slots,
        width: header.len(),
        ignored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Result<Columns, FileError> {
        map_header(&names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn aliases_case_and_spacing() {
        let c = cols(&[" Login ", "E-Mail", "Full  Name", "ROLE", "Team"]).expect("maps");
        assert_eq!(c.get(Field::Username), Some((0, "Login")));
        assert_eq!(c.get(Field::Email), Some((1, "E-Mail")));
        assert_eq!(c.get(Field::Name), Some((2, "Full  Name")));
        assert_eq!(c.get(Field::Role), Some((3, "ROLE")));
        assert_eq!(c.ignored, vec!["Team".to_string()]);
    }

    #[test]
    fn duplicate_and_missing() {
        let e = cols(&["user", "email", "mail", "role"]).expect_err("dup");
        assert_eq!(e.kind, FileErrorKind::DuplicateColumn);
        let e = cols(&["username", "email"]).expect_err("missing");
        assert_eq!(e.kind, FileErrorKind::MissingColumn);
        assert!(e.message.contains("no role column"), "{}", e.message);
        let e = cols(&["alice", "alice@example.com", "admin"]).expect_err("no header");
        assert_eq!(e.kind, FileErrorKind::NoHeader);
        assert!(!e.message.contains("alice"), "{}", e.message);
    }
}
