//! How a CLI job asks for an MFA code when its role must be assumed again mid-job: on a
//! terminal it asks without echo; from a script it reads the next line of standard input, one
//! code a line. The code goes to STS once and is never printed.

use hangar_cloud::credentials::{MfaAnswer, MfaAsk, MfaPrompt};
use hangar_keychain::Secret;

use crate::secret_input;

pub struct TerminalMfa;

impl MfaPrompt for TerminalMfa {
    fn code(&self, ask: MfaAsk) -> MfaAnswer<'_> {
        // Reading a terminal or a pipe blocks: not on the runtime's threads.
        Box::pin(async move {
            tokio::task::spawn_blocking(move || read_code(&ask))
                .await
                .ok()
                .flatten()
        })
    }
}

fn read_code(ask: &MfaAsk) -> Option<Secret> {
    secret_input::ask_or_next_line(&format!(
        "profile {} assumes {} with MFA: code from {}",
        ask.profile, ask.role_arn, ask.serial
    ))
}
