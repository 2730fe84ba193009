//! No value of a blueprint reaches the root shell of user data as anything but one literal
//! word. Hostile strings (quotes, `$()`, backticks, newlines, heredoc terminators, NUL,
//! U+2028) go through every field that reaches the script or the files it writes; each is
//! either refused by validation at that field's path, or the script parses (`bash -n`) and a
//! sandboxed run (tests/injection) shows nothing but the expected commands ran, no file was
//! written, and the value arrived verbatim.

mod injection;

use hangar_core::blueprint::schema::{OsFamily, Service, UserDataSpec};
use hangar_core::blueprint::{Overrides, builtin_source, parse_blueprint};
use hangar_core::plan::plan;
use hangar_core::userdata::{ExtraFile, Extras, render_user_data};
use hangar_core::users::{check_users_csv, user_data_with_users};
use proptest::prelude::*;

/// Pieces a real attack is built from; `pwned` is the file a payload would create.
const FRAGMENTS: &[&str] = &[
    "'",
    "\"",
    "$(>pwned)",
    "`>pwned`",
    "\n",
    "\r\n",
    ";>pwned;",
    "&& >pwned",
    "| tee pwned",
    "\nEOF\n>pwned\nEOF\n",
    "EOF",
    "\\",
    "$'\\x3e'pwned",
    "${IFS}",
    "\u{2028}",
    "\0",
    " ",
    "*",
    "~",
    "..",
    "/",
    "app",
    "opt",
    "-",
    "_",
    ".",
    "#",
    "!",
    "{",
    "}",
    "%s",
    "\t",
    "$HOME",
    "$((1))",
    "${v}",
    "$${x}",
    "'$(>pwned)'",
    "\"$(>pwned)\"",
    "<<EOF",
    "\u{7f}",
    "é",
];

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
            1 => "[ -~]{0,6}",
        ],
        1..6,
    )
    .prop_map(|parts| parts.concat())
}

/// A field of docker-host's user data and the blueprint path its errors carry.
#[derive(Debug, Clone, Copy)]
enum Field {
    ComposeDir,
    /// `compose_dir = "/opt/${project}"` with `--set project=<value>`: the example.
    ComposeDirFromParam,
    UsersCsvPath,
    UsersEnv,
    VolumeRoot,
    /// `--set docker_images=<value>`.
    Image,
    ServiceImage,
    ContainerName,
    Profile,
    EnvKey,
}

const FIELDS: &[Field] = &[
    Field::ComposeDir,
    Field::ComposeDirFromParam,
    Field::UsersCsvPath,
    Field::UsersEnv,
    Field::VolumeRoot,
    Field::Image,
    Field::ServiceImage,
    Field::ContainerName,
    Field::Profile,
    Field::EnvKey,
];

const UD: &str = "instances[0].user_data";

impl Field {
    fn path(self) -> String {
        match self {
            Field::ComposeDir | Field::ComposeDirFromParam => format!("{UD}.compose_dir"),
            Field::UsersCsvPath => format!("{UD}.users_csv_path"),
            Field::UsersEnv => format!("{UD}.users_env"),
            Field::VolumeRoot => format!("{UD}.volume_root"),
            // A comma splits the list parameter: any of its images may be the refused one.
            Field::Image => format!("{UD}.images["),
            Field::ServiceImage => format!("{UD}.services[0].image"),
            Field::ContainerName => format!("{UD}.services[0].container_name"),
            Field::Profile => format!("{UD}.services[0].profiles[0]"),
            Field::EnvKey => format!("{UD}.services[0].environment."),
        }
    }
}

/// A one-line TOML basic string (a key may not be multi-line): every control character and
/// the two TOML specials escaped, nothing else touched.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// docker-host's blueprint with its user data line replaced by one that has every field, the
/// one under test holding `value`.
fn blueprint_text(field: Field, value: &str) -> String {
    let v = |f: Field, benign: &str| {
        if std::mem::discriminant(&f) == std::mem::discriminant(&field) {
            toml_str(value)
        } else {
            toml_str(benign)
        }
    };
    let compose_dir = match field {
        Field::ComposeDirFromParam => toml_str("/opt/${project}"),
        _ => v(Field::ComposeDir, "/opt/app"),
    };
    let line = format!(
        "user_data = {{ docker = true, compose_dir = {compose_dir}, volume_root = {}, \
         images = \"${{docker_images}}\", users_csv_path = {}, users_env = {}, services = [{{ name = \"app\", \
         image = {}, container_name = {}, profiles = [{}], environment = {{ {} = \"on\" }} }}] }}",
        v(Field::VolumeRoot, "/opt"),
        v(Field::UsersCsvPath, "/opt/app/users.csv"),
        v(Field::UsersEnv, "APP_USERS_B64"),
        v(Field::ServiceImage, "ghcr.io/acme/app:v1"),
        v(Field::ContainerName, "acme_app"),
        v(Field::Profile, "worker"),
        v(Field::EnvKey, "MODE"),
    );
    let source = builtin_source("docker-host").expect("docker-host is built in");
    let original = source
        .lines()
        .find(|l| l.starts_with("user_data = "))
        .expect("docker-host has a user_data line");
    source.replace(original, &line)
}

