//! Stopping and starting an RDS instance. Unlike EC2, RDS refuses to stop what is not
//! `available` and to start what is not `stopped`, so each verb first waits for one of the two
//! settled states and acts only if it is not there yet: a pause or wake killed midway is run
//! again as is. AWS starts a database stopped for seven days on its own; the reaper stops it
//! again (see [`super::power::running`]).

use super::poll::{Poll, until};
use super::rds_instance::{created, describe};
use crate::error::sdk;
use crate::{Created, Ctx, ResourceError};

const AVAILABLE: &str = "available";
const STOPPED: &str = "stopped";

pub(crate) async fn stop(ctx: &Ctx, id: &str) -> Result<(), ResourceError> {
    if settled(ctx, id).await? == AVAILABLE {
        ctx.clients
            .rds
            .stop_db_instance()
            .db_instance_identifier(id)
            .send()
            .await
            .map_err(|e| sdk("StopDBInstance")(e).context(format!("database {id}")))?;
    }
    reach(ctx, id, STOPPED, "DBInstanceStopped").await
}

pub(crate) async fn start(ctx: &Ctx, id: &str) -> Result<Created, ResourceError> {
    if settled(ctx, id).await? == STOPPED {
        ctx.clients
            .rds
            .start_db_instance()
            .db_instance_identifier(id)
            .send()
            .await
            .map_err(|e| sdk("StartDBInstance")(e).context(format!("database {id}")))?;
    }
    reach(ctx, id, AVAILABLE, "DBInstanceAvailable").await?;
    let db = describe(ctx, id).await?.ok_or_else(|| {
        ResourceError::missing("DescribeDBInstances", format!("database {id} vanished"))
    })?;
    Ok(created(&db))
}

async fn status(ctx: &Ctx, id: &str) -> Result<String, ResourceError> {
    let db = describe(ctx, id).await?.ok_or_else(|| {
        ResourceError::missing("DescribeDBInstances", format!("database {id} is gone"))
    })?;
    Ok(db.db_instance_status().unwrap_or_default().to_string())
}

/// Waits out whatever the database is doing (stopping, starting, a backup) until it is
/// available or stopped, and says which.
async fn settled(ctx: &Ctx, id: &str) -> Result<&'static str, ResourceError> {
    until(ctx.wait_deadline, "DBInstanceSettled", id, || async {
        Ok(match status(ctx, id).await?.as_str() {
            AVAILABLE => Poll::Done(AVAILABLE),
            STOPPED => Poll::Done(STOPPED),
            other => Poll::Pending(other.to_string()),
        })
    })
    .await
}

async fn reach(ctx: &Ctx, id: &str, want: &str, waiter: &str) -> Result<(), ResourceError> {
    until(ctx.wait_deadline, waiter, id, || async {
        let status = status(ctx, id).await?;
        Ok(if status == want {
            Poll::Done(())
        } else {
            Poll::Pending(status)
        })
    })
    .await
}
