//! User data: a shell script that installs Docker, writes docker-compose.yml and any extra
//! files, and starts the services. Every file goes through base64 so no content is ever shell
//! quoted by hand; the users feature plugs its CSV and `APP_USERS_B64` in through [`Extras`].

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::blueprint::schema::{OsFamily, Service, UserDataSpec};

/// A file to write on the host, already validated by its producer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraFile {
    pub path: String,
    pub contents: Vec<u8>,
    pub mode: u32,
}

/// What other features add to an instance's user data (users CSV, its base64 env var, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    pub files: Vec<ExtraFile>,
    /// Written to `<compose_dir>/.env` and passed to every service.
    pub env: Vec<(String, String)>,
    /// `(variable, path)`: a variable of `.env` whose value is the base64 of a file written
    /// above, computed on the host. Carrying the value in the script as well would spend the
    /// 16 KB of user data on the same bytes twice.
    pub env_from_files: Vec<(String, String)>,
}

fn install_docker(os: OsFamily) -> &'static str {
    match os {
        OsFamily::Ubuntu => {
            "export DEBIAN_FRONTEND=noninteractive\napt-get update -y\napt-get install -y docker.io docker-compose-v2\n"
        }
        OsFamily::AmazonLinux2 => {
            "yum install -y docker\nmkdir -p /usr/local/lib/docker/cli-plugins\ncurl -fsSL \"https://github.com/docker/compose/releases/latest/download/docker-compose-linux-$(uname -m)\" -o /usr/local/lib/docker/cli-plugins/docker-compose\nchmod +x /usr/local/lib/docker/cli-plugins/docker-compose\n"
        }
        OsFamily::AmazonLinux2023 => {
            "dnf install -y docker\nmkdir -p /usr/local/lib/docker/cli-plugins\ncurl -fsSL \"https://github.com/docker/compose/releases/latest/download/docker-compose-linux-$(uname -m)\" -o /usr/local/lib/docker/cli-plugins/docker-compose\nchmod +x /usr/local/lib/docker/cli-plugins/docker-compose\n"
        }
    }
}

/// Paths come from validated blueprints, but quoting them costs nothing.
fn quote(path: &str) -> String {
    format!("'{}'", path.replace('\'', "'\\''"))
}

fn write_file(out: &mut String, path: &str, contents: &[u8], mode: u32) {
    let quoted = quote(path);
    out.push_str(&format!(
        "mkdir -p \"$(dirname {quoted})\"\necho '{}' | base64 -d > {quoted}\nchmod {mode:o} {quoted}\n",
        STANDARD.encode(contents)
    ));
}

/// The whole script. Its length is what AWS's 16 KB limit applies to.
pub fn render_user_data(spec: &UserDataSpec, os: OsFamily, extras: &Extras) -> String {
    let mut out = String::from("#!/bin/bash\nset -euo pipefail\n");
    if spec.docker {
        out.push_str(install_docker(os));
        out.push_str("systemctl enable --now docker\n");
    }
    let dir = spec.compose_dir.trim_end_matches('/');
    let with_env = !extras.env.is_empty() || !extras.env_from_files.is_empty();
    let compose = render_compose(spec, with_env);
    if let Some(compose) = &compose {
        write_file(
            &mut out,
            &format!("{dir}/docker-compose.yml"),
            compose.as_bytes(),
            0o644,
        );
    }
    for f in &extras.files {
        write_file(&mut out, &f.path, &f.contents, f.mode);
    }
    if with_env {
        let env_path = format!("{dir}/.env");
        let env: String = extras
            .env
            .iter()
            .map(|(k, v)| format!("{k}={v}\n"))
            .collect();
        write_file(&mut out, &env_path, env.as_bytes(), 0o600);
        for (var, path) in &extras.env_from_files {
            out.push_str(&format!(
                "printf '%s=%s\\n' '{var}' \"$(base64 -w0 {})\" >> {}\n",
                quote(path),
                quote(&env_path)
            ));
        }
    }
    if compose.is_some() {
        let profiles: Vec<&str> = spec
            .services
            .iter()
            .filter(|s| s.enabled)
            .flat_map(|s| s.profiles.iter().map(String::as_str))
            .collect();
        let mut flags = String::new();
        for p in profiles {
            flags.push_str(&format!(" --profile {p}"));
        }
        out.push_str(&format!("cd {dir}\ndocker compose{flags} up -d\n"));
    }
    out
}

