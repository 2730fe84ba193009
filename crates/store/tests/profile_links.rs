use hangar_store::{ProfileKind, ProfileRecord, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    (dir, store)
}

#[test]
fn one_default_at_a_time() {
    let (_dir, store) = store();
    let mut a = ProfileRecord::new("a", ProfileKind::AccessKeys, "us-east-1");
    a.is_default = true;
    store.save_profile(&a).expect("save a");
    store
        .save_profile(&ProfileRecord::new(
            "b",
            ProfileKind::AccessKeys,
            "us-east-1",
        ))
        .expect("save b");
    assert!(store.set_default_profile("b").expect("set"));
    let defaults: Vec<String> = store
        .list_profiles()
        .expect("list")
        .into_iter()
        .filter(|p| p.is_default)
        .map(|p| p.name)
        .collect();
    assert_eq!(defaults, ["b"]);
    assert!(
        !store
            .set_default_profile("missing")
            .expect("missing is not an error")
    );
    assert!(store.get_profile("b").expect("get").expect("b").is_default);
}

#[test]
fn roles_assumed_from_a_profile_are_found() {
    let (_dir, store) = store();
    store
        .save_profile(&ProfileRecord::new(
            "base",
            ProfileKind::AccessKeys,
            "us-east-1",
        ))
        .expect("base");
    let mut role = ProfileRecord::new("deploy", ProfileKind::AssumeRole, "us-east-1");
    role.source_profile = Some("base".into());
    role.role_arn = Some("arn:aws:iam::123456789012:role/Deploy".into());
    store.save_profile(&role).expect("role");
    assert_eq!(store.profiles_sourced_from("base").expect("q"), ["deploy"]);
    assert!(store.profiles_sourced_from("deploy").expect("q").is_empty());
}
