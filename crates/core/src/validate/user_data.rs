//! An instance's user data: every value that reaches the root script at first boot or the
//! compose file it writes is checked here, each error at its blueprint path
//! (`instances[0].user_data.compose_dir`).

use std::collections::BTreeSet;

use super::{check, host};
use crate::blueprint::schema::UserDataSpec;
use crate::error::ValidationErrors;
use crate::userdata::PUBLIC_HOST_VAR;

pub(super) fn check_user_data(ud: &UserDataSpec, p: &str, errors: &mut ValidationErrors) {
    let p = format!("{p}.user_data");
    check(
        host::host_path(&ud.compose_dir),
        &format!("{p}.compose_dir"),
        errors,
    );
    if let Some(path) = &ud.users_csv_path {
        check(
            host::host_path(path),
            &format!("{p}.users_csv_path"),
            errors,
        );
    }
    if let Some(var) = &ud.users_env {
        check(host::env_name(var), &format!("{p}.users_env"), errors);
    }
    if let Some(root) = &ud.volume_root {
        check(host::host_path(root), &format!("{p}.volume_root"), errors);
    }
    if let Some(var) = &ud.generated_password_env {
        let at = format!("{p}.generated_password_env");
        check(host::env_name(var), &at, errors);
        if ud.users_env.as_deref() == Some(var.as_str()) || var == PUBLIC_HOST_VAR {
            errors.push(at, format!("'{var}' is already a variable Hangar sets"));
        }
    }
    for (i, img) in ud.images.iter().enumerate() {
        check(
            host::image_reference(img),
            &format!("{p}.images[{i}]"),
            errors,
        );
    }
    check_services(ud, &p, errors);
}

fn check_services(ud: &UserDataSpec, p: &str, errors: &mut ValidationErrors) {
    let mut seen = BTreeSet::new();
    let enabled: Vec<&str> = ud
        .services
        .iter()
        .filter(|s| s.enabled)
        .map(|s| s.name.as_str())
        .collect();
    for (i, s) in ud.services.iter().enumerate().filter(|(_, s)| s.enabled) {
        let sp = format!("{p}.services[{i}]");
        super::resources::unique(&mut seen, &s.name, "service", &format!("{sp}.name"), errors);
        check(
            host::image_reference(&s.image),
            &format!("{sp}.image"),
            errors,
        );
        if let Some(c) = &s.container_name {
            check(
                host::compose_word(c, "container name"),
                &format!("{sp}.container_name"),
                errors,
            );
        }
        for (j, profile) in s.profiles.iter().enumerate() {
            check(
                host::compose_word(profile, "compose profile name"),
                &format!("{sp}.profiles[{j}]"),
                errors,
            );
        }
        for key in s.environment.keys() {
            check(
                host::env_name(key),
                &format!("{sp}.environment.{}", key.escape_debug()),
                errors,
            );
        }
        for (key, url) in &s.public_urls {
            let at = format!("{sp}.public_urls.{}", key.escape_debug());
            check(host::env_name(key), &at, errors);
            if s.environment.contains_key(key) {
                errors.push(at.clone(), format!("'{key}' is also in environment"));
            }
            if !published_host_ports(ud).contains(&url.port) {
                errors.push(
                    format!("{at}.port"),
                    format!(
                        "no service of this host publishes port {} (ports = [\"{}:...\"])",
                        url.port, url.port
                    ),
                );
            }
        }
        for (j, port) in s.ports.iter().enumerate() {
            if !compose_port_ok(port) {
                errors.push(
                    format!("{sp}.ports[{j}]"),
                    format!("'{port}' is not host:container with ports 1-65535"),
                );
            }
        }
        for (j, d) in s.depends_on.iter().enumerate() {
            if !enabled.contains(&d.as_str()) {
                errors.push(
                    format!("{sp}.depends_on[{j}]"),
                    format!("no service named '{d}'"),
                );
            }
        }
    }
    if let Some(root) = &ud.volume_root {
        let root = format!("{}/", root.trim_end_matches('/'));
        for (i, s) in ud.services.iter().enumerate().filter(|(_, s)| s.enabled) {
            for (j, v) in s.volumes.iter().enumerate() {
                let src = v.split(':').next().unwrap_or("");
                let escapes = src.split('/').any(|part| part == "..");
                if (src.starts_with('/') && !src.starts_with(&root)) || escapes {
                    errors.push(
                        format!("{p}.services[{i}].volumes[{j}]"),
                        format!("host path '{src}' is outside {root}"),
                    );
                }
            }
        }
    }
}

/// The host ports the enabled services publish: what a browser can reach on the host.
fn published_host_ports(ud: &UserDataSpec) -> Vec<u16> {
    ud.services
        .iter()
        .filter(|s| s.enabled)
        .flat_map(|s| s.ports.iter())
        .filter_map(|p| {
            let parts: Vec<&str> = p.split(':').collect();
            match parts.len() {
                2 | 3 => parts[parts.len() - 2].parse().ok(),
                _ => None,
            }
        })
        .collect()
}

/// `[ip:]host:container` or `container`, as docker-compose takes them.
fn compose_port_ok(port: &str) -> bool {
    let parts: Vec<&str> = port.split(':').collect();
    let (ip, ports) = match parts.len() {
        3 => (Some(parts[0]), &parts[1..]),
        1 | 2 => (None, &parts[..]),
        _ => return false,
    };
    ip.is_none_or(|ip| ip.parse::<std::net::Ipv4Addr>().is_ok())
        && ports.iter().all(|x| x.parse::<u16>().is_ok_and(|n| n > 0))
}
