//! A setting counts when AWS receives it, not when the plan holds it: app-and-database is
//! provisioned through a transparent fault proxy, and every field of the VPC's, the subnets',
//! the security groups', the instance's and the database's specs is found in the request the
//! proxy saw. The specs are destructured without `..`, so a field added to any of them does not
//! compile here until this test says where it lands. multi-az-three-tier, with a certificate,
//! is provisioned the same way for its ECS specs and its HTTPS listener (`ecs_settings`).

mod ecs_settings;
mod flow_log_settings;
mod rds_settings;
use crate::support;

use std::collections::BTreeMap;

use base64::Engine as _;
use hangar_core::graph::spec::{
    AmiSource, HttpTokens, InlinePeer, InlineRule, InstanceSpec, SecurityGroupSpec, SubnetSpec,
    UserData, VpcSpec,
};
use hangar_core::graph::{NodeSpec, ResourceNode};
use hangar_core::{Overrides, load_builtin, plan};
use hangar_engine::{NewEnvironmentRequest, null_sink};
use hangar_testkit::faults::{self, FaultPlan, SeenRequest};
use hangar_testkit::state::{Snapshot, assert_nothing_left};
use hangar_testkit::{MotoServer, sdk_config};

const ENV: &str = "settings";

/// Asserts one form parameter, printing the whole request when it is not what was meant.
pub(crate) fn expect(request: &SeenRequest, name: &str, want: Option<&str>) {
    assert_eq!(
        request.param(name),
        want,
        "{} parameter {name}; the request was {:#?}",
        request.action,
        request.params
    );
}

pub(crate) fn only(proxy: &faults::FaultProxy, action: &str) -> SeenRequest {
    let seen = proxy.seen(action);
    assert_eq!(seen.len(), 1, "one {action}: {seen:#?}");
    seen.into_iter().next().expect("one")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_instance_and_database_setting_reaches_aws() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), FaultPlan::default()).expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    support::create(&engine, ENV, "app-and-database", "keep");
    engine
        .provision(ENV, &sdk_config(&proxy.endpoint()), null_sink())
        .await
        .expect("provisioned");
    let env = engine.store().environment(ENV).expect("read").expect("env");
    let ids: BTreeMap<String, String> = engine
        .store()
        .resources(env.id)
        .expect("history")
        .into_iter()
        .filter_map(|r| Some((r.logical_name, r.aws_id?)))
        .collect();
    let plan = plan(
        &load_builtin("app-and-database").expect("built-in"),
        &Overrides::new(),
    )
    .expect("plan");
    let node = |logical: &str| -> &ResourceNode { plan.graph.get(logical).expect(logical) };

    network_settings(&proxy, &plan, &ids);
    let NodeSpec::Instance(instance) = &node("instance.app").spec else {
        panic!("instance.app is not an instance");
    };
    // What the emulator's parameter holds, read around Hangar and the proxy.
    let AmiSource::Parameter(parameter) = &instance.ami else {
        panic!("app-and-database names its image by a public parameter");
    };
    let held = aws_sdk_ssm::Client::new(&sdk_config(&server.endpoint()))
        .get_parameter()
        .name(parameter)
        .send()
        .await
        .expect("the Sandbox publishes Canonical's parameter")
        .parameter()
        .and_then(|p| p.value())
        .expect("a value")
        .to_string();
    instance_settings(&proxy, instance, &ids, &held);
    let NodeSpec::RdsInstance(database) = &node("rds_instance.postgres").spec else {
        panic!("rds_instance.postgres is not a database");
    };
    rds_settings::database_settings(&proxy, database, &ids);
    let NodeSpec::DbParameterGroup(parameters) = &node("db_parameter_group.postgres").spec else {
        panic!("db_parameter_group.postgres is not a parameter group");
    };
    rds_settings::parameter_group_settings(&proxy, parameters);

    engine
        .teardown(ENV, &sdk_config(&proxy.endpoint()), null_sink())
        .await
        .expect("torn down");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_service_setting_and_the_https_listener_reach_aws() {
    const BLUEPRINT: &str = "multi-az-three-tier";
    let server = MotoServer::start().expect("moto");
    // moto, like AWS, refuses a listener whose certificate ACM does not hold.
    let certificate = hangar_testkit::acm::certificate(&server.endpoint(), "app.example.com").await;
    let proxy = faults::start(server.addr(), FaultPlan::default()).expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    let sets: BTreeMap<String, String> = BTreeMap::from([
        ("certificate_arn".to_string(), certificate.clone()),
        ("flow_logs_to_s3".to_string(), "true".to_string()),
    ]);
    let before = Snapshot::take(&server.endpoint()).await;
    engine
        .create_environment(&NewEnvironmentRequest {
            name: "ecs-settings".into(),
            blueprint_name: BLUEPRINT.into(),
            blueprint_source: hangar_core::builtin_source(BLUEPRINT)
                .expect("built-in")
                .into(),
            overrides: sets.clone(),
            profile: "Sandbox".into(),
            on_failure: "keep".parse().expect("keep"),
            expires_at: None,
        })
        .expect("valid");
    let sdk = sdk_config(&proxy.endpoint());
    engine
        .provision("ecs-settings", &sdk, null_sink())
        .await
        .expect("provisioned");
    let env = engine
        .store()
        .environment("ecs-settings")
        .expect("read")
        .expect("env");
    let ids: BTreeMap<String, String> = engine
        .store()
        .resources(env.id)
        .expect("history")
        .into_iter()
        .filter_map(|r| Some((r.logical_name, r.aws_id?)))
        .collect();
    let plan = plan(
        &load_builtin(BLUEPRINT).expect("built-in"),
        &Overrides(sets),
    )
    .expect("plan");
    let direct = support::ctx(
        &engine,
        "ecs-settings",
        &sdk_config(&server.endpoint()),
        "us-east-1",
    );
    let role = direct
        .clients
        .iam
        .get_role()
        .role_name(&ids["iam_role.ecs_execution"])
        .send()
        .await
        .expect("execution role");
    let role_arn = role.role().map(|r| r.arn().to_string()).expect("role");
    ecs_settings::ecs_settings(&proxy, &plan, &ids, &role_arn);
    ecs_settings::https_settings(&proxy, &plan, &ids, &certificate);
    assert!(ecs_settings::opened_443(&proxy), "443 opened for HTTPS");
    assert_eq!(
        flow_log_settings::flow_log_settings(&proxy, &plan, &ids),
        1,
        "flow_logs_to_s3 sends one flow log to S3"
    );
    engine
        .teardown("ecs-settings", &sdk, null_sink())
        .await
        .expect("torn down");
    // The flow-log bucket included: the emulator's own record, not Hangar's look-up.
    let after = Snapshot::take(&server.endpoint()).await;
    assert_nothing_left(&before, &after);
}

