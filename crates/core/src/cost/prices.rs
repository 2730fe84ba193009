//! On-demand prices, USD, us-east-1 (N. Virginia), Linux, no reservations or free tier.
//!
//! Source: AWS's public pricing pages (EC2 On-Demand, RDS for PostgreSQL, ElastiCache, VPC /
//! NAT gateway, PrivateLink, EBS, Elastic Load Balancing, S3, public IPv4 addresses) as known
//! on the date below. They are an estimate for comparing plans (dev against prod, single NAT
//! against one per AZ), not a bill: check the AWS Pricing Calculator before committing money.

pub const PRICE_DATE: &str = "2025-01";
pub const PRICE_REGION: &str = "us-east-1";
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Fargate (Linux, x86): per vCPU-hour and per GB of memory per hour.
pub const FARGATE_VCPU_HOURLY: f64 = 0.04048;
pub const FARGATE_GB_HOURLY: f64 = 0.004445;

/// EC2 instance-hours.
pub const EC2_HOURLY: &[(&str, f64)] = &[
    ("t2.micro", 0.0116),
    ("t2.small", 0.023),
    ("t2.medium", 0.0464),
    ("t2.large", 0.0928),
    ("t3.nano", 0.0052),
    ("t3.micro", 0.0104),
    ("t3.small", 0.0208),
    ("t3.medium", 0.0416),
    ("t3.large", 0.0832),
    ("t3.xlarge", 0.1664),
    ("t3.2xlarge", 0.3328),
    ("t3a.micro", 0.0094),
    ("t3a.small", 0.0188),
    ("t3a.medium", 0.0376),
    ("t3a.large", 0.0752),
    ("t3a.xlarge", 0.1504),
    ("m5.large", 0.096),
    ("m5.xlarge", 0.192),
    ("m5.2xlarge", 0.384),
    ("m6i.large", 0.096),
    ("m6i.xlarge", 0.192),
    ("m7i.large", 0.1008),
    ("m7i.xlarge", 0.2016),
    ("c5.large", 0.085),
    ("c5.xlarge", 0.17),
    ("c6i.large", 0.085),
    ("c6i.xlarge", 0.17),
    ("r5.large", 0.126),
    ("r6i.large", 0.126),
];

/// RDS for PostgreSQL single-AZ instance-hours; Multi-AZ (one standby) is twice this.
pub const RDS_HOURLY: &[(&str, f64)] = &[
    ("db.t3.micro", 0.018),
    ("db.t3.small", 0.036),
    ("db.t3.medium", 0.072),
    ("db.t3.large", 0.145),
    ("db.t4g.micro", 0.016),
    ("db.t4g.small", 0.032),
    ("db.t4g.medium", 0.065),
    ("db.t4g.large", 0.129),
    ("db.m5.large", 0.178),
    ("db.m6g.large", 0.159),
    ("db.m6i.large", 0.178),
    ("db.r5.large", 0.25),
    ("db.r6g.large", 0.225),
];

/// ElastiCache node-hours.
pub const CACHE_HOURLY: &[(&str, f64)] = &[
    ("cache.t3.micro", 0.017),
    ("cache.t3.small", 0.034),
    ("cache.t3.medium", 0.068),
    ("cache.t4g.micro", 0.016),
    ("cache.t4g.small", 0.032),
    ("cache.t4g.medium", 0.065),
    ("cache.m6g.large", 0.149),
    ("cache.r6g.large", 0.206),
];

/// Per hour; data processed is another $0.045/GB, not estimated.
pub const NAT_GATEWAY_HOURLY: f64 = 0.045;
pub const NAT_DATA_PER_GB: f64 = 0.045;
/// Interface endpoints are billed per AZ they sit in; gateway endpoints (S3, DynamoDB) are free.
pub const INTERFACE_ENDPOINT_AZ_HOURLY: f64 = 0.01;
/// Every public IPv4 address, attached or not, since February 2024.
pub const PUBLIC_IPV4_HOURLY: f64 = 0.005;
/// EBS per GB-month.
pub const EBS_GB_MONTH: &[(&str, f64)] =
    &[("gp3", 0.08), ("gp2", 0.10), ("io1", 0.125), ("io2", 0.125)];
/// RDS storage per GB-month, single-AZ; Multi-AZ doubles it.
pub const RDS_STORAGE_GB_MONTH: &[(&str, f64)] = &[
    ("gp3", 0.115),
    ("gp2", 0.115),
    ("io1", 0.125),
    ("io2", 0.125),
];
/// ALB hour plus one LCU-hour as a nominal light load.
pub const ALB_HOURLY: f64 = 0.0225;
pub const ALB_LCU_HOURLY: f64 = 0.008;
/// S3 Standard per GB-month; a bucket is costed at a nominal size.
pub const S3_STANDARD_GB_MONTH: f64 = 0.023;
pub const S3_NOMINAL_GB: f64 = 10.0;
/// A manual RDS snapshot kept after its database is gone, per GB-month (the database's
/// allocated storage is the estimate of its size).
pub const RDS_SNAPSHOT_GB_MONTH: f64 = 0.095;
/// CloudWatch Logs ingestion per GB, for the flow-log note.
pub const LOGS_INGEST_PER_GB: f64 = 0.50;

pub fn lookup(table: &[(&str, f64)], key: &str) -> Option<f64> {
    table.iter().find(|(k, _)| *k == key).map(|(_, p)| *p)
}
