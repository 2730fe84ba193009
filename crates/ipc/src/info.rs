use hangar_core::profile::ProfileKind;
use serde::Serialize;
use ts_rs::TS;

/// What the UI needs to know about the running app before anything else.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    /// Present when the app started the local AWS emulator for the Sandbox profile.
    pub sandbox: Option<SandboxInfo>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SandboxInfo {
    pub endpoint: String,
    pub region: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileSummary {
    pub name: String,
    pub region: String,
    pub kind: ProfileKind,
    pub is_default: bool,
    pub endpoint: Option<String>,
    /// What a new environment made with it lives unless another lifetime is picked (`8h`);
    /// null for never.
    pub default_lifetime: Option<String>,
}
