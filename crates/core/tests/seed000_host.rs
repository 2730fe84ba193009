//! Seed 000's host as the plan renders it: the frontend's API address is the host's public
//! one (asked of IMDSv2 at boot), the database password is a placeholder the launch fills from
//! the keychain (never `postgres`), and the plan says what the user data does, host by host.

mod common;
mod injection;

use std::process::Command;

use common::*;
use hangar_core::blueprint::parse_blueprint;
use hangar_core::blueprint::{Overrides, builtin_names, builtin_source};
use hangar_core::plan::plan;
use hangar_core::userdata::{
    FileContents, GENERATED_PASSWORD_PLACEHOLDER, HostAction, SCRIPT_HEADER, shell_quote,
};

/// A service's published ports as `(host, container)`.
type Published = Vec<(String, String)>;

#[test]
fn the_frontend_gets_the_hosts_public_url_not_a_compose_name() {
    let p = plan_of("single-host-dev", &[]);
    let script = user_data(node(&p, "instance.dev-server"));
    let compose = compose_of(&script);
    assert!(
        compose.contains("\"NEXT_PUBLIC_API_URL\": \"http://${HANGAR_PUBLIC_HOST}:8000\""),
        "{compose}"
    );
    assert!(!compose.contains("backend:8000"), "{compose}");

    // The address is written to .env before compose starts (compose interpolates from it).
    let run = injection::run(&script);
    run.assert_contained(&script);
    let order: Vec<String> = run.calls.iter().map(|c| c[0].clone()).collect();
    let at = |cmd: &str| order.iter().position(|c| c == cmd).expect(cmd);
    assert_eq!(
        run.calls_of("public_host_env"),
        [["public_host_env", "HANGAR_PUBLIC_HOST", "/opt/app/.env"]]
    );
    assert!(at("public_host_env") < at("docker"));
    let dotenv = run
        .calls_of("put_file")
        .into_iter()
        .position(|c| c[1] == "/opt/app/.env");
    assert!(dotenv.is_some(), "the .env is created (mode 600) first");
}

