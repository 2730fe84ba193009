//! What a host's user data will do, for the plan: computed from the same blueprint inputs the
//! script is rendered from ([`super::render_user_data`]), never by reading the script back, so
//! a reader sees the whole host (packages, files, containers, ports), not only AWS.

use serde::Serialize;

use super::{PUBLIC_HOST_VAR, compose_services, public_url};
use crate::blueprint::schema::{OsFamily, UserDataSpec};

/// One host (an instance node) and what its first boot does, in the script's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HostSummary {
    /// The instance's logical name (`instance.dev-server`).
    pub logical: String,
    pub actions: Vec<HostAction>,
    /// The containers `docker compose up` starts or leaves to a profile.
    pub services: Vec<ServiceSummary>,
}

/// One thing the script does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "action", rename_all = "camelCase")]
pub enum HostAction {
    /// Installs packages with the OS's package manager.
    #[serde(rename_all = "camelCase")]
    InstallPackages {
        manager: String,
        packages: Vec<String>,
    },
    /// Downloads a file from the internet at boot.
    #[serde(rename_all = "camelCase")]
    Download { url: String, path: String },
    /// `systemctl enable --now`.
    #[serde(rename_all = "camelCase")]
    StartSystemService { name: String },
    #[serde(rename_all = "camelCase")]
    WriteFile {
        path: String,
        /// Octal, as `chmod` takes it.
        mode: String,
        holds: FileContents,
    },
    /// A variable of `.env` set to the base64 of a file written above.
    #[serde(rename_all = "camelCase")]
    EnvFromFile { variable: String, path: String },
    /// A variable of `.env` set to the password Hangar generates for the environment at its
    /// first provision and keeps in the OS keychain; never shown as a value.
    #[serde(rename_all = "camelCase")]
    GeneratedPassword { variable: String },
    /// A variable of `.env` set to the host's public DNS name (else public IPv4), asked of
    /// IMDSv2 at boot.
    #[serde(rename_all = "camelCase")]
    PublicAddress { variable: String },
    /// `docker compose up -d` in `dir`, with these profiles switched on.
    #[serde(rename_all = "camelCase")]
    ComposeUp { dir: String, profiles: Vec<String> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FileContents {
    Compose,
    /// The compose project's `.env` (mode 600).
    DotEnv,
    /// The imported users, as a clean CSV.
    Users,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ServiceSummary {
    pub name: String,
    pub image: String,
    pub container_name: Option<String>,
    pub ports: Vec<PublishedPort>,
    /// False when it waits for a compose profile nobody switched on.
    pub starts: bool,
    pub profiles: Vec<String>,
    /// Variables whose value is the host's public URL: `NEXT_PUBLIC_API_URL` ->
    /// `http://${HANGAR_PUBLIC_HOST}:8000`.
    pub public_urls: Vec<(String, String)>,
    /// Variables that carry the generated password (by `${VAR}` in their value).
    pub uses_generated_password: Vec<String>,
}

/// `host:container` as written in the blueprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PublishedPort {
    pub host: String,
    pub container: String,
}

/// Packages and downloads [`super::install_docker`] uses for `os`.
fn docker_install(os: OsFamily, actions: &mut Vec<HostAction>) {
    let (manager, packages): (&str, &[&str]) = match os {
        OsFamily::Ubuntu => ("apt-get", &["docker.io", "docker-compose-v2"]),
        OsFamily::AmazonLinux2 => ("yum", &["docker"]),
        OsFamily::AmazonLinux2023 => ("dnf", &["docker"]),
    };
    actions.push(HostAction::InstallPackages {
        manager: manager.into(),
        packages: packages.iter().map(|p| (*p).to_string()).collect(),
    });
    match os {
        OsFamily::Ubuntu => {}
        OsFamily::AmazonLinux2 | OsFamily::AmazonLinux2023 => actions.push(HostAction::Download {
            url: super::COMPOSE_PLUGIN_URL.into(),
            path: super::COMPOSE_PLUGIN_PATH.into(),
        }),
    }
    actions.push(HostAction::StartSystemService {
        name: "docker".into(),
    });
}

/// The summary of `spec` on a host named `logical`. `users` says whether the plan bakes users
/// in (their file and variable then appear, as the bake renders them).
pub fn summarize(logical: &str, spec: &UserDataSpec, os: OsFamily, users: bool) -> HostSummary {
    let mut actions = Vec::new();
    if spec.docker {
        docker_install(os, &mut actions);
    }
    let dir = spec.compose_dir.trim_end_matches('/').to_string();
    let services = compose_services(spec);
    if !services.is_empty() {
        actions.push(HostAction::WriteFile {
            path: format!("{dir}/docker-compose.yml"),
            mode: "644".into(),
            holds: FileContents::Compose,
        });
    }
    let users_file = users.then(|| spec.users_csv_path.clone()).flatten();
    let users_env = users.then(|| spec.users_env.clone()).flatten();
    if let Some(path) = &users_file {
        actions.push(HostAction::WriteFile {
            path: path.clone(),
            mode: "644".into(),
            holds: FileContents::Users,
        });
    }
    let public = services.iter().any(|s| !s.public_urls.is_empty());
    if users_env.is_some()
        || users_file.is_some()
        || public
        || spec.generated_password_env.is_some()
    {
        actions.push(HostAction::WriteFile {
            path: format!("{dir}/.env"),
            mode: "600".into(),
            holds: FileContents::DotEnv,
        });
    }
    if let (Some(var), Some(path)) = (&users_env, &users_file) {
        actions.push(HostAction::EnvFromFile {
            variable: var.clone(),
            path: path.clone(),
        });
    }
    if let Some(var) = &spec.generated_password_env {
        actions.push(HostAction::GeneratedPassword {
            variable: var.clone(),
        });
    }
    if public {
        actions.push(HostAction::PublicAddress {
            variable: PUBLIC_HOST_VAR.into(),
        });
    }
    if !services.is_empty() {
        actions.push(HostAction::ComposeUp {
            dir,
            profiles: services.iter().flat_map(|s| s.profiles.clone()).collect(),
        });
    }
    let password_ref = spec
        .generated_password_env
        .as_ref()
        .map(|v| format!("${{{v}"));
    HostSummary {
        logical: logical.to_string(),
        actions,
        services: services
            .iter()
            .map(|s| ServiceSummary {
                name: s.name.clone(),
                image: s.image.clone(),
                container_name: s.container_name.clone(),
                ports: s
                    .ports
                    .iter()
                    .map(|p| match p.rsplit_once(':') {
                        Some((host, container)) => PublishedPort {
                            host: host.to_string(),
                            container: container.to_string(),
                        },
                        None => PublishedPort {
                            host: String::new(),
                            container: p.clone(),
                        },
                    })
                    .collect(),
                // Every enabled service's profile is switched on at `up` (see the renderer).
                starts: true,
                profiles: s.profiles.clone(),
                public_urls: s
                    .public_urls
                    .iter()
                    .map(|(k, u)| (k.clone(), public_url(u)))
                    .collect(),
                uses_generated_password: s
                    .environment
                    .iter()
                    .filter(|(_, v)| {
                        password_ref
                            .as_ref()
                            .is_some_and(|r| v.contains(r.as_str()))
                    })
                    .map(|(k, _)| k.clone())
                    .collect(),
            })
            .collect(),
    }
}

impl std::fmt::Display for HostAction {
    /// One line of `hangar plan`; the window words the same actions in `PlanHosts.svelte`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::InstallPackages { manager, packages } => {
                write!(f, "install {} ({manager})", packages.join(", "))
            }
            Self::Download { url, path } => write!(f, "download {url} to {path}"),
            Self::StartSystemService { name } => write!(f, "enable and start {name}"),
            Self::WriteFile { path, mode, holds } => {
                let what = match holds {
                    FileContents::Compose => "docker-compose.yml",
                    FileContents::DotEnv => "compose variables",
                    FileContents::Users => "the imported users (CSV)",
                };
                write!(f, "write {path} (mode {mode}): {what}")
            }
            Self::EnvFromFile { variable, path } => {
                write!(f, "set {variable} to the base64 of {path}")
            }
            Self::GeneratedPassword { variable } => {
                write!(f, "set {variable}: generated, kept in the keychain")
            }
            Self::PublicAddress { variable } => write!(
                f,
                "set {variable} to the host's public DNS name (else public IPv4), from IMDSv2"
            ),
            Self::ComposeUp { dir, profiles } if profiles.is_empty() => {
                write!(f, "docker compose up -d in {dir}")
            }
            Self::ComposeUp { dir, profiles } => write!(
                f,
                "docker compose up -d in {dir} with profile {}",
                profiles.join(", ")
            ),
        }
    }
}
