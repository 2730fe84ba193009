//! Name rules AWS enforces at create time, checked before any call so the plan fails early.

fn alnum_hyphen(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn len_between(s: &str, min: usize, max: usize, what: &str) -> Result<(), String> {
    let n = s.chars().count();
    if n < min || n > max {
        Err(format!("{what} must be {min}-{max} characters, got {n}"))
    } else {
        Ok(())
    }
}

/// RDS DB instance identifier; ElastiCache replication group ids follow the same shape (40 max).
fn rds_like(s: &str, max: usize, what: &str) -> Result<(), String> {
    len_between(s, 1, max, what)?;
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(format!("{what} must start with a letter"));
    }
    if !alnum_hyphen(s) {
        return Err(format!(
            "{what} may contain only letters, digits and hyphens"
        ));
    }
    if s.contains("--") {
        return Err(format!("{what} must not contain two consecutive hyphens"));
    }
    if s.ends_with('-') {
        return Err(format!("{what} must not end with a hyphen"));
    }
    Ok(())
}

pub fn rds_identifier(s: &str) -> Result<(), String> {
    rds_like(s, 63, "an RDS identifier")
}

pub fn replication_group_id(s: &str) -> Result<(), String> {
    rds_like(s, 40, "a replication group id")
}

/// VPC security group names: 255 characters of a limited set, and not `sg-...` (AWS reserves
/// that prefix for ids).
pub fn security_group_name(s: &str) -> Result<(), String> {
    len_between(s, 1, 255, "a security group name")?;
    if s.to_ascii_lowercase().starts_with("sg-") {
        return Err("a security group name must not start with 'sg-'".into());
    }
    sg_charset(s, "a security group name")
}

pub fn security_group_description(s: &str) -> Result<(), String> {
    len_between(s, 0, 255, "a security group description")?;
    sg_charset(s, "a security group description")
}

fn sg_charset(s: &str, what: &str) -> Result<(), String> {
    const EXTRA: &str = " ._-:/()#,@[]+=&;{}!$*";
    match s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || EXTRA.contains(*c)))
    {
        Some(c) => Err(format!("{what} must not contain '{c}'")),
        None => Ok(()),
    }
}

/// Load balancer and target group names: 32 characters, letters, digits and hyphens, no
/// hyphen at either end.
pub fn elb_name(s: &str) -> Result<(), String> {
    len_between(s, 1, 32, "a load balancer name")?;
    if !alnum_hyphen(s) {
        return Err("a load balancer name may contain only letters, digits and hyphens".into());
    }
    if s.starts_with('-') || s.ends_with('-') {
        return Err("a load balancer name must not start or end with a hyphen".into());
    }
    if s.starts_with("internal-") {
        return Err("a load balancer name must not start with 'internal-'".into());
    }
    Ok(())
}

/// General purpose bucket naming rules.
pub fn bucket_name(s: &str) -> Result<(), String> {
    len_between(s, 3, 63, "a bucket name")?;
    if !s
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
    {
        return Err(
            "a bucket name may contain only lowercase letters, digits, dots and hyphens".into(),
        );
    }
    let edge_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if !edge_ok(s.chars().next()) || !edge_ok(s.chars().last()) {
        return Err("a bucket name must start and end with a letter or digit".into());
    }
    if s.contains("..") {
        return Err("a bucket name must not contain two adjacent dots".into());
    }
    if s.parse::<std::net::Ipv4Addr>().is_ok() {
        return Err("a bucket name must not look like an IP address".into());
    }
    for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] {
        if s.starts_with(prefix) {
            return Err(format!("a bucket name must not start with '{prefix}'"));
        }
    }
    for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] {
        if s.ends_with(suffix) {
            return Err(format!("a bucket name must not end with '{suffix}'"));
        }
    }
    Ok(())
}

/// IAM role (64) and instance profile (128) names: letters, digits and `+=,.@_-`.
pub fn iam_name(s: &str, max: usize, what: &str) -> Result<(), String> {
    len_between(s, 1, max, what)?;
    match s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "+=,.@_-".contains(*c)))
    {
        Some(c) => Err(format!("{what} must not contain '{c}'")),
        None => Ok(()),
    }
}

pub fn log_group_name(s: &str) -> Result<(), String> {
    len_between(s, 1, 512, "a log group name")?;
    match s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "._-/#".contains(*c)))
    {
        Some(c) => Err(format!("a log group name must not contain '{c}'")),
        None => Ok(()),
    }
}

/// DB and cache subnet group names; AWS reserves `default`.
pub fn subnet_group_name(s: &str) -> Result<(), String> {
    len_between(s, 1, 255, "a subnet group name")?;
    if s.eq_ignore_ascii_case("default") {
        return Err("'default' is reserved by AWS".into());
    }
    match s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "._- ".contains(*c)))
    {
        Some(c) => Err(format!("a subnet group name must not contain '{c}'")),
        None => Ok(()),
    }
}

/// PostgreSQL database names and master usernames on RDS: a letter, then letters, digits, `_`.
pub fn db_word(s: &str, what: &str) -> Result<(), String> {
    len_between(s, 1, 63, what)?;
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(format!("{what} must start with a letter"));
    }
    if !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "{what} may contain only letters, digits and underscores"
        ));
    }
    if s == "rdsadmin" {
        return Err(format!("{what} 'rdsadmin' is reserved by RDS"));
    }
    Ok(())
}

/// Logical names become parts of node ids, tags and diagram ids.
pub fn logical_name(s: &str) -> Result<(), String> {
    len_between(s, 1, 64, "a name")?;
    if !s.starts_with(|c: char| c.is_ascii_lowercase())
        || !s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        return Err(format!(
            "'{s}' is not a valid name (lowercase letter first, then lowercase letters, digits, '-', '_')"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rds_identifier_rules() {
        assert!(rds_identifier("app-db-1").is_ok());
        assert!(rds_identifier("1db").is_err());
        assert!(rds_identifier("a--b").is_err());
        assert!(rds_identifier("ab-").is_err());
        assert!(rds_identifier(&"a".repeat(64)).is_err());
        assert!(rds_identifier(&"a".repeat(63)).is_ok());
    }

    #[test]
    fn bucket_rules() {
        assert!(bucket_name("coherent-artifacts-dev").is_ok());
        assert!(bucket_name("Upper").is_err());
        assert!(bucket_name("192.168.1.1").is_err());
        assert!(bucket_name("a..b").is_err());
        assert!(bucket_name("xn--abc").is_err());
        assert!(bucket_name("ab").is_err());
    }

    #[test]
    fn elb_rules() {
        assert!(elb_name("skillancer-dev-alb").is_ok());
        assert!(elb_name(&"a".repeat(33)).is_err());
        assert!(elb_name("-x").is_err());
        assert!(elb_name("internal-x").is_err());
    }
}
