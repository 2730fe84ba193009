//! Deleting what AWS has not quite let go of. `DependencyViolation` often means something AWS
//! is still deleting holds the resource (a terminated instance's network interface, a NAT
//! gateway's address), and that passes, so the delete is retried with backoff until a deadline.
//! The network interfaces of a load balancer, database, endpoint, cache or Fargate task outlive
//! their owner by up to about twenty minutes, and hold their subnets and security groups that
//! long; for those two kinds the wait is that long, and the interfaces are named, so the person
//! watching knows what the teardown waits for, and an error after the deadline says what still
//! held it.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use aws_sdk_ec2::config::{AsyncSleep, SharedAsyncSleep, Sleep};
use aws_sdk_ec2::types::Filter;
use hangar_core::graph::{NodeSpec, ResourceKind};

use crate::error::sdk;
use crate::{Created, Ctx, Disposal, ErrorKind, ResourceError, delete};

/// How long AWS may keep a delete of this kind refused while its holders go: twenty minutes
/// for what network interfaces hold, five for the rest.
pub fn patience(kind: ResourceKind) -> Duration {
    match interface_filter(kind) {
        Some(_) => Duration::from_secs(20 * 60),
        None => Duration::from_secs(5 * 60),
    }
}

/// The DescribeNetworkInterfaces filter that finds what holds a resource of this kind, for
/// the kinds network interfaces can hold.
fn interface_filter(kind: ResourceKind) -> Option<&'static str> {
    use ResourceKind as K;
    match kind {
        K::Subnet => Some("subnet-id"),
        K::SecurityGroup => Some("group-id"),
        K::Vpc
        | K::InternetGateway
        | K::RouteTable
        | K::Route
        | K::RouteTableAssociation
        | K::Eip
        | K::NatGateway
        | K::SecurityGroupRule
        | K::IamRole
        | K::InstanceProfile
        | K::Instance
        | K::DbSubnetGroup
        | K::DbParameterGroup
        | K::RdsInstance
        | K::CacheSubnetGroup
        | K::ElasticacheReplicationGroup
        | K::LoadBalancer
        | K::TargetGroup
        | K::Listener
        | K::VpcEndpoint
        | K::LogGroup
        | K::FlowLog
        | K::S3Bucket
        | K::SsmParameter
        | K::EcsCluster
        | K::EcsTaskDefinition
        | K::EcsService => None,
    }
}

/// Deletes `created`, retrying `DependencyViolation` with backoff (250 ms doubling to 15 s)
/// until [`patience`] for its kind, or the context's wait deadline if that is shorter, has
/// passed. `waiting` hears the interfaces still holding it each time that list changes. Past
/// the deadline the error names them.
pub async fn delete_patiently(
    ctx: &Ctx,
    kind: ResourceKind,
    created: &Created,
    spec: Option<&NodeSpec>,
    mut waiting: impl FnMut(&[String]),
) -> Result<Disposal, ResourceError> {
    let deadline = Instant::now() + scaled(patience(kind)).min(ctx.wait_deadline);
    let mut delay = scaled(Duration::from_millis(250));
    let mut told: Vec<String> = Vec::new();
    loop {
        match delete(ctx, kind, created, spec).await {
            Err(err) if err.kind == ErrorKind::DependencyViolation => {
                // Best effort: not being allowed to list interfaces must not end a teardown.
                let holders = interfaces_holding(ctx, kind, &created.aws_id)
                    .await
                    .unwrap_or_default();
                if Instant::now() >= deadline {
                    return Err(still_held(err, &holders));
                }
                if !holders.is_empty() && holders != told {
                    waiting(&holders);
                    told = holders;
                }
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(scaled(Duration::from_secs(15)));
            }
            other => return other,
        }
    }
}

fn still_held(err: ResourceError, holders: &[String]) -> ResourceError {
    if holders.is_empty() {
        return err;
    }
    ResourceError {
        message: format!("{} (still held by {})", err.message, holders.join(", ")),
        ..err
    }
}

/// `eni-… (what AWS says it is for)` for each interface holding the resource; empty for kinds
/// interfaces cannot hold.
async fn interfaces_holding(
    ctx: &Ctx,
    kind: ResourceKind,
    id: &str,
) -> Result<Vec<String>, ResourceError> {
    let Some(filter) = interface_filter(kind) else {
        return Ok(Vec::new());
    };
    let out = ctx
        .clients
        .ec2
        .describe_network_interfaces()
        .filters(Filter::builder().name(filter).values(id).build())
        .send()
        .await
        .map_err(sdk("DescribeNetworkInterfaces"))?;
    Ok(out
        .network_interfaces()
        .iter()
        .filter_map(|eni| {
            let id = eni.network_interface_id()?;
            Some(match eni.description().filter(|d| !d.is_empty()) {
                Some(description) => format!("{id} ({description})"),
                None => id.to_string(),
            })
        })
        .collect())
}

/// `HANGAR_WAIT_SCALE`: a benchmark and test knob, not a setting for users. It multiplies every
/// waiter's poll interval and deadline (the SDK's waiters, the hand-written polls, the retries
/// of deletes AWS still refuses) by one factor, read once. A run against the fault proxy's
/// duration model at the same scale then has the shape of a real one, in a twentieth of the
/// time at 0.05. Unset, empty or not a positive number: 1, AWS's own cadence.
pub fn wait_scale() -> f64 {
    static SCALE: OnceLock<f64> = OnceLock::new();
    *SCALE.get_or_init(|| {
        std::env::var("HANGAR_WAIT_SCALE")
            .ok()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0)
            .unwrap_or(1.0)
    })
}

/// `d` times the wait scale.
pub fn scaled(d: Duration) -> Duration {
    d.mul_f64(wait_scale())
}

/// The SDK's sleep, scaled: the SDK's waiters have their AWS delays built in (15 s to 120 s for
/// most, 30 s to 1,800 s for RDS), so scaling what they sleep is the one way to scale them.
/// `None` at scale 1, so an ordinary run keeps the SDK's own sleep.
pub(crate) fn sdk_sleep() -> Option<SharedAsyncSleep> {
    let scale = wait_scale();
    #[allow(clippy::float_cmp)]
    let unscaled = scale == 1.0;
    (!unscaled).then(|| SharedAsyncSleep::new(ScaledSleep(scale)))
}

#[derive(Debug)]
struct ScaledSleep(f64);

impl AsyncSleep for ScaledSleep {
    fn sleep(&self, duration: Duration) -> Sleep {
        Sleep::new(tokio::time::sleep(duration.mul_f64(self.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unset in the test environment: AWS's own cadence.
    #[test]
    fn defaults_to_one() {
        if std::env::var_os("HANGAR_WAIT_SCALE").is_none() {
            assert_eq!(scaled(Duration::from_secs(15)), Duration::from_secs(15));
            assert!(sdk_sleep().is_none());
        }
    }
}
