//! Security groups, IAM and instances.

use serde::{Deserialize, Serialize};

/// Where an inline rule lets traffic come from (or go to).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InlinePeer {
    Cidr(String),
    /// The group itself: members talk to each other.
    SelfGroup,
}

/// A rule whose peer is an address range or the group itself; rules naming another group are
/// [`SecurityGroupRuleSpec`] nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InlineRule {
    /// `tcp`, `udp`, `icmp` or `-1` (all).
    pub protocol: String,
    pub from_port: i32,
    pub to_port: i32,
    pub description: String,
    pub peer: InlinePeer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SecurityGroupSpec {
    pub group_name: String,
    pub description: String,
    /// `None`: the region's default VPC.
    pub vpc: Option<String>,
    pub ingress: Vec<InlineRule>,
    /// Empty: AWS's allow-all egress stays; otherwise only these.
    pub egress: Vec<InlineRule>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Ingress,
    Egress,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SecurityGroupRuleSpec {
    pub group: String,
    pub peer_group: String,
    pub direction: Direction,
    pub protocol: String,
    pub from_port: i32,
    pub to_port: i32,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InlinePolicy {
    pub name: String,
    pub actions: Vec<String>,
    pub resources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IamRoleSpec {
    pub role_name: String,
    /// The service that may assume it (`ec2.amazonaws.com`).
    pub trust_service: String,
    pub managed_policies: Vec<String>,
    pub inline_policies: Vec<InlinePolicy>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InstanceProfileSpec {
    pub instance_profile_name: String,
    pub role: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HttpTokens {
    /// IMDSv2 only.
    Required,
    Optional,
}

impl HttpTokens {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpTokens::Required => "required",
            HttpTokens::Optional => "optional",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RootVolume {
    pub size_gb: i32,
    #[serde(rename = "type")]
    pub volume_type: String,
    pub encrypted: bool,
}

/// Where the instance's image id comes from when it is launched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AmiSource {
    /// An SSM parameter whose value is the image id, read with GetParameter in the
    /// environment's region: AWS's public parameters always name the newest image of a family.
    Parameter(String),
    /// A pinned image id.
    Id(String),
}

/// The instance's user data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum UserData {
    /// A script as rendered from the blueprint, encoded on the way out.
    Script(String),
    /// The users baked in: the exact bytes for RunInstances, base64 (maybe gzipped, so bytes,
    /// not text).
    Baked {
        base64: String,
        gzip: bool,
        users: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InstanceSpec {
    pub instance_type: String,
    pub ami: AmiSource,
    /// `None`: a subnet of the default VPC.
    pub subnet: Option<String>,
    pub security_groups: Vec<String>,
    pub http_tokens: HttpTokens,
    /// Containers on Docker's bridge are one hop further from IMDS; with IMDSv2 and the default
    /// limit of 1 their SDKs cannot get a token.
    pub http_put_response_hop_limit: i32,
    pub root_volume: RootVolume,
    pub associate_public_ip: bool,
    pub detailed_monitoring: bool,
    pub iam_instance_profile: Option<String>,
    pub key_name: Option<String>,
    pub user_data: Option<UserData>,
    /// Where the users CSV lands on the host, when the user data takes users.
    pub users_csv_path: Option<String>,
    /// The environment variable that carries the users, when the user data takes users.
    pub users_env: Option<String>,
    /// The `.env` variable that gets the environment's generated password at launch (the
    /// script holds a placeholder; the value comes from the keychain).
    pub generated_password_env: Option<String>,
}

impl InstanceSpec {
    pub fn takes_users(&self) -> bool {
        self.users_csv_path.is_some() || self.users_env.is_some()
    }
}
