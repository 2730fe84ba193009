//! Before a create job makes anything: the plan held to what the environment's region offers
//! this account, as AWS says it now (zones, instance type offerings), and to the quotas it has
//! left (VPCs, Elastic IPs, NAT gateways per zone). A refusal here leaves no job row and
//! nothing in AWS.

use std::collections::BTreeSet;

use hangar_core::Plan;
use hangar_core::catalogue;
use hangar_core::error::ValidationErrors;
use hangar_core::quota;
use hangar_resources::{Ctx, account_headroom, region_catalogue};

use crate::EngineError;

pub(crate) async fn check_catalogue(ctx: &Ctx, plan: &Plan) -> Result<(), EngineError> {
    let errors = catalogue_errors(ctx, plan).await?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(EngineError::Blueprint(errors))
    }
}

/// Where `plan` asks for a zone or an instance type the region does not offer this account, at
/// the blueprint path that chose it. Also what a plan with a profile shows, before any job.
pub(crate) async fn catalogue_errors(
    ctx: &Ctx,
    plan: &Plan,
) -> Result<ValidationErrors, EngineError> {
    let types = catalogue::instance_types(&plan.graph);
    let offered = region_catalogue(ctx, &types).await.map_err(|e| {
        EngineError::Invalid(format!(
            "could not ask {} which zones and instance types it offers: {e}",
            ctx.region
        ))
    })?;
    Ok(catalogue::check(&plan.graph, &offered))
}

/// Refuses a plan whose new VPCs, Elastic IPs or NAT gateways would pass what the account has
/// left. `made` are the logical names the environment already owns in AWS (a resume): they are
/// its own and cost nothing new. Returns the warnings of quotas read from AWS's defaults.
pub(crate) async fn check_quotas(
    ctx: &Ctx,
    plan: &Plan,
    made: &BTreeSet<String>,
) -> Result<Vec<String>, EngineError> {
    let needs = quota::needs(&plan.graph, made);
    if needs.is_empty() {
        return Ok(Vec::new());
    }
    let zones: Vec<String> = needs.keys().filter_map(|(_, z)| z.clone()).collect();
    let account = account_headroom(ctx, &zones).await.map_err(|e| {
        EngineError::Invalid(format!(
            "could not count what the account uses in {}: {e}",
            ctx.region
        ))
    })?;
    let short = quota::shortfalls(&needs, &account.headroom, &ctx.region);
    if short.is_empty() {
        Ok(account.warnings)
    } else {
        Err(EngineError::QuotaShortfall(short))
    }
}
