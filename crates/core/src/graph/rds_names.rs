//! Names RDS derives rather than the blueprint: a parameter group's family and a final
//! snapshot's identifier.

/// `postgres14` for PostgreSQL 14.x, `mysql8.0` for MySQL 8.0.x: RDS's parameter group
/// families go by major version (PostgreSQL from 10 on) or major.minor (MySQL).
pub fn parameter_group_family(engine: &str, version: &str) -> Option<String> {
    let mut parts = version.split('.');
    let major = parts.next().filter(|m| m.parse::<u32>().is_ok())?;
    match engine {
        "postgres" => Some(format!("postgres{major}")),
        "mysql" => {
            let minor = parts.next().filter(|m| m.parse::<u32>().is_ok())?;
            Some(format!("mysql{major}.{minor}"))
        }
        _ => None,
    }
}

/// `<env>-<db>-final-<yyyymmdd>-<hhmmss>` (UTC): the environment and the time, so a snapshot
/// in the console says whose and when. Made a valid RDS identifier whatever its parts hold:
/// letters, digits and single hyphens, a letter first, no hyphen last, at most 255
/// characters (the time is kept whole when the names must be cut).
pub fn final_snapshot_id(env: &str, db_identifier: &str, unix_secs: u64) -> String {
    let stamp = utc_stamp(unix_secs);
    let suffix = format!("-final-{stamp}");
    let mut head = clean(&format!("{env}-{db_identifier}"));
    if !head.starts_with(|c: char| c.is_ascii_alphabetic()) {
        head.insert_str(0, "db-");
    }
    head.truncate(255 - suffix.len());
    let head = head.trim_end_matches('-');
    format!("{head}{suffix}")
}

/// Lowercase letters, digits and single hyphens; anything else becomes a hyphen.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '-'
        };
        if !(c == '-' && (out.is_empty() || out.ends_with('-'))) {
            out.push(c);
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `yyyymmdd-hhmmss`, UTC, from seconds since 1970 (civil-from-days, H. Hinnant).
fn utc_stamp(unix_secs: u64) -> String {
    let days = i64::try_from(unix_secs / 86_400).unwrap_or(i64::MAX / 2);
    let secs = unix_secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RDS's rule for DB snapshot identifiers.
    fn valid_rds_identifier(id: &str) -> bool {
        id.len() <= 255
            && id.starts_with(|c: char| c.is_ascii_alphabetic())
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !id.contains("--")
            && !id.ends_with('-')
    }

    #[test]
    fn families_by_major_version() {
        assert_eq!(
            parameter_group_family("postgres", "14.10").as_deref(),
            Some("postgres14")
        );
        assert_eq!(
            parameter_group_family("postgres", "15").as_deref(),
            Some("postgres15")
        );
        assert_eq!(
            parameter_group_family("mysql", "8.0.35").as_deref(),
            Some("mysql8.0")
        );
        assert_eq!(parameter_group_family("mysql", "8"), None);
        assert_eq!(parameter_group_family("oracle-ee", "19.0"), None);
    }

    #[test]
    fn a_final_snapshot_is_named_with_the_environment_and_the_time() {
        // 2025-01-17 03:04:05 UTC.
        let id = final_snapshot_id("shop-prod", "coherent-prod-db", 1_737_083_045);
        assert_eq!(id, "shop-prod-coherent-prod-db-final-20250117-030405");
        assert!(valid_rds_identifier(&id), "{id}");
    }

    #[test]
    fn odd_names_still_make_a_valid_identifier() {
        let long = "x".repeat(300);
        for (env, db) in [
            ("a--b", "db-"),
            ("7up", "DB_One"),
            ("demo", "--"),
            (long.as_str(), long.as_str()),
            ("e", &format!("{}-y", "z".repeat(230))),
        ] {
            let id = final_snapshot_id(env, db, 0);
            assert!(valid_rds_identifier(&id), "{env} {db}: {id}");
            assert!(id.ends_with("-final-19700101-000000"), "{id}");
        }
        assert_eq!(
            final_snapshot_id("7up", "db", 0),
            "db-7up-db-final-19700101-000000"
        );
    }

    #[test]
    fn leap_days_and_year_ends() {
        assert_eq!(utc_stamp(951_782_400), "20000229-000000");
        assert_eq!(utc_stamp(1_704_067_199), "20231231-235959");
    }
}
