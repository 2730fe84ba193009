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

/// When the window first showed something a person could use, as the shell measured it: the
/// page reports its first interactive paint, and `make bench` reads the figure (issue #15).
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FirstPaint {
    /// From the start of the shell's `main` to the page's report. Only the first report of a
    /// process counts: a reload or a hostile page calling again gets the same figure.
    pub since_start_ms: u32,
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
