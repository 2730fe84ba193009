//! A blueprint output (`section.name.attribute`) to the node and attribute its value comes
//! from, decided with the plan so a name that will never be filled is refused up front.

use super::spec::OutputSource;
use super::{Attr, Section};
use crate::blueprint::schema::Spec;

/// Attributes an output may name beside the kind's own: `id` is the AWS id; an instance's
/// `elastic_ip` is the public address of its Elastic IP node.
pub const ID: &str = "id";
const ELASTIC_IP: &str = "elastic_ip";

/// Where `reference` takes its value from, or `None` when it names nothing this plan makes.
pub fn output_source(spec: &Spec, reference: &str) -> Option<OutputSource> {
    let (path, attribute) = reference.rsplit_once('.')?;
    let (section, name) = path.split_once('.')?;
    let section = Section::parse(section)?;
    let node = match section {
        Section::Network => "vpc.main".to_string(),
        // An instance with a count has numbered nodes; the output names the first.
        Section::Instances => {
            let instance = spec
                .instances
                .iter()
                .find(|i| i.enabled && i.name == name)?;
            super::build::instance_names(&instance.name, instance.count)
                .into_iter()
                .next()?
        }
        Section::Databases
        | Section::Caches
        | Section::LoadBalancers
        | Section::Buckets
        | Section::SecurityGroups
        | Section::IamRoles
        | Section::SsmParameters
        | Section::EcsClusters
        | Section::Services => format!("{}.{name}", section.kind().as_str()),
    };
    Some(match attribute {
        ID => OutputSource::Id { node },
        ELASTIC_IP if section == Section::Instances => OutputSource::Attr {
            node: format!("eip.{}", node.trim_start_matches("instance.")),
            attr: Attr::PublicIp,
        },
        other => OutputSource::Attr {
            node,
            attr: Attr::parse(other)?,
        },
    })
}
