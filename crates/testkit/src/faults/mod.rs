//! A fault layer between the SDK and the emulator: an HTTP proxy on loopback that forwards to
//! moto and makes it behave more like AWS, where moto is kind (DESIGN.md, "The AWS emulator"):
//! throttling, latency, ids unknown right after their create, slow resources that stay pending,
//! AWS's 16 KB user-data limit, and `DependencyViolation` for a group another group's rule
//! still references. Every fault it injects is counted, so a test can assert that the fault it
//! meant to survive really happened. It can also check every request's SigV4 signature against
//! the key pair a test expects (moto checks none), and kill its client at the n-th request.

mod birth_tags;
mod buckets;
mod consistency;
mod durations;
mod errors;
mod groups;
mod holds;
mod lag;
mod listeners;
mod offerings;
mod proxy;
mod quotas;
mod request;
mod rules;
mod session_tokens;
mod sessions;
mod signing;
mod sigv4;
mod tokens;
mod trap;
mod user_data;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use hangar_core::durations::DurationModel;

pub use buckets::TakenBucket;
pub use proxy::{FaultProxy, SeenRequest};
pub use quotas::QuotaLimits;
pub use signing::{AssumedRole, SigningKey};

/// Which faults to inject. `Default` injects none: a transparent proxy.
#[derive(Debug, Clone, Default)]
pub struct FaultPlan {
    /// Every n-th AWS request is answered with the service's throttling error (0: never).
    pub throttle_every: u64,
    /// Added before every request is forwarded.
    pub latency: Duration,
    /// The first later EC2 request that names an id just returned by a create gets that id's
    /// `…NotFound` error once, as AWS's eventual consistency does.
    pub not_found_for_fresh_ids: bool,
    /// The first this-many describes that name a new NAT gateway, instance or DB instance
    /// say it is still pending/creating (AWS takes minutes; moto none). Counted in describes,
    /// not seconds, because the SDK's waiters poll every 15-30 s.
    pub pending_describes: u32,
    /// RunInstances with more than 16,384 bytes of (decoded) user data is refused, as AWS does.
    pub enforce_user_data_limit: bool,
    /// DeleteSecurityGroup of a group another group's rule still references is refused with
    /// `DependencyViolation`, as AWS does (moto deletes it).
    pub enforce_group_references: bool,
    /// `(action, code)`: every EC2 call of that action is refused with that error, as AWS
    /// refuses a request it will not serve (`InsufficientInstanceCapacity`, a quota, ...). Not
    /// retryable, so the job fails there.
    pub refuse_ec2: Option<(String, String)>,
    /// AWS keeps an EC2 client token for at least 24 hours, even after what it made is gone:
    /// the same token with the same parameters gets the first answer again (the dead
    /// instance), with other parameters `IdempotentParameterMismatch`. moto forgets tokens.
    pub enforce_client_tokens: bool,
    /// A new IAM role or instance profile is refused (`NoSuchEntity`, "Invalid IAM Instance
    /// Profile name", "Unable to assume given IAM role") this many times by the calls that use
    /// it, as IAM's propagation delay does for seconds to minutes.
    pub iam_propagation: u32,
    /// The first request naming a bucket after its CreateBucket gets `NoSuchBucket`.
    pub s3_propagation: bool,
    /// Each kind of setup request (PutBucketTagging, PutBucketVersioning, PutBucketEncryption,
    /// PutPublicAccessBlock, PutBucketLifecycleConfiguration, ...) on a bucket just created
    /// gets `NoSuchBucket` the first time: each may reach a part of S3 that has not heard of
    /// the bucket yet.
    pub s3_propagation_per_call: bool,
    /// CreateBucket of these names is refused as S3 refuses a name that is not free, with
    /// AWS's XML body: another account's, another region's, or this account's own.
    pub taken_buckets: Vec<(String, TakenBucket)>,
    /// Once a load balancer, DB instance, cache or VPC endpoint is deleted, its network
    /// interfaces linger: each subnet and group delete is refused with `DependencyViolation`
    /// this many times first.
    pub lingering_interfaces: u32,
    /// A subnet or security group that a network interface created through the proxy still
    /// holds cannot be deleted (`DependencyViolation`) until that interface is deleted.
    pub enforce_interface_holds: bool,
    /// CreateDBInstance with a minor version AWS has retired, or MaxAllocatedStorage=0, is
    /// refused with `InvalidParameterCombination` (moto takes any version).
    pub enforce_rds_catalogue: bool,
    /// The first ReleaseAddress after a NAT gateway's delete is refused with `AuthFailure`:
    /// AWS still sees the address as the gateway's for a while.
    pub nat_address_lag: bool,
    /// Every load balancer is described as `failed` (AWS could not provision it), not
    /// `active`. Not in `hostile()`: nothing survives it; a test shows the wait ends.
    pub failing_load_balancers: bool,
    /// The first CreateVpc, CreateSubnet, CreateInternetGateway and AllocateAddress (the EC2
    /// creates that take no client token) each reach the emulator, and their answer is lost:
    /// the client gets a 503, as from a dropped connection. AWS made it; a client that simply
    /// sends the create again makes a second one.
    pub lose_tokenless_answers: bool,
    /// Buckets whose policy denies GetBucketTagging to these credentials (another team's
    /// bucket in the same account): reading their tags is refused with `AccessDenied`.
    pub unreadable_bucket_tags: Vec<String>,
    /// ElastiCache refuses to list a replication group's tags while the group is being
    /// created, modified or deleted (`InvalidReplicationGroupState`): the first this-many
    /// tag reads of each group are refused so.
    pub busy_cache_tags: u32,
    /// CreateService naming a target group that no listener forwards to yet is refused with
    /// `InvalidParameterException`, as AWS refuses it ("does not have an associated load
    /// balancer"); moto registers it.
    pub enforce_target_group_listener: bool,
    /// Every request must be SigV4-signed with this key pair, or with a session an AssumeRole
    /// signed with it obtained; any other is refused as AWS refuses it (`SignatureDoesNotMatch`,
    /// `InvalidClientTokenId`) and counted.
    pub verify_signatures: Option<SigningKey>,
    /// Every session an AssumeRole or GetSessionToken hands out ends after the n-th request it
    /// signs (0: never): later ones are answered as AWS answers an expired session
    /// (`ExpiredToken`, EC2's `RequestExpired`). Needs `verify_signatures`, which learns the sessions.
    pub end_sessions_after: u64,
    /// `(serial, code)`: an AssumeRole naming that MFA device is accepted only with one of its
    /// codes, each once; any other is refused as AWS refuses a wrong code (moto reads none).
    pub mfa_codes: Vec<(String, String)>,
    /// An AssumeRole signed with a role's session (role chaining: a session an AssumeRole
    /// through the proxy handed out) asking for more than an hour is refused with AWS's
    /// `ValidationError` (moto grants it). An IAM user's GetSessionToken keys are no role.
    pub enforce_role_chaining: bool,
    /// GetSessionToken hands out a fresh `ASIA…` key id, as AWS does (moto answers the fixed
    /// `AKIAIOSFODNN7EXAMPLE`), so a test has temporary keys that are not a role's session.
    pub temporary_session_tokens: bool,
    /// `(zone, instance type)`: DescribeInstanceTypeOfferings leaves these out, as AWS does
    /// for a type a zone does not offer (moto offers what its snapshot of AWS offered).
    pub hidden_offerings: Vec<(String, String)>,
    /// Account quotas enforced as AWS does (`AddressLimitExceeded`, `VpcLimitExceeded`,
    /// `NatGatewayLimitExceeded`) on what was made through the proxy; moto has none.
    pub quota_limits: Option<QuotaLimits>,
    /// AWS's time: NAT gateways, instances, databases, load balancers and replication groups
    /// stay pending after their create, and going after their delete, for the model's
    /// (scaled) durations. `None`: ready at once, as moto makes them.
    pub durations: Option<DurationModel>,
}

