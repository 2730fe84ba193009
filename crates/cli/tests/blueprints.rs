//! Runs the real `hangar blueprint list|show` and `hangar plan` on the built-ins, on files and on
//! a user's copy in a real history.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BUILTINS: [&str; 5] = [
    "single-host-dev",
    "multi-az-three-tier",
    "docker-host",
    "app-and-database",
    "web-and-postgres",
];

/// A data directory that cannot be used: commands that do not need the history must not care.
fn unusable() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml/not-a-dir")
}

fn hangar_in(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hangar"))
        .args(args)
        .env("HANGAR_DATA_DIR", data_dir)
        .output()
        .expect("run hangar")
}

fn hangar(args: &[&str]) -> Output {
    hangar_in(&unusable(), args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(out));
    stdout(out)
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&ok(out)).expect("JSON on stdout")
}

fn blueprint_file(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../blueprints")
        .join(format!("{name}.toml"))
        .to_string_lossy()
        .into_owned()
}

fn plan_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["plan"];
    all.extend_from_slice(args);
    all.push("--json");
    json(&hangar(&all))
}

fn total(plan: &serde_json::Value) -> f64 {
    plan["cost"]["monthlyTotal"].as_f64().expect("monthlyTotal")
}

#[test]
fn list_names_every_builtin_with_its_title() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = ok(&hangar_in(dir.path(), &["blueprint", "list"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("NAME"), "{text}");
    for name in BUILTINS {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} missing:\n{text}"));
        assert!(line.contains("built-in"), "{line}");
    }
    assert!(text.contains("Web server and PostgreSQL"), "{text}");
    assert_eq!(lines.len(), 1 + BUILTINS.len(), "{text}");
    // Listing does not create a history that was not there.
    assert!(
        std::fs::read_dir(dir.path())
            .expect("read dir")
            .next()
            .is_none()
    );
}

#[test]
fn list_as_json_has_the_five_builtins_and_the_users_copies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rows = json(&hangar_in(dir.path(), &["blueprint", "list", "--json"]));
    let names: Vec<&str> = rows
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, BUILTINS);
    assert_eq!(rows[4]["source"], "builtin");
    assert!(!rows[4]["description"].as_str().expect("text").is_empty());

    let store = hangar_store::Store::open_in(dir.path()).expect("open");
    let text = hangar_core::blueprint::builtin_source("docker-host")
        .expect("built-in")
        .replace("name = \"docker-host\"", "name = \"my-docker\"");
    store
        .save_blueprint("my-docker", Some("docker-host"), &text)
        .expect("save");
    drop(store);

    let rows = json(&hangar_in(dir.path(), &["blueprint", "list", "--json"]));
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[5]["name"], "my-docker");
    assert_eq!(rows[5]["source"], "user");
    assert_eq!(rows[5]["basedOn"], "docker-host");
    let text = ok(&hangar_in(dir.path(), &["blueprint", "list"]));
    assert!(
        text.lines()
            .any(|l| l.starts_with("my-docker ") && l.contains("user copy of docker-host")),
        "{text}"
    );

    // A user's copy is found by name by `show` and `plan`.
    let shown = json(&hangar_in(
        dir.path(),
        &["blueprint", "show", "my-docker", "--json"],
    ));
    assert_eq!(shown["source"], "user");
    let plan = json(&hangar_in(dir.path(), &["plan", "my-docker", "--json"]));
    assert_eq!(plan["blueprint"], "my-docker");
}

#[test]
fn show_lists_parameters_and_the_toml() {
    let text = ok(&hangar(&["blueprint", "show", "web-and-postgres"]));
    assert!(
        text.starts_with("web-and-postgres: Web server and PostgreSQL\n"),
        "{text}"
    );
    assert!(text.contains("\nParameters:\n"), "{text}");
    let env_line = text
        .lines()
        .find(|l| l.trim_start().starts_with("environment "))
        .expect("environment parameter");
    assert!(env_line.contains("string"), "{env_line}");
    assert!(env_line.contains("dev, prod"), "{env_line}");
    let instance = text
        .lines()
        .find(|l| l.trim_start().starts_with("instance_type "))
        .expect("instance_type parameter");
    assert!(instance.contains("t3.small"), "{instance}");
    assert!(instance.contains("prod=t3.medium"), "{instance}");
    // The TOML, as shipped.
    assert!(text.contains("\nTOML:\n"), "{text}");
    assert!(
        text.contains("[blueprint]\nname = \"web-and-postgres\""),
        "{text}"
    );
}

