use std::future::Future;
use std::time::Duration;

use crate::{ErrorKind, ResourceError};

/// AWS is eventually consistent: an id returned by a create can be unknown to the very next
/// call (`InvalidVpcID.NotFound` right after CreateVpc). That is not a throttle, so the SDK does
/// not retry it; we do, a bounded number of times, for calls that use a fresh id.
pub async fn retry_while_not_found<T, F, Fut>(mut call: F) -> Result<T, ResourceError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ResourceError>>,
{
    const ATTEMPTS: u32 = 8;
    let mut delay = Duration::from_millis(100);
    let mut attempt = 1;
    loop {
        match call().await {
            Err(err) if err.is_not_found() && attempt < ATTEMPTS => {
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(5));
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// IAM is global and eventually consistent: a role or instance profile just made is unknown
/// for seconds to minutes to IAM's own next call (`NoSuchEntity`) and to the services that use
/// it (EC2: "Invalid IAM Instance Profile name"; flow logs: "Unable to assume given IAM
/// role"). Those are retried for up to two minutes; anything else is returned at once.
pub async fn retry_while_propagating<T, F, Fut>(call: F) -> Result<T, ResourceError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ResourceError>>,
{
    retry_while(Duration::from_secs(120), is_propagating, call).await
}

/// Calls `call` again, backing off from 200 ms to 10 s, while its error is one `passing` says
/// AWS gets over by itself, for at most `patience`; then returns whatever the last call said.
pub(crate) async fn retry_while<T, F, Fut>(
    patience: Duration,
    passing: fn(&ResourceError) -> bool,
    mut call: F,
) -> Result<T, ResourceError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ResourceError>>,
{
    let deadline = tokio::time::Instant::now() + patience;
    let mut delay = Duration::from_millis(200);
    loop {
        match call().await {
            Err(err) if passing(&err) && tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(10));
            }
            other => return other,
        }
    }
}

/// Whether an error is IAM's propagation delay, by AWS's words for it.
pub(crate) fn is_propagating(err: &ResourceError) -> bool {
    err.is_not_found()
        || err.message.contains("Invalid IAM Instance Profile")
        || err.message.contains("iamInstanceProfile")
        || err.message.contains("Unable to assume given IAM role")
}

/// A create AWS takes no client token for (CreateVpc, CreateSubnet, CreateInternetGateway,
/// AllocateAddress), sent through a client without the SDK's retries. When it fails in a way
/// that may have hidden a success (a throttle, a 5xx, a timeout: the answer, not the request,
/// may be what was lost), `look` searches by the tags the create carried before it is sent
/// again, so a lost answer never makes a second resource. A refusal (bad parameter, quota,
/// access) is returned at once.
pub async fn create_tokenless<T, C, CFut, L, LFut>(
    mut create: C,
    mut look: L,
) -> Result<T, ResourceError>
where
    C: FnMut() -> CFut,
    CFut: Future<Output = Result<T, ResourceError>>,
    L: FnMut() -> LFut,
    LFut: Future<Output = Result<Option<T>, ResourceError>>,
{
    const ATTEMPTS: u32 = 6;
    let mut delay = Duration::from_millis(200);
    let mut attempt = 1;
    loop {
        let err = match create().await {
            Ok(made) => return Ok(made),
            Err(err) => err,
        };
        let unsure = match err.kind {
            ErrorKind::Throttled | ErrorKind::Timeout | ErrorKind::Other => true,
            ErrorKind::NotFound
            | ErrorKind::DependencyViolation
            | ErrorKind::Invalid
            | ErrorKind::AccessDenied
            | ErrorKind::LimitExceeded
            | ErrorKind::Missing => false,
        };
        if !unsure || attempt >= ATTEMPTS {
            return Err(err);
        }
        // Tagging is part of the create (TagSpecifications), so what it made is findable.
        tokio::time::sleep(delay).await;
        if let Some(found) = look().await? {
            return Ok(found);
        }
        delay = (delay * 2).min(Duration::from_secs(10));
        attempt += 1;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;
    use crate::ErrorKind;

    fn not_found() -> ResourceError {
        ResourceError::new(
            ErrorKind::NotFound,
            "DescribeVpcs",
            "InvalidVpcID.NotFound",
            "no",
        )
    }

    #[tokio::test(start_paused = true)]
    async fn retries_not_found_then_succeeds() {
        let calls = AtomicU32::new(0);
        let result = retry_while_not_found(|| async {
            if calls.fetch_add(1, Ordering::SeqCst) < 3 {
                Err(not_found())
            } else {
                Ok(7)
            }
        })
        .await;
        assert_eq!(result.expect("fourth call succeeds"), 7);
        assert_eq!(calls.load(Ordering::SeqCst), 4);
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_after_a_bound() {
        let calls = AtomicU32::new(0);
        let result: Result<(), _> = retry_while_not_found(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err(not_found())
        })
        .await;
        assert!(result.expect_err("never found").is_not_found());
        assert_eq!(calls.load(Ordering::SeqCst), 8);
    }

    #[tokio::test(start_paused = true)]
    async fn iam_lag_is_waited_out_for_two_minutes_and_no_longer() {
        let calls = AtomicU32::new(0);
        let started = tokio::time::Instant::now();
        let result: Result<(), _> = retry_while_propagating(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err(ResourceError::new(
                ErrorKind::Invalid,
                "RunInstances",
                "InvalidParameterValue",
                "Value (web) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name",
            ))
        })
        .await;
        assert!(result.is_err());
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_secs(120) && waited < Duration::from_secs(135),
            "{waited:?}"
        );
        assert!(calls.load(Ordering::SeqCst) > 5);
    }

    #[tokio::test(start_paused = true)]
    async fn other_errors_are_not_retried() {
        let calls = AtomicU32::new(0);
        let result: Result<(), _> = retry_while_not_found(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err(ResourceError::new(
                ErrorKind::Invalid,
                "CreateVpc",
                "InvalidParameterValue",
                "bad",
            ))
        })
        .await;
        assert!(result.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
