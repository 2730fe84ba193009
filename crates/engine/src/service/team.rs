//! Team mode from both shells: a profile's environments shared through its account's state
//! bucket (`crate::team`). Turn it on, see every environment the bucket records, adopt one
//! into this history.

use hangar_core::team::{Lease, SettingError, StateLocation, check_bucket, check_prefix};
use hangar_resources::team_state;
use hangar_resources::{Clients, caller_identity, tagged_environments};
use hangar_store::{EnvironmentRecord, TeamState};

use super::{Service, ServiceError};
use crate::team::{EnvironmentState, aws};
use crate::{EngineError, env_password, plan_for};

/// An environment of the account: one its state bucket records, or one only its tags show.
#[derive(Debug, Clone)]
pub struct AccountEnvironment {
    pub uid: String,
    pub name: String,
    /// `None` for an environment made without team mode: found by its tags, with no record.
    pub record: Option<EnvironmentState>,
    /// Who runs a job on it now, if anyone (an expired lease is shown as such).
    pub lease: Option<Lease>,
    /// Whether this history holds it (by id).
    pub here: bool,
}

/// What a profile's account holds: where, and every recorded environment.
#[derive(Debug, Clone)]
pub struct AccountListing {
    pub account: String,
    pub region: String,
    pub location: StateLocation,
    pub environments: Vec<AccountEnvironment>,
}

impl Service {
    /// Team mode on (`Some`, with the bucket and prefix a person named, blank for the default)
    /// or off (`None`) for `profile`; a bucket or prefix AWS would refuse is refused here,
    /// naming the field, before anything is kept.
    pub fn set_team_mode(
        &self,
        profile: &str,
        on: Option<TeamSettings>,
    ) -> Result<Option<TeamState>, ServiceError> {
        if self.store().get_profile(profile)?.is_none() {
            return Err(ServiceError::NotFound(format!(
                "no profile named '{profile}'"
            )));
        }
        let team = on
            .map(TeamSettings::checked)
            .transpose()
            .map_err(|e| EngineError::Invalid(format!("team mode for '{profile}': {e}")))?;
        self.store().set_team_state(profile, team.as_ref())?;
        Ok(team)
    }

    /// Every environment `profile`'s account records in its state bucket, in the profile's
    /// region (or `region`); `None`, with no AWS call, when the profile is not in team mode.
    pub async fn account_environments(
        &self,
        profile: &str,
        region: Option<&str>,
    ) -> Result<Option<AccountListing>, ServiceError> {
        let Some(team) = self.team_location(profile, region).await? else {
            return Ok(None);
        };
        Ok(Some(self.listing_at(&team).await?))
    }

    async fn listing_at(&self, team: &TeamLocation) -> Result<AccountListing, ServiceError> {
        let TeamLocation {
            clients,
            account,
            region,
            location,
        } = team;
        let here: Vec<String> = self
            .store()
            .list_environments()?
            .into_iter()
            .map(|e| e.uid)
            .collect();
        let mut environments = Vec::new();
        for body in team_state::list_records(&clients.s3, location)
            .await
            .map_err(aws)?
        {
            let state = EnvironmentState::parse(&body)?;
            environments.push(AccountEnvironment {
                uid: state.uid.clone(),
                name: state.name.clone(),
                record: Some(state),
                lease: None,
                here: false,
            });
        }
        for (uid, name) in tagged_environments(clients).await.map_err(aws)? {
            if !environments.iter().any(|e| e.uid == uid) {
                environments.push(AccountEnvironment {
                    uid,
                    name,
                    record: None,
                    lease: None,
                    here: false,
                });
            }
        }
        for env in &mut environments {
            env.here = here.contains(&env.uid);
            env.lease = team_state::read_lease(&clients.s3, location, &env.uid)
                .await
                .map_err(aws)?
                .map(|(lease, _)| lease);
        }
        environments.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(AccountListing {
            account: account.clone(),
            region: region.clone(),
            location: location.clone(),
            environments,
        })
    }

