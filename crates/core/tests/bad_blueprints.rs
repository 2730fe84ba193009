//! Small broken blueprints, resources, parameters and syntax: each with the exact path and
//! message the user will see.

mod bad_support;

use bad_support::{BASE, assert_error, errors, with};
use hangar_core::blueprint::Overrides;
use hangar_core::blueprint::load_builtin;
use hangar_core::blueprint::parse_blueprint;
use hangar_core::plan::plan;
use hangar_core::validate::limits;

#[test]
fn unknown_instance_type() {
    let e = errors(&with(&[("\"t3.micro\"", "\"t3.mega\"")]));
    assert_error(
        &e,
        "instances[0].instance_type",
        "unknown or unsupported instance type 't3.mega'",
    );
}

#[test]
fn rds_identifier_rules() {
    let e = errors(&with(&[("\"test-db\"", "\"test--db\"")]));
    assert_error(
        &e,
        "databases[0].identifier",
        "an RDS identifier must not contain two consecutive hyphens",
    );
    let e = errors(&with(&[("\"test-db\"", "\"test-db-\"")]));
    assert_error(
        &e,
        "databases[0].identifier",
        "an RDS identifier must not end with a hyphen",
    );
    let e = errors(&with(&[("\"test-db\"", "\"1test\"")]));
    assert_error(
        &e,
        "databases[0].identifier",
        "an RDS identifier must start with a letter",
    );
    let long = format!("\"d{}\"", "b".repeat(63));
    let e = errors(&with(&[("\"test-db\"", &long)]));
    assert_error(
        &e,
        "databases[0].identifier",
        "an RDS identifier must be 1-63 characters, got 64",
    );
}

#[test]
fn rds_needs_two_azs() {
    let e = errors(&with(&[("az_count = 2", "az_count = 1")]));
    assert_error(
        &e,
        "databases[0].tier",
        "a DB subnet group needs subnets in at least 2 AZs; tier 'private' spans 1 (az_count = 1)",
    );
}

#[test]
fn engine_version_not_offered() {
    let e = errors(&with(&[(
        "engine_version = \"16\"",
        "engine_version = \"12\"",
    )]));
    let allowed = limits::engine_versions("postgres")
        .expect("postgres")
        .join(", ");
    assert_error(
        &e,
        "databases[0].engine_version",
        &format!("postgres 12 is not offered; allowed: {allowed}"),
    );
    let e = errors(&with(&[(
        "engine_version = \"16\"",
        "engine_version = \"16.4\"",
    )]));
    assert_error(
        &e,
        "databases[0].engine_version",
        "postgres 16.4 pins a minor version, which AWS retires; give the major (16) and RDS picks the newest minor it offers",
    );
}

#[test]
fn load_balancer_name_too_long() {
    let lb = format!(
        r#"
[[load_balancers]]
name = "alb"
lb_name = "{}"
tier = "public"
security_groups = ["app"]
listeners = [{{ port = 80 }}]
target_group = {{ name = "tg", port = 80, targets = ["web"] }}
"#,
        "a".repeat(33)
    );
    let e = errors(&format!("{BASE}{lb}"));
    assert_error(
        &e,
        "load_balancers[0].lb_name",
        "a load balancer name must be 1-32 characters, got 33",
    );
}

#[test]
fn bucket_name_rules() {
    let bucket = "\n[[buckets]]\nname = \"files\"\nbucket_name = \"My_Bucket\"\n";
    let e = errors(&format!("{BASE}{bucket}"));
    assert_error(
        &e,
        "buckets[0].bucket_name",
        "a bucket name may contain only lowercase letters, digits, dots and hyphens",
    );
    let bucket = "\n[[buckets]]\nname = \"files\"\nbucket_name = \"192.168.5.4\"\n";
    let e = errors(&format!("{BASE}{bucket}"));
    assert_error(
        &e,
        "buckets[0].bucket_name",
        "a bucket name must not look like an IP address",
    );
}

#[test]
fn user_data_over_16_kb() {
    // AWS counts the raw script, before base64: 16384 bytes.
    let big = format!(
        "root_volume = {{ size_gb = 20 }}\nuser_data = {{ services = [{{ name = \"x\", image = \"nginx\", environment = {{ BIG = \"{}\" }} }}] }}",
        "x".repeat(16_000)
    );
    let e = errors(&with(&[("root_volume = { size_gb = 20 }", &big)]));
    let err = e
        .iter()
        .find(|e| e.path == "instances[0].user_data")
        .expect("user data error");
    assert!(err.message.starts_with("rendered user data is "), "{err}");
    assert!(
        err.message
            .ends_with(" bytes; AWS allows 16384 before base64"),
        "{err}"
    );
}

