//! The emulator runs with a cleared environment: nothing of the user's shell (no `AWS_*`
//! credentials, profiles or endpoints) reaches it, and its catalogue is not in a shared name.
#![cfg(target_os = "linux")]

use hangar_sandbox::MotoServer;

#[test]
fn the_server_sees_only_the_variables_it_is_given() {
    let data = tempfile::tempdir().expect("tempdir");
    let server = MotoServer::start_in(data.path()).expect("moto_server starts (run `make setup`)");
    let environ = std::fs::read(format!("/proc/{}/environ", server.pid())).expect("environ");
    let names: Vec<String> = environ
        .split(|b| *b == 0)
        .filter(|v| !v.is_empty())
        .map(|v| {
            let v = String::from_utf8_lossy(v);
            v.split('=').next().unwrap_or_default().to_owned()
        })
        .collect();
    const ALLOWED: &[&str] = &[
        "PATH",
        "HOME",
        "LANG",
        "LC_ALL",
        "TMPDIR",
        "MOTO_AMIS_PATH",
        "MOTO_IAM_LOAD_MANAGED_POLICIES",
    ];
    let extra: Vec<&String> = names
        .iter()
        .filter(|n| !ALLOWED.contains(&n.as_str()))
        .collect();
    assert!(extra.is_empty(), "the emulator inherited {extra:?}");
    assert!(names.iter().any(|n| n == "MOTO_AMIS_PATH"));
    let catalogue: Vec<_> = std::fs::read_dir(data.path())
        .expect("data dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        catalogue.iter().any(|n| n.starts_with("sandbox-images-")),
        "{catalogue:?}"
    );
}
