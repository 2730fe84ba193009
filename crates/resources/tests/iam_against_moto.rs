//! IAM roles and instance profiles through the real emulator: `app-and-database`'s role (trust
//! for EC2, a managed policy, an inline S3 policy) and its profile, and `docker-host`'s; found
//! by tag, adopted when created again, refused when the name belongs to someone else, deleted
//! profile first until nothing tagged is left.

use crate::support;

use hangar_core::graph::Attr;
use hangar_core::graph::ResourceKind as K;
use hangar_resources::{ErrorKind, create, delete, find_tagged};
use hangar_sandbox::MotoServer;

const IAM: [K; 2] = [K::IamRole, K::InstanceProfile];

/// IAM answers policy documents URL-encoded (RFC 3986); the emulator may not.
fn decode(document: &str) -> serde_json::Value {
    let bytes = document.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ascii");
                out.push(u8::from_str_radix(hex, 16).expect("hex"));
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{document}: {e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_and_profiles_are_created_adopted_and_deleted() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "iam-test");
    let nodes = support::nodes_for("app-and-database", &IAM);
    assert_eq!(
        nodes.iter().map(|n| n.logical.as_str()).collect::<Vec<_>>(),
        ["iam_role.ec2", "instance_profile.ec2"]
    );
    let made = support::create_all(&ctx, &nodes).await;
    let role = made.get("iam_role.ec2");
    assert_eq!(role.aws_id, "coherent-dev-ec2-role");
    assert_eq!(role.attr(Attr::Name), Some("coherent-dev-ec2-role"));
    assert!(
        role.attr(Attr::Arn)
            .is_some_and(|a| a.ends_with(":role/coherent-dev-ec2-role")),
        "{role:?}"
    );
    let profile = made.get("instance_profile.ec2");
    assert!(
        profile
            .attr(Attr::Arn)
            .is_some_and(|a| a.ends_with(":instance-profile/coherent-dev-ec2-profile")),
        "{profile:?}"
    );

    // The trust policy lets EC2 assume the role; the managed and inline policies are on it.
    let iam = &ctx.clients.iam;
    let got = iam
        .get_role()
        .role_name("coherent-dev-ec2-role")
        .send()
        .await
        .expect("role");
    let trust = decode(
        got.role()
            .and_then(|r| r.assume_role_policy_document())
            .expect("trust"),
    );
    assert_eq!(
        trust["Statement"][0]["Principal"]["Service"],
        "ec2.amazonaws.com"
    );
    assert_eq!(trust["Statement"][0]["Action"], "sts:AssumeRole");
    let attached = iam
        .list_attached_role_policies()
        .role_name("coherent-dev-ec2-role")
        .send()
        .await
        .expect("attached");
    assert_eq!(
        attached
            .attached_policies()
            .iter()
            .filter_map(|p| p.policy_arn())
            .collect::<Vec<_>>(),
        ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]
    );
    let inline = iam
        .get_role_policy()
        .role_name("coherent-dev-ec2-role")
        .policy_name("coherent-ec2-s3-policy")
        .send()
        .await
        .expect("inline policy");
    let inline = decode(inline.policy_document());
    assert_eq!(inline["Statement"][0]["Effect"], "Allow");
    assert!(
        inline["Statement"][0]["Action"]
            .as_array()
            .expect("actions")
            .contains(&"s3:GetObject".into())
    );
    assert_eq!(
        inline["Statement"][0]["Resource"],
        serde_json::json!([
            "arn:aws:s3:::coherent-artifacts-dev-xxxxxxxx",
            "arn:aws:s3:::coherent-artifacts-dev-xxxxxxxx/*"
        ])
    );
    let in_profile = iam
        .get_instance_profile()
        .instance_profile_name("coherent-dev-ec2-profile")
        .send()
        .await
        .expect("profile");
    assert_eq!(
        in_profile.instance_profile().map(|p| p
            .roles()
            .iter()
            .map(|r| r.role_name())
            .collect::<Vec<_>>()),
        Some(vec!["coherent-dev-ec2-role"])
    );

    // Found by tag, with the logical names; created again, the same ones are adopted.
    for kind in IAM {
        let found = find_tagged(&ctx, kind).await.expect("find");
        assert_eq!(found.len(), 1, "{kind:?}: {found:?}");
        assert!(found[0].logical.is_some());
    }
    let again = support::create_all(&ctx, &nodes).await;
    made.assert_same_ids(&again);
    assert_eq!(
        find_tagged(&ctx, K::IamRole).await.expect("find").len(),
        1,
        "no second role"
    );

    // Another environment asking for the same global names is refused, not handed ours.
    let other = support::ctx(&server, "someone-else");
    let err = create(&other, &nodes[0], &hangar_resources::Refs::default(), 0)
        .await
        .expect_err("the name is taken");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(err.message.contains("not this environment's"), "{err}");

    // The role first would fail on AWS while the profile holds it: the role's delete takes
    // it out of the profile itself, so even a sweep that gets the order wrong succeeds.
    delete(&ctx, K::IamRole, role, None)
        .await
        .expect("role deleted");
    delete(&ctx, K::InstanceProfile, profile, None)
        .await
        .expect("profile deleted");
    support::assert_nothing_tagged(&ctx, &IAM).await;
    // Already gone is success.
    made.delete_all(&ctx).await;
}

/// A role or profile of the blueprint's name that carries no tags of ours (made by hand, or
/// by another tool) is never adopted: IAM names are global to the account.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untagged_role_of_the_same_name_is_refused() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "iam-foreign");
    let nodes = support::nodes_for("docker-host", &IAM);
    let role_name = nodes[0].spec.aws_name().expect("role name");
    ctx.clients
        .iam
        .create_role()
        .role_name(role_name)
        .assume_role_policy_document("{}")
        .send()
        .await
        .expect("hand-made role");
    let err = create(&ctx, &nodes[0], &hangar_resources::Refs::default(), 0)
        .await
        .expect_err("not ours");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(err.message.contains(role_name), "{err}");
    assert!(
        find_tagged(&ctx, K::IamRole)
            .await
            .expect("find")
            .is_empty()
    );
}