#[test]
fn unknown_key_is_named() {
    let e = errors(&with(&[(
        "{ cidr = \"10.0.1.0/24\" }",
        "{ cidrr = \"10.0.1.0/24\" }",
    )]));
    assert_eq!(e.len(), 1, "{e}");
    let err = &e.0[0];
    assert_eq!(err.path, "network.tiers[0].subnets[0].cidrr");
    assert_eq!(
        err.message,
        "unknown field `cidrr`, expected `cidr` or `name`"
    );
}

#[test]
fn undeclared_parameter() {
    let e = errors(&with(&[("\"t3.micro\"", "\"${size}\"")]));
    assert_error(
        &e,
        "instances[0].instance_type",
        "unknown parameter '${size}'",
    );
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let e = errors(&with(&[
        ("10.0.2.0/24", "10.0.2.0/33"),
        ("\"t3.micro\"", "\"t3.mega\""),
        ("\"test-db\"", "\"test--db\""),
        ("port = 80,", "port = 70000,"),
    ]));
    assert_eq!(e.len(), 4, "{e}");
    assert_error(
        &e,
        "security_groups[0].ingress[0].port",
        "port 70000 is outside 0-65535",
    );
    assert_error(
        &e,
        "databases[0].identifier",
        "an RDS identifier must not contain two consecutive hyphens",
    );
}

#[test]
fn dependency_cycle_is_named() {
    let cycle = r#"
[[instances]]
name = "a"
tier = "public"
instance_type = "t3.micro"
security_groups = ["app"]
ami = { id = "ami-0123456789abcdef0", os = "amazon_linux_2023" }
root_volume = { size_gb = 8 }
depends_on = ["instances.b"]

[[instances]]
name = "b"
tier = "public"
instance_type = "t3.micro"
security_groups = ["app"]
ami = { id = "ami-0123456789abcdef0", os = "amazon_linux_2023" }
root_volume = { size_gb = 8 }
depends_on = ["instances.a"]
"#;
    let e = errors(&format!("{BASE}{cycle}"));
    assert_error(
        &e,
        "instances[1]",
        "dependency cycle: instance.a -> instance.b -> instance.a",
    );
}

#[test]
fn bad_overrides_are_type_checked() {
    let bp = load_builtin("multi-az-three-tier").expect("builtin");
    let overrides: Overrides = [
        ("az_count", "three"),
        ("nat_mode", "triple"),
        ("admin_cidr", "10.0.0.1"),
        ("vpc_endpoints", "maybe"),
        ("nope", "1"),
    ]
    .into_iter()
    .collect();
    let e = plan(&bp, &overrides).expect_err("bad overrides");
    assert_error(&e, "set.az_count", "'three' is not an integer");
    assert_error(
        &e,
        "set.nat_mode",
        "'triple' is not allowed; allowed: single, per_az",
    );
    assert_error(
        &e,
        "set.admin_cidr",
        "'10.0.0.1' is not an IPv4 CIDR (like 10.0.0.0/16)",
    );
    assert_error(&e, "set.vpc_endpoints", "'maybe' is not true or false");
    assert!(e.iter().any(|x| {
        x.path == "set.nope"
            && x.message
                .starts_with("unknown parameter; this blueprint declares: environment, ")
    }));
    let e = plan(&bp, &[("az_count", "5")].into_iter().collect()).expect_err("max");
    assert_error(&e, "set.az_count", "5 is above the maximum 3");
}

#[test]
fn set_pairs_parse() {
    let o = Overrides::parse_pairs(&["region=eu-west-1", "admin_cidr=1.2.3.4/32"]).expect("pairs");
    assert_eq!(o.0["region"], "eu-west-1");
    let e = Overrides::parse_pairs(&["novalue"]).expect_err("no =");
    assert_error(&e, "set[0]", "expected key=value, got 'novalue'");
}

#[test]
fn bad_parameter_declarations() {
    let text = r#"
region = "${region}"
[blueprint]
name = "t"
title = "T"
[[params]]
name = "region"
type = "string"
default = "us-east-1"
allowed = ["eu-west-1"]
env_defaults = { staging = "eu-west-1" }
"#;
    let e = parse_blueprint(text).expect_err("bad decls");
    assert_error(
        &e,
        "params[0].default",
        "'us-east-1' is not allowed; allowed: eu-west-1",
    );
    assert_error(
        &e,
        "params[0].env_defaults.staging",
        "env_defaults need an 'environment' parameter",
    );
}

