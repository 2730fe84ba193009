//! Drift of settings through the real binary: web-and-postgres is changed behind Hangar's back
//! in the emulator (a database's class and Multi-AZ, a security group's rules, an instance's
//! `Name` tag and its type), `hangar --json refresh` names each change, and `hangar resume`
//! puts back what AWS changes in place. What was sent is read from the fault proxy and what
//! AWS holds after from the emulator itself; the instance type, which EC2 changes only on a
//! stopped instance, is left and still reported.

use crate::common;

use aws_sdk_ec2::types::{Filter, IpPermission, IpRange};
use common::{must, text, with_profile};
use hangar_testkit::faults::{self, FaultPlan};
use hangar_testkit::{MotoServer, sdk_config};

const ENV: &str = "drifty-settings";

struct Truth {
    instance: String,
    instance_type: String,
    name_tag: String,
    database: String,
    class: String,
    multi_az: bool,
    group: String,
    rules: Vec<(i32, String)>,
}

/// What the emulator holds of the environment's first instance, its database and its first
/// security group with rules to address ranges.
async fn truth(endpoint: &str) -> Truth {
    let config = sdk_config(endpoint);
    let ec2 = aws_sdk_ec2::Client::new(&config);
    let mine = || Filter::builder().name("tag:hangar:env").values(ENV).build();
    let instances = ec2
        .describe_instances()
        .filters(mine())
        .send()
        .await
        .expect("instances");
    let instance = instances
        .reservations()
        .iter()
        .flat_map(|r| r.instances())
        .find(|i| {
            i.state()
                .and_then(|s| s.name())
                .is_some_and(|n| n.as_str() != "terminated")
        })
        .expect("an instance");
    let groups = ec2
        .describe_security_groups()
        .filters(mine())
        .send()
        .await
        .expect("groups");
    let group = groups
        .security_groups()
        .iter()
        .filter(|g| g.ip_permissions().iter().any(|p| !p.ip_ranges().is_empty()))
        .min_by_key(|g| g.group_id().unwrap_or_default().to_string())
        .expect("a group with address-range rules");
    let mut rules: Vec<(i32, String)> = group
        .ip_permissions()
        .iter()
        .flat_map(|p| {
            p.ip_ranges().iter().map(move |r| {
                (
                    p.from_port().unwrap_or(-1),
                    r.cidr_ip().unwrap_or_default().to_string(),
                )
            })
        })
        .collect();
    rules.sort();
    let dbs = aws_sdk_rds::Client::new(&config)
        .describe_db_instances()
        .send()
        .await
        .expect("databases");
    let db = dbs
        .db_instances()
        .iter()
        .find(|db| {
            db.tag_list()
                .iter()
                .any(|t| t.key() == Some("hangar:env") && t.value() == Some(ENV))
        })
        .expect("the database");
    Truth {
        instance: instance.instance_id().unwrap_or_default().to_string(),
        instance_type: instance
            .instance_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        name_tag: instance
            .tags()
            .iter()
            .find(|t| t.key() == Some("Name"))
            .and_then(|t| t.value())
            .unwrap_or_default()
            .to_string(),
        database: db.db_instance_identifier().unwrap_or_default().to_string(),
        class: db.db_instance_class().unwrap_or_default().to_string(),
        multi_az: db.multi_az().unwrap_or(false),
        group: group.group_id().unwrap_or_default().to_string(),
        rules,
    }
}

fn rule(port: i32, cidr: &str) -> IpPermission {
    IpPermission::builder()
        .ip_protocol("tcp")
        .from_port(port)
        .to_port(port)
        .ip_ranges(IpRange::builder().cidr_ip(cidr).build())
        .build()
}

