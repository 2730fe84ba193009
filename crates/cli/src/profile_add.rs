use hangar_cloud::{CredentialsCache, NewCredentials, NewProfile};
use hangar_keychain::{Keychain, ProfileSecret};
use hangar_store::Store;

use crate::args::AddArgs;
use crate::secret_input;

pub fn add(store: &Store, args: AddArgs) -> Result<(), String> {
    let credentials = if let Some(access_key_id) = args.access_key_id {
        let mut prompts = vec!["Secret access key"];
        if args.session_token {
            prompts.push("Session token");
        }
        let mut secrets = secret_input::read(&prompts, args.secret_stdin)?.into_iter();
        let secret_access_key = secrets.next().unwrap_or_default();
        NewCredentials::AccessKeys {
            secret: Some(ProfileSecret {
                access_key_id,
                secret_access_key,
                session_token: secrets.next(),
            }),
        }
    } else if let Some(role_arn) = args.role_arn {
        NewCredentials::AssumeRole {
            source_profile: args.source_profile.unwrap_or_default(),
            role_arn,
            external_id: args.external_id,
            mfa_serial: args.mfa_serial,
            session_name: args.session_name,
            duration_secs: args.duration,
        }
    } else {
        NewCredentials::AwsConfig {
            aws_profile: args.aws_profile.unwrap_or_default(),
        }
    };
    let keychain = Keychain::os().map_err(|e| e.to_string())?;
    let cache = CredentialsCache::new();
    let profiles = crate::profile::profiles(store, &keychain, &cache);
    let saved = profiles
        .save(NewProfile {
            name: args.name.clone(),
            region: args.region,
            endpoint: args.endpoint,
            is_default: args.default,
            default_lifetime: args.default_lifetime,
            credentials,
        })
        .map_err(|e| e.to_string())?;
    for warning in saved.warnings {
        eprintln!("hangar: warning: {warning}");
    }
    outln!("saved profile {}", args.name);
    Ok(())
}
