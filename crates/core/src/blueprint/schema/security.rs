use serde::{Deserialize, Serialize};

use super::yes;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroup {
    /// Logical name other sections refer to.
    pub name: String,
    /// The name AWS gets; defaults to the logical name.
    #[serde(default)]
    pub group_name: Option<String>,
    pub description: String,
    #[serde(default)]
    pub ingress: Vec<Rule>,
    #[serde(default)]
    pub egress: Vec<Rule>,
    #[serde(default = "yes")]
    pub enabled: bool,
}

impl SecurityGroup {
    pub fn aws_name(&self) -> &str {
        self.group_name.as_deref().unwrap_or(&self.name)
    }
}

/// One rule; exactly one of `cidr`, `group`, `self` names the peer.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    #[serde(default = "tcp")]
    pub protocol: String,
    #[serde(default)]
    pub port: Option<i64>,
    #[serde(default)]
    pub from_port: Option<i64>,
    #[serde(default)]
    pub to_port: Option<i64>,
    #[serde(default)]
    pub cidr: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default, rename = "self")]
    pub self_ref: bool,
    #[serde(default)]
    pub description: String,
    #[serde(default = "yes", deserialize_with = "super::switch")]
    pub enabled: bool,
}

fn tcp() -> String {
    "tcp".into()
}

impl Rule {
    /// (from, to) as AWS takes them; `all` is -1..-1 whatever was written.
    pub fn port_range(&self) -> (i64, i64) {
        if self.protocol == "all" || self.protocol == "-1" {
            return (-1, -1);
        }
        match (self.port, self.from_port, self.to_port) {
            (Some(p), _, _) => (p, p),
            (None, Some(f), Some(t)) => (f, t),
            (None, Some(f), None) => (f, f),
            (None, None, Some(t)) => (t, t),
            (None, None, None) => (0, 65535),
        }
    }

    /// What a person reads on a diagram edge: `tcp 5432`, `tcp 0-65535`, `all`.
    pub fn label(&self) -> String {
        match self.port_range() {
            (-1, -1) => "all".to_string(),
            (f, t) if f == t => format!("{} {f}", self.protocol),
            (f, t) => format!("{} {f}-{t}", self.protocol),
        }
    }
}
