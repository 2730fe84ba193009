//! Stopping and starting an EC2 instance. StopInstances on a stopped instance and
//! StartInstances on a running one are no-ops in AWS, so a pause or wake killed midway is run
//! again as is.

use aws_sdk_ec2::client::Waiters;

use super::instance::describe;
use super::nat::waited;
use crate::error::sdk;
use crate::{Created, Ctx, ResourceError};

pub(crate) async fn stop(ctx: &Ctx, id: &str) -> Result<(), ResourceError> {
    let ec2 = &ctx.clients.ec2;
    ec2.stop_instances()
        .instance_ids(id)
        .send()
        .await
        .map_err(|e| sdk("StopInstances")(e).context(format!("instance {id}")))?;
    ec2.wait_until_instance_stopped()
        .instance_ids(id)
        .wait(ctx.wait_deadline)
        .await
        .map_err(|e| waited("InstanceStopped", id, e))?;
    Ok(())
}

pub(crate) async fn start(ctx: &Ctx, id: &str) -> Result<Created, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    ec2.start_instances()
        .instance_ids(id)
        .send()
        .await
        .map_err(|e| sdk("StartInstances")(e).context(format!("instance {id}")))?;
    ec2.wait_until_instance_running()
        .instance_ids(id)
        .wait(ctx.wait_deadline)
        .await
        .map_err(|e| waited("InstanceRunning", id, e))?;
    describe(ctx, id).await
}
