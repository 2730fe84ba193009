//! Images come from SSM parameters read in the environment's region: every public parameter a
//! built-in names resolves, in the Sandbox, to an image of its family that EC2 holds; an
//! unknown parameter ends the instance's create before any launch, naming the parameter and
//! the instance.

use crate::support;

use aws_sdk_ec2::config::Region;
use hangar_core::blueprint::builtin_names;
use hangar_core::graph::ResourceKind as K;
use hangar_core::graph::spec::AmiSource;
use hangar_core::graph::{NodeSpec, ResourceNode};
use hangar_core::{Overrides, load_builtin, plan};
use hangar_resources::{ErrorKind, Refs, create};
use hangar_testkit::faults::{self, FaultPlan};
use hangar_testkit::{MotoServer, sdk_config};

fn parameters_of_builtins() -> Vec<(String, String)> {
    let mut found = Vec::new();
    for name in builtin_names() {
        // multi-az-three-tier runs its tiers on Fargate; its one host is the optional bastion.
        let overrides: Overrides = match name {
            "multi-az-three-tier" => [("bastion", "true")].into_iter().collect(),
            _ => Overrides::new(),
        };
        let p = plan(&load_builtin(name).expect("built-in"), &overrides).expect("plan");
        for node in p.graph.creation_order() {
            if let NodeSpec::Instance(spec) = &node.spec {
                let AmiSource::Parameter(parameter) = &spec.ami else {
                    panic!(
                        "{name} {}: the built-ins name images by parameter",
                        node.logical
                    );
                };
                found.push((format!("{name} {}", node.logical), parameter.clone()));
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_builtin_image_parameter_names_an_image_of_its_family_in_each_region() {
    let server = MotoServer::start().expect("moto");
    let parameters = parameters_of_builtins();
    assert!(parameters.len() >= 5, "{parameters:?}");
    for region in ["us-east-1", "eu-west-1"] {
        let config = sdk_config(&server.endpoint())
            .to_builder()
            .region(Region::new(region))
            .build();
        let ssm = aws_sdk_ssm::Client::new(&config);
        let ec2 = aws_sdk_ec2::Client::new(&config);
        for (who, parameter) in &parameters {
            let id = ssm
                .get_parameter()
                .name(parameter)
                .send()
                .await
                .unwrap_or_else(|e| panic!("{who}: {parameter} in {region}: {e:?}"))
                .parameter()
                .and_then(|p| p.value())
                .expect("a value")
                .to_string();
            let images = ec2
                .describe_images()
                .image_ids(&id)
                .send()
                .await
                .unwrap_or_else(|e| panic!("{who}: {id} in {region}: {e:?}"));
            let name = images
                .images()
                .first()
                .and_then(|i| i.name())
                .unwrap_or_else(|| panic!("{who}: EC2 in {region} holds no {id}"));
            let family = if parameter.contains("/canonical/ubuntu/server/22.04/") {
                "ubuntu-jammy-22.04-amd64-server-"
            } else {
                "al2023-ami-2023."
            };
            assert!(
                name.contains(family) && !name.contains("arm64"),
                "{who}: {parameter} -> {id} ({name})"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_image_parameter_ends_the_create_naming_it_and_the_instance() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), FaultPlan::default()).expect("proxy");
    let ctx = support::ctx_via(&proxy.endpoint(), "unknown-image");
    let mut nodes: Vec<ResourceNode> = support::nodes_for("single-host-dev", &[K::Instance]);
    let mut instance = nodes.pop().expect("the instance comes last");
    const RETIRED: &str =
        "/aws/service/canonical/ubuntu/server/19.04/stable/current/amd64/hvm/ebs-gp2/ami-id";
    let NodeSpec::Instance(spec) = &mut instance.spec else {
        panic!("{} is not an instance", instance.logical);
    };
    spec.ami = AmiSource::Parameter(RETIRED.into());
    let made = support::create_all(&ctx, &nodes).await;
    let mut refs = Refs::default();
    for (node, created) in &made.0 {
        refs.insert(&node.logical, created.clone());
    }

    let err = create(&ctx, &instance, &refs, 0)
        .await
        .expect_err("no such parameter");
    assert_eq!(err.kind, ErrorKind::Invalid, "{err}");
    assert_eq!(err.code, "ParameterNotFound", "{err}");
    let message = err.to_string();
    assert!(message.contains(RETIRED), "{message}");
    assert!(message.contains(&instance.logical), "{message}");
    assert_eq!(
        proxy
            .seen("GetParameter")
            .iter()
            .filter_map(|r| r.param("Name"))
            .collect::<Vec<_>>(),
        [RETIRED]
    );
    assert!(proxy.seen("RunInstances").is_empty(), "nothing launched");
    made.delete_all(&ctx).await;
}
