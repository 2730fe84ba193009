use hangar_cloud::{CallerIdentity, CredentialsCache, ErrorKind};
use hangar_keychain::Keychain;
use hangar_store::Store;

use crate::secret_input;

pub fn test(store: &Store, name: &str, mfa_code: Option<String>, json: bool) -> Result<(), String> {
    let keychain = Keychain::os().map_err(|e| e.to_string())?;
    let cache = CredentialsCache::new();
    let profiles = crate::profile::profiles(store, &keychain, &cache);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let identity = runtime.block_on(async {
        match profiles.test(name, mfa_code.as_deref()).await {
            Err(err) if err.kind == ErrorKind::MfaRequired && mfa_code.is_none() => {
                let serial = profiles
                    .plan(name)
                    .ok()
                    .and_then(|p| p.mfa_serial().map(str::to_owned));
                match serial.as_deref().and_then(secret_input::ask_mfa_code) {
                    Some(code) => profiles.test(name, Some(&code)).await,
                    None => Err(err),
                }
            }
            other => other,
        }
    });
    let identity = identity.map_err(|e| e.to_string())?;
    print(&identity, json);
    Ok(())
}

fn print(id: &CallerIdentity, json: bool) {
    if json {
        match serde_json::to_string_pretty(id) {
            Ok(text) => outln!("{text}"),
            Err(err) => eprintln!("hangar: cannot write JSON: {err}"),
        }
        return;
    }
    outln!("profile    {}", id.profile);
    outln!("account    {}", id.account);
    outln!("arn        {}", id.arn);
    outln!("user/role  {}", id.principal);
    outln!("region     {}", id.region);
    if let Some(endpoint) = &id.endpoint {
        outln!("endpoint   {endpoint}");
    }
    for link in &id.chain {
        outln!(
            "assumed    {} from {} (session {}, expires {}{})",
            link.role_arn,
            link.source_profile,
            link.session_name,
            link.expires_at.as_deref().unwrap_or("unknown"),
            if link.cached { ", cached" } else { "" }
        );
    }
    for warning in &id.warnings {
        eprintln!("hangar: warning: {warning}");
    }
}
