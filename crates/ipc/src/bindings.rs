use ts_rs::{Config, TS};

use crate::profiles::{
    AccessKeysInput, AssumeRoleInput, AwsConfigInput, AwsConfigProfileView, CallerIdentityView,
    ChainLinkView, ImportResultView, ProfileCredentialsInput, ProfileDetail, SaveProfileInput,
    SaveProfileResult,
};
use crate::{ApiError, AppInfo, ProfileKind, ProfileSummary, SandboxInfo};

const HEADER: &str = "// Generated from crates/ipc by `make bindings`. Do not edit by hand.\n";

/// The whole `ui/src/lib/bindings.ts`, one declaration per IPC type, in a fixed order so the
/// staleness check compares like with like.
pub fn typescript_bindings() -> String {
    let cfg = Config::default();
    let decls = [
        ApiError::decl(&cfg),
        AppInfo::decl(&cfg),
        SandboxInfo::decl(&cfg),
        ProfileKind::decl(&cfg),
        ProfileSummary::decl(&cfg),
        // Profiles: input with the secret (arrives once), identity test, import.
        SaveProfileInput::decl(&cfg),
        ProfileCredentialsInput::decl(&cfg),
        AccessKeysInput::decl(&cfg),
        AssumeRoleInput::decl(&cfg),
        AwsConfigInput::decl(&cfg),
        SaveProfileResult::decl(&cfg),
        ProfileDetail::decl(&cfg),
        CallerIdentityView::decl(&cfg),
        ChainLinkView::decl(&cfg),
        AwsConfigProfileView::decl(&cfg),
        ImportResultView::decl(&cfg),
    ];
    let mut out = String::from(HEADER);
    for decl in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}
