//! Reading a secret without it ever being an argument (which `ps` and shell history would
//! show): from standard input, or from a prompt that does not echo.

use std::io::{BufRead, IsTerminal};

use hangar_keychain::Secret;

/// Reads `count` secrets: one a line from stdin, or one prompt each.
pub fn read(prompts: &[&str], from_stdin: bool) -> Result<Vec<Secret>, String> {
    if from_stdin {
        let stdin = std::io::stdin();
        let mut lines = stdin.lock().lines();
        return prompts
            .iter()
            .map(|prompt| {
                let line = lines
                    .next()
                    .transpose()
                    .map_err(|e| format!("cannot read standard input: {e}"))?
                    .ok_or_else(|| {
                        format!("standard input ended before the {}", prompt.to_lowercase())
                    })?;
                Ok(Secret::new(line.trim_end_matches(['\r', '\n']).trim()))
            })
            .collect();
    }
    if !std::io::stdin().is_terminal() {
        return Err("no terminal to ask for the secret on: pipe it in with --secret-stdin".into());
    }
    prompts
        .iter()
        .map(|prompt| {
            rpassword::prompt_password(format!("{prompt}: "))
                .map(|s| Secret::new(s.trim()))
                .map_err(|e| format!("cannot read the {}: {e}", prompt.to_lowercase()))
        })
        .collect()
}

/// Asks for an MFA code on the terminal; `None` when there is no terminal to ask on.
pub fn ask_mfa_code(serial: &str) -> Option<String> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    eprint!("MFA code for {serial}: ");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).ok()?;
    Some(line.trim().to_owned()).filter(|c| !c.is_empty())
}

/// One secret, asked without echo on a terminal; from a script, the next line of standard
/// input (so a pipe can answer several prompts of one run, a line each). `None` when nothing
/// was given.
pub fn ask_or_next_line(prompt: &str) -> Option<Secret> {
    let given = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("{prompt}: ")).ok()?
    } else {
        eprintln!("hangar: {prompt}: reading it from standard input");
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).ok()?;
        line
    };
    let secret = Secret::new(given.trim());
    (!secret.expose().is_empty()).then_some(secret)
}