/// By default the flow logs go to CloudWatch Logs alone: the plan has no bucket, and the one
/// CreateFlowLogs AWS receives names no S3 destination.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_flow_logs_to_s3_nothing_goes_to_s3() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), FaultPlan::default()).expect("proxy");
    let plan = plan(
        &load_builtin("multi-az-three-tier").expect("built-in"),
        &Overrides::new(),
    )
    .expect("plan");
    assert_eq!(
        plan.graph.count(hangar_core::graph::ResourceKind::S3Bucket),
        0
    );
    let ctx = hangar_resources::Ctx::new(
        hangar_resources::Clients::new(&sdk_config(&proxy.endpoint())),
        "no-s3-logs",
        "no-s3-logs-id",
        "us-east-1",
    );
    let mut refs = hangar_resources::Refs::default();
    let mut ids = BTreeMap::new();
    for node in plan
        .graph
        .nodes
        .iter()
        .filter(|n| n.logical == "vpc.main" || n.source.starts_with("network.flow_logs"))
    {
        let made = hangar_resources::create(&ctx, node, &refs, 0)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", node.logical));
        ids.insert(node.logical.clone(), made.aws_id.clone());
        refs.insert(&node.logical, made);
    }
    assert_eq!(flow_log_settings::flow_log_settings(&proxy, &plan, &ids), 0);
    assert!(proxy.seen("CreateBucket").is_empty());
    assert!(
        proxy
            .seen("CreateFlowLogs")
            .iter()
            .all(|r| r.param("LogDestinationType") == Some("cloud-watch-logs"))
    );
}

