//! Users' blueprints in a real SQLite file: saved, listed, read back, replaced and deleted.

use hangar_store::Store;

const SOURCE: &str = "[blueprint]\nname = \"my-net\"\ntitle = \"Mine\"\n";

#[test]
fn user_blueprints_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    assert!(store.list_blueprints().expect("list").is_empty());
    assert_eq!(store.get_blueprint("my-net").expect("get"), None);

    let saved = store
        .save_blueprint("my-net", Some("web-and-postgres"), SOURCE)
        .expect("save");
    assert_eq!(saved.name, "my-net");
    assert_eq!(saved.based_on.as_deref(), Some("web-and-postgres"));
    assert_eq!(saved.source, SOURCE);
    assert!(saved.created_at.ends_with('Z'), "{}", saved.created_at);
    store
        .save_blueprint("another", None, "x")
        .expect("save another");

    let names: Vec<_> = store
        .list_blueprints()
        .expect("list")
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(names, ["another", "my-net"]);

    let edited = format!("{SOURCE}description = \"edited\"\n");
    let replaced = store
        .save_blueprint("my-net", Some("web-and-postgres"), &edited)
        .expect("replace");
    assert_eq!(
        replaced.created_at, saved.created_at,
        "creation time is kept"
    );
    assert!(replaced.updated_at >= saved.updated_at);
    let read = store.get_blueprint("my-net").expect("get").expect("exists");
    assert_eq!(read.source, edited);
    assert_eq!(store.list_blueprints().expect("list").len(), 2);

    assert!(store.delete_blueprint("my-net").expect("delete"));
    assert!(!store.delete_blueprint("my-net").expect("delete again"));
    assert_eq!(store.get_blueprint("my-net").expect("get"), None);
}

#[test]
fn a_blueprint_needs_a_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    assert!(store.save_blueprint("  ", None, SOURCE).is_err());
}

#[test]
fn user_blueprints_survive_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    Store::open_in(dir.path())
        .expect("open")
        .save_blueprint("kept", None, SOURCE)
        .expect("save");
    let store = Store::open_in(dir.path()).expect("reopen");
    assert_eq!(
        store.get_blueprint("kept").expect("get").map(|b| b.source),
        Some(SOURCE.to_string())
    );
}
