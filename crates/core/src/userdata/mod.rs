//! User data: a shell script that installs Docker, writes docker-compose.yml and any extra
//! files, and starts the services. Every file goes through base64, every other value through
//! [`shell_quote`], and every redirection lives in the fixed [`SCRIPT_HEADER`]; the users
//! feature plugs its CSV and `APP_USERS_B64` in through [`Extras`].
//!
//! Two values exist only at boot or launch and are never in the rendered script: the host's
//! public address (asked of IMDSv2 by the fixed header, for [`PublicUrl`] variables) and the
//! environment's generated password (a placeholder here, put in by [`launch_user_data`]).

mod launch;
mod summary;

pub use launch::{LaunchError, LaunchPassword, launch_user_data};
pub use summary::{
    FileContents, HostAction, HostSummary, PublishedPort, ServiceSummary, summarize,
};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::blueprint::schema::{OsFamily, PublicUrl, Service, UserDataSpec};

/// The `.env` variable the host fills with its public DNS name (or IPv4) at boot; compose
/// interpolates it into every [`PublicUrl`] variable.
pub const PUBLIC_HOST_VAR: &str = "HANGAR_PUBLIC_HOST";

/// How many characters a generated password has (letters and digits only, so it stays one
/// word in `.env`, in a URL and in the shell: about 190 bits).
pub const GENERATED_PASSWORD_LEN: usize = 32;

/// What the plan's script holds where the generated password goes: as long as a password, so
/// the script's size is the size AWS will see, and never a valid password (`<`, `-`).
pub const GENERATED_PASSWORD_PLACEHOLDER: &str = "<generated-password-in-keychain>";

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

/// Where Amazon Linux gets the compose plugin (its repositories have none).
pub const COMPOSE_PLUGIN_URL: &str =
    "https://github.com/docker/compose/releases/latest/download/docker-compose-linux-$(uname -m)";
pub const COMPOSE_PLUGIN_PATH: &str = "/usr/local/lib/docker/cli-plugins/docker-compose";

/// Fixed text per OS; [`summary`] lists the same packages and download for the plan.
fn install_docker(os: OsFamily) -> String {
    let plugin = format!(
        "mkdir -p /usr/local/lib/docker/cli-plugins\ncurl -fsSL \"{COMPOSE_PLUGIN_URL}\" -o {COMPOSE_PLUGIN_PATH}\nchmod +x {COMPOSE_PLUGIN_PATH}\n"
    );
    match os {
        OsFamily::Ubuntu => {
            "export DEBIAN_FRONTEND=noninteractive\napt-get update -y\napt-get install -y docker.io docker-compose-v2\n".into()
        }
        OsFamily::AmazonLinux2 => format!("yum install -y docker\n{plugin}"),
        OsFamily::AmazonLinux2023 => format!("dnf install -y docker\n{plugin}"),
    }
}

/// The one quoting function for every value the script interpolates: a single-quoted bash
/// word, in which nothing (`$`, backticks, newlines, `\`) is special; a `'` closes the quote,
/// adds an escaped quote and reopens. Validation refuses these values' odd characters as well;
/// this keeps a value one literal word even if a rule is ever loosened.
pub fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "'\\''"))
}

/// Fixed text (nothing interpolated): helpers that own every redirection to a path, so the
/// body of the script only ever passes quoted words to them.
pub const SCRIPT_HEADER: &str = "#!/bin/bash\nset -euo pipefail\n\
put_file() { mkdir -p \"$(dirname \"$1\")\"; printf '%s' \"$3\" | base64 -d > \"$1\"; chmod \"$2\" \"$1\"; }\n\
env_from_file() { printf '%s=%s\\n' \"$1\" \"$(base64 -w0 \"$2\")\" >> \"$3\"; }\n\
env_line() { printf '%s=%s\\n' \"$1\" \"$2\" >> \"$3\"; }\n\
imds() { curl -fsS --retry 5 -H \"X-aws-ec2-metadata-token: $1\" \"http://169.254.169.254/latest/meta-data/$2\"; }\n\
public_host_env() { local t h; t=$(curl -fsS --retry 5 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token); h=$(imds \"$t\" public-hostname || true); [ -n \"$h\" ] || h=$(imds \"$t\" public-ipv4); env_line \"$1\" \"$h\" \"$2\"; }\n";

fn write_file(out: &mut String, path: &str, contents: &[u8], mode: u32) {
    out.push_str(&format!(
        "put_file {} {mode:o} {}\n",
        shell_quote(path),
        shell_quote(&STANDARD.encode(contents))
    ));
}

