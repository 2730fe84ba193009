use hangar_cloud::CredentialsCache;
use hangar_keychain::Keychain;
use hangar_store::Store;

use crate::output::print_rows;

pub fn import(
    store: &Store,
    names: Vec<String>,
    list_only: bool,
    json: bool,
) -> Result<(), String> {
    let cache = CredentialsCache::new();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    if list_only || names.is_empty() {
        // Listing reads the files only; it must work without a keychain.
        let keychain = Keychain::mock();
        let profiles = crate::profile::profiles(store, &keychain, &cache);
        let found = runtime
            .block_on(profiles.importable())
            .map_err(|e| e.to_string())?;
        print_rows(
            &found,
            json,
            &["NAME", "IMPORT AS", "REGION", "IMPORTED"],
            |p| {
                vec![
                    p.profile.name.clone(),
                    p.profile.import_as.as_str().into(),
                    p.profile.region.clone().unwrap_or_default(),
                    if p.already_imported {
                        "yes".into()
                    } else {
                        String::new()
                    },
                ]
            },
        );
        return Ok(());
    }
    let keychain = Keychain::os().map_err(|e| e.to_string())?;
    let profiles = crate::profile::profiles(store, &keychain, &cache);
    let results = runtime
        .block_on(profiles.import(&names))
        .map_err(|e| e.to_string())?;
    let failed = results.iter().filter(|r| r.error.is_some()).count();
    if json {
        print_rows(&results, true, &[], |_| Vec::new());
    } else {
        for r in &results {
            match (&r.kind, &r.error) {
                (Some(kind), _) => outln!("imported {} as {}", r.name, kind.as_str()),
                (None, Some(error)) => eprintln!("hangar: {} not imported: {error}", r.name),
                (None, None) => {}
            }
            for warning in &r.warnings {
                eprintln!("hangar: warning: {warning}");
            }
        }
    }
    if failed > 0 {
        return Err(format!(
            "{failed} of {} profiles were not imported",
            results.len()
        ));
    }
    Ok(())
}
