//! The built-in blueprints against the emulator: up, then describe calls confirm what was made
//! (counts by tag, and the key properties each seed names), then down, then the emulator is as
//! it was before `up`, judged by `hangar_testkit::state` (moto's own record and plain listings),
//! not by Hangar's look-ups. They run in the Sandbox, whose corrections to moto
//! (crates/sandbox/src/aws_like.py) let `multi-az-three-tier`'s ElastiCache teardown finish as
//! it does on AWS; crates/resources/tests/elasticache_against_moto.rs names moto's own limits.

use crate::support;

use std::collections::BTreeMap;

use aws_sdk_ec2::types::Filter;
use hangar_core::graph::ResourceKind as K;
use hangar_core::{Overrides, Plan, load_builtin, plan};
use hangar_engine::{Engine, JobStatus, null_sink};
use hangar_resources::{Ctx, find_tagged};
use hangar_testkit::state::{Snapshot, assert_nothing_left};
use hangar_testkit::{MotoServer, REGION, sdk_config};

struct Up {
    server: MotoServer,
    before: Snapshot,
    _dir: tempfile::TempDir,
    engine: Engine,
    sdk: aws_config::SdkConfig,
    ctx: Ctx,
    plan: Plan,
    env: String,
}

async fn up(blueprint: &str) -> Up {
    let server = MotoServer::start().expect("moto");
    let sdk = sdk_config(&server.endpoint());
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    let env = format!("t-{blueprint}");
    support::create(&engine, &env, blueprint, "keep");
    let before = Snapshot::take(&server.endpoint()).await;
    engine
        .provision(&env, &sdk, null_sink())
        .await
        .expect("provisioned");
    let plan = plan(
        &load_builtin(blueprint).expect("built-in"),
        &Overrides::new(),
    )
    .expect("plan");
    let outputs: BTreeMap<String, String> = serde_json::from_str(
        &engine
            .store()
            .environment(&env)
            .expect("read")
            .expect("env")
            .outputs,
    )
    .expect("outputs");
    assert_eq!(outputs.len(), plan.outputs.len(), "{outputs:?}");
    for (name, value) in &outputs {
        assert!(!value.is_empty(), "{blueprint}: output {name} is empty");
    }
    let ctx = support::ctx(&engine, &env, &sdk, REGION);
    for kind in support::tagged_kinds() {
        let found = find_tagged(&ctx, kind).await.expect("find").len();
        assert_eq!(
            found,
            plan.graph.count(kind),
            "{blueprint}: {kind:?} by tag"
        );
    }
    Up {
        server,
        before,
        _dir: dir,
        engine,
        sdk,
        ctx,
        plan,
        env,
    }
}

impl Up {
    async fn down(self) {
        let job = self
            .engine
            .teardown(&self.env, &self.sdk, null_sink())
            .await
            .expect("torn down");
        assert_eq!(job.status, JobStatus::Succeeded);
        let after = Snapshot::take(&self.server.endpoint()).await;
        assert_nothing_left(&self.before, &after);
    }

    fn id(&self, logical: &str) -> String {
        let env = self
            .engine
            .store()
            .environment(&self.env)
            .expect("read")
            .expect("env");
        self.engine
            .store()
            .resources(env.id)
            .expect("journal")
            .into_iter()
            .find(|r| r.logical_name == logical)
            .and_then(|r| r.aws_id)
            .unwrap_or_else(|| panic!("{logical} was made"))
    }

    async fn subnet_cidrs(&self) -> Vec<String> {
        let out = self
            .ctx
            .clients
            .ec2
            .describe_subnets()
            .filters(
                Filter::builder()
                    .name("vpc-id")
                    .values(self.id("vpc.main"))
                    .build(),
            )
            .send()
            .await
            .expect("subnets");
        let mut cidrs: Vec<String> = out
            .subnets()
            .iter()
            .filter_map(|s| s.cidr_block().map(str::to_string))
            .collect();
        cidrs.sort();
        cidrs
    }

