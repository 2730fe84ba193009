//! Each built-in blueprint validates with its defaults, and its graph holds exactly what its
//! seed describes.

mod common;

use std::collections::BTreeMap;

use common::*;
use hangar_core::blueprint::{builtin_blueprints, builtin_names};

fn table(entries: &[(&'static str, usize)]) -> BTreeMap<&'static str, usize> {
    entries.iter().copied().collect()
}

#[test]
fn all_five_builtins_are_listed_with_their_seeds() {
    let list = builtin_blueprints();
    let names: Vec<&str> = list.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "single-host-dev",
            "multi-az-three-tier",
            "docker-host",
            "app-and-database",
            "web-and-postgres"
        ]
    );
    assert_eq!(names, builtin_names());
    for (b, seed) in list.iter().zip(["000_", "001_", "002_", "003_", "004_"]) {
        assert!(
            b.seed.as_deref().is_some_and(|s| s.starts_with(seed)),
            "{}",
            b.name
        );
        assert!(
            b.params.iter().any(|p| p.name == "environment"),
            "{}",
            b.name
        );
        assert!(b.params.iter().any(|p| p.name == "region"), "{}", b.name);
    }
}

#[test]
fn single_host_dev_matches_seed_000() {
    let p = plan_of("single-host-dev", &[]);
    assert_eq!(counts(&p), table(&[("instance", 1), ("security_group", 1)]));
    let admin = "203.0.113.0/24";
    assert_eq!(
        ingress(&p, "dev-server"),
        vec![
            rule("tcp", 22, 22, admin),
            rule("tcp", 8081, 8081, "0.0.0.0/0"),
            rule("tcp", 8000, 8000, "0.0.0.0/0"),
            rule("tcp", 5433, 5433, admin),
            rule("tcp", 6379, 6379, admin),
        ]
    );
    let host = node(&p, "instance.dev-server");
    assert_eq!(s(host, "http_tokens"), "required");
    assert_eq!(
        field(host, "subnet"),
        serde_json::Value::Null,
        "default VPC"
    );
    let compose = compose_of(&user_data(host));
    for (svc, port) in [
        ("migration_frontend", "8081:8081"),
        ("migration_backend", "8000:8000"),
        ("migration_postgres", "5433:5432"),
        ("migration_redis", "6379:6379"),
    ] {
        assert!(compose.contains(svc), "{svc} missing:\n{compose}");
        assert!(compose.contains(port), "{port} missing:\n{compose}");
    }
    assert!(!compose.contains("migration_assessment_worker"));
    // The optional worker comes with its compose profile and is started with it.
    let p = plan_of("single-host-dev", &[("enable_worker", "true")]);
    let ud = user_data(node(&p, "instance.dev-server"));
    assert!(compose_of(&ud).contains("migration_assessment_worker"));
    assert!(ud.contains("docker compose --profile 'worker' up -d"));
    // The admin CIDR parameter moves the admin rules, not the public ones.
    let p = plan_of("single-host-dev", &[("admin_cidr", "198.51.100.7/32")]);
    assert_eq!(
        ingress(&p, "dev-server")[0],
        rule("tcp", 22, 22, "198.51.100.7/32")
    );
    assert_eq!(
        ingress(&p, "dev-server")[1],
        rule("tcp", 8081, 8081, "0.0.0.0/0")
    );
}

#[test]
fn multi_az_three_tier_matches_seed_001() {
    let p = plan_of("multi-az-three-tier", &[]);
    let expected = table(&[
        ("vpc", 1),
        ("subnet", 9),
        ("internet_gateway", 1),
        ("route_table", 3),
        ("route", 2),
        ("route_table_association", 9),
        ("eip", 1),
        ("nat_gateway", 1),
        ("security_group", 3),
        ("security_group_rule", 3),
        ("load_balancer", 1),
        // web's default group and the API's /api/* group.
        ("target_group", 2),
        ("listener", 1),
        ("db_subnet_group", 1),
        ("rds_instance", 1),
        ("cache_subnet_group", 1),
        ("elasticache_replication_group", 1),
        ("vpc_endpoint", 6),
        ("log_group", 4),
        ("iam_role", 2),
        ("flow_log", 1),
        ("ecs_cluster", 1),
        ("ecs_task_definition", 3),
        ("ecs_service", 3),
    ]);
    assert_eq!(counts(&p), expected);
    assert_eq!(s(node(&p, "vpc.main"), "cidr_block"), "10.0.0.0/16");
    let cidrs = [
        ("public", ["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"]),
        ("private", ["10.0.48.0/20", "10.0.64.0/20", "10.0.80.0/20"]),
        (
            "database",
            ["10.0.96.0/20", "10.0.112.0/20", "10.0.128.0/20"],
        ),
    ];
    for (tier, blocks) in cidrs {
        for (az, block) in ["a", "b", "c"].iter().zip(blocks) {
            let sn = node(&p, &format!("subnet.{tier}-{az}"));
            assert_eq!(s(sn, "cidr_block"), block);
            assert_eq!(s(sn, "availability_zone"), format!("us-east-1{az}"));
        }
    }
    // Security groups of the seed, with their sources; 443 only once there is a certificate
    // to answer on it (tests/ecs_plan.rs).
    assert_eq!(ingress(&p, "alb"), vec![rule("tcp", 80, 80, "0.0.0.0/0")]);
    assert_eq!(
        ingress(&p, "app"),
        vec![
            rule("tcp", 0, 65535, "self"),
            rule("tcp", 0, 65535, "sg:alb")
        ]
    );
    assert_eq!(
        ingress(&p, "database"),
        vec![
            rule("tcp", 5432, 5432, "sg:app"),
            rule("tcp", 6379, 6379, "sg:app")
        ]
    );
    let db = node(&p, "rds_instance.postgres");
    assert_eq!(s(db, "engine"), "postgres");
    assert!(b(db, "multi_az"));
    assert!(b(db, "storage_encrypted"));
    assert_eq!(i(db, "allocated_storage_gb"), 20);
    assert_eq!(i(db, "max_allocated_storage_gb"), 100);
    assert_eq!(i(db, "backup_retention_days"), 7);
    assert!(!b(db, "publicly_accessible"));
    assert_eq!(
        strs(node(&p, "db_subnet_group.postgres"), "subnets"),
        [
            "subnet.database-a",
            "subnet.database-b",
            "subnet.database-c"
        ]
    );
    let redis = node(&p, "elasticache_replication_group.redis");
    assert_eq!(i(redis, "num_cache_clusters"), 3);
    assert!(b(redis, "automatic_failover") && b(redis, "multi_az"));
    // Gateway endpoints are routed from the private and database tiers; interface endpoints sit
    // in every private subnet.
    let s3 = node(&p, "vpc_endpoint.s3");
    assert_eq!(s(s3, "vpc_endpoint_type"), "Gateway");
    assert_eq!(
        strs(s3, "route_tables"),
        ["route_table.private", "route_table.database"]
    );
    for ep in ["ecr-api", "ecr-dkr", "secretsmanager", "logs"] {
        let n = node(&p, &format!("vpc_endpoint.{ep}"));
        assert_eq!(s(n, "vpc_endpoint_type"), "Interface");
        assert_eq!(strs(n, "subnets").len(), 3);
    }
    assert_eq!(s(node(&p, "flow_log.vpc"), "traffic_type"), "ALL");
    assert_eq!(i(node(&p, "log_group.flow-logs"), "retention_in_days"), 30);
    // The database tier has no way out; the private tier goes through the single NAT.
    assert!(p.graph.get("route.database-default").is_none());
    assert_eq!(
        field(node(&p, "route.private-default"), "target")["nat_gateway"],
        "nat_gateway.a"
    );
}

#[test]
fn multi_az_nat_mode_single_versus_per_az() {
    let single = plan_of("multi-az-three-tier", &[("nat_mode", "single")]);
    let ha = plan_of("multi-az-three-tier", &[("nat_mode", "per_az")]);
    assert_eq!(counts(&single)["nat_gateway"], 1);
    assert_eq!(counts(&ha)["nat_gateway"], 3);
    assert_eq!(counts(&ha)["eip"], 3);
    assert_eq!(
        counts(&ha)["route_table"],
        5,
        "one private route table per AZ"
    );
    for az in ["a", "b", "c"] {
        let r = node(&ha, &format!("route.private-{az}-default"));
        assert_eq!(
            field(r, "target")["nat_gateway"],
            format!("nat_gateway.{az}")
        );
        let nat = node(&ha, &format!("nat_gateway.{az}"));
        assert_eq!(s(nat, "subnet"), format!("subnet.public-{az}"));
    }
    // prod picks per-AZ NAT by default.
    let prod = plan_of("multi-az-three-tier", &[("environment", "prod")]);
    assert_eq!(counts(&prod)["nat_gateway"], 3);
    // Two AZs shrink every tier and the cache to two.
    let two = plan_of("multi-az-three-tier", &[("az_count", "2")]);
    assert_eq!(counts(&two)["subnet"], 6);
    assert_eq!(
        i(
            node(&two, "elasticache_replication_group.redis"),
            "num_cache_clusters"
        ),
        2
    );
}

#[test]
fn docker_host_matches_seed_002() {
    let p = plan_of("docker-host", &[]);
    assert_eq!(
        counts(&p),
        table(&[
            ("iam_role", 1),
            ("instance_profile", 1),
            ("instance", 1),
            ("security_group", 1)
        ])
    );
    let host = node(&p, "instance.host");
    assert_eq!(s(host, "http_tokens"), "required");
    assert_eq!(s(host, "iam_instance_profile"), "instance_profile.host");
    assert_eq!(
        i(host, "http_put_response_hop_limit"),
        2,
        "containers reach IMDSv2"
    );
    assert_eq!(s(host, "users_csv_path"), "/opt/app/users.csv");
    assert_eq!(s(host, "users_env"), "APP_USERS_B64");
    let volume = field(host, "root_volume");
    assert_eq!(volume["encrypted"], true);
    assert_eq!(volume["type"], "gp3");
    assert_eq!(
        s(node(&p, "iam_role.host"), "trust_service"),
        "ec2.amazonaws.com"
    );
    let p = plan_of("docker-host", &[("docker_images", "nginx:1.27, redis:7")]);
    let compose = compose_of(&user_data(node(&p, "instance.host")));
    assert!(
        compose.contains("\"nginx:1.27\"") && compose.contains("\"redis:7\""),
        "{compose}"
    );
}

#[test]
fn app_and_database_matches_seed_003() {
    let p = plan_of("app-and-database", &[]);
    let expected = table(&[
        ("vpc", 1),
        ("subnet", 4),
        ("internet_gateway", 1),
        ("route_table", 2),
        ("route", 2),
        ("route_table_association", 4),
        ("eip", 2),
        ("nat_gateway", 1),
        ("security_group", 2),
        ("security_group_rule", 1),
        ("iam_role", 1),
        ("instance_profile", 1),
        ("instance", 1),
        ("db_subnet_group", 1),
        ("db_parameter_group", 1),
        ("rds_instance", 1),
        ("s3_bucket", 1),
    ]);
    assert_eq!(counts(&p), expected);
    for (sn, block) in [
        ("app-a", "10.0.1.0/24"),
        ("app-b", "10.0.2.0/24"),
        ("data-a", "10.0.11.0/24"),
        ("data-b", "10.0.12.0/24"),
    ] {
        assert_eq!(s(node(&p, &format!("subnet.{sn}")), "cidr_block"), block);
    }
    let app = node(&p, "instance.app");
    assert_eq!(s(app, "instance_type"), "t3.medium");
    assert_eq!(
        ami_parameter(app),
        "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id"
    );
    assert_eq!(s(node(&p, "eip.app"), "instance"), "instance.app");
    let db = node(&p, "rds_instance.postgres");
    assert_eq!(i(db, "backup_retention_days"), 7);
    assert!(b(db, "storage_encrypted"));
    assert!(!b(db, "multi_az"));
    assert!(b(
        node(
            &plan_of("app-and-database", &[("environment", "prod")]),
            "rds_instance.postgres"
        ),
        "multi_az"
    ));
    let bucket = node(&p, "s3_bucket.artifacts");
    assert!(b(bucket, "versioning") && b(bucket, "block_public_access"));
    assert_eq!(s(bucket, "encryption"), "AES256");
    assert_eq!(field(bucket, "lifecycle").as_array().map(Vec::len), Some(3));
    let role = node(&p, "iam_role.ec2");
    assert_eq!(
        strs(role, "managed_policies"),
        ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]
    );
    let policy = field(role, "inline_policies").to_string();
    assert!(
        policy.contains("arn:aws:s3:::coherent-artifacts-dev-xxxxxxxx/*"),
        "{policy}"
    );
    assert_eq!(
        ingress(&p, "app-sg"),
        vec![
            rule("tcp", 22, 22, "203.0.113.0/24"),
            rule("tcp", 80, 80, "0.0.0.0/0"),
            rule("tcp", 443, 443, "0.0.0.0/0"),
            rule("tcp", 4000, 4000, "0.0.0.0/0"),
            rule("tcp", 5173, 5173, "0.0.0.0/0"),
        ]
    );
    assert_eq!(
        ingress(&p, "db-sg"),
        vec![rule("tcp", 5432, 5432, "sg:app-sg")]
    );
    // prod closes the dev ports (the seed puts them behind an ALB there).
    let prod = plan_of("app-and-database", &[("environment", "prod")]);
    assert_eq!(ingress(&prod, "app-sg").len(), 3);
}

