//! An instance's image source: a parameter or a pinned id, and the OS the user data is written
//! for held to what a known public parameter publishes (a dnf script on Ubuntu fails at boot,
//! long after the plan looked fine).

use super::ValidationErrors;
use crate::blueprint::schema::{AmiSource, OsFamily};

/// The public parameter families AWS publishes, and the OS each one's images run.
const FAMILIES: &[(&str, OsFamily)] = &[
    (
        "/aws/service/ami-amazon-linux-latest/al2023-",
        OsFamily::AmazonLinux2023,
    ),
    (
        "/aws/service/ami-amazon-linux-latest/amzn2-",
        OsFamily::AmazonLinux2,
    ),
    ("/aws/service/canonical/ubuntu/", OsFamily::Ubuntu),
];

/// The OS a parameter's images run, when it is one of AWS's public families.
pub fn published_os(parameter: &str) -> Option<OsFamily> {
    FAMILIES
        .iter()
        .find(|(prefix, _)| parameter.starts_with(prefix))
        .map(|(_, os)| *os)
}

pub(super) fn check_ami(ami: &AmiSource, p: &str, errors: &mut ValidationErrors) {
    match (&ami.parameter, &ami.id) {
        (Some(_), Some(_)) => errors.push(
            format!("{p}.ami"),
            "give either a parameter or an id, not both",
        ),
        (None, None) => errors.push(
            format!("{p}.ami"),
            "an image source is needed: parameter = \"/aws/service/...\" or id = \"ami-...\"",
        ),
        (Some(parameter), None) => check_parameter(parameter, ami.os, p, errors),
        (None, Some(id)) => {
            let hex = id.strip_prefix("ami-").unwrap_or("");
            let ok = (8..=17).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit());
            if !ok {
                errors.push(
                    format!("{p}.ami.id"),
                    format!("'{id}' is not an image id (ami- and 8 or 17 hex digits)"),
                );
            }
        }
    }
}

fn check_parameter(parameter: &str, os: OsFamily, p: &str, errors: &mut ValidationErrors) {
    // SSM's rule for a name given as a path: a leading `/`, at most 2048 characters of
    // letters, digits and `_.-/`.
    let ok = parameter.starts_with('/')
        && parameter.len() <= 2048
        && parameter
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-/".contains(&b));
    if !ok {
        errors.push(
            format!("{p}.ami.parameter"),
            format!("'{parameter}' is not an SSM parameter path (/aws/service/...)"),
        );
        return;
    }
    if let Some(published) = published_os(parameter)
        && published != os
    {
        errors.push(
            format!("{p}.ami.os"),
            format!(
                "{parameter} publishes {} images, so os must be {}",
                published.label(),
                published.key()
            ),
        );
    }
}
