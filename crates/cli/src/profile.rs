use std::path::Path;

use hangar_cloud::{AwsFiles, CredentialsCache, Profiles};
use hangar_core::profile::ProfileKind;
use hangar_keychain::Keychain;
use hangar_store::Store;
use serde::Serialize;

use crate::args::ProfileCommand;
use crate::output::print_rows;
use crate::{profile_add, profile_import, profile_test};

pub fn run(
    store: Store,
    data_dir: &Path,
    command: ProfileCommand,
    json: bool,
) -> Result<(), String> {
    match command {
        ProfileCommand::List => list(&store, json),
        ProfileCommand::Add(args) => profile_add::add(&store, *args),
        ProfileCommand::Test { name, mfa_code } => {
            profile_test::test(&store, &name, mfa_code, json)
        }
        ProfileCommand::Remove { name } => remove(&store, &name),
        ProfileCommand::Default { name } => set_default(&store, &name),
        ProfileCommand::Import { list, names } => profile_import::import(&store, names, list, json),
        ProfileCommand::Team(args) => crate::team::set(store, data_dir, args, json),
    }
}

fn remove(store: &Store, name: &str) -> Result<(), String> {
    let keychain = Keychain::os().map_err(|e| e.to_string())?;
    profiles(store, &keychain, &CredentialsCache::new())
        .remove(name)
        .map_err(|e| e.to_string())?;
    outln!("removed profile {name} and its keychain entry");
    Ok(())
}

fn set_default(store: &Store, name: &str) -> Result<(), String> {
    // Needs no secret: keyring's mock stands in so a locked keychain does not get in the way.
    let keychain = Keychain::mock();
    profiles(store, &keychain, &CredentialsCache::new())
        .set_default(name)
        .map_err(|e| e.to_string())?;
    outln!("{name} is the default profile");
    Ok(())
}

/// The profile operations over this store, the given keychain and a cache that lives as long
/// as this one command.
pub fn profiles<'a>(
    store: &'a Store,
    keychain: &'a Keychain,
    cache: &'a CredentialsCache,
) -> Profiles<'a> {
    Profiles {
        store,
        keychain,
        cache,
        aws_files: AwsFiles::from_env(),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProfileRow {
    name: String,
    kind: ProfileKind,
    region: String,
    is_default: bool,
    endpoint: Option<String>,
    /// As `up --expires-in` reads it (`8h`); absent when its environments never expire.
    default_lifetime: Option<String>,
}

fn list(store: &Store, json: bool) -> Result<(), String> {
    let rows: Vec<ProfileRow> = store
        .list_profiles()
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|p| ProfileRow {
            name: p.name,
            kind: p.kind,
            region: p.region,
            is_default: p.is_default,
            endpoint: p.endpoint,
            default_lifetime: p.default_lifetime.map(|l| l.to_string()),
        })
        .collect();
    print_rows(
        &rows,
        json,
        &["NAME", "KIND", "REGION", "DEFAULT", "LIFETIME", "ENDPOINT"],
        |p| {
            vec![
                p.name.clone(),
                p.kind.as_str().into(),
                p.region.clone(),
                if p.is_default {
                    "*".into()
                } else {
                    String::new()
                },
                p.default_lifetime.clone().unwrap_or_default(),
                p.endpoint.clone().unwrap_or_default(),
            ]
        },
    );
    Ok(())
}