#[test]
fn errors_serialise_as_a_list_of_path_and_message() {
    let e = errors(&with(&[("\"t3.micro\"", "\"t3.mega\"")]));
    let json = serde_json::to_value(&e).expect("serialise");
    assert_eq!(
        json,
        serde_json::json!([{
            "path": "instances[0].instance_type",
            "message": "unknown or unsupported instance type 't3.mega'"
        }])
    );
}

#[test]
fn host_volumes_stay_under_the_volume_root() {
    let ud = "root_volume = { size_gb = 20 }\nuser_data = { volume_root = \"/opt/app\", services = [{ name = \"x\", image = \"nginx\", volumes = [\"/etc:/host-etc\", \"/opt/app/../root:/r\", \"/opt/app/data:/data\"] }] }";
    let e = errors(&with(&[("root_volume = { size_gb = 20 }", ud)]));
    assert_eq!(e.len(), 2, "{e}");
    assert_error(
        &e,
        "instances[0].user_data.services[0].volumes[0]",
        "host path '/etc' is outside /opt/app/",
    );
    assert_error(
        &e,
        "instances[0].user_data.services[0].volumes[1]",
        "host path '/opt/app/../root' is outside /opt/app/",
    );
}

#[test]
fn toml_syntax_error_says_where() {
    let e = parse_blueprint("region = \"us-east-1\"\n[blueprint]\nname = \n").expect_err("syntax");
    assert_eq!(e.len(), 1);
    assert_eq!(e.0[0].path, "");
    assert!(e.0[0].message.starts_with("line 3, column "), "{e}");
}

#[test]
fn missing_blueprint_section() {
    let e = parse_blueprint("region = \"us-east-1\"\n").expect_err("no meta");
    assert_error(&e, "blueprint", "missing [blueprint] section");
}

#[test]
fn an_output_must_name_an_attribute_hangar_records() {
    let text = format!(
        "{BASE}\n[[outputs]]\nname = \"db\"\nvalue = \"databases.db.endpoint\"\n\n[[outputs]]\nname = \"typo\"\nvalue = \"databases.db.endpiont\"\n"
    );
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{e}");
    assert!(e.0[0].path == "outputs[1].value", "{e}");
    assert!(
        e.0[0].message.starts_with(
            "'databases.db.endpiont' names no attribute Hangar records (id, elastic_ip, arn, "
        ),
        "{e}"
    );
}

#[test]
fn an_ssm_parameter_needs_a_valid_name_and_outputs_to_hold() {
    let text = format!(
        "{BASE}\n[[ssm_parameters]]\nname = \"outputs\"\nparameter_name = \"app/outputs here\"\n"
    );
    let e = errors(&text);
    assert_error(
        &e,
        "ssm_parameters[0].parameter_name",
        "'app/outputs here' is not an SSM parameter name (letters, digits, . - _ /; a path starts with /)",
    );
    assert_error(
        &e,
        "ssm_parameters[0]",
        "holds the blueprint's outputs, and it declares none",
    );
}

#[test]
fn an_image_source_is_a_parameter_or_an_id() {
    const AL2023: &str =
        r#"parameter = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64""#;
    let both = errors(&with(&[(
        AL2023,
        &format!(r#"{AL2023}, id = "ami-0123456789abcdef0""#),
    )]));
    assert_error(
        &both,
        "instances[0].ami",
        "give either a parameter or an id, not both",
    );
    let path = errors(&with(&[(AL2023, r#"parameter = "al2023-ami-*""#)]));
    assert_error(
        &path,
        "instances[0].ami.parameter",
        "'al2023-ami-*' is not an SSM parameter path (/aws/service/...)",
    );
    let id = errors(&with(&[(AL2023, r#"id = "ami-xyz""#)]));
    assert_error(
        &id,
        "instances[0].ami.id",
        "'ami-xyz' is not an image id (ami- and 8 or 17 hex digits)",
    );
}

#[test]
fn the_os_is_the_one_the_public_parameter_publishes() {
    // A dnf script on an Ubuntu host fails at boot; the plan says so instead.
    let e = errors(&with(&[(
        "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
        "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
    )]));
    assert_error(
        &e,
        "instances[0].ami.os",
        "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id \
         publishes Ubuntu images, so os must be ubuntu",
    );
}
