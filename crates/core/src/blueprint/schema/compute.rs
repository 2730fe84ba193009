use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::yes;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub name: String,
    #[serde(default = "one")]
    pub count: i64,
    /// The subnet tier the instances go in, spread over its AZs; absent in the default VPC.
    #[serde(default)]
    pub tier: Option<String>,
    pub instance_type: String,
    pub ami: AmiSource,
    pub security_groups: Vec<String>,
    /// An `iam_roles` entry whose instance profile the instance gets.
    #[serde(default)]
    pub iam_role: Option<String>,
    #[serde(default)]
    pub elastic_ip: bool,
    #[serde(default)]
    pub public_ip: bool,
    /// `HttpTokens = required`: the seeds' hardening checklists ask for it and it blocks SSRF
    /// reads of instance credentials.
    #[serde(default = "yes")]
    pub imdsv2: bool,
    #[serde(default)]
    pub detailed_monitoring: bool,
    #[serde(default)]
    pub key_name: Option<String>,
    pub root_volume: Volume,
    #[serde(default)]
    pub user_data: Option<UserDataSpec>,
    /// Extra ordering the blueprint wants (logical names such as `databases.db`).
    #[serde(default)]
    pub depends_on: Vec<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn one() -> i64 {
    1
}

/// Where the instance's image comes from: an SSM parameter (AWS's public ones name the newest
/// image of a family, `/aws/service/ami-amazon-linux-latest/...`,
/// `/aws/service/canonical/ubuntu/...`), resolved in the environment's region when the
/// instance is created, or a pinned image id. Exactly one of `parameter` and `id`. `os` picks
/// the user data's package manager; validation holds it to what a known public parameter
/// publishes.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AmiSource {
    #[serde(default)]
    pub parameter: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
    pub os: OsFamily,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OsFamily {
    Ubuntu,
    #[serde(rename = "amazon_linux_2")]
    AmazonLinux2,
    #[serde(rename = "amazon_linux_2023")]
    AmazonLinux2023,
}

impl OsFamily {
    /// The name a blueprint writes.
    pub fn key(self) -> &'static str {
        match self {
            Self::Ubuntu => "ubuntu",
            Self::AmazonLinux2 => "amazon_linux_2",
            Self::AmazonLinux2023 => "amazon_linux_2023",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Ubuntu => "Ubuntu",
            Self::AmazonLinux2 => "Amazon Linux 2",
            Self::AmazonLinux2023 => "Amazon Linux 2023",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Volume {
    pub size_gb: i64,
    #[serde(default = "gp3", rename = "type")]
    pub volume_type: String,
    #[serde(default = "yes")]
    pub encrypted: bool,
}

pub(crate) fn gp3() -> String {
    "gp3".into()
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UserDataSpec {
    #[serde(default = "yes")]
    pub docker: bool,
    #[serde(default = "app_dir")]
    pub compose_dir: String,
    #[serde(default)]
    pub services: Vec<Service>,
    /// Images that each become a service named after the image, on the host network.
    #[serde(default)]
    pub images: Vec<String>,
    /// Where the users feature writes the imported CSV, and the variable it sets to its base64.
    #[serde(default)]
    pub users_csv_path: Option<String>,
    #[serde(default)]
    pub users_env: Option<String>,
    /// When set, bind mounts must stay under this directory (seed 002 limits host volumes to
    /// `/opt/app/*` so an image cannot be handed the host's root).
    #[serde(default)]
    pub volume_root: Option<String>,
    /// A variable of the compose project's `.env` that Hangar fills with a password it
    /// generates at the environment's first provision and keeps in the OS keychain; the plan
    /// and the history only ever hold a placeholder. Services use it as `${NAME}`.
    #[serde(default)]
    pub generated_password_env: Option<String>,
}

fn app_dir() -> String {
    "/opt/app".into()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub name: String,
    pub image: String,
    #[serde(default)]
    pub container_name: Option<String>,
    /// `host:container` as docker-compose writes it.
    #[serde(default)]
    pub ports: Vec<String>,
    #[serde(default)]
    pub environment: BTreeMap<String, String>,
    #[serde(default)]
    pub depends_on: Vec<String>,
    #[serde(default)]
    pub volumes: Vec<String>,
    #[serde(default)]
    pub command: Option<String>,
    /// Compose profiles: a service with a profile starts only when that profile is asked for.
    #[serde(default)]
    pub profiles: Vec<String>,
    #[serde(default)]
    pub healthcheck: Option<String>,
    /// Variables set to the host's public URL on a port, e.g. a frontend's API address that
    /// a browser must reach: the host asks IMDSv2 for its public DNS name (else its public
    /// IPv4) at boot, as nothing knows it before.
    #[serde(default)]
    pub public_urls: BTreeMap<String, PublicUrl>,
    #[serde(default = "yes")]
    pub enabled: bool,
}

/// `http://<the host's public DNS name or IP>:<port>`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PublicUrl {
    pub port: u16,
    #[serde(default)]
    pub scheme: UrlScheme,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UrlScheme {
    #[default]
    Http,
    Https,
}

impl UrlScheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Http => "http",
            Self::Https => "https",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IamRole {
    pub name: String,
    pub role_name: String,
    /// The service principal trusted to assume it, e.g. `ec2.amazonaws.com`.
    pub trust_service: String,
    #[serde(default)]
    pub managed_policies: Vec<String>,
    #[serde(default)]
    pub inline_policies: Vec<InlinePolicy>,
    #[serde(default)]
    pub instance_profile: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InlinePolicy {
    pub name: String,
    pub actions: Vec<String>,
    /// `buckets` entries; the policy covers the bucket and its objects.
    #[serde(default)]
    pub buckets: Vec<String>,
    #[serde(default)]
    pub resources: Vec<String>,
}
