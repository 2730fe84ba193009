//! Limits and catalogues AWS enforces that the emulator does not (moto accepts unknown instance
//! types and 20 KB of user data). Kept as data so a new region or type is a one-line change.

/// AWS: "User data is limited to 16 KB, in raw form, before it is base64-encoded."
/// So the limit applies to the rendered script itself, not to its base64 (which is ~4/3 larger).
pub const USER_DATA_MAX_BYTES: usize = 16 * 1024;

/// Regions Hangar offers, with the AZ letters commonly available to new accounts. The cloud
/// crate maps these onto the account's real zone names with DescribeAvailabilityZones.
pub const REGIONS: &[(&str, &[char])] = &[
    ("us-east-1", &['a', 'b', 'c', 'd', 'e', 'f']),
    ("us-east-2", &['a', 'b', 'c']),
    ("us-west-1", &['b', 'c']),
    ("us-west-2", &['a', 'b', 'c', 'd']),
    ("ca-central-1", &['a', 'b', 'd']),
    ("sa-east-1", &['a', 'b', 'c']),
    ("eu-west-1", &['a', 'b', 'c']),
    ("eu-west-2", &['a', 'b', 'c']),
    ("eu-west-3", &['a', 'b', 'c']),
    ("eu-central-1", &['a', 'b', 'c']),
    ("eu-north-1", &['a', 'b', 'c']),
    ("ap-south-1", &['a', 'b', 'c']),
    ("ap-southeast-1", &['a', 'b', 'c']),
    ("ap-southeast-2", &['a', 'b', 'c']),
    ("ap-northeast-1", &['a', 'c', 'd']),
    ("ap-northeast-2", &['a', 'b', 'c', 'd']),
];

pub fn az_letters(region: &str) -> Option<&'static [char]> {
    REGIONS.iter().find(|(r, _)| *r == region).map(|(_, l)| *l)
}

pub fn az_name(region: &str, index: usize) -> String {
    let letter = az_letters(region)
        .and_then(|l| l.get(index))
        .copied()
        .unwrap_or('a');
    format!("{region}{letter}")
}

pub const INSTANCE_TYPES: &[&str] = &[
    "t2.micro",
    "t2.small",
    "t2.medium",
    "t2.large",
    "t3.nano",
    "t3.micro",
    "t3.small",
    "t3.medium",
    "t3.large",
    "t3.xlarge",
    "t3.2xlarge",
    "t3a.micro",
    "t3a.small",
    "t3a.medium",
    "t3a.large",
    "t3a.xlarge",
    "m5.large",
    "m5.xlarge",
    "m5.2xlarge",
    "m6i.large",
    "m6i.xlarge",
    "m7i.large",
    "m7i.xlarge",
    "c5.large",
    "c5.xlarge",
    "c6i.large",
    "c6i.xlarge",
    "r5.large",
    "r6i.large",
];

pub const DB_INSTANCE_CLASSES: &[&str] = &[
    "db.t3.micro",
    "db.t3.small",
    "db.t3.medium",
    "db.t3.large",
    "db.t4g.micro",
    "db.t4g.small",
    "db.t4g.medium",
    "db.t4g.large",
    "db.m5.large",
    "db.m6g.large",
    "db.m6i.large",
    "db.r5.large",
    "db.r6g.large",
];

pub const CACHE_NODE_TYPES: &[&str] = &[
    "cache.t3.micro",
    "cache.t3.small",
    "cache.t3.medium",
    "cache.t4g.micro",
    "cache.t4g.small",
    "cache.t4g.medium",
    "cache.m6g.large",
    "cache.r6g.large",
];

/// Engine -> versions Hangar knows RDS / ElastiCache to offer. RDS engines are listed by
/// major version only: AWS retires minor versions every few months, and a blueprint pinned to
/// one fails half-way (after the network and NAT exist). Given a major, RDS picks the newest
/// minor it still offers.
pub const ENGINE_VERSIONS: &[(&str, &[&str])] = &[
    ("postgres", &["14", "15", "16", "17"]),
    ("mysql", &["8.0", "8.4"]),
    ("redis", &["6.2", "7.0", "7.1"]),
    ("valkey", &["7.2", "8.0"]),
];

pub fn engine_versions(engine: &str) -> Option<&'static [&'static str]> {
    ENGINE_VERSIONS
        .iter()
        .find(|(e, _)| *e == engine)
        .map(|(_, v)| *v)
}

/// CloudWatch Logs accepts only these retention periods.
pub const LOG_RETENTION_DAYS: &[i64] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

pub const VOLUME_TYPES: &[&str] = &["gp2", "gp3", "io1", "io2"];

pub const ENDPOINT_SERVICES: &[&str] = &[
    "s3",
    "dynamodb",
    "ecr.api",
    "ecr.dkr",
    "secretsmanager",
    "logs",
    "ssm",
    "ssmmessages",
    "ec2messages",
    "sts",
    "kms",
];

pub const S3_STORAGE_CLASSES: &[&str] = &[
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
    "GLACIER_IR",
    "GLACIER",
    "DEEP_ARCHIVE",
];
