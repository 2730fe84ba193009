use hangar_core::profile::ProfileKind;
use hangar_store::Store;
use serde::Serialize;

use crate::output::print_rows;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProfileRow {
    name: String,
    kind: ProfileKind,
    region: String,
    is_default: bool,
    endpoint: Option<String>,
}

pub fn list(store: &Store, json: bool) -> Result<(), String> {
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
        })
        .collect();
    print_rows(&rows, json, &["NAME", "KIND", "REGION", "DEFAULT", "ENDPOINT"], |p| {
        vec![
            p.name.clone(),
            p.kind.as_str().into(),
            p.region.clone(),
            if p.is_default { "*".into() } else { String::new() },
            p.endpoint.clone().unwrap_or_default(),
        ]
    });
    Ok(())
}