/// Without a certificate the ALB's group is sent port 80 and nothing on 443.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_certificate_no_443_rule_is_sent() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), FaultPlan::default()).expect("proxy");
    let plan = plan(
        &load_builtin("multi-az-three-tier").expect("built-in"),
        &Overrides::new(),
    )
    .expect("plan");
    let ctx = hangar_resources::Ctx::new(
        hangar_resources::Clients::new(&sdk_config(&proxy.endpoint())),
        "no-https",
        "no-https-id",
        "us-east-1",
    );
    let mut refs = hangar_resources::Refs::default();
    for logical in ["vpc.main", "security_group.alb"] {
        let node = plan.graph.get(logical).expect(logical);
        let made = hangar_resources::create(&ctx, node, &refs, 0)
            .await
            .unwrap_or_else(|e| panic!("{logical}: {e}"));
        refs.insert(logical, made);
    }
    let opened = |port: &str| {
        proxy.seen("AuthorizeSecurityGroupIngress").iter().any(|r| {
            r.params
                .iter()
                .any(|(k, v)| k.ends_with("FromPort") && v == port)
        })
    };
    assert!(opened("80"), "the HTTP rule was sent");
    assert!(
        !ecs_settings::opened_443(&proxy),
        "no 443 rule without HTTPS"
    );
}

fn network_settings(
    proxy: &faults::FaultProxy,
    plan: &hangar_core::Plan,
    ids: &BTreeMap<String, String>,
) {
    let NodeSpec::Vpc(VpcSpec {
        cidr_block,
        enable_dns_hostnames,
        enable_dns_support,
    }) = &plan.graph.get("vpc.main").expect("vpc").spec
    else {
        panic!("vpc.main is not a VPC");
    };
    expect(&only(proxy, "CreateVpc"), "CidrBlock", Some(cidr_block));
    let vpc_attribute = |name: &str| -> Option<String> {
        proxy
            .seen("ModifyVpcAttribute")
            .iter()
            .find_map(|r| r.param(&format!("{name}.Value")).map(str::to_string))
    };
    assert_eq!(
        vpc_attribute("EnableDnsSupport"),
        Some(enable_dns_support.to_string())
    );
    assert_eq!(
        vpc_attribute("EnableDnsHostnames"),
        Some(enable_dns_hostnames.to_string())
    );

    let subnets = proxy.seen("CreateSubnet");
    let public_ip = proxy.seen("ModifySubnetAttribute");
    for node in &plan.graph.nodes {
        let NodeSpec::Subnet(SubnetSpec {
            vpc,
            cidr_block,
            availability_zone,
            tier,
            map_public_ip_on_launch,
            name,
        }) = &node.spec
        else {
            continue;
        };
        let create = subnets
            .iter()
            .find(|r| r.param("CidrBlock") == Some(cidr_block))
            .unwrap_or_else(|| panic!("no CreateSubnet for {cidr_block}: {subnets:#?}"));
        expect(create, "VpcId", Some(&ids[vpc]));
        expect(create, "AvailabilityZone", Some(availability_zone));
        let mapped = public_ip
            .iter()
            .any(|r| r.param("SubnetId") == Some(&ids[&node.logical]));
        assert_eq!(mapped, *map_public_ip_on_launch, "{}", node.logical);
        // The tier and the blueprint's own label are the diagram's, not AWS's.
        let _ = (tier, name);
    }

    let groups = proxy.seen("CreateSecurityGroup");
    let ingress = proxy.seen("AuthorizeSecurityGroupIngress");
    let egress = proxy.seen("AuthorizeSecurityGroupEgress");
    for node in &plan.graph.nodes {
        let NodeSpec::SecurityGroup(SecurityGroupSpec {
            group_name,
            description,
            vpc,
            ingress: ingress_rules,
            egress: egress_rules,
        }) = &node.spec
        else {
            continue;
        };
        let create = groups
            .iter()
            .find(|r| r.param("GroupName") == Some(group_name))
            .unwrap_or_else(|| panic!("no CreateSecurityGroup {group_name}"));
        expect(create, "GroupDescription", Some(description));
        expect(
            create,
            "VpcId",
            Some(&ids[vpc.as_deref().expect("its own VPC")]),
        );
        let id = &ids[&node.logical];
        for (rules, sent) in [(ingress_rules, &ingress), (egress_rules, &egress)] {
            let calls: Vec<&SeenRequest> = sent
                .iter()
                .filter(|r| r.param("GroupId") == Some(id))
                .collect();
            for rule in rules {
                assert!(
                    calls.iter().any(|r| permits(r, rule)),
                    "{}: {rule:?} not in {calls:#?}",
                    node.logical
                );
            }
        }
    }
}

