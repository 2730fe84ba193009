//! "Who am I": STS GetCallerIdentity with a profile's credentials, and the role chain walked
//! to get them.

use aws_credential_types::Credentials;
use serde::Serialize;

use crate::cache::CredentialsCache;
use crate::credentials::{self, ChainLink, CredentialPlan};
use crate::errors::{Action, CloudError, Context, ErrorKind, classify_sdk};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallerIdentity {
    pub profile: String,
    pub account: String,
    pub arn: String,
    pub user_id: String,
    /// The user or role name, read from the ARN.
    pub principal: String,
    pub region: String,
    pub endpoint: Option<String>,
    /// Each role assumed on the way, first to last, with when its session ends.
    pub chain: Vec<ChainLink>,
    pub warnings: Vec<String>,
}

/// Tests a profile: walks its chain (through the cache) and asks STS who that is.
pub async fn test_profile(
    plan: &CredentialPlan,
    cache: &CredentialsCache,
    mfa_code: Option<&str>,
) -> Result<CallerIdentity, CloudError> {
    let resolved = credentials::resolve(plan, cache, mfa_code).await?;
    let (account, arn, user_id) = caller_identity(plan, resolved.credentials).await?;
    Ok(CallerIdentity {
        profile: plan.profile.clone(),
        principal: principal_name(&arn),
        account,
        arn,
        user_id,
        region: plan.region.clone(),
        endpoint: plan.endpoint.clone(),
        chain: resolved.chain,
        warnings: plan
            .warnings
            .iter()
            .cloned()
            .chain(resolved.warnings)
            .collect(),
    })
}

async fn caller_identity(
    plan: &CredentialPlan,
    credentials: Credentials,
) -> Result<(String, String, String), CloudError> {
    let config = credentials::loader(&plan.region, plan.endpoint.as_deref())
        .credentials_provider(credentials)
        .load()
        .await;
    let cx = Context {
        profile: &plan.profile,
        keys_profile: None,
        endpoint: plan.endpoint.as_deref(),
        region: &plan.region,
        action: Action::CallerIdentity,
    };
    let out = aws_sdk_sts::Client::new(&config)
        .get_caller_identity()
        .send()
        .await
        .map_err(|err| classify_sdk(&err, &cx))?;
    match (out.account, out.arn, out.user_id) {
        (Some(account), Some(arn), Some(user_id)) => Ok((account, arn, user_id)),
        _ => Err(CloudError::new(
            ErrorKind::Other,
            "STS answered GetCallerIdentity without an account, ARN or user id",
        )),
    }
}

/// `arn:aws:iam::1:user/path/bob` → `bob`; `arn:aws:sts::1:assumed-role/Deploy/session` →
/// `Deploy/session`; the root account → `root`.
fn principal_name(arn: &str) -> String {
    let resource = arn.splitn(6, ':').nth(5).unwrap_or(arn);
    if let Some(rest) = resource.strip_prefix("assumed-role/") {
        return rest.to_owned();
    }
    resource.rsplit('/').next().unwrap_or(resource).to_owned()
}

#[cfg(test)]
mod tests {
    use super::principal_name;

    #[test]
    fn principal_names() {
        assert_eq!(
            principal_name("arn:aws:iam::123456789012:user/ops/bob"),
            "bob"
        );
        assert_eq!(
            principal_name("arn:aws:sts::123456789012:assumed-role/Deploy/hangar-dev"),
            "Deploy/hangar-dev"
        );
        assert_eq!(principal_name("arn:aws:iam::123456789012:root"), "root");
    }
}