#[test]
fn show_as_json_and_from_a_file() {
    let shown = json(&hangar(&[
        "blueprint",
        "show",
        "web-and-postgres",
        "--json",
    ]));
    assert_eq!(shown["name"], "web-and-postgres");
    assert_eq!(shown["source"], "builtin");
    let params = shown["params"].as_array().expect("params");
    let env = params
        .iter()
        .find(|p| p["name"] == "environment")
        .expect("environment");
    assert_eq!(env["type"], "string");
    assert_eq!(env["default"], "dev");
    assert_eq!(env["allowed"], serde_json::json!(["dev", "prod"]));
    let multi_az = params
        .iter()
        .find(|p| p["name"] == "db_multi_az")
        .expect("db_multi_az");
    assert_eq!(multi_az["envDefaults"]["prod"], "true");

    let file = blueprint_file("docker-host");
    let shown = json(&hangar(&["blueprint", "show", &file, "--json"]));
    assert_eq!(shown["name"], "docker-host");
    assert_eq!(shown["source"], "file");
    let text = ok(&hangar(&["blueprint", "show", &file]));
    assert!(text.contains(&format!("from {file}")), "{text}");
}

#[test]
fn show_of_an_unknown_blueprint_is_one_line_and_exit_2() {
    let out = hangar(&["blueprint", "show", "no-such-blueprint"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no blueprint named 'no-such-blueprint'"),
        "{err}"
    );
}

#[test]
fn plan_of_web_and_postgres_lists_steps_in_dependency_order_then_cost_then_outputs() {
    let text = ok(&hangar(&["plan", "web-and-postgres"]));
    let lines: Vec<&str> = text.lines().collect();
    let steps = lines
        .iter()
        .position(|l| l.starts_with("Steps ("))
        .expect("steps header");
    let count = lines[steps + 1..]
        .iter()
        .take_while(|l| !l.is_empty())
        .count();
    assert!(count > 10, "{text}");
    // `  1. eip.nat-a  Elastic IP  domain=vpc ...`: numbered from 1, in order.
    for (i, line) in lines[steps + 1..steps + 1 + count].iter().enumerate() {
        assert!(
            line.trim_start().starts_with(&format!("{}. ", i + 1)),
            "{line}"
        );
    }
    let pos = |prefix: &str| {
        lines
            .iter()
            .position(|l| {
                l.split_whitespace()
                    .nth(1)
                    .is_some_and(|w| w.starts_with(prefix))
            })
            .unwrap_or_else(|| panic!("no step {prefix}:\n{text}"))
    };
    let vpc = pos("vpc.");
    let subnet = pos("subnet.");
    assert!(vpc < subnet, "{text}");
    let vpc_line: Vec<&str> = lines[vpc].split_whitespace().collect();
    assert_eq!(
        vpc_line[1..4],
        ["vpc.main", "VPC", "cidr_block=10.0.0.0/16"],
        "{text}"
    );
    assert!(lines[pos("rds_instance.")].contains("(slow)"), "{text}");
    assert!(lines[pos("nat_gateway.")].contains("(slow)"), "{text}");
    assert!(!lines[vpc].contains("(slow)"), "{text}");

    let cost = lines
        .iter()
        .position(|l| l.starts_with("Monthly cost"))
        .expect("cost");
    let outputs = lines
        .iter()
        .position(|l| *l == "Outputs:")
        .expect("outputs");
    assert!(subnet < cost && cost < outputs, "{text}");
    let total_line = lines[cost..outputs]
        .iter()
        .find(|l| l.trim_start().starts_with("Total"))
        .expect("total");
    let total: f64 = total_line
        .split_whitespace()
        .last()
        .and_then(|t| t.parse().ok())
        .expect("a number");
    assert!(total > 0.0, "{total_line}");
    assert!(
        lines[outputs..]
            .iter()
            .any(|l| l.contains("db_endpoint") && l.contains("databases.postgres.endpoint")),
        "{text}"
    );
}

#[test]
fn plan_as_json_is_the_whole_plan() {
    let plan = plan_json(&["web-and-postgres"]);
    assert_eq!(plan["blueprint"], "web-and-postgres");
    assert_eq!(plan["region"], "us-east-1");
    assert_eq!(plan["parameters"]["environment"], "dev");
    let order: Vec<&str> = plan["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| s["logical"].as_str().expect("logical"))
        .collect();
    let vpc = order
        .iter()
        .position(|l| l.starts_with("vpc."))
        .expect("vpc");
    for (i, l) in order.iter().enumerate() {
        if l.starts_with("subnet.") {
            assert!(vpc < i, "{order:?}");
        }
    }
    assert!(total(&plan) > 0.0);
    assert!(
        plan["graph"]["nodes"]
            .as_array()
            .is_some_and(|n| !n.is_empty())
    );
    assert!(
        plan["diagram"]["nodes"]
            .as_array()
            .is_some_and(|n| !n.is_empty())
    );
    assert!(plan["outputs"].as_array().is_some_and(|o| !o.is_empty()));
}

#[test]
fn set_environment_prod_changes_the_cost() {
    let dev = plan_json(&["web-and-postgres"]);
    let prod = plan_json(&["web-and-postgres", "--set", "environment=prod"]);
    assert_eq!(prod["parameters"]["environment"], "prod");
    assert_eq!(prod["parameters"]["instance_type"], "t3.medium");
    assert!(
        total(&prod) > total(&dev),
        "{} vs {}",
        total(&prod),
        total(&dev)
    );
}

#[test]
fn bad_set_values_are_each_reported_with_their_path_and_exit_1() {
    let out = hangar(&[
        "plan",
        "multi-az-three-tier",
        "--set",
        "az_count=abc",
        "--set",
        "nope=1",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines.iter().any(|l| l.starts_with("set.az_count: ")),
        "{err}"
    );
    assert!(lines.iter().any(|l| l.starts_with("set.nope: ")), "{err}");

    let out = hangar(&["plan", "web-and-postgres", "--set", "project"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("set[0]: expected key=value"),
        "{}",
        stderr(&out)
    );

    let out = hangar(&["plan", "web-and-postgres", "--set", "nope=1", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(body["errors"][0]["path"], "set.nope");
}

#[test]
fn an_invalid_file_reports_every_error_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = hangar_core::blueprint::builtin_source("web-and-postgres")
        .expect("built-in")
        .replace("10.0.0.0/16", "10.0.0.0/33");
    let path = dir.path().join("broken.toml");
    std::fs::write(&path, text).expect("write");
    let out = hangar(&["plan", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(!err.is_empty());
    for line in err.lines() {
        let (path, message) = line.split_once(": ").expect("path: message");
        assert!(!path.contains(' '), "{line}");
        assert!(!message.is_empty(), "{line}");
    }
}

#[test]
fn plan_from_a_file_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mine.toml");
    std::fs::copy(blueprint_file("single-host-dev"), &path).expect("copy");
    let plan = plan_json(&[path.to_str().expect("utf-8")]);
    assert_eq!(plan["blueprint"], "single-host-dev");
    assert!(total(&plan) > 0.0);
}

#[test]
fn an_unknown_blueprint_is_one_line_and_exit_2() {
    let out = hangar(&["plan", "no-such-blueprint"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    let out = hangar(&["plan", "./missing.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read ./missing.toml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn mermaid_prints_only_the_diagram() {
    let text = ok(&hangar(&["plan", "web-and-postgres", "--mermaid"]));
    assert!(text.starts_with("flowchart"), "{text}");
    let core = {
        let bp = hangar_core::load_builtin("web-and-postgres").expect("built-in");
        let plan = hangar_core::plan(&bp, &hangar_core::Overrides::new()).expect("plan");
        plan.diagram.to_mermaid()
    };
    assert_eq!(text.trim_end(), core.trim_end());
}
