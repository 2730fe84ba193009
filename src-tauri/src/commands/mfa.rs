//! The MFA code a running job asks for, asked in the window: the engine's [`MfaBroker`] holds
//! the requests and the time limit; this module only turns its notices into events for the page
//! and the page's answer into a call of the broker. The code is wrapped in a `Secret` on arrival
//! and goes to STS once.

use std::sync::{Arc, OnceLock};

use hangar_engine::{MfaBroker, MfaNotice, MfaNotify};
use hangar_ipc::{ApiError, ErrorCode};
use hangar_keychain::Secret;
use tauri::{AppHandle, Emitter};

use crate::state::AppState;

type State<'a> = tauri::State<'a, AppState>;

/// A job waits for a code: the payload says which profile, which device and why.
pub const MFA_REQUESTED: &str = "mfa-requested";
/// A request is over (answered, cancelled, timed out): its dialog closes.
pub const MFA_CLOSED: &str = "mfa-closed";

/// The broker's notices as events, once the app has a handle to emit them with (jobs only run
/// after the window exists).
pub fn broker(app: Arc<OnceLock<AppHandle>>) -> Arc<MfaBroker> {
    let notify: MfaNotify = Arc::new(move |notice| {
        let Some(app) = app.get() else { return };
        let _ = match notice {
            MfaNotice::Asked(request) => app.emit(MFA_REQUESTED, request),
            MfaNotice::Closed(closed) => app.emit(MFA_CLOSED, closed),
        };
    });
    Arc::new(MfaBroker::new(notify))
}

/// The person's code for request `request_id`, or their cancel (`code` absent).
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn answer_mfa_prompt(
    state: State<'_>,
    request_id: u64,
    code: Option<String>,
) -> Result<(), ApiError> {
    state
        .mfa
        .answer(request_id, code.map(Secret::new))
        .map_err(|e| ApiError::new(ErrorCode::NotFound, e.to_string()))
}