    /// Brings the environment the state bucket records as `name` into this history, under
    /// `profile`; every job then works on it as on one made here. One only its tags show (made
    /// without team mode) comes in for teardown only.
    pub async fn adopt(
        &self,
        name: &str,
        profile: &str,
        region: Option<&str>,
    ) -> Result<EnvironmentRecord, ServiceError> {
        if self.store().environment(name)?.is_some() {
            return Err(EngineError::Invalid(format!(
                "this history already has an environment named '{name}'"
            ))
            .into());
        }
        let team = self
            .team_location(profile, region)
            .await?
            .ok_or_else(|| not_in_team_mode(profile))?;
        let listing = self.listing_at(&team).await?;
        let mut found: Vec<_> = listing
            .environments
            .into_iter()
            .filter(|e| e.name == name)
            .collect();
        let one = match found.len() {
            0 => {
                return Err(ServiceError::NotFound(format!(
                    "no environment named '{name}' in s3://{}/{}",
                    listing.location.bucket,
                    listing.location.records_prefix()
                )));
            }
            1 => found.remove(0),
            _ => {
                let ids: Vec<_> = found.iter().map(|e| e.uid.as_str()).collect();
                return Err(EngineError::Invalid(format!(
                    "{} environments are named '{name}' in the account ({}); adopt by id is not supported yet",
                    ids.len(),
                    ids.join(", ")
                ))
                .into());
            }
        };
        if one.here {
            return Err(EngineError::Invalid(format!(
                "this history already has '{name}' (id {}) under another name",
                one.uid
            ))
            .into());
        }
        let profile = profile.to_string();
        let Some(record) = one.record else {
            // Made without team mode: its tags say which environment it is, nothing says what
            // it was made from, so this history may only tear it down.
            let (uid, name) = (one.uid, one.name);
            let (account, region) = (listing.account, listing.region);
            return self
                .blocking(move |service| {
                    let store = service.store();
                    let env =
                        store.create_teardown_only_environment(&name, &uid, &profile, &region)?;
                    store.set_environment_account(env.id, &account)?;
                    Ok(env)
                })
                .await;
        };
        let env = self
            .blocking({
                let profile = profile.clone();
                move |service| Ok(record.adopt_into(service.store(), &profile)?)
            })
            .await?;
        // The password the account keeps comes too, so `hangar secret` shows it here before
        // any job; a plan that no longer builds asks for none.
        if plan_for(&env).is_ok_and(|plan| env_password::needed(&plan)) {
            let keychain = self.keychain.as_ref().as_ref().map_err(Clone::clone)?;
            env_password::fetch(keychain, &team.clients, &env.uid).await?;
        }
        Ok(env)
    }

    /// Where `profile`'s team state lives, and the clients to reach it; `None` before any AWS
    /// call when the profile is not in team mode.
    async fn team_location(
        &self,
        profile: &str,
        region: Option<&str>,
    ) -> Result<Option<TeamLocation>, ServiceError> {
        let record = self
            .store()
            .get_profile(profile)?
            .ok_or_else(|| ServiceError::NotFound(format!("no profile named '{profile}'")))?;
        let Some(team) = self.store().team_state(profile)? else {
            return Ok(None);
        };
        let region = region.unwrap_or(&record.region).to_string();
        let sdk = self.sdk_config(profile, &region).await?;
        let clients = Clients::new(&sdk);
        let (account, _) = caller_identity(&clients).await.map_err(aws)?;
        let location = team.location(&account, &region);
        Ok(Some(TeamLocation {
            clients,
            account,
            region,
            location,
        }))
    }
}

struct TeamLocation {
    clients: Clients,
    account: String,
    region: String,
    location: StateLocation,
}

/// The state bucket and prefix as a person gave them; blank means the default.
#[derive(Debug, Clone, Default)]
pub struct TeamSettings {
    pub bucket: Option<String>,
    pub prefix: Option<String>,
}

impl TeamSettings {
    fn checked(self) -> Result<TeamState, SettingError> {
        let given = |value: Option<String>| {
            value
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let (bucket, prefix) = (given(self.bucket), given(self.prefix));
        if let Some(bucket) = &bucket {
            check_bucket(bucket)?;
        }
        if let Some(prefix) = &prefix {
            check_prefix(prefix)?;
        }
        Ok(TeamState { bucket, prefix })
    }
}

/// What `list --account` and `adopt` answer for a profile without team mode.
pub fn not_in_team_mode(profile: &str) -> ServiceError {
    EngineError::Invalid(format!(
        "profile '{profile}' is not in team mode: `hangar profile team {profile} on`"
    ))
    .into()
}