#[test]
fn web_and_postgres_matches_seed_004() {
    let p = plan_of("web-and-postgres", &[]);
    let expected = table(&[
        ("vpc", 1),
        ("subnet", 4),
        ("internet_gateway", 1),
        ("route_table", 2),
        ("route", 2),
        ("route_table_association", 4),
        ("eip", 1),
        ("nat_gateway", 1),
        ("security_group", 2),
        ("security_group_rule", 1),
        ("instance", 1),
        ("db_subnet_group", 1),
        ("rds_instance", 1),
    ]);
    assert_eq!(counts(&p), expected);
    for (sn, block) in [
        ("public-a", "10.0.1.0/24"),
        ("public-b", "10.0.2.0/24"),
        ("private-a", "10.0.10.0/24"),
        ("private-b", "10.0.11.0/24"),
    ] {
        assert_eq!(s(node(&p, &format!("subnet.{sn}")), "cidr_block"), block);
    }
    assert_eq!(
        ingress(&p, "app"),
        vec![
            rule("tcp", 80, 80, "0.0.0.0/0"),
            rule("tcp", 443, 443, "0.0.0.0/0"),
            rule("-1", -1, -1, "self"),
        ]
    );
    assert_eq!(ingress(&p, "db"), vec![rule("tcp", 5432, 5432, "sg:app")]);
    let db = node(&p, "rds_instance.postgres");
    assert_eq!(s(db, "engine_version"), "15");
    assert_eq!(s(db, "db_instance_class"), "db.t3.micro");
    assert_eq!(i(db, "allocated_storage_gb"), 20);
    assert_eq!(s(db, "db_name"), "alokadb");
    assert_eq!(s(db, "master_username"), "postgres");
    assert!(!b(db, "publicly_accessible"));
    assert_eq!(i(db, "backup_retention_days"), 0);
    let app = node(&p, "instance.app");
    assert_eq!(s(app, "instance_type"), "t3.small");
    // The seed's Amazon Linux 2 reached its end of life on 2026-06-30: AL2023, and dnf.
    assert_eq!(
        ami_parameter(app),
        "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
    );
    let script = user_data(app);
    assert!(script.contains("dnf install -y docker"), "{script}");
    assert!(!script.contains("yum") && !script.contains("amazon-linux-extras"));
    let outputs: Vec<&str> = p.outputs.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        outputs,
        [
            "app_public_ip",
            "app_public_dns",
            "db_endpoint",
            "db_subnet_group_name",
            "app_security_group_id",
            "db_security_group_id",
            "vpc_id"
        ]
    );
}

#[test]
fn multi_az_flow_logs_go_to_s3_too_only_when_asked() {
    let off = plan_of("multi-az-three-tier", &[]);
    assert_eq!(counts(&off)["flow_log"], 1);
    assert!(!counts(&off).contains_key("s3_bucket"));

    let on = plan_of(
        "multi-az-three-tier",
        &[("flow_logs_to_s3", "true"), ("environment", "prod")],
    );
    assert_eq!(counts(&on)["flow_log"], 2);
    assert_eq!(counts(&on)["s3_bucket"], 1);
    let to_s3 = node(&on, "flow_log.vpc-s3");
    assert!(
        to_s3
            .depends_on
            .contains(&"s3_bucket.flow_logs".to_string())
    );
    let hangar_core::graph::NodeSpec::S3Bucket(bucket) = &node(&on, "s3_bucket.flow_logs").spec
    else {
        panic!("bucket");
    };
    // Not a backup: a prod teardown empties and deletes it too; a year at most.
    assert!(!bucket.retain && bucket.force_destroy && bucket.block_public_access);
    assert!(
        bucket
            .lifecycle
            .iter()
            .any(|r| r.days == 365
                && r.action == hangar_core::graph::spec::LifecycleAction::Expire)
    );
}
