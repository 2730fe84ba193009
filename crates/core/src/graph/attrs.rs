use serde::{Deserialize, Serialize};

/// What a create returns beside the AWS id and the history keeps: an ARN, an address, the ids a
/// later delete must name. A closed set, so a typo in a kind module or a blueprint's
/// `[[outputs]]` is an error, not an empty value.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Attr {
    Arn,
    Name,
    DnsName,
    CanonicalHostedZoneId,
    PublicIp,
    PublicDns,
    PrivateIp,
    AssociationId,
    InstanceId,
    VpcId,
    SubnetId,
    RouteTableId,
    Destination,
    GroupId,
    PeerGroupId,
    Direction,
    LoadBalancerArn,
    ClusterArn,
    TargetGroupArn,
    LogGroup,
    Address,
    Port,
    Endpoint,
    PrimaryEndpoint,
    ReaderEndpoint,
    DbSubnetGroupName,
    MasterUserSecretArn,
    /// `true` when a final snapshot was asked for at create, so the delete takes one even when
    /// it no longer has the plan.
    FinalSnapshot,
    /// `Gateway` or `Interface`.
    #[serde(rename = "type")]
    #[strum(serialize = "type")]
    EndpointType,
    Version,
}

impl Attr {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Attr> {
        s.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn every_attribute_round_trips_through_its_name() {
        for attr in Attr::VARIANTS {
            assert_eq!(Attr::parse(attr.as_str()), Some(*attr));
            let json = serde_json::to_string(attr).expect("json");
            assert_eq!(json, format!("\"{}\"", attr.as_str()));
        }
    }
}