/// Whether one Authorize call carries the rule: protocol, ports, peer and description.
fn permits(request: &SeenRequest, rule: &InlineRule) -> bool {
    let InlineRule {
        protocol,
        from_port,
        to_port,
        description,
        peer,
    } = rule;
    (1..=20).any(|n| {
        let p = |field: &str| request.param(&format!("IpPermissions.{n}.{field}"));
        let peer_ok = match peer {
            InlinePeer::Cidr(cidr) => {
                p("IpRanges.1.CidrIp") == Some(cidr)
                    && p("IpRanges.1.Description") == Some(description)
            }
            InlinePeer::SelfGroup => {
                p("Groups.1.GroupId").is_some() && p("Groups.1.Description") == Some(description)
            }
        };
        p("IpProtocol") == Some(protocol)
            && p("FromPort") == Some(&from_port.to_string())
            && p("ToPort") == Some(&to_port.to_string())
            && peer_ok
    })
}

fn instance_settings(
    proxy: &faults::FaultProxy,
    spec: &InstanceSpec,
    ids: &BTreeMap<String, String>,
    held: &str,
) {
    let InstanceSpec {
        instance_type,
        ami,
        subnet,
        security_groups,
        http_tokens,
        http_put_response_hop_limit,
        root_volume,
        associate_public_ip,
        detailed_monitoring,
        iam_instance_profile,
        key_name,
        user_data,
        users_csv_path,
        users_env,
        generated_password_env,
    } = spec;
    let run = only(proxy, "RunInstances");
    expect(&run, "InstanceType", Some(instance_type));

    // The image is the one the parameter named in the environment's region, at launch.
    let AmiSource::Parameter(parameter) = ami else {
        panic!("a parameter, checked above");
    };
    let asked = proxy.seen("GetParameter");
    assert!(
        asked
            .iter()
            .any(|r| r.param("Name") == Some(parameter.as_str())),
        "GetParameter {parameter}: {asked:#?}"
    );
    expect(&run, "ImageId", Some(held));

    let subnet = subnet.as_deref().expect("app-and-database places the app");
    expect(&run, "NetworkInterface.1.SubnetId", Some(&ids[subnet]));
    for (i, group) in security_groups.iter().enumerate() {
        let key = format!("NetworkInterface.1.SecurityGroupId.{}", i + 1);
        expect(&run, &key, Some(&ids[group]));
    }
    // The app gets an Elastic IP, which attaches after launch: it starts with a public
    // address so its user data reaches the internet meanwhile.
    assert!(
        *associate_public_ip,
        "an Elastic IP host starts with a public address"
    );
    expect(
        &run,
        "NetworkInterface.1.AssociatePublicIpAddress",
        Some("true"),
    );

    // IMDSv2 with one more hop: Docker's containers reach the instance's credentials.
    assert_eq!(*http_tokens, HttpTokens::Required);
    expect(&run, "MetadataOptions.HttpTokens", Some("required"));
    assert_eq!(*http_put_response_hop_limit, 2, "a Docker host");
    expect(&run, "MetadataOptions.HttpPutResponseHopLimit", Some("2"));

    expect(
        &run,
        "BlockDeviceMapping.1.Ebs.VolumeSize",
        Some(&root_volume.size_gb.to_string()),
    );
    expect(
        &run,
        "BlockDeviceMapping.1.Ebs.VolumeType",
        Some(&root_volume.volume_type),
    );
    expect(
        &run,
        "BlockDeviceMapping.1.Ebs.Encrypted",
        Some(&root_volume.encrypted.to_string()),
    );
    expect(
        &run,
        "Monitoring.Enabled",
        Some(&detailed_monitoring.to_string()),
    );

    let profile = iam_instance_profile.as_deref().expect("a profile");
    let arn = run.param("IamInstanceProfile.Arn").expect("profile ARN");
    assert!(arn.ends_with(&format!("/{}", ids[profile])), "{arn}");
    expect(&run, "KeyName", key_name.as_deref());

    let Some(UserData::Script(script)) = user_data else {
        panic!("app-and-database's script: {user_data:?}");
    };
    let sent = run.param("UserData").expect("user data");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(sent)
        .expect("base64");
    assert_eq!(String::from_utf8(decoded).expect("utf-8"), *script);
    // These two shape the script when users are baked in (tests/users_user_data.rs); this
    // blueprint takes none.
    assert_eq!((users_csv_path, users_env), (&None, &None));
    // A generated password goes in at launch (tests/generated_password.rs); this blueprint
    // asks for none, so the script went out exactly as planned.
    assert_eq!(generated_password_env, &None);
}
