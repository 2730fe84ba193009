//! Small broken blueprints, network and security groups: each with the exact path and message
//! the user will see.

mod bad_support;

use bad_support::{BASE, assert_error, errors, with};
use hangar_core::blueprint::Overrides;
use hangar_core::blueprint::parse_blueprint;
use hangar_core::plan::plan;
use hangar_core::validate::limits;

#[test]
fn base_is_valid() {
    let bp = parse_blueprint(BASE).expect("base parses");
    plan(&bp, &Overrides::new()).expect("base plans");
}

#[test]
fn cidr_that_does_not_parse() {
    let e = errors(&with(&[("10.0.2.0/24", "10.0.2.0/33")]));
    assert_error(
        &e,
        "network.tiers[0].subnets[1].cidr",
        "'10.0.2.0/33' is not an IPv4 CIDR (like 10.0.0.0/16)",
    );
}

#[test]
fn subnet_outside_the_vpc() {
    let e = errors(&with(&[("10.0.11.0/24", "10.1.11.0/24")]));
    assert_error(
        &e,
        "network.tiers[1].subnets[1].cidr",
        "10.1.11.0/24 is not inside the VPC 10.0.0.0/16",
    );
}

#[test]
fn overlapping_subnets() {
    let e = errors(&with(&[("10.0.10.0/24", "10.0.1.0/25")]));
    assert_error(
        &e,
        "network.tiers[1].subnets[0].cidr",
        "10.0.1.0/25 overlaps network.tiers[0].subnets[0] (10.0.1.0/24)",
    );
}

#[test]
fn vpc_cidr_with_host_bits() {
    let e = errors(&with(&[("10.0.0.0/16", "10.0.0.1/16")]));
    assert_error(
        &e,
        "network.vpc_cidr",
        "'10.0.0.1/16' has host bits set; did you mean 10.0.0.0/16?",
    );
}

#[test]
fn vpc_too_large_for_aws() {
    let e = errors(&with(&[("10.0.0.0/16", "10.0.0.0/8")]));
    assert_error(
        &e,
        "network.vpc_cidr",
        "the VPC CIDR must be between /16 and /28 (AWS limit), got /8",
    );
}

#[test]
fn more_azs_than_the_region_has() {
    let e = errors(&with(&[
        ("us-east-1", "us-west-1"),
        ("az_count = 2", "az_count = 3"),
    ]));
    assert_error(
        &e,
        "network.az_count",
        "region us-west-1 has 2 AZs; az_count must be 1-2, got 3",
    );
    assert_error(
        &e,
        "network.tiers[0].subnets",
        "tier 'public' has 2 subnets but az_count is 3; one subnet per AZ is needed",
    );
}

#[test]
fn unknown_region() {
    let e = errors(&with(&[("us-east-1", "mars-north-1")]));
    let known: Vec<&str> = limits::REGIONS.iter().map(|(r, _)| *r).collect();
    assert_error(
        &e,
        "region",
        &format!("unknown region 'mars-north-1'; known: {}", known.join(", ")),
    );
}

#[test]
fn port_out_of_range() {
    let e = errors(&with(&[("port = 80,", "port = 70000,")]));
    assert_error(
        &e,
        "security_groups[0].ingress[0].port",
        "port 70000 is outside 0-65535",
    );
}

#[test]
fn port_range_backwards() {
    let e = errors(&with(&[("port = 80,", "from_port = 100, to_port = 90,")]));
    assert_error(
        &e,
        "security_groups[0].ingress[0].to_port",
        "to_port 90 is below from_port 100",
    );
}

#[test]
fn rule_referencing_a_missing_group() {
    let e = errors(&with(&[("group = \"app\"", "group = \"ap\"")]));
    assert_error(
        &e,
        "security_groups[1].ingress[0].group",
        "no security group named 'ap'",
    );
}

#[test]
fn rule_with_two_sources() {
    let e = errors(&with(&[(
        "cidr = \"0.0.0.0/0\" }",
        "cidr = \"0.0.0.0/0\", self = true }",
    )]));
    assert_error(
        &e,
        "security_groups[0].ingress[0]",
        "a rule needs exactly one of cidr, group, self; it has 2",
    );
}

#[test]
fn instance_in_a_missing_security_group() {
    let e = errors(&with(&[(
        "security_groups = [\"app\"]",
        "security_groups = [\"web\"]",
    )]));
    assert_error(
        &e,
        "instances[0].security_groups[0]",
        "no security group named 'web'",
    );
}

#[test]
fn security_group_name_too_long() {
    let long = format!("name = \"app\"\ngroup_name = \"{}\"", "g".repeat(256));
    let e = errors(&with(&[("name = \"app\"", &long)]));
    assert_error(
        &e,
        "security_groups[0].group_name",
        "a security group name must be 1-255 characters, got 256",
    );
    let e = errors(&with(&[(
        "name = \"app\"",
        "name = \"app\"\ngroup_name = \"sg-app\"",
    )]));
    assert_error(
        &e,
        "security_groups[0].group_name",
        "a security group name must not start with 'sg-'",
    );
}

#[test]
fn private_tier_without_nat() {
    let e = errors(&with(&[("nat = \"single\"", "nat = \"none\"")]));
    assert_error(
        &e,
        "network.tiers[1].kind",
        "a private tier routes through NAT; set network.nat to single or per_az",
    );
}

#[test]
fn public_ip_in_a_private_tier() {
    let e = errors(&with(&[(
        "tier = \"public\"\ninstance_type",
        "tier = \"private\"\nelastic_ip = true\ninstance_type",
    )]));
    assert_error(
        &e,
        "instances[0].tier",
        "a public IP needs a public tier; 'private' is not one",
    );
}