/// The real header helper, with `curl` replaced by IMDS's answers: a token, then the public
/// DNS name, else the public IPv4 when the VPC gives no DNS name.
fn public_host_with(imds: &str) -> (String, Option<i32>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let env = dir.path().join(".env");
    let script = format!(
        "{SCRIPT_HEADER}curl() {{ {imds} }}\npublic_host_env HANGAR_PUBLIC_HOST {}\n",
        shell_quote(&env.display().to_string())
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .expect("bash");
    (
        std::fs::read_to_string(&env).unwrap_or_default(),
        out.status.code(),
    )
}

#[test]
fn the_host_asks_imdsv2_for_its_dns_name_then_its_ip() {
    let token_then = |hostname: &str| {
        format!(
            "case \"$*\" in *'-X PUT'*api/token*) printf tok;; \
             *'X-aws-ec2-metadata-token: tok'*public-hostname) {hostname};; \
             *'X-aws-ec2-metadata-token: tok'*public-ipv4) printf 203.0.113.7;; \
             *) return 22;; esac;"
        )
    };
    let (env, status) = public_host_with(&token_then(
        "printf ec2-203-0-113-7.compute-1.amazonaws.com",
    ));
    assert_eq!(status, Some(0));
    assert_eq!(
        env,
        "HANGAR_PUBLIC_HOST=ec2-203-0-113-7.compute-1.amazonaws.com\n"
    );
    // No DNS name (404), or an empty one: the public IPv4.
    for no_name in ["return 22", "printf ''"] {
        let (env, status) = public_host_with(&token_then(no_name));
        assert_eq!(status, Some(0), "{no_name}");
        assert_eq!(env, "HANGAR_PUBLIC_HOST=203.0.113.7\n", "{no_name}");
    }
    // Without a token (IMDSv1 only answers without one) nothing is written and the boot stops.
    let (env, status) = public_host_with("return 22;");
    assert_ne!(status, Some(0));
    assert_eq!(env, "");
}

#[test]
fn the_database_password_is_a_placeholder_never_postgres() {
    let p = plan_of("single-host-dev", &[]);
    let script = user_data(node(&p, "instance.dev-server"));
    let compose = compose_of(&script);
    assert!(!compose.contains(":-postgres"), "{compose}");
    assert!(compose.contains("\"POSTGRES_PASSWORD\": \"${POSTGRES_PASSWORD:?}\""));
    let run = injection::run(&script);
    assert_eq!(
        run.calls_of("env_line"),
        [[
            "env_line",
            "POSTGRES_PASSWORD",
            GENERATED_PASSWORD_PLACEHOLDER,
            "/opt/app/.env"
        ]]
    );
    assert_eq!(
        field(node(&p, "instance.dev-server"), "generated_password_env"),
        "POSTGRES_PASSWORD"
    );
}

#[test]
fn the_plan_says_what_the_single_host_does() {
    let p = plan_of("single-host-dev", &[("enable_worker", "true")]);
    let [host] = p.hosts.as_slice() else {
        panic!("one host: {:?}", p.hosts)
    };
    assert_eq!(host.logical, "instance.dev-server");
    assert_eq!(
        host.actions[0],
        HostAction::InstallPackages {
            manager: "apt-get".into(),
            packages: vec!["docker.io".into(), "docker-compose-v2".into()]
        }
    );
    assert!(host.actions.contains(&HostAction::GeneratedPassword {
        variable: "POSTGRES_PASSWORD".into()
    }));
    assert!(host.actions.contains(&HostAction::PublicAddress {
        variable: "HANGAR_PUBLIC_HOST".into()
    }));
    assert!(host.actions.contains(&HostAction::WriteFile {
        path: "/opt/app/.env".into(),
        mode: "600".into(),
        holds: FileContents::DotEnv
    }));
    assert_eq!(
        host.actions.last(),
        Some(&HostAction::ComposeUp {
            dir: "/opt/app".into(),
            profiles: vec!["worker".into()]
        })
    );
    let ports: Vec<(String, String, Published)> = host
        .services
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                s.image.clone(),
                s.ports
                    .iter()
                    .map(|p| (p.host.clone(), p.container.clone()))
                    .collect(),
            )
        })
        .collect();
    let pair = |h: &str, c: &str| vec![(h.to_string(), c.to_string())];
    assert_eq!(
        ports,
        [
            (
                "frontend".into(),
                "migration/frontend:latest".into(),
                pair("8081", "8081")
            ),
            (
                "backend".into(),
                "migration/backend:latest".into(),
                pair("8000", "8000")
            ),
            (
                "postgres".into(),
                "postgres:16-alpine".into(),
                pair("5433", "5432")
            ),
            (
                "redis".into(),
                "redis:7-alpine".into(),
                pair("6379", "6379")
            ),
            (
                "assessment-worker".into(),
                "migration/backend:latest".into(),
                vec![]
            ),
        ]
    );
    let postgres = &host.services[2];
    assert_eq!(postgres.uses_generated_password, ["POSTGRES_PASSWORD"]);
    let text: Vec<String> = host.actions.iter().map(ToString::to_string).collect();
    assert!(
        text.contains(&"set POSTGRES_PASSWORD: generated, kept in the keychain".to_string()),
        "{text:?}"
    );
}

#[test]
fn every_builtin_host_with_user_data_is_summarised() {
    for name in builtin_names() {
        let bp = parse_blueprint(builtin_source(name).expect("source")).expect("valid");
        let p = plan(&bp, &Overrides::default()).expect("plan");
        let with_script: Vec<&str> = p
            .graph
            .nodes
            .iter()
            .filter(|n| field(n, "user_data") != serde_json::Value::Null)
            .map(|n| n.logical.as_str())
            .collect();
        let summarised: Vec<&str> = p.hosts.iter().map(|h| h.logical.as_str()).collect();
        assert_eq!(summarised, with_script, "{name}");
        for h in &p.hosts {
            assert!(
                h.actions
                    .iter()
                    .any(|a| matches!(a, HostAction::StartSystemService { .. })),
                "{name}: {h:?}"
            );
        }
    }
}

#[test]
fn a_public_url_must_name_a_published_port_and_a_variable() {
    let source = builtin_source("single-host-dev").expect("source").replace(
        "public_urls = { NEXT_PUBLIC_API_URL = { port = 8000 } }",
        "public_urls = { NEXT_PUBLIC_API_URL = { port = 9000 }, \"bad-name\" = { port = 8000 } }",
    );
    let bp = parse_blueprint(&source).expect("parses");
    let errors = plan(&bp, &Overrides::default()).expect_err("refused");
    let paths: Vec<String> = errors.iter().map(|e| e.path.clone()).collect();
    assert!(
        paths.contains(
            &"instances[0].user_data.services[0].public_urls.NEXT_PUBLIC_API_URL.port".to_string()
        ),
        "{errors:?}"
    );
    assert!(
        paths.contains(&"instances[0].user_data.services[0].public_urls.bad-name".to_string()),
        "{errors:?}"
    );
}
