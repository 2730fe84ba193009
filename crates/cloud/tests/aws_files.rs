//! Reading the user's AWS files with the SDK's parser: what would be imported, and keys only
//! when asked for.

use hangar_cloud::AwsFiles;
use hangar_cloud::aws_files::{list_profiles, read_keys};
use hangar_core::profile::ProfileKind;

#[tokio::test]
async fn profiles_of_both_files_are_listed_without_secrets() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("credentials"),
        "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = file-secret-1\n\n[ci]\naws_access_key_id = AKIACI\naws_secret_access_key = file-secret-2\naws_session_token = file-token\n",
    )
    .expect("credentials");
    std::fs::write(
        dir.path().join("config"),
        "[default]\nregion = eu-west-1\n\n[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = default\nexternal_id = client-4711\nduration_seconds = 7200\n\n[profile sso-dev]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-west-2\n",
    )
    .expect("config");
    let files = AwsFiles::in_dir(dir.path());
    let profiles = list_profiles(&files).await.expect("list");
    let names: Vec<&str> = profiles.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["ci", "default", "deploy", "sso-dev"]);
    let by = |n: &str| profiles.iter().find(|p| p.name == n).expect("profile");
    assert_eq!(by("default").import_as, ProfileKind::AccessKeys);
    assert_eq!(by("default").region.as_deref(), Some("eu-west-1"));
    assert_eq!(by("deploy").external_id.as_deref(), Some("client-4711"));
    assert_eq!(by("deploy").duration_secs, Some(7200));
    assert!(by("sso-dev").sso);
    assert_eq!(by("sso-dev").import_as, ProfileKind::AwsConfig);
    let debug = format!("{profiles:?}");
    assert!(!debug.contains("file-secret"), "{debug}");

    let keys = read_keys(&files, "ci").await.expect("read").expect("keys");
    assert_eq!(keys.access_key_id, "AKIACI");
    assert_eq!(keys.secret_access_key.expose(), "file-secret-2");
    assert!(keys.session_token.is_some());
    assert!(read_keys(&files, "deploy").await.expect("read").is_none());
}

#[tokio::test]
async fn missing_files_are_no_profiles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profiles = list_profiles(&AwsFiles::in_dir(dir.path()))
        .await
        .expect("list");
    assert!(profiles.is_empty());
}

#[tokio::test]
async fn importing_moves_keys_into_the_keychain_and_keeps_roles_as_roles() {
    use hangar_cloud::{CredentialsCache, Profiles};
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("credentials"),
        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = imported-secret\n",
    )
    .expect("credentials");
    std::fs::write(
        dir.path().join("config"),
        "[default]\nregion = eu-west-1\n\n[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = default\nexternal_id = client-4711\n\n[profile sso-dev]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nregion = us-west-2\n",
    )
    .expect("config");
    let store = hangar_store::Store::open_in(dir.path()).expect("store");
    let keychain = hangar_keychain::Keychain::mock();
    let cache = CredentialsCache::new();
    let profiles = Profiles {
        store: &store,
        keychain: &keychain,
        cache: &cache,
        aws_files: AwsFiles::in_dir(dir.path()),
    };
    let names: Vec<String> = ["deploy", "default", "sso-dev", "nope"]
        .map(String::from)
        .into();
    let results = profiles.import(&names).await.expect("import");
    let kind = |n: &str| results.iter().find(|r| r.name == n).expect("result").kind;
    assert_eq!(kind("default"), Some(ProfileKind::AccessKeys));
    assert_eq!(kind("deploy"), Some(ProfileKind::AssumeRole));
    assert_eq!(kind("sso-dev"), Some(ProfileKind::AwsConfig));
    assert_eq!(kind("nope"), None);
    let secret = keychain
        .get("default")
        .expect("keychain")
        .expect("keys moved");
    assert_eq!(secret.secret_access_key.expose(), "imported-secret");
    let deploy = store.get_profile("deploy").expect("get").expect("deploy");
    assert_eq!(deploy.external_id.as_deref(), Some("client-4711"));
    assert_eq!(deploy.source_profile.as_deref(), Some("default"));

    let again = profiles
        .import(&["default".to_string()])
        .await
        .expect("import");
    assert!(
        again[0]
            .error
            .as_deref()
            .unwrap_or_default()
            .contains("already"),
        "{again:?}"
    );
    let listed = profiles.importable().await.expect("list");
    assert!(
        listed
            .iter()
            .all(|p| p.already_imported || p.profile.name == "ci")
    );
}
