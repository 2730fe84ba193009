//! A profile's endpoint receives its signed requests: changing it asks for the secret again,
//! and plain http is refused unless it stays on this machine.

use hangar_cloud::{AwsFiles, CredentialsCache, NewCredentials, NewProfile, Profiles};
use hangar_keychain::{Keychain, ProfileSecret, Secret};

fn profile(endpoint: Option<&str>, secret: Option<ProfileSecret>) -> NewProfile {
    NewProfile {
        name: "work".into(),
        region: "eu-west-1".into(),
        endpoint: endpoint.map(String::from),
        is_default: false,
        default_lifetime: None,
        credentials: NewCredentials::AccessKeys { secret },
    }
}

fn keys() -> Option<ProfileSecret> {
    Some(ProfileSecret::new(
        "AKIAIOSFODNN7EXAMPLE",
        Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ))
}

#[test]
fn changing_the_endpoint_needs_the_secret_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = hangar_store::Store::open_in(dir.path()).expect("store");
    let keychain = Keychain::mock();
    let cache = CredentialsCache::new();
    let profiles = Profiles {
        store: &store,
        keychain: &keychain,
        cache: &cache,
        aws_files: AwsFiles::in_dir(dir.path()),
    };
    profiles
        .save(profile(Some("https://minio.example.com"), keys()))
        .expect("saved with keys");
    // Same endpoint, keys kept: fine (editing the region, say).
    profiles
        .save(profile(Some("https://minio.example.com"), None))
        .expect("kept keys, same endpoint");
    let err = profiles
        .save(profile(Some("https://collector.example.net"), None))
        .expect_err("a new host with the kept keys");
    assert!(
        err.to_string()
            .contains("changing the endpoint needs the access key and secret again"),
        "{err}"
    );
    let err = profiles
        .save(profile(None, None))
        .expect_err("the endpoint removed with the kept keys");
    assert!(err.to_string().contains("endpoint"), "{err}");
    let stored = store.get_profile("work").expect("read").expect("profile");
    assert_eq!(
        stored.endpoint.as_deref(),
        Some("https://minio.example.com")
    );
    profiles
        .save(profile(Some("https://collector.example.net"), keys()))
        .expect("a new host with the keys given again");
}

#[test]
fn plain_http_to_another_machine_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = hangar_store::Store::open_in(dir.path()).expect("store");
    let keychain = Keychain::mock();
    let cache = CredentialsCache::new();
    let profiles = Profiles {
        store: &store,
        keychain: &keychain,
        cache: &cache,
        aws_files: AwsFiles::in_dir(dir.path()),
    };
    let err = profiles
        .save(profile(Some("http://10.0.0.5:4566"), keys()))
        .expect_err("plain http off the machine");
    assert!(
        err.to_string().contains("plain http to another machine"),
        "{err}"
    );
    profiles
        .save(profile(Some("http://127.0.0.1:4566"), keys()))
        .expect("an emulator on this machine");
}