/// The whole script. Its length is what AWS's 16 KB limit applies to.
pub fn render_user_data(spec: &UserDataSpec, os: OsFamily, extras: &Extras) -> String {
    let mut out = String::from(SCRIPT_HEADER);
    if spec.docker {
        out.push_str(&install_docker(os));
        out.push_str("systemctl enable --now docker\n");
    }
    let dir = spec.compose_dir.trim_end_matches('/');
    let with_env = !extras.env.is_empty() || !extras.env_from_files.is_empty();
    let public_urls = spec
        .services
        .iter()
        .any(|s| s.enabled && !s.public_urls.is_empty());
    // Compose reads the project's `.env` for `${VAR}` in the file; only the users' variables
    // go into every container as well (`env_file`), never the password or the address.
    let dotenv = with_env || public_urls || spec.generated_password_env.is_some();
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
    if dotenv {
        let env_path = format!("{dir}/.env");
        // Keys are checked as variable names and values are base64, so a line stays a line.
        let env: String = extras
            .env
            .iter()
            .map(|(k, v)| format!("{k}={v}\n"))
            .collect();
        write_file(&mut out, &env_path, env.as_bytes(), 0o600);
        for (var, path) in &extras.env_from_files {
            out.push_str(&format!(
                "env_from_file {} {} {}\n",
                shell_quote(var),
                shell_quote(path),
                shell_quote(&env_path)
            ));
        }
        if let Some(var) = &spec.generated_password_env {
            out.push_str(&format!(
                "env_line {} {} {}\n",
                shell_quote(var),
                shell_quote(GENERATED_PASSWORD_PLACEHOLDER),
                shell_quote(&env_path)
            ));
        }
        if public_urls {
            out.push_str(&format!(
                "public_host_env {} {}\n",
                shell_quote(PUBLIC_HOST_VAR),
                shell_quote(&env_path)
            ));
        }
    }
    if compose.is_some() {
        let mut flags = String::new();
        let profiles = spec
            .services
            .iter()
            .filter(|s| s.enabled)
            .flat_map(|s| s.profiles.iter());
        for p in profiles {
            flags.push_str(&format!(" --profile {}", shell_quote(p)));
        }
        out.push_str(&format!(
            "cd {}\ndocker compose{flags} up -d\n",
            shell_quote(dir)
        ));
    }
    out
}

/// docker-compose.yml for the enabled services and image-list services, or None when there
/// are none. Strings are written as YAML double-quoted scalars, which JSON escaping produces
/// exactly, so no value can break the document.
pub fn render_compose(spec: &UserDataSpec, with_env_file: bool) -> Option<String> {
    let services = compose_services(spec);
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
        if !s.environment.is_empty() || !s.public_urls.is_empty() {
            y.push_str("    environment:\n");
            for (k, v) in &s.environment {
                y.push_str(&format!("      {}: {}\n", q(k), q(v)));
            }
            for (k, url) in &s.public_urls {
                y.push_str(&format!("      {}: {}\n", q(k), q(&public_url(url))));
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

/// The compose value of a [`PublicUrl`]: the address is interpolated from `.env` at `up`.
pub fn public_url(url: &PublicUrl) -> String {
    format!(
        "{}://${{{PUBLIC_HOST_VAR}}}:{}",
        url.scheme.as_str(),
        url.port
    )
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

/// The services the host's compose file runs: the enabled ones, then one per listed image. The
/// script and the plan's summary both read this, so the summary cannot show another host.
fn compose_services(spec: &UserDataSpec) -> Vec<Service> {
    spec.services
        .iter()
        .filter(|s| s.enabled)
        .cloned()
        .chain(image_services(&spec.images))
        .collect()
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
            public_urls: Default::default(),
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
        let derived = "env_from_file 'APP_USERS_B64' '/opt/app/users.csv' '/opt/app/.env'";
        let at = script.find(derived).expect("derived on the host");
        assert!(
            script
                .find("put_file '/opt/app/users.csv' 600")
                .expect("file")
                < at
        );
        assert!(script.find("put_file '/opt/app/.env' 600").expect(".env") < at);
        let compose = render_compose(&spec, true).expect("valid in test");
        assert!(compose.contains("\"nginx\":") && compose.contains("\"nginx-2\":"));
        assert!(compose.contains("network_mode: \"host\""));
    }

    #[test]
    fn shell_quote_keeps_one_literal_word() {
        assert_eq!(shell_quote("/opt/app"), "'/opt/app'");
        assert_eq!(shell_quote("a'b"), "'a'\\''b'");
        assert_eq!(shell_quote("$(id)`id`"), "'$(id)`id`'");
    }

    #[test]
    fn quoting_escapes_yaml_breakers() {
        assert_eq!(q("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