impl FaultPlan {
    /// Everything at once, at rates a test of a whole blueprint can afford.
    pub fn hostile() -> Self {
        Self {
            throttle_every: 7,
            latency: Duration::from_millis(15),
            not_found_for_fresh_ids: true,
            pending_describes: 1,
            enforce_user_data_limit: true,
            enforce_group_references: true,
            refuse_ec2: None,
            enforce_client_tokens: true,
            iam_propagation: 1,
            s3_propagation: true,
            s3_propagation_per_call: true,
            taken_buckets: Vec::new(),
            lingering_interfaces: 2,
            enforce_interface_holds: true,
            enforce_rds_catalogue: true,
            nat_address_lag: true,
            failing_load_balancers: false,
            verify_signatures: None,
            lose_tokenless_answers: true,
            unreadable_bucket_tags: Vec::new(),
            busy_cache_tags: 1,
            end_sessions_after: 0,
            mfa_codes: Vec::new(),
            enforce_role_chaining: true,
            temporary_session_tokens: true,
            hidden_offerings: Vec::new(),
            quota_limits: None,
            enforce_target_group_listener: true,
            durations: None,
        }
    }
}

/// How often each fault fired.
#[derive(Debug, Default)]
pub struct FaultStats {
    pub requests: AtomicU64,
    pub throttled: AtomicU64,
    pub not_found: AtomicU64,
    pub pending: AtomicU64,
    pub user_data_refused: AtomicU64,
    pub dependency_violations: AtomicU64,
    /// Creates that took effect but whose answer the client never got.
    pub answers_lost: AtomicU64,
    /// Bucket tag reads refused by a bucket policy.
    pub tag_reads_denied: AtomicU64,
    /// Replication-group tag reads refused while the group was busy.
    pub busy_tag_reads: AtomicU64,
    pub refused: AtomicU64,
    /// CreateService calls refused for a target group no listener used yet.
    pub unattached_target_groups: AtomicU64,
    /// Creates answered with a token's first answer again.
    pub token_replays: AtomicU64,
    /// Creates refused for reusing a token with other parameters.
    pub token_mismatches: AtomicU64,
    /// Uses of a new IAM entity or bucket refused as not there yet.
    pub propagation: AtomicU64,
    /// Setup requests on a bucket just created answered `NoSuchBucket`.
    pub fresh_bucket_misses: AtomicU64,
    /// CreateBucket refused because the name is not free.
    pub bucket_names_refused: AtomicU64,
    /// Buckets given their CreateBucket's tags at the emulator (AWS tags at birth).
    pub tagged_at_birth: AtomicU64,
    /// CreateDBInstance refused for a retired version or a zero storage ceiling.
    pub catalogue_refusals: AtomicU64,
    /// Instance type offerings left out of a DescribeInstanceTypeOfferings answer.
    pub offerings_hidden: AtomicU64,
    /// Creates refused for an account quota.
    pub quota_refusals: AtomicU64,
    /// Subnet and group deletes refused while a deleted owner's interfaces linger.
    pub lingering: AtomicU64,
    /// Subnet and group deletes refused while an interface the proxy saw created holds them.
    pub held_by_interfaces: AtomicU64,
    /// Address releases refused while a deleted NAT gateway still holds the address.
    pub address_held: AtomicU64,
    /// Requests whose signature the expected secret gives.
    pub signed_with_expected: AtomicU64,
    /// Requests signed with a session that an AssumeRole signed with the expected key obtained.
    pub signed_with_session: AtomicU64,
    /// Requests unsigned, or signed with a secret other than those.
    pub signatures_rejected: AtomicU64,
    /// Requests refused because the session that signed them had ended.
    pub sessions_expired: AtomicU64,
    /// AssumeRoles refused for a wrong or reused MFA code.
    pub mfa_refusals: AtomicU64,
    /// Chained AssumeRoles refused for asking more than an hour.
    pub chain_refusals: AtomicU64,
    /// GetSessionToken answers given their own `ASIA…` key id.
    pub session_tokens_issued: AtomicU64,
    /// Describes answered pending (or still deleting) by the duration model.
    pub modelled_pending: AtomicU64,
}

impl FaultStats {
    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::SeqCst)
    }
}

pub(crate) fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::SeqCst);
}

/// Starts a proxy in front of `upstream` (the emulator's address).
pub fn start(upstream: SocketAddr, plan: FaultPlan) -> std::io::Result<FaultProxy> {
    FaultProxy::start(upstream, plan, Arc::new(FaultStats::default()))
}