/// The rendered script with one user baked in (so the users path and variable are used) and
/// the resolved compose_dir, or the validation errors.
fn script_for(field: Field, value: &str) -> Result<(String, String), Vec<(String, String)>> {
    let errors = |e: hangar_core::error::ValidationErrors| {
        e.iter()
            .map(|e| (e.path.clone(), e.message.clone()))
            .collect::<Vec<_>>()
    };
    let bp = parse_blueprint(&blueprint_text(field, value)).map_err(errors)?;
    let overrides: Overrides = match field {
        Field::ComposeDirFromParam => [("project", value)].into_iter().collect(),
        Field::Image => [("docker_images", value)].into_iter().collect(),
        _ => Overrides::new(),
    };
    let planned = plan(&bp, &overrides).map_err(errors)?;
    let (_, spec) = bp.resolve(&overrides).map_err(errors)?;
    let rows = check_users_csv(b"username,email,role\nann,ann@example.com,admin\n")
        .expect("a valid CSV")
        .users;
    let node = planned.graph.get("instance.host").expect("the host");
    let payload = user_data_with_users(&spec, node, &rows)
        .expect("fits")
        .expect("the host takes users");
    assert!(!payload.gzipped);
    let dir = spec.instances[0]
        .user_data
        .as_ref()
        .map(|u| u.compose_dir.trim_end_matches('/').to_owned())
        .expect("user data");
    Ok((String::from_utf8(payload.bytes).expect("utf-8"), dir))
}

fn check_field(field: Field, value: &str) -> Result<(), TestCaseError> {
    match script_for(field, value) {
        Err(errors) => {
            let path = field.path();
            // `project` also names docker-host's IAM role and instance profile: a value those
            // refuse (a `/`) may make a compose_dir that is still a path ("/opt//").
            let also_fed = |p: &str| {
                matches!(field, Field::ComposeDirFromParam) && p.starts_with("iam_roles[")
            };
            prop_assert!(
                errors
                    .iter()
                    .any(|(p, _)| p.starts_with(&path) || also_fed(p)),
                "{value:?} in {path} was refused, but not at its path: {errors:?}"
            );
        }
        Ok((script, dir)) => {
            prop_assert_eq!(injection::parses(&script), Ok(()));
            let run = injection::run(&script);
            run.assert_contained(&script);
            prop_assert_eq!(run.calls_of("cd"), vec![vec!["cd".to_owned(), dir]]);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Every field, through the blueprint and validation, as a user's blueprint would go.
    #[test]
    fn hostile_values_are_refused_or_stay_inert(
        field in prop::sample::select(FIELDS),
        value in hostile(),
    ) {
        check_field(field, &value)?;
    }

    /// The quoting alone, with validation skipped: each interpolated value arrives as exactly
    /// the word it was. NUL is left out: validation refuses it, and a bash word cannot hold it.
    #[test]
    fn quoting_alone_keeps_each_value_one_literal_word(
        dir in hostile().prop_map(|s| s.replace('\0', "")),
        csv_path in hostile().prop_map(|s| s.replace('\0', "")),
        var in hostile().prop_map(|s| s.replace('\0', "")),
        profile in hostile().prop_map(|s| s.replace('\0', "")),
    ) {
        let dir = format!("/{}", dir.trim_end_matches('/'));
        let spec = UserDataSpec {
            docker: true,
            compose_dir: dir.clone(),
            services: vec![service(&profile)],
            ..Default::default()
        };
        let extras = Extras {
            files: vec![ExtraFile { path: csv_path.clone(), contents: b"a,b\n".to_vec(), mode: 0o644 }],
            env: Vec::new(),
            env_from_files: vec![(var.clone(), csv_path.clone())],
        };
        let script = render_user_data(&spec, OsFamily::Ubuntu, &extras);
        prop_assert_eq!(injection::parses(&script), Ok(()));
        let run = injection::run(&script);
        run.assert_contained(&script);
        let dir = dir.trim_end_matches('/').to_owned();
        let env_file = format!("{dir}/.env");
        prop_assert_eq!(run.calls_of("cd"), vec![vec!["cd".to_owned(), dir.clone()]]);
        let env_from = run.calls_of("env_from_file");
        prop_assert_eq!(env_from, vec![vec!["env_from_file".to_owned(), var, csv_path.clone(), env_file.clone()]]);
        let written: Vec<String> = run.calls_of("put_file").into_iter().map(|c| c[1].clone()).collect();
        prop_assert_eq!(written, vec![format!("{dir}/docker-compose.yml"), csv_path, env_file]);
        let docker = run.calls_of("docker");
        prop_assert_eq!(docker, vec![vec!["docker".to_owned(), "compose".to_owned(), "--profile".to_owned(), profile, "up".to_owned(), "-d".to_owned()]]);
    }
}

fn service(profile: &str) -> Service {
    Service {
        name: "app".into(),
        image: "nginx".into(),
        container_name: None,
        ports: Vec::new(),
        environment: Default::default(),
        depends_on: Vec::new(),
        volumes: Vec::new(),
        command: None,
        profiles: vec![profile.to_owned()],
        healthcheck: None,
        public_urls: Default::default(),
        enabled: true,
    }
}

/// The harness itself catches an injection: a script that pastes a value unquoted runs the
/// payload, and the sandbox reports it.
#[test]
fn the_sandbox_catches_an_unquoted_value() {
    let pasted = format!(
        "{}cd /opt/x; >pwned\ndocker compose --profile $(id) up -d\n",
        hangar_core::userdata::SCRIPT_HEADER
    );
    let run = injection::run(&pasted);
    assert_eq!(run.stray_files, ["pwned"]);
    assert_eq!(run.unexpected, ["id"]);
}

/// The benign blueprint passes and its script runs in the sandbox as expected.
#[test]
fn the_benign_blueprint_renders_and_runs() {
    let (script, _) = script_for(Field::ComposeDir, "/opt/app").expect("valid");
    let run = injection::run(&script);
    run.assert_contained(&script);
    assert_eq!(run.calls_of("put_file").len(), 3, "{script}");
}