    async fn database(&self, logical: &str) -> aws_sdk_rds::types::DbInstance {
        self.ctx
            .clients
            .rds
            .describe_db_instances()
            .db_instance_identifier(self.id(logical))
            .send()
            .await
            .expect("rds")
            .db_instances()[0]
            .clone()
    }

    async fn user_data(&self, logical: &str) -> String {
        use base64::Engine as _;
        let out = self
            .ctx
            .clients
            .ec2
            .describe_instance_attribute()
            .instance_id(self.id(logical))
            .attribute(aws_sdk_ec2::types::InstanceAttributeName::UserData)
            .send()
            .await
            .expect("user data");
        let b64 = out.user_data().and_then(|v| v.value()).unwrap_or_default();
        String::from_utf8_lossy(
            &base64::engine::general_purpose::STANDARD
                .decode(b64)
                .expect("base64"),
        )
        .into_owned()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn single_host_dev() {
    let env = up("single-host-dev").await;
    let ingress = env
        .ctx
        .clients
        .ec2
        .describe_security_groups()
        .group_ids(env.id("security_group.dev-server"))
        .send()
        .await
        .expect("sg");
    let ports: Vec<i32> = ingress.security_groups()[0]
        .ip_permissions()
        .iter()
        .filter_map(|p| p.from_port())
        .collect();
    for port in [22, 8000, 8081, 5433, 6379] {
        assert!(
            ports.contains(&port),
            "port {port} open as in the seed: {ports:?}"
        );
    }
    assert!(
        env.user_data("instance.dev-server")
            .await
            .contains("docker"),
        "user data installs Docker"
    );
    env.down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn docker_host() {
    let env = up("docker-host").await;
    let out = env
        .ctx
        .clients
        .ec2
        .describe_instances()
        .instance_ids(env.id("instance.host"))
        .send()
        .await
        .expect("instance");
    let instance = &out.reservations()[0].instances()[0];
    assert_eq!(
        instance
            .metadata_options()
            .and_then(|m| m.http_tokens())
            .map(|t| t.as_str()),
        Some("required"),
        "IMDSv2 required"
    );
    // Its containers sit behind Docker's bridge, one hop further from IMDS.
    assert_eq!(
        instance
            .metadata_options()
            .and_then(|m| m.http_put_response_hop_limit()),
        Some(2)
    );
    assert!(
        instance.iam_instance_profile().is_some(),
        "runs with its instance profile"
    );
    assert!(
        env.user_data("instance.host")
            .await
            .contains("docker-compose"),
        "compose file written"
    );
    env.down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn web_and_postgres() {
    let env = up("web-and-postgres").await;
    assert_eq!(
        env.subnet_cidrs().await,
        ["10.0.1.0/24", "10.0.10.0/24", "10.0.11.0/24", "10.0.2.0/24"]
    );
    let db = env.database("rds_instance.postgres").await;
    assert_eq!(db.engine(), Some("postgres"));
    assert_eq!(db.db_instance_class(), Some("db.t3.micro"));
    assert_eq!(db.allocated_storage(), Some(20));
    assert_eq!(db.publicly_accessible(), Some(false));
    assert_eq!(env.plan.graph.count(K::NatGateway), 1);
    env.down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_and_database() {
    let env = up("app-and-database").await;
    assert_eq!(
        env.subnet_cidrs().await,
        ["10.0.1.0/24", "10.0.11.0/24", "10.0.12.0/24", "10.0.2.0/24"]
    );
    let bucket = env.id("s3_bucket.artifacts");
    // Versioning is set too, but moto 5.2 answers GetBucketVersioning with a root element the
    // Rust SDK refuses (`GetBucketVersioningResponse`), so the public access block stands in.
    let block = env
        .ctx
        .clients
        .s3
        .get_public_access_block()
        .bucket(&bucket)
        .send()
        .await
        .expect("public access block");
    let config = block
        .public_access_block_configuration()
        .expect("configured");
    assert_eq!(config.block_public_acls(), Some(true));
    assert_eq!(config.restrict_public_buckets(), Some(true));
    env.down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn multi_az_three_tier() {
    let env = up("multi-az-three-tier").await;
    assert_eq!(
        env.subnet_cidrs().await,
        [
            "10.0.0.0/20",
            "10.0.112.0/20",
            "10.0.128.0/20",
            "10.0.16.0/20",
            "10.0.32.0/20",
            "10.0.48.0/20",
            "10.0.64.0/20",
            "10.0.80.0/20",
            "10.0.96.0/20",
        ]
    );
    // The database group admits Postgres and Redis from the app group only, by group id.
    let app_group = env.id("security_group.app");
    let groups = env
        .ctx
        .clients
        .ec2
        .describe_security_groups()
        .group_ids(env.id("security_group.database"))
        .send()
        .await
        .expect("sg");
    let mut sources: Vec<(i32, String)> = groups.security_groups()[0]
        .ip_permissions()
        .iter()
        .flat_map(|p| {
            p.user_id_group_pairs().iter().map(|pair| {
                (
                    p.from_port().unwrap_or_default(),
                    pair.group_id().unwrap_or_default().to_string(),
                )
            })
        })
        .collect();
    sources.sort();
    assert_eq!(sources, [(5432, app_group.clone()), (6379, app_group)]);

    let db = env.database("rds_instance.postgres").await;
    assert_eq!(db.engine(), Some("postgres"));
    assert_eq!(db.storage_encrypted(), Some(true));
    assert_eq!(db.backup_retention_period(), Some(7));
    assert_eq!(db.publicly_accessible(), Some(false));

    let caches = env
        .ctx
        .clients
        .elasticache
        .describe_replication_groups()
        .replication_group_id(env.id("elasticache_replication_group.redis"))
        .send()
        .await
        .expect("redis");
    let cache = &caches.replication_groups()[0];
    assert_eq!(cache.status(), Some("available"));
    assert_eq!(cache.multi_az().map(|m| m.as_str()), Some("enabled"));
    assert_eq!(env.plan.graph.count(K::VpcEndpoint), 6);

    // The API, web and worker tiers run as Fargate services; web is registered with the
    // ALB's default target group, the API with the group its /api/* rule forwards to.
    let cluster = env.id("ecs_cluster.main");
    let services = |ctx: &Ctx| {
        ctx.clients
            .ecs
            .describe_services()
            .cluster(cluster.clone())
            .services("api")
            .services("web")
            .services("worker")
            .send()
    };
    let out = services(&env.ctx).await.expect("services");
    let running: Vec<(&str, &str, Vec<&str>)> = out
        .services()
        .iter()
        .map(|s| {
            (
                s.service_name().unwrap_or_default(),
                s.status().unwrap_or_default(),
                s.load_balancers()
                    .iter()
                    .filter_map(|l| l.target_group_arn())
                    .collect(),
            )
        })
        .collect();
    let group = env.id("target_group.alb");
    let api_group = env.id("target_group.alb-api");
    assert_eq!(
        running,
        [
            ("api", "ACTIVE", vec![api_group.as_str()]),
            ("web", "ACTIVE", vec![group.as_str()]),
            ("worker", "ACTIVE", vec![]),
        ]
    );
    // The HTTP listener's rule, as ELBv2 lists it: /api/* to the API's group.
    let rules = env
        .ctx
        .clients
        .elbv2
        .describe_rules()
        .listener_arn(env.id("listener.alb-80"))
        .send()
        .await
        .expect("rules");
    let routed: Vec<(Vec<&str>, Option<&str>)> = rules
        .rules()
        .iter()
        .filter(|r| r.is_default() != Some(true))
        .map(|r| {
            (
                r.conditions()
                    .iter()
                    .flat_map(|c| {
                        c.path_pattern_config()
                            .map(|p| p.values())
                            .unwrap_or(c.values())
                    })
                    .map(String::as_str)
                    .collect(),
                r.actions().first().and_then(|a| a.target_group_arn()),
            )
        })
        .collect();
    assert_eq!(routed, [(vec!["/api/*"], Some(api_group.as_str()))]);
    // `down` judges them gone by the emulator's own listing: every cluster's services and
    // task definitions are in the snapshot, and only INACTIVE (as AWS lists a deleted one for
    // a while) is excused.
    env.down().await;
}
