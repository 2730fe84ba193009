//! What a teardown may leave, because AWS itself keeps it or makes it: the short, explicit
//! list of exceptions to "the emulator after `down` is the emulator before `up`".

/// Whether AWS, not the product, answers for `id` of `kind` in `state` (or at this path):
/// it is then neither a leftover nor something the product made.
pub fn kept_by_aws(kind: &str, id: &str, state: Option<&str>) -> bool {
    match (kind, state) {
        // A terminated instance stays listed for about an hour after it is gone.
        ("ec2 instance", Some("terminated")) => true,
        // Deleted NAT gateways and VPC endpoints are listed in state `deleted` for a while.
        ("ec2 nat gateway" | "ec2 vpc endpoint", Some("deleted")) => true,
        // moto 5.2 keeps a VPC's default network ACL, and a NAT gateway's network interface,
        // after the VPC or gateway is deleted; AWS deletes both with their owner.
        ("ec2 network acl", Some(DEFAULT_OF_DELETED_VPC)) => true,
        ("ec2 network interface", Some(OF_DELETED_NAT_GATEWAY)) => true,
        // A deleted ECS cluster or service stays listed as INACTIVE for a while.
        ("ecs cluster" | "ecs service", Some("INACTIVE")) => true,
        // RDS answers with its own `default.<family>` groups once an engine is first used.
        ("rds db parameter group", _) => id.starts_with("default."),
        // ElastiCache's own `default` subnet group, made with the first cache.
        ("elasticache subnet group", _) => id == "default",
        // AWS's public parameters (the images' /aws/service/...): published by AWS, listed
        // once read, never the account's.
        ("ssm parameter", _) => id.starts_with("/aws/service/"),
        // Service-linked roles are made by AWS services on first use, under this path.
        ("iam role", Some(path)) => path.starts_with("/aws-service-role/"),
        _ => false,
    }
}

/// The state `live.rs` gives what only moto keeps after its owner is gone.
pub const DEFAULT_OF_DELETED_VPC: &str = "default of a deleted VPC";
pub const OF_DELETED_NAT_GATEWAY: &str = "of a deleted NAT gateway";

/// moto model classes (`service/Class` in its data.json) that are parts of something listed in
/// `live.rs` and go with it, so that a kind the product makes without a listing fails the
/// check, not passes it unseen. Each is made as a part of, and only alongside, its owner.
pub const PARTS: &[&str] = &[
    // A group's rules, default egress included, are deleted with the group.
    "ec2/SecurityGroupRule",
    // A network ACL's rules, and a route table's routes, go with it.
    "ec2/NetworkAclEntry",
    "ec2/Route",
    // An internet gateway's attachment to its VPC, and a route table's association with a
    // subnet, cannot outlive the gateway, table, subnet or VPC (all listed).
    "ec2/VPCGatewayAttachment",
    "ec2/SubnetRouteTableAssociation",
    // A bucket's (or object's) access control list and its grants go with it.
    "s3/FakeAcl",
    "s3/FakeGrant",
    "s3/FakeGrantee",
    // An instance's profile association and its root volume's attachment end when it is
    // terminated; the volume itself is listed.
    "ec2/IamInstanceProfileAssociation",
    "ec2/VolumeAttachment",
    // The AWS-managed `aws/ebs` key and its alias: AWS makes them on the first encrypted
    // volume and never deletes them. Hangar makes no KMS keys of its own.
    "kms/Key",
    "kms/Alias",
    // A listener, its rules and their actions live inside their load balancer (listed) and
    // are deleted with it.
    "elbv2/FakeListener",
    "elbv2/FakeRule",
    "elbv2/FakeListenerRule",
    "elbv2/FakeAction",
    // Not a resource: moto's record of a DescribeClusters that found no cluster of a name
    // (the answer's `failures` entry), made when a create first looks for its name.
    "ecs/ClusterFailure",
];

/// moto model classes whose objects the listings in `live.rs` judge.
pub const LISTED: &[&str] = &[
    "ec2/VPC",
    "ec2/Subnet",
    "ec2/InternetGateway",
    "ec2/RouteTable",
    "ec2/SecurityGroup",
    "ec2/NetworkAcl",
    "ec2/NatGateway",
    "ec2/ElasticAddress",
    "ec2/Instance",
    "ec2/Volume",
    "ec2/NetworkInterface",
    "ec2/VPCEndPoint",
    "ec2/FlowLogs",
    "s3/FakeBucket",
    "iam/Role",
    "iam/InstanceProfile",
    "iam/ManagedPolicy",
    "elbv2/FakeLoadBalancer",
    "elbv2/FakeTargetGroup",
    "logs/LogGroup",
    "ssm/Parameter",
    "ecs/Cluster",
    "ecs/Service",
    "ecs/TaskDefinition",
];
