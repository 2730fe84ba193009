//! The yes a create with risky settings needs, asked in a native dialog that Rust opens: the
//! page shows the warnings but cannot answer for the person, because no command takes the
//! answer as an argument.

use hangar_core::PlanWarning;
use hangar_engine::Consent;
use hangar_ipc::{ApiError, ErrorCode};
use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

const CREATE: &str = "Create anyway";
const CANCEL: &str = "Cancel";

/// The consent for a provision or resume of `env` whose plan carries `risks`: none needed
/// when there are none, else the person's answer to the native dialog. A "no" is an error, so
/// nothing is recorded or sent to AWS.
pub async fn for_risks(
    app: &AppHandle,
    env: &str,
    risks: Vec<PlanWarning>,
) -> Result<Consent, ApiError> {
    if risks.is_empty() {
        return Ok(Consent::default());
    }
    let dialog = app
        .dialog()
        .message(question(env, &risks))
        .title(format!("Create {env} with these risks?"))
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom(
            CREATE.into(),
            CANCEL.into(),
        ));
    let yes = tauri::async_runtime::spawn_blocking(move || dialog.blocking_show())
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("the dialog failed: {e}")))?;
    if yes {
        Ok(Consent::accepting_risk())
    } else {
        Err(ApiError::new(
            ErrorCode::RiskNotAccepted,
            format!("{env} was not created: the risks were not accepted"),
        ))
    }
}

/// Every warning with the blueprint path to change, so the person can decide from the dialog.
fn question(env: &str, risks: &[PlanWarning]) -> String {
    let lines: Vec<String> = risks
        .iter()
        .map(|w| format!("• {} ({})", w.message, w.path))
        .collect();
    format!(
        "{env}'s plan has settings that need your yes before anything is created:\n\n{}\n\nChange the blueprint to avoid them, or create it anyway.",
        lines.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use hangar_core::PlanWarningKind;

    use super::*;

    #[test]
    fn the_question_names_each_risk_and_its_path() {
        let risks = vec![PlanWarning {
            kind: PlanWarningKind::BroadIamPolicy,
            logical: "iam_role.host".into(),
            path: "iam_roles[0].managed_policies[0]".into(),
            message: "role iam_role.host gets arn:aws:iam::aws:policy/AdministratorAccess".into(),
            needs_consent: true,
        }];
        let q = question("shop", &risks);
        assert!(q.contains("AdministratorAccess"), "{q}");
        assert!(q.contains("(iam_roles[0].managed_policies[0])"), "{q}");
        assert!(q.starts_with("shop's plan"), "{q}");
    }
}
