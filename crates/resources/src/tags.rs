use sha2::{Digest, Sha256};

use crate::Ctx;

/// Every resource Hangar makes carries these, so a sweep can find what the history missed.
/// The environment's name is for people (and for spotting that a name is live in the account);
/// its id decides what is ours: two histories may both have a `dev`.
pub const ENV_TAG: &str = "hangar:env";
pub const ENV_ID_TAG: &str = "hangar:env-id";
pub const LOGICAL_TAG: &str = "hangar:logical";

/// `(key, value)` pairs for a resource: env name and id, logical name, and a readable `Name`.
pub fn standard(ctx: &Ctx, logical: &str) -> Vec<(String, String)> {
    let short = logical.split_once('.').map_or(logical, |(_, name)| name);
    vec![
        (ENV_TAG.to_string(), ctx.env.clone()),
        (ENV_ID_TAG.to_string(), ctx.env_id.clone()),
        (LOGICAL_TAG.to_string(), logical.to_string()),
        ("Name".to_string(), format!("{}-{short}", ctx.env)),
    ]
}

/// A client token stable for one attempt at one resource of one environment, so a retried or
/// resumed create returns the first call's resource instead of making a second. AWS keeps a
/// token at least 24 hours, even after the resource is gone: a new attempt (`generation`, from
/// the history) needs a new token, or AWS hands back the dead one. At most 64 ASCII characters.
/// `env_id` is the environment's UUID, not its name: another history's `dev` in the same
/// account must not get this environment's resources back for its tokens.
pub fn client_token(env_id: &str, logical: &str, generation: u32) -> String {
    let digest = Sha256::digest(format!("{env_id}\u{0}{logical}\u{0}{generation}").as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("hangar-{}", &hex[..48])
}

pub(crate) fn ec2_tags(ctx: &Ctx, logical: &str) -> Vec<aws_sdk_ec2::types::Tag> {
    standard(ctx, logical)
        .into_iter()
        .map(|(k, v)| aws_sdk_ec2::types::Tag::builder().key(k).value(v).build())
        .collect()
}

pub(crate) fn ec2_tag_spec(
    resource: aws_sdk_ec2::types::ResourceType,
    ctx: &Ctx,
    logical: &str,
) -> aws_sdk_ec2::types::TagSpecification {
    aws_sdk_ec2::types::TagSpecification::builder()
        .resource_type(resource)
        .set_tags(Some(ec2_tags(ctx, logical)))
        .build()
}

/// Filters for "carries this environment's id", and optionally this logical name.
pub(crate) fn ec2_filters(ctx: &Ctx, logical: Option<&str>) -> Vec<aws_sdk_ec2::types::Filter> {
    let filter = |name: String, value: &str| {
        aws_sdk_ec2::types::Filter::builder()
            .name(name)
            .values(value)
            .build()
    };
    let mut filters = vec![filter(format!("tag:{ENV_ID_TAG}"), &ctx.env_id)];
    if let Some(logical) = logical {
        filters.push(filter(format!("tag:{LOGICAL_TAG}"), logical));
    }
    filters
}

/// The value of one tag in an EC2 tag list.
pub(crate) fn ec2_tag<'a>(tags: &'a [aws_sdk_ec2::types::Tag], key: &str) -> Option<&'a str> {
    tags.iter()
        .find(|t| t.key() == Some(key))
        .and_then(|t| t.value())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_tokens_are_stable_distinct_and_short_enough() {
        let a = client_token("demo", "nat_gateway.a", 0);
        assert_eq!(a, client_token("demo", "nat_gateway.a", 0));
        assert_ne!(a, client_token("demo", "nat_gateway.b", 0));
        assert_ne!(a, client_token("demo2", "nat_gateway.a", 0));
        assert_ne!(a, client_token("demo", "nat_gateway.a", 1), "a new attempt");
        assert!(a.len() <= 64 && a.is_ascii(), "{a}");
    }

    #[test]
    fn names_use_the_short_logical_name() {
        let config = aws_config::SdkConfig::builder()
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build();
        let ctx = Ctx::new(crate::Clients::new(&config), "demo", "id-1", "eu-west-1");
        let tags = standard(&ctx, "subnet.public-a");
        assert!(tags.contains(&(ENV_ID_TAG.into(), "id-1".into())));
        assert!(tags.contains(&("Name".into(), "demo-public-a".into())));
        assert!(tags.contains(&(LOGICAL_TAG.into(), "subnet.public-a".into())));
    }
}