/// docker-compose.yml for the enabled services and image-list services, or None when there
/// are none. Strings are written as YAML double-quoted scalars, which JSON escaping produces
/// exactly, so no value can break the document.
pub fn render_compose(spec: &UserDataSpec, with_env_file: bool) -> Option<String> {
    let services: Vec<Service> = spec
        .services
        .iter()
        .filter(|s| s.enabled)
        .cloned()
        .chain(image_services(&spec.images))
        .collect();
    if services.is_empty() {
        return None;
    }
    let mut y = String::from("services:\n");
    for s in &services {
        y.push_str(&format!("  {}:\n", q(&s.name)));
        y.push_str(&format!("    image: {}\n", q(&s.image)));
        if let Some(c) = &s.container_name {
            y.push_str(&format!("    container_name: {}\n", q(c)));
        }
        y.push_str("    restart: \"unless-stopped\"\n");
        if spec.images.contains(&s.image) && s.ports.is_empty() && s.container_name.is_none() {
            y.push_str("    network_mode: \"host\"\n");
        }
        if let Some(c) = &s.command {
            y.push_str(&format!("    command: {}\n", q(c)));
        }
        list(&mut y, "ports", &s.ports);
        list(&mut y, "volumes", &s.volumes);
        list(&mut y, "depends_on", &s.depends_on);
        list(&mut y, "profiles", &s.profiles);
        if with_env_file {
            y.push_str("    env_file:\n      - \".env\"\n");
        }
        if !s.environment.is_empty() {
            y.push_str("    environment:\n");
            for (k, v) in &s.environment {
                y.push_str(&format!("      {}: {}\n", q(k), q(v)));
            }
        }
        if let Some(h) = &s.healthcheck {
            y.push_str(&format!(
                "    healthcheck:\n      test: [\"CMD-SHELL\", {}]\n      interval: \"10s\"\n      retries: 5\n",
                q(h)
            ));
        }
    }
    // Named volumes must be declared at the top level; paths are bind mounts and need nothing.
    let mut named: Vec<&str> = services
        .iter()
        .flat_map(|s| s.volumes.iter())
        .filter_map(|v| v.split_once(':').map(|(src, _)| src))
        .filter(|src| !src.starts_with(['/', '.', '~']))
        .collect();
    named.sort_unstable();
    named.dedup();
    if !named.is_empty() {
        y.push_str("volumes:\n");
        for v in named {
            y.push_str(&format!("  {}: {{}}\n", q(v)));
        }
    }
    Some(y)
}

fn list(y: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    y.push_str(&format!("    {key}:\n"));
    for i in items {
        y.push_str(&format!("      - {}\n", q(i)));
    }
}

fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `nginx:latest` -> service `nginx`; repeats get `-2`, `-3`.
fn image_services(images: &[String]) -> Vec<Service> {
    let mut out: Vec<Service> = Vec::new();
    for image in images {
        let base = image
            .rsplit('/')
            .next()
            .unwrap_or(image)
            .split([':', '@'])
            .next()
            .unwrap_or("app");
        let base: String = base
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let mut name = base.clone();
        let mut n = 2;
        while out.iter().any(|s| s.name == name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        out.push(Service {
            name,
            image: image.clone(),
            container_name: None,
            ports: Vec::new(),
            environment: Default::default(),
            depends_on: Vec::new(),
            volumes: Vec::new(),
            command: None,
            profiles: Vec::new(),
            healthcheck: None,
            enabled: true,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_base64_and_env_goes_to_dotenv() {
        let spec = UserDataSpec {
            docker: true,
            compose_dir: "/opt/app".into(),
            images: vec!["nginx:latest".into(), "library/nginx:1.27".into()],
            ..Default::default()
        };
        let extras = Extras {
            files: vec![ExtraFile {
                path: "/opt/app/users.csv".into(),
                contents: b"name,email\nO'Brien,o@example.com\n".to_vec(),
                mode: 0o600,
            }],
            env: vec![("MODE".into(), "demo".into())],
            env_from_files: vec![("APP_USERS_B64".into(), "/opt/app/users.csv".into())],
        };
        let script = render_user_data(&spec, OsFamily::AmazonLinux2023, &extras);
        assert!(
            !script.contains("O'Brien"),
            "file contents must only appear encoded"
        );
        assert!(script.contains("/opt/app/users.csv"));
        assert!(script.contains("/opt/app/.env"));
        // The variable is made on the host from the file, after the file is written.
        let derived = "printf '%s=%s\\n' 'APP_USERS_B64' \"$(base64 -w0 '/opt/app/users.csv')\" >> '/opt/app/.env'";
        let at = script.find(derived).expect("derived on the host");
        assert!(script.find("> '/opt/app/users.csv'").expect("file") < at);
        assert!(script.find("> '/opt/app/.env'").expect(".env") < at);
        let compose = render_compose(&spec, true).expect("valid in test");
        assert!(compose.contains("\"nginx\":") && compose.contains("\"nginx-2\":"));
        assert!(compose.contains("network_mode: \"host\""));
    }

    #[test]
    fn quoting_escapes_yaml_breakers() {
        assert_eq!(q("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
