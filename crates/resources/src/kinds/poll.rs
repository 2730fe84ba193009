//! Waiting by polling, for what has no SDK waiter (VPC endpoints). Every loop has a deadline
//! (the context's) and looks at the resource each round; none sleeps blindly.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::patience::scaled;
use crate::{ErrorKind, ResourceError};

/// One look at a resource: there yet, or still in the state AWS names.
pub(crate) enum Poll<T> {
    Done(T),
    Pending(String),
}

/// Calls `check` until it answers `Done`, backing off from 200 ms to 10 s (times
/// `HANGAR_WAIT_SCALE`), and fails with a `Timeout` naming the last state seen once `deadline`
/// (usually `ctx.wait_deadline`) has passed.
pub(crate) async fn until<T, F, Fut>(
    deadline: Duration,
    waiter: &str,
    id: &str,
    check: F,
) -> Result<T, ResourceError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Poll<T>, ResourceError>>,
{
    let cadence = (Duration::from_millis(200), Duration::from_secs(10));
    looking(cadence, deadline, waiter, id, check).await
}

/// [`until`] at one steady interval (times `HANGAR_WAIT_SCALE`): AWS's own waiter delay for a
/// resource that takes minutes. No harder than AWS's waiters poll, and unlike the SDK's waiters
/// (15 s doubling to 120 s; RDS 30 s to 1,800 s) it is never late by more than one interval.
pub(crate) async fn steady<T, F, Fut>(
    interval: Duration,
    deadline: Duration,
    waiter: &str,
    id: &str,
    check: F,
) -> Result<T, ResourceError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Poll<T>, ResourceError>>,
{
    looking((interval, interval), deadline, waiter, id, check).await
}

async fn looking<T, F, Fut>(
    (first, most): (Duration, Duration),
    deadline: Duration,
    waiter: &str,
    id: &str,
    mut check: F,
) -> Result<T, ResourceError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Poll<T>, ResourceError>>,
{
    let (first, most) = (scaled(first), scaled(most));
    let started = Instant::now();
    let mut delay = first;
    loop {
        let state = match check().await? {
            Poll::Done(value) => return Ok(value),
            Poll::Pending(state) => state,
        };
        let elapsed = started.elapsed();
        if elapsed >= deadline {
            return Err(ResourceError::new(
                ErrorKind::Timeout,
                waiter,
                "WaiterTimeout",
                format!(
                    "{id} was still '{state}' after {} s",
                    deadline.as_secs_f32()
                ),
            ));
        }
        tokio::time::sleep(delay.min(deadline - elapsed)).await;
        delay = (delay * 2).min(most);
    }
}

/// `Ok(())` for a NotFound from a sub-step (detaching, removing, emptying): the thing it acts
/// on is already gone, which must not end the parent's delete early.
pub(crate) fn gone_is_fine<T>(result: Result<T, ResourceError>) -> Result<(), ResourceError> {
    match result {
        Ok(_) => Ok(()),
        Err(err) if err.is_not_found() => Ok(()),
        Err(err) => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn polls_until_done() {
        let calls = AtomicU32::new(0);
        let value = until(Duration::from_secs(60), "Test", "x-1", || async {
            Ok(if calls.fetch_add(1, Ordering::SeqCst) < 3 {
                Poll::Pending("pending".into())
            } else {
                Poll::Done(7)
            })
        })
        .await
        .expect("done on the fourth look");
        assert_eq!(value, 7);
    }

    /// What a resource the emulator never finishes gets: a bounded wait and a Timeout that
    /// says which state it was stuck in.
    #[tokio::test(start_paused = true)]
    async fn gives_up_at_the_deadline_naming_the_state() {
        let started = tokio::time::Instant::now();
        let err = until::<(), _, _>(Duration::from_secs(30), "Test", "x-1", || async {
            Ok(Poll::Pending("deleting".into()))
        })
        .await
        .expect_err("never done");
        assert_eq!(err.kind, ErrorKind::Timeout);
        assert!(err.message.contains("x-1 was still 'deleting'"), "{err}");
        let waited = started.elapsed();
        assert!(waited >= Duration::from_secs(30) && waited < Duration::from_secs(41));
    }

    #[tokio::test(start_paused = true)]
    async fn errors_end_the_wait() {
        let err = until::<(), _, _>(Duration::from_secs(30), "Test", "x-1", || async {
            Err(ResourceError::new(
                ErrorKind::Other,
                "Describe",
                "Boom",
                "no",
            ))
        })
        .await
        .expect_err("an error");
        assert_eq!(err.code, "Boom");
    }

    /// What the RDS and EC2 creates and deletes rely on to never poll harder than AWS's own
    /// waiters: one look at once, then one per interval, never sooner.
    #[tokio::test(start_paused = true)]
    async fn a_steady_poll_looks_once_per_interval() {
        let started = tokio::time::Instant::now();
        let looks = std::sync::Mutex::new(Vec::new());
        steady(
            Duration::from_secs(30),
            Duration::from_secs(600),
            "Test",
            "db-1",
            || async {
                let mut at = looks.lock().expect("looks");
                at.push(started.elapsed());
                Ok(if at.len() < 4 {
                    Poll::Pending("creating".into())
                } else {
                    Poll::Done(())
                })
            },
        )
        .await
        .expect("available on the fourth look");
        let at: Vec<u64> = looks
            .into_inner()
            .expect("looks")
            .iter()
            .map(Duration::as_secs)
            .collect();
        assert_eq!(at, [0, 30, 60, 90]);
    }

    #[test]
    fn a_sub_step_not_found_is_that_step_done() {
        let not_found: Result<(), _> = Err(ResourceError::new(
            ErrorKind::NotFound,
            "DetachRolePolicy",
            "NoSuchEntity",
            "gone",
        ));
        assert!(gone_is_fine(not_found).is_ok());
        let denied: Result<(), _> = Err(ResourceError::new(
            ErrorKind::AccessDenied,
            "DetachRolePolicy",
            "AccessDenied",
            "no",
        ));
        assert!(gone_is_fine(denied).is_err());
    }
}