/// The `drift` line `hangar --json refresh` ends with: (logical, setting, in place).
fn changed(stdout: &[u8]) -> Vec<(String, String, bool)> {
    let last = text(stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["type"] == "drift")
        .expect("a drift line");
    let mut found: Vec<(String, String, bool)> = last["changed"]
        .as_array()
        .expect("changed")
        .iter()
        .map(|c| {
            (
                c["logical"].as_str().unwrap_or_default().to_string(),
                c["setting"].as_str().unwrap_or_default().to_string(),
                c["inPlace"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn refresh_names_each_changed_setting_and_resume_puts_back_what_aws_allows() {
    let moto = MotoServer::start().expect("moto");
    let real = moto.endpoint();
    let proxy = faults::start(moto.addr(), FaultPlan::default()).expect("proxy");
    let endpoint = proxy.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");

    must(d, &endpoint, &["up", "web-and-postgres", "--name", ENV]);
    let made = runtime.block_on(truth(&real));
    let (kept_port, kept_cidr) = made.rules[0].clone();
    let clean = with_profile(d, &endpoint)
        .args(["--json", "refresh", ENV])
        .output()
        .expect("run");
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean.stderr));
    assert!(changed(&clean.stdout).is_empty());

    // Behind Hangar's back, straight to the emulator.
    runtime.block_on(async {
        let config = sdk_config(&real);
        let ec2 = aws_sdk_ec2::Client::new(&config);
        ec2.revoke_security_group_ingress()
            .group_id(&made.group)
            .ip_permissions(rule(kept_port, &kept_cidr))
            .send()
            .await
            .expect("revoke");
        ec2.authorize_security_group_ingress()
            .group_id(&made.group)
            .ip_permissions(rule(22, "0.0.0.0/0"))
            .send()
            .await
            .expect("authorize");
        ec2.create_tags()
            .resources(&made.instance)
            .tags(
                aws_sdk_ec2::types::Tag::builder()
                    .key("Name")
                    .value("renamed")
                    .build(),
            )
            .send()
            .await
            .expect("tag");
        ec2.modify_instance_attribute()
            .instance_id(&made.instance)
            .instance_type(
                aws_sdk_ec2::types::AttributeValue::builder()
                    .value("t3.xlarge")
                    .build(),
            )
            .send()
            .await
            .expect("instance type");
        aws_sdk_rds::Client::new(&config)
            .modify_db_instance()
            .db_instance_identifier(&made.database)
            .db_instance_class("db.m5.large")
            .multi_az(true)
            .apply_immediately(true)
            .send()
            .await
            .expect("database");
    });

    let drifted = with_profile(d, &endpoint)
        .args(["--json", "refresh", ENV])
        .output()
        .expect("run");
    assert_eq!(drifted.status.code(), Some(1), "{}", text(&drifted.stderr));
    assert!(
        text(&drifted.stderr).contains("6 settings changed"),
        "{}",
        text(&drifted.stderr)
    );
    let found = changed(&drifted.stdout);
    let settings: Vec<(&str, bool)> = found.iter().map(|(_, s, p)| (s.as_str(), *p)).collect();
    for want in [
        ("db_instance_class", true),
        ("multi_az", true),
        ("ingress_rule", true),
        ("tag", true),
        ("instance_type", false),
    ] {
        assert!(settings.contains(&want), "{want:?} not in {found:?}");
    }
    assert_eq!(
        settings
            .iter()
            .filter(|(s, _)| *s == "ingress_rule")
            .count(),
        2,
        "{found:?}"
    );

    let modified = proxy.seen("ModifyDBInstance").len();
    let authorized = proxy.seen("AuthorizeSecurityGroupIngress").len();
    let revoked = proxy.seen("RevokeSecurityGroupIngress").len();
    let resumed = with_profile(d, &endpoint)
        .args(["resume", ENV])
        .output()
        .expect("run");
    assert_eq!(resumed.status.code(), Some(0), "{}", text(&resumed.stderr));
    assert_eq!(
        proxy.seen("ModifyDBInstance").len(),
        modified + 2,
        "class and Multi-AZ"
    );
    assert_eq!(
        proxy.seen("AuthorizeSecurityGroupIngress").len(),
        authorized + 1
    );
    assert_eq!(proxy.seen("RevokeSecurityGroupIngress").len(), revoked + 1);

    let after = runtime.block_on(truth(&real));
    assert_eq!(
        (after.class.as_str(), after.multi_az),
        (made.class.as_str(), made.multi_az)
    );
    assert_eq!(
        after.rules, made.rules,
        "the rule is back and the extra one gone"
    );
    assert_eq!(after.name_tag, made.name_tag);
    assert_eq!(
        after.instance_type, "t3.xlarge",
        "a type is not changed in place"
    );

    let still = with_profile(d, &endpoint)
        .args(["--json", "refresh", ENV])
        .output()
        .expect("run");
    assert_eq!(still.status.code(), Some(1));
    let left: Vec<String> = changed(&still.stdout)
        .into_iter()
        .map(|(_, s, _)| s)
        .collect();
    assert_eq!(left, ["instance_type"]);
    must(d, &endpoint, &["down", ENV]);
}
