//! Before any job touches AWS: are these credentials for the account the environment lives
//! in, and (before a provision) is its name already live there under another history's id?
//! Both are refusals, made before the first create, naming what differs.

use hangar_resources::{Ctx, ResourceError, caller_account, others_with_our_name};
use hangar_store::{EnvironmentRecord, JobKind, Store};

use crate::EngineError;

pub(crate) async fn check(
    store: &Store,
    env: &EnvironmentRecord,
    ctx: &Ctx,
    kind: JobKind,
) -> Result<(), EngineError> {
    let account = caller_account(ctx)
        .await
        .map_err(|e| aws("ask STS which account these credentials are for", &e))?;
    if let Some(recorded) = &env.account_id
        && *recorded != account
    {
        return Err(EngineError::WrongAccount {
            env: env.name.clone(),
            recorded: recorded.clone(),
            actual: account,
        });
    }
    match kind {
        JobKind::Provision | JobKind::Resume => {
            let others = others_with_our_name(ctx)
                .await
                .map_err(|e| aws("look for the environment's name in the account", &e))?;
            if let Some((first, owner)) = others.first() {
                return Err(EngineError::NameLive(format!(
                    "an environment named '{}' already lives in account {account}, region {}: {first}{} carries hangar:env={} with {}, so another Hangar history made it; give this environment another name",
                    env.name,
                    ctx.region,
                    match others.len() {
                        1 => String::new(),
                        n => format!(" (and {} more)", n - 1),
                    },
                    env.name,
                    match owner {
                        Some(id) => format!("hangar:env-id={id}"),
                        None => "no hangar:env-id".to_string(),
                    },
                )));
            }
            store.set_environment_account(env.id, &account)?;
        }
        JobKind::Teardown | JobKind::Refresh | JobKind::Pause | JobKind::Wake => {}
    }
    Ok(())
}

fn aws(what: &str, err: &ResourceError) -> EngineError {
    EngineError::Invalid(format!("could not {what}: {err}"))
}
