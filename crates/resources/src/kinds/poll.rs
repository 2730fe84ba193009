//! Waiting by polling, for what has no SDK waiter (VPC endpoints) or whose waiter cannot be
//! trusted to end (an ElastiCache group the emulator leaves `deleting` forever). Every loop has
//! the context's deadline; none sleeps blindly.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::{Ctx, ErrorKind, ResourceError};

/// One look at a resource: there yet, or still in the state AWS names.
pub(crate) enum Poll<T> {
    Done(T),
    Pending(String),
}

/// Calls `check` until it answers `Done`, backing off from 200 ms to 10 s, and fails with a
/// `Timeout` naming the last state seen once `ctx.wait_deadline` has passed.
pub(crate) async fn until<T, F, Fut>(
    ctx: &Ctx,
    waiter: &str,
    id: &str,
    mut check: F,
) -> Result<T, ResourceError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Poll<T>, ResourceError>>,
{
    let started = Instant::now();
    let mut delay = Duration::from_millis(200);
    loop {
        let state = match check().await? {
            Poll::Done(value) => return Ok(value),
            Poll::Pending(state) => state,
        };
        let elapsed = started.elapsed();
        if elapsed >= ctx.wait_deadline {
            return Err(ResourceError::new(
                ErrorKind::Timeout,
                waiter,
                "WaiterTimeout",
                format!(
                    "{id} was still '{state}' after {} s",
                    ctx.wait_deadline.as_secs_f32()
                ),
            ));
        }
        tokio::time::sleep(delay.min(ctx.wait_deadline - elapsed)).await;
        delay = (delay * 2).min(Duration::from_secs(10));
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
